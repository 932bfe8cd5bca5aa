import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixed, actionsFor } from '../../support/fixes';
import { validate } from '../../support/service';
import { brief, json, ruleHits, withCode } from './check';

const WEBHOOK = 'https://hooks.slack.com/services/T01234567/B01234567/abcdefghijklmnopqrstuvwx';

test('literal secrets under secret keys: error in production, warning elsewhere; references are fine', () => {
  const text = json({
    schema_version: '2',
    tenant_id: 'acme',
    metadata: { name: 'Acme', owner: { user_id: 'usr_acme', email: 'sre@acme.example.com' } },
    isolation: { strategy: 'database' },
    environments: {
      production: {
        enabled: true,
        database: { host: 'db.acme.internal', name: 'acme', password: 'Sup3r-S3cret' },
        cache: { host: 'redis.acme.internal', password: '${REDIS_PASSWORD}' },
      },
      staging: {
        enabled: true,
        database: { host: 'db.staging.internal', name: 'acme', password: 'staging-pass' },
        spotify: { enabled: true, client_secret: { secretRef: { name: 'acme-spotify', key: 'client_secret' } } },
      },
    },
  });
  const hits = ruleHits(text, 'x.tenant.json');
  assert.deepEqual(brief(hits), [
    { code: 'secret.literal', text: '"Sup3r-S3cret"', path: 'environments.production.database.password' },
    { code: 'secret.literal', text: '"staging-pass"', path: 'environments.staging.database.password' },
  ]);
  assert.deepEqual(
    hits.map((h) => h.severity),
    ['error', 'warning'],
  );
  assert.deepEqual(
    hits.map((h) => h.data.envVar),
    ['PRODUCTION_DATABASE_PASSWORD', 'STAGING_DATABASE_PASSWORD'],
  );
});

test('a known credential shape under a secret key is an error in our kinds, a warning in upstream files unless the settings raise it; the value never appears in message or data', () => {
  const text = `global:\n  slack_api_url: ${WEBHOOK}\n  smtp_auth_password: hunter22\nroute: { receiver: a }\nreceivers: [{ name: a }]\n`;
  const diags = validate(text, 'alertmanager.yml').filter((d) => String(d.code).startsWith('secret.'));
  // Alertmanager loads the file: secret hygiene is advice there (the core's severity policy).
  assert.deepEqual(
    diags.map((d) => [d.code, (d.data as { path: unknown }).path, d.severity]),
    [
      ['secret.literal', ['global', 'slack_api_url'], 2],
      ['secret.literal', ['global', 'smtp_auth_password'], 2],
    ],
  );
  const raised = validate(text, 'alertmanager.yml', { severity: { 'secret.literal': 'error' } }).filter((d) =>
    String(d.code).startsWith('secret.'),
  );
  assert.deepEqual(
    raised.map((d) => d.severity),
    [1, 1],
  );
  // The same webhook in a monitoring file's alertmanager block is an error.
  const monitoring = json({
    schema_version: '1',
    tenant_id: 'acme',
    alertmanager: { global: { slack_api_url: WEBHOOK } },
  });
  assert.deepEqual(
    validate(monitoring, 'x.monitoring.json')
      .filter((d) => d.code === 'secret.literal')
      .map((d) => d.severity),
    [1],
  );
  assert.deepEqual(
    diags.map((d) => (d.data as { kind?: string }).kind),
    ['slack-webhook', undefined],
  );
  for (const d of diags) {
    const said = d.message + JSON.stringify(d.data);
    assert.ok(!said.includes('abcdefghijklmnopqrstuvwx') && !said.includes('hunter22'), said);
  }
});

test('Slack api_url is a secret only for Slack; other api_url values are endpoints', () => {
  const text =
    'route: { receiver: a }\nreceivers:\n  - name: a\n    opsgenie_configs: [{ api_url: "https://api.opsgenie.com/", api_key: "${OPSGENIE_KEY}" }]\n    slack_configs: [{ api_url: "https://example.com/not-a-hook", channel: "#a" }]\n';
  assert.deepEqual(brief(ruleHits(text, 'alertmanager.yml')), [
    { code: 'secret.literal', text: '"https://example.com/not-a-hook"', path: 'receivers.0.slack_configs.0.api_url' },
  ]);
});

test('credential shapes anywhere else: only the secret part is covered', () => {
  const text =
    'remote_write:\n  - url: "https://user:Pa55word@remote.example.com/api/v1/write"\nscrape_configs:\n  - job_name: a\n    params: { module: ["AKIAIOSFODNN7ABCDEFG"] }\n    static_configs: [{ targets: ["a:1"] }]\n';
  const hits = withCode(ruleHits(text, 'prometheus.yml'), 'secret.');
  assert.deepEqual(brief(hits), [
    { code: 'secret.shape', text: 'Pa55word', path: 'remote_write.0.url' },
    { code: 'secret.shape', text: 'AKIAIOSFODNN7ABCDEFG', path: 'scrape_configs.0.params.module.0' },
  ]);
  assert.deepEqual(
    hits.map((h) => h.data.kind),
    ['url-credentials', 'aws-access-key-id'],
  );
  // Prometheus loads the file: credential shapes are warnings there (errors in our kinds).
  assert.ok(hits.every((h) => h.severity === 'warning'));
});

test('quick fix: the literal becomes an environment reference named after the key path (YAML)', () => {
  const text =
    'schema_version: "2"\ntenant_id: acme\ndefaults:\n  api_url: ' +
    WEBHOOK +
    '  # team webhook\nreceivers:\n  - name: a\n    slack_configs: [{ channel: "#a" }]\n';
  const out = fixed(text, 'x.slack.yaml', 'secret.literal');
  assert.equal(out, text.replace(WEBHOOK, '"${SLACK_API_URL}"'));
  assert.deepEqual(withCode(ruleHits(out, 'x.slack.yaml'), 'secret.'), []);
  // Not applied by fix-all: the variable has to exist where the file is deployed.
  const { actions } = actionsFor(text, 'x.slack.yaml', 'secret.literal', ['source.fixAll.tenantConfig']);
  assert.ok(!actions.some((a) => JSON.stringify(a.edit).includes('SLACK_API_URL')));
});

test('quick fix in JSON, and on a block scalar', () => {
  const monitoring = {
    schema_version: '2',
    tenant_id: 'acme',
    alertmanager: { global: { slack_api_url: WEBHOOK }, route: { receiver: 'a' }, receivers: [{ name: 'a' }] },
  };
  const text = json(monitoring);
  const out = fixed(text, 'x.monitoring.json', 'secret.literal');
  assert.deepEqual(JSON.parse(out), {
    ...monitoring,
    alertmanager: { ...monitoring.alertmanager, global: { slack_api_url: '${SLACK_API_URL}' } },
  });
  const block =
    'schema_version: "2"\ntenant_id: acme\nmetadata: { name: A, owner: { user_id: usr_a, email: a@b.co } }\nisolation: { strategy: database }\nenvironments:\n  staging:\n    enabled: true\n    database:\n      host: db.internal\n      name: acme\n      password: |\n        correct horse\n        battery staple\n';
  const fixedBlock = fixed(block, 'x.tenant.yaml', 'secret.literal');
  assert.equal(
    fixedBlock,
    block.replace('|\n        correct horse\n        battery staple\n', '"${STAGING_DATABASE_PASSWORD}"\n'),
  );
});
