import type { OffsetEdit } from './edits';

/**
 * The time an editor's code action request may spend verifying candidate fixes, counted from its
 * arrival (the index brought up to date and the current diagnostics included): a candidate is not
 * started when the rate measured so far says it would not end in time, and the first may run past
 * it. Candidates not verified in time are not offered, and `unverified` is told how many. The
 * linter has no clock: its budget counts the text checked, so that its output does not depend on
 * the machine's load.
 */
export const EDITOR_VERIFY_MS = 800;

export interface VerifyBudget {
  ms: number;
  now?: () => number;
  /** When the request began (`now()`'s clock): what the host did before verification counts too. */
  start?: number;
  unverified?: (count: number) => void;
}

/** Characters of the chunks a set of edits touches. */
export function touchedChars(chunks: ReadonlyArray<{ start: number; text: string }>, edits: OffsetEdit[]): number {
  let n = 0;
  for (const c of chunks) {
    const end = c.start + c.text.length;
    if (edits.some((e) => e.offset <= end && e.offset + e.length >= c.start)) n += c.text.length;
  }
  return n;
}
