import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic, Hover, TextEdit } from 'vscode-languageserver-types';
import { IndexStatusRequest, type IndexStatus } from '../../protocol/src/index';
import { TestClient } from '../support/lspClient';
import { repoRoot } from '../support/service';

/**
 * Hostile documents over the real bundled server: a few KB that used to kill it (nesting), bypass
 * it (line breaks only some readers see) or corrupt documents (formatting, duplicate-key fix).
 */
let ws: string;
let client: TestClient;
const uri = (rel: string): string => URI.file(path.join(ws, rel)).toString();
const ACME = fs.readFileSync(path.join(repoRoot, 'examples', 'acme', 'acme.tenant.yaml'), 'utf8');

const ladder = (n: number): string => Array.from({ length: n }, (_, i) => ' '.repeat(2 * i) + '- ').join('\n') + '\n';
const DEEP: Record<string, { text: string; line: number }> = {
  'dashes.tenant.yaml': { text: 'tenant_id: acme\nx: ' + '- '.repeat(2000) + '\n', line: 1 },
  'flow.tenant.yaml': { text: 'tenant_id: acme\nx: ' + '['.repeat(2000) + ']'.repeat(2000) + '\n', line: 1 },
  'ladder.tenant.yaml': { text: ladder(300), line: 256 },
  'mixed.tenant.yaml': { text: 'a:\n' + '  - [\n'.repeat(1000), line: 255 },
  'brackets.tenant.json': { text: '{"a": ' + '['.repeat(5000) + ']'.repeat(5000) + '}', line: 0 },
};

before(async () => {
  ws = fs.mkdtempSync(path.join(os.tmpdir(), 'tc-harden-'));
  fs.cpSync(path.join(repoRoot, 'examples'), ws, { recursive: true, filter: (src) => !src.endsWith('.expected.json') });
  // Deep files in the workspace: the start-up scan reads them in its workers.
  fs.mkdirSync(path.join(ws, 'deep'));
  for (const [name, { text }] of Object.entries(DEEP)) fs.writeFileSync(path.join(ws, 'deep', name), text);
  client = new TestClient();
  await client.initialize(URI.file(ws).toString());
});

after(async () => {
  await client.shutdown();
  fs.rmSync(ws, { recursive: true, force: true });
});

async function alive(): Promise<void> {
  const info = await client.request<{ source: string }>('tenantConfig/schemaInfo', { uri: uri('none.yaml') });
  assert.equal(info.source, 'none');
  assert.equal(client.exited, false, client.stderr.slice(-2000));
}

test('the start-up scan reads deep files in its workers and the server lives on', async () => {
  const deadline = Date.now() + 60_000;
  let status: IndexStatus;
  for (;;) {
    status = await client.send(IndexStatusRequest);
    if (status.ready || Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.equal(status.ready, true, JSON.stringify(status));
  assert.ok(status.workers >= 1, JSON.stringify(status));
  assert.ok(status.files >= 60, JSON.stringify(status));
  await alive();
});

for (const [name, { text, line }] of Object.entries(DEEP)) {
  test(`too deep over the protocol (${name}, ${(text.length / 1024).toFixed(0)} KB): a diagnostic on its line within 2 s`, async () => {
    const u = uri(`deep/open-${name}`);
    const started = Date.now();
    const r = await client.open(u, text, name.endsWith('.json') ? 'tenant-json' : 'tenant-yaml');
    const elapsed = Date.now() - started;
    const deep = r.diagnostics.filter((d) => d.code === 'document.too-deep');
    assert.equal(deep.length, 1, JSON.stringify(r.diagnostics.map((d) => d.code)));
    assert.equal(deep[0].range.start.line, line);
    assert.ok(elapsed < 2000, `${elapsed} ms`);
    // Hover and symbols on it answer too.
    const hover = await client.request<Hover | null>('textDocument/hover', {
      textDocument: { uri: u },
      position: { line, character: 3 },
    });
    assert.ok(hover === null || typeof hover === 'object');
    await client.request('textDocument/documentSymbol', { textDocument: { uri: u } });
    await client.close(u);
    await alive();
  });
}

const FRESH: Record<string, [string, string]> = {
  '4 KB of `- `': ['- '.repeat(2000) + '\n', 'textDocument/hover'],
  '6 KB of `[`': ['['.repeat(3000) + ']'.repeat(3000) + '\n', 'textDocument/foldingRange'],
};

for (const [shape, [text, method]] of Object.entries(FRESH)) {
  test(`a fresh server asked about ${shape} before validating it answers instead of dying`, async () => {
    // The crash needed a process whose first read of YAML was the deep one: a request right after opening
    // (hover, folding, selection ranges and code actions all read the document).
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'tc-harden-empty-'));
    const fresh = new TestClient(['--stdio'], { TENANT_CONFIG_INDEX_WORKERS: '0' });
    try {
      await fresh.initialize(URI.file(empty).toString());
      const u = URI.file(path.join(empty, 'a.tenant.yaml')).toString();
      const published = fresh.diagnostics(u, 1, 20_000);
      void fresh.conn.sendNotification('textDocument/didOpen', {
        textDocument: { uri: u, languageId: 'tenant-yaml', version: 1, text },
      });
      const position = { line: 0, character: 10 };
      const range = { start: position, end: position };
      await fresh.request(method, {
        textDocument: { uri: u },
        position,
        positions: [position],
        range,
        context: { diagnostics: [] },
      });
      const codes = (await published).diagnostics.map((d) => d.code);
      assert.ok(codes.includes('document.too-deep'), `${method}: ${codes.join(',')}`);
      assert.equal(fresh.exited, false, fresh.stderr.slice(-1000));
    } finally {
      await fresh.shutdown();
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });
}

async function actionsOf(u: string, d: Diagnostic): Promise<CodeAction[]> {
  return client.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri: u },
    range: d.range,
    context: { diagnostics: [d], only: ['quickfix'] },
  });
}

const applyTo = (u: string, text: string, edits: TextEdit[]): string =>
  TextDocument.applyEdits(TextDocument.create(u, 'tenant-yaml', 1, text), edits);

test('a lone CR is a line break: the keys it hid are checked, at the lines an LSP client counts', async () => {
  const u = uri('acme/cr.tenant.yaml');
  const text = ACME + '# reviewed\rprivileged: true\rtenant_id: other';
  const r = await client.open(u, text);
  const doc = TextDocument.create(u, 'tenant-yaml', 1, text);
  // (Cross-file problems with the examples' own acme are left out.)
  const own = r.diagnostics.filter((d) => !String(d.code).startsWith('ref.'));
  const shown = own.map((d) => [d.code, doc.getText(d.range), d.range.start.line]);
  const lines = doc.getText().split(/\r\n|\r|\n/);
  assert.deepEqual(shown.sort(), [
    ['document.duplicate-key', 'tenant_id', lines.indexOf('tenant_id: acme')],
    ['schema.additional-property', 'privileged', lines.indexOf('privileged: true')],
  ]);
  await client.close(u);
});

test('LINE SEPARATOR in a comment: an error, and its fix reveals the hidden key to the checks', async () => {
  const u = uri('acme/ls.tenant.yaml');
  const text = ACME.replace(/\n/g, '\r\n') + '# reviewed\u2028privileged: true\r\n';
  const r = await client.open(u, text);
  const d = r.diagnostics.find((x) => x.code === 'yaml.unicode-line-break');
  assert.ok(d, JSON.stringify(r.diagnostics.map((x) => x.code)));
  assert.deepEqual(d.data, { code: 'yaml.unicode-line-break', codePoint: 'U+2028', name: 'LINE SEPARATOR' });
  const fix = (await actionsOf(u, d)).find((a) => a.isPreferred);
  assert.equal(fix?.title, 'Replace U+2028 with a line break');
  const fixed = applyTo(u, text, fix!.edit!.changes![u]);
  assert.equal(fixed, text.replace('\u2028', '\r\n'));
  const after = await client.change(u, 2, [{ text: fixed }]);
  assert.deepEqual(
    after.diagnostics.map((x) => x.code).filter((c) => !String(c).startsWith('ref.')),
    ['schema.additional-property'],
  );
  await client.close(u);
});

test('a `---` after a LINE SEPARATOR inside a quoted string does not cut the stream', async () => {
  const u = uri('platform/ls.rules.yaml');
  const text =
    'groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: up == 0\n        annotations:\n          summary: "down\u2028--- not a document\n            still the summary"\n';
  const r = await client.open(u, text);
  assert.deepEqual(
    r.diagnostics.map((d) => d.code),
    [],
  );
  await client.close(u);
});

test('duplicate key: reported where it is ignored, naming the value that counts; the preferred fix keeps that value', async () => {
  const u = uri('acme/dup.tenant.yaml');
  const text = ACME + '# merged from another branch\ntenant_id: globex\n';
  const r = await client.open(u, text);
  const d = r.diagnostics.find((x) => x.code === 'document.duplicate-key');
  assert.ok(d);
  assert.equal(d.range.start.line, ACME.split('\n').indexOf('tenant_id: acme'));
  assert.match(String(d.message), /`globex`/);
  assert.deepEqual(d.data, {
    code: 'document.duplicate-key',
    key: 'tenant_id',
    kept: 'globex',
    occurrence: 1,
    count: 2,
  });
  const actions = await actionsOf(u, d);
  const preferred = actions.find((a) => a.isPreferred)!;
  const fixed = applyTo(u, text, preferred.edit!.changes![u]);
  assert.equal(fixed, ACME.replace('tenant_id: acme\n', '') + '# merged from another branch\ntenant_id: globex\n');
  // Fix-all does not choose between the two values.
  const all = await client.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri: u },
    range: d.range,
    context: { diagnostics: [], only: ['source.fixAll.tenantConfig'] },
  });
  assert.deepEqual(all, []);
  await client.close(u);
});

test('formatting keeps each line ending (CR only, mixed) and never duplicates a line', async () => {
  for (const [i, text] of [
    'tenant_id:   acme\r# c\rmetadata:\r    name: A\r',
    'tenant_id:   acme\r\n# c\nmetadata:\r    name: A\n',
  ].entries()) {
    const u = uri(`acme/fmt${i}.tenant.yaml`);
    await client.open(u, text);
    const edits = await client.request<TextEdit[]>('textDocument/formatting', {
      textDocument: { uri: u },
      options: { tabSize: 2, insertSpaces: true },
    });
    assert.equal(
      applyTo(u, text, edits),
      text.replace('tenant_id:   acme', 'tenant_id: acme').replace('    name', '  name'),
    );
    await client.close(u);
  }
});
