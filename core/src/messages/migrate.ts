/** Messages of format versions and migrations (core/src/migrate): outdated files and what needs a decision. */

export const migrateProblems = {
  'schema.outdated-version':
    'This {kind} file uses format version {version}; version {latest} is current. Migrate it with the quick fix or `tenant-config migrate` (docs/migrations.md).',
  'migration.conflict':
    '`{key}: {value}` and `{to}: {other}` disagree, so the migration to the current version cannot choose: keep the right one, remove the other, then migrate.',
  'migration.unmapped-value':
    '`{key}: {value}` has no equivalent for `{to}` (the values that map are {allowed}): set `{to}` yourself and remove `{key}`, then migrate.',
  'migration.value-not-accepted':
    '`{key}: {value}` cannot become `{to}` as it is, because the current version does not accept that value: change it, then migrate.',
  'migration.not-a-label-map':
    '`{key}` is not a map of label names to values, so it cannot be converted to matchers: write the matchers yourself.',
  'migration.matcher-not-convertible':
    'The entry `{label}: {value}` of `{key}` cannot be written as a matcher that reads back the same: write the matcher yourself.',
  'migration.shared-anchor':
    '`{key}` is an anchored map that other places reuse, and converting it here would change them too: write the matchers yourself.',
  'migration.cannot-edit':
    '`{key}` cannot be changed in place (its escapes make the edit ambiguous): change it by hand.',
  'migration.manual.pagerduty-service-key':
    '`{key}` is a PagerDuty Events API v1 key; the current version takes only `routing_key`, the key of an Events API v2 integration: create that integration, set `routing_key`, remove `{key}`, then migrate.',
  'alertmanager.deprecated-match':
    '`{key}` is deprecated since Alertmanager 0.22: use `{replacement}`. The quick fix writes each entry as an equivalent matcher.',
  'grafana.legacy-panel-type':
    'Panel type `{type}` is an AngularJS panel (off by default since Grafana 11, removed in Grafana 12), which Grafana converts to `{replacement}` when it loads the dashboard: convert it in the file.',
  'prometheus.renamed-setting': '`{key}` is called `{replacement}` in Prometheus 3, which rejects the old name.',
  'prometheus.alertmanager-api-v1':
    'Prometheus 3 no longer supports the Alertmanager v1 API: use `api_version: v2` (Alertmanager 0.16.0 or later).',
  'promql.renamed-function':
    '`{name}` is called `{replacement}` in Prometheus 3, which runs it only with `--enable-feature=promql-experimental-functions`.',
} as const;
