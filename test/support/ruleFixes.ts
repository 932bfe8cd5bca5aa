import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-types';
import type { CrossFileProblems } from '../../core/src/index';
import { doc, service, settings } from './service';

/** How a test picks the diagnostic to fix: by code, and by path when several have that code. */
export interface Target {
  code: string;
  path?: Array<string | number>;
}

const samePath = (d: Diagnostic, path: Array<string | number> | undefined): boolean =>
  path === undefined || JSON.stringify((d.data as { path?: unknown }).path) === JSON.stringify(path);

/** The diagnostic of a text matching a target (an error when there is none). */
export function diagnosticOf(text: string, name: string, target: Target): Diagnostic {
  const diagnostics = service().doValidation(doc(text, name), settings());
  const d = diagnostics.find((x) => x.code === target.code && samePath(x, target.path));
  if (!d)
    throw new Error(
      `no ${target.code} at ${JSON.stringify(target.path)} among ${diagnostics.map((x) => `${String(x.code)} ${JSON.stringify((x.data as { path?: unknown }).path)}`).join(', ')}`,
    );
  return d;
}

/** The quick fixes offered for one diagnostic (not the "fix all" actions), for `text` (or another version of it). */
export function quickFixes(text: string, name: string, d: Diagnostic, crossFile?: CrossFileProblems): CodeAction[] {
  const actions = service().getCodeActions(
    doc(text, name),
    d.range,
    { diagnostics: [d], only: ['quickfix'] },
    settings(),
    crossFile,
  );
  return actions.filter((a) => a.diagnostics?.length === 1 && a.diagnostics[0] === d);
}

export function applyAction(text: string, action: CodeAction): string {
  const edits = Object.values(action.edit?.changes ?? {})[0] as TextEdit[];
  return TextDocument.applyEdits(TextDocument.create('file:///x', 'yaml', 1, text), edits);
}

/** Each quick fix of the target diagnostic, applied: the resulting texts (preferred first). */
export function fixedTexts(text: string, name: string, target: Target): string[] {
  const actions = quickFixes(text, name, diagnosticOf(text, name, target));
  return [...actions.filter((a) => a.isPreferred), ...actions.filter((a) => !a.isPreferred)].map((a) =>
    applyAction(text, a),
  );
}

/** The text after the preferred quick fix of the target diagnostic. */
export function fixedBy(text: string, name: string, target: Target): string {
  const d = diagnosticOf(text, name, target);
  const action = quickFixes(text, name, d).find((a) => a.isPreferred);
  if (!action) throw new Error(`no preferred fix for ${target.code}; data: ${JSON.stringify(d.data)}`);
  return applyAction(text, action);
}

/** The text after `source.fixAll.tenantConfig` (unchanged when it offers nothing). */
export function fixAll(text: string, name: string): string {
  const d = doc(text, name);
  const actions = service().getCodeActions(
    d,
    { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    { diagnostics: [], only: ['source.fixAll'] },
    settings(),
  );
  return actions.length ? applyAction(text, actions[0]) : text;
}

/** The codes (and paths) of a text's diagnostics. */
export function codesOf(text: string, name: string): string[] {
  return service()
    .doValidation(doc(text, name), settings())
    .map((d) => `${String(d.code)} ${JSON.stringify((d.data as { path?: unknown }).path)}`);
}
