/**
 * A candidate fix's text compared with the current one chunk by chunk (the documents of a YAML
 * stream; JSON is one chunk). A chunk's problems are a function of its text, whether it is the
 * stream's first, and what the whole document is checked under (the plan's `basis`), so a chunk
 * the edit leaves as it was keeps its problems exactly: only the chunks the edit changes are
 * checked again, and verification compares their problems before and after. The problems of the
 * other chunks would cancel out, and they would not move under a fix's path remapping either
 * (paths are those of each document of the stream).
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import type { ValidationPlan } from '../../validation/plan';
import type { Problem } from '../../problem';
import { startIndexAt } from '../../util/search';

/** What a candidate text changes, as verification sees it. */
export interface Comparison {
  /**
   * The current diagnostics of what the candidate rewrites (all of them when the whole text was
   * compared). Compared chunk by chunk, they carry no message or position.
   */
  before: Diagnostic[];
  /** The candidate's diagnostics there. */
  after: Diagnostic[];
  /** Whether the current text at an offset is in a chunk the candidate leaves as it was (so are its problems). */
  kept(offset: number): boolean;
  /**
   * What the comparison cost, in characters of validation: the chunks checked again, plus the
   * passes over the whole text every candidate takes (applying the edits, cutting the stream,
   * association, cache keys, the common prefix): about a 32nd of validating it, measured. The
   * language service counts the checks actually made instead of the chunks' length.
   */
  checked: number;
}

/** What a pass over the whole text costs, as a share of validating it (see `Comparison.checked`). */
export const WHOLE_TEXT_SHARE = 32;

/** Length of the common prefix and suffix of two texts (not overlapping in the shorter one). */
function common(a: string, b: string): { prefix: number; suffix: number } {
  const n = Math.min(a.length, b.length);
  let prefix = 0;
  while (prefix < n && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < n - prefix && a.charCodeAt(a.length - 1 - suffix) === b.charCodeAt(b.length - 1 - suffix)) suffix++;
  return { prefix, suffix };
}

/**
 * Compare `candidate` (the plan of the candidate text) with `current` chunk by chunk; undefined
 * when they are not checked on the same basis (the edit changed the schema association or a
 * document-wide problem): the caller compares the whole texts then. `diagnostics` turns problems
 * into diagnostics as verification reads them (code, severity, data: no message or position);
 * `currentChunk` gives those of a current chunk.
 */
export function compareChunks(
  current: ValidationPlan,
  currentText: string,
  candidate: ValidationPlan,
  candidateText: string,
  diagnostics: (problems: Problem[]) => Diagnostic[],
  currentChunk: (index: number) => Diagnostic[],
): Comparison | undefined {
  if (current.basis !== candidate.basis) return undefined;
  const { prefix, suffix } = common(currentText, candidateText);
  const delta = candidateText.length - currentText.length;
  const byStart = new Map<number, number>();
  current.parts.forEach((c, i) => byStart.set(c.start, i));
  const matched = new Set<number>();
  const changed: number[] = [];
  candidate.parts.forEach((c, j) => {
    const end = c.start + c.text.length;
    // The same text at the same place relative to the edit, with the same first-or-later role.
    const was = end <= prefix ? c.start : c.start >= candidateText.length - suffix ? c.start - delta : -1;
    const i = was >= 0 ? byStart.get(was) : undefined;
    if (i !== undefined && current.parts[i].text.length === c.text.length && i > 0 === j > 0) matched.add(i);
    else changed.push(j);
  });
  const head = diagnostics(candidate.headProblems());
  const before = [...diagnostics(current.headProblems())];
  current.parts.forEach((_, i) => {
    if (!matched.has(i)) before.push(...currentChunk(i));
  });
  const problems: Problem[] = [];
  let checked = Math.ceil(candidateText.length / WHOLE_TEXT_SHARE);
  for (const j of changed) {
    checked += candidate.parts[j].text.length;
    problems.push(...candidate.chunkProblems(j));
  }
  const after = [...head, ...diagnostics(problems)];
  const starts = current.parts.map((c) => c.start);
  const kept = (offset: number): boolean => matched.has(startIndexAt(starts, offset));
  return { before, after, kept, checked };
}
