/** One line per problem, `file:line:col severity code message`, for grep and editors' problem matchers. */
import { escapeControls } from './escape';
import type { LintReport } from './model';

export function text(report: LintReport): string {
  const lines: string[] = [];
  for (const file of report.files)
    for (const p of file.problems)
      lines.push(
        `${escapeControls(file.path)}:${p.line}:${p.column} ${p.severity} ${p.code} ${escapeControls(p.message)}`,
      );
  return lines.join('\n');
}

/** The summary the text format writes to standard error. */
export function textSummary(report: LintReport): string {
  const { files, errors, warnings } = report.summary;
  return `${files} file(s) checked: ${errors} error(s), ${warnings} warning(s)`;
}
