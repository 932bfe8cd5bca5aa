/** Edit distance (Levenshtein with adjacent transposition), bounded: returns max+1 when further. */
export function editDistance(a: string, b: string, max = 64): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const la = a.length;
  const lb = b.length;
  let prev2 = new Array<number>(lb + 1).fill(0);
  let prev = Array.from({ length: lb + 1 }, (_, j) => j);
  let cur = new Array<number>(lb + 1).fill(0);
  for (let i = 1; i <= la; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j <= lb; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[lb];
}

/**
 * Candidates ranked by closeness to `word` (case-insensitive distance first, then exact distance),
 * keeping only plausible ones: within a third of the longer length, at least 1.
 */
export function closest(word: string, candidates: readonly string[], limit = 5): string[] {
  const w = word.toLowerCase();
  const scored: Array<{ c: string; d: number; e: number }> = [];
  for (const c of candidates) {
    const cl = c.toLowerCase();
    const bound = Math.max(1, Math.floor(Math.max(w.length, cl.length) / 3));
    const d = cl.startsWith(w) && w.length >= 3 ? 0.5 : editDistance(w, cl, bound);
    if (d <= bound) scored.push({ c, d, e: editDistance(word, c, 64) });
  }
  scored.sort((x, y) => x.d - y.d || x.e - y.e || x.c.localeCompare(y.c));
  return scored.slice(0, limit).map((s) => s.c);
}

/** A JSON path as users read it: `environments.production.database.port`, `receivers[2].name`. */
export function formatPath(path: ReadonlyArray<string | number>): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(seg)) out += out ? `.${seg}` : seg;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

/** A value shown in a message: short, on one line. */
export function showValue(v: unknown): string {
  let s: string;
  if (typeof v === 'string') s = v;
  else if (v === undefined) s = 'nothing';
  else {
    try {
      s = JSON.stringify(v) ?? String(v);
    } catch {
      s = String(v);
    }
  }
  s = s.replace(/\s+/g, ' ');
  return s.length > 60 ? s.slice(0, 57) + '…' : s;
}

/** The JSON type name of a value as a schema sees it. */
export function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  if (typeof v === 'object') return 'object';
  return typeof v;
}
