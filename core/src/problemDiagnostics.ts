/**
 * Problems as LSP diagnostics: positions, the severity policy (a setting per code, else the
 * problem's, else the code's default), links into the diagnostics reference, tags, the cap.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic } from 'vscode-languageserver-types';
import type { SeveritySetting } from '../../protocol/src/severity';
import { codeAnchor, defaultSeverity, type Severity } from './codes';
import { sayPlaced } from './messages';
import type { Problem } from './problem';

/** What the conversion reads of a document's settings. */
interface DiagnosticSettings {
  severity: Record<string, SeveritySetting>;
  maxProblems: number;
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/**
 * Problems as fix verification compares them (compare.ts): code, severity (the same policy as
 * `toDiagnostics`) and data; no message and no position, which it does not read and which cost
 * the most to make.
 */
export function toComparable(problems: Problem[], settings: DiagnosticSettings): Diagnostic[] {
  const out: Diagnostic[] = [];
  const nowhere = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  for (const p of problems) {
    const configured = settings.severity[p.code];
    if (configured === 'off') continue;
    const severity = SEVERITY[configured ?? p.severity ?? defaultSeverity(p.code)];
    out.push({
      range: nowhere,
      severity,
      code: p.code,
      source: 'tenant-config',
      message: '',
      data: { code: p.code, ...(p.data ?? {}) },
    });
  }
  return out;
}

/** Problems to LSP diagnostics: positions, severity policy (code default, problem, settings), links. */
export function toDiagnostics(
  doc: TextDocument,
  problems: Problem[],
  settings: DiagnosticSettings,
  docUri?: string,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  problems.sort((a, b) => a.offset - b.offset || a.code.localeCompare(b.code));
  for (const p of problems) {
    const configured = settings.severity[p.code];
    if (configured === 'off') continue;
    const severity = configured ?? p.severity ?? defaultSeverity(p.code);
    const d: Diagnostic = {
      range: { start: doc.positionAt(p.offset), end: doc.positionAt(p.offset + p.length) },
      severity: SEVERITY[severity],
      code: p.code,
      source: 'tenant-config',
      message: p.placed ? sayPlaced(p.placed, (offset) => doc.positionAt(offset)) : p.message,
      data: { code: p.code, ...(p.data ?? {}) },
    };
    if (docUri) d.codeDescription = { href: `${docUri}#${codeAnchor(p.code)}` };
    if (p.tags?.includes('deprecated')) d.tags = [DiagnosticTag.Deprecated];
    else if (p.tags?.includes('unnecessary')) d.tags = [DiagnosticTag.Unnecessary];
    out.push(d);
    if (out.length >= settings.maxProblems) break;
  }
  return out;
}
