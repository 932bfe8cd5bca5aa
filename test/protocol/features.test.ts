import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import type {
  CompletionList,
  Hover,
  MarkupContent,
  DocumentSymbol,
  FoldingRange,
  SelectionRange,
  DocumentLink,
  TextEdit,
} from 'vscode-languageserver-types';
import { TestClient } from '../support/lspClient';

let ws: string;
let client: TestClient;
let uri: string;
const TEXT =
  '# tenant-config: $schema=tenant\ntenant_id: acme\nmetadata:\n  name:    Acme\nenvironments:\n  production:\n    enabled: true\n    \n';

before(async () => {
  ws = fs.mkdtempSync(path.join(os.tmpdir(), 'tc-feat-'));
  client = new TestClient();
  await client.initialize(URI.file(ws).toString());
  uri = URI.file(path.join(ws, 'acme.yaml')).toString();
  await client.open(uri, TEXT, 'yaml');
});

after(async () => {
  await client.shutdown();
  fs.rmSync(ws, { recursive: true, force: true });
});

const td = () => ({ uri });

test('textDocument/completion offers schema keys at the cursor', async () => {
  const list = await client.request<CompletionList>('textDocument/completion', {
    textDocument: td(),
    position: { line: 7, character: 4 },
  });
  const labels = list.items.map((i) => i.label);
  assert.ok(labels.includes('database') && labels.includes('cache'), labels.join(','));
  assert.ok(!labels.includes('enabled'));
});

test('textDocument/hover documents a key', async () => {
  const h = await client.request<Hover>('textDocument/hover', {
    textDocument: td(),
    position: { line: 6, character: 5 },
  });
  assert.match((h.contents as MarkupContent).value, /boolean/);
  assert.equal(h.range?.start.line, 6);
});

test('textDocument/documentSymbol, foldingRange, selectionRange, documentLink', async () => {
  const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: td() });
  assert.deepEqual(
    symbols.map((s) => s.name),
    ['tenant_id', 'metadata', 'environments'],
  );
  const folds = await client.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: td() });
  assert.ok(folds.some((f) => f.startLine === 4));
  const sel = await client.request<SelectionRange[]>('textDocument/selectionRange', {
    textDocument: td(),
    positions: [{ line: 3, character: 11 }],
  });
  assert.ok(sel[0].parent?.parent);
  const links = await client.request<DocumentLink[]>('textDocument/documentLink', { textDocument: td() });
  assert.match(links[0].target ?? '', /tenant\.schema\.json$/);
});

test('textDocument/formatting and rangeFormatting', async () => {
  const edits = await client.request<TextEdit[]>('textDocument/formatting', {
    textDocument: td(),
    options: { tabSize: 2, insertSpaces: true },
  });
  assert.ok(edits.some((e) => e.newText.includes('name: Acme')));
  const none = await client.request<TextEdit[]>('textDocument/rangeFormatting', {
    textDocument: td(),
    range: { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } },
    options: { tabSize: 2, insertSpaces: true },
  });
  assert.deepEqual(none, []);
});

test('requests on a plain YAML file that nothing associates answer empty', async () => {
  const other = URI.file(path.join(ws, 'plain.yaml')).toString();
  await client.open(other, 'a: 1\n', 'yaml');
  const list = await client.request<CompletionList>('textDocument/completion', {
    textDocument: { uri: other },
    position: { line: 1, character: 0 },
  });
  assert.deepEqual(list.items, []);
  await client.close(other);
});

test('textDocument/codeAction: quick fixes for a diagnostic and the fix-all source action', async () => {
  const u = URI.file(path.join(ws, 'fix.tenant.yaml')).toString();
  const published = await client.open(
    u,
    'tenant_id: acme\nmetadata:\n  name: Acme\n  owner: {user_id: usr_1, email: a@acme.example}\nenvironments:\n  production:\n    enabled: yes\nisolation:\n  stratgy: database\n',
    'tenant-yaml',
  );
  const target = published.diagnostics.find((d) => d.code === 'schema.additional-property');
  assert.ok(target);
  const actions = await client.request<
    Array<{ title: string; kind: string; isPreferred?: boolean; edit: { changes: Record<string, TextEdit[]> } }>
  >('textDocument/codeAction', { textDocument: { uri: u }, range: target.range, context: { diagnostics: [target] } });
  const preferred = actions.find((a) => a.kind === 'quickfix' && a.isPreferred);
  assert.ok(preferred);
  assert.deepEqual(
    preferred.edit.changes[u].map((e) => e.newText),
    ['strategy'],
  );
  const fixAll = await client.request<Array<{ kind: string; edit: { changes: Record<string, TextEdit[]> } }>>(
    'textDocument/codeAction',
    { textDocument: { uri: u }, range: target.range, context: { diagnostics: [], only: ['source.fixAll'] } },
  );
  assert.equal(fixAll.length, 1);
  assert.equal(fixAll[0].kind, 'source.fixAll.tenantConfig');
  // `stratgy` → `strategy` is the closest allowed key, a guess: offered above, not applied by fix-all.
  assert.deepEqual(
    fixAll[0].edit.changes[u].map((e) => e.newText),
    ['true'],
  );
  await client.close(u);
});
