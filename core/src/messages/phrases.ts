/**
 * Arguments in the display language. The checkers put fixed English phrases of `langPhrases`
 * into message arguments (`a range vector`, `line 3, column 7`, `; expected ',' or ')'`), and
 * keep them English in problem data; when a message is shown in another language, an argument
 * equal to one of these phrases, or matching one with its `{placeholders}` (whose values are
 * translated in turn), is shown from the bundle. Names and values from the user's text are not
 * phrases and stay as written.
 */
import * as l10n from '@vscode/l10n';
import { langPhrases } from './langPhrases';

/** Arguments that may hold phrases (the others are names and values from the text). */
export const WORDY_ARGS: ReadonlySet<string> = new Set([
  'got',
  'expected',
  'hint',
  'reason',
  'detail',
  'found',
  'where',
  'position',
  'context',
  'count',
  'field',
  'after',
  'allowed',
  'token',
  'brace',
]);

/** Go template keywords: `{{else}}` holds no placeholder. */
export const GO_WORDS: ReadonlySet<string> = new Set([
  'if',
  'else',
  'end',
  'range',
  'with',
  'define',
  'block',
  'template',
  'break',
  'continue',
]);

interface ArgPattern {
  template: string;
  re: RegExp;
}

let argIndex: { exact: Set<string>; patterns: ArgPattern[] } | undefined;

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function argPatterns(): { exact: Set<string>; patterns: ArgPattern[] } {
  if (argIndex) return argIndex;
  const exact = new Set<string>();
  const patterns: ArgPattern[] = [];
  for (const template of Object.values(langPhrases) as string[]) {
    const parts: string[] = [];
    const seen = new Set<string>();
    let last = 0;
    for (const m of template.matchAll(/\{(\w+)\}/g)) {
      if (GO_WORDS.has(m[1]) || m.index === undefined) continue;
      parts.push(escape(template.slice(last, m.index)));
      parts.push(seen.has(m[1]) ? `\\k<${m[1]}>` : `(?<${m[1]}>[\\s\\S]*?)`);
      seen.add(m[1]);
      last = m.index + m[0].length;
    }
    if (seen.size === 0) exact.add(template);
    else patterns.push({ template, re: new RegExp('^' + parts.join('') + escape(template.slice(last)) + '$') });
  }
  // The most specific phrase first: `{range} or {names}` only when nothing longer matches.
  const literal = (t: string): number => t.replace(/\{\w+\}/g, '').length;
  patterns.sort((a, b) => literal(b.template) - literal(a.template));
  return (argIndex = { exact, patterns });
}

/** An argument in the display language, when it is one of the fixed phrases (as given otherwise). */
export function localizeArg(value: string, depth = 0): string {
  if (depth > 3 || value.length > 500) return value;
  const { exact, patterns } = argPatterns();
  if (exact.has(value)) return l10n.t(value);
  for (const p of patterns) {
    const m = p.re.exec(value);
    if (!m?.groups) continue;
    // Filled even when the bundle says the same words (Spanish `Use`): the parts may be translated.
    const localized = l10n.t(p.template);
    const groups = m.groups;
    return localized.replace(/\{(\w+)\}/g, (whole, k: string) =>
      !GO_WORDS.has(k) && k in groups ? localizeArg(groups[k], depth + 1) : whole,
    );
  }
  return value;
}
