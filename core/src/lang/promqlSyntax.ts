/**
 * Syntax diagnostics for PromQL from a lezer-promql tree: bracket balance (with the opener's
 * position), unknown functions, bad durations, and the remaining error nodes widened, merged
 * (one problem per mistake) and explained from their context.
 */
import type { SyntaxNode, Tree } from '@lezer/common';
import { checkDuration, repairDuration } from './duration';
import { PROMETHEUS_FUNCS } from './goTemplateData';
import { knownFunctionNames, suggestFunction } from './promqlFunctions';
import { children } from './promqlSemantic';
import { LangProblem, positionLabel, problem, snippet } from './types';

const MAX_PROBLEMS = 50;
const CLOSER: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
const OPENER: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
const BINARY_OPS = new Set([
  '+',
  '-',
  '*',
  '/',
  '%',
  '^',
  '==',
  '!=',
  '>',
  '<',
  '>=',
  '<=',
  'and',
  'or',
  'unless',
  'atan2',
]);
const DURATION_CONTEXT = new Set([
  'MatrixSelector',
  'SubqueryExpr',
  'DurationExpr',
  'NumberDurationLiteralInDurationContext',
  'OffsetExpr',
  'OffsetDurationExpr',
]);

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
  for (let i = 0; i < text.length;) {
    const c = text[i] as string;
    if (c === '"' || c === "'" || c === '`' || c === '#') {
      i = skipLiteral(text, i);
      continue;
    }
    if (CLOSER[c]) stack.push({ ch: c, pos: i });
    else if (OPENER[c]) {
      const top = stack.pop();
      if (!top)
        return {
          problems: [problem('promql.unexpected-closer', i, i + 1, { close: c, open: OPENER[c] as string })],
          cascadeFrom: i,
        };
      if (top.ch !== OPENER[c]) {
        return {
          problems: [
            problem(
              'promql.mismatched-bracket',
              i,
              i + 1,
              {
                found: c,
                expected: CLOSER[top.ch] as string,
                open: top.ch,
                position: positionLabel(text, top.pos),
              },
              undefined,
              { position: top.pos },
            ),
          ],
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
    .map((o) =>
      problem(
        'promql.unclosed',
        end,
        end + 1,
        {
          open: o.ch,
          close: CLOSER[o.ch] as string,
          position: positionLabel(text, o.pos),
          openFrom: o.pos,
        },
        undefined,
        { position: o.pos },
      ),
    );
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
  if (isWord(first)) while (i >= 0 && isWord(text[i] as string) && to - i < 200) i--;
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
  if (/[A-Za-z0-9_:.]/.test(c))
    while (i < text.length && /[A-Za-z0-9_:.]/.test(text[i] as string) && i - from < 200) i++;
  else if (/[-+*/%^=!<>~]/.test(c))
    while (i < text.length && /[-+*/%^=!<>~]/.test(text[i] as string) && i - from < 2) i++;
  else if (c === '"' || c === "'" || c === '`') i = Math.min(text.length, from + 200, skipLiteral(text, i));
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

/** A duration of a range, subquery or offset that is not one: the repaired one when evident, else the unit or the form. */
function badDuration(dp: LangProblem, from: number, to: number, duration: string, where: string): LangProblem {
  const repaired = repairDuration(duration);
  if (repaired && repaired.text !== duration)
    return problem('promql.bad-duration', from, to, { duration, where, suggestion: repaired.text });
  if (dp.code === 'duration.unknown-unit')
    return {
      ...problem('promql.bad-duration', from, to, { duration, where, unit: dp.args.unit ?? '' }),
      message: 'promql.bad-duration.unit',
    };
  return { ...problem('promql.bad-duration', from, to, { duration, where }), message: 'promql.bad-duration.form' };
}

function classify(text: string, group: ErrNode[], end: number): LangProblem {
  const first = group[0] as ErrNode;
  const from = first.from;
  const to = Math.max(...group.map((g) => g.to));
  const parent = first.node.parent?.name ?? '';
  const anc = ancestors(first.node);
  // Duration trouble: "[5z]", "[30s1m]", "[1.5m]", "offset 5z".
  let ds = from;
  while (ds > 0 && from - ds < 50 && /[0-9A-Za-z\u00b5.]/.test(text[ds - 1] as string)) ds--;
  let de = Math.max(from, ds);
  while (de < text.length && de - from < 50 && /[0-9A-Za-z\u00b5.]/.test(text[de] as string)) de++;
  const dtoken = text.slice(ds, de);
  const before = text.slice(Math.max(0, ds - 12), ds);
  if (/^[0-9]/.test(dtoken) && (anc.some((a) => DURATION_CONTEXT.has(a)) || /(offset\s*-?|[[:]\s*)$/i.test(before))) {
    const dp = checkDuration(dtoken, { allowBareNumber: true })[0];
    if (dp) {
      const where = /offset\s*-?$/i.test(before) ? 'offset' : /:\s*$/.test(before) ? 'subquery step' : 'range';
      return badDuration(dp, ds, de, dtoken, where);
    }
  }
  if (parent === 'UnquotedLabelMatcher' || parent === 'QuotedLabelMatcher') {
    const m = first.node.parent as SyntaxNode;
    const kids = children(m);
    const name = kids[0] ? text.slice(kids[0].from, kids[0].to) : '';
    const op = kids.find((k) => k.name === 'MatchOp');
    const at = from >= end ? prevToken(text, from) : nextToken(text, from);
    if (!op)
      return problem('promql.expected-match-op', at.from, Math.max(at.to, at.from + 1), {
        label: snippet(name),
        found: from >= end ? 'the end of the expression' : `'${snippet(at.text, 20)}'`,
      });
    return problem('promql.expected-label-value', at.from, Math.max(at.to, at.from + 1), {
      label: snippet(name),
      op: text.slice(op.from, op.to),
    });
  }
  if (from >= end) {
    const prev = prevToken(text, from);
    if (BINARY_OPS.has(prev.text.toLowerCase()))
      return problem('promql.missing-operand', prev.from, prev.to, { op: prev.text });
    if (parent === 'OffsetExpr' || /^offset$/i.test(prev.text))
      return problem('promql.missing-duration', prev.from, prev.to, { after: prev.text });
    return problem('promql.unexpected-end', prev.from, Math.max(prev.to, prev.from + 1), {
      after: snippet(prev.text, 20) || 'the start',
    });
  }
  const tok =
    to > from && text.slice(from, Math.min(to, from + 200)).trim() !== ''
      ? { text: text.slice(from, Math.min(to, from + 200)).trim(), from, to }
      : nextToken(text, from);
  let expected = '';
  if (anc.some((a) => DURATION_CONTEXT.has(a)) && /^[[:]/.test(prevToken(text, tok.from).text))
    expected = "a duration such as '5m'";
  else if (parent === 'LabelMatchers') expected = "',' or '}' between label matchers";
  else if (parent === 'FunctionCallBody') expected = "',' or ')' between arguments";
  else if (parent === 'GroupingLabels') expected = "a label name, ',' or ')'";
  else if (parent === 'BinaryExpr') expected = 'an expression after the operator';
  else if (parent === 'AggregateExpr')
    expected = "the aggregated expression in parentheses, e.g. 'sum by (job) (metric)'";
  else if (parent === 'VectorSelector' || parent === 'PromQL' || parent === 'MatrixSelector')
    expected = 'an operator or the end of the expression';
  let hint = expected ? `; expected ${expected}` : '';
  if (/^(\$|\[\[)/.test(text.slice(tok.from, tok.from + 2)))
    hint += " ('$…' and '[[…]]' are Grafana dashboard variables, which Prometheus does not substitute)";
  return problem('promql.unexpected-token', tok.from, Math.max(tok.to, tok.from + 1), {
    token: snippet(tok.text, 30),
    expected: hint,
  });
}

/** Syntax problems of `text` given its lezer tree. */
export function syntaxProblems(text: string, tree: Tree): LangProblem[] {
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
    if (
      e.from >= brackets.cascadeFrom ||
      (brackets.problems.length && e.from >= end - 1 && brackets.problems[0]?.code === 'promql.unclosed')
    )
      continue;
    const next = nextToken(text, e.from);
    if (next.text === '(') {
      const prev = prevToken(text, next.from);
      if (
        /^[A-Za-z_][A-Za-z0-9_:]*$/.test(prev.text) &&
        !known.has(prev.text) &&
        !BINARY_OPS.has(prev.text.toLowerCase()) &&
        !/^(by|without|on|ignoring|group_left|group_right|bool|offset)$/i.test(prev.text)
      ) {
        const suggestion = suggestFunction(prev.text);
        let hint = suggestion ? ` Did you mean '${suggestion}'?` : '';
        if (PROMETHEUS_FUNCS.includes(prev.text))
          hint += ` '${prev.text}' is a template function: use it in annotations ({{ $value | ${prev.text} }}), not in the query.`;
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
