// tenantConfig/migrateWorkspace over the bundled server (stdio): every file of the workspace, open
// ones as edited, answered as one WorkspaceEdit whose edits need confirmation; nothing written.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { MigrateWorkspaceResult } from '../../protocol/src/index';
import { TestClient } from '../support/lspClient';

let ws: string;
let client: TestClient;
const uri = (name: string): string => URI.file(path.join(ws, name)).toString();
const FILES: Record<string, string> = {
  'a.isolation.yaml': 'tenant_id: acme\nlevel: dedicated\n',
  'b.isolation.yaml': 'tenant_id: acme\nlevel: dedicated\nstrategy: schema\n',
  'c.isolation.yaml': 'schema_version: "2"\ntenant_id: acme\nstrategy: row\nrow_level: {tenant_column: tenant_id}\n',
  'alertmanager.yml':
    'route:\n  receiver: a\n  routes:\n    - receiver: a\n      match: {team: db}\nreceivers:\n  - name: a\n',
  'notes.yaml': 'level: dedicated\n',
};

before(async () => {
  ws = fs.mkdtempSync(path.join(os.tmpdir(), 'tc-migrate-'));
  for (const [name, text] of Object.entries(FILES)) fs.writeFileSync(path.join(ws, name), text);
  client = new TestClient();
  await client.initialize(URI.file(ws).toString());
});

after(async () => {
  await client.shutdown();
  fs.rmSync(ws, { recursive: true, force: true });
});

test('tenantConfig/migrateWorkspace: one WorkspaceEdit to confirm, files that need a decision apart', async () => {
  // An open document is migrated as it is in the editor, not as on disk.
  await client.open(
    uri('a.isolation.yaml'),
    'tenant_id: acme\nlevel: shared  # edited\nrow_level: {tenant_column: t}\n',
  );
  const r = await client.request<MigrateWorkspaceResult>('tenantConfig/migrateWorkspace', {});
  const changed = r.edit.documentChanges.map((c) => path.basename(URI.parse(c.textDocument.uri).fsPath)).sort();
  assert.deepEqual(changed, ['a.isolation.yaml', 'alertmanager.yml']);
  for (const c of r.edit.documentChanges)
    for (const e of c.edits) assert.equal(r.edit.changeAnnotations[e.annotationId].needsConfirmation, true);
  const open = r.edit.documentChanges.find((c) => c.textDocument.uri === uri('a.isolation.yaml'))!;
  assert.equal(open.textDocument.version, 1, 'the open document, at its version');
  const text = TextDocument.applyEdits(
    TextDocument.create(
      uri('a.isolation.yaml'),
      'yaml',
      1,
      'tenant_id: acme\nlevel: shared  # edited\nrow_level: {tenant_column: t}\n',
    ),
    open.edits,
  );
  assert.equal(text, 'schema_version: "2"\ntenant_id: acme\nstrategy: row  # edited\nrow_level: {tenant_column: t}\n');
  assert.deepEqual(
    r.files.map((f) => [path.basename(URI.parse(f.uri).fsPath), f.from ?? null, f.to ?? null, f.migrations]).sort(),
    [
      ['a.isolation.yaml', '1', '2', ['isolation-policy/1-2']],
      ['alertmanager.yml', null, null, ['alertmanager/0.21-0.22']],
    ],
  );
  assert.deepEqual(
    r.blocked.map((b) => [path.basename(URI.parse(b.uri).fsPath), b.problems.map((p) => [p.code, p.line])]),
    [['b.isolation.yaml', [['migration.needs-choice', 1]]]],
  );
  assert.equal(r.upToDate, 1);
  // Nothing was written.
  for (const [name, text] of Object.entries(FILES)) assert.equal(fs.readFileSync(path.join(ws, name), 'utf8'), text);
});
