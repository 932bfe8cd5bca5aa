/**
 * Semantic passes over the lezer-promql tree: the checks the Go parser runs that the lezer grammar
 * doesn't (empty selectors, duplicate metric names, RE2 regexes, string literals) and a light type
 * check (function and aggregation argument types, arity, binary operands, ranges and subqueries).
 */
import type { SyntaxNode, Tree } from '@lezer/common';
import { unquoteGo } from './goString';
import {
  argType,
  functionArity,
  PROMQL_AGGREGATIONS,
  PROMQL_FUNCTIONS,
  PromType,
  typeName,
  typeNameA,
} from './promqlFunctions';
import { re2Error, re2MatchesEmpty } from './re2';
import { LangProblem, problem, snippet } from './types';
import type { Code } from '../codes';

export const EXPR_NAMES = new Set([
  'AggregateExpr',
  'BinaryExpr',
  'FunctionCall',
  'MatrixSelector',
  'NumberDurationLiteral',
  'OffsetExpr',
  'ParenExpr',
  'StringLiteral',
  'SubqueryExpr',
  'UnaryExpr',
  'VectorSelector',
  'StepInvariantExpr',
  'AnchoredExpr',
  'SmoothedExpr',
]);
const COMPARISONS = new Set(['==', '!=', '>', '<', '>=', '<=']);
const SET_OPS = new Set(['and', 'or', 'unless']);
const MAX_DEPTH = 300;

export function children(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  let c = node.firstChild;
  let guard = 0;
  while (c && guard++ < 100000) {
    out.push(c);
    c = c.nextSibling;
  }
  return out;
}

export function exprChildren(node: SyntaxNode): SyntaxNode[] {
  return children(node).filter((c) => EXPR_NAMES.has(c.name));
}

/** Decoded string literal with offsets back into `text`. */
export function stringValue(text: string, node: SyntaxNode): { value: string; offsets: number[]; ok: boolean } {
  const u = unquoteGo(text.slice(node.from, node.to));
  return { value: u.value, offsets: u.offsets.map((o) => node.from + o), ok: !u.error };
}

class Typer {
  private memo = new Map<string, PromType | undefined>();
  constructor(private readonly text: string) {}

  typeOf(node: SyntaxNode | undefined, depth = 0): PromType | undefined {
    if (!node || depth > MAX_DEPTH) return undefined;
    const key = `${node.from}:${node.to}:${node.name}`;
    if (this.memo.has(key)) return this.memo.get(key);
    let t: PromType | undefined;
    switch (node.name) {
      case 'NumberDurationLiteral':
        t = 'scalar';
        break;
      case 'StringLiteral':
        t = 'string';
        break;
      case 'VectorSelector':
      case 'AggregateExpr':
        t = 'vector';
        break;
      case 'MatrixSelector':
      case 'SubqueryExpr':
        t = 'matrix';
        break;
      case 'ParenExpr':
      case 'UnaryExpr':
      case 'OffsetExpr':
      case 'StepInvariantExpr':
      case 'AnchoredExpr':
      case 'SmoothedExpr':
        t = this.typeOf(exprChildren(node)[0], depth + 1);
        break;
      case 'FunctionCall': {
        const id = children(node).find((c) => c.name === 'FunctionIdentifier');
        t = id ? PROMQL_FUNCTIONS[this.text.slice(id.from, id.to)]?.ret : undefined;
        break;
      }
      case 'BinaryExpr': {
        const ex = exprChildren(node);
        const l = this.typeOf(ex[0], depth + 1);
        const r = this.typeOf(ex[ex.length - 1], depth + 1);
        t =
          l === 'scalar' && r === 'scalar'
            ? 'scalar'
            : l === 'vector' || r === 'vector'
              ? 'vector'
              : l && r
                ? 'vector'
                : undefined;
        break;
      }
      default:
        t = undefined;
    }
    this.memo.set(key, t);
    return t;
  }
}

function mismatch(code: Code, node: SyntaxNode, args: Record<string, string | number>): LangProblem {
  return problem(code, node.from, node.to, args);
}

function checkArg(
  out: LangProblem[],
  fn: string,
  index: number,
  expected: PromType,
  got: PromType | undefined,
  node: SyntaxNode,
  text: string,
): void {
  if (!got || got === expected) return;
  const args = { func: fn, index: index + 1, got: typeNameA(got), arg: snippet(text.slice(node.from, node.to)) };
  if (expected === 'matrix') out.push(mismatch('promql.expected-range-vector', node, args));
  else if (expected === 'vector') out.push(mismatch('promql.expected-instant-vector', node, args));
  else if (expected === 'scalar') out.push(mismatch('promql.expected-scalar', node, args));
  else out.push(mismatch('promql.expected-string', node, args));
}

function arityText(min: number, max: number): string {
  if (min === max) return String(min);
  if (max === Infinity) return `at least ${min}`;
  return `${min} to ${max}`;
}

/** Type and arity checks of one node (called for every node of an error-free tree). */
function typeCheck(node: SyntaxNode, text: string, typer: Typer, out: LangProblem[]): void {
  switch (node.name) {
    case 'FunctionCall': {
      const id = children(node).find((c) => c.name === 'FunctionIdentifier');
      const body = children(node).find((c) => c.name === 'FunctionCallBody');
      if (!id) return;
      const name = text.slice(id.from, id.to);
      const fn = PROMQL_FUNCTIONS[name];
      if (!fn) return;
      const args = body ? exprChildren(body) : [];
      const { min, max } = functionArity(fn);
      if (args.length < min || args.length > max) {
        out.push(
          problem('promql.wrong-arg-count', id.from, node.to, {
            func: name,
            expected: arityText(min, max),
            got: args.length,
            signature: `${name}(${fn.args.map(typeName).join(', ')}${fn.variadic !== 0 ? ', …' : ''})`,
          }),
        );
        return;
      }
      args.forEach((a, i) => {
        const exp = argType(fn, i);
        if (exp) checkArg(out, name, i, exp, typer.typeOf(a), a, text);
      });
      return;
    }
    case 'AggregateExpr': {
      const opNode = children(node).find((c) => c.name === 'AggregateOp');
      const body = children(node).find((c) => c.name === 'FunctionCallBody');
      if (!opNode || !body) return;
      const op = text.slice(opNode.from, opNode.to).toLowerCase();
      const spec = PROMQL_AGGREGATIONS[op];
      if (!spec) return;
      const args = exprChildren(body);
      const want = spec.param ? 2 : 1;
      if (args.length !== want) {
        out.push(
          problem('promql.wrong-arg-count', opNode.from, node.to, {
            func: op,
            expected: String(want),
            got: args.length,
            signature: spec.param ? `${op}(${typeName(spec.param)}, instant vector)` : `${op}(instant vector)`,
          }),
        );
        return;
      }
      if (spec.param) checkArg(out, op, 0, spec.param, typer.typeOf(args[0]), args[0] as SyntaxNode, text);
      const last = args[args.length - 1] as SyntaxNode;
      checkArg(out, op, args.length - 1, 'vector', typer.typeOf(last), last, text);
      return;
    }
    case 'BinaryExpr': {
      const kids = children(node);
      const ex = exprChildren(node);
      if (ex.length < 2) return;
      const l = ex[0] as SyntaxNode;
      const r = ex[ex.length - 1] as SyntaxNode;
      const opNode = kids.find(
        (k) =>
          k.from >= l.to &&
          k.to <= r.from &&
          !EXPR_NAMES.has(k.name) &&
          !k.type.isError &&
          k.name !== 'BoolModifier' &&
          k.name !== 'MatchingModifierClause' &&
          k.name !== 'FillModifier',
      );
      const op = opNode ? text.slice(opNode.from, opNode.to).toLowerCase() : '?';
      const lt = typer.typeOf(l);
      const rt = typer.typeOf(r);
      for (const [n, t] of [
        [l, lt],
        [r, rt],
      ] as [SyntaxNode, PromType | undefined][]) {
        if (t === 'matrix' || t === 'string')
          out.push(problem('promql.binary-operand-type', n.from, n.to, { op, got: typeNameA(t) }));
      }
      if (lt === 'scalar' && rt === 'scalar') {
        if (COMPARISONS.has(op) && !kids.some((k) => k.name === 'BoolModifier'))
          out.push(problem('promql.scalar-comparison-needs-bool', opNode?.from ?? l.to, opNode?.to ?? r.from, { op }));
      }
      if (SET_OPS.has(op) && (lt === 'scalar' || rt === 'scalar'))
        out.push(problem('promql.set-operator-scalar', opNode?.from ?? l.to, opNode?.to ?? r.from, { op }));
      return;
    }
    case 'MatrixSelector': {
      const inner = exprChildren(node)[0];
      if (inner && inner.name !== 'VectorSelector') {
        out.push(
          problem('promql.range-on-non-selector', inner.to, node.to, {
            expr: snippet(text.slice(inner.from, inner.to)),
            range: text.slice(inner.to, node.to).trim(),
          }),
        );
      }
      return;
    }
    case 'SubqueryExpr': {
      const inner = exprChildren(node)[0];
      const t = typer.typeOf(inner);
      if (inner && t && t !== 'vector')
        out.push(problem('promql.subquery-on-non-vector', inner.from, node.to, { got: typeNameA(t) }));
      return;
    }
    case 'UnaryExpr': {
      const inner = exprChildren(node)[0];
      const t = typer.typeOf(inner);
      if (inner && (t === 'matrix' || t === 'string'))
        out.push(
          problem('promql.binary-operand-type', inner.from, inner.to, {
            op: text.slice(node.from, inner.from).trim() || '-',
            got: typeNameA(t),
          }),
        );
      return;
    }
  }
}

interface MatcherInfo {
  name: string;
  op: string;
  value: string;
  valueNode: SyntaxNode;
  offsets: number[];
  ok: boolean;
}

function matchersOf(node: SyntaxNode, text: string): { metricName?: string; matchers: MatcherInfo[] } {
  let metricName: string | undefined;
  const id = children(node).find((c) => c.name === 'Identifier');
  if (id) metricName = text.slice(id.from, id.to);
  const lm = children(node).find((c) => c.name === 'LabelMatchers');
  const matchers: MatcherInfo[] = [];
  for (const c of lm ? children(lm) : []) {
    if (c.name === 'QuotedLabelName') {
      const s = children(c).find((k) => k.name === 'StringLiteral');
      if (s) metricName = stringValue(text, s).value;
      continue;
    }
    if (c.name !== 'UnquotedLabelMatcher' && c.name !== 'QuotedLabelMatcher') continue;
    const kids = children(c);
    const nameNode = kids.find((k) => k.name === 'LabelName' || k.name === 'QuotedLabelName');
    const opNode = kids.find((k) => k.name === 'MatchOp');
    const valNode = kids.filter((k) => k.name === 'StringLiteral').pop();
    if (!nameNode || !opNode || !valNode || valNode === nameNode) continue;
    let name = text.slice(nameNode.from, nameNode.to);
    if (nameNode.name === 'QuotedLabelName') {
      const s = children(nameNode).find((k) => k.name === 'StringLiteral');
      name = s ? stringValue(text, s).value : name;
    }
    const sv = stringValue(text, valNode);
    matchers.push({
      name,
      op: text.slice(opNode.from, opNode.to),
      value: sv.value,
      valueNode: valNode,
      offsets: sv.offsets,
      ok: sv.ok,
    });
  }
  return { metricName, matchers };
}

function matchesEmpty(m: MatcherInfo): boolean {
  switch (m.op) {
    case '=':
      return m.value === '';
    case '!=':
      return m.value !== '';
    case '=~':
      return re2MatchesEmpty(m.value) !== false;
    case '!~':
      return re2MatchesEmpty(m.value) !== true;
  }
  return false;
}

/** Local (per-node) checks, safe on trees with syntax errors, plus type checks when `types`. */
export function semanticProblems(text: string, tree: Tree, types: boolean): LangProblem[] {
  const out: LangProblem[] = [];
  const typer = new Typer(text);
  let count = 0;
  tree.iterate({
    enter: (ref) => {
      if (count++ > 200000 || out.length > 100) return false;
      const node = ref.node;
      if (ref.name === 'StringLiteral') {
        const u = unquoteGo(text.slice(ref.from, ref.to));
        if (u.error?.kind === 'unterminated' || u.error?.kind === 'newline') {
          out.push(
            problem(
              'promql.unterminated-string',
              ref.from,
              u.error.kind === 'newline' ? ref.from + u.error.to : ref.to,
              { quote: text[ref.from] ?? '"' },
            ),
          );
        } else if (u.error) {
          out.push(
            problem('promql.bad-escape', ref.from + u.error.from, ref.from + u.error.to, { detail: u.error.detail }),
          );
        }
        return undefined;
      }
      if (ref.name === 'VectorSelector') {
        const { metricName, matchers } = matchersOf(node, text);
        for (const m of matchers) {
          if ((m.op === '=~' || m.op === '!~') && m.ok) {
            const err = re2Error(m.value);
            if (err) {
              const from = m.offsets[Math.min(err.from, m.offsets.length - 1)] ?? m.valueNode.from;
              let to = err.to >= m.value.length ? m.valueNode.to - 1 : (m.offsets[err.to] ?? m.valueNode.to);
              if (to <= from) to = Math.min(m.valueNode.to, from + 1);
              out.push(problem('promql.bad-regex', from, to, { reason: err.message, regex: snippet(m.value) }));
            }
          }
          if (metricName !== undefined && m.name === '__name__') {
            out.push(
              problem('promql.duplicate-metric-name', m.valueNode.from, m.valueNode.to, {
                name: metricName,
                other: m.value,
              }),
            );
          }
        }
        const evaluable = matchers.every(
          (m) => m.ok && ((m.op !== '=~' && m.op !== '!~') || re2MatchesEmpty(m.value) !== undefined),
        );
        if (metricName === undefined && evaluable && matchers.every(matchesEmpty)) {
          out.push(
            problem('promql.empty-selector', ref.from, ref.to, { selector: snippet(text.slice(ref.from, ref.to)) }),
          );
        }
        return undefined;
      }
      if (types) typeCheck(node, text, typer, out);
      return undefined;
    },
  });
  return out;
}

export function rootType(text: string, tree: Tree): PromType | undefined {
  const root = exprChildren(tree.topNode)[0];
  return new Typer(text).typeOf(root);
}
