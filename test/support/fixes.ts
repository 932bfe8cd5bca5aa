import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-types';
import { doc, service, settings } from './service';

export function actionsFor(
  text: string,
  name: string,
  code: string,
  only?: string[],
): { actions: CodeAction[]; diagnostics: Diagnostic[] } {
  const d = doc(text, name);
  const diagnostics = service().doValidation(d, settings());
  const targets = diagnostics.filter((x) => x.code === code);
  if (targets.length === 0) throw new Error(`no ${code} among ${diagnostics.map((x) => x.code).join(', ')}`);
  const range = targets[0].range;
  const actions = service().getCodeActions(d, range, { diagnostics: [targets[0]], only }, settings());
  return { actions, diagnostics };
}

export function apply(text: string, action: CodeAction): string {
  const edits = Object.values(action.edit?.changes ?? {})[0] as TextEdit[];
  return TextDocument.applyEdits(TextDocument.create('file:///x', 'yaml', 1, text), edits);
}

/** The text after the preferred quick fix for the first diagnostic with `code`. */
export function fixed(text: string, name: string, code: string, title?: RegExp): string {
  const { actions } = actionsFor(text, name, code);
  const action = title
    ? actions.find((a) => title.test(a.title))
    : actions.find((a) => a.isPreferred && a.kind === 'quickfix');
  if (!action) throw new Error(`no fix for ${code}: ${actions.map((a) => a.title).join(' | ')}`);
  return apply(text, action);
}
