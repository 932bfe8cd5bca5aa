import type { Rule, RuleContext } from './types';
import type { DocumentPart } from '../document/document';
import type { Problem } from '../problem';

/** Every single-document rule family, in the order they run. */
export const rules: Rule[] = [];

/** Run the rules for a part; a failing rule is contained and never hides the others. */
export function runRules(kind: string | undefined, part: DocumentPart, value: unknown, text: string, schemaProblems: readonly Problem[]): Problem[] {
  const out: Problem[] = [];
  const ctx: RuleContext = { kind, part, value, text, schemaProblems, report: (p) => out.push(p) };
  for (const rule of rules) {
    if (rule.kinds && (!kind || !rule.kinds.includes(kind))) continue;
    try {
      rule.check(ctx);
    } catch {
      // A rule bug must not cost the user their other diagnostics.
    }
  }
  return out;
}
