/** The classic (pre-0.27) Alertmanager matcher grammar (pkg/labels): legacy names, the value is the rest of the element. */
import { unquoteGo } from './goString';
import { checkRegex, type MatcherOp, type MatcherResult, type ParsedMatcher } from './matcherCommon';
import { problem, snippet, type LangProblem } from './types';

const CLASSIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

/** The classic (pre-0.27) grammar; used to classify fallback input. */
export function parseClassic(text: string): MatcherResult {
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
