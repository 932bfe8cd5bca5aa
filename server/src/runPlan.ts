/**
 * Running a document's validation plan: the chunks whose problems are not cached are checked by
 * the analysis workers in batches and by the main thread one at a time (yielding to requests after
 * each), smallest share first; a chunk too large for one step of the main thread waits for a
 * worker. Without workers (or for a schema only this thread has), the main thread checks them
 * all, one per step. A run whose document changed stops; what was checked stays cached by text.
 */
import type { ValidationPlan } from '../../core/src/index';
import type { AnalysisPool } from './analysisPool';

/** The most text the main thread checks in one step while a worker could: larger chunks go to workers. */
export const MAIN_STEP_TEXT = 64 * 1024;
/** Text sent to a worker at once. */
const BATCH_TEXT = 48 * 1024;

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
  const parallel = !!pool && !!remote && pool.alive > 0 && (queue.length > 1 || size(queue[0]) > MAIN_STEP_TEXT);
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

  const failed: number[] = [];
  let inFlight = 0;
  let wake: (() => void) | undefined;
  const dispatch = (): void => {
    while (queue.length && pool.free > 0) {
      const batch: number[] = [];
      let text = 0;
      while (queue.length && (batch.length === 0 || text + size(queue[0]) <= BATCH_TEXT)) {
        const i = queue.shift()!;
        batch.push(i);
        text += size(i);
      }
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
  /** The main thread's next chunk: one a worker gave back, else the last small one (all, without workers). */
  const forMain = (): number | undefined => {
    if (failed.length) return failed.shift();
    if (!queue.length) return undefined;
    if (pool.alive === 0 || size(queue[queue.length - 1]) <= MAIN_STEP_TEXT) return queue.pop();
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
      if (!queue.length && inFlight === 0) return plan.complete || (current() && completeHere(plan));
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
