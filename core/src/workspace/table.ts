/**
 * Where names are defined and referenced, per config kind: a table of path patterns, checked
 * against the schemas by a test (test/core/workspace/table.test.ts).
 *
 * Pattern syntax (segments separated by `.`):
 * - `name`       the value of property `name`
 * - `name[*]`    every item of the array at `name` (`[*]` may repeat, and may follow `*`)
 * - `name[**]`   every item of `name`, and recursively every item of their own `name` (route trees)
 * - `*`          the value of every property
 * - `<key>`      last segment only: every property key is a name
 * - `**`         last segment only (`tmpl` rows): every string below, scanned as a Go template
 *
 * Roles: `def` defines the name, `ref` references it, `tmpl` scans strings for
 * `{{ template "x" }}` (references) and `{{ define "x" }}` (definitions) of template blocks,
 * `wildcard` marks a part that loads definitions the index cannot see (Alertmanager `templates:`
 * globs), so undefined references of that namespace are not reported, `mention` records the quoted
 * string literals of an expression (ABAC conditions): a definition they name counts as used, but
 * they are not references (no navigation, never undefined).
 */
import type { Namespace } from './types';

export interface ExtractionRow {
  ns: Namespace;
  role: 'def' | 'ref' | 'tmpl' | 'wildcard' | 'mention';
  pattern: string;
  /** `inherits` lists: the reference is an edge from the role item's `name` (cycle detection). */
  edge?: boolean;
  /** Severity of an undefined reference found by this row, when not the code's default. */
  severity?: 'error' | 'warning' | 'information';
  /**
   * `false`: indexed for navigation and rename, but undefined references are not reported, because
   * a single-file rule already reports them more strictly (`alertmanager.undefined-receiver`,
   * `alertmanager.undefined-time-interval`, `localization.default-not-supported`, …).
   */
  check?: false;
}

type Row = [Namespace, ExtractionRow['role'], string, Partial<ExtractionRow>?];

/**
 * Routing tree, receivers and time intervals of an Alertmanager config at `p` (`''` or
 * `alertmanager.`). `alertmanager.yml` must define its own receivers (amtool), and a route's time
 * intervals must be in the same config: rules/alertmanager.ts reports those, the index navigates.
 */
function alertmanagerRows(p: string): Row[] {
  const own = { check: false } as const;
  return [
    ['receiver', 'def', `${p}receivers[*].name`],
    ['receiver', 'ref', `${p}route.receiver`, p ? {} : own],
    ['receiver', 'ref', `${p}route.routes[**].receiver`, p ? {} : own],
    ['time-interval', 'def', `${p}time_intervals[*].name`],
    ['time-interval', 'def', `${p}mute_time_intervals[*].name`],
    ['time-interval', 'ref', `${p}route.mute_time_intervals[*]`, own],
    ['time-interval', 'ref', `${p}route.active_time_intervals[*]`, own],
    ['time-interval', 'ref', `${p}route.routes[**].mute_time_intervals[*]`, own],
    ['time-interval', 'ref', `${p}route.routes[**].active_time_intervals[*]`, own],
    ['template-block', 'tmpl', `${p}receivers[*].**`],
    ['template-block', 'wildcard', `${p}templates[*]`],
  ];
}

/** Notification rules at `p` (`rules` in notification-rules files, `notification_rules` in monitoring). */
function notificationRows(p: string): Row[] {
  return [
    ['receiver', 'ref', `${p}[*].receiver_ref`],
    ['receiver', 'ref', `${p}[*].escalation[*].receiver_ref`],
    ['template', 'ref', `${p}[*].template`],
    ['locale', 'ref', `${p}[*].locale`],
    ['time-interval', 'ref', `${p}[*].mute_time_intervals[*]`],
  ];
}

const tenantRef: Row = ['tenant', 'ref', 'tenant_id'];
/** A policy whose `tenant_id` names no tenant governs nothing: an error, not a warning. */
const policyTenantRef: Row = ['tenant', 'ref', 'tenant_id', { severity: 'error' }];

const RAW: Record<string, Row[]> = {
  tenant: [
    ['tenant', 'def', 'tenant_id'],
    ['environment', 'def', 'environments.<key>'],
    ['role', 'def', 'access_control.roles[*].name'],
    ['role', 'ref', 'access_control.roles[*].inherits[*]', { edge: true }],
  ],
  monitoring: [
    tenantRef,
    ...alertmanagerRows('alertmanager.'),
    ['template', 'ref', 'alertmanager.receivers[*].slack_configs[*].alert_template'],
    ['locale', 'ref', 'alertmanager.receivers[*].slack_configs[*].locale'],
    ...notificationRows('notification_rules'),
    ...notificationRows('multi_channel_alerts'),
    ['template', 'def', 'alert_templates.<key>'],
    ['locale', 'ref', 'alert_templates.*.<key>', { severity: 'warning' }],
    ['template-block', 'tmpl', 'alert_templates.**'],
    ['job', 'def', 'prometheus.scrape_configs[*].job_name'],
    ['dashboard', 'def', 'grafana.dashboards[*].uid'],
  ],
  'security-policy': [
    policyTenantRef,
    ['role', 'def', 'authorization.rbac.roles[*].name'],
    ['role', 'ref', 'authorization.rbac.roles[*].inherits[*]', { edge: true }],
    ['role', 'ref', 'authorization.rbac.bindings[*].role'],
    ['role', 'ref', 'mfa.required_for_roles[*]'],
    // `"auditor" in subject.roles`: a role named in a condition is used, whatever the CEL says.
    ['role', 'mention', 'authorization.abac.policies[*].condition'],
  ],
  environment: [
    tenantRef,
    ['environment', 'ref', 'environment'],
    ['queue', 'def', 'messaging.queues[*].name'],
    ['queue', 'ref', 'messaging.queues[*].dead_letter.target_queue'],
  ],
  localization: [
    tenantRef,
    ['locale', 'def', 'supported_locales[*]'],
    ['locale', 'def', 'languages[*]'],
    // default_locale and fallback targets: rules/localization.ts reports unsupported ones.
    ['locale', 'ref', 'default_locale', { check: false }],
    ['locale', 'ref', 'fallback.<key>', { severity: 'warning' }],
    ['locale', 'ref', 'fallback.*', { check: false }],
    ['locale', 'ref', 'fallback.*[*]', { check: false }],
    ['locale', 'ref', 'locales.<key>', { severity: 'warning' }],
  ],
  'isolation-policy': [policyTenantRef],
  'access-control': [
    policyTenantRef,
    ['role', 'def', 'roles[*].name'],
    ['role', 'ref', 'roles[*].inherits[*]', { edge: true }],
    ['role', 'ref', 'bindings[*].role'],
    ['role', 'ref', 'mfa_required_for_roles[*]'],
    ['role', 'ref', 'api_keys[*].role'],
  ],
  'alert-templates': [
    tenantRef,
    ['template', 'def', 'templates.<key>'],
    ['locale', 'ref', 'templates.*.<key>', { severity: 'warning' }],
    ['locale', 'ref', 'default_locale'],
    ['template-block', 'def', 'defines.<key>'],
    ['template-block', 'tmpl', 'defines.**'],
    ['template-block', 'tmpl', 'templates.**'],
  ],
  'slack-receivers': [
    tenantRef,
    ['receiver', 'def', 'receivers[*].name'],
    ['template', 'ref', 'receivers[*].slack_configs[*].alert_template'],
    ['locale', 'ref', 'receivers[*].slack_configs[*].locale'],
    ['locale', 'ref', 'defaults.locale'],
    ['template-block', 'tmpl', 'receivers[*].**'],
  ],
  'notification-rules': [
    tenantRef,
    ...notificationRows('rules'),
    ['template', 'ref', 'defaults.template'],
    ['locale', 'ref', 'defaults.locale'],
  ],
  prometheus: [['job', 'def', 'scrape_configs[*].job_name']],
  'prometheus-rules': [],
  alertmanager: alertmanagerRows(''),
  'grafana-dashboard': [['dashboard', 'def', 'uid']],
  // The project configuration defines and references no names.
  'tenant-config-project': [],
};

/** The extraction table: kind → rows. */
export const EXTRACTION: Record<string, readonly ExtractionRow[]> = Object.fromEntries(
  Object.entries(RAW).map(([kind, rows]) => [
    kind,
    rows.map(([ns, role, pattern, extra]) => ({ ns, role, pattern, ...extra })),
  ]),
);

/** Kinds whose files define names of a namespace (for "report undefined only when a definer is in scope"). */
export function definesNamespace(kind: string | undefined, ns: Namespace): boolean {
  return DEFINERS.get(kind ?? '')?.has(ns) ?? false;
}

const DEFINERS = new Map<string, Set<Namespace>>(
  Object.entries(EXTRACTION).map(([kind, rows]) => [
    kind,
    new Set(rows.filter((r) => r.role === 'def').map((r) => r.ns)),
  ]),
);

/** The namespaces a kind defines names of. */
export function definedNamespaces(kind: string | undefined): ReadonlySet<Namespace> {
  return DEFINERS.get(kind ?? '') ?? EMPTY;
}
const EMPTY: ReadonlySet<Namespace> = new Set();
