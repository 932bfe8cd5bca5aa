import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-types';
import { TestClient, type PublishedDiagnostics } from '../support/lspClient';
import { repoRoot } from '../support/service';

/** Quick fixes over the real server: a rule diagnostic, and a cross-file one verified against the index. */
let ws: string;
let client: TestClient;
const uri = (rel: string): string => URI.file(path.join(ws, rel)).toString();
const read = (rel: string): string => fs.readFileSync(path.join(ws, rel), 'utf8');

before(async () => {
  ws = fs.mkdtempSync(path.join(os.tmpdir(), 'tc-fix-'));
  fs.cpSync(path.join(repoRoot, 'examples'), ws, {
    recursive: true,
    filter: (src) => !src.includes(`${path.sep}broken`),
  });
  client = new TestClient();
  const indexed = client.diagnostics(uri('acme/acme.slack.yaml'), undefined, 30_000);
  await client.initialize(URI.file(ws).toString());
  await indexed;
});

after(async () => {
  await client.shutdown();
  fs.rmSync(ws, { recursive: true, force: true });
});

/** The next published diagnostics of `u` that satisfy `ok` (several publishes may come: own problems first, cross-file ones after). */
async function until(u: string, ok: (p: PublishedDiagnostics) => boolean, ms = 20_000): Promise<PublishedDiagnostics> {
  const deadline = Date.now() + ms;
  for (;;) {
    const p = await client.diagnostics(u, undefined, Math.max(1, deadline - Date.now()));
    if (ok(p)) return p;
  }
}

/** Ask for the quick fixes of one diagnostic and apply the preferred one to `text`. */
async function applyPreferred(u: string, text: string, d: Diagnostic): Promise<string> {
  const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri: u },
    range: d.range,
    context: { diagnostics: [d], only: ['quickfix'] },
  });
  const preferred = actions.find((a) => a.isPreferred && a.diagnostics?.length === 1);
  assert.ok(preferred, JSON.stringify(actions.map((a) => a.title)));
  return TextDocument.applyEdits(
    TextDocument.create(u, 'tenant-yaml', 1, text),
    preferred.edit?.changes?.[u] as TextEdit[],
  );
}

test('a rule diagnostic (policy.oidc-missing-openid): the quick fix adds `openid`, and the diagnostic goes', async () => {
  const u = uri('acme/acme.security.yaml');
  const text = read('acme/acme.security.yaml').replace(
    'scopes: [openid, profile, email, groups]',
    'scopes: [profile, email, groups]',
  );
  const published = await client.open(u, text, 'tenant-yaml');
  const d = published.diagnostics.find((x) => x.code === 'policy.oidc-missing-openid');
  assert.ok(d, published.diagnostics.map((x) => String(x.code)).join(','));
  const fixed = await applyPreferred(u, text, d);
  assert.equal(fixed, text.replace('scopes: [profile, email, groups]', 'scopes: [profile, email, groups, openid]'));
  const after = await client.change(u, 2, [{ text: fixed }]);
  assert.deepEqual(
    after.diagnostics.map((x) => String(x.code)),
    [],
  );
  await client.close(u);
});

test('a cross-file diagnostic (ref.undefined-receiver): changed to the receiver another file defines, verified by the index', async () => {
  const u = uri('acme/acme.notifications.yaml');
  const text = read('acme/acme.notifications.yaml').replace(
    'receiver_ref: acme-critical',
    'receiver_ref: acme-critcal',
  );
  void client.conn.sendNotification('textDocument/didOpen', {
    textDocument: { uri: u, languageId: 'tenant-yaml', version: 1, text },
  });
  // Own diagnostics are published first; the cross-file ones once the index has the document.
  const published = await until(u, (p) => p.diagnostics.some((x) => x.code === 'ref.undefined-receiver'));
  const d = published.diagnostics.find((x) => x.code === 'ref.undefined-receiver')!;
  assert.deepEqual((d.data as { suggestions?: string[] }).suggestions?.[0], 'acme-critical');
  const fixed = await applyPreferred(u, text, d);
  assert.equal(fixed, read('acme/acme.notifications.yaml'));
  void client.conn.sendNotification('textDocument/didChange', {
    textDocument: { uri: u, version: 2 },
    contentChanges: [{ text: fixed }],
  });
  const clean = await until(u, (p) => p.version === 2 && !p.diagnostics.some((x) => String(x.code).startsWith('ref.')));
  assert.deepEqual(
    clean.diagnostics.filter((x) => x.severity === 1),
    [],
  );
  await client.close(u);
});
