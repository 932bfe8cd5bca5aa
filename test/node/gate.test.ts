import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { URI } from 'vscode-uri';
import { FileGate } from '../../node/src/index';

let root: string;
let outside: string;
const at = (...p: string[]): string => path.join(root, ...p);

before(() => {
  root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'tc-gate-')));
  outside = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'tc-gate-out-')));
  fs.writeFileSync(at('a.tenant.yaml'), 'tenant_id: acme\n');
  fs.writeFileSync(path.join(outside, 'secret.json'), '{"token": "s3cr3t"}');
  fs.symlinkSync(at('a.tenant.yaml'), at('inside-link.yaml'));
  fs.symlinkSync(path.join(outside, 'secret.json'), at('outside-link.json'));
  fs.symlinkSync('/dev/zero', at('zero.tenant.yaml'));
  execFileSync('mkfifo', [at('fifo.tenant.yaml')]);
  fs.mkdirSync(at('folder.yaml'));
});

after(() => {
  fs.rmSync(root, { recursive: true, force: true });
  fs.rmSync(outside, { recursive: true, force: true });
});

/** Count the file system calls the gate makes (it reads the same `fs` module object). */
function countingFsCalls<T>(f: () => T): { result: T; calls: string[] } {
  const realFs = createRequire(__filename)('node:fs') as Record<string, unknown> & {
    realpathSync: { native: unknown };
  };
  const names = ['statSync', 'lstatSync', 'openSync', 'readSync', 'fstatSync', 'existsSync', 'readFileSync'];
  const saved = new Map<string, unknown>(names.map((n) => [n, realFs[n]]));
  const savedNative = realFs.realpathSync.native;
  const calls: string[] = [];
  const wrap =
    (name: string, fn: unknown) =>
    (...args: unknown[]): unknown => {
      calls.push(name);
      return (fn as (...a: unknown[]) => unknown)(...args);
    };
  try {
    for (const n of names) realFs[n] = wrap(n, saved.get(n));
    realFs.realpathSync.native = wrap('realpathSync.native', savedNative);
    return { result: f(), calls };
  } finally {
    for (const n of names) realFs[n] = saved.get(n);
    realFs.realpathSync.native = savedNative;
  }
}

test('untitled: and other schemes, and file:// URIs with a host, are refused without a single file system call', () => {
  const gate = new FileGate({ roots: [root] });
  for (const [uri, refusal] of [
    ['untitled:Untitled-1', 'not-a-file-uri'],
    ['untitled:a.tenant.yaml', 'not-a-file-uri'],
    ['https://example.com/schema.json', 'not-a-file-uri'],
    ['file://host/share/x.json', 'remote-host'],
    [`file://localhost${URI.file(at('a.tenant.yaml')).path}`, 'remote-host'],
  ] as const) {
    const { result, calls } = countingFsCalls(() => gate.readUri(uri, { named: true }));
    assert.deepEqual(result, { ok: false, refusal }, uri);
    assert.deepEqual(calls, [], `${uri}: ${calls.join(', ')}`);
  }
  // The counter does count: a real read makes calls.
  const { result, calls } = countingFsCalls(() => gate.readUri(URI.file(at('a.tenant.yaml')).toString()));
  assert.equal(result.ok, true);
  assert.ok(calls.includes('openSync') && calls.includes('fstatSync'), calls.join(', '));
});

test('files inside the root are read, symbolic links included when they lead inside', () => {
  const gate = new FileGate({ roots: [URI.file(root).toString()] });
  assert.deepEqual(gate.readPath(at('a.tenant.yaml')), { ok: true, text: 'tenant_id: acme\n', problems: [] });
  assert.deepEqual(gate.readPath(at('inside-link.yaml')), { ok: true, text: 'tenant_id: acme\n', problems: [] });
});

test('a real path outside the root is refused, unless the user named the file and the read allows named files', () => {
  const gate = new FileGate({ roots: [root] });
  const secret = path.join(outside, 'secret.json');
  assert.deepEqual(gate.readPath(secret), { ok: false, refusal: 'outside-workspace' });
  assert.deepEqual(gate.readPath(at('outside-link.json')), { ok: false, refusal: 'outside-workspace' });
  gate.name([URI.file(secret).toString()]);
  assert.deepEqual(gate.readPath(secret), { ok: false, refusal: 'outside-workspace' }, 'a workspace read');
  assert.equal(gate.readPath(secret, { named: true }).ok, true);
  // Named by the link's own path: the link leads to the named file's real path.
  assert.equal(gate.readPath(at('outside-link.json'), { named: true }).ok, true);
  gate.clearNamed();
  assert.deepEqual(gate.readPath(secret, { named: true }), { ok: false, refusal: 'outside-workspace' });
});

test('devices, pipes and folders are refused before they are opened', { timeout: 10_000 }, () => {
  const gate = new FileGate({ roots: [root, '/dev'] });
  // A link to /dev/zero inside the root leads outside it; with /dev a root, it is a device.
  assert.deepEqual(new FileGate({ roots: [root] }).readPath(at('zero.tenant.yaml')), {
    ok: false,
    refusal: 'outside-workspace',
  });
  assert.deepEqual(gate.readPath(at('zero.tenant.yaml')), { ok: false, refusal: 'not-regular' });
  assert.deepEqual(gate.readPath(at('fifo.tenant.yaml')), { ok: false, refusal: 'not-regular' });
  assert.deepEqual(gate.readPath(at('folder.yaml')), { ok: false, refusal: 'not-regular' });
  assert.deepEqual(gate.readPath(at('missing.yaml')), { ok: false, refusal: 'not-found', errno: 'ENOENT' });
});

test('the read stops at the size cap whatever the size the file claims (procfs files claim 0 bytes)', () => {
  assert.equal(fs.statSync('/proc/self/environ').size, 0);
  const small = new FileGate({ roots: [root], named: ['/proc/self/environ'], maxBytes: 8 });
  assert.deepEqual(small.readPath('/proc/self/environ', { named: true }), { ok: false, refusal: 'too-large' });
  fs.writeFileSync(at('big.yaml'), 'x'.repeat(100));
  assert.deepEqual(small.readPath(at('big.yaml')), { ok: false, refusal: 'too-large' });
  const exact = new FileGate({ roots: [root], maxBytes: 100 });
  assert.equal(exact.readPath(at('big.yaml')).ok, true);
});
