import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { freshService, doc, settings } from '../support/service';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tc-user-schema-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Write schema files, then validate `text` (YAML) against the first one by modeline. */
function check(files: Record<string, unknown>, text: string): Array<{ code: string; path?: unknown[]; data: unknown }> {
  for (const [name, schema] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), JSON.stringify(schema));
  }
  const first = Object.keys(files)[0];
  const d = doc(`# tenant-config: $schema=./${first}\n${text}`, 'doc.yaml', dir);
  return freshService()
    .doValidation(d, settings())
    .map((x) => ({ code: String(x.code), path: (x.data as { path?: unknown[] }).path, data: x.data }));
}
const codes = (r: Array<{ code: string }>): string[] => r.map((x) => x.code);

test('ECMAScript pattern spellings run on RE2 with their ECMAScript meaning', () => {
  const schema = {
    properties: {
      cafe: { pattern: '^caf\\u00e9$' },
      space: { pattern: '^a\\sb$' },
      line: { pattern: '^a.b$' },
      letters: { pattern: '^\\p{Letter}+$' },
    },
  };
  assert.deepEqual(codes(check({ 'p.schema.json': schema }, 'cafe: café\nspace: "a\\u00a0b"\nletters: Ωmega\n')), []);
  assert.deepEqual(
    check({ 'p.schema.json': schema }, 'cafe: cafe\nline: "a\\u2028b"\nletters: a1\n').map((x) => x.path?.join('.')),
    ['cafe', 'line', 'letters'],
  );
});

test('a pattern RE2 cannot run is not enforced and said so', () => {
  const r = check({ 'la.schema.json': { properties: { v: { pattern: '^(?!x).*$' } } } }, 'v: xyz\n');
  assert.deepEqual(codes(r), ['schema.unsafe-pattern']);
  assert.equal((r[0].data as { pattern: string }).pattern, '^(?!x).*$');
});

test('embedded $id, $anchor and location-independent identifiers resolve inside the schema', () => {
  const schema = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://example.com/root.json',
    properties: {
      a: { $ref: '#name' },
      b: { $ref: 'inner.json' },
      c: { $ref: 'https://example.com/inner.json#/$defs/n' },
    },
    $defs: {
      named: { $anchor: 'name', type: 'string' },
      inner: { $id: 'inner.json', type: 'object', $defs: { n: { type: 'number' } } },
    },
  };
  assert.deepEqual(codes(check({ 'ids.schema.json': schema }, 'a: x\nb: {}\nc: 1\n')), []);
  assert.deepEqual(
    check({ 'ids.schema.json': schema }, 'a: 1\nb: 2\nc: x\n').map((x) => x.path?.join('.')),
    ['a', 'b', 'c'],
  );
  const draft7 = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    properties: { a: { $ref: '#item' } },
    definitions: { item: { $id: '#item', type: 'integer' } },
  };
  assert.deepEqual(codes(check({ 'lii.schema.json': draft7 }, 'a: x\n')), ['schema.type']);
});

test('a schema set published under its $id is read from beside the file; other remotes are not fetched', () => {
  const files = {
    'set/root.schema.json': {
      $id: 'https://example.com/schemas/root.schema.json',
      properties: { a: { $ref: 'item.json' } },
    },
    'set/item.json': { type: 'integer' },
  };
  assert.deepEqual(codes(check(files, 'a: x\n')), ['schema.type']);
  const remote = { properties: { a: { $ref: 'https://elsewhere.example/item.json' } } };
  assert.deepEqual(codes(check({ 'remote.schema.json': remote }, 'a: x\n')), ['schema.remote-not-fetched']);
});

test('dialects: draft-04 keywords, draft-07 $ref siblings ignored, format by dialect', () => {
  const d4 = {
    $schema: 'http://json-schema.org/draft-04/schema#',
    properties: { n: { maximum: 5, exclusiveMaximum: true } },
  };
  assert.deepEqual(codes(check({ 'd4.schema.json': d4 }, 'n: 5\n')), ['schema.range']);
  const d7 = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    definitions: { s: { type: 'string' } },
    properties: { v: { $ref: '#/definitions/s', maxLength: 1 } },
  };
  assert.deepEqual(codes(check({ 'd7.schema.json': d7 }, 'v: long\n')), []);
  const format = (dialect: string) => ({ $schema: dialect, properties: { at: { format: 'date-time' } } });
  assert.deepEqual(
    codes(check({ 'f7.schema.json': format('http://json-schema.org/draft-07/schema#') }, 'at: soon\n')),
    ['schema.format'],
  );
  assert.deepEqual(
    codes(check({ 'f20.schema.json': format('https://json-schema.org/draft/2020-12/schema') }, 'at: soon\n')),
    [],
  );
});

test('references into bundled schemas: the schema, a definition; elsewhere is a compile error', () => {
  const common = 'https://schemas.tenant-config.dev/common.schema.json';
  const ok = { properties: { every: { $ref: `${common}#/definitions/duration` } } };
  assert.deepEqual(codes(check({ 'b.schema.json': ok }, 'every: 5m\n')), []);
  assert.deepEqual(codes(check({ 'b.schema.json': ok }, 'every: soon\n')), ['schema.pattern']);
  const odd = { properties: { x: { $ref: `${common}#/definitions/duration/anyOf/0` } } };
  assert.deepEqual(codes(check({ 'odd.schema.json': odd }, 'x: 1\n')), ['schema.compile-error']);
});

test('kindOf: a user schema extending a bundled kind is of that kind; others have none', () => {
  const ext = { allOf: [{ $ref: 'https://schemas.tenant-config.dev/upstream/alertmanager.schema.json' }] };
  fs.writeFileSync(path.join(dir, 'ext.schema.json'), JSON.stringify(ext));
  fs.writeFileSync(path.join(dir, 'plain.schema.json'), JSON.stringify({ type: 'object' }));
  const svc = freshService();
  assert.equal(svc.store.kindOf(URI.file(path.join(dir, 'ext.schema.json')).toString()), 'alertmanager');
  assert.equal(svc.store.kindOf(URI.file(path.join(dir, 'plain.schema.json')).toString()), undefined);
  assert.equal(svc.store.kindOf('https://json.schemastore.org/prometheus-alertmanager.json'), 'alertmanager');
  assert.equal(svc.store.kindOf('https://schemas.tenant-config.dev/tenant.schema.json'), 'tenant');
});
