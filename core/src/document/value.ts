import type { ASTNode, AliasNode, ObjectNode } from './ast';
import { deref } from './ast';

export interface ValueResult {
  value: unknown;
  /** Set when aliases would expand past the budget: the alias that expands the most. */
  bomb?: { alias: AliasNode; expanded: number };
}

/**
 * Size of a node once every alias is expanded, memoized per node, so an alias bomb is measured
 * in time linear to its text instead of exploding. Merge keys count like any other content.
 */
function expandedSizes(root: ASTNode): { total: number; largestAlias?: { alias: AliasNode; expanded: number } } {
  const memo = new Map<ASTNode, number>();
  let largest: { alias: AliasNode; expanded: number } | undefined;
  const size = (node: ASTNode | undefined, depth: number): number => {
    if (!node || depth > 300) return 1;
    const known = memo.get(node);
    if (known !== undefined) return known;
    memo.set(node, 1); // guards cycles
    let n = 1;
    if (node.type === 'object') for (const p of node.properties) n += 1 + size(p.valueNode, depth + 1);
    else if (node.type === 'array') for (const c of node.items) n += size(c, depth + 1);
    else if (node.type === 'alias') {
      n = size(node.target, depth + 1);
      if (!largest || n > largest.expanded) largest = { alias: node, expanded: n };
    }
    n = Math.min(n, Number.MAX_SAFE_INTEGER);
    memo.set(node, n);
    return n;
  };
  return { total: size(root, 0), largestAlias: largest };
}

/**
 * The plain value of a document part for the schema validator, with aliases and merge keys
 * resolved. Objects have no prototype, so `required: ["constructor"]` is not satisfied by
 * `Object.prototype` (compare them with `jsonEqual`, never with a prototype-based deep equal).
 */
export function toValue(root: ASTNode | undefined, hasAliases: boolean, nodeCount?: number): ValueResult {
  if (!root) return { value: null };
  if (hasAliases) {
    const { total, largestAlias } = expandedSizes(root);
    const budget = Math.max(100_000, 10 * (nodeCount ?? 0));
    if (total > budget && largestAlias) return { value: null, bomb: largestAlias };
  }
  // A node reached twice (through aliases) gives the same value. Without aliases every node is
  // reached once: no map to keep.
  const shared = hasAliases ? new Map<ASTNode, unknown>() : undefined;
  const build = (node: ASTNode | undefined, depth: number): unknown => {
    const n = deref(node);
    if (!n || depth > 300) return null;
    if (shared && (n !== node || n.type === 'object' || n.type === 'array')) {
      const cached = shared.get(n);
      if (cached !== undefined) return cached;
    }
    switch (n.type) {
      case 'object': {
        // No prototype: `__proto__`, `constructor` or `toString` is a key like any other, present or missing.
        const obj = Object.create(null) as Record<string, unknown>;
        shared?.set(n, obj);
        fillObject(obj, n, depth, build);
        return obj;
      }
      case 'array': {
        const arr: unknown[] = [];
        shared?.set(n, arr);
        for (const item of n.items) arr.push(build(item, depth + 1));
        return arr;
      }
      case 'property':
        return build(n.valueNode, depth + 1);
      case 'null':
      case 'alias':
        return null;
      default:
        return n.value;
    }
  };
  return { value: build(root, 0) };
}

function fillObject(
  obj: Record<string, unknown>,
  n: ObjectNode,
  depth: number,
  build: (node: ASTNode | undefined, depth: number) => unknown,
): void {
  const merges: ASTNode[] = [];
  for (const p of n.properties) {
    if (
      p.keyNode.value === '<<' &&
      p.keyNode.style === 'plain' &&
      p.valueNode &&
      (p.valueNode.type === 'alias' || p.valueNode.type === 'array')
    ) {
      merges.push(p.valueNode);
      continue;
    }
    define(obj, p.keyNode.value, build(p.valueNode, depth + 1));
  }
  // YAML merge keys: explicit keys win, then earlier merged maps win over later ones.
  for (const m of merges) {
    const sources = m.type === 'array' ? m.items : [m];
    for (const src of sources) {
      const v = build(src, depth + 1);
      if (v && typeof v === 'object' && !Array.isArray(v)) {
        for (const [k, val] of Object.entries(v))
          if (!Object.prototype.hasOwnProperty.call(obj, k)) define(obj, k, val);
      }
    }
  }
}

function define(obj: Record<string, unknown>, key: string, value: unknown): void {
  // `__proto__` and friends are plain keys in configuration files: `obj` has no prototype, so
  // assigning any key makes an own, enumerable, writable data property (as defineProperty would,
  // without its cost on every key of every file).
  obj[key] = value;
}
