// The server's start: `initialize` answered by its first bundle (server/src/main.ts), the engine
// loaded once that answer is written, and its start-up work begun when the client says
// `initialized`, or soon after the answer for a client that never does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { TestClient } from '../support/lspClient';

interface InitializeResult {
  capabilities: {
    textDocumentSync: { change: number };
    codeActionProvider: { codeActionKinds: string[] };
    hoverProvider: boolean;
  };
  serverInfo: { name: string };
}

async function until(what: string, ok: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** The engine is behind the connection: a document opened now gets its schema diagnostics. */
async function engineAnswers(client: TestClient, ws: string): Promise<void> {
  const u = URI.file(path.join(ws, 'a.tenant.yaml')).toString();
  const r = await client.open(u, 'tenant_id: acme\nmetadata:\n  nme: x\n');
  assert.ok(r.diagnostics.some((d) => d.code === 'schema.additional-property'));
}

test('the answer to initialize names every capability, the fix-all kind included', async () => {
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'tc-startup-'));
  const client = new TestClient();
  try {
    const init = (await client.initialize(URI.file(ws).toString())) as InitializeResult;
    assert.equal(init.capabilities.textDocumentSync.change, 2);
    assert.deepEqual(init.capabilities.codeActionProvider.codeActionKinds, ['quickfix', 'source.fixAll.tenantConfig']);
    assert.equal(init.capabilities.hoverProvider, true);
    assert.equal(init.serverInfo.name, 'tenant-config-language-server');
    // The engine answers right after.
    await engineAnswers(client, ws);
  } finally {
    await client.shutdown();
    fs.rmSync(ws, { recursive: true, force: true });
  }
});

test('a client that never sends initialized is served once the engine has started', async () => {
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'tc-startup-'));
  const client = new TestClient();
  try {
    const rootUri = URI.file(ws).toString();
    await client.conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'ws' }],
      capabilities: { workspace: { configuration: true } },
    });
    // The engine starts the workspace scan when it starts, which logs its end.
    await until('the workspace scan', () => client.logs.some((l) => l.startsWith('indexed ')));
    await engineAnswers(client, ws);
  } finally {
    await client.shutdown();
    fs.rmSync(ws, { recursive: true, force: true });
  }
});
