/**
 * Suggestions for an undefined name, ranked as `closest` (util/strings.ts) ranks them: by the
 * case-insensitive distance (a prefix counts ½), then the exact distance, then alphabetically;
 * only names within a third of their length. A global scope may hold thousands of names, so
 * above a few hundred candidates the same ranking is computed on reused typed arrays with a
 * top-k selection instead of a full sort (a test checks both give the same answer). Results are
 * memoized per scope version: a name appearing or disappearing in the scope invalidates them.
 */
import { closest, editDistance } from '../util/strings';

const SMALL = 300;
const MAX_LEN = 256;
const rows = [new Int32Array(MAX_LEN + 1), new Int32Array(MAX_LEN + 1), new Int32Array(MAX_LEN + 1)];

/** `editDistance` of util/strings.ts (optimal string alignment, bounded), without allocations. */
function distance(a: string, b: string, max: number): number {
  if (a === b) return 0;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > max) return max + 1;
  if (la > MAX_LEN || lb > MAX_LEN) return editDistance(a, b, max);
  // Local references: the scratch rows rotate without touching module state in the loop.
  let prev2 = rows[0];
  let prev = rows[1];
  let cur = rows[2];
  for (let j = 0; j <= lb; j++) {
    prev[j] = j;
    prev2[j] = 0;
  }
  for (let i = 1; i <= la; i++) {
    cur[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    const ca1 = i > 1 ? a.charCodeAt(i - 2) : -1;
    for (let j = 1; j <= lb; j++) {
      const cb = b.charCodeAt(j - 1);
      let v = prev[j] + 1;
      const ins = cur[j - 1] + 1;
      if (ins < v) v = ins;
      const sub = prev[j - 1] + (ca === cb ? 0 : 1);
      if (sub < v) v = sub;
      if (j > 1 && ca1 === cb && ca === b.charCodeAt(j - 2)) {
        const tr = prev2[j - 2] + 1;
        if (tr < v) v = tr;
      }
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return prev[lb];
}

export interface Candidates {
  names: readonly string[];
  lower: readonly string[];
  memo: Map<string, string[]>;
}

export function candidates(names: readonly string[]): Candidates {
  return { names, lower: names.map((n) => n.toLowerCase()), memo: new Map() };
}

interface Scored {
  c: string;
  d: number;
  e: number;
}

const before = (x: Scored, y: Scored): boolean =>
  x.d - y.d < 0 || (x.d === y.d && (x.e - y.e < 0 || (x.e === y.e && x.c.localeCompare(y.c) < 0)));

/** The names `closest(word, names, limit)` returns, computed faster on large lists. */
export function suggest(word: string, c: Candidates, limit = 5): string[] {
  const hit = c.memo.get(word);
  if (hit) return hit;
  let out: string[];
  if (limit <= 0) out = [];
  else if (c.names.length <= SMALL) out = closest(word, c.names, limit);
  else {
    const w = word.toLowerCase();
    const top: Scored[] = [];
    for (let i = 0; i < c.names.length; i++) {
      const cl = c.lower[i];
      const bound = Math.max(1, Math.floor(Math.max(w.length, cl.length) / 3));
      const d = cl.startsWith(w) && w.length >= 3 ? 0.5 : distance(w, cl, bound);
      if (d > bound) continue;
      const s: Scored = { c: c.names[i], d, e: distance(word, c.names[i], 64) };
      if (top.length === limit && !before(s, top[limit - 1])) continue;
      let k = top.length < limit ? top.length : limit - 1;
      top[k] = s;
      while (k > 0 && before(top[k], top[k - 1])) {
        [top[k], top[k - 1]] = [top[k - 1], top[k]];
        k--;
      }
    }
    out = top.map((s) => s.c);
  }
  if (c.memo.size > 1000) c.memo.clear();
  c.memo.set(word, out);
  return out;
}
