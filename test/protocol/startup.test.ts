// The server's start: `initialize` answered by its first bundle (server/src/main.ts), the engine
// loaded once that answer is written, and its start-up work begun when the client says
// `initialized`, or soon after the answer for a client that never does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { createMessageConnection, SocketMessageReader, SocketMessageWriter } from 'vscode-jsonrpc/node';
import { TestClient } from '../support/lspClient';
import { repoRoot } from '../support/service';

interface InitializeResult {
  capabilities: {
    textDocumentSync: { change: number };
    codeActionProvider: { codeActionKinds: string[] };
    hoverProvider: boolean;
  };
  serverInfo: { name: string };
}

async function until(what: string, ok: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A server in a fresh workspace folder, shut down and the folder removed after `run`. */
async function withServer(
  run: (client: TestClient, ws: string) => Promise<void>,
  env?: Record<string, string>,
): Promise<void> {
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'tc-startup-'));
  const client = new TestClient(['--stdio'], env);
  try {
    await run(client, ws);
  } finally {
    await client.shutdown();
    fs.rmSync(ws, { recursive: true, force: true });
  }
}

/** The engine is behind the connection: a document opened now gets its schema diagnostics. */
async function engineAnswers(client: TestClient, ws: string): Promise<void> {
  const u = URI.file(path.join(ws, 'a.tenant.yaml')).toString();
  const r = await client.open(u, 'tenant_id: acme\nmetadata:\n  nme: x\n');
  assert.ok(r.diagnostics.some((d) => d.code === 'schema.additional-property'));
}

test('the answer to initialize names every capability, the fix-all kind included', () =>
  withServer(async (client, ws) => {
    const init = (await client.initialize(URI.file(ws).toString())) as InitializeResult;
    assert.equal(init.capabilities.textDocumentSync.change, 2);
    assert.deepEqual(init.capabilities.codeActionProvider.codeActionKinds, ['quickfix', 'source.fixAll.tenantConfig']);
    assert.equal(init.capabilities.hoverProvider, true);
    assert.equal(init.serverInfo.name, 'tenant-config-language-server');
    // The engine answers right after.
    await engineAnswers(client, ws);
  }));

test('a client that never sends initialized is served once the engine has started', () =>
  withServer(async (client, ws) => {
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
  }));

test('the analysis worker starts from the shared entry and reports ready', () =>
  withServer(
    async (client, ws) => {
      await client.initialize(URI.file(ws).toString());
      // A user schema is compiled on a worker, which starts the pool.
      fs.writeFileSync(
        path.join(ws, 'service.schema.json'),
        JSON.stringify({ type: 'object', properties: { port: { type: 'integer' } }, required: ['port'] }),
      );
      client.settings = { schemas: { './service.schema.json': ['conf/*.yaml'] } };
      void client.conn.sendNotification('workspace/didChangeConfiguration', { settings: {} });
      const r = await client.open(URI.file(path.join(ws, 'conf', 'app.yaml')).toString(), 'port: x\n', 'tenant-yaml');
      assert.deepEqual(
        r.diagnostics.map((d) => d.code),
        ['schema.type'],
      );
      const ready = async (): Promise<boolean> =>
        (await client.conn.sendRequest<{ analysisWorkers: number }>('tenantConfig/indexStatus')).analysisWorkers === 1;
      await until('an analysis worker ready', ready, 20_000).catch((e: Error) => {
        throw new Error(`${e.message}; stderr: ${client.stderr}; logs: ${client.logs.join('; ')}`);
      });
    },
    { TENANT_CONFIG_ANALYSIS_WORKERS: '1' },
  ));

test('the socket transport works: the library loads `net` on first use', async () => {
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'tc-startup-'));
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  const accepted = new Promise<net.Socket>((resolve) => server.once('connection', resolve));
  const entry = path.join(repoRoot, 'dist', 'server.js');
  const child = spawn(process.execPath, [entry, `--socket=${port}`], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  try {
    const socket = await accepted;
    socket.on('error', () => undefined); // the server closing its end after `exit`
    const conn = createMessageConnection(new SocketMessageReader(socket), new SocketMessageWriter(socket));
    conn.listen();
    const init = await conn.sendRequest<InitializeResult>('initialize', {
      processId: process.pid,
      rootUri: URI.file(ws).toString(),
      capabilities: {},
    });
    assert.equal(init.serverInfo.name, 'tenant-config-language-server', stderr);
    await conn.sendRequest('shutdown');
    const exited = new Promise((resolve) => child.once('exit', resolve));
    void conn.sendNotification('exit');
    assert.equal(await exited, 0, 'the server exits cleanly after shutdown and exit');
    conn.dispose();
  } finally {
    child.kill();
    server.close();
    fs.rmSync(ws, { recursive: true, force: true });
  }
});
