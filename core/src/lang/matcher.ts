/**
 * Alertmanager matchers: `name op value` with op `= != =~ !~`, optional braces, comma lists with
 * an optional trailing comma. Two grammars:
 *  - 'utf8' (matcher/parse): names and values unquoted (no reserved chars) or double-quoted;
 *  - 'classic' (pkg/labels): legacy label names, the value is the rest of the element.
 * 'fallback' (Alertmanager's default mode) parses with utf8 and accepts classic-only input with a
 * warning. Regex values must compile as RE2 (`^(?:value)$`).
 */
import { unquoteGo } from './goString';
import { english, type ProblemMessageId } from '../messages';
import { clampProblems, LangProblem, problem, snippet } from './types';
import { checkRegex, type MatcherOp, type MatcherResult as Result, type ParsedMatcher } from './matcherCommon';
import { parseClassic } from './matcherClassic';

export type { MatcherOp, ParsedMatcher } from './matcherCommon';
export type MatcherGrammar = 'utf8' | 'classic' | 'fallback';

const LEGACY_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const RESERVED = '{}!=~,\\"\'`';
const MAX_LEN = 10000;

function isSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v';
}

interface Tok {
  kind: 'lbrace' | 'rbrace' | 'comma' | 'op' | 'quoted' | 'word' | 'bad' | 'eof';
  from: number;
  to: number;
  text: string;
  value?: string;
  offsets?: number[];
}

function lexUtf8(text: string, problems: LangProblem[]): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (isSpace(c)) {
      i++;
      continue;
    }
    const start = i;
    if (c === '{' || c === '}' || c === ',') {
      toks.push({ kind: c === '{' ? 'lbrace' : c === '}' ? 'rbrace' : 'comma', from: i, to: i + 1, text: c });
      i++;
    } else if (c === '=' || c === '!') {
      const n = text[i + 1];
      if (c === '=' && n === '~') i += 2;
      else if (c === '=') i += 1;
      else if (n === '=' || n === '~') i += 2;
      else {
        problems.push(problem('matcher.syntax', i, i + 1, { found: '!', expected: "'!=' or '!~'" }));
        return toks;
      }
      toks.push({ kind: 'op', from: start, to: i, text: text.slice(start, i) });
    } else if (c === '"') {
      const u = unquoteGo(text.slice(i));
      if (u.error) {
        const unterminated = u.error.kind !== 'bad-escape';
        problems.push(
          unterminated
            ? problem('matcher.unterminated-string', i, text.length, {})
            : problem('matcher.bad-escape', i + u.error.from, i + u.error.to, { detail: u.error.detail }),
        );
        return toks;
      }
      const end = i + (u.offsets[u.offsets.length - 1] as number) + 1;
      toks.push({
        kind: 'quoted',
        from: i,
        to: end,
        text: text.slice(i, end),
        value: u.value,
        offsets: u.offsets.map((o) => i + o),
      });
      i = end;
    } else if (c === "'" || c === '`' || c === '~' || c === '\\') {
      problems.push(
        problem('matcher.syntax', i, i + 1, {
          found: c,
          expected: c === "'" || c === '`' ? 'a double-quoted string ("…")' : 'a label name, operator or value',
        }),
      );
      return toks;
    } else {
      while (i < text.length && !isSpace(text[i] as string) && !RESERVED.includes(text[i] as string)) i++;
      toks.push({ kind: 'word', from: start, to: i, text: text.slice(start, i), value: text.slice(start, i) });
    }
  }
  toks.push({ kind: 'eof', from: text.length, to: text.length, text: '' });
  return toks;
}

function describe(t: Tok): string {
  return t.kind === 'eof' ? 'end of input' : `'${snippet(t.text, 20)}'`;
}

function parseUtf8(text: string): Result {
  const problems: LangProblem[] = [];
  const matchers: ParsedMatcher[] = [];
  const toks = lexUtf8(text, problems);
  if (problems.length) return { matchers, problems };
  let k = 0;
  const peek = (): Tok => toks[Math.min(k, toks.length - 1)] as Tok;
  let open: Tok | undefined;
  if (peek().kind === 'lbrace') open = toks[k++];
  while (peek().kind !== 'eof' && peek().kind !== 'rbrace') {
    const nameTok = peek();
    if (nameTok.kind !== 'word' && nameTok.kind !== 'quoted') {
      problems.push(
        problem('matcher.expected-name', nameTok.from, Math.max(nameTok.to, nameTok.from + 1), {
          found: describe(nameTok),
        }),
      );
      return { matchers, problems };
    }
    k++;
    const opTok = peek();
    if (opTok.kind !== 'op') {
      const at = opTok.kind === 'eof' ? nameTok : opTok;
      problems.push(
        problem('matcher.expected-operator', at.from, Math.max(at.to, at.from + 1), {
          name: snippet(nameTok.value ?? ''),
          found: describe(opTok),
        }),
      );
      return { matchers, problems };
    }
    k++;
    const valTok = peek();
    if (valTok.kind !== 'word' && valTok.kind !== 'quoted') {
      problems.push(
        problem(
          'matcher.expected-value',
          valTok.kind === 'eof' ? opTok.from : valTok.from,
          valTok.kind === 'eof' ? opTok.to : Math.max(valTok.to, valTok.from + 1),
          { name: snippet(nameTok.value ?? ''), op: opTok.text, found: describe(valTok) },
        ),
      );
      return { matchers, problems };
    }
    k++;
    const m: ParsedMatcher = {
      name: nameTok.value ?? '',
      op: opTok.text as MatcherOp,
      value: valTok.value ?? '',
      from: nameTok.from,
      to: valTok.to,
      nameFrom: nameTok.from,
      nameTo: nameTok.to,
      valueFrom: valTok.from,
      valueTo: valTok.to,
    };
    if (m.name === '')
      problems.push(problem('matcher.bad-label-name', nameTok.from, nameTok.to, { name: '', reason: 'it is empty' }));
    matchers.push(m);
    checkRegex(m, valTok.offsets, problems);
    const sep = peek();
    if (sep.kind === 'comma') {
      k++;
      continue;
    }
    if (sep.kind !== 'eof' && sep.kind !== 'rbrace') {
      problems.push(
        problem('matcher.expected-comma', sep.from, Math.max(sep.to, sep.from + 1), {
          found: describe(sep),
          brace: open ? " or '}'" : '',
        }),
      );
      return { matchers, problems };
    }
  }
  const end = peek();
  if (end.kind === 'rbrace') {
    if (!open) {
      problems.push(problem('matcher.unbalanced-braces', end.from, end.to, { detail: "'}' has no matching '{'" }));
      return { matchers, problems };
    }
    k++;
    const after = peek();
    if (after.kind !== 'eof')
      problems.push(
        problem('matcher.syntax', after.from, text.length, {
          found: describe(after),
          expected: 'end of input after the closing brace',
        }),
      );
  } else if (open) {
    problems.push(
      problem('matcher.unbalanced-braces', open.from, open.to, {
        detail: "the opening brace is never closed; add '}' at the end",
      }),
    );
  }
  return { matchers, problems };
}

export interface MatcherOptions {
  grammar?: MatcherGrammar;
}

function analyse(text: string, options: MatcherOptions): Result {
  if (typeof text !== 'string')
    return {
      matchers: [],
      problems: [problem('matcher.syntax', 0, 0, { found: 'nothing', expected: "'name op value'" })],
    };
  if (text.length > MAX_LEN)
    return {
      matchers: [],
      problems: [
        problem('matcher.syntax', 0, text.length, {
          found: 'a very long value',
          expected: `at most ${MAX_LEN} characters`,
        }),
      ],
    };
  const grammar = options.grammar ?? 'fallback';
  if (grammar === 'classic') {
    const r = parseClassic(text);
    for (const m of r.matchers) {
      if (!LEGACY_NAME.test(m.name))
        r.problems.push(
          problem('matcher.bad-label-name', m.nameFrom, m.nameTo, {
            name: m.name,
            reason: 'it does not match [a-zA-Z_][a-zA-Z0-9_]*',
          }),
        );
    }
    return r;
  }
  const u = parseUtf8(text);
  if (grammar === 'utf8' || u.problems.every((p) => p.code === 'matcher.bad-regex')) return u;
  const c = parseClassic(text);
  if (c.problems.length === 0 && c.matchers.length > 0) {
    const first = u.problems[0] as LangProblem;
    return {
      matchers: c.matchers,
      problems: [
        problem(
          'matcher.classic-only',
          first.from,
          first.to,
          { reason: formatReason(first), replacement: quotedForm(text, c.matchers) },
          'warning',
        ),
      ],
    };
  }
  return u;
}

/** The same matchers with double-quoted values, which both parsers read alike (`replacement` of `matcher.classic-only`). */
function quotedForm(text: string, matchers: ParsedMatcher[]): string {
  const list = matchers.map((m) => `${m.name}${m.op}${JSON.stringify(m.value)}`).join(', ');
  return text.trim().startsWith('{') ? `{${list}}` : list;
}

function formatReason(p: LangProblem): string {
  return english('matcher.reason.utf8', {
    message: english(p.message ?? (p.code as ProblemMessageId), p.args).replace(/\.$/, ''),
  });
}

/** Problems of a matcher list (one route `matchers` entry, an inhibit matcher, …). Never throws. */
export function checkMatcher(text: string, options: MatcherOptions = {}): LangProblem[] {
  try {
    return clampProblems(analyse(text, options).problems, text.length);
  } catch {
    return [
      problem('matcher.syntax', 0, typeof text === 'string' ? text.length : 0, {
        found: 'input',
        expected: "'name op value'",
      }),
    ];
  }
}

/** The matchers that parsed (errors are dropped). Never throws. */
export function parseMatchers(text: string, options: MatcherOptions = {}): ParsedMatcher[] {
  try {
    return analyse(text, options).matchers;
  } catch {
    return [];
  }
}
