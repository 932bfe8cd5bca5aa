import { getLocation, createScanner, SyntaxKind } from 'jsonc-parser';
import { lineStartOf } from '../../document/lineBreaks';
import type { JSONPath } from '../../document/ast';
import { findNodeAtPath, deref } from '../../document/ast';
import type { DocumentPart } from '../../document/document';
import type { CompletionSite } from './types';

/** The completion site in a JSON text at `offset` (jsonc-parser's location, our tree for keys present). */
export function jsonSite(text: string, offset: number, part: DocumentPart | undefined): CompletionSite | undefined {
  // jsonc-parser's visitor recurses once per nesting level: a text the reader refused as too deep
  // would exhaust the stack there.
  if (part?.problems.some((p) => p.code === 'document.too-deep')) return undefined;
  const loc = getLocation(text, offset);
  const lineStart = lineStartOf(text, offset);
  const indent = /^\s*/.exec(text.slice(lineStart, offset))![0];
  const prev = loc.previousNode;
  const inString = prev && prev.type === 'string' && offset > prev.offset && offset <= prev.offset + prev.length;
  const replace = inString ? { offset: prev!.offset, length: prev!.length } : { offset, length: 0 };
  const partial = inString ? text.slice(prev!.offset + 1, offset) : '';
  const needsComma = nextTokenIsValueStart(text, inString ? prev!.offset + prev!.length : offset);
  const path = loc.path as JSONPath;
  if (text.trim() === '')
    return {
      kind: 'key',
      path: [],
      partial: '',
      replace: { offset, length: 0 },
      indent: '',
      existing: new Set(),
      emptyDocument: true,
    };
  if (loc.isAtPropertyKey) {
    const objPath = path.slice(0, -1);
    const { node, depth } = findNodeAtPath(part?.root, objPath);
    const obj = depth === objPath.length ? deref(node) : undefined;
    const existing = new Set(obj && obj.type === 'object' ? obj.properties.map((p) => p.keyNode.value) : []);
    if (inString) existing.delete(partial + text.slice(offset, prev!.offset + prev!.length - 1));
    return { kind: 'key', path: objPath, partial, replace, indent, existing, needsComma, quoted: !!inString };
  }
  return { kind: 'value', path, partial, replace, indent, existing: new Set(), needsComma, quoted: !!inString };
}

/** Whether the next token after `from` starts another entry (so an insertion needs a comma). */
function nextTokenIsValueStart(text: string, from: number): boolean {
  const scanner = createScanner(text.slice(from, from + 4096), true);
  const kind = scanner.scan();
  return (
    kind === SyntaxKind.StringLiteral ||
    kind === SyntaxKind.OpenBraceToken ||
    kind === SyntaxKind.OpenBracketToken ||
    kind === SyntaxKind.NumericLiteral ||
    kind === SyntaxKind.TrueKeyword ||
    kind === SyntaxKind.FalseKeyword ||
    kind === SyntaxKind.NullKeyword
  );
}
