import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  detectSecretShape,
  isLikelyPlaceholder,
  isSecretBearingKey,
  isSecretReference,
} from '../../../core/src/lang/secrets';

// Test fixtures are assembled from parts so that this file itself does not look like it leaks secrets.
const j = (...parts: string[]) => parts.join('');
const alnum = (n: number, seed = 7) =>
  Array.from({ length: n }, (_, i) => 'aB3dE5gH7jK9mN2pQ4sT6vW8yZ0cF1'[(i * seed) % 30]).join('');

test('detects the well-known shapes with offsets', () => {
  const cases: [string, string, number, number][] = [
    [j('https://hooks.slack.com/services/', 'T0123ABCD/B0123ABCD/', alnum(24)), 'slack-webhook', 33, 77],
    [j('xox', 'b-123456789012-1234567890123-', alnum(24)), 'slack-token', 0, 56],
    [j('AKIA', 'Z2X3Y4W5V6U7T2QP'), 'aws-access-key-id', 0, 20],
    [j('AIza', 'Sy', alnum(33)), 'gcp-api-key', 0, 39],
    [j('-----BEGIN RSA ', 'PRIVATE KEY-----\nMIIE'), 'private-key', 0, 31],
    [j('ey', 'JhbGciOiJIUzI1NiJ9', '.ey', 'JzdWIiOiIxMjM0NTY3ODkwIn0', '.', alnum(30)), 'jwt', 0, 79],
    [j('gh', 'p_', alnum(36)), 'github-token', 0, 40],
    [j('glp', 'at-', alnum(20)), 'gitlab-token', 0, 26],
    [j('gl', 'sa_', alnum(32), '_0a1b2c3d'), 'grafana-service-account-token', 0, 46],
    [j('SG', '.', alnum(22), '.', alnum(43, 11)), 'sendgrid-api-key', 0, 69],
    [j('sk', '_live_', alnum(24)), 'stripe-key', 0, 32],
    [j('np', 'm_', alnum(36)), 'npm-token', 0, 40],
    [j('hv', 's.', alnum(95)), 'vault-token', 0, 99],
    [j('url: postgres://admin:', 's3cr3tPw', '@db:5432/app'), 'url-credentials', 22, 30],
    [
      j(
        'https://acme.webhook.office.com/webhookb2/',
        '01234567-89ab-cdef-0123-456789abcdef@01234567-89ab-cdef-0123-456789abcdef/IncomingWebhook/',
        '0123456789abcdef0123456789abcdef/01234567-89ab-cdef-0123-456789abcdef',
      ),
      'teams-webhook',
      0,
      201,
    ],
  ];
  for (const [value, kind, from, to] of cases) {
    const s = detectSecretShape(value);
    assert.deepEqual(s, { kind, from, to }, value.slice(0, 30));
  }
});

test('keyword-gated shapes need the key', () => {
  const tg = j('123456789:', 'A', alnum(34));
  assert.equal(detectSecretShape(tg), undefined);
  assert.equal(detectSecretShape(tg, 'telegram_bot_token')?.kind, 'telegram-bot-token');
  const aws = j('wJalrXUtnFEMI/K7MDENG/bPxRfi', 'CYzX9a8b7c6d');
  assert.equal(aws.length, 40);
  assert.equal(detectSecretShape(aws), undefined);
  assert.equal(detectSecretShape(aws, 'aws_secret_access_key')?.kind, 'aws-secret-access-key');
});

test('false-positive filters', () => {
  for (const v of [
    j('https://hooks.slack.com/services/', 'T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX'),
    j('AKIA', 'IOSFODNN7EXAMPLE'),
    'postgres://user:${DB_PASSWORD}@db/app',
    'https://user:xxxx@host',
    'https://user:{password}@host',
    'https://user:<password>@host',
    'https://user:$PASS@host',
    'https://user:REPLACE_ME@host',
    'hello world',
    '${SLACK_URL}',
    'true',
    'xxxxxxxxxxxxxxxx',
    'https://example.com/path',
    j('gh', 'p_', 'x'.repeat(36)),
  ]) {
    assert.equal(detectSecretShape(v), undefined, v);
  }
  assert.equal(isLikelyPlaceholder('abcdefgh'), true);
  assert.equal(isLikelyPlaceholder('123456789'), true);
  assert.equal(isLikelyPlaceholder('********'), true);
  assert.equal(isLikelyPlaceholder('k3Jd9sLq2'), false);
});

test('secret references', () => {
  for (const v of [
    '${VAR}',
    '$VAR',
    '<secret>',
    'vault:secret/data/x#key',
    'file:/run/secrets/x',
    '{{ .Values.x }}',
    '%VAR%',
    '@VAR@',
    '/etc/secret',
    '${VAR:-default}',
    'secretRef:db',
    '{password}',
    ' ${X} ',
  ]) {
    assert.equal(isSecretReference(v), true, v);
  }
  for (const v of ['plaintext', 'https://x', 'hunter2', '', 'p@ss${X}word'])
    assert.equal(isSecretReference(v), false, v);
});

test('secret-bearing keys', () => {
  for (const k of [
    'password',
    'bearer_token',
    'credentials',
    'client_secret',
    'key',
    'api_key',
    'apiKey',
    'token_id',
    'db_password',
    'stripeSecretKey',
    'slack_api_url',
    'api_url',
    'routing_key',
    'access-token',
    'webhook_url',
    'jwt_secret',
    'dsn',
    'smtp_auth_password',
    'PrivateKey',
  ]) {
    assert.equal(isSecretBearingKey(k), true, k);
  }
  for (const k of [
    'password_file',
    'client_id',
    'token_url',
    'key_file',
    'secret_name',
    'url',
    'max_tokens',
    'monkey',
    'api_url_file',
    'credentials_file',
    'keys',
    'token_type',
    '',
  ]) {
    assert.equal(isSecretBearingKey(k), false, k);
  }
});

test('linear-time on adversarial input and never throws', () => {
  const t = Date.now();
  for (const v of [
    'ey-'.repeat(3333),
    'eyAAAAAAAAAAAA.'.repeat(660),
    'a://b:c@'.repeat(1200),
    'xoxb-'.repeat(2000),
    'A'.repeat(9999),
    '://'.repeat(3000),
    '-'.repeat(9999),
    'x'.repeat(100000),
  ]) {
    assert.doesNotThrow(() => detectSecretShape(v, 'aws telegram'));
    assert.doesNotThrow(() => isSecretReference(v));
  }
  for (const v of [undefined, null, 5]) {
    assert.equal(detectSecretShape(v as unknown as string), undefined);
    assert.equal(isSecretReference(v as unknown as string), false);
    assert.equal(isSecretBearingKey(v as unknown as string), false);
  }
  assert.ok(Date.now() - t < 3000, `took ${Date.now() - t}ms`);
});
