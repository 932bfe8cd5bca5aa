/** The default output: problems grouped by file, aligned, coloured on a terminal. */
import { escapeControls } from './escape';
import type { LintReport, RenderOptions, ReportProblem } from './model';

const ANSI = { red: 31, yellow: 33, cyan: 36, dim: 2, bold: 1, underline: 4 } as const;
type Style = keyof typeof ANSI;

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

export function stylish(report: LintReport, options: RenderOptions): string {
  const paint = (style: Style, s: string): string => (options.color ? `\u001b[${ANSI[style]}m${s}\u001b[0m` : s);
  const severityStyle: Record<ReportProblem['severity'], Style> = {
    error: 'red',
    warning: 'yellow',
    info: 'cyan',
    hint: 'dim',
  };
  const lines: string[] = [];
  for (const file of report.files) {
    if (file.problems.length === 0) continue;
    const rows = file.problems.map((p) => ({
      at: `${p.line}:${p.column}`,
      severity: p.severity,
      message: escapeControls(p.message),
      code: escapeControls(p.code),
    }));
    const at = Math.max(...rows.map((r) => r.at.length));
    const sev = Math.max(...rows.map((r) => r.severity.length));
    lines.push(paint('underline', escapeControls(file.path)));
    for (const r of rows)
      lines.push(
        `  ${paint('dim', r.at.padEnd(at))}  ${paint(severityStyle[r.severity], r.severity.padEnd(sev))}  ${r.message}  ${paint('dim', r.code)}`,
      );
    lines.push('');
  }
  const { errors, warnings, files } = report.summary;
  const others = report.files.reduce(
    (n, f) => n + f.problems.filter((p) => p.severity === 'info' || p.severity === 'hint').length,
    0,
  );
  const total = errors + warnings + others;
  const counts = `${plural(errors, 'error')}, ${plural(warnings, 'warning')}${others ? `, ${others} other` : ''}`;
  const checked = `${plural(files, 'file')} checked`;
  if (total === 0) lines.push(`${checked}: no problems`);
  else {
    const style: Style = errors ? 'red' : warnings ? 'yellow' : 'cyan';
    lines.push(paint(style, paint('bold', `✖ ${plural(total, 'problem')} (${counts})`)) + ` in ${checked}`);
  }
  if (report.suppressed) lines.push(paint('dim', `${plural(report.suppressed, 'problem')} suppressed`));
  if (report.baseline) {
    const { known, gone } = report.baseline;
    if (known) lines.push(paint('dim', `${plural(known, 'known problem')} left out (in the baseline)`));
    if (gone)
      lines.push(
        paint(
          'dim',
          `${gone} baseline ${gone === 1 ? 'entry' : 'entries'} no longer found: record the baseline again with --baseline-write`,
        ),
      );
  }
  return lines.join('\n');
}
