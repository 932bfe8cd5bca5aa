import { defaultSeverity } from '../codes';
import { listOf, phrase } from '../messages';
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

/** "`a`, `b`, `c`" (at most `max` listed). */
export function quoteList(items: readonly string[], max = 8): string {
  return listOf(items, max);
}

/** Who owns the names of a tenant-scoped namespace, as a message fragment ("of tenant `acme`"). */
export function ownerText(tenant: string | undefined, withPlatform: boolean): string {
  if (tenant === undefined) return phrase('ref.owner.platform');
  return withPlatform ? phrase('ref.owner.tenant-or-platform', { tenant }) : phrase('ref.owner.tenant', { tenant });
}
