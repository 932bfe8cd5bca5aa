/**
 * Alertmanager label maps (`match`, `match_re`, `source_match*`, `target_match*`) to matchers,
 * written as Alertmanager prints a matcher (pkg/labels `Matcher.String`): the name bare when it
 * is a plain identifier, double-quoted otherwise; the value double-quoted with `\`, `"` and line
 * breaks escaped. Each matcher is read back with the matcher parser: it must give the same name,
 * operator and value, or it is not offered.
 */
import { checkMatcher, parseMatchers, type MatcherOp } from '../lang/matcher';

const PLAIN_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

function escapeValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

/** The matcher text, or undefined when it would not read back as the same matcher. */
export function formatMatcher(name: string, op: MatcherOp, value: string): string | undefined {
  const text = PLAIN_NAME.test(name)
    ? `${name}${op}"${escapeValue(value)}"`
    : `${JSON.stringify(name)}${op}"${escapeValue(value)}"`;
  // An invalid regular expression stays as invalid as it was (and is reported as such): only the form is checked.
  if (checkMatcher(text, { grammar: 'utf8' }).some((p) => p.code !== 'matcher.bad-regex')) return undefined;
  const parsed = parseMatchers(text, { grammar: 'utf8' });
  if (parsed.length !== 1) return undefined;
  const m = parsed[0];
  return m.name === name && m.op === op && m.value === value ? text : undefined;
}
