import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stringify } from 'yaml';
import { allHits, brief, json, ruleHits, withCode } from './check';

const PROMETHEUS = [
  'scrape_configs:',
  '  - job_name: api',
  '    basic_auth: { username: prometheus, password_file: /etc/prometheus/pw }',
  '    bearer_token_file: /etc/prometheus/token',
  '    static_configs: [{ targets: ["api:8080"] }]',
  '  - job_name: db',
  '    basic_auth:',
  '      username: prometheus',
  '      password: ${DB_PASSWORD}',
  '      password_file: /etc/prometheus/db-pw',
  '    tls_config:',
  '      cert_file: /etc/prometheus/client.crt',
  '    kubernetes_sd_configs:',
  '      - role: pod',
  '        tls_config: { key_file: /etc/prometheus/sd.key }',
  'alerting:',
  '  alertmanagers:',
  '    - authorization: { credentials_file: /etc/prometheus/am-token }',
  '      sigv4: { region: eu-west-1 }',
  '      static_configs: [{ targets: ["am:9093"] }]',
  'remote_write:',
  '  - url: https://metrics.example.com/push',
  '    sigv4: { region: eu-west-1 }',
  '    azuread: { managed_identity: { client_id: prometheus } }',
  '    headers: { authorization: Bearer x, X-Scope-OrgID: acme, content-type: text/plain }',
  'remote_read:',
  '  - url: https://metrics.example.com/read',
  '    bearer_token: ${READ_TOKEN}',
  '    bearer_token_file: /etc/prometheus/read-token',
  '',
].join('\n');

test("Prometheus HTTP clients: one authentication method, inline or file, certificate with key, reserved headers; the schema's generic problems are replaced", () => {
  const hits = withCode(ruleHits(PROMETHEUS, 'prometheus.yml'), 'http.');
  assert.deepEqual(brief(hits), [
    { code: 'http.exclusive-auth', text: 'basic_auth', path: 'scrape_configs.0.basic_auth' },
    { code: 'http.exclusive-auth', text: 'bearer_token_file', path: 'scrape_configs.0.bearer_token_file' },
    { code: 'http.inline-and-file', text: 'password', path: 'scrape_configs.1.basic_auth.password' },
    { code: 'http.cert-without-key', text: 'cert_file', path: 'scrape_configs.1.tls_config.cert_file' },
    {
      code: 'http.cert-without-key',
      text: 'key_file',
      path: 'scrape_configs.1.kubernetes_sd_configs.0.tls_config.key_file',
    },
    { code: 'http.exclusive-auth', text: 'authorization', path: 'alerting.alertmanagers.0.authorization' },
    { code: 'http.exclusive-auth', text: 'sigv4', path: 'alerting.alertmanagers.0.sigv4' },
    { code: 'http.exclusive-auth', text: 'sigv4', path: 'remote_write.0.sigv4' },
    { code: 'http.exclusive-auth', text: 'azuread', path: 'remote_write.0.azuread' },
    { code: 'http.reserved-header', text: 'authorization', path: 'remote_write.0.headers.authorization' },
    { code: 'http.reserved-header', text: 'content-type', path: 'remote_write.0.headers.content-type' },
    { code: 'http.inline-and-file', text: 'bearer_token', path: 'remote_read.0.bearer_token' },
  ]);
  assert.deepEqual(
    hits.map((h) => h.severity),
    hits.map(() => 'error'),
  );
  assert.deepEqual(
    [hits[0].data.conflicts, hits[0].data.remove],
    [['bearer_token_file'], [['scrape_configs', 0, 'basic_auth']]],
  );
  assert.deepEqual(
    [hits[2].data.remove, hits[2].data.keep],
    [[['scrape_configs', 1, 'basic_auth', 'password']], ['scrape_configs', 1, 'basic_auth', 'password_file']],
  );
  assert.deepEqual(hits[3].data.missing, ['key_file', 'key']);
  assert.deepEqual(hits[9].data.header, 'authorization');
  // The Prometheus schema (v3.14.0) has no `const: null` or `oneOf` for these pairs: the rules alone report them.
  const schema = allHits(PROMETHEUS, 'prometheus.yml').filter(
    (h) => h.code === 'schema.const' || h.code === 'schema.one-of-ambiguous',
  );
  assert.deepEqual(schema, []);
  assert.equal(hits[2].data.supersedes, undefined);
});

const ALERTMANAGER = {
  global: {
    smtp_smarthost: 'smtp.example.com:587',
    smtp_from: 'alerts@example.com',
    http_config: {
      basic_auth: { username: 'am', password_file: '/etc/am/pw' },
      authorization: { type: 'Basic', credentials_file: '/etc/am/creds' },
      http_headers: { 'User-Agent': { values: ['am'] }, 'X-Tenant': { values: ['acme'] } },
    },
  },
  route: { receiver: 'hooks' },
  receivers: [
    {
      name: 'hooks',
      webhook_configs: [
        {
          url_file: '/etc/am/hook-url',
          http_config: {
            oauth2: { client_secret: '${HOOK_SECRET}', client_secret_file: '/etc/am/hook-secret' },
            tls_config: { ca_file: '/etc/am/ca.pem', key_file: '/etc/am/client.key' },
          },
        },
      ],
    },
  ],
};

test('Alertmanager http_config, global and per receiver: the same checks, `authorization` of type Basic, OAuth 2.0 needs a client id and token URL', () => {
  const hits = withCode(ruleHits(json(ALERTMANAGER), 'alertmanager.json'), 'http.');
  assert.deepEqual(brief(hits), [
    { code: 'http.exclusive-auth', text: '"basic_auth"', path: 'global.http_config.basic_auth' },
    { code: 'http.exclusive-auth', text: '"authorization"', path: 'global.http_config.authorization' },
    { code: 'http.authorization-basic', text: '"Basic"', path: 'global.http_config.authorization.type' },
    { code: 'http.reserved-header', text: '"User-Agent"', path: 'global.http_config.http_headers.User-Agent' },
    { code: 'http.oauth2-missing', text: '"oauth2"', path: 'receivers.0.webhook_configs.0.http_config.oauth2' },
    { code: 'http.oauth2-missing', text: '"oauth2"', path: 'receivers.0.webhook_configs.0.http_config.oauth2' },
    {
      code: 'http.inline-and-file',
      text: '"client_secret"',
      path: 'receivers.0.webhook_configs.0.http_config.oauth2.client_secret',
    },
    {
      code: 'http.cert-without-key',
      text: '"key_file"',
      path: 'receivers.0.webhook_configs.0.http_config.tls_config.key_file',
    },
  ]);
  assert.deepEqual(
    hits.slice(4, 6).map((h) => h.data.missing),
    [['client_id'], ['token_url']],
  );
  assert.equal(hits[2].data.suggestion, 'basic_auth');
});

test('YAML and JSON give the same HTTP client problems', () => {
  const fromYaml = withCode(ruleHits(stringify(ALERTMANAGER), 'alertmanager.yml'), 'http.');
  const fromJson = withCode(ruleHits(json(ALERTMANAGER), 'alertmanager.json'), 'http.');
  assert.equal(fromYaml.length, 8);
  assert.deepEqual(
    fromYaml.map((h) => [h.code, h.path, h.severity]),
    fromJson.map((h) => [h.code, h.path, h.severity]),
  );
});

test('valid HTTP clients give nothing; in monitoring files keys the schema rejects are left to it; an aliased mapping is reported once', () => {
  const valid = [
    'scrape_configs:',
    '  - job_name: api',
    '    basic_auth: { username: prometheus, password_file: /etc/prometheus/pw }',
    '    tls_config: { ca_file: /etc/ca.pem, cert_file: /etc/client.crt, key_file: /etc/client.key }',
    '    static_configs: [{ targets: ["api:8080"] }]',
    '  - job_name: k8s',
    '    bearer_token_file: /var/run/secrets/token',
    // Prometheus accepts a custom client for the Kubernetes API only with an explicit `api_server`.
    '    kubernetes_sd_configs:',
    '      - { role: node, api_server: "https://kubernetes.default.svc", authorization: { credentials_file: /var/run/secrets/token } }',
    'remote_write:',
    '  - url: https://metrics.example.com/push',
    '    sigv4: { region: eu-west-1 }',
    '    headers: { X-Scope-OrgID: acme }',
    '',
  ].join('\n');
  assert.deepEqual(ruleHits(valid, 'prometheus.yml'), []);
  const am =
    'global:\n  http_config:\n    authorization: { type: Bearer, credentials_file: /etc/am/token }\n    http_headers: { X-Tenant: { values: [acme] } }\nroute: { receiver: a }\nreceivers:\n  - name: a\n';
  assert.deepEqual(ruleHits(am, 'alertmanager.yml'), []);
  const monitoring = json({
    schema_version: '2',
    tenant_id: 'acme',
    prometheus: {
      scrape_configs: [
        {
          job_name: 'api',
          basic_auth: { username: 'p', password: '${API_PASSWORD}' },
          bearer_token: '${TOKEN}',
          static_configs: [{ targets: ['api:8080'] }],
        },
      ],
    },
  });
  const all = allHits(monitoring, 'x.monitoring.json');
  assert.deepEqual(withCode(all, 'http.'), []);
  assert.deepEqual(brief(withCode(all, 'schema.additional-property')), [
    { code: 'schema.additional-property', text: '"bearer_token"', path: 'prometheus.scrape_configs.0.bearer_token' },
  ]);
  const aliased =
    'scrape_configs:\n  - job_name: a\n    tls_config: &tls { cert_file: /etc/client.crt }\n  - job_name: b\n    tls_config: *tls\n';
  assert.deepEqual(brief(ruleHits(aliased, 'prometheus.yml')), [
    { code: 'http.cert-without-key', text: 'cert_file', path: 'scrape_configs.0.tls_config.cert_file' },
  ]);
});
