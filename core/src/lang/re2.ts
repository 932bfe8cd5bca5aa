/** RE2 syntax validation (Go `regexp`) with re2js; results are cached. */
import { RE2JS } from 're2js';

export interface Re2Error {
  /** re2js description, e.g. "missing closing )". */
  message: string;
  /** Offsets of the offending fragment inside the pattern (whole pattern when unknown). */
  from: number;
  to: number;
}

const MAX_PATTERN = 20000;
const cache = new Map<string, Re2Error | null>();

function compileError(pattern: string): { error: string; input: string } | undefined {
  try {
    RE2JS.compile(pattern);
    return undefined;
  } catch (e) {
    const err = e as { error?: unknown; input?: unknown; message?: unknown };
    const error =
      typeof err.error === 'string'
        ? err.error
        : typeof err.message === 'string'
          ? err.message
          : 'invalid regular expression';
    return { error, input: typeof err.input === 'string' ? err.input : '' };
  }
}

/**
 * Error of `pattern` compiled the way Prometheus and Alertmanager do (`^(?:pattern)$`), or
 * undefined when it is valid RE2. Never throws.
 */
export function re2Error(pattern: string): Re2Error | undefined {
  if (typeof pattern !== 'string' || pattern.length > MAX_PATTERN) return undefined;
  const hit = cache.get(pattern);
  if (hit !== undefined) return hit ?? undefined;
  let result: Re2Error | null = null;
  const anchored = compileError('^(?:' + pattern + ')$');
  if (anchored) {
    const plain = compileError(pattern) ?? anchored;
    let from = 0;
    let to = pattern.length;
    const idx = plain.input ? pattern.indexOf(plain.input) : -1;
    if (idx >= 0) {
      from = idx;
      to = idx + plain.input.length;
    } else if (/missing closing \)/.test(plain.error)) {
      const open = pattern.lastIndexOf('(');
      if (open >= 0) {
        from = open;
        to = open + 1;
      }
    }
    result = { message: plain.error.replace(/^error parsing regexp: /, ''), from, to };
  }
  if (cache.size > 500) cache.clear();
  cache.set(pattern, result);
  return result ?? undefined;
}

const emptyCache = new Map<string, boolean | undefined>();

/** Whether `^(?:pattern)$` matches the empty string; undefined when the pattern is invalid. */
export function re2MatchesEmpty(pattern: string): boolean | undefined {
  if (typeof pattern !== 'string' || pattern.length > MAX_PATTERN) return undefined;
  if (emptyCache.has(pattern)) return emptyCache.get(pattern);
  let r: boolean | undefined;
  try {
    r = RE2JS.compile('^(?:' + pattern + ')$').matches('');
  } catch {
    r = undefined;
  }
  if (emptyCache.size > 500) emptyCache.clear();
  emptyCache.set(pattern, r);
  return r;
}
