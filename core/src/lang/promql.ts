/**
 * PromQL checks on top of @prometheus-io/lezer-promql: syntax errors (error nodes widened, merged
 * and explained), bracket balance, unknown functions, bad durations, plus the semantic passes of
 * promqlSemantic.ts. Also extracts range/subquery durations, metric names and output labels.
 */
import type { LRParser } from '@lezer/lr';
import type { SyntaxNode, Tree } from '@lezer/common';
import { checkDuration, parseDuration } from './duration';
import { substituteGrafanaMacros } from './grafana';
import { PROMETHEUS_FUNCS } from './goTemplateData';
import { formatLangMessage } from './messages';
import { knownFunctionNames, suggestFunction } from './promqlFunctions';
import { semanticProblems, rootType, children, exprChildren, stringValue } from './promqlSemantic';
import { LangProblem, NamedSpan, positionLabel, problem, snippet } from './types';

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
const CLOSER: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
const OPENER: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
const BINARY_OPS = new Set(['+', '-', '*', '/', '%', '^', '==', '!=', '>', '<', '>=', '<=', 'and', 'or', 'unless', 'atan2']);
const DURATION_CONTEXT = new Set(['MatrixSelector', 'SubqueryExpr', 'DurationExpr', 'NumberDurationLiteralInDurationContext', 'OffsetExpr', 'OffsetDurationExpr']);

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

/** Skip a quoted string or a `#` comment starting at i; returns the index after it. */
function skipLiteral(text: string, i: number): number {
  const c = text[i];
  if (c === '#') {
    const nl = text.indexOf('\n', i);
    return nl < 0 ? text.length : nl;
  }
  let j = i + 1;
  while (j < text.length && text[j] !== c) {
    if (text[j] === '\\' && c !== '`') j++;
    if (text[j] === '\n' && c !== '`') return j;
    j++;
  }
  return j + 1;
}

interface BracketResult {
  problems: LangProblem[];
  /** Errors from this offset on are consequences of a bracket problem. */
  cascadeFrom: number;
}

function lastNonSpace(text: string): number {
  let i = text.length - 1;
  while (i >= 0 && /\s/.test(text[i] as string)) i--;
  // ignore a trailing comment line
  return i;
}

function scanBrackets(text: string): BracketResult {
  const stack: { ch: string; pos: number }[] = [];
  for (let i = 0; i < text.length; ) {
    const c = text[i] as string;
    if (c === '"' || c === "'" || c === '`' || c === '#') {
      i = skipLiteral(text, i);
      continue;
    }
    if (CLOSER[c]) stack.push({ ch: c, pos: i });
    else if (OPENER[c]) {
      const top = stack.pop();
      if (!top) return { problems: [problem('promql.unexpected-closer', i, i + 1, { close: c, open: OPENER[c] as string })], cascadeFrom: i };
      if (top.ch !== OPENER[c]) {
        return {
          problems: [problem('promql.mismatched-bracket', i, i + 1, { found: c, expected: CLOSER[top.ch] as string, open: top.ch, position: positionLabel(text, top.pos) })],
          cascadeFrom: i,
        };
      }
    }
    i++;
  }
  if (stack.length === 0) return { problems: [], cascadeFrom: Infinity };
  const end = Math.max(0, lastNonSpace(text));
  const problems = stack
    .slice(-3)
    .reverse()
    .map((o) => problem('promql.unclosed', end, end + 1, { open: o.ch, close: CLOSER[o.ch] as string, position: positionLabel(text, o.pos), openFrom: o.pos }));
  return { problems, cascadeFrom: end };
}

function prevToken(text: string, pos: number): { text: string; from: number; to: number } {
  let i = pos - 1;
  while (i >= 0 && /\s/.test(text[i] as string)) i--;
  const to = i + 1;
  if (i < 0) return { text: '', from: 0, to: 0 };
  const isWord = (c: string) => /[A-Za-z0-9_:.]/.test(c);
  const isOp = (c: string) => /[-+*/%^=!<>~]/.test(c);
  const first = text[i] as string;
  if (isWord(first)) while (i >= 0 && isWord(text[i] as string)) i--;
  else if (isOp(first)) while (i >= 0 && isOp(text[i] as string) && to - i <= 2) i--;
  else i--;
  return { text: text.slice(i + 1, to), from: i + 1, to };
}

function nextToken(text: string, pos: number): { text: string; from: number; to: number } {
  let i = pos;
  while (i < text.length && /\s/.test(text[i] as string)) i++;
  const from = i;
  const c = text[i];
  if (c === undefined) return { text: '', from, to: from };
  if (/[A-Za-z0-9_:.]/.test(c)) while (i < text.length && /[A-Za-z0-9_:.]/.test(text[i] as string)) i++;
  else if (/[-+*/%^=!<>~]/.test(c)) while (i < text.length && /[-+*/%^=!<>~]/.test(text[i] as string) && i - from < 2) i++;
  else if (c === '"' || c === "'" || c === '`') i = Math.min(text.length, skipLiteral(text, i));
  else i++;
  return { text: text.slice(from, i), from, to: i };
}

interface ErrNode {
  from: number;
  to: number;
  node: SyntaxNode;
}

function ancestors(node: SyntaxNode): string[] {
  const out: string[] = [];
  let p = node.parent;
  let guard = 0;
  while (p && guard++ < 6) {
    out.push(p.name);
    p = p.parent;
  }
  return out;
}

function classify(text: string, group: ErrNode[], end: number): LangProblem {
  const first = group[0] as ErrNode;
  const from = first.from;
  const to = Math.max(...group.map((g) => g.to));
  const parent = first.node.parent?.name ?? '';
  const anc = ancestors(first.node);
  // Duration trouble: "[5z]", "[30s1m]", "[1.5m]", "offset 5z".
  let ds = from;
  while (ds > 0 && /[0-9A-Za-zµ.]/.test(text[ds - 1] as string)) ds--;
  let de = Math.max(from, ds);
  while (de < text.length && /[0-9A-Za-zµ.]/.test(text[de] as string)) de++;
  const dtoken = text.slice(ds, de);
  const before = text.slice(Math.max(0, ds - 12), ds);
  if (/^[0-9]/.test(dtoken) && (anc.some((a) => DURATION_CONTEXT.has(a)) || /(offset\s*-?|[[:]\s*)$/i.test(before))) {
    const dp = checkDuration(dtoken, { allowBareNumber: true })[0];
    if (dp) {
      const where = /offset\s*-?$/i.test(before) ? 'offset' : /:\s*$/.test(before) ? 'subquery step' : 'range';
      return problem('promql.bad-duration', ds, de, { duration: dtoken, where, reason: formatLangMessage(dp) });
    }
  }
  if (parent === 'UnquotedLabelMatcher' || parent === 'QuotedLabelMatcher') {
    const m = first.node.parent as SyntaxNode;
    const kids = children(m);
    const name = kids[0] ? text.slice(kids[0].from, kids[0].to) : '';
    const op = kids.find((k) => k.name === 'MatchOp');
    const at = from >= end ? prevToken(text, from) : nextToken(text, from);
    if (!op) return problem('promql.expected-match-op', at.from, Math.max(at.to, at.from + 1), { label: snippet(name), found: from >= end ? 'the end of the expression' : `'${snippet(at.text, 20)}'` });
    return problem('promql.expected-label-value', at.from, Math.max(at.to, at.from + 1), { label: snippet(name), op: text.slice(op.from, op.to) });
  }
  if (from >= end) {
    const prev = prevToken(text, from);
    if (BINARY_OPS.has(prev.text.toLowerCase())) return problem('promql.missing-operand', prev.from, prev.to, { op: prev.text });
    if (parent === 'OffsetExpr' || /^offset$/i.test(prev.text)) return problem('promql.missing-duration', prev.from, prev.to, { after: prev.text });
    return problem('promql.unexpected-end', prev.from, Math.max(prev.to, prev.from + 1), { after: snippet(prev.text, 20) || 'the start' });
  }
  const tok = to > from && text.slice(from, to).trim() !== '' ? { text: text.slice(from, to).trim(), from, to } : nextToken(text, from);
  let expected = '';
  if (anc.some((a) => DURATION_CONTEXT.has(a)) && /^[[:]/.test(prevToken(text, tok.from).text)) expected = "a duration such as '5m'";
  else if (parent === 'LabelMatchers') expected = "',' or '}' between label matchers";
  else if (parent === 'FunctionCallBody') expected = "',' or ')' between arguments";
  else if (parent === 'GroupingLabels') expected = "a label name, ',' or ')'";
  else if (parent === 'BinaryExpr') expected = 'an expression after the operator';
  else if (parent === 'AggregateExpr') expected = "the aggregated expression in parentheses, e.g. 'sum by (job) (metric)'";
  else if (parent === 'VectorSelector' || parent === 'PromQL' || parent === 'MatrixSelector') expected = 'an operator or the end of the expression';
  let hint = expected ? `; expected ${expected}` : '';
  if (/^(\$|\[\[)/.test(text.slice(tok.from, tok.from + 2))) hint += " ('$…' and '[[…]]' are Grafana dashboard variables, which Prometheus does not substitute)";
  return problem('promql.unexpected-token', tok.from, Math.max(tok.to, tok.from + 1), { token: snippet(tok.text, 30), expected: hint });
}

function syntaxProblems(text: string, tree: Tree): LangProblem[] {
  const errors: ErrNode[] = [];
  tree.iterate({
    enter: (n) => {
      if (errors.length > 1000) return false;
      if (n.type.isError) errors.push({ from: n.from, to: n.to, node: n.node });
      return undefined;
    },
  });
  const brackets = scanBrackets(text);
  const out: LangProblem[] = [...brackets.problems];
  const end = lastNonSpace(text) + 1;
  const known = new Set(knownFunctionNames());
  errors.sort((a, b) => a.from - b.from || a.to - b.to);
  let suppressUntil = -1;
  const remaining: ErrNode[] = [];
  for (const e of errors) {
    if (e.from < suppressUntil) continue;
    if (e.from >= brackets.cascadeFrom || (brackets.problems.length && e.from >= end - 1 && brackets.problems[0]?.code === 'promql.unclosed')) continue;
    const next = nextToken(text, e.from);
    if (next.text === '(') {
      const prev = prevToken(text, next.from);
      if (/^[A-Za-z_][A-Za-z0-9_:]*$/.test(prev.text) && !known.has(prev.text) && !BINARY_OPS.has(prev.text.toLowerCase()) && !/^(by|without|on|ignoring|group_left|group_right|bool|offset)$/i.test(prev.text)) {
        const suggestion = suggestFunction(prev.text);
        let hint = suggestion ? ` Did you mean '${suggestion}'?` : '';
        if (PROMETHEUS_FUNCS.includes(prev.text)) hint += ` '${prev.text}' is a template function: use it in annotations ({{ $value | ${prev.text} }}), not in the query.`;
        out.push(problem('promql.unknown-function', prev.from, prev.to, { name: prev.text, suggestion, hint }));
        // skip errors up to the matching ')'
        let depth = 0;
        let j = next.from;
        for (; j < text.length; j++) {
          const c = text[j] as string;
          if (c === '"' || c === "'" || c === '`') j = skipLiteral(text, j) - 1;
          else if (c === '(') depth++;
          else if (c === ')' && --depth === 0) break;
        }
        suppressUntil = j + 1;
        continue;
      }
    }
    remaining.push(e);
  }
  // Merge error nodes that belong to one mistake (overlapping, adjacent or separated by blanks).
  const groups: ErrNode[][] = [];
  for (const e of remaining) {
    const g = groups[groups.length - 1];
    const gEnd = g ? Math.max(...g.map((x) => x.to)) : -1;
    if (g && e.from <= gEnd + 1) g.push(e);
    else if (g && text.slice(gEnd, e.from).trim() === '' && e.from - gEnd < 3) g.push(e);
    else groups.push([e]);
  }
  for (const g of groups.slice(0, MAX_PROBLEMS)) out.push(classify(text, g, end));
  return out;
}

function overlaps(p: { from: number; to: number }, spans: NamedSpan[]): boolean {
  return spans.some((s) => p.from < s.to && s.from < Math.max(p.to, p.from + 1));
}

/** Problems of a PromQL expression (offsets into `expr`). Never throws. */
export function checkPromql(expr: string, options: PromqlOptions = {}): LangProblem[] {
  try {
    if (typeof expr !== 'string' || expr.trim() === '') return [problem('promql.empty', 0, typeof expr === 'string' ? expr.length : 0)];
    if (expr.length > MAX_LEN) return [problem('promql.too-long', 0, expr.length, { length: expr.length, max: MAX_LEN }, 'warning')];
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
      if (t === 'matrix' || t === 'string') out.push(problem('promql.rule-result-type', 0, expr.length, { got: t === 'matrix' ? 'a range vector' : 'a string' }));
    }
    out.sort((a, b) => a.from - b.from || a.to - b.to);
    return out.slice(0, MAX_PROBLEMS);
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
              if (kids[0] && text.slice(kids[0].from, kids[0].to) === '__name__' && op && text.slice(op.from, op.to) === '=' && val) {
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
        const labels = grouping ? children(grouping).filter((k) => k.name === 'LabelName' || k.name === 'QuotedLabelName').map((k) => (k.name === 'QuotedLabelName' ? stringValue(expr, children(k)[0] ?? k).value : expr.slice(k.from, k.to))) : [];
        const kindText = mod ? expr.slice(mod.from, mod.to).trim().toLowerCase() : '';
        return { op: op ? expr.slice(op.from, op.to).toLowerCase() : '', kind: kindText.startsWith('without') ? 'without' : 'by', labels };
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
