/**
 * Running a document's validation plan: the chunks whose problems are not cached are checked by
 * the main thread one at a time, yielding to requests after each; a chunk too large for one step
 * (over 64 KB: a single large document) goes to an analysis worker instead, so no request waits
 * for it. Without workers (or for a schema only this thread has), the main thread checks them all.
 * A run whose document changed stops; what was checked stays cached by text.
 */
import type { ValidationPlan } from '../../core/src/index';
import type { AnalysisPool } from './analysisPool';

/** The most text the main thread checks in one step while a worker could: larger chunks go to workers. */
export const MAIN_STEP_TEXT = 64 * 1024;

const turn = (): Promise<void> => new Promise<void>((resolve) => setImmediate(resolve));

/** Check the plan's pending chunks; false when `current` turned false before they were all checked. */
export async function runPlan(
  plan: ValidationPlan,
  pool: AnalysisPool | undefined,
  current: () => boolean,
): Promise<boolean> {
  const queue = [...plan.pending];
  if (!queue.length) return true;
  const size = (i: number): number => plan.job(i).text.length;
  const remote = plan.remote;
  // Workers only for a chunk too large for one step of the main thread. Small chunks are checked
  // here, one per turn: on two busy cores a worker's cold code and validators cost more than
  // sharing them saves (a cold open at 151k lines took 6.1 s with one worker, 2.7 s without).
  const parallel = !!pool && !!remote && pool.alive > 0 && queue.some((i) => size(i) > MAIN_STEP_TEXT);
  if (!parallel) {
    for (const i of queue) {
      plan.runHere(i);
      if (plan.chunks > 1) {
        await turn();
        if (!current()) return false;
      }
    }
    return true;
  }

  pool.start();
  // Large chunks go to the workers; the small ones stay here, one per turn.
  const local = queue.filter((i) => size(i) <= MAIN_STEP_TEXT);
  const large = queue.filter((i) => size(i) > MAIN_STEP_TEXT);
  const failed: number[] = [];
  let inFlight = 0;
  let wake: (() => void) | undefined;
  const dispatch = (): void => {
    while (large.length && pool.free > 0) {
      const batch = [large.shift()!];
      inFlight++;
      pool
        .check(
          batch.map((i) => plan.job(i)),
          plan.format,
          remote,
        )
        .then(
          (problems) => batch.forEach((i, k) => plan.accept(i, problems[k])),
          () => failed.push(...batch),
        )
        .finally(() => {
          inFlight--;
          wake?.();
        });
    }
  };
  /** The main thread's next chunk: one a worker gave back, else a small one, else (no worker left) a large one. */
  const forMain = (): number | undefined => {
    if (failed.length) return failed.shift();
    if (local.length) return local.shift();
    if (large.length && pool.alive === 0) return large.shift();
    return undefined;
  };
  const off = pool.onFree(() => {
    dispatch();
    wake?.();
  });
  try {
    dispatch();
    for (;;) {
      if (!current()) return false;
      const i = forMain();
      if (i !== undefined) {
        plan.runHere(i);
        await turn();
        dispatch();
        continue;
      }
      if (!large.length && inFlight === 0) return plan.complete || (current() && completeHere(plan));
      // A worker answers, becomes free or fails; the timer only guards against waiting forever.
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, 1000).unref();
      });
      wake = undefined;
    }
  } finally {
    off();
  }
}

/** Whatever is still unknown (a worker's answer lost), checked here. */
function completeHere(plan: ValidationPlan): boolean {
  for (const i of plan.pending) plan.runHere(i);
  return true;
}
