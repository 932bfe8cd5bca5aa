/** A replaced run of lines: old lines [oldStart, oldEnd) become `lines`. */
export interface Hunk {
  oldStart: number;
  oldEnd: number;
  lines: string[];
}

/**
 * Line hunks turning `a` into `b` (Myers' O(ND) diff, bounded: past `maxD` edits the whole
 * differing middle becomes one hunk). Common prefix and suffix are trimmed first.
 */
export function diffLines(a: string[], b: string[], maxD = 4000): Hunk[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  if (start === endA && start === endB) return [];
  const A = a.slice(start, endA);
  const B = b.slice(start, endB);
  const n = A.length;
  const m = B.length;
  const max = Math.min(n + m, maxD);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x =
        k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && A[x] === B[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
  }
  if (!found) return [{ oldStart: start, oldEnd: endA, lines: B }];
  // Walk back through the trace to recover the edit script.
  const ops: Array<{ type: 'keep' | 'del' | 'ins'; ai: number; bi: number }> = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d > 0; d--) {
    const vv = trace[d];
    const k = x - y;
    const prevK = k === -d || (k !== d && vv[offset + k - 1] < vv[offset + k + 1]) ? k + 1 : k - 1;
    const prevX = vv[offset + prevK];
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) ops.push({ type: 'keep', ai: --x, bi: --y });
    if (x === prevX) ops.push({ type: 'ins', ai: x, bi: --y });
    else ops.push({ type: 'del', ai: --x, bi: y });
  }
  while (x > 0 && y > 0) ops.push({ type: 'keep', ai: --x, bi: --y });
  ops.reverse();
  const hunks: Hunk[] = [];
  let cur: Hunk | undefined;
  for (const op of ops) {
    if (op.type === 'keep') {
      if (cur) hunks.push(cur);
      cur = undefined;
      continue;
    }
    if (!cur) cur = { oldStart: start + op.ai, oldEnd: start + op.ai, lines: [] };
    if (op.type === 'del') cur.oldEnd = start + op.ai + 1;
    else cur.lines.push(B[op.bi]);
  }
  if (cur) hunks.push(cur);
  // A run of lines replaced one for one becomes one hunk per line, so a range can take part of it.
  return hunks.flatMap((h) =>
    h.oldEnd - h.oldStart === h.lines.length && h.lines.length > 1
      ? h.lines.map((line, i) => ({ oldStart: h.oldStart + i, oldEnd: h.oldStart + i + 1, lines: [line] }))
      : [h],
  );
}
