/**
 * Helpers shared by the rule families: navigating the node tree by path patterns, mapping offsets
 * inside a decoded scalar back to the source, and reporting problems with codes, paths and data.
 */
import type { ASTNode, JSONPath, ObjectNode, PropertyNode, StringNode, ValueNode } from '../document/ast';
import { deref } from '../document/ast';
import { pathOfNode } from '../validation/paths';
import { buildOffsetMap, type OffsetMapper } from '../lang/scalarMap';
import type { LangProblem } from '../lang/types';
import type { Problem } from '../problem';
import type { Code } from '../codes';
import type { RuleContext } from './types';
import { ruleMessage } from './messages';
import { langFixes } from './langFixes';
import type { FixDescriptor } from '../fixes';

/** The catalog ids of the bundled kinds: rules that apply to every kind still skip documents of user schemas. */
export const ALL_KINDS: readonly string[] = [
  'tenant',
  'monitoring',
  'security-policy',
  'environment',
  'localization',
  'isolation-policy',
  'access-control',
  'alert-templates',
  'slack-receivers',
  'notification-rules',
  'prometheus',
  'prometheus-rules',
  'alertmanager',
  'grafana-dashboard',
];

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
      for (const e of entries(node)) if (e.value) walkSteps(e.value, [...path, e.key], steps, i, out, depth + 1);
    if (node.type === 'array')
      node.items.forEach((it, k) => {
        const v = val(it);
        if (v) walkSteps(v, [...path, k], steps, i, out, depth + 1);
      });
    return;
  }
  if (step === '[]') {
    if (node.type === 'array')
      node.items.forEach((it, k) => {
        const v = val(it);
        if (v) walkSteps(v, [...path, k], steps, i + 1, out, depth + 1);
      });
    return;
  }
  if (node.type !== 'object') return;
  if (step === '*') {
    for (const e of entries(node)) if (e.value) walkSteps(e.value, [...path, e.key], steps, i + 1, out, depth + 1);
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
      const es = entries(node);
      for (let k = es.length - 1; k >= 0; k--)
        if (es[k].value) stack.push({ node: es[k].value!, path: [...path, es[k].key], key: es[k].key });
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

const mappers = new WeakMap<ASTNode, OffsetMapper>();

/** Absolute [offset, length] of a decoded [from, to) range inside a string node. */
export function rangeIn(ctx: RuleContext, node: StringNode, from: number, to: number): [number, number] {
  let m = mappers.get(node);
  if (!m) {
    m = buildOffsetMap(ctx.text.slice(node.offset, node.offset + node.length), node.style, node.value);
    mappers.set(node, m);
  }
  if (!m.exact) return [node.offset, node.length];
  const [a, b] = m.mapRange(from, to);
  return [node.offset + a, Math.max(0, b - a)];
}

export type Severity = NonNullable<Problem['severity']>;

export interface ReportOptions {
  code: Code;
  /** Message id when it differs from the code (a variant such as `code.suggest`). */
  message?: string;
  /** The node the problem is about (its whole range unless `range` is given). */
  node: ASTNode;
  /** JSON path for `data.path`; the node's path when absent. */
  path?: JSONPath;
  range?: [number, number];
  args?: Record<string, string | number>;
  data?: Record<string, unknown>;
  severity?: Severity;
  /** Schema codes this problem replaces when the schema reported one at the same path. */
  supersedes?: readonly string[];
  /**
   * Where the superseded schema problems may be when not (only) at `path`: e.g. the mapping whose
   * `oneOf` fails because of the offending key, or the other key of a pair. Every schema problem
   * of a `supersedes` code at these paths is replaced (listed in `data.superseded`).
   */
  supersedesAt?: readonly JSONPath[];
  /** Schema codes at the same path that make this problem redundant (default: every schema error). */
  blockedBy?: readonly string[];
}

/**
 * Report a rule problem. When the schema already reported an error at the same path, the problem
 * is dropped (the user hears it once) unless it `supersedes` that schema code: then it carries
 * `data.supersedes`, at least error severity, and the pipeline drops the schema's (see index.ts).
 */
export function report(ctx: RuleContext, o: ReportOptions): void {
  const path = o.path ?? pathOf(o.node);
  let severity = o.severity;
  const data: Record<string, unknown> = { ...(o.data ?? {}), path };
  const replaced = o.supersedes?.length
    ? (o.supersedesAt ?? [path]).map((at) => schemaProblemAt(ctx, at, o.supersedes)).filter((p): p is Problem => !!p)
    : [];
  if (replaced.length) {
    data.supersedes = replaced[0].code;
    if (o.supersedesAt) data.superseded = replaced.map((p) => ({ code: p.code, path: p.data?.path }));
    severity = 'error';
  } else if ((!o.blockedBy || o.blockedBy.length) && schemaProblemAt(ctx, path, o.blockedBy)) return;
  const [offset, length] = o.range ?? wholeNode(ctx, o.node);
  const p: Problem = { code: o.code, offset, length, message: ruleMessage(o.message ?? o.code, o.args ?? {}), data };
  if (severity) p.severity = severity;
  ctx.report(p);
}

/** A node's range, without the line break that ends a block scalar. */
function wholeNode(ctx: RuleContext, node: ASTNode): [number, number] {
  let end = node.offset + node.length;
  if (node.type === 'string' && (node.style === 'literal' || node.style === 'folded'))
    while (end > node.offset && /\s/.test(ctx.text[end - 1])) end--;
  return [node.offset, end - node.offset];
}

const LANG_SEVERITY: Record<string, Severity> = { error: 'error', warning: 'warning', info: 'information' };

/**
 * Report the problems of a language checker found in the decoded value of `node`, with the quick
 * fixes evident from them (langFixes.ts) as `data.fixes`; on a key (a locale key), the key is fixed.
 */
export function reportLang(
  ctx: RuleContext,
  node: StringNode,
  problems: readonly LangProblem[],
  opts: {
    path?: JSONPath;
    supersedes?: readonly string[];
    blockedBy?: readonly string[];
    data?: Record<string, unknown>;
  } = {},
): void {
  const path = opts.path ?? pathOf(node);
  const key = node.parent?.type === 'property' && node.parent.keyNode === node;
  for (const p of problems) {
    const fixes: FixDescriptor[] = langFixes(p, node.value).map((f) => ({
      kind: 'replaceText',
      path,
      key: key || undefined,
      from: f.from,
      to: f.to,
      text: f.text,
      expect: node.value.slice(f.from, f.to),
      title: f.title,
      args: f.args,
      safe: f.safe,
    }));
    report(ctx, {
      code: p.code,
      node,
      path: opts.path,
      range: rangeIn(ctx, node, p.from, p.to),
      args: p.args,
      data: { ...p.args, ...(opts.data ?? {}), ...(fixes.length ? { fixes } : {}) },
      severity: LANG_SEVERITY[p.severity ?? 'error'] ?? 'error',
      supersedes: opts.supersedes,
      blockedBy: opts.blockedBy,
    });
  }
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
