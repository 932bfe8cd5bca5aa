import { test } from 'node:test';
import assert from 'node:assert/strict';
import { complete, applyCompletion, labels } from '../support/cursor';
import { validate } from '../support/service';

const HEAD =
  'schema_version: "2"\ntenant_id: acme\nmetadata:\n  name: Acme\n  owner:\n    user_id: usr_1\n    email: ops@acme.example\n';

test('root keys in an empty document, required first, without keys already present', () => {
  const { items } = complete('tenant_id: acme\n$0');
  const l = labels(items);
  assert.ok(!l.includes('tenant_id'));
  assert.ok(l.includes('metadata') && l.includes('environments') && l.includes('isolation'));
  const sorted = [...items].sort((a, b) => String(a.sortText).localeCompare(String(b.sortText))).map((i) => i.label);
  assert.ok(sorted.indexOf('metadata') < sorted.indexOf('access_control'), 'required before optional');
});

test('choosing an object-valued key inserts its required children with the right indentation', () => {
  const out = applyCompletion(HEAD + 'environments:\n  production:\n    enabled: true\n    $0', 'database');
  assert.match(out, /\n {4}database:\n {6}host: \S*\n {6}name: \S*/);
  assert.doesNotMatch(out, /\n {8}host/);
});

test('keys of a half-typed key are completed and replace what was typed', () => {
  const out = applyCompletion(HEAD + 'environments:\n  production:\n    enabled: true\n    data$0', 'database');
  assert.match(out, /\n {4}database:\n {6}host:/);
  assert.doesNotMatch(out, /datadatabase|data\n/);
});

test('enum values with their descriptions after `key:`', () => {
  const { items } = complete(
    HEAD + 'environments:\n  production:\n    enabled: true\n    database:\n      engine: $0\n',
  );
  assert.deepEqual(labels(items).slice(0, 2).sort(), ['mysql', 'postgresql']);
  assert.ok(items.find((i) => i.label === 'postgresql')?.documentation);
});

test('booleans for a boolean key', () => {
  const { items } = complete(HEAD + 'environments:\n  production:\n    enabled: $0\n');
  assert.ok(labels(items).includes('true') && labels(items).includes('false'));
});

test('environment names come from propertyNames', () => {
  const { items } = complete(HEAD + 'environments:\n  $0\n');
  assert.deepEqual(
    labels(items)
      .filter((l) => ['development', 'staging', 'production', 'test'].includes(l))
      .sort(),
    ['development', 'production', 'staging', 'test'],
  );
});

test('completion works in a document with syntax errors elsewhere', () => {
  const { items } = complete('tenant_id: acme\nmetadata: [unclosed\n$0\n');
  assert.ok(labels(items).includes('environments'));
});

test('after `- ` in a list of mappings, the item keys', () => {
  const { items } = complete(HEAD + 'access_control:\n  roles:\n    - $0\n');
  assert.ok(labels(items).includes('name'), labels(items).join(','));
});

test('inside a flow mapping', () => {
  const { items } = complete(
    HEAD + 'environments:\n  production:\n    enabled: true\n    quotas: { max_users: 10, $0 }\n',
  );
  assert.ok(labels(items).includes('storage_gb'));
  assert.ok(!labels(items).includes('max_users'));
});

test('a whole-document template for an empty file, which validates once filled', () => {
  const out = applyCompletion('$0', 'New Tenant configuration');
  assert.match(out, /^tenant_id:/m);
  assert.match(out, /^metadata:\n {2}name:/m);
});

test('JSON: keys with quotes and a trailing comma when a property follows', () => {
  const out = applyCompletion(
    '{\n  "tenant_id": "acme",\n  $0\n  "isolation": {"strategy": "schema"}\n}',
    'metadata',
    'x.tenant.json',
  );
  assert.match(out, /"metadata": \{\n {4}"name": "[^"]*",\n {4}"owner": \{/);
  assert.match(out, /\},\n {2}"isolation"/);
});

test('JSON: enum values quoted', () => {
  const out = applyCompletion('{"tenant_id": "acme", "isolation": {"strategy": $0}}', 'schema', 'x.tenant.json');
  assert.match(out, /"strategy": "schema"/);
});

test('YAML/JSON parity: the same keys offered at the same place', () => {
  const y = labels(complete(HEAD + 'environments:\n  production:\n    enabled: true\n    $0\n').items).sort();
  const j = labels(
    complete('{"tenant_id": "acme", "environments": {"production": {"enabled": true, $0}}}', 'x.tenant.json').items,
  ).sort();
  assert.deepEqual(y, j);
});

test('a completed document validates once placeholders are filled by hand', () => {
  const out = applyCompletion(HEAD + 'environments:\n  production:\n    enabled: true\n    $0', 'database');
  const codes = validate(out + '\nisolation:\n  strategy: database\n').map((d) => d.code);
  assert.deepEqual(codes, []);
});
