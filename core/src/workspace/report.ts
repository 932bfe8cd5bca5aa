import { defaultSeverity } from '../codes';
import type { CodeOf, Problem, RefData, RefProblem } from '../problem';

/** A problem of the workspace checks; the severity is the code's default unless given. */
export function makeProblem(
  code: CodeOf<'ref'>,
  at: { offset: number; length: number },
  message: string,
  data: RefData,
  severity?: Problem['severity'],
): RefProblem {
  return { code, offset: at.offset, length: at.length, message, data, severity: severity ?? defaultSeverity(code) };
}
