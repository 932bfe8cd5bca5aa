// Over the protocol, with the real bundled server: a document that takes seconds to validate is
// checked off the main thread, so requests and other documents' diagnostics do not wait for it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import type { Hover } from 'vscode-languageserver-types';
import { TestClient } from '../support/lspClient';

let ws: string;
before(() => {
  ws = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'tc-perf-')));
});
after(() => fs.rmSync(ws, { recursive: true, force: true }));

const uriOf = (name: string): string => URI.file(path.join(ws, name)).toString();
const SMALL = 'tenant_id: acme\nmetadata:\n  name: Acme\n  owner: {user_id: usr_1, email: a@acme.example}\nprot: 1\n';

/** A Prometheus rule file of one document with `n` rules (seconds to check: PromQL and templates). */
function bigRules(n: number): string {
  let s = 'groups:\n  - name: big\n    rules:\n';
  for (let i = 0; i < n; i++)
    s += `      - alert: HighLatency${i}\n        expr: histogram_quantile(0.99, sum by (le, job) (rate(http_request_duration_seconds_bucket{job="api-${i}"}[5m]))) > 0.5\n        for: 10m\n        labels:\n          severity: page\n        annotations:\n          summary: "High latency on {{ $labels.job }}"\n`;
  return s;
}

/** Milliseconds a request takes. */
async function timed<T>(f: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await f();
  return { ms: performance.now() - start, value };
}

test('a document that takes seconds to check is checked off the main thread: requests and other documents do not wait', async () => {
  const client = new TestClient();
  try {
    await client.initialize(URI.file(ws).toString());
    const small = uriOf('small.tenant.yaml');
    await client.open(small, SMALL, 'tenant-yaml');
    const rules = uriOf('big.rules.yml');
    const bigDone = client.open(rules, bigRules(12000), 'tenant-yaml', 1, 120_000);
    let bigFinished = false;
    void bigDone.then(() => (bigFinished = true));
    // While it is checked: hover and completion in the small document, and an edit's diagnostics.
    const latencies: number[] = [];
    for (let i = 0; i < 5; i++) {
      const h = await timed(() =>
        client.request<Hover | null>('textDocument/hover', {
          textDocument: { uri: small },
          position: { line: 0, character: 3 },
        }),
      );
      assert.ok(h.value, 'hover answers');
      latencies.push(h.ms);
      await new Promise((r) => setTimeout(r, 50));
    }
    const edit = await timed(() => client.change(small, 2, [{ text: `${SMALL}prot2: 1\n` }]));
    latencies.push(edit.ms);
    assert.equal(edit.value.diagnostics.filter((x) => x.code === 'schema.additional-property').length, 2);
    assert.ok(Math.max(...latencies) < 1000, `latencies ${latencies.map((l) => Math.round(l)).join(', ')} ms`);
    assert.equal(bigFinished, false, 'the large document was still being checked (otherwise this proves nothing)');
    const big = await bigDone;
    assert.deepEqual(big.diagnostics, []);
  } finally {
    await client.shutdown();
  }
});
