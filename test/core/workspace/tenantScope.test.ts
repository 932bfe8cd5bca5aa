import { test } from 'node:test';
import assert from 'node:assert/strict';
import { uri, Ws } from './helpers';

const TENANT = `tenant_id: acme
environments:
  production:
    enabled: true
  staging:
    enabled: true
`;

const PROD = `tenant_id: acme
environment: production
messaging:
  queues:
    - name: jobs
      dead_letter: { target_queue: jobs-dlq }
    - name: jobs-dlq
    - name: events
      dead_letter: { target_queue: shared-dlq }
    - name: audit
      dead_letter: { target_queue: audit-dql }
`;

const STAGING = `tenant_id: acme
environment: stagng
messaging:
  queues:
    - name: jobs
    - name: shared-dlq
    - name: shared-dlq
`;

test('environments: an environment file must name an environment of its tenant file', () => {
  const ws = new Ws({
    'acme/acme.tenant.yaml': TENANT,
    'acme/acme-production.environment.yaml': PROD,
    'acme/acme-staging.environment.yaml': STAGING,
  });
  assert.deepEqual(
    ws.codes('acme/acme-production.environment.yaml').filter((c) => c.includes('environment')),
    [],
  );
  const [p] = ws.problems('acme/acme-staging.environment.yaml').filter((x) => x.code === 'ref.undefined-environment');
  assert.equal(ws.slice('acme/acme-staging.environment.yaml', p), 'stagng');
  assert.deepEqual(p.data?.path, ['environment']);
  assert.deepEqual(p.data?.suggestions, ['staging']);
  assert.equal(p.data?.tenant, 'acme');
});

test('environments of another tenant do not count; without a tenant file nothing is reported', () => {
  const ws = new Ws({
    'globex/globex.tenant.yaml': 'tenant_id: globex\nenvironments:\n  stagng: {}\n',
    'acme/acme-staging.environment.yaml': STAGING,
  });
  assert.deepEqual(
    ws.codes('acme/acme-staging.environment.yaml').filter((c) => c.includes('environment')),
    [],
  );
  ws.set('acme/acme.tenant.yaml', TENANT);
  assert.deepEqual(
    ws.codes('acme/acme-staging.environment.yaml').filter((c) => c.includes('environment')),
    ['ref.undefined-environment'],
  );
});

test('queues: dead-letter targets resolve in any environment file of the tenant; duplicates are per file', () => {
  const ws = new Ws({ 'acme/acme-production.environment.yaml': PROD, 'acme/acme-staging.environment.yaml': STAGING });
  const prod = ws.problems('acme/acme-production.environment.yaml');
  assert.deepEqual(
    prod.map((p) => [p.code, ws.slice('acme/acme-production.environment.yaml', p)]),
    [['ref.undefined-queue', 'audit-dql']],
  );
  assert.deepEqual(prod[0].data?.path, ['messaging', 'queues', 3, 'dead_letter', 'target_queue']);
  const staging = ws.problems('acme/acme-staging.environment.yaml').filter((p) => p.code === 'ref.duplicate-queue');
  assert.deepEqual(
    staging.map((p) => p.offset),
    [
      ws.at('acme/acme-staging.environment.yaml', 'shared-dlq'),
      ws.at('acme/acme-staging.environment.yaml', 'shared-dlq', 1),
    ],
  );
  // `jobs` in both files is not a duplicate; another tenant's queues are not visible.
  ws.set(
    'globex/globex.environment.yaml',
    'tenant_id: globex\nenvironment: production\nmessaging:\n  queues:\n    - name: x\n      dead_letter: { target_queue: jobs-dlq }\n',
  );
  assert.deepEqual(ws.codes('globex/globex.environment.yaml'), ['ref.undefined-queue']);
});

const LOCALIZATION = `tenant_id: acme
default_locale: en
supported_locales: [en, fr]
locales:
  en: { messages: { a: A } }
  fr: { messages: { a: A } }
  de: { messages: { a: A } }
`;

test('locales: references must be supported locales of the tenant; translations of unsupported locales are warnings', () => {
  const ws = new Ws({
    'acme/acme.localization.yaml': LOCALIZATION,
    'acme/acme.slack.yaml':
      'tenant_id: acme\ndefaults: { locale: fr }\nreceivers:\n  - name: r\n    slack_configs:\n      - { channel: "#a", locale: "es" }\n',
    'acme/acme.alert-templates.json': JSON.stringify({
      tenant_id: 'acme',
      templates: { t: { en: { title: 't', body: 'b' }, fr: { title: 't', body: 'b' }, it: { title: 't', body: 'b' } } },
    }),
  });
  const slack = ws.problems('acme/acme.slack.yaml').filter((p) => p.code === 'ref.undefined-locale');
  assert.equal(slack.length, 1);
  assert.equal(ws.slice('acme/acme.slack.yaml', slack[0]), 'es');
  assert.equal(slack[0].severity, 'error');
  const tpl = ws.problems('acme/acme.alert-templates.json').filter((p) => p.code === 'ref.undefined-locale');
  assert.equal(tpl.length, 1);
  assert.equal(ws.slice('acme/acme.alert-templates.json', tpl[0]), 'it');
  assert.equal(tpl[0].severity, 'warning');
  assert.deepEqual(tpl[0].data?.path, ['templates', 't', 'it']);
  const loc = ws.problems('acme/acme.localization.yaml').filter((p) => p.code === 'ref.undefined-locale');
  assert.deepEqual(
    loc.map((p) => [ws.slice('acme/acme.localization.yaml', p), p.severity]),
    [['de', 'warning']],
  );
});

test('folder inference: a file without tenant_id belongs to the tenant of its folder, else to the platform', () => {
  const ws = new Ws({
    'acme/acme.tenant.yaml': TENANT,
    'acme/alertmanager.yml': 'route:\n  receiver: r\nreceivers:\n  - name: r\ntime_intervals:\n  - name: acme-nights\n',
    'acme/sub/alertmanager.yml': 'route:\n  receiver: s\nreceivers:\n  - name: s\n',
    'platform/alertmanager.yml': 'route:\n  receiver: p\nreceivers:\n  - name: p\n',
  });
  assert.equal(ws.index.tenantOf(uri('acme/alertmanager.yml')), 'acme');
  assert.equal(ws.index.tenantOf(uri('acme/sub/alertmanager.yml')), 'acme');
  assert.equal(ws.index.tenantOf(uri('platform/alertmanager.yml')), undefined);
  // Two tenants in one folder: ambiguous, platform-wide.
  ws.set('acme/globex.tenant.yaml', 'tenant_id: globex\nenvironments: {}\n');
  assert.equal(ws.index.tenantOf(uri('acme/alertmanager.yml')), undefined);
  ws.remove('acme/globex.tenant.yaml');
  assert.equal(ws.index.tenantOf(uri('acme/alertmanager.yml')), 'acme');
  // Time intervals of acme/alertmanager.yml are acme's, not visible to globex.
  ws.set(
    'globex/globex.notifications.yaml',
    'tenant_id: globex\nrules:\n  - { name: x, channels: [slack], receiver_ref: p, mute_time_intervals: [acme-nights] }\n',
  );
  assert.deepEqual(
    ws.codes('globex/globex.notifications.yaml').filter((c) => c.includes('time-interval')),
    ['ref.undefined-time-interval'],
  );
  ws.set(
    'acme/acme.notifications.yaml',
    'tenant_id: acme\nrules:\n  - { name: x, channels: [slack], receiver_ref: p, mute_time_intervals: [acme-nights] }\n',
  );
  assert.deepEqual(ws.codes('acme/acme.notifications.yaml'), []);
});

test('a multi-document stream: each document has its own tenant', () => {
  const ws = new Ws({
    'all.tenant.yaml':
      'tenant_id: acme\nenvironments: { production: {} }\n---\ntenant_id: globex\nenvironments: { staging: {} }\n',
    'x/acme.environment.yaml': 'tenant_id: acme\nenvironment: staging\n',
    'x/globex.environment.yaml': 'tenant_id: globex\nenvironment: staging\n',
  });
  assert.deepEqual(ws.codes('x/acme.environment.yaml'), ['ref.undefined-environment']);
  assert.deepEqual(ws.codes('x/globex.environment.yaml'), []);
  assert.equal(ws.index.tenantOf(uri('all.tenant.yaml'), 1), 'globex');
});
