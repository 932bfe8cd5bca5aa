import { test } from 'node:test';
import assert from 'node:assert/strict';
import { brief, json, ruleHits, withCode } from './check';

const tenant = (envs: Record<string, unknown>): Record<string, unknown> => ({
  schema_version: '2',
  tenant_id: 'acme',
  metadata: { name: 'Acme', owner: { user_id: 'usr_acme', email: 'sre@acme.example.com' } },
  environments: envs,
  isolation: { strategy: 'database' },
});

const db = (extra: Record<string, unknown>): Record<string, unknown> => ({
  host: 'db.acme.internal',
  name: 'acme',
  password: '${DB_PASSWORD}',
  ...extra,
});

test('production tenant environments: verified database TLS, no debug, no loopback hosts, encryption on', () => {
  const text = json(
    tenant({
      production: {
        enabled: true,
        debug: true,
        database: db({ host: 'localhost', ssl_mode: 'require' }),
        cache: { host: '127.0.0.1' },
        storage: { provider: 's3', bucket: 'acme-prod-data', encryption: { enabled: false } },
      },
      staging: {
        enabled: true,
        debug: true,
        database: db({ host: 'localhost', ssl_mode: 'disable' }),
        storage: { provider: 's3', bucket: 'acme-staging-data', encryption: { enabled: false } },
      },
    }),
  );
  const hits = withCode(ruleHits(text, 'x.tenant.json'), 'policy.');
  assert.deepEqual(brief(hits), [
    { code: 'policy.debug-in-production', text: 'true', path: 'environments.production.debug' },
    { code: 'policy.local-host-in-production', text: '"localhost"', path: 'environments.production.database.host' },
    { code: 'policy.insecure-ssl-mode', text: '"require"', path: 'environments.production.database.ssl_mode' },
    { code: 'policy.local-host-in-production', text: '"127.0.0.1"', path: 'environments.production.cache.host' },
    { code: 'policy.encryption-disabled', text: 'false', path: 'environments.production.storage.encryption.enabled' },
  ]);
  assert.ok(hits.every((h) => h.severity === 'error'));
  assert.equal(hits[2].data.suggestion, 'verify-full');
});

test('pool bounds in any environment; https redirect URIs except loopback IPs', () => {
  const text = [
    'schema_version: "2"',
    'tenant_id: acme',
    'metadata: { name: Acme, owner: { user_id: usr_acme, email: sre@acme.example.com } }',
    'isolation: { strategy: database }',
    'environments:',
    '  staging:',
    '    enabled: true',
    '    database:',
    '      host: db.staging.internal',
    '      name: acme',
    '      pool: { min: 20, max: 10 }',
    '    spotify:',
    '      enabled: true',
    '      redirect_uris: [http://localhost:8080/cb, "http://app.acme.com/cb", http://127.0.0.1:8080/cb, https://app.acme.com/cb]',
    '',
  ].join('\n');
  const hits = withCode(ruleHits(text, 'x.tenant.yaml'), 'policy.');
  assert.deepEqual(brief(hits), [
    { code: 'policy.pool-min-exceeds-max', text: '20', path: 'environments.staging.database.pool.min' },
    {
      code: 'policy.insecure-redirect-uri',
      text: 'http://localhost:8080/cb',
      path: 'environments.staging.spotify.redirect_uris.0',
    },
    {
      code: 'policy.insecure-redirect-uri',
      text: '"http://app.acme.com/cb"',
      path: 'environments.staging.spotify.redirect_uris.1',
    },
  ]);
  assert.deepEqual(
    hits.slice(1).map((h) => [h.data.host, h.data.supersedes]),
    [
      ['localhost', 'schema.pattern'],
      ['app.acme.com', 'schema.pattern'],
    ],
  );
});

test('environment files: autoscaling bounds, health check timeout, DLQ target, production encryption', () => {
  const text = [
    'schema_version: "2"',
    'tenant_id: acme',
    'environment: production',
    'autoscaling: { min_replicas: 5, max_replicas: 3 }',
    'load_balancing:',
    '  health_check: { interval: 10s, timeout: 10s }',
    'databases:',
    '  - { name: db, engine: postgresql, storage_gb: 100, storage_encrypted: false }',
    'messaging:',
    '  provider: sqs',
    '  queues:',
    '    - name: jobs',
    '      dead_letter: { enabled: true, target_queue: jobs }',
    '',
  ].join('\n');
  const hits = ruleHits(text, 'x.environment.yaml');
  assert.deepEqual(brief(hits), [
    { code: 'policy.autoscaling-min-exceeds-max', text: '5', path: 'autoscaling.min_replicas' },
    { code: 'policy.health-check-timeout', text: '10s', path: 'load_balancing.health_check.timeout' },
    { code: 'policy.encryption-disabled', text: 'false', path: 'databases.0.storage_encrypted' },
    { code: 'policy.dlq-self-target', text: 'jobs', path: 'messaging.queues.0.dead_letter.target_queue' },
  ]);
  // Outside production, unencrypted storage is not a policy error.
  assert.deepEqual(
    withCode(
      ruleHits(text.replace('environment: production', 'environment: staging'), 'x.environment.yaml'),
      'policy.encryption-disabled',
    ),
    [],
  );
});

test('security policy: TLS versions, NIST password advice, JWT none, OIDC openid, redirect URIs, encryption at rest', () => {
  const text = [
    'schema_version: "2"',
    'tenant_id: acme',
    'authentication:',
    '  providers:',
    '    - name: okta',
    '      type: oidc',
    '      config:',
    '        client_id: abc',
    '        issuer: https://acme.okta.com',
    '        scopes: [profile, email]',
    '        redirect_uris: [http://app.example.com/cb]',
    '    - name: gw',
    '      type: jwt',
    '      config: { issuer: "https://gw.example.com", audience: api, algorithms: [RS256, none] }',
    'encryption:',
    '  at_rest: { enabled: false }',
    '  in_transit: { min_tls_version: "1.1" }',
    'password_policy:',
    '  min_length: 10',
    '  max_length: 32',
    '  require_composition: true',
    '  check_breached: false',
    '  expiration_days: 90',
    '',
  ].join('\n');
  const hits = withCode(ruleHits(text, 'x.security.yaml'), 'policy.');
  assert.deepEqual(brief(hits), [
    { code: 'policy.oidc-missing-openid', text: 'scopes', path: 'authentication.providers.0.config.scopes' },
    {
      code: 'policy.insecure-redirect-uri',
      text: 'http://app.example.com/cb',
      path: 'authentication.providers.0.config.redirect_uris.0',
    },
    { code: 'policy.jwt-none-algorithm', text: 'none', path: 'authentication.providers.1.config.algorithms.1' },
    { code: 'policy.encryption-disabled', text: 'false', path: 'encryption.at_rest.enabled' },
    { code: 'policy.tls-version', text: '"1.1"', path: 'encryption.in_transit.min_tls_version' },
    { code: 'policy.password-policy', text: '10', path: 'password_policy.min_length' },
    { code: 'policy.password-policy', text: '32', path: 'password_policy.max_length' },
    { code: 'policy.password-policy', text: 'true', path: 'password_policy.require_composition' },
    { code: 'policy.password-policy', text: 'false', path: 'password_policy.check_breached' },
    { code: 'policy.password-policy', text: '90', path: 'password_policy.expiration_days' },
  ]);
  const sev = Object.fromEntries(hits.map((h) => [h.path.join('.'), h.severity]));
  assert.equal(sev['encryption.at_rest.enabled'], 'warning');
  assert.equal(sev['password_policy.min_length'], 'warning');
  assert.equal(sev['authentication.providers.1.config.algorithms.1'], 'error');
  assert.deepEqual(
    hits.filter((h) => h.code === 'policy.password-policy').map((h) => h.data.setting),
    ['min_length', 'max_length', 'require_composition', 'check_breached', 'expiration_days'],
  );
  assert.equal(withCode(hits, 'policy.tls-version')[0].data.supersedes, 'schema.enum');
  // With MFA required, 8 characters are enough.
  const mfa = text.replace('encryption:', 'mfa: { required: true, methods: [webauthn] }\nencryption:');
  assert.ok(
    !withCode(ruleHits(mfa, 'x.security.yaml'), 'policy.password-policy').some(
      (h) => h.path.join('.') === 'password_policy.min_length',
    ),
  );
});

test('TLS min_version of Prometheus and Alertmanager tls_config', () => {
  const prom =
    'scrape_configs:\n  - job_name: a\n    tls_config: { min_version: TLS10 }\n    static_configs: [{ targets: ["a:1"] }]\n';
  const hits = ruleHits(prom, 'prometheus.yml');
  assert.deepEqual(brief(hits), [
    { code: 'policy.tls-version', text: 'TLS10', path: 'scrape_configs.0.tls_config.min_version' },
  ]);
  assert.deepEqual([hits[0].data.version, hits[0].data.suggestion], ['1.0', 'TLS12']);
  const am = 'global:\n  smtp_tls_config: { min_version: TLS11 }\nroute: { receiver: a }\nreceivers: [{ name: a }]\n';
  assert.deepEqual(brief(ruleHits(am, 'alertmanager.yml')), [
    { code: 'policy.tls-version', text: 'TLS11', path: 'global.smtp_tls_config.min_version' },
  ]);
});
