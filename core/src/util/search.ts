/**
 * The index of the last of `count` ascending starts (`startOf(i)`) that is at most `offset`: the
 * line, chunk or part an offset falls in. 0 when the offset is before them all. Binary search.
 */
export function indexAt(count: number, startOf: (i: number) => number, offset: number): number {
  let lo = 0;
  let hi = count - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (startOf(mid) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The same over an array of ascending starts (line starts). */
export function startIndexAt(starts: readonly number[], offset: number): number {
  return indexAt(starts.length, (i) => starts[i]!, offset);
}
