import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import type { Location, WorkspaceEdit, CompletionList } from 'vscode-languageserver-types';
import { messages, type MessageId } from '../../core/src/messages';
import { TestClient } from '../support/lspClient';
import { repoRoot } from '../support/service';

let ws: string;
let client: TestClient;
const uri = (rel: string): string => URI.file(path.join(ws, rel)).toString();

before(async () => {
  ws = fs.mkdtempSync(path.join(os.tmpdir(), 'tc-ws-'));
  // The example workspace: three tenants and the platform files, without the broken copies.
  fs.cpSync(path.join(repoRoot, 'examples'), ws, {
    recursive: true,
    filter: (src) => !src.includes(`${path.sep}broken`),
  });
  client = new TestClient();
  const indexedClosed = client.diagnostics(uri('acme/acme.slack.yaml'), undefined, 30_000);
  await client.initialize(URI.file(ws).toString());
  // Files that are not open are indexed and checked: their (empty) diagnostics are published.
  const closed = await indexedClosed;
  assert.deepEqual(
    closed.diagnostics.filter((d) => d.severity === 1),
    [],
  );
});

after(async () => {
  await client.shutdown();
  fs.rmSync(ws, { recursive: true, force: true });
});

/** The position one character into `name`, on the first line containing `context` (default: the name). */
function lineOf(rel: string, name: string, context = name): { line: number; character: number } {
  const lines = fs.readFileSync(path.join(ws, rel), 'utf8').split('\n');
  const line = lines.findIndex((l) => l.includes(context));
  return { line, character: lines[line].indexOf(name, lines[line].indexOf(context)) + 1 };
}

test('go to definition and find references across files', async () => {
  const notif = uri('acme/acme.notifications.yaml');
  await client.open(notif, fs.readFileSync(path.join(ws, 'acme/acme.notifications.yaml'), 'utf8'), 'tenant-yaml');
  const pos = lineOf('acme/acme.notifications.yaml', 'acme-critical', 'receiver_ref: acme-critical');
  const defs = await client.request<Location[]>('textDocument/definition', {
    textDocument: { uri: notif },
    position: pos,
  });
  assert.ok(
    defs.some(
      (d) =>
        d.uri.endsWith('acme/acme.slack.yaml') &&
        d.range.start.line === lineOf('acme/acme.slack.yaml', 'acme-critical').line,
    ),
    JSON.stringify(defs),
  );
  const refs = await client.request<Location[]>('textDocument/references', {
    textDocument: { uri: notif },
    position: pos,
    context: { includeDeclaration: true },
  });
  assert.ok(refs.length >= 2);
  assert.ok(refs.some((r) => r.uri === notif));
});

test('rename across files, with prepareRename', async () => {
  const notif = uri('acme/acme.notifications.yaml');
  const pos = lineOf('acme/acme.notifications.yaml', 'acme-critical', 'receiver_ref: acme-critical');
  const prep = await client.request<{ placeholder: string }>('textDocument/prepareRename', {
    textDocument: { uri: notif },
    position: pos,
  });
  assert.equal(prep.placeholder, 'acme-critical');
  const edit = await client.request<WorkspaceEdit>('textDocument/rename', {
    textDocument: { uri: notif },
    position: pos,
    newName: 'acme-sev1',
  });
  const files = Object.keys(edit.changes ?? {});
  assert.ok(
    files.some((f) => f.endsWith('acme.slack.yaml')) && files.some((f) => f.endsWith('acme.notifications.yaml')),
    files.join(','),
  );
  for (const edits of Object.values(edit.changes ?? {})) for (const e of edits) assert.equal(e.newText, 'acme-sev1');
});

test('defined names are offered where a reference is expected', async () => {
  const notif = uri('acme/acme.notifications.yaml');
  const pos = lineOf('acme/acme.notifications.yaml', 'acme-critical', 'receiver_ref: acme-critical');
  const list = await client.request<CompletionList>('textDocument/completion', {
    textDocument: { uri: notif },
    position: { line: pos.line, character: pos.character + 4 },
  });
  assert.ok(
    list.items.some((i) => i.label === 'acme-warnings'),
    list.items.map((i) => i.label).join(','),
  );
});

test("a dependent file's diagnostics update after an edit elsewhere", async () => {
  // Rename the receiver where it is defined (an open document edited in the editor)...
  const slack = uri('acme/acme.slack.yaml');
  const text = fs.readFileSync(path.join(ws, 'acme/acme.slack.yaml'), 'utf8');
  await client.open(slack, text, 'tenant-yaml');
  const notif = uri('acme/acme.notifications.yaml');
  const pos = lineOf('acme/acme.slack.yaml', 'acme-critical');
  const dependent = client.diagnostics(notif, undefined, 20_000);
  void client.conn.sendNotification('textDocument/didChange', {
    textDocument: { uri: slack, version: 2 },
    contentChanges: [
      {
        range: {
          start: { line: pos.line, character: pos.character - 1 },
          end: { line: pos.line, character: pos.character - 1 + 'acme-critical'.length },
        },
        text: 'acme-sev1',
      },
    ],
  });
  // ...and the open notification rules that reference the old name now say it is undefined.
  const d = await dependent;
  assert.ok(
    d.diagnostics.some((x) => x.code === 'ref.undefined-receiver'),
    d.diagnostics.map((x) => x.code).join(','),
  );
});

test('cross-file diagnostics are published in the display language (French)', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tc-ws-fr-'));
  const fr = new TestClient();
  try {
    fs.mkdirSync(path.join(dir, 'acme'));
    fs.writeFileSync(
      path.join(dir, 'acme', 'a.monitoring.yaml'),
      'tenant_id: acme\nalertmanager:\n  time_intervals:\n    - name: nights\n',
    );
    fs.writeFileSync(
      path.join(dir, 'acme', 'b.monitoring.yaml'),
      'tenant_id: acme\nalertmanager:\n  time_intervals:\n    - name: weekend\n    - name: nights\n',
    );
    const a = URI.file(path.join(dir, 'acme', 'a.monitoring.yaml')).toString();
    const published = fr.diagnostics(a, undefined, 30_000);
    // The extension sends the display language as `initializationOptions.locale`.
    await fr.initialize(URI.file(dir).toString(), {}, { initializationOptions: { locale: 'fr' } });
    const diagnostics = (await published).diagnostics;

    // The message is the French template, with its fragments (owner, location) in French too.
    const bundle = JSON.parse(fs.readFileSync(path.join(repoRoot, 'l10n', 'bundle.l10n.fr.json'), 'utf8')) as Record<
      string,
      string
    >;
    const fill = (id: MessageId, args: Record<string, string | number>): string => {
      const translation = bundle[messages[id]];
      assert.equal(typeof translation, 'string', `no French translation for ${id}`);
      return translation.replace(/\{(\w+)\}/g, (whole, k: string) => (k in args ? String(args[k]) : whole));
    };
    const dup = diagnostics.find((d) => d.code === 'ref.duplicate-time-interval');
    assert.ok(dup, diagnostics.map((d) => d.code).join(','));
    assert.equal(
      dup.message,
      fill('ref.duplicate-time-interval', {
        name: 'nights',
        owner: fill('ref.owner.tenant', { tenant: 'acme' }),
        other: fill('ref.location.other-file', { file: 'b.monitoring.yaml', line: 5 }),
      }),
    );
    const unused = diagnostics.find((d) => d.code === 'ref.unused-time-interval');
    assert.ok(unused, diagnostics.map((d) => d.code).join(','));
    assert.equal(unused.message, fill('ref.unused-time-interval', { name: 'nights' }));
  } finally {
    await fr.shutdown();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
