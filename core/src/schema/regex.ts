import { RE2JS } from 're2js';
import type { RegExpEngine, RegExpLike } from 'ajv/dist/types';

/**
 * Regular expressions from schemas. Bundled schemas are ours and reviewed: they use the native
 * engine. A user schema may hold a pattern that backtracks catastrophically (`^(a+)+$`): any pattern
 * with a quantified group that itself contains a quantifier runs on RE2 (linear time); if RE2 cannot
 * compile it (lookaround, back-references), the pattern is not enforced and recorded as unsafe, so
 * the server never hangs on a hostile schema.
 */
export interface PatternReport {
  unsafe: Set<string>;
}

/** True when a pattern nests quantifiers (star height above one), the shape of exponential backtracking. */
export function hasNestedQuantifier(pattern: string): boolean {
  const stack: boolean[] = [false];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '[') {
      // Skip a character class.
      for (i++; i < pattern.length && pattern[i] !== ']'; i++) if (pattern[i] === '\\') i++;
      continue;
    }
    if (c === '(') {
      stack.push(false);
      continue;
    }
    if (c === ')') {
      const inner = stack.length > 1 ? stack.pop()! : false;
      const next = pattern[i + 1];
      const quantified =
        next === '*' ||
        next === '+' ||
        (next === '{' && /^\{\d*,\d*\}/.test(pattern.slice(i + 1)) && !/^\{\d+\}|\{0?,1\}/.test(pattern.slice(i + 1)));
      if (quantified && inner) return true;
      if (inner || quantified) stack[stack.length - 1] = true;
      continue;
    }
    if (c === '*' || c === '+' || c === '{') stack[stack.length - 1] = true;
  }
  return false;
}

function acceptAll(pattern: string): RegExpLike {
  return { test: () => true, toString: () => `unenforced:/${pattern}/` } as RegExpLike;
}

export function createRegExpEngine(trusted: boolean, report: PatternReport): RegExpEngine {
  const engine = ((pattern: string, flags: string): RegExpLike => {
    if (trusted || !hasNestedQuantifier(pattern)) {
      try {
        return new RegExp(pattern, flags);
      } catch {
        report.unsafe.add(pattern);
        return acceptAll(pattern);
      }
    }
    try {
      const re = RE2JS.compile(pattern);
      // ajv keys compiled patterns by `toString()`: each must be distinct.
      return { test: (s: string) => re.matcher(s).find(), toString: () => `re2:/${pattern}/` } as RegExpLike;
    } catch {
      report.unsafe.add(pattern);
      return acceptAll(pattern);
    }
  }) as RegExpEngine;
  engine.code = 'tenantConfigRegExp';
  return engine;
}
