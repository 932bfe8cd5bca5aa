/** Dialect data for Go templates: function sets, predeclared variables, data fields. */

export type TemplateDialect = 'prometheus' | 'alertmanager';

export const GO_BUILTINS = [
  'and',
  'or',
  'not',
  'len',
  'index',
  'slice',
  'print',
  'printf',
  'println',
  'html',
  'js',
  'urlquery',
  'call',
  'eq',
  'ne',
  'lt',
  'le',
  'gt',
  'ge',
];

export const PROMETHEUS_FUNCS = [
  'query',
  'first',
  'label',
  'value',
  'strvalue',
  'args',
  'reReplaceAll',
  'safeHtml',
  'match',
  'title',
  'toUpper',
  'toLower',
  'graphLink',
  'tableLink',
  'sortByLabel',
  'stripPort',
  'stripDomain',
  'humanize',
  'humanize1024',
  'humanizeDuration',
  'humanizePercentage',
  'humanizeTimestamp',
  'toTime',
  'toDuration',
  'now',
  'pathPrefix',
  'externalURL',
  'parseDuration',
  'urlQueryEscape',
  'tmpl',
];

export const ALERTMANAGER_FUNCS = [
  'toUpper',
  'toLower',
  'title',
  'trimSpace',
  'join',
  'match',
  'safeHtml',
  'safeUrl',
  'urlUnescape',
  'reReplaceAll',
  'stringSlice',
  'routeLabels',
  'date',
  'tz',
  'now',
  'since',
  'humanizeDuration',
  'toDate',
  'mustToDate',
  'toJson',
  'list',
  'append',
  'dict',
];

export const PREDECLARED: Record<TemplateDialect, string[]> = {
  prometheus: ['$', '$labels', '$externalLabels', '$externalURL', '$value'],
  alertmanager: ['$'],
};

export const ROOT_FIELDS: Record<TemplateDialect, string[]> = {
  prometheus: ['Labels', 'ExternalLabels', 'ExternalURL', 'Value'],
  alertmanager: [
    'Receiver',
    'Status',
    'Alerts',
    'GroupLabels',
    'CommonLabels',
    'CommonAnnotations',
    'ExternalURL',
    'NotificationReason',
    'RouteLabels',
    'GroupKey',
    'TruncatedAlerts',
  ],
};

/** Fields of one Alertmanager alert (inside `range .Alerts`). */
export const ALERT_FIELDS = ['Status', 'Labels', 'Annotations', 'StartsAt', 'EndsAt', 'GeneratorURL', 'Fingerprint'];

/** Label-set fields whose keys are label names, with the `source` reported for `labelRefs`. */
export const LABEL_SET_FIELDS: Record<string, string> = {
  Labels: 'labels',
  CommonLabels: 'commonLabels',
  GroupLabels: 'groupLabels',
  ExternalLabels: 'externalLabels',
  RouteLabels: 'routeLabels',
};
/** Methods of Alertmanager KV label sets; never label names. */
export const KV_METHODS = new Set(['SortedPairs', 'Names', 'Values', 'Remove']);

export function dialectFunctions(dialect: TemplateDialect): Set<string> {
  return new Set([...GO_BUILTINS, ...(dialect === 'prometheus' ? PROMETHEUS_FUNCS : ALERTMANAGER_FUNCS)]);
}

const AM_DEFAULT_PLAIN = new Set([
  '__alertmanager',
  '__alertmanagerURL',
  '__subject',
  '__description',
  '__text_alert_list',
  '__text_alert_list_markdown',
  '__text_values_list',
]);

/**
 * Whether a `{{ template "name" }}` target is one of Alertmanager's built-in templates
 * (`__subject`, `slack.default.title`, `email.default.html`, …). Heuristic on the naming scheme.
 */
export function isDefaultAlertmanagerTemplate(name: string): boolean {
  return AM_DEFAULT_PLAIN.has(name) || /^[a-z0-9]+\.default\.[A-Za-z0-9_.]+$/.test(name);
}
