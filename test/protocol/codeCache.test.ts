// V8's code cache of the server's bundles (server/src/codeCache.ts): written to the folder the
// command line names, used by the next start, and harmless when corrupt or unwritable.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { TestClient } from '../support/lspClient';
import { CodeCache } from '../../server/src/codeCache';

let ws: string;
let rootUri: string;
const TEXT = 'tenant_id: acme\nmetadata:\n  nme: x\n';

before(() => {
  ws = fs.mkdtempSync(path.join(os.tmpdir(), 'tc-codecache-'));
  rootUri = URI.file(ws).toString();
});
after(() => fs.rmSync(ws, { recursive: true, force: true }));

/** One start of the server with `args`: its start-up log lines and the diagnostics of one document. */
async function session(args: string[]): Promise<{ logs: string[]; codes: string[] }> {
  const client = new TestClient(['--stdio', ...args], undefined, ws);
  try {
    await client.initialize(rootUri);
    const r = await client.open(URI.file(path.join(ws, 'a.tenant.yaml')).toString(), TEXT, 'tenant-yaml', 1, 30_000);
    return { logs: [...client.logs], codes: r.diagnostics.map((d) => String(d.code)).sort() };
  } finally {
    await client.shutdown();
  }
}

const cacheLine = (logs: string[]): string => logs.find((l) => l.startsWith('code cache in ')) ?? '';

test('the first start writes the cache, the next one uses it and reports the same problems', async () => {
  const dir = path.join(ws, 'storage', 'code-cache');
  const plain = await session([]);
  assert.ok(plain.codes.includes('schema.additional-property'));
  assert.equal(cacheLine(plain.logs), '', 'no folder named: no cache');

  const first = await session([`--code-cache-dir=${dir}`]);
  assert.deepEqual(first.codes, plain.codes);
  assert.match(cacheLine(first.logs), /serverMain-[0-9a-f]{24}\.bin compiled from source/);
  const files = fs.readdirSync(dir).sort();
  assert.ok(
    files.some((f) => /^serverMain-[0-9a-f]{24}\.bin$/.test(f)),
    files.join(', '),
  );
  assert.ok(
    files.some((f) => /^tenant-[0-9a-f]{24}\.bin$/.test(f)),
    'the validator of the opened kind too',
  );
  assert.ok(!files.some((f) => f.endsWith('.tmp')));

  const second = await session([`--code-cache-dir=${dir}`]);
  assert.deepEqual(second.codes, plain.codes);
  assert.match(cacheLine(second.logs), /serverMain-[0-9a-f]{24}\.bin used/);
});

test('a corrupt cache is compiled from source and replaced', async () => {
  const dir = path.join(ws, 'corrupt');
  await session([`--code-cache-dir=${dir}`]);
  for (const f of fs.readdirSync(dir)) fs.writeFileSync(path.join(dir, f), 'not a code cache');
  const again = await session([`--code-cache-dir=${dir}`]);
  assert.ok(again.codes.includes('schema.additional-property'));
  assert.match(cacheLine(again.logs), /compiled from source/);
  const third = await session([`--code-cache-dir=${dir}`]);
  assert.match(cacheLine(third.logs), /serverMain-[0-9a-f]{24}\.bin used/);
});

test('an unwritable or relative cache folder changes nothing but the speed', async () => {
  const file = path.join(ws, 'a-file');
  fs.writeFileSync(file, 'x');
  const r = await session([`--code-cache-dir=${file}`]);
  assert.ok(r.codes.includes('schema.additional-property'));
  assert.equal(fs.readFileSync(file, 'utf8'), 'x');
  const rel = await session(['--code-cache-dir=relative-cache']);
  assert.ok(rel.codes.includes('schema.additional-property'));
  assert.ok(!fs.existsSync(path.join(ws, 'relative-cache')), 'a relative folder is not used');
});

test('a rebuilt file is compiled from source, even at the same length, and its old cache is removed', () => {
  const dir = path.join(ws, 'rebuilt');
  const file = path.join(ws, 'module.js');
  const write = (answer: number, mtime: Date): void => {
    fs.writeFileSync(file, `module.exports = { answer: () => ${answer} };\n`);
    fs.utimesSync(file, mtime, mtime);
  };
  const load = (): { answer: number; used: boolean; cache: CodeCache } => {
    const cache = new CodeCache(dir);
    const m = cache.require(file) as { answer(): number };
    const answer = m.answer();
    return { answer, used: cache.status[0]!.used, cache };
  };
  write(41, new Date(2026, 0, 1));
  const first = load();
  assert.equal(first.answer, 41);
  assert.equal(first.used, false, 'no cache yet');
  first.cache.flush();
  const cached = fs.readdirSync(dir);
  assert.equal(cached.length, 1);
  const second = load();
  assert.equal(second.used, true, 'the unchanged file reads its cache');
  assert.equal(second.answer, 41);

  // The same length, another content and time (a rebuild): another key, never the old bytecode.
  write(42, new Date(2026, 0, 2));
  const third = load();
  assert.equal(third.used, false);
  assert.equal(third.answer, 42);
  third.cache.flush();
  const after = fs.readdirSync(dir);
  assert.equal(after.length, 1, "the old file's cache is removed");
  assert.notDeepEqual(after, cached);
  assert.equal(load().used, true);
});
