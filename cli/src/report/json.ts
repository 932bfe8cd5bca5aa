/** Machine-readable output: every file linted with its problems, and the totals. */
import { escapeJsonControls } from './escape';
import type { LintReport } from './model';

export function json(report: LintReport): string {
  const text = JSON.stringify(
    {
      files: report.files.map((f) => ({
        file: f.path,
        problems: f.problems.map((p) => ({
          line: p.line,
          column: p.column,
          endLine: p.endLine,
          endColumn: p.endColumn,
          severity: p.severity,
          code: p.code,
          message: p.message,
        })),
      })),
      summary: report.summary,
      suppressed: report.suppressed,
      ...(report.baseline ? { baseline: report.baseline } : {}),
    },
    null,
    2,
  );
  return escapeJsonControls(text);
}
