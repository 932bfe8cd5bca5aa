import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Ws } from './helpers';

const SECURITY = `tenant_id: acme
mfa:
  required_for_roles: [tenant-admin, sre]
authorization:
  rbac:
    roles:
      - name: viewer
        permissions: ["dashboards:read"]
      - name: sre
        inherits: [viewer]
        permissions: ["alerts:*"]
      - name: viewer
        permissions: ["reports:read"]
    bindings:
      - role: sre
        subjects: ["group:sre"]
      - role: anlyst
        subjects: ["group:data"]
`;

test('roles: undefined references (bindings, MFA) and duplicates within the file', () => {
  const ws = new Ws({ 'acme/acme.security.yaml': SECURITY });
  const p = ws.problems('acme/acme.security.yaml');
  assert.deepEqual(
    p.map((x) => [x.code, ws.slice('acme/acme.security.yaml', x)]),
    [
      ['ref.undefined-role', 'tenant-admin'],
      ['ref.duplicate-role', 'viewer'],
      ['ref.duplicate-role', 'viewer'],
      ['ref.undefined-role', 'anlyst'],
    ],
  );
  assert.deepEqual(p[0].data?.path, ['mfa', 'required_for_roles', 0]);
  assert.deepEqual(p[3].data?.path, ['authorization', 'rbac', 'bindings', 1, 'role']);
  assert.equal(p[1].data?.namespace, 'role');
  const others = p[1].data?.others as Array<{ offset: number }>;
  assert.equal(others[0].offset, ws.at('acme/acme.security.yaml', 'viewer', 2));
});

test('roles are scoped to their file: the same roles in the access-control file are neither duplicates nor visible', () => {
  const access = JSON.stringify(
    {
      tenant_id: 'acme',
      roles: [
        { name: 'analyst', permissions: ['reports:read'] },
        { name: 'sre', permissions: ['alerts:*'] },
      ],
      bindings: [{ role: 'viewer', subjects: ['group:all'] }],
      api_keys: [{ name: 'ci', role: 'sre', expires_at: '2026-12-31' }],
      mfa_required_for_roles: ['analyst'],
    },
    null,
    2,
  );
  const ws = new Ws({ 'acme/acme.security.yaml': SECURITY, 'acme/acme.access.json': access });
  const p = ws.problems('acme/acme.access.json');
  assert.deepEqual(
    p.map((x) => [x.code, ws.slice('acme/acme.access.json', x)]),
    [['ref.undefined-role', 'viewer']],
  );
  assert.deepEqual(p[0].data?.path, ['bindings', 0, 'role']);
  // `anlyst` in the security file is not resolved by the access file's `analyst`, but suggested from its own roles only.
  const sec = ws.problems('acme/acme.security.yaml').find((x) => ws.slice('acme/acme.security.yaml', x) === 'anlyst');
  assert.deepEqual(sec?.data?.suggestions, []);
});

test('inheritance cycles: every inherits entry on the cycle is reported with the cycle', () => {
  const text = `tenant_id: acme
roles:
  - { name: a, permissions: ["x:read"], inherits: [b] }
  - { name: b, permissions: ["x:read"], inherits: [c, d] }
  - { name: c, permissions: ["x:read"], inherits: [a] }
  - { name: d, permissions: ["x:read"], inherits: [d] }
  - { name: e, permissions: ["x:read"], inherits: [a] }
`;
  const ws = new Ws({ 'acme/acme.access.yaml': text });
  const cycles = ws.problems('acme/acme.access.yaml').filter((p) => p.code === 'ref.role-cycle');
  assert.deepEqual(
    cycles.map((p) => p.data?.owner),
    ['a', 'b', 'c', 'd'],
  );
  assert.deepEqual(
    cycles.map((p) => p.data?.cycle),
    [
      ['a', 'b', 'c', 'a'],
      ['b', 'c', 'a', 'b'],
      ['c', 'a', 'b', 'c'],
      ['d', 'd'],
    ],
  );
  assert.equal(cycles[0].offset, ws.at('acme/acme.access.yaml', '[b]', 0, 1));
  assert.equal(cycles[0].length, 1);
  assert.deepEqual(cycles[0].data?.path, ['roles', 0, 'inherits', 0]);
  assert.equal(cycles[0].severity, 'error');
});

test('the tenant file roles inherit within the tenant file', () => {
  const ws = new Ws({
    'acme/acme.tenant.yaml':
      'tenant_id: acme\naccess_control:\n  roles:\n    - { name: a, inherits: [b] }\n    - { name: b, inherits: [a, z] }\n',
  });
  assert.deepEqual(ws.codes('acme/acme.tenant.yaml'), ['ref.role-cycle', 'ref.role-cycle', 'ref.undefined-role']);
});
