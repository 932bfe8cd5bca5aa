import type { JSONPath, ObjectNode, PropertyNode, ValueNode } from '../document/ast';
import { deref, plainValue as plain } from '../document/ast';
export { plainValue as plain } from '../document/ast';
import type { Condition, Json, Segment } from './types';

/** A node a step applies to. */
export interface Match {
  path: JSONPath;
  /** The value at the path (for a key, its value: possibly a null node). */
  node: ValueNode;
  /** The property, when the path ends with a key. */
  prop?: PropertyNode;
  /** The mapping holding that property. */
  holder?: ObjectNode;
}

const MAX_MATCHES = 10_000;
const MAX_DEPTH = 64;

/**
 * The nodes a path pattern names, in document order. Aliases are followed (an edit then lands in
 * the anchored node, which every alias shares); merge keys are not.
 */
export function matchPattern(root: ValueNode | undefined, pattern: Segment[]): Match[] {
  const out: Match[] = [];
  const seen = new Set<ValueNode>();
  const visit = (m: Match, rest: Segment[], depth: number): void => {
    if (out.length >= MAX_MATCHES || depth > MAX_DEPTH) return;
    if (rest.length === 0) {
      if (!seen.has(m.node)) {
        seen.add(m.node);
        out.push(m);
      }
      return;
    }
    const [seg, ...tail] = rest;
    if (typeof seg !== 'string') {
      visit(m, tail, depth + 1); // zero repetitions
      if (seg.each.length) visit(m, [...seg.each, seg, ...tail], depth + 1);
      return;
    }
    const cur = deref(m.node);
    if (!cur) return;
    if (cur.type === 'object') {
      for (const p of cur.properties) {
        if (seg !== '*' && p.keyNode.value !== seg) continue;
        if (p.keyNode.value === '<<') continue;
        const node = p.valueNode ?? nullAt(p);
        visit({ path: [...m.path, p.keyNode.value], node, prop: p, holder: cur }, tail, depth + 1);
      }
    } else if (cur.type === 'array' && (seg === '*' || /^\d+$/.test(seg))) {
      cur.items.forEach((item, i) => {
        if (seg === '*' || Number(seg) === i) visit({ path: [...m.path, i], node: item }, tail, depth + 1);
      });
    }
  };
  if (root) visit({ path: [], node: root }, pattern, 0);
  return out.sort((a, b) => a.node.offset - b.node.offset);
}

/** A property written without a value (`key:`) reads as null. */
function nullAt(p: PropertyNode): ValueNode {
  const end = p.keyNode.offset + p.keyNode.length;
  return { type: 'null', offset: end, length: 0, style: 'plain', parent: p };
}

export const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Whether every condition holds on the mapping (values at paths inside it). */
export function conditionsHold(mapping: ValueNode | undefined, conditions: Condition[] | undefined): boolean {
  if (!conditions?.length) return true;
  const value = plain(mapping);
  return conditions.every((c) => {
    let v: Json | undefined = value;
    for (const k of c.path) v = v && typeof v === 'object' && !Array.isArray(v) ? v[k] : undefined;
    if (c.equals !== undefined && !sameJson(v, c.equals)) return false;
    if (c.truthy !== undefined && !!v !== c.truthy) return false;
    return true;
  });
}
