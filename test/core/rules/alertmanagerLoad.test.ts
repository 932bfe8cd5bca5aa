import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixed } from '../../support/fixes';
import { allHits, brief, ruleHits, withCode } from './check';

const lines = (...l: string[]): string => l.join('\n') + '\n';

test('Alertmanager v0.34: no route, receiver name labels, Slack app tokens, update_message, globals of Telegram and Mattermost', () => {
  const text = lines(
    'global:',
    '  slack_app_token_file: /etc/am/slack-token',
    '  slack_api_url: https://hooks.slack.com/services/T0/B0/X',
    '  telegram_bot_token_file: /etc/am/tg',
    'receivers:',
    '  - name: team',
    '    labels: { name: other, owner: sre }',
    '    slack_configs:',
    '      - { channel: "#a", app_token_file: /etc/am/t, api_url_file: /etc/am/u }',
    '      - { channel: "#b", api_url: "https://hooks.slack.com/services/T1/B1/Y", update_message: true }',
    '    telegram_configs: [{ chat_id: 1 }]',
    '    mattermost_configs: [{ channel: ops }]',
    '    incidentio_configs: [{ url_file: /etc/am/io, alert_source_token: t, http_config: { authorization: { credentials_file: /c } } }]',
  );
  const hits = ruleHits(text, 'alertmanager.yml').filter((h) => h.code.startsWith('alertmanager.'));
  assert.deepEqual(brief(hits), [
    { code: 'alertmanager.route-missing', text: 'global:', path: 'route' },
    { code: 'alertmanager.exclusive-settings', text: 'slack_app_token_file', path: 'global.slack_app_token_file' },
    { code: 'alertmanager.receiver-name-label', text: 'other', path: 'receivers.0.labels.name' },
    {
      code: 'alertmanager.exclusive-settings',
      text: 'app_token_file',
      path: 'receivers.0.slack_configs.0.app_token_file',
    },
    { code: 'alertmanager.setting-requires', text: 'true', path: 'receivers.0.slack_configs.1.update_message' },
    {
      code: 'alertmanager.missing-global-setting',
      text: '{ channel: ops }',
      path: 'receivers.0.mattermost_configs.0',
    },
    {
      code: 'alertmanager.exclusive-settings',
      text: 'alert_source_token',
      path: 'receivers.0.incidentio_configs.0.alert_source_token',
    },
  ]);
  assert.ok(hits.every((h) => h.severity === 'error'));
  // Telegram takes the bot token from `global`; the global webhook URL of Mattermost would do too.
  assert.deepEqual(withCode(hits, 'alertmanager.missing-global-setting')[0].data.global, [
    'mattermost_webhook_url',
    'mattermost_webhook_url_file',
  ]);
  assert.equal(
    fixed(
      lines('route: { receiver: t }', 'receivers:', '  - name: t', '    labels: { name: x }'),
      'alertmanager.yml',
      'alertmanager.receiver-name-label',
    ),
    lines('route: { receiver: t }', 'receivers:', '  - name: t', '    labels: { name: t }'),
  );
  // A route written empty is no route; in a monitoring file the block is merged, so no route is fine.
  assert.deepEqual(
    allHits(lines('route:', 'receivers: [{ name: a }]'), 'alertmanager.yml').map((h) => h.code),
    ['alertmanager.route-missing'],
  );
});

test('`...` with other labels in group_by is said by the rule, not as a pattern; UTF-8 label names are accepted', () => {
  const text = lines(
    'route:',
    '  receiver: a',
    '  group_by: [alertname, "..."]',
    '  routes:',
    '    - { receiver: a, group_by: ["service.name", "équipe"], labels: { "service.name": web } }',
    'receivers: [{ name: a, labels: { "owning-team": sre } }]',
  );
  assert.deepEqual(
    allHits(text, 'alertmanager.yml').map((h) => [h.code, h.path.join('.')]),
    [['alertmanager.group-by-wildcard', 'route.group_by.1']],
  );
});

test('valid Alertmanager v0.34 configurations give nothing', () => {
  const text = lines(
    'global:',
    '  slack_app_token_file: /etc/am/slack-token',
    '  telegram_bot_token_file: /etc/am/tg',
    '  mattermost_webhook_url_file: /etc/am/mm',
    '  wechat_api_secret_file: /etc/am/wechat',
    '  wechat_api_corp_id: corp',
    'route: { receiver: team, labels: { env: prod } }',
    'receivers:',
    '  - name: team',
    '    labels: { name: team }',
    '    slack_configs: [{ channel: "#a", update_message: true }]',
    '    telegram_configs: [{ chat_id_file: /etc/am/chat }]',
    '    mattermost_configs: [{ channel: ops }]',
    '    wechat_configs: [{ to_user: "@all" }]',
    '    incidentio_configs: [{ url: "https://api.incident.io/v2/alert_events/http/x", alert_source_token_file: /etc/am/io }]',
    'tracing: { endpoint: "otel:4317", sampling_fraction: 0.5 }',
    'event_recorder: { file_outputs: [{ path: /var/log/am-events.jsonl }] }',
  );
  assert.deepEqual(
    allHits(text, 'alertmanager.yml').filter((h) => h.severity === 'error'),
    [],
  );
});
