import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixed, actionsFor, apply } from '../support/fixes';
import * as path from 'node:path';
import { validate, fixturesDir } from '../support/service';

const S = '# tenant-config: $schema=../schemas/service.schema.json\n';
const dir = 'validation';
const Y = (body: string): string => S + body;
const yn = `${dir}/fix.yaml`;
const jn = `${dir}/fix.json`;
const J = (o: Record<string, unknown>): string =>
  JSON.stringify({ $schema: '../schemas/service.schema.json', ...o }, null, 2) + '\n';

test('missing required key: added with the schema default, at the keys column (YAML)', () => {
  const out = fixed(Y('name: billing\nowner: ops@example.com  # team\n'), yn, 'schema.required');
  assert.equal(out, Y('name: billing\nowner: ops@example.com  # team\nport: 8080\n'));
});

test('missing required key in JSON', () => {
  const out = fixed(J({ name: 'billing', owner: 'ops@example.com' }), jn, 'schema.required');
  assert.equal(out, J({ name: 'billing', owner: 'ops@example.com', port: 8080 }));
});

test('missing required key under an empty value and in a nested mapping', () => {
  const out = fixed(Y('name: billing\nowner: ops@example.com\nport: 1\ntls:  # soon\n'), yn, 'schema.type');
  assert.equal(out, Y('name: billing\nowner: ops@example.com\nport: 1\ntls:  # soon\n  mode: "off"\n'));
  const nested = fixed(
    Y('name: billing\nowner: ops@example.com\nport: 1\ntls:\n  # keep\n  {}\n'),
    yn,
    'schema.required',
  );
  assert.equal(nested, Y('name: billing\nowner: ops@example.com\nport: 1\ntls:\n  # keep\n  { mode: "off" }\n'));
});

test('unknown key: renamed to the closest allowed key, or removed', () => {
  const text = Y('name: billing\nowner: ops@example.com\nprot: 8080  # port\nlevel: info\n');
  assert.equal(
    fixed(text, yn, 'schema.additional-property'),
    Y('name: billing\nowner: ops@example.com\nport: 8080  # port\nlevel: info\n'),
  );
  // Removing a misspelt required key would only trade one error for another: not offered.
  assert.ok(!actionsFor(text, yn, 'schema.additional-property').actions.some((a) => /Remove/.test(a.title)));
  const optional = Y('name: billing\nowner: ops@example.com\nport: 1\nlevle: info  # why\ntags: [a]\n');
  assert.equal(
    fixed(optional, yn, 'schema.additional-property', /Remove/),
    Y('name: billing\nowner: ops@example.com\nport: 1\ntags: [a]\n'),
  );
  const j = J({ name: 'billing', owner: 'ops@example.com', prot: 8080 });
  assert.equal(
    fixed(j, jn, 'schema.additional-property'),
    J({ name: 'billing', owner: 'ops@example.com', port: 8080 }),
  );
  const jo = J({ name: 'billing', owner: 'ops@example.com', port: 1, levle: 'info' });
  assert.equal(
    fixed(jo, jn, 'schema.additional-property', /Remove/),
    J({ name: 'billing', owner: 'ops@example.com', port: 1 }),
  );
});

test('value not in enum: replaced by the closest allowed value', () => {
  assert.equal(
    fixed(Y('name: b\nowner: o@e.co\nport: 1\nlevel: wran\n'), yn, 'schema.enum'),
    Y('name: b\nowner: o@e.co\nport: 1\nlevel: warn\n'),
  );
  assert.equal(
    fixed(J({ name: 'b', owner: 'o@e.co', port: 1, level: 'wran' }), jn, 'schema.enum'),
    J({ name: 'b', owner: 'o@e.co', port: 1, level: 'warn' }),
  );
});

test('wrong type: "5432" becomes 5432, "true" becomes true, a number becomes a string, a scalar a list', () => {
  assert.equal(
    fixed(Y('name: b\nowner: o@e.co\nport: "8080"\n'), yn, 'schema.type'),
    Y('name: b\nowner: o@e.co\nport: 8080\n'),
  );
  assert.equal(
    fixed(J({ name: 'b', owner: 'o@e.co', port: '8080' }), jn, 'schema.type'),
    J({ name: 'b', owner: 'o@e.co', port: 8080 }),
  );
  assert.equal(
    fixed(J({ name: 'b', owner: 'o@e.co', port: 1, enabled: 'true' }), jn, 'schema.type'),
    J({ name: 'b', owner: 'o@e.co', port: 1, enabled: true }),
  );
  assert.equal(
    fixed(Y('name: b\nowner: o@e.co\nport: 1\nmode: 644\n'), yn, 'schema.type'),
    Y('name: b\nowner: o@e.co\nport: 1\nmode: "644"\n'),
  );
  assert.equal(
    fixed(Y('name: b\nowner: o@e.co\nport: 1\ntags: prod\n'), yn, 'schema.type'),
    Y('name: b\nowner: o@e.co\nport: 1\ntags: [prod]\n'),
  );
});

test('YAML 1.1 scalar: written as a boolean, or quoted', () => {
  assert.equal(
    fixed(Y('name: b\nowner: o@e.co\nport: 1\nenabled: yes\n'), yn, 'yaml.ambiguous-scalar'),
    Y('name: b\nowner: o@e.co\nport: 1\nenabled: true\n'),
  );
  assert.equal(
    fixed(Y('name: b\nowner: o@e.co\nport: 1\nmode: 0755\n'), yn, 'yaml.ambiguous-scalar'),
    Y('name: b\nowner: o@e.co\nport: 1\nmode: "0755"\n'),
  );
});

test('deprecated key: migrated to its replacement when the value fits it', () => {
  // `ssl` (boolean) is replaced by `tls` (a mapping): a rename would be invalid, so it is not offered.
  const { actions } = actionsFor(Y('name: b\nowner: o@e.co\nport: 1\nssl: true\n'), yn, 'schema.deprecated');
  assert.deepEqual(
    actions.filter((a) => a.kind === 'quickfix').map((a) => a.title),
    [],
  );
  // The tenant schema: `ssl` → `ssl_mode` changes type too; `prefix` → `key_prefix` keeps it.
  const tenant =
    'tenant_id: acme\nmetadata:\n  name: Acme\n  owner: {user_id: usr_1, email: a@acme.example}\nenvironments:\n  production:\n    enabled: true\n    cache:\n      host: redis.acme.example\n      prefix: "acme:"\nisolation:\n  strategy: database\n';
  const out = fixed(tenant, 'fix.tenant.yaml', 'schema.deprecated');
  assert.match(out, /\n {6}key_prefix: "acme:"\n/);
});

test('duplicate key: the ignored earlier occurrence is removed, the value that counts and the comment line stay', () => {
  const text = Y('name: b\nowner: o@e.co\nport: 1\n# the level\nlevel: info\nlevel: debug\n');
  assert.equal(
    fixed(text, yn, 'document.duplicate-key'),
    Y('name: b\nowner: o@e.co\nport: 1\n# the level\nlevel: debug\n'),
  );
  // The other choice, offered but not preferred: keep this occurrence, remove the later one.
  assert.equal(
    fixed(text, yn, 'document.duplicate-key', /^Keep this `level`/),
    Y('name: b\nowner: o@e.co\nport: 1\n# the level\nlevel: info\n'),
  );
  const j =
    '{\n  "$schema": "../schemas/service.schema.json",\n  "name": "b",\n  "owner": "o@e.co",\n  "port": 1,\n  "port": 2\n}\n';
  assert.equal(
    fixed(j, jn, 'document.duplicate-key'),
    '{\n  "$schema": "../schemas/service.schema.json",\n  "name": "b",\n  "owner": "o@e.co",\n  "port": 2\n}\n',
  );
});

test('fix all: every safe fix in one edit; per-code fix all', () => {
  const text = Y('name: b\nowner: o@e.co\nport: "80"\nenabled: yes\nlevel: wran\ntags: x\n');
  const { actions } = actionsFor(text, yn, 'schema.type', ['source.fixAll.tenantConfig']);
  assert.equal(actions.length, 1);
  const out = apply(text, actions[0]);
  // `wran` → `warn` is the closest allowed value, a guess: offered as a quick fix, never applied by fix-all.
  assert.equal(out, Y('name: b\nowner: o@e.co\nport: 80\nenabled: true\nlevel: wran\ntags: [x]\n'));
  assert.deepEqual(
    validate(out, 'fix.yaml', {}, path.join(fixturesDir, dir)).map((d) => d.code),
    ['schema.enum'],
  );
  assert.equal(
    fixed(out, yn, 'schema.enum'),
    Y('name: b\nowner: o@e.co\nport: 80\nenabled: true\nlevel: warn\ntags: [x]\n'),
  );
  const per = actionsFor(
    Y('name: b\nowner: o@e.co\nport: 1\nenabled: "true"\ntags: x\n'),
    yn,
    'schema.type',
  ).actions.find((a) => /Fix all/.test(a.title));
  assert.ok(per);
});

test('rule problems that name the key to delete (`data.remove`): removed, YAML and JSON', () => {
  const prom =
    'scrape_configs:\n  - job_name: db\n    basic_auth:\n      username: prometheus\n      password: ${DB_PASSWORD}  # old\n      password_file: /etc/prometheus/db-pw\n';
  assert.equal(
    fixed(prom, 'prometheus.yml', 'http.inline-and-file'),
    'scrape_configs:\n  - job_name: db\n    basic_auth:\n      username: prometheus\n      password_file: /etc/prometheus/db-pw\n',
  );
  const relabel =
    'scrape_configs:\n  - job_name: k8s\n    relabel_configs:\n      - action: labeldrop\n        source_labels: [pod]\n        regex: pod_template_hash\n';
  assert.equal(
    fixed(relabel, 'prometheus.yml', 'relabel.field-not-allowed'),
    'scrape_configs:\n  - job_name: k8s\n    relabel_configs:\n      - action: labeldrop\n        regex: pod_template_hash\n',
  );
  const am =
    JSON.stringify(
      {
        global: {
          http_config: { http_headers: { 'User-Agent': { values: ['am'] }, 'X-Tenant': { values: ['acme'] } } },
        },
        route: { receiver: 'a' },
        receivers: [{ name: 'a' }],
      },
      null,
      2,
    ) + '\n';
  const out = JSON.parse(fixed(am, 'alertmanager.json', 'http.reserved-header')) as {
    global: { http_config: { http_headers: Record<string, unknown> } };
  };
  assert.deepEqual(Object.keys(out.global.http_config.http_headers), ['X-Tenant']);
  // Two authentication methods: a fix on each, removing that one; none is applied by fix-all.
  const both =
    'scrape_configs:\n  - job_name: api\n    basic_auth: { username: p, password_file: /etc/pw }\n    bearer_token_file: /etc/token\n';
  const { actions } = actionsFor(both, 'prometheus.yml', 'http.exclusive-auth');
  assert.deepEqual(
    actions.filter((a) => a.kind === 'quickfix').map((a) => a.title),
    ['Remove `basic_auth`'],
  );
  assert.equal(apply(both, actions[0]), 'scrape_configs:\n  - job_name: api\n    bearer_token_file: /etc/token\n');
  assert.ok(
    !actionsFor(both, 'prometheus.yml', 'http.exclusive-auth', ['source.fixAll.tenantConfig']).actions.some(
      (a) => a.edit,
    ),
  );
});
