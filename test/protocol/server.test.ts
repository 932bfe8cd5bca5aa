import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { TestClient } from '../support/lspClient';

const SERVICE_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: { name: { type: 'string' }, port: { type: 'integer', maximum: 65535 } },
};

let ws: string;
let rootUri: string;
let client: TestClient;
const uri = (name: string): string => URI.file(path.join(ws, name)).toString();

before(async () => {
  ws = fs.mkdtempSync(path.join(os.tmpdir(), 'tc-proto-'));
  fs.writeFileSync(path.join(ws, 'service.schema.json'), JSON.stringify(SERVICE_SCHEMA));
  rootUri = URI.file(ws).toString();
  client = new TestClient();
  const init = (await client.initialize(rootUri)) as { capabilities: { textDocumentSync: { change: number } } };
  assert.equal(init.capabilities.textDocumentSync.change, 2, 'incremental sync');
});

after(async () => {
  await client.shutdown();
  fs.rmSync(ws, { recursive: true, force: true });
});

test('open, change and close publish versioned diagnostics', async () => {
  const u = uri('a.tenant.yaml');
  const opened = await client.open(u, 'tenant_id: acme\nmetadata:\n  nme: x\n');
  assert.ok(opened.diagnostics.some((d) => d.code === 'schema.additional-property'));
  assert.equal(opened.version, 1);
  // Fix the typo with an incremental edit.
  const changed = await client.change(u, 2, [
    { range: { start: { line: 2, character: 2 }, end: { line: 2, character: 5 } }, text: 'name' },
  ]);
  assert.ok(!changed.diagnostics.some((d) => d.code === 'schema.additional-property'));
  const closed = await client.close(u);
  assert.deepEqual(closed.diagnostics, []);
});

test('a modeline associates a user schema file', async () => {
  const u = uri('svc.yaml');
  const r = await client.open(u, '# tenant-config: $schema=./service.schema.json\nport: 70000\n', 'yaml');
  assert.deepEqual(r.diagnostics.map((d) => d.code).sort(), ['schema.range', 'schema.required']);
  const info = await client.request<{ source: string; schemaId: string }>('tenantConfig/schemaInfo', { uri: u });
  assert.equal(info.source, 'modeline');
  assert.match(info.schemaId, /service\.schema\.json$/);
  await client.close(u);
});

test('plain YAML without any association is left alone', async () => {
  const u = uri('other.yaml');
  const r = await client.open(u, 'key: [unclosed\n', 'yaml');
  assert.deepEqual(r.diagnostics, []);
  await client.close(u);
});

test('a settings change re-validates open documents', async () => {
  const u = uri('conf/app.yaml');
  const first = await client.open(u, 'port: 1\n', 'tenant-yaml');
  assert.deepEqual(first.diagnostics, []);
  client.settings = {
    schemas: { './service.schema.json': ['conf/*.yaml'] },
    severity: { 'schema.required': 'warning' },
  };
  const next = client.diagnostics(u, 1);
  void client.conn.sendNotification('workspace/didChangeConfiguration', { settings: {} });
  const r = await next;
  assert.deepEqual(
    r.diagnostics.map((d) => [d.code, d.severity]),
    [['schema.required', 2]],
  );
  client.settings = {};
  await client.close(u);
});

test('bad input: the server answers after binary bytes, a huge file, deep nesting, an alias bomb and a truncated document', async () => {
  const cases: Array<[string, string]> = [
    ['binary.tenant.yaml', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)).toString('latin1')],
    ['deep.tenant.yaml', '['.repeat(10_000) + ']'.repeat(10_000)],
    ['deep-block.tenant.yaml', Array.from({ length: 10_000 }, (_, i) => ' '.repeat(i) + 'k:').join('\n')],
    ['deep.tenant.json', '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000)],
    [
      'bomb.tenant.yaml',
      'a: &a [x,x,x,x,x,x,x,x,x]\n' +
        'bcdefghijklmnop'
          .split('')
          .map(
            (c, i) =>
              `${c}: &${c} [${Array(9)
                .fill('*' + (i === 0 ? 'a' : 'bcdefghijklmnop'[i - 1]))
                .join(',')}]`,
          )
          .join('\n'),
    ],
    ['truncated.tenant.yaml', 'tenant_id: acme\nmetadata:\n  name: "Acme\n  owner: {email: a@b'],
    ['huge.tenant.yaml', hugeYaml(5 * 1024 * 1024)],
  ];
  for (const [name, text] of cases) {
    const u = uri(name);
    // Generous deadlines: CI machines are shared; the bench measures speed, this test robustness.
    const r = await client.open(u, text, name.endsWith('.json') ? 'tenant-json' : 'tenant-yaml', 1, 60_000);
    assert.ok(Array.isArray(r.diagnostics), name);
    if (name.startsWith('bomb')) assert.ok(r.diagnostics.some((d) => d.code === 'document.alias-expansion-limit'));
    if (name.startsWith('deep')) assert.ok(r.diagnostics.length > 0, name);
    await client.close(u);
  }
  // Still alive and answering.
  const info = await client.request<{ source: string }>('tenantConfig/schemaInfo', { uri: uri('none.yaml') });
  assert.equal(info.source, 'none');
  assert.equal(client.exited, false);
});

function hugeYaml(bytes: number): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const doc = `---\ntenant_id: tenant-${i}\nmetadata:\n  name: Tenant ${i}\n  description: ${'x'.repeat(200)}\n`;
    parts.push(doc);
    size += doc.length;
  }
  return parts.join('');
}

test('tenantConfig/validateWorkspace validates files that are not open and publishes their diagnostics', async () => {
  fs.mkdirSync(path.join(ws, 'tenants'), { recursive: true });
  fs.writeFileSync(path.join(ws, 'tenants', 'closed.tenant.yaml'), 'tenant_id: acme\nmetadta: {}\n');
  fs.writeFileSync(path.join(ws, 'tenants', 'unrelated.yaml'), 'a: [1\n');
  const u = uri('tenants/closed.tenant.yaml');
  const published = client.diagnostics(u, undefined, 20_000);
  const result = await client.request<{ files: number; problems: number }>('tenantConfig/validateWorkspace', {});
  const d = await published;
  assert.ok(d.diagnostics.some((x) => x.code === 'schema.additional-property'));
  assert.ok(result.files >= 1 && result.problems >= 1);
});

test('an untrusted workspace uses bundled schemas only', async () => {
  const other = new TestClient();
  try {
    await other.conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'ws' }],
      capabilities: {},
      initializationOptions: { trusted: false },
    });
    await other.conn.sendNotification('initialized', {});
    const r = await other.open(
      uri('untrusted.yaml'),
      '# tenant-config: $schema=./service.schema.json\nport: 70000\n',
      'yaml',
    );
    assert.deepEqual(
      r.diagnostics.map((x) => x.code),
      ['schema.untrusted-workspace'],
    );
    const bundled = await other.open(uri('bundled.yaml'), '# tenant-config: $schema=tenant\ntenant_id: acme\n', 'yaml');
    assert.ok(bundled.diagnostics.some((x) => x.code === 'schema.required'));
  } finally {
    await other.shutdown();
  }
});
