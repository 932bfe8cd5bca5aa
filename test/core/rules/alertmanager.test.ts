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
    // `match` is also the label map Alertmanager 0.22 replaced with `matchers`.
    { code: 'alertmanager.deprecated-match', text: 'match', path: 'route.match' },
    { code: 'alertmanager.root-route-field', text: 'match', path: 'route.match' },
    { code: 'alertmanager.root-route-field', text: 'mute_time_intervals', path: 'route.mute_time_intervals' },
    { code: 'alertmanager.root-route-field', text: 'continue', path: 'route.continue' },
  ]);
  // Where the schema already requires the receiver (monitoring files), it is said once.
  const mon = json({
    schema_version: '2',
    tenant_id: 'acme',
    alertmanager: { route: { group_by: ['alertname'] }, receivers: [{ name: 'a' }] },
  });
  const monHits = allHits(mon, 'x.monitoring.json').filter((h) => h.path.join('.') === 'alertmanager.route');
  assert.deepEqual(
    monHits.map((h) => h.code),
    ['schema.required'],
  );
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
    {
      code: 'alertmanager.undefined-time-interval',
      text: 'holidays',
      path: 'route.routes.0.routes.0.active_time_intervals.0',
    },
    { code: 'alertmanager.duplicate-receiver', text: 'default', path: 'receivers.2.name' },
    { code: 'alertmanager.duplicate-time-interval', text: 'nights', path: 'mute_time_intervals.1.name' },
  ]);
  assert.deepEqual(hits[0].data.suggestions, ['pagerduty']);
});

test('monitoring files may name receivers of other files; Slack receiver files keep names unique', () => {
  const mon = json({
    schema_version: '2',
    tenant_id: 'acme',
    alertmanager: {
      route: { receiver: 'acme-default', routes: [{ receiver: 'acme-critical' }] },
      receivers: [{ name: 'acme-default' }],
    },
  });
  assert.deepEqual(withCode(ruleHits(mon, 'x.monitoring.json'), 'alertmanager.'), []);
  const slack =
    'schema_version: "2"\ntenant_id: acme\nreceivers:\n  - name: a\n    slack_configs: [{ channel: "#a" }]\n  - name: a\n    slack_configs: [{ channel: "#b" }]\n';
  assert.deepEqual(brief(ruleHits(slack, 'x.slack.yaml')), [
    { code: 'alertmanager.duplicate-receiver', text: 'a', path: 'receivers.1.name' },
  ]);
});

test('group_by: `...` alone and no duplicates; group and repeat intervals not zero; time ranges in order', () => {
  const text = [
    'schema_version: "2"',
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
    {
      code: 'alertmanager.time-range-order',
      text: '"06:00"',
      path: 'alertmanager.time_intervals.0.time_intervals.0.times.0.end_time',
    },
  ]);
});

test('matchers: routes, inhibit rules, match_re and notification rules, superseding the schema pattern', () => {
  const am = [
    'route:',
    '  receiver: a',
    '  routes:',
    '    - matchers: [\'team=~"(db"\', \'env="prod"\']',
    '      match_re: { service: "api(" }',
    'receivers:',
    '  - name: a',
    'inhibit_rules:',
    "  - source_matchers: ['severity critical']",
    '    target_matchers: [\'severity="warning"\']',
    '',
  ].join('\n');
  const hits = ruleHits(am, 'alertmanager.yml');
  assert.deepEqual(brief(hits), [
    { code: 'matcher.bad-regex', text: '(db', path: 'route.routes.0.matchers.0' },
    { code: 'alertmanager.deprecated-match', text: 'match_re', path: 'route.routes.0.match_re' },
    { code: 'matcher.bad-regex', text: 'api(', path: 'route.routes.0.match_re.service' },
    { code: 'matcher.expected-operator', text: 'critical', path: 'inhibit_rules.0.source_matchers.0' },
  ]);
  const notif =
    'schema_version: "2"\ntenant_id: acme\nrules:\n  - name: r\n    matchers: ["severity: critical"]\n    channels: [slack]\n    receiver_ref: a\n';
  const n = allHits(notif, 'x.notifications.yaml');
  const m = withCode(n, 'matcher.expected-operator');
  assert.deepEqual(brief(m), [{ code: 'matcher.expected-operator', text: 'critical', path: 'rules.0.matchers.0' }]);
  assert.equal(m[0].data.supersedes, 'schema.pattern');
});

test('inline and `_file` forms of one setting are exclusive: in `global` and in receivers, reported on the inline key', () => {
  const text = [
    'global:',
    '  slack_api_url: ${SLACK_URL}',
    '  slack_api_url_file: /etc/alertmanager/slack-url',
    '  smtp_auth_password_file: /etc/alertmanager/smtp',
    'route:',
    '  receiver: oncall',
    'receivers:',
    '  - name: oncall',
    '    pagerduty_configs:',
    '      - routing_key: ${PD_KEY}',
    '        routing_key_file: /etc/alertmanager/pd-key',
    '    webhook_configs:',
    '      - url: https://hooks.example.com/alerts',
    '        url_file: /etc/alertmanager/hook-url',
    '    telegram_configs:',
    '      - bot_token: ${TG_TOKEN}',
    '        bot_token_file: /etc/alertmanager/tg-token',
    '        chat_id: 42',
    '',
  ].join('\n');
  const hits = ruleHits(text, 'alertmanager.yml');
  assert.deepEqual(brief(hits), [
    { code: 'alertmanager.inline-and-file', text: 'slack_api_url', path: 'global.slack_api_url' },
    { code: 'alertmanager.inline-and-file', text: 'routing_key', path: 'receivers.0.pagerduty_configs.0.routing_key' },
    { code: 'alertmanager.inline-and-file', text: 'url', path: 'receivers.0.webhook_configs.0.url' },
    { code: 'alertmanager.inline-and-file', text: 'bot_token', path: 'receivers.0.telegram_configs.0.bot_token' },
  ]);
  assert.deepEqual(hits[1].data.remove, [['receivers', 0, 'pagerduty_configs', 0, 'routing_key']]);
  assert.deepEqual(hits[1].data.keep, ['receivers', 0, 'pagerduty_configs', 0, 'routing_key_file']);
  assert.equal(hits[1].data.receiver, 'oncall');
  assert.equal(hits[0].data.receiver, undefined);
});

test('each integration gets what it needs, inline or from `global`; the first line of the configuration is shown', () => {
  const text = [
    'route:',
    '  receiver: team',
    'receivers:',
    '  - name: team',
    '    email_configs:',
    '      - to: team@example.com',
    '    slack_configs:',
    '      - channel: "#team"',
    '    opsgenie_configs:',
    '      - api_key_file: /etc/alertmanager/opsgenie',
    '    victorops_configs:',
    '      - api_key_file: /etc/alertmanager/victorops',
    '    webhook_configs:',
    '      - send_resolved: true',
    '    pagerduty_configs:',
    '      - severity: critical',
    '    telegram_configs:',
    '      - bot_token_file: /etc/alertmanager/tg-token',
    '',
  ].join('\n');
  const hits = ruleHits(text, 'alertmanager.yml');
  assert.deepEqual(brief(hits), [
    { code: 'alertmanager.missing-global-setting', text: 'to: team@example.com', path: 'receivers.0.email_configs.0' },
    { code: 'alertmanager.missing-global-setting', text: 'to: team@example.com', path: 'receivers.0.email_configs.0' },
    { code: 'alertmanager.missing-global-setting', text: 'channel: "#team"', path: 'receivers.0.slack_configs.0' },
    {
      code: 'alertmanager.missing-setting',
      text: 'api_key_file: /etc/alertmanager/victorops',
      path: 'receivers.0.victorops_configs.0',
    },
    { code: 'alertmanager.missing-setting', text: 'send_resolved: true', path: 'receivers.0.webhook_configs.0' },
    { code: 'alertmanager.missing-setting', text: 'severity: critical', path: 'receivers.0.pagerduty_configs.0' },
    {
      code: 'alertmanager.missing-setting',
      text: 'bot_token_file: /etc/alertmanager/tg-token',
      path: 'receivers.0.telegram_configs.0',
    },
  ]);
  assert.deepEqual(
    hits.map((h) => [h.data.missing, h.data.global]),
    [
      [['smarthost'], ['smtp_smarthost']],
      [['from'], ['smtp_from']],
      // Alertmanager 0.34 also posts to Slack with an app token, inline or in `global`.
      [
        ['api_url', 'api_url_file', 'app_token', 'app_token_file'],
        ['slack_api_url', 'slack_api_url_file', 'slack_app_token', 'slack_app_token_file'],
      ],
      [['routing_key'], undefined],
      [['url', 'url_file'], undefined],
      [['routing_key', 'routing_key_file', 'service_key', 'service_key_file'], undefined],
      [['chat_id', 'chat_id_file'], undefined],
    ],
  );
  assert.deepEqual([hits[0].data.receiver, hits[0].data.integration], ['team', 'email']);
  // The same settings in `global` satisfy email, Slack, OpsGenie and VictorOps; an integration's own value does too.
  const withGlobal = [
    'global:',
    '  smtp_smarthost: smtp.example.com:587',
    '  smtp_from: alerts@example.com',
    '  slack_api_url_file: /etc/alertmanager/slack-url',
    '  opsgenie_api_key_file: /etc/alertmanager/opsgenie',
    ...text
      .split('\n')
      .map((l) =>
        l
          .replace('      - severity: critical', '      - routing_key_file: /etc/alertmanager/pd')
          .replace('      - send_resolved: true', '      - url_file: /etc/alertmanager/hook')
          .replace(
            '      - bot_token_file: /etc/alertmanager/tg-token',
            '      - { bot_token_file: /etc/alertmanager/tg-token, chat_id: -100123 }',
          )
          .replace(
            '      - api_key_file: /etc/alertmanager/victorops',
            '      - { api_key_file: /etc/alertmanager/victorops, routing_key: "${VICTOROPS_ROUTING_KEY}" }',
          ),
      ),
  ].join('\n');
  assert.deepEqual(ruleHits(withGlobal, 'alertmanager.yml'), []);
});

test('integration settings in JSON and in monitoring files: what has no fallback is required, `global` fallbacks are left to the platform configuration', () => {
  const am = json({
    global: { smtp_smarthost: 'smtp.example.com:587' },
    route: { receiver: 'a' },
    receivers: [
      {
        name: 'a',
        email_configs: [{ to: 'a@example.com' }],
        webhook_configs: [{ url: 'https://hooks.example.com/a', url_file: '/etc/am/url' }],
      },
    ],
  });
  assert.deepEqual(brief(ruleHits(am, 'alertmanager.json')), [
    { code: 'alertmanager.missing-global-setting', text: '{', path: 'receivers.0.email_configs.0' },
    { code: 'alertmanager.inline-and-file', text: '"url"', path: 'receivers.0.webhook_configs.0.url' },
  ]);
  const monitoring = json({
    schema_version: '2',
    tenant_id: 'acme',
    alertmanager: {
      route: { receiver: 'a' },
      receivers: [
        {
          name: 'a',
          email_configs: [{ to: 'a@example.com' }],
          slack_configs: [{ channel: '#a' }],
          pagerduty_configs: [{ severity: 'critical' }],
        },
      ],
    },
  });
  const all = allHits(monitoring, 'x.monitoring.json');
  // No `global` checks in a tenant's block; the missing PagerDuty key is the schema's (`anyOf` routing_key / service_key) and said once.
  assert.deepEqual(withCode(all, 'alertmanager.'), []);
  assert.ok(
    all.some(
      (h) => h.path.join('.') === 'alertmanager.receivers.0.pagerduty_configs.0' && h.code.startsWith('schema.'),
    ),
  );
});
