// Over the protocol, with the real bundled server: a document over tenantConfig.largeDocumentLimit
// gets structure only (outline, folding, document.too-large) with the server's memory bounded, and
// other documents keep answering; a document that takes seconds to validate is checked off the main
// thread, so requests and other documents' diagnostics do not wait for it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import type { CompletionList, DocumentSymbol, FoldingRange, Hover } from 'vscode-languageserver-types';
import { TestClient } from '../support/lspClient';

let ws: string;
before(() => {
  ws = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'tc-perf-')));
});
after(() => fs.rmSync(ws, { recursive: true, force: true }));

const uriOf = (name: string): string => URI.file(path.join(ws, name)).toString();
const SMALL = 'tenant_id: acme\nmetadata:\n  name: Acme\n  owner: {user_id: usr_1, email: a@acme.example}\nprot: 1\n';

/** A tenant file of about `bytes` characters, with an unknown key near its top. */
function bigTenant(bytes: number): string {
  const lines = ['tenant_id: big', 'metadata:', '  name: Big', 'unknown_key: 1', 'environments:'];
  let size = lines.join('\n').length;
  for (let i = 0; size < bytes; i++) {
    const block = `  env-${i}:\n    enabled: true\n    database: {engine: postgresql, host: db-${i}, name: big}`;
    lines.push(block);
    size += block.length + 1;
  }
  return `${lines.join('\n')}\n`;
}

/** A Prometheus rule file of one document with `n` rules in groups of 5,000 (seconds to check: PromQL and templates). */
function bigRules(n: number): string {
  let s = 'groups:\n';
  for (let i = 0; i < n; i++) {
    if (i % 5000 === 0) s += `  - name: big-${i / 5000}\n    rules:\n`;
    s += `      - alert: HighLatency${i}\n        expr: histogram_quantile(0.99, sum by (le, job) (rate(http_request_duration_seconds_bucket{job="api-${i}"}[5m]))) > 0.5\n        for: 10m\n        labels:\n          severity: page\n        annotations:\n          summary: "High latency on {{ $labels.job }}"\n`;
  }
  return s;
}

/** Milliseconds a request takes. */
async function timed<T>(f: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await f();
  return { ms: performance.now() - start, value };
}

/** The server's peak resident memory in MB (Linux), or undefined. */
function peakRssMb(pid: number | undefined): number | undefined {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

test('a document over the size limit: document.too-large, outline and folding only; others answer', async () => {
  const client = new TestClient();
  try {
    await client.initialize(URI.file(ws).toString(), { largeDocumentLimit: 0.2 });
    const small = uriOf('small.tenant.yaml');
    const big = uriOf('big.tenant.yaml');
    const text = bigTenant(300_000);
    const published = await client.open(big, text, 'tenant-yaml', 1, 30_000);
    assert.deepEqual(
      published.diagnostics.map((d) => d.code),
      ['document.too-large'],
      'one diagnostic, and no validation (the unknown key is not reported)',
    );
    const d = published.diagnostics[0];
    assert.equal(d.severity, 2);
    assert.deepEqual(d.data, { code: 'document.too-large', size: text.length, limit: 200_000 });
    assert.match(String(d.message), /0\.3 MB.*0\.2 MB.*tenantConfig\.largeDocumentLimit/);
    // Structure from the lines: the top-level keys and folding by indentation.
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', {
      textDocument: { uri: big },
    });
    assert.deepEqual(
      symbols.map((s) => s.name),
      ['tenant_id', 'metadata', 'unknown_key', 'environments'],
    );
    assert.equal(symbols[3].range.end.line, text.split('\n').length - 2);
    const folding = await client.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri: big } });
    assert.ok(folding.some((f) => f.startLine === 4 && f.endLine === symbols[3].range.end.line));
    assert.ok(folding.some((f) => f.startLine === 1 && f.endLine === 2));
    // No tree: no hover or completion in it.
    const hover = await client.request<Hover | null>('textDocument/hover', {
      textDocument: { uri: big },
      position: { line: 0, character: 2 },
    });
    assert.equal(hover, null);
    // Another document is served in full meanwhile.
    const smallDiagnostics = await client.open(small, SMALL, 'tenant-yaml');
    assert.ok(smallDiagnostics.diagnostics.some((x) => x.code === 'schema.additional-property'));
    const completion = await timed(() =>
      client.request<CompletionList>('textDocument/completion', {
        textDocument: { uri: small },
        position: { line: 5, character: 0 },
      }),
    );
    assert.ok(completion.value.items.some((i) => i.label === 'environments'));
    assert.ok(completion.ms < 2000, `completion took ${completion.ms} ms`);
    // Made smaller than the limit, the document is validated again.
    const under = await client.change(big, 2, [{ text: 'tenant_id: big\nunknown_key: 1\n' }]);
    assert.ok(under.diagnostics.some((x) => x.code === 'schema.additional-property'));
    assert.ok(!under.diagnostics.some((x) => x.code === 'document.too-large'));
  } finally {
    await client.shutdown();
  }
});

test('at the default limit (20 MB), a 21 MB document leaves the server answering and its memory bounded', async () => {
  const client = new TestClient();
  try {
    await client.initialize(URI.file(ws).toString());
    const big = uriOf('huge.tenant.yaml');
    const published = await client.open(big, bigTenant(21_000_000), 'tenant-yaml', 1, 60_000);
    assert.deepEqual(
      published.diagnostics.map((d) => d.code),
      ['document.too-large'],
    );
    const small = uriOf('other.tenant.yaml');
    const open = await timed(() => client.open(small, SMALL, 'tenant-yaml'));
    assert.ok(open.value.diagnostics.some((x) => x.code === 'schema.additional-property'));
    assert.ok(open.ms < 2000, `diagnostics of another document took ${open.ms} ms`);
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', {
      textDocument: { uri: big },
    });
    assert.equal(symbols.length, 4);
    const peak = peakRssMb(client.child.pid);
    // The text arrives as JSON and is held once by the document store: a few times its size, not a tree.
    if (peak !== undefined) assert.ok(peak < 700, `peak RSS ${Math.round(peak)} MB`);
  } finally {
    await client.shutdown();
  }
});

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
