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
import { re2Error } from './re2';
import { clampProblems, LangProblem, problem, snippet } from './types';

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

interface Result {
  matchers: ParsedMatcher[];
  problems: LangProblem[];
}

const LEGACY_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const CLASSIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
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

function checkRegex(m: ParsedMatcher, offsets: number[] | undefined, problems: LangProblem[]): void {
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

/** The classic (pre-0.27) grammar; used to classify fallback input. */
function parseClassic(text: string): Result {
  const problems: LangProblem[] = [];
  const matchers: ParsedMatcher[] = [];
  let body = text;
  let base = 0;
  const t = text.trim();
  const lead = text.length - text.trimStart().length;
  if (t.startsWith('{') || t.endsWith('}')) {
    if (!(t.startsWith('{') && t.endsWith('}')))
      return {
        matchers,
        problems: [problem('matcher.unbalanced-braces', lead, lead + t.length, { detail: 'braces are not balanced' })],
      };
    body = t.slice(1, -1);
    base = lead + 1;
  }
  // split on commas outside double quotes
  const parts: { s: string; from: number }[] = [];
  let inQ = false;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '\\' && inQ) i++;
    else if (c === '"') inQ = !inQ;
    else if (c === ',' && !inQ) {
      parts.push({ s: body.slice(start, i), from: base + start });
      start = i + 1;
    }
  }
  parts.push({ s: body.slice(start), from: base + start });
  for (const p of parts) {
    if (p.s.trim() === '' && p === parts[parts.length - 1]) continue;
    const m = /^(\s*)([^\s=!~]*)(\s*)(=~|!~|!=|=)/.exec(p.s);
    if (!m || !CLASSIC_NAME.test(m[2] as string)) {
      problems.push(
        problem('matcher.syntax', p.from, p.from + Math.max(1, p.s.length), {
          found: `'${snippet(p.s.trim(), 30)}'`,
          expected: "'name op value'",
        }),
      );
      continue;
    }
    const nameFrom = p.from + (m[1] as string).length;
    const rest = p.s.slice(m[0].length);
    const vLead = rest.length - rest.trimStart().length;
    const raw = rest.trim();
    let value = raw;
    const valueFrom = p.from + m[0].length + vLead;
    if (raw.startsWith('"') && raw.endsWith('"') && raw.length >= 2) {
      const u = unquoteGo(raw);
      if (u.error) {
        problems.push(
          problem('matcher.syntax', valueFrom, valueFrom + raw.length, {
            found: raw,
            expected: 'a valid quoted string',
          }),
        );
        continue;
      }
      value = u.value;
    } else if (/(^|[^\\])"/.test(raw)) {
      problems.push(
        problem('matcher.syntax', valueFrom, valueFrom + raw.length, {
          found: `'${snippet(raw, 20)}'`,
          expected: 'a value without unescaped double quotes',
        }),
      );
      continue;
    }
    const mm: ParsedMatcher = {
      name: m[2] as string,
      op: m[4] as MatcherOp,
      value,
      from: nameFrom,
      to: valueFrom + raw.length,
      nameFrom,
      nameTo: nameFrom + (m[2] as string).length,
      valueFrom,
      valueTo: valueFrom + raw.length,
    };
    matchers.push(mm);
    checkRegex(mm, undefined, problems);
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
