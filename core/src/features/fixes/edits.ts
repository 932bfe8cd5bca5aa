import type { ASTNode, ObjectNode, PropertyNode, ValueNode } from '../../document/ast';
import type { Dialect } from '../../dialect/dialect';
import { SnippetWriter } from '../../dialect/dialect';
import type { ValueIntent } from '../../dialect/intent';

/** A text change by offsets in the document text. */
export interface OffsetEdit {
  offset: number;
  length: number;
  text: string;
}

const UNIT = '  ';

function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function lineEndOf(text: string, offset: number): number {
  const e = text.indexOf('\n', offset);
  return e < 0 ? text.length : e;
}

function columnOf(text: string, offset: number): number {
  return offset - lineStartOf(text, offset);
}

/** The end of the text a node occupies, trailing blanks trimmed. */
function nodeEnd(text: string, node: ASTNode): number {
  let end = node.offset + node.length;
  while (end > node.offset && /\s/.test(text[end - 1])) end--;
  return end;
}

function eolOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/**
 * Add properties to a mapping, after its last property, in the mapping's own style: a new line at
 * the keys' column for a block mapping, `, key: value` for a flow mapping or JSON object, and a
 * nested block under a key whose value is still empty.
 */
export function insertProperties(text: string, dialect: Dialect, target: { object?: ObjectNode; emptyValueOf?: PropertyNode }, entries: Array<{ key: string; value: ValueIntent }>): OffsetEdit | undefined {
  const w = new SnippetWriter(false);
  const eol = eolOf(text);
  if (target.emptyValueOf) {
    const prop = target.emptyValueOf;
    const keyCol = columnOf(text, prop.keyNode.offset);
    const indent = ' '.repeat(keyCol) + UNIT;
    if (dialect.name === 'json') {
      const v = prop.valueNode;
      if (!v) return undefined;
      const body = entries.map((e) => dialect.property(e.key, e.value, indent, UNIT, w)).join(', ');
      return { offset: v.offset, length: v.length, text: `{ ${body} }` };
    }
    const at = lineEndOf(text, prop.keyNode.offset);
    // Keep a trailing comment on the key line where it is.
    return { offset: at, length: 0, text: entries.map((e) => eol + indent + dialect.property(e.key, e.value, indent, UNIT, w).split('\n').join(eol)).join('') };
  }
  const obj = target.object;
  if (!obj) return undefined;
  const props = obj.properties;
  if (dialect.name === 'json' || obj.flow) {
    const close = text.lastIndexOf('}', obj.offset + obj.length);
    if (close < obj.offset) return undefined;
    if (props.length === 0) {
      const body = entries.map((e) => dialect.property(e.key, e.value, '', UNIT, w)).join(', ');
      const open = obj.offset + 1;
      return { offset: open, length: close - open, text: dialect.name === 'json' ? ` ${body} ` : ` ${body} ` };
    }
    const last = props[props.length - 1];
    const end = nodeEnd(text, last);
    const multiline = text.slice(obj.offset, close).includes('\n');
    const col = columnOf(text, props[0].keyNode.offset);
    const indent = multiline ? ' '.repeat(col) : '';
    const sep = multiline ? ',' + eol + indent : ', ';
    return { offset: end, length: 0, text: entries.map((e) => sep + dialect.property(e.key, e.value, indent, UNIT, w).split('\n').join(eol)).join('') };
  }
  if (props.length === 0) return undefined;
  const col = columnOf(text, props[0].keyNode.offset);
  const indent = ' '.repeat(col);
  const last = props[props.length - 1];
  const at = lineEndOf(text, nodeEnd(text, last));
  return { offset: at, length: 0, text: entries.map((e) => eol + indent + dialect.property(e.key, e.value, indent, UNIT, w).split('\n').join(eol)).join('') };
}

/** Rename a key in place (quotes as the dialect writes them). */
export function renameKey(prop: PropertyNode, dialect: Dialect, newKey: string): OffsetEdit {
  const k = prop.keyNode;
  const text = k.style === 'single' ? `'${newKey.replace(/'/g, "''")}'` : k.style === 'double' ? JSON.stringify(newKey) : dialect.key(newKey);
  return { offset: k.offset, length: k.length, text };
}

/** Replace a value with another value in the dialect. */
export function replaceValue(node: ValueNode, dialect: Dialect, value: ValueIntent, text: string): OffsetEdit {
  const w = new SnippetWriter(false);
  const col = columnOf(text, node.offset);
  return { offset: node.offset, length: node.length, text: dialect.value(value, ' '.repeat(col), UNIT, w) };
}

/**
 * Remove a property: its whole lines in a block mapping (other lines and their comments stay), or
 * the entry and one adjacent comma in a flow mapping or JSON object.
 */
export function removeProperty(text: string, prop: PropertyNode): OffsetEdit | undefined {
  const obj = prop.parent;
  if (!obj || obj.type !== 'object') return undefined;
  const index = obj.properties.indexOf(prop);
  const end = nodeEnd(text, prop.valueNode && prop.valueNode.length > 0 ? prop.valueNode : prop.keyNode);
  if (obj.flow) {
    const next = obj.properties[index + 1];
    const prev = obj.properties[index - 1];
    if (next) return { offset: prop.keyNode.offset - (prop.keyNode.style === 'json' ? 0 : 0), length: next.keyNode.offset - prop.keyNode.offset, text: '' };
    if (prev) {
      const prevEnd = nodeEnd(text, prev.valueNode && prev.valueNode.length > 0 ? prev.valueNode : prev.keyNode);
      return { offset: prevEnd, length: end - prevEnd, text: '' };
    }
    return { offset: prop.keyNode.offset, length: end - prop.keyNode.offset, text: '' };
  }
  const lineStart = lineStartOf(text, prop.keyNode.offset);
  const before = text.slice(lineStart, prop.keyNode.offset);
  if (/^\s*$/.test(before)) {
    // The property owns its lines: remove them with their line break.
    let stop = lineEndOf(text, end);
    if (stop < text.length) stop += 1;
    return { offset: lineStart, length: stop - lineStart, text: '' };
  }
  // `- key: value` as the first key of a list item: the next key moves up after the dash.
  const next = obj.properties[index + 1];
  if (next) return { offset: prop.keyNode.offset, length: next.keyNode.offset - prop.keyNode.offset, text: '' };
  return { offset: prop.keyNode.offset, length: lineEndOf(text, end) - prop.keyNode.offset, text: '{}' };
}

/** Apply offset edits (non-overlapping) to a text. */
export function applyOffsetEdits(text: string, edits: OffsetEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.offset - a.offset);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.offset) + e.text + out.slice(e.offset + e.length);
  return out;
}

export function overlaps(a: OffsetEdit, b: OffsetEdit): boolean {
  return a.offset < b.offset + b.length && b.offset < a.offset + a.length || (a.offset === b.offset);
}
