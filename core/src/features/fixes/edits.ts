import type { ArrayNode, ASTNode, ObjectNode, PropertyNode, ValueNode } from '../../document/ast';
import type { Dialect } from '../../dialect/dialect';
import { SnippetWriter } from '../../dialect/dialect';
import type { ValueIntent } from '../../dialect/intent';
import { eolNear, lineEndOf, lineStartOf, nextLineStart } from '../../document/lineBreaks';

/** A text change by offsets in the document text. */
export interface OffsetEdit {
  offset: number;
  length: number;
  text: string;
}

const UNIT = '  ';

function columnOf(text: string, offset: number): number {
  return offset - lineStartOf(text, offset);
}

/** The end of the text a node occupies, trailing blanks trimmed. */
function nodeEnd(text: string, node: ASTNode): number {
  let end = node.offset + node.length;
  while (end > node.offset && /\s/.test(text[end - 1])) end--;
  return end;
}

/**
 * Add properties to a mapping, after its last property, in the mapping's own style: a new line at
 * the keys' column for a block mapping, `, key: value` for a flow mapping or JSON object, and a
 * nested block under a key whose value is still empty.
 */
export function insertProperties(
  text: string,
  dialect: Dialect,
  target: { object?: ObjectNode; emptyValueOf?: PropertyNode },
  entries: Array<{ key: string; value: ValueIntent }>,
): OffsetEdit | undefined {
  const w = new SnippetWriter(false);
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
    const eol = eolNear(text, at);
    // Keep a trailing comment on the key line where it is.
    return {
      offset: at,
      length: 0,
      text: entries
        .map((e) => eol + indent + dialect.property(e.key, e.value, indent, UNIT, w).split('\n').join(eol))
        .join(''),
    };
  }
  const obj = target.object;
  if (!obj) return undefined;
  const props = obj.properties;
  if (dialect.name === 'json' || obj.flow) {
    const close = text.lastIndexOf('}', obj.offset + obj.length - 1);
    if (close < obj.offset) return undefined;
    if (props.length === 0) {
      const body = entries.map((e) => dialect.property(e.key, e.value, '', UNIT, w)).join(', ');
      const open = obj.offset + 1;
      return { offset: open, length: close - open, text: dialect.name === 'json' ? ` ${body} ` : ` ${body} ` };
    }
    const last = props[props.length - 1];
    const end = nodeEnd(text, last);
    const multiline = /[\r\n]/.test(text.slice(obj.offset, close));
    const eol = eolNear(text, end);
    const col = columnOf(text, props[0].keyNode.offset);
    const indent = multiline ? ' '.repeat(col) : '';
    const sep = multiline ? ',' + eol + indent : ', ';
    return {
      offset: end,
      length: 0,
      text: entries.map((e) => sep + dialect.property(e.key, e.value, indent, UNIT, w).split('\n').join(eol)).join(''),
    };
  }
  if (props.length === 0) return undefined;
  const col = columnOf(text, props[0].keyNode.offset);
  const indent = ' '.repeat(col);
  const last = props[props.length - 1];
  const at = lineEndOf(text, nodeEnd(text, last));
  const eol = eolNear(text, at);
  return {
    offset: at,
    length: 0,
    text: entries
      .map((e) => eol + indent + dialect.property(e.key, e.value, indent, UNIT, w).split('\n').join(eol))
      .join(''),
  };
}

/** Rename a key in place (quotes as the dialect writes them). */
export function renameKey(prop: PropertyNode, dialect: Dialect, newKey: string): OffsetEdit {
  const k = prop.keyNode;
  const text =
    k.style === 'single'
      ? `'${newKey.replace(/'/g, "''")}'`
      : k.style === 'double'
        ? JSON.stringify(newKey)
        : dialect.key(newKey);
  return { offset: k.offset, length: k.length, text };
}

/** Replace a value with another value in the dialect. */
export function replaceValue(node: ValueNode, dialect: Dialect, value: ValueIntent, text: string): OffsetEdit {
  const w = new SnippetWriter(false);
  const col = columnOf(text, node.offset);
  const written = dialect.value(value, ' '.repeat(col), UNIT, w);
  const eol = written.includes('\n') ? eolNear(text, node.offset) : '\n';
  return { offset: node.offset, length: node.length, text: written.split('\n').join(eol) };
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
    if (next)
      return {
        offset: prop.keyNode.offset - (prop.keyNode.style === 'json' ? 0 : 0),
        length: next.keyNode.offset - prop.keyNode.offset,
        text: '',
      };
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
    return { offset: lineStart, length: nextLineStart(text, end) - lineStart, text: '' };
  }
  // `- key: value` as the first key of a list item: the next key moves up after the dash.
  const next = obj.properties[index + 1];
  if (next) return { offset: prop.keyNode.offset, length: next.keyNode.offset - prop.keyNode.offset, text: '' };
  return { offset: prop.keyNode.offset, length: lineEndOf(text, end) - prop.keyNode.offset, text: '{}' };
}

/**
 * Remove an item of a sequence: its `- ` lines in a block sequence (other lines and their comments
 * stay; the last item leaves `[]`), or the item and one adjacent comma in a flow sequence or JSON
 * array. Undefined where the item shares its line with something else (`- - a`).
 */
export function removeItem(text: string, item: ValueNode): OffsetEdit | undefined {
  const arr = item.parent;
  if (!arr || arr.type !== 'array') return undefined;
  const index = arr.items.indexOf(item);
  if (index < 0) return undefined;
  const end = nodeEnd(text, item);
  if (arr.flow) {
    const next = arr.items[index + 1];
    const prev = arr.items[index - 1];
    if (next) return { offset: item.offset, length: next.offset - item.offset, text: '' };
    if (prev) {
      const prevEnd = nodeEnd(text, prev);
      return { offset: prevEnd, length: end - prevEnd, text: '' };
    }
    return { offset: item.offset, length: end - item.offset, text: '' };
  }
  const dash = dashOf(text, item);
  if (dash === undefined) return undefined;
  const lineStart = lineStartOf(text, dash);
  if (arr.items.length === 1) return { offset: dash, length: lineEndOf(text, end) - dash, text: '[]' };
  return { offset: lineStart, length: nextLineStart(text, end) - lineStart, text: '' };
}

/** The offset of the `-` of a block sequence item, when only blanks are around it on its line. */
function dashOf(text: string, item: ValueNode): number | undefined {
  const lineStart = lineStartOf(text, item.offset);
  // An empty item (`-` alone, read as null) may start right after its dash.
  const m = (item.length === 0 ? /^(\s*)-(\s*)$/ : /^(\s*)-(\s+)$/).exec(text.slice(lineStart, item.offset));
  if (m) return lineStart + m[1].length;
  // An item that starts on the line after its dash (`-` then a block on the next line).
  if (lineStart <= 1) return undefined;
  const prevEnd =
    text.charCodeAt(lineStart - 1) === 10 && text.charCodeAt(lineStart - 2) === 13 ? lineStart - 2 : lineStart - 1;
  const prevStart = lineStartOf(text, prevEnd);
  const p = /^(\s*)-\s*$/.exec(text.slice(prevStart, prevEnd));
  return p && /^\s*$/.test(text.slice(lineStart, item.offset)) ? prevStart + p[1].length : undefined;
}

/**
 * Append items to a sequence in its own style: `- value` lines at the dash column of a block
 * sequence, `, value` in a flow sequence or JSON array (one per line when the array is multi-line).
 */
export function insertItems(
  text: string,
  dialect: Dialect,
  arr: ArrayNode,
  items: ValueIntent[],
): OffsetEdit | undefined {
  const w = new SnippetWriter(false);
  if (dialect.name === 'json' || arr.flow) {
    const close = text.lastIndexOf(']', arr.offset + arr.length - 1);
    if (close < arr.offset) return undefined;
    const values = items.map((i) => dialect.value(i, '', UNIT, w));
    if (values.some((v) => v.includes('\n'))) return undefined;
    if (arr.items.length === 0)
      return { offset: arr.offset + 1, length: close - arr.offset - 1, text: values.join(', ') };
    const lastItem = arr.items[arr.items.length - 1];
    const multiline = /[\r\n]/.test(text.slice(arr.offset, close));
    const eol = eolNear(text, nodeEnd(text, lastItem));
    const sep = multiline ? ',' + eol + ' '.repeat(columnOf(text, arr.items[0].offset)) : ', ';
    return { offset: nodeEnd(text, lastItem), length: 0, text: values.map((v) => sep + v).join('') };
  }
  if (arr.items.length === 0) return undefined;
  const dash = dashOf(text, arr.items[0]);
  if (dash === undefined) return undefined;
  const indent = ' '.repeat(columnOf(text, dash));
  const at = lineEndOf(text, nodeEnd(text, arr.items[arr.items.length - 1]));
  const eol = eolNear(text, at);
  return {
    offset: at,
    length: 0,
    text: items
      .map(
        (i) =>
          eol +
          indent +
          '- ' +
          dialect
            .value(i, indent + '  ', UNIT, w)
            .split('\n')
            .join(eol),
      )
      .join(''),
  };
}

/**
 * Apply offset edits (non-overlapping) to a text, in one pass: the pieces between edits are joined
 * once, so a fix-all of hundreds of edits in a large document costs one copy of it, not one each.
 * Edits at the same offset apply in their given order (a stable sort).
 */
export function applyOffsetEdits(text: string, edits: OffsetEdit[]): string {
  if (edits.length === 1) {
    const e = edits[0];
    return text.slice(0, e.offset) + e.text + text.slice(e.offset + e.length);
  }
  const sorted = [...edits].sort((a, b) => a.offset - b.offset);
  const parts: string[] = [];
  let at = 0;
  for (const e of sorted) {
    parts.push(text.slice(at, Math.max(at, e.offset)), e.text);
    at = Math.max(at, e.offset + e.length);
  }
  parts.push(text.slice(at));
  return parts.join('');
}

export function overlaps(a: OffsetEdit, b: OffsetEdit): boolean {
  return (a.offset < b.offset + b.length && b.offset < a.offset + a.length) || a.offset === b.offset;
}
