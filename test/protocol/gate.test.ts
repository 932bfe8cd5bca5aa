import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import type { Diagnostic } from 'vscode-languageserver-types';
import { IndexStatusRequest, type IndexStatus } from '../../protocol/src/index';
import { TestClient } from '../support/lspClient';

/**
 * The reading rules over the protocol: the bundled server on a workspace holding a link to
 * /dev/zero, a pipe, UTF-16 and invalid UTF-8 files, with a 64 KB exclude glob in its settings.
 */
const SECRET = 'tc-gate-secret-7d1f93';
const SLACK =
  'tenant_id: acme\nreceivers:\n  - name: acme-critical\n    slack_configs:\n      - channel: "#acme"\nschema_version: "2"\n';
const NOTIFICATIONS =
  'tenant_id: acme\nrules:\n  - name: critical\n    matchers: [\'severity="critical"\']\n    channels: [slack]\n    receiver_ref: acme-critical\nschema_version: "2"\n';

let ws: string;
let cwd: string;
let outside: string;
let client: TestClient;
const uri = (rel: string): string => URI.file(path.join(ws, rel)).toString();
const write = (rel: string, data: string | Buffer): void => {
  fs.mkdirSync(path.dirname(path.join(ws, rel)), { recursive: true });
  fs.writeFileSync(path.join(ws, rel), data);
};
const status = (): Promise<IndexStatus> => client.send(IndexStatusRequest);

/** Ask for the index status until `ok` holds (or fail after `ms`): the server answering is part of what is tested. */
async function until(ok: (s: IndexStatus) => boolean, ms = 10_000): Promise<IndexStatus> {
  const deadline = Date.now() + ms;
  for (;;) {
    const s = await Promise.race([
      status(),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('the server does not answer')), ms)),
    ]);
    if (ok(s)) return s;
    if (Date.now() > deadline) throw new Error(`index status never as expected: ${JSON.stringify(s).slice(0, 300)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const EXCLUDE = ['x'.repeat(64 * 1024 + 10), 'old/**'];

before(async () => {
  ws = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'tc-gate-ws-')));
  cwd = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'tc-gate-cwd-')));
  outside = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'tc-gate-out-')));
  write('acme/acme.slack.yaml', SLACK);
  write('acme/acme.notifications.yaml', NOTIFICATIONS);
  write('old/acme.slack.yaml', SLACK); // excluded: its receiver would be a duplicate
  // UTF-16 LE with its byte order mark; the unknown key is on line 2.
  write(
    'acme/utf16.tenant.yaml',
    Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('tenant_id: acme\nbogus_key: 1\n', 'utf16le')]),
  );
  write(
    'acme/latin1.tenant.yaml',
    Buffer.concat([Buffer.from('tenant_id: acme\nmetadata:\n  name: "Caf'), Buffer.from([0xe9]), Buffer.from('"\n')]),
  );
  write('secrets.env', `API_TOKEN=${SECRET}\n`);
  fs.symlinkSync('/dev/zero', path.join(ws, 'acme', 'zero.slack.yaml'));
  execFileSync('mkfifo', [path.join(ws, 'acme', 'pipe.slack.yaml')]);
  // The server's working directory holds a pipe named like an untitled document.
  execFileSync('mkfifo', [path.join(cwd, 'Untitled-1')]);
  fs.writeFileSync(path.join(outside, 'far.slack.yaml'), SLACK);

  client = new TestClient(['--stdio'], { TC_GATE_SECRET: SECRET }, cwd);
  const published = client.diagnostics(uri('acme/utf16.tenant.yaml'), undefined, 60_000);
  await client.initialize(URI.file(ws).toString(), { workspace: { exclude: EXCLUDE } });
  await published;
});

after(async () => {
  await client.shutdown();
  for (const d of [ws, cwd, outside]) fs.rmSync(d, { recursive: true, force: true });
});

test('the scan: links to devices, pipes and excluded files are not read; a 64 KB exclude glob is reported and only it is ignored', async () => {
  const s = await until((x) => x.ready);
  // acme: slack, notifications, utf16, latin1; old/ is excluded by the second glob.
  assert.equal(s.files, 4, JSON.stringify(s));
  assert.deepEqual(
    s.unusableExcludes.map((u) => [u.index, u.length]),
    [[0, EXCLUDE[0].length]],
  );
  assert.ok(
    client.logs.some((l) => l.startsWith('workspace.exclude: glob #1')),
    client.logs.join('\n'),
  );
  const slack = client.publishedFor(uri('acme/acme.slack.yaml')).at(-1);
  assert.deepEqual(
    slack?.diagnostics.map((d) => d.code),
    [],
  );
});

test('a UTF-16 file is decoded and checked, with document.encoding; invalid UTF-8 is reported on its line', async () => {
  await until((x) => x.ready);
  const utf16 = client.publishedFor(uri('acme/utf16.tenant.yaml')).at(-1)!.diagnostics;
  const enc = utf16.find((d) => d.code === 'document.encoding');
  assert.ok(enc, JSON.stringify(utf16));
  assert.equal((enc.data as { encoding?: string }).encoding, 'UTF-16LE');
  assert.ok(utf16.some((d) => d.code === 'schema.additional-property' && d.range.start.line === 1));
  const latin1 = client.publishedFor(uri('acme/latin1.tenant.yaml')).at(-1)!.diagnostics;
  const bad = latin1.find((d) => d.code === 'document.invalid-utf8');
  assert.ok(bad, JSON.stringify(latin1));
  assert.equal(bad.range.start.line, 2);
  assert.deepEqual([(bad.data as { line?: number }).line, (bad.data as { count?: number }).count], [3, 1]);
});

/**
 * Send file events for `uris`, then one for a new regular file, and wait for that file's
 * diagnostics: events are handled in order, so the others were handled without blocking.
 */
async function eventsThenMarker(uris: string[], marker: string): Promise<void> {
  write(marker, 'tenant_id: acme\nbogus: 1\n');
  const published = client.diagnostics(uri(marker), undefined, 10_000);
  client.filesChanged([...uris.map((u) => ({ uri: u, type: 2 as const })), { uri: uri(marker), type: 1 }]);
  assert.ok((await published).diagnostics.some((d) => d.code === 'schema.additional-property'));
  client.filesChanged([{ uri: uri(marker), type: 3 }]);
  fs.rmSync(path.join(ws, marker));
  await until((x) => x.files === 4, 5_000);
}

test('a file event for a link to /dev/zero: nothing is read and the server keeps answering', async () => {
  await until((x) => x.ready);
  await eventsThenMarker([uri('acme/zero.slack.yaml')], 'acme/marker1.tenant.yaml');
  const s = await until((x) => x.files === 4, 5_000);
  assert.equal(s.files, 4);
  // The peak memory of the server: reading /dev/zero would take gigabytes.
  const peak = Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${client.child.pid}/status`, 'utf8'))?.[1]);
  assert.ok(peak > 0 && peak < 600 * 1024, `server peak memory ${peak} kB`);
  assert.equal(client.exited, false);
});

test('a pipe: its file event, and a document of it opened and closed, never block the server', async () => {
  await until((x) => x.ready);
  const pipe = uri('acme/pipe.slack.yaml');
  await eventsThenMarker([pipe], 'acme/marker2.tenant.yaml');
  await client.open(pipe, 'tenant_id: acme\n', 'tenant-yaml');
  await client.close(pipe);
  // Closing re-reads the file on disk: refused, the document leaves the index.
  const s = await until((x) => x.files === 4, 5_000);
  assert.equal(s.files, 4);
  await eventsThenMarker([], 'acme/marker3.tenant.yaml');
});

test('untitled: documents are never looked up on disk (a pipe of that name in the working directory)', async () => {
  await until((x) => x.ready);
  const untitled = 'untitled:Untitled-1';
  const opened = await client.open(untitled, '# tenant-config: $schema=tenant\ntenant_id: acme\n', 'yaml');
  assert.ok(Array.isArray(opened.diagnostics));
  await client.close(untitled);
  await eventsThenMarker([], 'acme/marker4.tenant.yaml');
  const s = await until((x) => x.files === 4, 5_000);
  assert.equal(s.files, 4);
});

test('files outside the workspace are not indexed: a file event, a document opened and closed', async () => {
  await until((x) => x.ready);
  const far = URI.file(path.join(outside, 'far.slack.yaml')).toString();
  client.filesChanged([{ uri: far, type: 1 }]);
  await client.open(far, SLACK.replace('acme-critical', 'acme-far'), 'tenant-yaml');
  // Navigation brings an open document's index entry up to date first: not for this one.
  await client.request('textDocument/definition', { textDocument: { uri: far }, position: { line: 2, character: 12 } });
  assert.equal((await status()).files, 4);
  await client.close(far);
  // Closed, it is not read back from disk into the index.
  const s = await until((x) => x.files === 4, 5_000);
  assert.equal(s.files, 4);
});

test('workspace.exclude on file events: an excluded new file is not indexed, another one is', async () => {
  await until((x) => x.ready);
  write('old/new.slack.yaml', SLACK); // would duplicate acme-critical
  client.filesChanged([{ uri: uri('old/new.slack.yaml'), type: 1 }]);
  write('acme/extra.slack.yaml', SLACK.replace('acme-critical', 'acme-extra'));
  const extra = client.diagnostics(uri('acme/extra.slack.yaml'), undefined, 10_000);
  client.filesChanged([{ uri: uri('acme/extra.slack.yaml'), type: 1 }]);
  assert.deepEqual(
    (await extra).diagnostics.map((d) => d.code),
    ['ref.unused-receiver'],
  );
  const s = await until((x) => x.files === 5, 5_000);
  assert.equal(s.files, 5);
  assert.deepEqual(client.publishedFor(uri('old/new.slack.yaml')), []);
});

/** The schema loading problem of a document, and the whole published notification as text. */
async function loadError(rel: string, text: string): Promise<{ d: Diagnostic; all: string }> {
  const r = await client.open(uri(rel), text, 'yaml');
  const d = r.diagnostics.find((x) => x.code === 'schema.load-error');
  assert.ok(d, JSON.stringify(r.diagnostics));
  await client.close(uri(rel));
  return { d, all: JSON.stringify(r) };
}

test('$schema=/proc/self/environ and /etc/passwd: refused, and the diagnostic quotes nothing of the file', async () => {
  const environ = await loadError('a.yaml', '# tenant-config: $schema=/proc/self/environ\nport: 1\n');
  assert.equal((environ.d.data as { refusal?: string }).refusal, 'outside-workspace');
  assert.ok(!environ.all.includes(SECRET));
  const passwd = await loadError('b.yaml', '{"$schema": "/etc/passwd", "port": 1}\n'.replace(/^/, ''));
  assert.equal((passwd.d.data as { refusal?: string }).refusal, 'outside-workspace');
  const firstLine = fs.readFileSync('/etc/passwd', 'utf8').split('\n')[0];
  assert.ok(firstLine.length > 0 && !passwd.all.includes(firstLine.slice(0, 8)), passwd.all);
});

test('a schema the user named (/proc/self/environ in tenantConfig.schemas) and a workspace file that is not JSON: read, and the parse error gives a position only', async () => {
  const env = await loadError('d.yaml', '# tenant-config: $schema=./secrets.env\nport: 1\n');
  assert.equal((env.d.data as { refusal?: string }).refusal, undefined);
  assert.ok(!env.all.includes(SECRET) && !env.all.includes('API_TOKEN'), env.all);
  // Named in the user's settings, the file is read (to the size cap) and still not quoted.
  const named = new TestClient(['--stdio'], { TC_GATE_SECRET: SECRET });
  try {
    await named.initialize(URI.file(ws).toString(), { schemas: { '/proc/self/environ': ['named/*.yaml'] } });
    const r = await named.open(uri('named/c.yaml'), 'port: 1\n', 'yaml');
    const d = r.diagnostics.find((x) => x.code === 'schema.load-error');
    assert.ok(d, JSON.stringify(r.diagnostics));
    assert.equal((d.data as { refusal?: string }).refusal, undefined);
    assert.ok(!JSON.stringify(r).includes(SECRET), JSON.stringify(r));
  } finally {
    await named.shutdown();
  }
});

test('file://host/share/x.json is refused as a network path', async () => {
  const r = await loadError('e.yaml', '# tenant-config: $schema=file://host/share/x.json\nport: 1\n');
  assert.equal((r.d.data as { refusal?: string }).refusal, 'remote-host');
});
