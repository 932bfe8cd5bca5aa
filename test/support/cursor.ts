import type { CompletionItem, TextEdit } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { doc, service, settings } from './service';

/** Split a fixture at its `$0` cursor marker (`|` is YAML syntax, so it cannot mark the cursor). */
export function cursor(text: string): { text: string; offset: number } {
  const offset = text.indexOf('$0');
  if (offset < 0) throw new Error('fixture has no $0 cursor');
  return { text: text.slice(0, offset) + text.slice(offset + 2), offset };
}

/** Completion items at the `$0` of a fixture. */
export function complete(fixture: string, name = 'test.tenant.yaml'): { items: CompletionItem[]; text: string } {
  const { text, offset } = cursor(fixture);
  const d = doc(text, name);
  const list = service().doComplete(d, d.positionAt(offset), settings());
  return { items: list.items, text };
}

/** Snippet text as the editor inserts it with every placeholder left at its default. */
export function expandSnippet(snippet: string): string {
  let out = snippet;
  for (let i = 0; i < 5; i++) {
    out = out
      .replace(/\$\{\d+:([^{}]*)\}/g, '$1')
      .replace(/\$\{\d+\|([^,|]*)[^|]*\|\}/g, '$1')
      .replace(/\$\{\d+\}|\$\d+/g, '');
  }
  return out.replace(/\\([$}\\])/g, '$1');
}

/** The document text after choosing the completion item labelled `label`. */
export function applyCompletion(fixture: string, label: string, name = 'test.tenant.yaml'): string {
  const { items, text } = complete(fixture, name);
  const item = items.find((i) => i.label === label);
  if (!item) throw new Error(`no completion '${label}' among: ${items.map((i) => i.label).join(', ')}`);
  const edit = item.textEdit as TextEdit;
  const d = TextDocument.create('file:///x', 'yaml', 1, text);
  const newText = item.insertTextFormat === 2 ? expandSnippet(edit.newText) : edit.newText;
  return TextDocument.applyEdits(d, [{ range: edit.range, newText }]);
}

export function labels(items: CompletionItem[]): string[] {
  return items.map((i) => String(i.label));
}
