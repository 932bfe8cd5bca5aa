/** Small text helpers for the migration steps: lines, columns, scalars written in a node's style. */
import type { ASTNode, PropertyNode, ValueNode } from '../document/ast';
import { yamlString } from '../dialect/yaml';
import { removeProperty, type OffsetEdit } from '../features/fixes/edits';

export type Scalar = string | number | boolean | null;

export const lineStart = (text: string, offset: number): number => text.lastIndexOf('\n', offset - 1) + 1;

export function lineEnd(text: string, offset: number): number {
  const e = text.indexOf('\n', offset);
  const end = e < 0 ? text.length : e;
  return text[end - 1] === '\r' ? end - 1 : end;
}

export const column = (text: string, offset: number): number => offset - lineStart(text, offset);

export const eolOf = (text: string): string => (text.includes('\r\n') ? '\r\n' : '\n');

/** The end of the text a node occupies, trailing blanks (a block scalar's line break) trimmed. */
export function nodeEnd(text: string, node: ASTNode): number {
  let end = node.offset + node.length;
  while (end > node.offset && /\s/.test(text[end - 1])) end--;
  return end;
}

/** The end of a property: its value, or its key when it has none. */
export const propertyEnd = (text: string, p: PropertyNode): number =>
  nodeEnd(text, p.valueNode && p.valueNode.length > 0 ? p.valueNode : p.keyNode);

/** Inside a YAML flow collection (or JSON), where `,[]{}` end a plain scalar. */
export function inFlow(node: ASTNode | undefined): boolean {
  for (let p = node?.parent; p; p = p.parent) if ((p.type === 'object' || p.type === 'array') && p.flow) return true;
  return false;
}

/** `# comment` after a node on its line, with the blanks before it ('' when there is none). */
export function trailingComment(text: string, end: number): string {
  const rest = text.slice(end, lineEnd(text, end));
  return /^\s+#/.test(rest) ? rest.trimEnd() : '';
}

/** A YAML string scalar: plain when it reads back as the same string, else single-quoted, else double-quoted. */
export function yamlText(value: string, flow: boolean): string {
  if (yamlString(value) === value && !(flow && /[,[\]{}]/.test(value))) return value;
  if (!/[\n\r\t]/.test(value)) return `'${value.replace(/'/g, "''")}'`;
  return JSON.stringify(value);
}

/** A scalar as JSON or YAML writes it, keeping the quotes of the string node it replaces. */
export function scalarText(value: Scalar, json: boolean, old?: ValueNode): string {
  if (json) return JSON.stringify(value);
  if (typeof value !== 'string') return value === null ? 'null' : String(value);
  const style = old && 'style' in old ? old.style : undefined;
  if (style === 'double') return JSON.stringify(value);
  if (style === 'single' && !/[\n\r]/.test(value)) return `'${value.replace(/'/g, "''")}'`;
  const plain = yamlString(value);
  return plain === value && inFlow(old) && /[,[\]{}]/.test(value) ? JSON.stringify(value) : plain;
}

/** Replace a scalar node's text (block scalars keep their final line break). */
export function replaceScalar(text: string, node: ValueNode, newText: string): OffsetEdit {
  return { offset: node.offset, length: nodeEnd(text, node) - node.offset, text: newText };
}

/** Shift the indentation of every line of a block by `delta` columns (never below the margin). */
export function reindent(block: string, delta: number): string {
  if (delta === 0) return block;
  return block
    .split('\n')
    .map((line) => {
      if (delta > 0) return line.trim() ? ' '.repeat(delta) + line : line;
      const lead = /^ */.exec(line)![0].length;
      return line.slice(Math.min(lead, -delta));
    })
    .join('\n');
}

/** Map an offset of the text after `edits` back to the text before them (inside an edit: its start). */
export function mapBack(offset: number, edits: OffsetEdit[]): number {
  let delta = 0;
  for (const e of [...edits].sort((a, b) => a.offset - b.offset)) {
    const start = e.offset + delta;
    if (offset < start) return offset - delta;
    if (offset < start + e.text.length) return e.offset;
    delta += e.text.length - e.length;
  }
  return offset - delta;
}

/**
 * Remove a property, keeping the comments of the lines it owned (block style): each comment line,
 * and each comment after its content, stays as a comment line at the key's column. Comments of the
 * lines in `carried` went with their content elsewhere and are not repeated.
 */
export function removeKeepingComments(
  text: string,
  prop: PropertyNode,
  carried: ReadonlySet<number> = new Set(),
): OffsetEdit | undefined {
  // An anchored value may be what aliases elsewhere stand for: it is not removed.
  if (anchored(text, prop)) return undefined;
  const edit = removeProperty(text, prop);
  if (!edit || inFlow(prop.keyNode) || edit.text !== '') return edit;
  const removed = text.slice(edit.offset, edit.offset + edit.length);
  const indent = ' '.repeat(column(text, prop.keyNode.offset));
  const eol = eolOf(text);
  const kept: string[] = [];
  let at = edit.offset;
  for (const line of removed.split('\n')) {
    const body = line.replace(/\r$/, '');
    if (carried.has(at)) {
      // this line's comments went with it
    } else if (/^\s*#/.test(body)) kept.push(indent + body.trim());
    else {
      const m = /\s(#[^'"]*)$/.exec(body);
      if (m) kept.push(indent + m[1].trim());
    }
    at += line.length + 1;
  }
  return kept.length ? { ...edit, text: kept.map((k) => k + eol).join('') } : edit;
}

/** Whether a property's value carries an anchor (`key: &name …`). */
export function anchored(text: string, prop: PropertyNode): boolean {
  const v = prop.valueNode;
  if (!v) return false;
  const from = prop.colonOffset !== undefined ? prop.colonOffset + 1 : prop.keyNode.offset + prop.keyNode.length;
  return /&[^\s]/.test(text.slice(from, v.offset + 1));
}
