import { defaultSeverity } from '../codes';
import type { Problem } from '../problem';

/** A problem of the workspace checks; the severity is the code's default unless given. */
export function makeProblem(
  code: string,
  at: { offset: number; length: number },
  message: string,
  data: Record<string, unknown>,
  severity?: Problem['severity'],
): Problem {
  return { code, offset: at.offset, length: at.length, message, data, severity: severity ?? defaultSeverity(code) };
}
