/** The verified quick fixes of each problem, for the output formats that carry fixes (SARIF). */
import { URI } from 'vscode-uri';
import { CodeActionKind, type Diagnostic } from 'vscode-languageserver-types';
import type { AnalysisHost, DocumentSettings } from '../../core/src/index';
import type { ReportFix } from './report/model';

export function quickFixes(
  host: AnalysisHost,
  file: { file: string; languageId: 'yaml' | 'json'; text: string },
  settings: DocumentSettings,
  diagnostics: Diagnostic[],
): Map<Diagnostic, ReportFix[]> {
  const out = new Map<Diagnostic, ReportFix[]>();
  const ours = diagnostics.filter((d) => d.source === 'tenant-config' && d.data && typeof d.data === 'object');
  if (ours.length === 0) return out;
  const uri = URI.file(file.file).toString();
  if (host.document(uri)?.getText() !== file.text) return out;
  let actions;
  try {
    actions = host.codeActions(
      uri,
      { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      { diagnostics: ours, only: [CodeActionKind.QuickFix] },
      settings,
    );
  } catch {
    return out;
  }
  for (const a of actions) {
    if (a.kind !== CodeActionKind.QuickFix || a.diagnostics?.length !== 1) continue;
    const edits = a.edit?.changes?.[uri];
    if (!edits?.length) continue;
    const d = a.diagnostics[0];
    const list = out.get(d) ?? [];
    list.push({
      title: a.title,
      edits: edits.map((e) => ({
        line: e.range.start.line + 1,
        column: e.range.start.character + 1,
        endLine: e.range.end.line + 1,
        endColumn: e.range.end.character + 1,
        newText: e.newText,
      })),
    });
    out.set(d, list);
  }
  return out;
}
