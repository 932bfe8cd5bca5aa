import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import type { CompletionList, Hover, MarkupContent } from 'vscode-languageserver-types';
import { TestClient } from '../support/lspClient';

let ws: string;
let client: TestClient;
const file = (name: string): string => URI.file(path.join(ws, name)).toString();
const codes = (p: { diagnostics: Array<{ code?: unknown }> }): string[] => p.diagnostics.map((d) => String(d.code));

/** The codes of the first diagnostics published for `uri` that satisfy `done` (within 15 s). */
async function until(uri: string, done: (codes: string[]) => boolean): Promise<string[]> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const p = await client.diagnostics(uri, undefined, Math.max(1, deadline - Date.now()));
    if (done(codes(p))) return codes(p);
  }
}

const PROMETHEUS = (head: string, job = 'node'): string =>
  `${head}\nglobal:\n  scrape_interval: 30s\n  evaluation_interval: 30sec\nscrape_configs:\n  - job_name: ${job}\n    static_configs:\n      - targets: ["node-1:9100"]\n`;

before(async () => {
  ws = fs.mkdtempSync(path.join(os.tmpdir(), 'tc-user-schemas-'));
  fs.writeFileSync(
    path.join(ws, 'our-prometheus.schema.json'),
    JSON.stringify({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      title: 'Prometheus, our way',
      allOf: [{ $ref: 'https://schemas.tenant-config.dev/upstream/prometheus.schema.json' }],
      required: ['scrape_configs'],
    }),
  );
  fs.writeFileSync(
    path.join(ws, 'proto.schema.json'),
    JSON.stringify({ type: 'object', required: ['__proto__', 'constructor', 'toString'] }),
  );
  client = new TestClient();
  await client.initialize(URI.file(ws).toString());
});

after(async () => {
  await client.shutdown();
  fs.rmSync(ws, { recursive: true, force: true });
});

test('the SchemaStore modeline validates with the bundled Prometheus schema and its rules, nothing fetched', async () => {
  for (const [name, line] of [
    ['a.yaml', '# yaml-language-server: $schema=https://json.schemastore.org/prometheus.json'],
    ['b.yaml', '# yaml-language-server: $schema=https://www.schemastore.org/prometheus.json'],
    ['c.yaml', '# yaml-language-server: $schema=http://json.schemastore.org/prometheus'],
  ]) {
    const p = await client.open(file(name), PROMETHEUS(line), 'yaml');
    assert.deepEqual(codes(p), ['duration.unknown-unit'], name);
    const d = p.diagnostics[0];
    assert.deepEqual((d.data as { path: string[] }).path, ['global', 'evaluation_interval']);
  }
});

test('a user schema extending a bundled kind keeps its rules and cross-file checks, and no pattern warning', async () => {
  const head = '# tenant-config: $schema=./our-prometheus.schema.json';
  const one = await client.open(file('one.yaml'), PROMETHEUS(head), 'yaml');
  // The bundled schema through the user schema (2020-12, `allOf`) and the Prometheus duration rule.
  assert.deepEqual(codes(one), ['duration.unknown-unit']);
  // The user schema's own constraint.
  const bare = await client.open(file('bare.yaml'), `${head}\nglobal:\n  scrape_interval: 30s\n`, 'yaml');
  assert.deepEqual(codes(bare), ['schema.required']);
  // Cross-file: a second file of the same kind with the same job name.
  const republished = until(file('one.yaml'), (c) => c.includes('ref.duplicate-job-name'));
  await client.open(file('two.yaml'), PROMETHEUS(head), 'yaml');
  const again = await republished;
  assert.deepEqual(again.sort(), ['duration.unknown-unit', 'ref.duplicate-job-name']);
});

test('required names `__proto__`, `constructor` and `toString`: each missing key is reported', async () => {
  const head = '# tenant-config: $schema=./proto.schema.json';
  const missing = await client.open(file('proto.yaml'), `${head}\nname: x\n`, 'yaml');
  const missingKeys = missing.diagnostics
    .filter((d) => d.code === 'schema.required')
    .flatMap((d) => (d.data as { missing: string[] }).missing)
    .sort();
  assert.deepEqual(missingKeys, ['__proto__', 'constructor', 'toString']);
  const present = await client.open(
    file('proto-ok.yaml'),
    `${head}\n__proto__: a\nconstructor: b\ntoString: c\n`,
    'yaml',
  );
  assert.deepEqual(codes(present), []);
  const json = await client.open(
    file('proto.json'),
    JSON.stringify({ $schema: './proto.schema.json', constructor: 1 }),
    'json',
  );
  assert.deepEqual(json.diagnostics.flatMap((d) => (d.data as { missing?: string[] }).missing ?? []).sort(), [
    '__proto__',
    'toString',
  ]);
});

/** A one-line schema that hurts a backtracking engine, once per pattern: as `pattern` and as `patternProperties`. */
const HURTING = ['^(a|a)*$', '^(a+){2,}x{0,1}$', '^(a+)+$'];

test('a one-line schema that hurts: validation, hover and completion answer quickly on each pattern', async () => {
  for (const [i, pattern] of HURTING.entries()) {
    const name = `hurts-${i}.schema.json`;
    fs.writeFileSync(
      path.join(ws, name),
      JSON.stringify({
        type: 'object',
        properties: { value: { type: 'string', pattern } },
        patternProperties: { [pattern]: { description: 'hurts', properties: { inner: { type: 'string' } } } },
      }),
    );
    const evil = 'a'.repeat(40) + 'b';
    // A key and a value each pattern matches, and a key and a value that backtrack without end natively.
    const text = `# tenant-config: $schema=./${name}\nvalue: ${evil}\n${'a'.repeat(40)}:\n  \n${evil}:\n  \n`;
    const uri = file(`hurts-${i}.yaml`);
    const started = Date.now();
    const p = await client.open(uri, text, 'yaml', 1, 5000);
    assert.ok(Date.now() - started < 5000);
    assert.deepEqual(codes(p), ['schema.pattern'], pattern);
    const t0 = Date.now();
    const hover = await client.request<Hover | null>('textDocument/hover', {
      textDocument: { uri },
      position: { line: 2, character: 3 },
    });
    assert.match((hover?.contents as MarkupContent).value, /hurts/, pattern);
    const noMatch = await client.request<Hover | null>('textDocument/hover', {
      textDocument: { uri },
      position: { line: 4, character: 3 },
    });
    assert.doesNotMatch((noMatch?.contents as MarkupContent | undefined)?.value ?? '', /hurts/);
    const list = await client.request<CompletionList>('textDocument/completion', {
      textDocument: { uri },
      position: { line: 3, character: 2 },
    });
    assert.ok(
      list.items.some((it) => it.label === 'inner'),
      list.items.map((it) => it.label).join(','),
    );
    const none = await client.request<CompletionList>('textDocument/completion', {
      textDocument: { uri },
      position: { line: 5, character: 2 },
    });
    assert.ok(!none.items.some((it) => it.label === 'inner'));
    assert.ok(Date.now() - t0 < 3000, `hover and completion on ${pattern} took ${Date.now() - t0} ms`);
  }
});
