import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allHits, brief, json, ruleHits, withCode } from './check';

test('root route: a default receiver, and no matchers, time intervals or continue', () => {
  const text = [
    'route:',
    '  matchers: [\'severity="critical"\']',
    '  match: { team: db }',
    '  mute_time_intervals: [nights]',
    '  continue: true',
    'receivers:',
    '  - name: a',
    'time_intervals:',
    '  - name: nights',
    '',
  ].join('\n');
  const hits = ruleHits(text, 'alertmanager.yml');
  assert.deepEqual(brief(hits), [
    { code: 'alertmanager.root-receiver-missing', text: 'route', path: 'route' },
    { code: 'alertmanager.root-route-field', text: 'matchers', path: 'route.matchers' },
    { code: 'alertmanager.root-route-field', text: 'match', path: 'route.match' },
    { code: 'alertmanager.root-route-field', text: 'mute_time_intervals', path: 'route.mute_time_intervals' },
    { code: 'alertmanager.root-route-field', text: 'continue', path: 'route.continue' },
  ]);
  // Where the schema already requires the receiver (monitoring files), it is said once.
  const mon = json({ schema_version: '1', tenant_id: 'acme', alertmanager: { route: { group_by: ['alertname'] }, receivers: [{ name: 'a' }] } });
  const monHits = allHits(mon, 'x.monitoring.json').filter((h) => h.path.join('.') === 'alertmanager.route');
  assert.deepEqual(monHits.map((h) => h.code), ['schema.required']);
});

test('receivers and time intervals: defined once, referenced only when defined (with a suggestion)', () => {
  const text = [
    'route:',
    '  receiver: default',
    '  routes:',
    '    - receiver: pagerdty',
    '      mute_time_intervals: [nights, weekends]',
    '      routes:',
    '        - receiver: default',
    '          active_time_intervals: [holidays]',
    'receivers:',
    '  - name: default',
    '  - name: pagerduty',
    '  - name: default',
    'time_intervals:',
    '  - name: nights',
    'mute_time_intervals:',
    '  - name: weekends',
    '  - name: nights',
    '',
  ].join('\n');
  const hits = ruleHits(text, 'alertmanager.yml');
  assert.deepEqual(brief(hits), [
    { code: 'alertmanager.undefined-receiver', text: 'pagerdty', path: 'route.routes.0.receiver' },
    { code: 'alertmanager.undefined-time-interval', text: 'holidays', path: 'route.routes.0.routes.0.active_time_intervals.0' },
    { code: 'alertmanager.duplicate-receiver', text: 'default', path: 'receivers.2.name' },
    { code: 'alertmanager.duplicate-time-interval', text: 'nights', path: 'mute_time_intervals.1.name' },
  ]);
  assert.deepEqual(hits[0].data.suggestions, ['pagerduty']);
});

test('monitoring files may name receivers of other files; Slack receiver files keep names unique', () => {
  const mon = json({ schema_version: '1', tenant_id: 'acme', alertmanager: { route: { receiver: 'acme-default', routes: [{ receiver: 'acme-critical' }] }, receivers: [{ name: 'acme-default' }] } });
  assert.deepEqual(withCode(ruleHits(mon, 'x.monitoring.json'), 'alertmanager.'), []);
  const slack = 'schema_version: "1"\ntenant_id: acme\nreceivers:\n  - name: a\n    slack_configs: [{ channel: "#a" }]\n  - name: a\n    slack_configs: [{ channel: "#b" }]\n';
  assert.deepEqual(brief(ruleHits(slack, 'x.slack.yaml')), [{ code: 'alertmanager.duplicate-receiver', text: 'a', path: 'receivers.1.name' }]);
});

test('group_by: `...` alone and no duplicates; group and repeat intervals not zero; time ranges in order', () => {
  const text = [
    'schema_version: "1"',
    'tenant_id: acme',
    'alertmanager:',
    '  route:',
    '    receiver: a',
    '    group_by: [alertname, "..."]',
    '    group_interval: 0s',
    '    routes:',
    '      - group_by: [tenant, env, tenant]',
    '        repeat_interval: "0"',
    '  receivers:',
    '    - name: a',
    '  time_intervals:',
    '    - name: nights',
    '      time_intervals:',
    '        - times: [{ start_time: "22:00", end_time: "06:00" }]',
    '',
  ].join('\n');
  const hits = ruleHits(text, 'x.monitoring.yaml');
  assert.deepEqual(brief(hits), [
    { code: 'alertmanager.group-by-wildcard', text: '"..."', path: 'alertmanager.route.group_by.1' },
    { code: 'alertmanager.zero-interval', text: '0s', path: 'alertmanager.route.group_interval' },
    { code: 'alertmanager.duplicate-group-by', text: 'tenant', path: 'alertmanager.route.routes.0.group_by.2' },
    { code: 'alertmanager.zero-interval', text: '"0"', path: 'alertmanager.route.routes.0.repeat_interval' },
    { code: 'alertmanager.time-range-order', text: '"06:00"', path: 'alertmanager.time_intervals.0.time_intervals.0.times.0.end_time' },
  ]);
});

test('matchers: routes, inhibit rules, match_re and notification rules, superseding the schema pattern', () => {
  const am = [
    'route:',
    '  receiver: a',
    '  routes:',
    "    - matchers: ['team=~\"(db\"', 'env=\"prod\"']",
    '      match_re: { service: "api(" }',
    'receivers:',
    '  - name: a',
    'inhibit_rules:',
    "  - source_matchers: ['severity critical']",
    "    target_matchers: ['severity=\"warning\"']",
    '',
  ].join('\n');
  const hits = ruleHits(am, 'alertmanager.yml');
  assert.deepEqual(brief(hits), [
    { code: 'matcher.bad-regex', text: '(db', path: 'route.routes.0.matchers.0' },
    { code: 'matcher.bad-regex', text: 'api(', path: 'route.routes.0.match_re.service' },
    { code: 'matcher.expected-operator', text: 'critical', path: 'inhibit_rules.0.source_matchers.0' },
  ]);
  const notif = 'schema_version: "1"\ntenant_id: acme\nrules:\n  - name: r\n    matchers: ["severity: critical"]\n    channels: [slack]\n    receiver_ref: a\n';
  const n = allHits(notif, 'x.notifications.yaml');
  const m = withCode(n, 'matcher.expected-operator');
  assert.deepEqual(brief(m), [{ code: 'matcher.expected-operator', text: 'critical', path: 'rules.0.matchers.0' }]);
  assert.equal(m[0].data.supersedes, 'schema.pattern');
});
