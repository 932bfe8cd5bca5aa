/**
 * Reporting rule problems: the code, the range (inside a scalar: mapped from the decoded value to
 * the source, whatever its style), the message said at the problem's key path, the data, and the
 * schema problems a more precise rule problem replaces.
 */
import type { ASTNode, JSONPath, StringNode } from '../document/ast';
import type { Code } from '../codes';
import type { FixDescriptor } from '../fixes';
import { buildOffsetMap, type OffsetMapper } from '../lang/scalarMap';
import type { LangProblem } from '../lang/types';
import { say, sayPlaced, type ProblemMessageId } from '../messages';
import type { Problem } from '../problem';
import { langFixes } from './langFixes';
import type { RuleContext } from './types';
import { pathOf, schemaProblemAt } from './util';
import { startIndexAt } from '../util/search';

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
  message?: ProblemMessageId;
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
  /** Offsets in the text that the message states as places (`args` of these names say "line L, column C"). */
  places?: Readonly<Record<string, number>>;
}

/**
 * Report a rule problem. When the schema already reported an error at the same path, the problem
 * is dropped (the user hears it once) unless it `supersedes` that schema code: then it carries
 * `data.supersedes`, at least error severity, and the pipeline drops the schema's (see index.ts).
 */
export function report(ctx: RuleContext, o: ReportOptions): void {
  if (ctx.full?.(o.code)) return;
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
  const id = o.message ?? (o.code as ProblemMessageId);
  const args = o.args ?? {};
  let p: Problem;
  if (o.places && Object.keys(o.places).length) {
    // Said now in this text's lines, and again by toDiagnostics in the whole document's.
    const placed = { id, at: path, args, offsets: { ...o.places } };
    p = { code: o.code, offset, length, message: sayPlaced(placed, locator(ctx.text)), data, placed };
  } else p = { code: o.code, offset, length, message: say(id, path, args), data };
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
    const places: Record<string, number> = {};
    for (const [name, at] of Object.entries(p.positions ?? {})) places[name] = rangeIn(ctx, node, at, at + 1)[0];
    report(ctx, {
      code: p.code,
      message: p.message,
      node,
      path: opts.path,
      range: rangeIn(ctx, node, p.from, p.to),
      args: p.args,
      data: { ...p.args, ...(opts.data ?? {}), ...(fixes.length ? { fixes } : {}) },
      severity: LANG_SEVERITY[p.severity ?? 'error'] ?? 'error',
      supersedes: opts.supersedes,
      blockedBy: opts.blockedBy,
      places,
    });
  }
}

let lastText: string | undefined;
let lastStarts: number[] = [];

/** 0-based line and character of an offset of `text` (line starts kept for the last text). */
function locator(text: string): (offset: number) => { line: number; character: number } {
  if (text !== lastText) {
    lastStarts = [0];
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lastStarts.push(i + 1);
    lastText = text;
  }
  const starts = lastStarts;
  return (offset) => {
    const line = startIndexAt(starts, offset);
    return { line, character: offset - starts[line] };
  };
}
