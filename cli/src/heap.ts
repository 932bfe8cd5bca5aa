/**
 * The heap of a linter run. A run reads each file once and drops it: almost everything it
 * allocates is garbage a few milliseconds later, yet V8 sizes the heap for programs that keep
 * what they allocate, letting it grow by up to four times what survived the last full
 * collection before collecting again. Here that growth is garbage, paid for in memory (about 90 MB
 * more at the peak over 2,000 files) and saved in no time worth having. A smaller growing factor
 * has V8 collect the old generation sooner. The flag is read by V8's heap sizing at each
 * collection and applies to every thread of the process, the workers included; the live data of
 * a run (the index, the schemas) is unbounded, unlike with a heap limit, so a large file cannot
 * run a thread out of memory because of it.
 */
import * as v8 from 'node:v8';

/** Heap growth after a full collection, in percent of what survived it. */
export const HEAP_GROWING_PERCENT = 20;

export function tuneHeap(): void {
  v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
