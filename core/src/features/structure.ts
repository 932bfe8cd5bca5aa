import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  SymbolKind,
  FoldingRangeKind,
  type DocumentSymbol,
  type FoldingRange,
  type Position,
  type SelectionRange,
  type Range,
} from 'vscode-languageserver-types';
import type { ASTNode, ValueNode } from '../document/ast';
import { findNodeAtOffset, deref, findProperty } from '../document/ast';
import type { ParsedDocument } from '../document/document';
import { partAt } from '../document/document';

const MAX_SYMBOLS = 20_000;

function kindOf(node: ValueNode | undefined): SymbolKind {
  switch (node?.type) {
    case 'object':
      return SymbolKind.Module;
    case 'array':
      return SymbolKind.Array;
    case 'string':
      return SymbolKind.String;
    case 'number':
      return SymbolKind.Number;
    case 'boolean':
      return SymbolKind.Boolean;
    case 'alias':
      return SymbolKind.Variable;
    default:
      return SymbolKind.Null;
  }
}

/** A readable name for a list item: its `name`, `id`, `alert`, `record`, `job_name`, … */
function itemName(item: ASTNode, index: number): string {
  const obj = deref(item);
  if (obj && obj.type === 'object') {
    for (const k of ['name', 'id', 'alert', 'record', 'job_name', 'uid', 'title', 'receiver', 'group']) {
      const p = findProperty(obj, k);
      const v = p?.valueNode;
      if (v && (v.type === 'string' || v.type === 'number')) return `${index}: ${String(v.value)}`;
    }
  }
  return String(index);
}

function detailOf(node: ValueNode | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'string' || node.type === 'number' || node.type === 'boolean') {
    const s = String(node.value);
    return s.length > 40 ? s.slice(0, 39) + '…' : s;
  }
  if (node.type === 'alias') return `*${node.name}`;
  return undefined;
}

/** The outline: one symbol per key and list item, nested; one top symbol per document of a stream. */
export function documentSymbols(doc: TextDocument, parsed: ParsedDocument): DocumentSymbol[] {
  let count = 0;
  const range = (offset: number, length: number): Range => ({
    start: doc.positionAt(offset),
    end: doc.positionAt(offset + length),
  });
  const children = (node: ValueNode | undefined, depth: number): DocumentSymbol[] | undefined => {
    if (!node || depth > 64 || count > MAX_SYMBOLS) return undefined;
    if (node.type === 'object') {
      return node.properties.map((p) => {
        count++;
        const full = range(p.offset, Math.max(p.length, p.keyNode.length));
        return {
          name: p.keyNode.value || '""',
          kind: kindOf(p.valueNode),
          detail: detailOf(p.valueNode),
          range: full,
          selectionRange: range(p.keyNode.offset, p.keyNode.length),
          children: children(p.valueNode, depth + 1),
        };
      });
    }
    if (node.type === 'array') {
      return node.items.map((item, i) => {
        count++;
        const r = range(item.offset, item.length);
        return {
          name: itemName(item, i),
          kind: kindOf(item),
          detail: detailOf(item),
          range: r,
          selectionRange: r,
          children: children(item, depth + 1),
        };
      });
    }
    return undefined;
  };
  if (parsed.parts.length === 1) return children(parsed.parts[0].root, 0) ?? [];
  return parsed.parts.map((part, i) => {
    const r = range(part.start, Math.max(0, part.end - part.start));
    const root = part.root;
    const label =
      root && root.type === 'object'
        ? ['tenant_id', 'name', 'id'].map((k) => findProperty(root, k)?.valueNode).find((v) => v && v.type === 'string')
        : undefined;
    return {
      name: `Document ${i + 1}${label && label.type === 'string' ? `: ${label.value}` : ''}`,
      kind: SymbolKind.File,
      range: r,
      selectionRange: { start: r.start, end: r.start },
      children: children(root, 0) ?? [],
    };
  });
}

/** Folding: every mapping or list spanning lines (from its key), block scalars and comment runs. */
export function foldingRanges(doc: TextDocument, parsed: ParsedDocument): FoldingRange[] {
  const out: FoldingRange[] = [];
  const text = parsed.text;
  const lineOf = (offset: number): number => doc.positionAt(offset).line;
  const endLine = (node: ASTNode): number => {
    let end = node.offset + node.length;
    while (end > node.offset && /\s/.test(text[end - 1] ?? '')) end--;
    let line = lineOf(end);
    if (parsed.format === 'json' && (node.type === 'object' || node.type === 'array')) line--;
    return line;
  };
  const visit = (node: ASTNode | undefined, startLine: number | undefined, depth: number): void => {
    if (!node || depth > 128 || out.length > 50_000) return;
    if (
      node.type === 'object' ||
      node.type === 'array' ||
      (node.type === 'string' && (node.style === 'literal' || node.style === 'folded'))
    ) {
      const s = startLine ?? lineOf(node.offset);
      const e = endLine(node);
      if (e > s) out.push({ startLine: s, endLine: e });
    }
    if (node.type === 'object')
      for (const p of node.properties) visit(p.valueNode, lineOf(p.keyNode.offset), depth + 1);
    else if (node.type === 'array') for (const i of node.items) visit(i, undefined, depth + 1);
  };
  for (const part of parsed.parts) visit(part.root, undefined, 0);
  if (parsed.format === 'yaml') {
    let start = -1;
    const lines = text.split(/\r\n|\r|\n/);
    for (let i = 0; i <= lines.length; i++) {
      const isComment = i < lines.length && /^\s*#/.test(lines[i]);
      if (isComment && start < 0) start = i;
      if (!isComment && start >= 0) {
        if (i - 1 > start) out.push({ startLine: start, endLine: i - 1, kind: FoldingRangeKind.Comment });
        start = -1;
      }
    }
  }
  return out;
}

/** Selection ranges: the scalar, its key and value, the enclosing mapping, … up to the document. */
export function selectionRanges(doc: TextDocument, parsed: ParsedDocument, positions: Position[]): SelectionRange[] {
  return positions.map((pos) => {
    const offset = doc.offsetAt(pos);
    const part = partAt(parsed, offset);
    const ranges: Range[] = [];
    let node = findNodeAtOffset(part?.root, offset);
    while (node) {
      const r = { start: doc.positionAt(node.offset), end: doc.positionAt(node.offset + node.length) };
      const last = ranges[ranges.length - 1];
      if (
        !last ||
        last.start.line !== r.start.line ||
        last.start.character !== r.start.character ||
        last.end.line !== r.end.line ||
        last.end.character !== r.end.character
      )
        ranges.push(r);
      node = node.parent;
    }
    if (part) ranges.push({ start: doc.positionAt(part.start), end: doc.positionAt(part.end) });
    let result: SelectionRange | undefined;
    for (let i = ranges.length - 1; i >= 0; i--) result = { range: ranges[i], parent: result };
    return result ?? { range: { start: pos, end: pos } };
  });
}
