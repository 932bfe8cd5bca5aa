/**
 * Helpers shared by the rule families: navigating the node tree by path patterns, mapping offsets
 * inside a decoded scalar back to the source, and reporting problems with codes, paths and data.
 */
import type { ASTNode, JSONPath, ObjectNode, PropertyNode, StringNode, ValueNode } from '../document/ast';
import { deref } from '../document/ast';
import { pathOfNode } from '../validation/paths';
import type { Problem } from '../problem';
import type { RuleContext } from './types';
import { KINDS, type Kind } from '../kinds';

/** The catalog ids of the bundled config kinds: rules that apply to every kind still skip documents of user schemas and the tool's own project file. */
export const ALL_KINDS: readonly Kind[] = KINDS.filter((k) => k !== 'tenant-config-project');

/** The value of a node, aliases followed. */
export function val(node: ASTNode | undefined): ValueNode | undefined {
  const n = deref(node);
  return n && n.type !== 'property' ? n : undefined;
}

export function asObject(node: ASTNode | undefined): ObjectNode | undefined {
  const n = val(node);
  return n?.type === 'object' ? n : undefined;
}

/** The property of an object with a key (the last one when duplicated). */
export function prop(node: ASTNode | undefined, key: string): PropertyNode | undefined {
  const obj = asObject(node);
  if (!obj) return undefined;
  for (let i = obj.properties.length - 1; i >= 0; i--)
    if (obj.properties[i].keyNode.value === key) return obj.properties[i];
  return undefined;
}

/** The value under a key, aliases followed. */
export function child(node: ASTNode | undefined, key: string): ValueNode | undefined {
  return val(prop(node, key)?.valueNode);
}

/** The items of a sequence (aliases followed), or none. */
export function items(node: ASTNode | undefined): ValueNode[] {
  const n = val(node);
  if (n?.type !== 'array') return [];
  const out: ValueNode[] = [];
  for (const i of n.items) {
    const v = val(i);
    if (v) out.push(v);
  }
  return out;
}

/** The key/value pairs of a mapping (the merge key `<<` skipped). */
export function entries(
  node: ASTNode | undefined,
): Array<{ key: string; keyNode: StringNode; value: ValueNode | undefined; prop: PropertyNode }> {
  const obj = asObject(node);
  if (!obj) return [];
  return obj.properties
    .filter((p) => p.keyNode.value !== '<<')
    .map((p) => ({ key: p.keyNode.value, keyNode: p.keyNode, value: val(p.valueNode), prop: p }));
}

export function str(node: ASTNode | undefined): StringNode | undefined {
  const n = val(node);
  return n?.type === 'string' ? n : undefined;
}

/** A string value under a key. */
export function strAt(node: ASTNode | undefined, key: string): string | undefined {
  return str(child(node, key))?.value;
}

export function numAt(node: ASTNode | undefined, key: string): number | undefined {
  const n = child(node, key);
  return n?.type === 'number' ? n.value : undefined;
}

export function boolAt(node: ASTNode | undefined, key: string): boolean | undefined {
  const n = child(node, key);
  return n?.type === 'boolean' ? n.value : undefined;
}

export interface Hit {
  node: ValueNode;
  path: JSONPath;
}

/**
 * Nodes matching a dotted path pattern: `a.b` keys, `[]` every item of a sequence, `*` every key of
 * a mapping, `**` any depth (zero or more levels). E.g. `receivers[].*_configs[]` is not supported
 * (no partial wildcards); write `receivers[].*[]` and filter on the key.
 */
export function select(root: ASTNode | undefined, pattern: string, base: JSONPath = []): Hit[] {
  const out: Hit[] = [];
  const steps = compile(pattern);
  const start = val(root);
  if (start) walkSteps(start, base, steps, 0, out, 0);
  return out;
}

const compiled = new Map<string, string[]>();

function compile(pattern: string): string[] {
  let steps = compiled.get(pattern);
  if (!steps) {
    steps = [];
    for (const seg of pattern.split('.')) {
      if (seg === '') continue;
      const m = /^(.*?)((?:\[\])*)$/.exec(seg) as RegExpExecArray;
      if (m[1]) steps.push(m[1]);
      for (let i = 0; i < m[2].length / 2; i++) steps.push('[]');
    }
    if (compiled.size < 500) compiled.set(pattern, steps);
  }
  return steps;
}

function walkSteps(node: ValueNode, path: JSONPath, steps: string[], i: number, out: Hit[], depth: number): void {
  if (depth > 64 || out.length > 20_000) return;
  if (i === steps.length) {
    out.push({ node, path });
    return;
  }
  const step = steps[i];
  if (step === '**') {
    walkSteps(node, path, steps, i + 1, out, depth + 1);
    if (node.type === 'object')
      for (const p of node.properties) {
        const v = p.keyNode.value === '<<' ? undefined : val(p.valueNode);
        if (v) walkSteps(v, [...path, p.keyNode.value], steps, i, out, depth + 1);
      }
    if (node.type === 'array')
      for (let k = 0; k < node.items.length; k++) {
        const v = val(node.items[k]);
        if (v) walkSteps(v, [...path, k], steps, i, out, depth + 1);
      }
    return;
  }
  if (step === '[]') {
    if (node.type === 'array')
      for (let k = 0; k < node.items.length; k++) {
        const v = val(node.items[k]);
        if (v) walkSteps(v, [...path, k], steps, i + 1, out, depth + 1);
      }
    return;
  }
  if (node.type !== 'object') return;
  if (step === '*') {
    for (const p of node.properties) {
      const v = p.keyNode.value === '<<' ? undefined : val(p.valueNode);
      if (v) walkSteps(v, [...path, p.keyNode.value], steps, i + 1, out, depth + 1);
    }
    return;
  }
  const v = child(node, step);
  if (v) walkSteps(v, [...path, step], steps, i + 1, out, depth + 1);
}

/** Every node of a subtree with its path (depth-first, bounded). */
export function walk(
  root: ASTNode | undefined,
  visit: (node: ValueNode, path: JSONPath, key: string | undefined) => boolean | void,
  base: JSONPath = [],
): void {
  const start = val(root);
  if (!start) return;
  const stack: Array<{ node: ValueNode; path: JSONPath; key: string | undefined }> = [
    {
      node: start,
      path: base,
      key: typeof base[base.length - 1] === 'string' ? (base[base.length - 1] as string) : undefined,
    },
  ];
  let budget = 200_000;
  while (stack.length && budget-- > 0) {
    const { node, path, key } = stack.pop()!;
    if (visit(node, path, key) === false) continue;
    if (path.length > 64) continue;
    if (node.type === 'object') {
      // Last to first, so the stack pops them in order; the merge key `<<` skipped (as `entries`).
      const props = node.properties;
      for (let k = props.length - 1; k >= 0; k--) {
        const name = props[k].keyNode.value;
        if (name === '<<') continue;
        const value = val(props[k].valueNode);
        if (value) stack.push({ node: value, path: [...path, name], key: name });
      }
    } else if (node.type === 'array') {
      for (let k = node.items.length - 1; k >= 0; k--) {
        const v = val(node.items[k]);
        if (v) stack.push({ node: v, path: [...path, k], key });
      }
    }
  }
}

export interface Visited {
  node: ValueNode;
  path: JSONPath;
  /** The key the node is under (for sequence items, the key of the sequence). */
  key: string | undefined;
}

const visitedCache = new WeakMap<object, Visited[]>();

/** Every node of the document part with its path, computed once and shared by the rules that scan everything. */
export function nodesOf(ctx: RuleContext): readonly Visited[] {
  let list = visitedCache.get(ctx.part);
  if (!list) {
    const out: Visited[] = [];
    walk(ctx.part.root, (node, path, key) => {
      out.push({ node, path, key });
    });
    list = out;
    visitedCache.set(ctx.part, list);
  }
  return list;
}

/** Whether a string segment before the last one of `path` is in `keys` (the node lies inside such a mapping). */
export function under(path: JSONPath, keys: ReadonlySet<string>): boolean {
  for (let i = 0; i < path.length - 1; i++) {
    const seg = path[i];
    if (typeof seg === 'string' && keys.has(seg)) return true;
  }
  return false;
}

/** The path of a node (aliases are reported where they are written, not where they point). */
export function pathOf(node: ASTNode): JSONPath {
  return pathOfNode(node);
}

export const samePath = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

const byPath = new WeakMap<readonly Problem[], Map<string, Problem[]>>();

/** The schema problems reported at exactly this path, in order (indexed once per part, so lookups stay cheap). */
export function schemaProblemsAt(ctx: RuleContext, path: JSONPath): readonly Problem[] {
  let index = byPath.get(ctx.schemaProblems);
  if (!index) {
    index = new Map();
    for (const p of ctx.schemaProblems) {
      const key = JSON.stringify(p.data?.path ?? null);
      const list = index.get(key);
      if (list) list.push(p);
      else index.set(key, [p]);
    }
    byPath.set(ctx.schemaProblems, index);
  }
  return index.get(JSON.stringify(path)) ?? [];
}

/** A schema error already reported at exactly this path (optionally of one of `codes`). */
export function schemaProblemAt(ctx: RuleContext, path: JSONPath, codes?: readonly string[]): Problem | undefined {
  return schemaProblemsAt(ctx, path).find((p) => {
    if (p.code === 'schema.deprecated' || (p.severity && p.severity !== 'error')) return false;
    return !codes || codes.includes(p.code);
  });
}

/** Whether the document part describes production: a tenant's `environments.production` subtree or an environment file of `environment: production`. */
export function isProduction(ctx: RuleContext, path: JSONPath): boolean {
  if (ctx.kind === 'tenant') return path[0] === 'environments' && path[1] === 'production';
  if (ctx.kind === 'environment') return strAt(ctx.part.root, 'environment') === 'production';
  return false;
}

/** `UPPER_SNAKE_CASE` environment variable name for a secret at `path` (e.g. `SLACK_API_URL`). */
export function envVarName(root: ASTNode | undefined, path: JSONPath): string {
  const NOISE = new Set([
    'global',
    'config',
    'configs',
    'settings',
    'spec',
    'data',
    'environments',
    'receivers',
    'providers',
    'defaults',
    'alertmanager',
    'prometheus',
  ]);
  const words: string[] = [];
  let node = val(root);
  for (const seg of path) {
    if (!node) break;
    if (typeof seg === 'number') {
      node = items(node)[seg];
      const name = strAt(node, 'name') ?? strAt(node, 'job_name');
      if (name && /^[A-Za-z0-9_.-]{1,40}$/.test(name)) words.push(name);
      continue;
    }
    node = child(node, seg);
    if (NOISE.has(seg)) continue;
    words.push(seg.replace(/_configs?$/, ''));
  }
  // `pagerduty` after a receiver `acme-pagerduty`, `slack` before `slack_api_url`: said once.
  const norm = (w: string) => w.toLowerCase().replace(/[^a-z0-9]+/g, '_');
  const kept = words
    .filter((w, i) => w !== '' && !(i > 0 && norm(words[i - 1]).endsWith(norm(w))))
    .filter((w, i, all) => !(i + 1 < all.length && norm(all[i + 1]).startsWith(norm(w) + '_')))
    .slice(-3);
  let name = kept
    .join('_')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toUpperCase();
  if (name === '') name = 'SECRET';
  if (/^[0-9]/.test(name)) name = 'SECRET_' + name;
  return name.slice(0, 80);
}
