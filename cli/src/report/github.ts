/**
 * GitHub Actions workflow commands: each problem becomes an annotation on its file and lines
 * (`::error file=…,line=…,col=…,endLine=…,endColumn=…,title=<code>::<message>`).
 */
import { escapeControls } from './escape';
import type { LintReport, SeverityName } from './model';

const COMMAND: Record<SeverityName, string> = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' };

/** A command's message: `%`, CR and LF escaped as the runner reads them; other controls made visible. */
export function escapeData(s: string): string {
  return escapeControls(s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
}

/** A command's property value: as a message, plus `:` and `,`, which separate properties. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function github(report: LintReport): string {
  const lines: string[] = [];
  for (const f of report.files)
    for (const p of f.problems) {
      const props = [
        `file=${escapeProperty(f.path)}`,
        `line=${p.line}`,
        `col=${p.column}`,
        `endLine=${p.endLine}`,
        `endColumn=${p.endColumn}`,
        `title=${escapeProperty(p.code)}`,
      ];
      lines.push(`::${COMMAND[p.severity]} ${props.join(',')}::${escapeData(p.message)}`);
    }
  const { files, errors, warnings } = report.summary;
  lines.push(`${files} file(s) checked: ${errors} error(s), ${warnings} warning(s)`);
  return lines.join('\n');
}
