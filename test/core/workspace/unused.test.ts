import { test } from 'node:test';
import assert from 'node:assert/strict';
import { uri, Ws } from './helpers';

const SECURITY = `tenant_id: acme
mfa:
  required_for_roles: [tenant-admin]
authorization:
  rbac:
    roles:
      - name: viewer
        permissions: ["dashboards:read"]
      - name: analyst
        inherits: [viewer]
        permissions: ["exports:write"]
      - name: sre
        permissions: ["alerts:*"]
      - name: auditor
        permissions: ["audit_logs:read"]
      - name: tenant-admin
        permissions: ["*:*"]
    bindings:
      - role: analyst
        subjects: ["group:data"]
      - role: sre
        subjects: ["group:sre"]
`;

const unusedOf = (ws: Ws, name: string, code: string) => ws.problems(name).filter((p) => p.code === code);

test('unused role: a warning on the name, tagged unnecessary; bindings, MFA and inheritance count as uses', () => {
  const ws = new Ws({ 'acme/acme.security.yaml': SECURITY });
  const p = unusedOf(ws, 'acme/acme.security.yaml', 'ref.unused-role');
  assert.equal(p.length, 1);
  assert.equal(ws.slice('acme/acme.security.yaml', p[0]), 'auditor');
  assert.equal(p[0].offset, ws.at('acme/acme.security.yaml', 'auditor'));
  assert.equal(p[0].severity, 'warning');
  assert.deepEqual(p[0].tags, ['unnecessary']);
  assert.equal(p[0].data?.name, 'auditor');
  assert.equal(p[0].data?.namespace, 'role');
  assert.deepEqual(p[0].data?.path, ['authorization', 'rbac', 'roles', 3, 'name']);
  assert.deepEqual(p[0].data?.definitionPath, ['authorization', 'rbac', 'roles', 3]);
  // `viewer` is only inherited, `tenant-admin` only required to use MFA: both are used.
  assert.deepEqual(ws.codes('acme/acme.security.yaml'), ['ref.unused-role']);
});

test('access-control files: API keys and mfa_required_for_roles use roles; the same in YAML and JSON', () => {
  const value = {
    tenant_id: 'acme',
    roles: [
      { name: 'support', permissions: ['tickets:read'] },
      { name: 'finance', inherits: ['support'], permissions: ['payments:write'] },
      { name: 'deployer', permissions: ['deployments:write'] },
      { name: 'spare', permissions: ['x:read'] },
      { name: 'break-glass', permissions: ['*:*'] },
    ],
    bindings: [{ role: 'finance', subjects: ['group:finance'] }],
    mfa_required_for_roles: ['break-glass'],
    api_keys: [{ name: 'ci', role: 'deployer', expires_at: '2027-01-01' }],
  };
  const ws = new Ws({ 'acme/acme.access.json': JSON.stringify(value, null, 2) });
  const json = unusedOf(ws, 'acme/acme.access.json', 'ref.unused-role');
  assert.deepEqual(
    json.map((p) => ws.slice('acme/acme.access.json', p)),
    ['spare'],
  );
  assert.deepEqual(json[0].data?.path, ['roles', 3, 'name']);
  assert.deepEqual(json[0].data?.definitionPath, ['roles', 3]);

  const yaml = `tenant_id: acme
roles:
  - { name: support, permissions: ["tickets:read"] }
  - { name: finance, inherits: [support], permissions: ["payments:write"] }
  - { name: deployer, permissions: ["deployments:write"] }
  - { name: spare, permissions: ["x:read"] }
  - { name: break-glass, permissions: ["*:*"] }
bindings:
  - { role: finance, subjects: ["group:finance"] }
mfa_required_for_roles: [break-glass]
api_keys:
  - { name: ci, role: deployer, expires_at: "2027-01-01" }
`;
  ws.set('acme/acme.access.yaml', yaml);
  const fromYaml = unusedOf(ws, 'acme/acme.access.yaml', 'ref.unused-role');
  assert.deepEqual(
    fromYaml.map((p) => p.data),
    json.map((p) => p.data),
  );
});

test('roles are used within their own file: a binding in another file does not count; tenant files are not checked', () => {
  const ws = new Ws({
    'acme/acme.security.yaml': SECURITY,
    'acme/acme.access.yaml':
      'tenant_id: acme\nroles:\n  - { name: auditor, permissions: ["audit_logs:read"] }\nbindings:\n  - { role: auditor, subjects: ["user:qsa@example.org"] }\n',
    // The tenant schema has roles but no bindings: its roles are declarations, never "unused".
    'acme/acme.tenant.yaml':
      'tenant_id: acme\naccess_control:\n  roles:\n    - { name: tenant-admin, permissions: ["*:*"] }\n    - { name: analyst, permissions: ["reports:read"] }\n',
  });
  assert.deepEqual(
    unusedOf(ws, 'acme/acme.security.yaml', 'ref.unused-role').map((p) => p.data?.name),
    ['auditor'],
  );
  assert.deepEqual(ws.codes('acme/acme.access.yaml'), []);
  assert.deepEqual(ws.codes('acme/acme.tenant.yaml'), []);
});

test('a role named in an ABAC condition is used; a role inheriting only from itself is not', () => {
  const abac =
    SECURITY +
    `  abac:
    policies:
      - id: auditors-read-only
        effect: deny
        actions: ["*:write"]
        resources: ["*"]
        condition: '"auditor" in subject.roles && request.country != "FR"'
`;
  const ws = new Ws({ 'acme/acme.security.yaml': abac });
  assert.deepEqual(unusedOf(ws, 'acme/acme.security.yaml', 'ref.unused-role'), []);
  // A condition literal is not a reference: nothing to go to, and never an undefined role.
  assert.equal(
    ws.index.occurrenceAt(uri('acme/acme.security.yaml'), ws.at('acme/acme.security.yaml', '"auditor" in', 0, 2)),
    undefined,
  );
  assert.ok(!ws.codes('acme/acme.security.yaml').includes('ref.undefined-role'));

  const self =
    'tenant_id: acme\nroles:\n  - { name: loop, inherits: [loop], permissions: ["x:read"] }\n  - { name: used, permissions: ["x:read"] }\nbindings:\n  - { role: used, subjects: ["group:all"] }\n';
  ws.set('acme/acme.access.yaml', self);
  assert.deepEqual(ws.codes('acme/acme.access.yaml'), ['ref.unused-role', 'ref.role-cycle']);
});

test('binding an unused role clears the warning (the file is re-checked with the index)', () => {
  const ws = new Ws({ 'acme/acme.security.yaml': SECURITY });
  assert.equal(unusedOf(ws, 'acme/acme.security.yaml', 'ref.unused-role').length, 1);
  ws.set('acme/acme.security.yaml', SECURITY + '      - role: auditor\n        subjects: ["user:qsa@example.org"]\n');
  assert.deepEqual(ws.codes('acme/acme.security.yaml'), []);
});

const PRODUCTION = `tenant_id: acme
environment: production
messaging:
  provider: sqs
  queues:
    - name: acme-jobs
      dead_letter: { target_queue: acme-jobs-dlq }
    - name: acme-jobs-dlq
    - name: acme-events
    - name: acme-orphan-dlq
    - name: acme-billing.fifo
      fifo: true
      dead_letter: { target_queue: acme-billing-dlq.fifo }
`;

const STAGING = `tenant_id: acme
environment: staging
messaging:
  provider: sqs
  queues:
    - name: acme-billing-dlq.fifo
      fifo: true
    - name: acme_exports_dead_letter
`;

test('unused dead-letter queue: only queues named as DLQs, across the environment files of the tenant', () => {
  const ws = new Ws({ 'acme/acme-staging.environment.yaml': STAGING });
  // Alone, the staging file's DLQs receive nothing.
  assert.deepEqual(
    unusedOf(ws, 'acme/acme-staging.environment.yaml', 'ref.unused-dead-letter-queue').map((p) => p.data?.name),
    ['acme-billing-dlq.fifo', 'acme_exports_dead_letter'],
  );
  // The production file targets one of them: staging is among the files to re-check, and the warning goes.
  const deps = ws.set('acme/acme-production.environment.yaml', PRODUCTION);
  assert.ok(deps.includes(uri('acme/acme-staging.environment.yaml')), deps.join(', '));
  const staging = unusedOf(ws, 'acme/acme-staging.environment.yaml', 'ref.unused-dead-letter-queue');
  assert.deepEqual(
    staging.map((p) => p.data?.name),
    ['acme_exports_dead_letter'],
  );
  const prod = unusedOf(ws, 'acme/acme-production.environment.yaml', 'ref.unused-dead-letter-queue');
  // `acme-events` is consumed by applications, not configuration: never reported.
  assert.deepEqual(
    prod.map((p) => ws.slice('acme/acme-production.environment.yaml', p)),
    ['acme-orphan-dlq'],
  );
  assert.equal(prod[0].severity, 'warning');
  assert.deepEqual(prod[0].tags, ['unnecessary']);
  assert.equal(prod[0].data?.tenant, 'acme');
  assert.equal(prod[0].data?.namespace, 'queue');
  assert.deepEqual(prod[0].data?.path, ['messaging', 'queues', 3, 'name']);
  assert.deepEqual(prod[0].data?.definitionPath, ['messaging', 'queues', 3]);
  // Removing the production file brings the staging warning back.
  ws.remove('acme/acme-production.environment.yaml');
  assert.equal(unusedOf(ws, 'acme/acme-staging.environment.yaml', 'ref.unused-dead-letter-queue').length, 2);
});

test('dead-letter queues: another tenant cannot use them; files without a tenant are not reported', () => {
  const ws = new Ws({
    'acme/acme-staging.environment.yaml': STAGING,
    'globex/globex-production.environment.yaml':
      'tenant_id: globex\nenvironment: production\nmessaging:\n  provider: sqs\n  queues:\n    - { name: g, dead_letter: { target_queue: acme_exports_dead_letter } }\n    - { name: acme_exports_dead_letter }\n',
    'shared/shared.environment.yaml':
      'environment: production\nmessaging:\n  provider: sqs\n  queues:\n    - { name: shared-dlq }\n',
  });
  assert.equal(unusedOf(ws, 'acme/acme-staging.environment.yaml', 'ref.unused-dead-letter-queue').length, 2);
  assert.deepEqual(unusedOf(ws, 'globex/globex-production.environment.yaml', 'ref.unused-dead-letter-queue'), []);
  assert.deepEqual(ws.codes('shared/shared.environment.yaml'), []);
});

test('a tenant environment without an environment file is not reported (environment files are optional)', () => {
  const ws = new Ws({
    'acme/acme.tenant.yaml':
      'tenant_id: acme\nenvironments:\n  production: { enabled: true }\n  development: { enabled: true }\n',
    'acme/acme-production.environment.yaml': 'tenant_id: acme\nenvironment: production\n',
  });
  assert.deepEqual(ws.codes('acme/acme.tenant.yaml'), []);
  assert.deepEqual(ws.codes('acme/acme-production.environment.yaml'), []);
});
