/**
 * What the workspace index adds to a document's features: names defined elsewhere offered where a
 * reference is expected, and definitions, references and renames across files, as LSP values.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CompletionItemKind,
  type CompletionItem,
  type CompletionList,
  type Location,
  type Position,
  type Range,
  type WorkspaceEdit,
} from 'vscode-languageserver-types';
import type { WorkspaceIndex } from '../workspace/index';

/** The schema's completion items plus the names visible from the position (each once). */
export function withWorkspaceNames(
  list: CompletionList,
  index: WorkspaceIndex,
  doc: TextDocument,
  position: Position,
): CompletionList {
  const names = index.completionNames(doc.uri, doc.offsetAt(position));
  if (!names) return list;
  const range = names.replace
    ? { start: doc.positionAt(names.replace.offset), end: doc.positionAt(names.replace.offset + names.replace.length) }
    : undefined;
  const seen = new Set(list.items.map((i) => i.label));
  for (const name of names.names) {
    if (seen.has(name)) continue;
    const item: CompletionItem = {
      label: name,
      kind: CompletionItemKind.Reference,
      detail: `defined ${names.namespace}`,
      sortText: '0' + name,
    };
    if (range) item.textEdit = { range, newText: name };
    list.items.push(item);
  }
  return list;
}

export function definition(index: WorkspaceIndex, doc: TextDocument, position: Position): Location[] {
  return index.definition(doc.uri, doc.offsetAt(position)).map((l) => ({ uri: l.uri, range: l.range }));
}

export function references(
  index: WorkspaceIndex,
  doc: TextDocument,
  position: Position,
  includeDeclaration: boolean,
): Location[] {
  return index
    .references(doc.uri, doc.offsetAt(position), includeDeclaration)
    .map((l) => ({ uri: l.uri, range: l.range }));
}

export function prepareRename(
  index: WorkspaceIndex,
  doc: TextDocument,
  position: Position,
): { range: Range; placeholder: string } | null {
  const r = index.prepareRename(doc.uri, doc.offsetAt(position));
  return r ? { range: r.range, placeholder: r.placeholder } : null;
}

export function rename(
  index: WorkspaceIndex,
  doc: TextDocument,
  position: Position,
  newName: string,
): WorkspaceEdit | null {
  const r = index.rename(doc.uri, doc.offsetAt(position), newName);
  if (!r) return null;
  const changes: NonNullable<WorkspaceEdit['changes']> = {};
  for (const [uri, edits] of Object.entries(r.changes))
    changes[uri] = edits.map((e) => ({ range: e.range, newText: e.newText }));
  return { changes };
}
