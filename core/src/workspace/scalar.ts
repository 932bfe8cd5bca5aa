/**
 * Text helpers of the index: the range of a name inside its scalar (quotes excluded, escapes
 * mapped), the text that writes a new name into a scalar of a given style, and line starts.
 */
import type { ScalarStyle, StringNode } from '../document/ast';
import { buildOffsetMap } from '../lang/scalarMap';
import type { Position } from './types';
import { startIndexAt } from '../util/search';

export interface NameRange {
  offset: number;
  length: number;
  /** The range holds exactly the decoded value (no escapes, no folding). */
  exact: boolean;
}

/** Raw range of a string node's decoded value in the text. */
export function valueRange(text: string, node: StringNode): NameRange {
  const raw = text.slice(node.offset, node.offset + node.length);
  const v = node.value;
  if (raw === v) return { offset: node.offset, length: node.length, exact: true };
  const quoted = node.style === 'single' || node.style === 'double' || node.style === 'json';
  if (quoted && raw.length >= 2 && raw.slice(1, -1) === v)
    return { offset: node.offset + 1, length: v.length, exact: true };
  const map = buildOffsetMap(raw, node.style, v);
  if (!map.exact) return { offset: node.offset, length: node.length, exact: false };
  const [a, b] = map.mapRange(0, v.length);
  return { offset: node.offset + a, length: b - a, exact: raw.slice(a, b) === v };
}

/** Characters a name may contain to be written as is, anywhere (plain YAML, quotes, Go strings). */
const SAFE_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.\-/@+]*$/;

/** Whether a new name can be written (not empty, on one line, no quotes, braces or backslashes). */
export function isWritableName(name: string): boolean {
  return typeof name === 'string' && name.length > 0 && name.length <= 256 && !/[\s"'`\\{}\u0000-\u001f]/.test(name);
}

/**
 * The edit writing `name` for an occurrence: either the name replaces the old one in place
 * (`whole: false`), or the whole scalar is rewritten as a double-quoted string (a plain YAML
 * scalar that the new name would break, such as `#x` or `x: y`).
 */
export function encodeName(
  name: string,
  style: ScalarStyle,
  whole: boolean,
  go: boolean,
): { text: string; requote: boolean } {
  if (go) return { text: name, requote: false };
  switch (style) {
    case 'double':
    case 'json':
      return { text: JSON.stringify(name).slice(1, -1), requote: false };
    case 'single':
      return { text: name.replace(/'/g, "''"), requote: false };
    case 'plain':
      if (SAFE_NAME.test(name) || !whole) return { text: name, requote: false };
      return { text: JSON.stringify(name), requote: true };
    default:
      return { text: name, requote: false };
  }
}

/** Offsets where lines start. */
export function computeLineStarts(text: string): number[] {
  const starts = [0];
  let i = text.indexOf('\n');
  while (i >= 0) {
    starts.push(i + 1);
    i = text.indexOf('\n', i + 1);
  }
  return starts;
}

/** The line/character of an offset (UTF-16 units, as in LSP). */
export function positionAt(lineStarts: readonly number[], offset: number): Position {
  const line = startIndexAt(lineStarts, offset);
  return { line, character: Math.max(0, offset - lineStarts[line]) };
}

/** Offset of the end of the line holding `offset` (before `\r\n` / `\n`). */
export function lineEnd(lineStarts: readonly number[], offset: number, textLength: number): number {
  const { line } = positionAt(lineStarts, offset);
  const next = line + 1 < lineStarts.length ? lineStarts[line + 1] - 1 : textLength;
  return Math.max(offset, next);
}
