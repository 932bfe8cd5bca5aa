import { RE2JS } from 're2js';
import type { RegExpEngine, RegExpLike } from 'ajv/dist/types';
import { toRe2Syntax } from './ecmaRegex';

/**
 * Regular expressions from schemas. Bundled schemas are ours and reviewed: they use the native
 * engine. Every pattern of a user schema (`pattern`, `patternProperties`, `propertyNames`) runs on
 * RE2 (`re2js`, linear time), in validation and in the editor features alike, so no pattern can
 * hang the server, whatever its shape. A pattern RE2 cannot run (look-around, back-references) is
 * not enforced and is recorded, so a diagnostic says so.
 */
export interface PatternReport {
  unsafe: Set<string>;
}

/** Something that tests strings like `RegExp.prototype.test`. */
export interface PatternTest {
  test(s: string): boolean;
}

const cache = new Map<string, PatternTest | null>();
const MAX_CACHE = 2000;

/** The pattern on RE2 (ECMAScript escapes translated), or null when RE2 cannot run it. Cached. */
export function re2Pattern(pattern: string): PatternTest | null {
  const hit = cache.get(pattern);
  if (hit !== undefined) return hit;
  let out: PatternTest | null = null;
  const source = toRe2Syntax(pattern);
  if (source !== undefined) {
    try {
      const re = RE2JS.compile(source);
      out = { test: (s: string) => re.matcher(s).find() };
    } catch {
      out = null;
    }
  }
  if (cache.size >= MAX_CACHE) cache.clear();
  cache.set(pattern, out);
  return out;
}

/**
 * The test an editor feature applies for a schema pattern: native for the bundled schemas'
 * own patterns (`trusted`), RE2 for any other; a pattern RE2 cannot run matches everything, as
 * it is not enforced in validation either.
 */
export function patternTest(pattern: string, trusted: boolean): PatternTest {
  if (trusted) {
    try {
      return new RegExp(pattern, 'u');
    } catch {
      return { test: () => false };
    }
  }
  return re2Pattern(pattern) ?? { test: () => true };
}

function acceptAll(pattern: string): RegExpLike {
  return { test: () => true, toString: () => `unenforced:/${pattern}/` } as RegExpLike;
}

export function createRegExpEngine(trusted: boolean, report: PatternReport): RegExpEngine {
  const engine = ((pattern: string, flags: string): RegExpLike => {
    if (trusted) {
      try {
        return new RegExp(pattern, flags);
      } catch {
        report.unsafe.add(pattern);
        return acceptAll(pattern);
      }
    }
    const re = re2Pattern(pattern);
    if (!re) {
      report.unsafe.add(pattern);
      return acceptAll(pattern);
    }
    // ajv keys compiled patterns by `toString()`: each must be distinct.
    return { test: (s: string) => re.test(s), toString: () => `re2:/${pattern}/` } as RegExpLike;
  }) as RegExpEngine;
  engine.code = 'tenantConfigRegExp';
  return engine;
}
