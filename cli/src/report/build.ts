/** The report of a run: each file's diagnostics in position order, as plain problems, with totals. */
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { quickFixes } from '../fixes';
import type { Linted } from '../suppressions';
import type { LintReport, ReportFile, ReportProblem, SeverityName } from './model';

const SEVERITY: Record<number, SeverityName> = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' };
const posix = (p: string): string => p.split(path.sep).join('/');

export function buildReport(
  files: Linted[],
  about: { cwd: string; version: string; docsFile: string },
  withFixes: boolean,
  suppressed: number,
  baseline: LintReport['baseline'],
): LintReport {
  let errors = 0;
  let warnings = 0;
  const out: ReportFile[] = [];
  for (const f of files) {
    const diagnostics = [...f.diagnostics].sort(
      (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
    );
    const fixes = withFixes ? quickFixes(f.host, f, f.fileSettings.settings, diagnostics) : undefined;
    const problems: ReportProblem[] = diagnostics.map((d) => {
      const severity = SEVERITY[d.severity ?? 1];
      if (severity === 'error') errors++;
      else if (severity === 'warning') warnings++;
      const fixList = fixes?.get(d);
      return {
        line: d.range.start.line + 1,
        column: d.range.start.character + 1,
        endLine: d.range.end.line + 1,
        endColumn: d.range.end.character + 1,
        severity,
        code: String(d.code ?? ''),
        message: typeof d.message === 'string' ? d.message : d.message.value,
        ...(fixList ? { fixes: fixList } : {}),
      };
    });
    out.push({ path: posix(path.relative(about.cwd, f.file)) || posix(f.file), problems });
  }
  return {
    cwd: about.cwd,
    version: about.version,
    docsUri: URI.file(about.docsFile).toString(),
    files: out,
    summary: { files: out.length, errors, warnings },
    suppressed,
    baseline,
  };
}
