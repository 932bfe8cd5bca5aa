import type { Rule, RuleContext } from './types';
import { MAX_PROBLEMS_PER_CODE, type DocumentPart } from '../document/document';
import type { Problem } from '../problem';
import { promqlRule } from './promql';
import { templatesRule } from './templates';
import { valuesRule } from './values';
import { localizationRule } from './localization';
import { rulesFileRule } from './rulesFile';
import { prometheusConfigRule } from './prometheusConfig';
import { alertmanagerRule } from './alertmanager';
import { policyRule } from './policy';
import { secretsRule } from './secrets';
import { networksRule } from './networks';
import { grafanaRule } from './grafana';
import { applySeverityPolicy } from './severity';
import { migrationRule } from '../migrate/rule';

/** Every single-document rule family, in the order they run. */
export const rules: Rule[] = [
  promqlRule,
  templatesRule,
  valuesRule,
  localizationRule,
  rulesFileRule,
  prometheusConfigRule,
  alertmanagerRule,
  policyRule,
  networksRule,
  secretsRule,
  grafanaRule,
  migrationRule,
];

/** Run the rules for a part; a failing rule is contained and never hides the others. */
export function runRules(
  kind: string | undefined,
  part: DocumentPart,
  value: unknown,
  text: string,
  schemaProblems: readonly Problem[],
): Problem[] {
  const out: Problem[] = [];
  // At most so many problems of one code per part, as for reading problems: 25,000 repeated
  // `group_by` labels are one mistake, and saying each costs seconds and megabytes.
  const counts = new Map<string, number>();
  const full = (code: string): boolean => (counts.get(code) ?? 0) >= MAX_PROBLEMS_PER_CODE;
  const report = (p: Problem): void => {
    if (!full(p.code)) out.push(p);
    counts.set(p.code, (counts.get(p.code) ?? 0) + 1);
  };
  const ctx: RuleContext = { kind, part, value, text, schemaProblems, report, full };
  for (const rule of rules) {
    if (rule.kinds && (!kind || !rule.kinds.includes(kind))) continue;
    try {
      rule.check(ctx);
    } catch {
      // A rule bug must not cost the user their other diagnostics.
    }
  }
  applySeverityPolicy(kind, out);
  return out;
}

const pathKey = (p: Problem): string => JSON.stringify(p.data?.path ?? null);

/**
 * The schema problems a rule problem replaces. A rule that says the same thing more precisely
 * (`duration.unit-order` for a `schema.pattern` on a duration, `matcher.expected-operator` for a
 * matcher pattern, …) sets `data.supersedes` to the schema code, with the same `data.path`, or
 * lists the problems it replaces elsewhere in `data.superseded` (`{ code, path }`: a `oneOf` of
 * the mapping that holds the offending key, …). The pipeline keeps the schema problems this
 * returns `false` for:
 *
 *     const ruleProblems = runRules(kind, part, value, text, schemaProblems);
 *     problems.push(...withoutSuperseded(schemaProblems, ruleProblems), ...ruleProblems);
 */
export function supersededBy(ruleProblems: readonly Problem[]): (schemaProblem: Problem) => boolean {
  const keys = new Set<string>();
  for (const r of ruleProblems) {
    const data = r.data;
    if (Array.isArray(data?.superseded)) {
      for (const s of data.superseded) keys.add(String(s.code) + '\u0000' + JSON.stringify(s.path ?? null));
    } else if (typeof data?.supersedes === 'string') keys.add(data.supersedes + '\u0000' + pathKey(r));
  }
  return (p) => keys.size > 0 && keys.has(p.code + '\u0000' + pathKey(p));
}

/** The schema problems left once those replaced by rule problems are dropped. */
export function withoutSuperseded(schemaProblems: readonly Problem[], ruleProblems: readonly Problem[]): Problem[] {
  const superseded = supersededBy(ruleProblems);
  return schemaProblems.filter((p) => !superseded(p));
}
