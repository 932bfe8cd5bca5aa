/**
 * PromQL checks on top of @prometheus-io/lezer-promql: syntax errors (error nodes widened, merged
 * and explained), bracket balance, unknown functions, bad durations, plus the semantic passes of
 * promqlSemantic.ts. Also extracts range/subquery durations, metric names and output labels.
 */
import type { LRParser } from '@lezer/lr';
import type { SyntaxNode, Tree } from '@lezer/common';
import { parseDuration } from './duration';
import { substituteGrafanaMacros } from './grafana';
import { semanticProblems, rootType, children, exprChildren, stringValue } from './promqlSemantic';
import { syntaxProblems } from './promqlSyntax';
import { clampProblems, LangProblem, NamedSpan, problem } from './types';

// lezer-promql ships ESM typings only ("type": "module"); load its CommonJS build explicitly.
declare const require: (id: string) => unknown;

let parserRef: LRParser | null | undefined;
function getParser(): LRParser | undefined {
  if (parserRef === undefined) {
    try {
      parserRef = (require('@prometheus-io/lezer-promql') as { parser: LRParser }).parser;
    } catch {
      parserRef = null;
    }
  }
  return parserRef ?? undefined;
}

const MAX_LEN = 200_000;
const MAX_PROBLEMS = 50;

export interface PromqlOptions {
  /** Substitute Grafana template variables first (dashboard targets). */
  grafana?: boolean;
  /** The expression is a rule `expr`: its result must be an instant vector or scalar. */
  rule?: boolean;
}

const PARSE_BUDGET_MS = 250;
const treeCache = new Map<string, { tree: Tree; complete: boolean }>();

/**
 * Parse with a time budget: lezer's error recovery is slow on long garbage, so after the budget the
 * parse is cut at the current position (`complete: false`). Recent trees are cached.
 */
function parseFull(text: string): { tree: Tree; complete: boolean } | undefined {
  const hit = treeCache.get(text);
  if (hit) return hit;
  const p = getParser();
  if (!p) return undefined;
  const run = p.startParse(text);
  const deadline = Date.now() + PARSE_BUDGET_MS;
  let complete = true;
  let tree: Tree | null = null;
  for (let steps = 0; !tree; steps++) {
    tree = run.advance();
    if (!tree && complete && (steps & 63) === 0 && Date.now() > deadline) {
      complete = false;
      run.stopAt(run.parsedPos);
    }
  }
  const result = { tree, complete };
  if (treeCache.size >= 16) treeCache.delete(treeCache.keys().next().value as string);
  treeCache.set(text, result);
  return result;
}

function parse(text: string): Tree | undefined {
  return parseFull(text)?.tree;
}

function prepare(expr: string, options: PromqlOptions): { text: string; macros: NamedSpan[] } {
  if (!options.grafana) return { text: expr, macros: [] };
  const s = substituteGrafanaMacros(expr);
  return { text: s.text, macros: s.macros };
}

function overlaps(p: { from: number; to: number }, spans: NamedSpan[]): boolean {
  return spans.some((s) => p.from < s.to && s.from < Math.max(p.to, p.from + 1));
}

/** Problems of a PromQL expression (offsets into `expr`). Never throws. */
export function checkPromql(expr: string, options: PromqlOptions = {}): LangProblem[] {
  try {
    if (typeof expr !== 'string' || expr.trim() === '')
      return [problem('promql.empty', 0, typeof expr === 'string' ? expr.length : 0)];
    if (expr.length > MAX_LEN)
      return [problem('promql.too-long', 0, expr.length, { length: expr.length, max: MAX_LEN }, 'warning')];
    const { text, macros } = prepare(expr, options);
    const parsed = parseFull(text);
    if (!parsed) return [];
    const { tree, complete } = parsed;
    if (!complete) {
      const partial = syntaxProblems(text.slice(0, tree.length), tree).slice(0, 5);
      return [...partial, problem('promql.too-complex', tree.length, expr.length, { checked: tree.length }, 'info')];
    }
    const syntax = syntaxProblems(text, tree);
    let semantic = semanticProblems(text, tree, syntax.length === 0);
    if (macros.length) semantic = semantic.filter((p) => !overlaps(p, macros));
    const out = [...syntax, ...semantic.filter((p) => !syntax.some((s) => p.from < s.to && s.from < p.to))];
    if (options.rule && syntax.length === 0) {
      const t = rootType(text, tree);
      if (t === 'matrix' || t === 'string')
        out.push(
          problem('promql.rule-result-type', 0, expr.length, { got: t === 'matrix' ? 'a range vector' : 'a string' }),
        );
    }
    out.sort((a, b) => a.from - b.from || a.to - b.to);
    return clampProblems(out.slice(0, MAX_PROBLEMS), expr.length);
  } catch {
    return [];
  }
}

export interface PromqlRange {
  from: number;
  to: number;
  durationMs: number;
  kind: 'range' | 'subquery' | 'step' | 'offset';
  /** Function directly applied to the range (e.g. "rate"), when there is one. */
  func?: string;
}

function enclosingFunction(node: SyntaxNode, text: string): string | undefined {
  const body = node.parent;
  if (body?.name !== 'FunctionCallBody') return undefined;
  const call = body.parent;
  const id = call ? children(call).find((c) => c.name === 'FunctionIdentifier') : undefined;
  return id ? text.slice(id.from, id.to) : undefined;
}

/** Literal durations of range selectors, subqueries and offsets. Never throws. */
export function promqlRanges(expr: string, options: PromqlOptions = {}): PromqlRange[] {
  try {
    if (typeof expr !== 'string' || expr.length > MAX_LEN) return [];
    const { text, macros } = prepare(expr, options);
    const tree = parse(text);
    if (!tree) return [];
    const out: PromqlRange[] = [];
    tree.iterate({
      enter: (ref) => {
        if (out.length > 1000) return false;
        const n = ref.name;
        if (n !== 'MatrixSelector' && n !== 'SubqueryExpr' && n !== 'OffsetExpr') return undefined;
        const durs = children(ref.node).filter((c) => c.name === 'DurationExpr' || c.name === 'OffsetDurationExpr');
        durs.forEach((d, i) => {
          const dText = text.slice(d.from, d.to).trim();
          const ms = parseDuration(dText, { allowBareNumber: true });
          if (ms === undefined || overlaps(d, macros)) return;
          const kind = n === 'OffsetExpr' ? 'offset' : n === 'MatrixSelector' ? 'range' : i === 0 ? 'subquery' : 'step';
          const r: PromqlRange = { from: d.from, to: d.to, durationMs: ms, kind };
          const fn = kind === 'range' || kind === 'subquery' ? enclosingFunction(ref.node, text) : undefined;
          if (fn) r.func = fn;
          out.push(r);
        });
        return undefined;
      },
    });
    return out.sort((a, b) => a.from - b.from);
  } catch {
    return [];
  }
}

/** Metric names selected by the expression (`foo`, `{"utf8.name"}`, `{__name__="foo"}`). */
export function promqlMetricNames(expr: string, options: PromqlOptions = {}): NamedSpan[] {
  try {
    if (typeof expr !== 'string' || expr.length > MAX_LEN) return [];
    const { text, macros } = prepare(expr, options);
    const tree = parse(text);
    if (!tree) return [];
    const out: NamedSpan[] = [];
    tree.iterate({
      enter: (ref) => {
        if (out.length > 1000) return false;
        if (ref.name !== 'VectorSelector') return undefined;
        for (const c of children(ref.node)) {
          if (c.name === 'Identifier') out.push({ name: text.slice(c.from, c.to), from: c.from, to: c.to });
          if (c.name !== 'LabelMatchers') continue;
          for (const m of children(c)) {
            const s = children(m).filter((k) => k.name === 'StringLiteral' || k.name === 'QuotedLabelName');
            if (m.name === 'QuotedLabelName' && s.length === 0) {
              const lit = children(m).find((k) => k.name === 'StringLiteral') ?? m;
              out.push({ name: stringValue(text, lit).value, from: lit.from, to: lit.to });
            } else if (m.name === 'QuotedLabelName') {
              const lit = s[0] as SyntaxNode;
              out.push({ name: stringValue(text, lit).value, from: lit.from, to: lit.to });
            } else if (m.name === 'UnquotedLabelMatcher') {
              const kids = children(m);
              const op = kids.find((k) => k.name === 'MatchOp');
              const val = kids.find((k) => k.name === 'StringLiteral');
              if (
                kids[0] &&
                text.slice(kids[0].from, kids[0].to) === '__name__' &&
                op &&
                text.slice(op.from, op.to) === '=' &&
                val
              ) {
                out.push({ name: stringValue(text, val).value, from: val.from, to: val.to });
              }
            }
          }
        }
        return undefined;
      },
    });
    return out.filter((s) => !overlaps(s, macros));
  } catch {
    return [];
  }
}

export interface PromqlOutputLabels {
  op: string;
  kind: 'by' | 'without';
  labels: string[];
}

/** Grouping of the aggregation that produces the result (through parens, binary ops with scalars, functions). */
export function promqlOutputLabels(expr: string): PromqlOutputLabels | undefined {
  try {
    if (typeof expr !== 'string' || expr.length > MAX_LEN) return undefined;
    const tree = parse(expr);
    if (!tree) return undefined;
    let node: SyntaxNode | undefined = exprChildren(tree.topNode)[0];
    for (let guard = 0; node && guard < 200; guard++) {
      if (node.name === 'AggregateExpr') {
        const kids = children(node);
        const op = kids.find((k) => k.name === 'AggregateOp');
        const mod = kids.find((k) => k.name === 'AggregateModifier');
        const grouping = mod ? children(mod).find((k) => k.name === 'GroupingLabels') : undefined;
        const labels = grouping
          ? children(grouping)
              .filter((k) => k.name === 'LabelName' || k.name === 'QuotedLabelName')
              .map((k) =>
                k.name === 'QuotedLabelName' ? stringValue(expr, children(k)[0] ?? k).value : expr.slice(k.from, k.to),
              )
          : [];
        const kindText = mod ? expr.slice(mod.from, mod.to).trim().toLowerCase() : '';
        return {
          op: op ? expr.slice(op.from, op.to).toLowerCase() : '',
          kind: kindText.startsWith('without') ? 'without' : 'by',
          labels,
        };
      }
      if (node.name === 'BinaryExpr') {
        const ex: SyntaxNode[] = exprChildren(node);
        node = ex.find((e) => e.name !== 'NumberDurationLiteral') ?? ex[0];
      } else if (node.name === 'FunctionCall') {
        const body: SyntaxNode | undefined = children(node).find((c) => c.name === 'FunctionCallBody');
        const args: SyntaxNode[] = body ? exprChildren(body) : [];
        node = args.find((a: SyntaxNode) => a.name !== 'NumberDurationLiteral' && a.name !== 'StringLiteral');
      } else {
        node = exprChildren(node)[0];
      }
    }
    return undefined;
  } catch {
    return undefined;
  }
}
