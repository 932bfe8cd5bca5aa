import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { IndexStatusRequest, type IndexStatus } from '../../protocol/src/index';
import { TestClient, type PublishedDiagnostics } from '../support/lspClient';
import { repoRoot } from '../support/service';

/** The examples with their broken copies: the copies of acme collide with acme across files. */
function workspace(): string {
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'tc-scan-'));
  fs.cpSync(path.join(repoRoot, 'examples'), ws, { recursive: true, filter: (src) => !src.endsWith('.expected.json') });
  return ws;
}

const WATCHED = [
  'acme/acme.tenant.yaml',
  'acme/acme.slack.yaml',
  'acme/acme.monitoring.yaml',
  'globex/globex.slack.json',
  'platform/alertmanager.yml',
];

/** Start a server on `ws`, wait for the diagnostics of the watched files after the scan, and its index status. */
async function scan(
  ws: string,
  env?: Record<string, string>,
): Promise<{ status: IndexStatus; published: Record<string, PublishedDiagnostics['diagnostics']> }> {
  const client = new TestClient(['--stdio'], env);
  try {
    const waits = WATCHED.map((f) => client.diagnostics(URI.file(path.join(ws, f)).toString(), undefined, 60_000));
    await client.initialize(URI.file(ws).toString());
    const published: Record<string, PublishedDiagnostics['diagnostics']> = {};
    (await Promise.all(waits)).forEach((p, i) => (published[WATCHED[i]] = p.diagnostics));
    const status = await client.send(IndexStatusRequest);
    return { status, published };
  } finally {
    await client.shutdown();
  }
}

test('the start-up scan reads the files in workers, and gives the same cross-file diagnostics as reading them in the server', async () => {
  const ws = workspace();
  try {
    const files = fs.readdirSync(ws, { recursive: true }).filter((f) => /\.(ya?ml|json)$/.test(String(f))).length;
    assert.ok(files >= 60, `${files} files`);
    const pooled = await scan(ws);
    const inProcess = await scan(ws, { TENANT_CONFIG_INDEX_WORKERS: '0' });
    assert.equal(pooled.status.ready, true);
    assert.ok(pooled.status.workers >= 1, JSON.stringify(pooled.status));
    assert.equal(inProcess.status.workers, 0);
    assert.ok(pooled.status.files >= 60, JSON.stringify(pooled.status));
    assert.equal(inProcess.status.files, pooled.status.files);
    const crossFile = (ds: PublishedDiagnostics['diagnostics']) =>
      ds.filter((d) => String(d.code).startsWith('ref.')).map((d) => ({ code: d.code, range: d.range, data: d.data }));
    const codes = new Set(Object.values(pooled.published).flatMap((ds) => crossFile(ds).map((d) => String(d.code))));
    assert.ok(codes.has('ref.duplicate-tenant-id') && codes.has('ref.duplicate-receiver'), [...codes].join(','));
    for (const f of WATCHED) assert.deepEqual(crossFile(pooled.published[f]), crossFile(inProcess.published[f]), f);
  } finally {
    fs.rmSync(ws, { recursive: true, force: true });
  }
});
