/**
 * Path patterns of the extraction table (syntax in table.ts), compiled once and matched over the
 * node tree. Matching follows only the pattern's branches, so extraction costs the size of the
 * matched sub-trees, not the document. Aliases are not followed: a name is indexed where it is written.
 */
import type { ArrayNode, JSONPath, ObjectNode, Segment, StringNode, ValueNode } from '../document/ast';

/**
 * A JSON path as a chain of links to the parent path: siblings share their prefix, and matching
 * allocates one small link per step instead of copying arrays. `toPath` makes the array.
 */
export interface PathLink {
  seg: Segment;
  up: PathLink | undefined;
}

export function toPath(link: PathLink | undefined): JSONPath {
  const out: JSONPath = [];
  for (let l = link; l; l = l.up) out.push(l.seg);
  return out.reverse();
}

const link = (up: PathLink | undefined, seg: Segment): PathLink => ({ seg, up });

export type Step =
  | { t: 'prop'; key: string }
  | { t: 'items' }
  | { t: 'recurse'; key: string }
  | { t: 'values' }
  | { t: 'keys' }
  | { t: 'strings' };

const cache = new Map<string, Step[]>();

/** Compile a pattern; malformed segments compile to nothing that matches. */
export function compile(pattern: string): Step[] {
  let steps = cache.get(pattern);
  if (steps) return steps;
  steps = [];
  for (const seg of pattern.split('.')) {
    if (seg === '**') steps.push({ t: 'strings' });
    else if (seg === '<key>') steps.push({ t: 'keys' });
    else {
      const m = /^([^[\]]*)((?:\[\*\])*|\[\*\*\])$/.exec(seg);
      if (!m) return [{ t: 'prop', key: '\u0000never' }];
      const [, name, brackets] = m;
      if (brackets === '[**]') {
        steps.push({ t: 'recurse', key: name });
        continue;
      }
      if (name === '*') steps.push({ t: 'values' });
      else if (name) steps.push({ t: 'prop', key: name });
      for (let i = 0; i < brackets.length / 3; i++) steps.push({ t: 'items' });
    }
  }
  cache.set(pattern, steps);
  return steps;
}

/** A matched node with its JSON path. */
export interface At<N> {
  node: N;
  path: PathLink | undefined;
}

/** What a pattern matched: value nodes, key nodes (`<key>`), and arrays whose items are matched (completion slots). */
export interface Match {
  values: Array<At<ValueNode>>;
  keys: Array<At<StringNode>>;
  arrays: Array<At<ArrayNode>>;
}

const MAX_RECURSION = 64;

export function match(root: ValueNode | undefined, steps: Step[]): Match {
  const out: Match = { values: [], keys: [], arrays: [] };
  if (!root) return out;
  let current: Array<At<ValueNode>> = [{ node: root, path: undefined }];
  for (let i = 0; i < steps.length && current.length; i++) {
    const step = steps[i];
    const last = i === steps.length - 1;
    const next: Array<At<ValueNode>> = [];
    for (const { node, path } of current) {
      switch (step.t) {
        case 'prop': {
          const v = node.type === 'object' ? propValue(node, step.key) : undefined;
          if (v) next.push({ node: v, path: link(path, step.key) });
          break;
        }
        case 'items':
          if (node.type === 'array') {
            if (last) out.arrays.push({ node, path });
            node.items.forEach((item, k) => next.push({ node: item, path: link(path, k) }));
          }
          break;
        case 'values':
          if (node.type === 'object')
            for (const p of node.properties)
              if (p.valueNode) next.push({ node: p.valueNode, path: link(path, p.keyNode.value) });
          break;
        case 'keys':
          if (node.type === 'object')
            for (const p of node.properties)
              if (p.keyNode.value !== '<<') out.keys.push({ node: p.keyNode, path: link(path, p.keyNode.value) });
          break;
        case 'recurse':
          collectRecursive(node, path, step.key, next, 0);
          break;
        case 'strings':
          collectStrings(node, path, next, 0);
          break;
      }
    }
    current = next;
  }
  if (steps.length && steps[steps.length - 1].t !== 'keys') out.values = current;
  return out;
}

/** The value of a property (the last one when a key is repeated, as readers keep it). */
export function propValue(obj: ObjectNode, key: string): ValueNode | undefined {
  for (let i = obj.properties.length - 1; i >= 0; i--) {
    const p = obj.properties[i];
    if (p.keyNode.value === key) return p.valueNode;
  }
  return undefined;
}

function collectRecursive(
  node: ValueNode,
  path: PathLink | undefined,
  key: string,
  out: Array<At<ValueNode>>,
  depth: number,
): void {
  if (depth > MAX_RECURSION || node.type !== 'object') return;
  const arr = propValue(node, key);
  if (!arr || arr.type !== 'array') return;
  const base = link(path, key);
  arr.items.forEach((item, k) => {
    const p = link(base, k);
    out.push({ node: item, path: p });
    collectRecursive(item, p, key, out, depth + 1);
  });
}

/** Every string below a node that may hold a template action (`{{`), with its path. */
function collectStrings(node: ValueNode, path: PathLink | undefined, out: Array<At<ValueNode>>, depth: number): void {
  if (depth > 256) return;
  if (node.type === 'string') {
    if (node.value.includes('{{')) out.push({ node, path });
  } else if (node.type === 'object') {
    for (const p of node.properties)
      if (p.valueNode && p.valueNode.type !== 'null')
        collectStrings(p.valueNode, link(path, p.keyNode.value), out, depth + 1);
  } else if (node.type === 'array')
    node.items.forEach((item, k) => collectStrings(item, link(path, k), out, depth + 1));
}
