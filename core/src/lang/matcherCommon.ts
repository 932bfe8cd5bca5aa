/** What both matcher grammars share: the parsed matcher, a parse's result, and the RE2 check of regex values. */
import { re2Error } from './re2';
import { problem, snippet, type LangProblem } from './types';

export type MatcherOp = '=' | '!=' | '=~' | '!~';
export type MatcherGrammar = 'utf8' | 'classic' | 'fallback';

export interface ParsedMatcher {
  name: string;
  op: MatcherOp;
  value: string;
  from: number;
  to: number;
  nameFrom: number;
  nameTo: number;
  valueFrom: number;
  valueTo: number;
}

export interface MatcherResult {
  matchers: ParsedMatcher[];
  problems: LangProblem[];
}

/** A regex value (`=~`, `!~`) must compile as RE2; the problem lands on the offending part of the value. */
export function checkRegex(m: ParsedMatcher, offsets: number[] | undefined, problems: LangProblem[]): void {
  if (m.op !== '=~' && m.op !== '!~') return;
  const err = re2Error(m.value);
  if (!err) return;
  const map = (k: number): number => (offsets ? (offsets[Math.min(k, offsets.length - 1)] as number) : m.valueFrom + k);
  let from = map(err.from);
  let to = err.to >= m.value.length ? m.valueTo - (offsets ? 1 : 0) : map(err.to);
  if (to <= from) {
    from = m.valueFrom;
    to = m.valueTo;
  }
  problems.push(problem('matcher.bad-regex', from, to, { reason: err.message, value: snippet(m.value) }));
}
