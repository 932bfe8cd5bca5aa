import type { ASTNode, JSONPath } from '../document/ast';
import { deref, getNodePath } from '../document/ast';

/** Parse an ajv instance path (`/a/0/b`) into segments, numbers where the node is an array. */
export function parsePointer(pointer: string): string[] {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Resolve pointer segments against the tree so array indices become numbers. */
export function typedPath(root: ASTNode | undefined, segs: string[]): JSONPath {
  const out: JSONPath = [];
  let node = deref(root);
  for (const s of segs) {
    if (node && node.type === 'array' && /^\d+$/.test(s)) {
      out.push(Number(s));
      node = deref(node.items[Number(s)]);
    } else {
      out.push(s);
      if (node && node.type === 'object') {
        const p = node.properties.find((x) => x.keyNode.value === s);
        node = deref(p?.valueNode);
      } else node = undefined;
    }
  }
  return out;
}

/** The path of a node from its document root (the tree's own helper, under the name validation uses). */
export const pathOfNode = getNodePath;

/**
 * Where a problem about a value is shown: the scalar itself; for a block mapping or sequence, its
 * key (a squiggle over fifty lines helps nobody); for an empty value, its key.
 */
export function rangeForValue(node: ASTNode, text: string): { offset: number; length: number } {
  if (node.type === 'property') return { offset: node.keyNode.offset, length: node.keyNode.length };
  const parent = node.parent;
  if ((node.type === 'object' || node.type === 'array') && !node.flow) {
    if (parent && parent.type === 'property') return { offset: parent.keyNode.offset, length: parent.keyNode.length };
    return firstLine(node, text);
  }
  if (node.length === 0) {
    if (parent && parent.type === 'property') return { offset: parent.keyNode.offset, length: parent.keyNode.length };
    return { offset: node.offset, length: 0 };
  }
  return { offset: node.offset, length: node.length };
}

/** The first line of a node's text (for problems about an item or the root). */
export function firstLine(node: ASTNode, text: string): { offset: number; length: number } {
  let end = text.indexOf('\n', node.offset);
  if (end < 0 || end > node.offset + node.length) end = node.offset + node.length;
  let e = end;
  while (e > node.offset && (text[e - 1] === '\r' || text[e - 1] === ' ')) e--;
  return { offset: node.offset, length: Math.max(0, e - node.offset) };
}
