/**
 * Shared types of the pure language checkers in `core/src/lang`.
 *
 * Every checker takes the *decoded* content of one config value and returns problems whose
 * offsets are UTF-16 indices into that string (`from` inclusive, `to` exclusive). Use
 * `buildOffsetMap` (scalarMap.ts) to map them back to the raw YAML/JSON source.
 */
import type { Code } from '../codes';
import type { ProblemMessageId } from '../messages';

export type LangSeverity = 'error' | 'warning' | 'info';

export interface LangProblem {
  /** Stable code `<area>.<kebab-name>`, e.g. `duration.unit-order`. */
  code: Code;
  /** The message id when it is a variant of the code's (core/src/messages/lang.ts). */
  message?: ProblemMessageId;
  from: number;
  to: number;
  /** Values for the `{placeholder}`s of the English message template (core/src/messages/lang.ts). */
  args: Record<string, string | number>;
  /**
   * Places in the checked text the message states (`position` of `promql.unclosed`: where the
   * bracket opened), as offsets. `args` says them relative to the checked text ("column 21");
   * a rule reporting the problem in a document says them in the document's lines and columns.
   */
  positions?: Record<string, number>;
  /** Defaults to 'error' when absent. */
  severity?: LangSeverity;
}

/** A named span inside the checked string. */
export interface NamedSpan {
  name: string;
  from: number;
  to: number;
}

/** Helper to build a problem; keeps `from <= to` and both non-negative. */
export function problem(
  code: Code,
  from: number,
  to: number,
  args: Record<string, string | number> = {},
  severity?: LangSeverity,
  positions?: Record<string, number>,
): LangProblem {
  const f = Math.max(0, Math.floor(Number.isFinite(from) ? from : 0));
  const t = Math.max(f, Math.floor(Number.isFinite(to) ? to : f));
  const p: LangProblem = { code, from: f, to: t, args };
  if (severity && severity !== 'error') p.severity = severity;
  if (positions) p.positions = positions;
  return p;
}

/** Keep every problem inside [0, length] (a safety net for widened ranges). */
export function clampProblems(problems: LangProblem[], length: number): LangProblem[] {
  for (const p of problems) {
    p.from = Math.min(Math.max(0, p.from), length);
    p.to = Math.min(Math.max(p.from, p.to), length);
  }
  return problems;
}

/** Quote a fragment of user text for a message: trims it and shortens long fragments. */
export function snippet(text: string, max = 40): string {
  const s = text.replace(/\s+/g, ' ');
  return s.length > max ? s.slice(0, max - 1) + '…' : s;
}

/** 1-based line and column of `offset` in `text`, rendered as "column N" or "line L, column N". */
export function positionLabel(text: string, offset: number): string {
  let line = 1;
  let col = 1;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      col = 1;
    } else {
      col++;
    }
  }
  return line === 1 ? `column ${col}` : `line ${line}, column ${col}`;
}
