/**
 * Values a schema pattern can only approximate: Prometheus durations (grammar and overflow), cron
 * schedules, IANA time zones, BCP 47 locales (with the canonical form), ISO 4217 currencies and
 * CIDR blocks (validity, host bits). Codes of the language checkers: `duration.*`, `cron.*`,
 * `intl.*`, `cidr.*`. Where the schema's pattern also failed, the specific problem supersedes
 * the `schema.pattern` one (see `withoutSuperseded` in index.ts).
 */
import type { StringNode } from '../document/ast';
import { checkDuration } from '../lang/duration';
import { checkCron } from '../lang/cron';
import { checkCidr } from '../lang/cidr';
import { checkCurrency, checkLocale, checkTimeZone } from '../lang/intl';
import type { LangProblem } from '../lang/types';
import type { Rule, RuleContext } from './types';
import { ALL_KINDS, nodesOf, select, str, under, type Hit } from './util';
import { reportLang } from './report';

const SUPERSEDES = ['schema.pattern', 'schema.format', 'schema.length'];

/** Keys holding Prometheus durations, per kind (from the bundled schemas). */
const DURATION_KEYS: Record<string, string[]> = {
  tenant: ['timeout', 'idle_timeout', 'ttl'],
  monitoring: [
    'scrape_interval',
    'scrape_timeout',
    'evaluation_interval',
    'time',
    'retention_time',
    'resolve_timeout',
    'group_wait',
    'group_interval',
    'repeat_interval',
    'timeout',
    'refresh',
    'interval',
    'for',
    'keep_firing_for',
    'after',
  ],
  'security-policy': [
    'clock_skew',
    'max_ttl',
    'idle_timeout',
    'absolute_timeout',
    'grace_period',
    'remember_device',
    'duration',
  ],
  environment: [
    'scale_up_cooldown',
    'scale_down_cooldown',
    'interval',
    'timeout',
    'visibility_timeout',
    'message_retention',
  ],
  'notification-rules': ['repeat_interval', 'after'],
  'prometheus-rules': ['interval', 'query_offset', 'for', 'keep_firing_for'],
  prometheus: [
    'scrape_interval',
    'scrape_timeout',
    'evaluation_interval',
    'refresh_interval',
    'remote_timeout',
    'timeout',
    'time',
    'send_interval',
    'sample_age_limit',
    'out_of_order_time_window',
    'min_backoff',
    'max_backoff',
    'batch_send_deadline',
    'rule_query_offset',
    'scrape_failure_log_file_interval',
  ],
  alertmanager: [
    'resolve_timeout',
    'group_wait',
    'group_interval',
    'repeat_interval',
    'timeout',
    'ttl',
    'retry',
    'expire',
    'reopen_duration',
  ],
};

/** Subtrees whose keys look like durations but are not (free-form maps). */
const FREE_FORM = new Set([
  'labels',
  'annotations',
  'external_labels',
  'headers',
  'match',
  'match_re',
  'params',
  'details',
  'messages',
  'defines',
  'templates',
  'alert_templates',
  'attributes',
]);

interface Located {
  pattern: string;
  check: (value: string) => LangProblem[];
  /** Values the schema accepts besides the checked format (e.g. Grafana's `browser`). */
  skip?: RegExp;
}

/** Intl lookups cost a fraction of a millisecond each; a stream repeats the same zones and locales. */
function memo(check: (v: string) => LangProblem[]): (v: string) => LangProblem[] {
  const cache = new Map<string, LangProblem[]>();
  return (v) => {
    let r = cache.get(v);
    if (!r) {
      if (cache.size >= 2000) cache.clear();
      r = check(v);
      cache.set(v, r);
    }
    return r;
  };
}

const tz = memo((v) => checkTimeZone(v));
const amTz = memo((v) => checkTimeZone(v, { allowLocal: true }));
const locale = memo(checkLocale);
const currency = memo(checkCurrency);

const LOCATED: Record<string, Located[]> = {
  'security-policy': [
    { pattern: 'audit.archival.schedule', check: checkCron },
    { pattern: 'audit.archival.timezone', check: tz },
    { pattern: 'network.firewall.rules[].cidrs[]', check: checkCidr },
  ],
  localization: [
    { pattern: 'default_locale', check: locale },
    { pattern: 'supported_locales[]', check: locale },
    { pattern: 'fallback.*', check: locale },
    { pattern: 'fallback.*[]', check: locale },
    { pattern: 'locales.*.timezone', check: tz },
    { pattern: 'locales.*.currency.code', check: currency },
  ],
  'alert-templates': [{ pattern: 'default_locale', check: locale }],
  'slack-receivers': [
    { pattern: 'defaults.locale', check: locale },
    { pattern: 'receivers[].slack_configs[].locale', check: locale },
  ],
  'notification-rules': [
    { pattern: 'defaults.locale', check: locale },
    { pattern: 'rules[].locale', check: locale },
  ],
  monitoring: [
    { pattern: 'alertmanager.time_intervals[].time_intervals[].location', check: amTz },
    { pattern: 'alertmanager.mute_time_intervals[].time_intervals[].location', check: amTz },
    { pattern: 'grafana.dashboards[].timezone', check: tz, skip: /^(browser|utc)$/ },
    { pattern: 'alertmanager.receivers[].slack_configs[].locale', check: locale },
    { pattern: 'notification_rules[].locale', check: locale },
    { pattern: 'multi_channel_alerts[].locale', check: locale },
  ],
  alertmanager: [
    { pattern: 'time_intervals[].time_intervals[].location', check: amTz },
    { pattern: 'mute_time_intervals[].time_intervals[].location', check: amTz },
  ],
  'grafana-dashboard': [{ pattern: 'timezone', check: tz, skip: /^(browser|utc|)$/ }],
  'access-control': [
    { pattern: 'ip_allowlist[]', check: checkCidr },
    { pattern: 'allowed_ips[]', check: checkCidr },
    { pattern: 'api_keys[].allowed_cidrs[]', check: checkCidr },
  ],
  tenant: [{ pattern: 'access_control.ip_allowlist[]', check: checkCidr }],
  environment: [
    { pattern: 'networking.vpc.cidr_block', check: checkCidr },
    { pattern: 'networking.subnets[].cidr', check: checkCidr },
    { pattern: 'networking.peering[].cidr', check: checkCidr },
  ],
  'isolation-policy': [{ pattern: 'network.egress_allowlist[]', check: checkCidr }],
};

/** Keys of mappings that are locale tags (checked on the key itself). */
const LOCALE_KEYS: Record<string, string[]> = {
  localization: ['locales.*', 'fallback.*'],
  'alert-templates': ['templates.*.*'],
  monitoring: ['alert_templates.*.*'],
};

function checkValue(ctx: RuleContext, hit: Hit, check: (v: string) => LangProblem[], skip?: RegExp): void {
  const node = str(hit.node);
  if (!node || (skip && skip.test(node.value))) return;
  reportLang(ctx, node, check(node.value), { path: hit.path, supersedes: SUPERSEDES });
}

/** DURATION_KEYS of each kind as a set, made once. */
const durationKeySets = new Map<string, ReadonlySet<string>>();

function durations(ctx: RuleContext): void {
  const kind = ctx.kind ?? '';
  let keys = durationKeySets.get(kind);
  if (!keys) durationKeySets.set(kind, (keys = new Set(DURATION_KEYS[kind] ?? [])));
  if (keys.size === 0) return;
  for (const { node, path, key } of nodesOf(ctx)) {
    if (
      node.type !== 'string' ||
      key === undefined ||
      typeof path[path.length - 1] !== 'string' ||
      !keys.has(key) ||
      under(path, FREE_FORM)
    )
      continue;
    // Grafana's `refresh` also takes `false`; booleans never reach here.
    reportLang(ctx, node, checkDuration(node.value), { path, supersedes: SUPERSEDES });
  }
}

function localeKeys(ctx: RuleContext): void {
  for (const pattern of LOCALE_KEYS[ctx.kind ?? ''] ?? []) {
    const parent = pattern.slice(0, pattern.lastIndexOf('.'));
    for (const hit of select(ctx.part.root, parent)) {
      if (hit.node.type !== 'object') continue;
      for (const p of hit.node.properties) {
        const key: StringNode = p.keyNode;
        if (key.value === '<<') continue;
        const problems = locale(key.value);
        reportLang(ctx, key, problems, {
          path: [...hit.path, key.value],
          supersedes: ['schema.property-name', 'schema.additional-property'],
          blockedBy: [],
        });
      }
    }
  }
}

export const valuesRule: Rule = {
  id: 'values',
  kinds: ALL_KINDS,
  check(ctx) {
    durations(ctx);
    for (const loc of LOCATED[ctx.kind ?? ''] ?? []) {
      for (const hit of select(ctx.part.root, loc.pattern)) checkValue(ctx, hit, loc.check, loc.skip);
    }
    localeKeys(ctx);
  },
};
