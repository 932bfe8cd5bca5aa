/**
 * The core's severity policy for rule problems, in one place: on the upstream formats
 * (Prometheus, rules files, Alertmanager, Grafana dashboards) the tool that loads the file decides
 * what is an error, so the product's own policy and secret hygiene checks (`policy.*`, `secret.*`)
 * are warnings there, whatever they are elsewhere (a literal secret in a production tenant file is
 * an error). A problem that replaces a schema error keeps error severity: it reports a value
 * upstream refuses. The `tenantConfig.severity` setting still overrides every code.
 */
import type { Problem } from '../problem';
import { defaultSeverity } from '../codes';

/** The kinds whose files another tool loads, with its own rules. */
export const UPSTREAM_KINDS: ReadonlySet<string> = new Set([
  'prometheus',
  'prometheus-rules',
  'alertmanager',
  'grafana-dashboard',
]);

/** Codes that are the product's advice rather than what the loading tool refuses. */
const ADVISORY = /^(policy|secret)\./;

/** Apply the policy to the rule problems of one document part of `kind`. */
export function applySeverityPolicy(kind: string | undefined, problems: Problem[]): void {
  if (!kind || !UPSTREAM_KINDS.has(kind)) return;
  for (const p of problems) {
    if (!ADVISORY.test(p.code)) continue;
    if ((p.data as { supersedes?: unknown } | undefined)?.supersedes !== undefined) continue;
    if ((p.severity ?? defaultSeverity(p.code)) === 'error') p.severity = 'warning';
  }
}
