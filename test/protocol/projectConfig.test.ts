// The project configuration `.tenant-config.yaml` in the language server: found walking up from
// each document (through the gate), layered under the editor's settings, its path suppressions and
// suppression comments applied to published diagnostics, read again on file events.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import type { Diagnostic } from 'vscode-languageserver-types';
import { IndexStatusRequest, ValidateWorkspaceRequest, type IndexStatus } from '../../protocol/src/index';
import { TestClient, type PublishedDiagnostics } from '../support/lspClient';

/** A timeout over the interval (an error by default) and an unknown key (an error). */
const PROMETHEUS = 'global:\n  scrape_interval: 15s\n  scrape_timeout: 20s\n  scrape_intervall: 1m\n';
const TIMEOUT = 'prometheus.timeout-exceeds-interval';

let ws: string;
let client: TestClient;
const uri = (rel: string): string => URI.file(path.join(ws, rel)).toString();
const write = (rel: string, text: string): void => {
  fs.mkdirSync(path.dirname(path.join(ws, rel)), { recursive: true });
  fs.writeFileSync(path.join(ws, rel), text);
};
const byCode = (p: PublishedDiagnostics): Array<[string, number | undefined, number]> =>
  p.diagnostics.map((d: Diagnostic) => [String(d.code), d.severity, d.range.start.line]);

/** Wait for diagnostics of `uri` that satisfy `ok` (published after `action`), or fail with the last ones. */
async function publishedAfter(
  target: string,
  action: () => void,
  ok: (p: PublishedDiagnostics) => boolean,
  ms = 10_000,
): Promise<PublishedDiagnostics> {
  const deadline = Date.now() + ms;
  const seen = client.publishedFor(target).length;
  action();
  for (;;) {
    const fresh = client.publishedFor(target).slice(seen);
    const hit = fresh.find(ok);
    if (hit) return hit;
    if (Date.now() > deadline)
      throw new Error(`no matching diagnostics for ${target}: ${JSON.stringify(fresh.map(byCode)).slice(0, 800)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const configChanged = (type: 1 | 2 | 3): void => client.filesChanged([{ uri: uri('.tenant-config.yaml'), type }]);

before(async () => {
  ws = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'tc-projcfg-')));
  client = new TestClient();
  await client.initialize(URI.file(ws).toString());
  const deadline = Date.now() + 10_000;
  while (!(await client.send(IndexStatusRequest)).ready) {
    if (Date.now() > deadline) throw new Error('the index never became ready');
    await new Promise((r) => setTimeout(r, 50));
  }
});

after(async () => {
  await client.shutdown();
  fs.rmSync(ws, { recursive: true, force: true });
});

test('a severity of the project configuration applies (found walking up); a VS Code setting overrides it', async () => {
  write('.tenant-config.yaml', `severity:\n  ${TIMEOUT}: warning\noptions:\n  maxProblems: 1\n`);
  const doc = uri('deep/er/prometheus.yml');
  const first = await client.open(doc, PROMETHEUS, 'yaml');
  // The configuration's cap (1) applies: the editor's default cap (1000) was not set by the user.
  assert.deepEqual(byCode(first), [[TIMEOUT, 2, 2]]);

  const changed = await publishedAfter(
    doc,
    () => {
      client.settings = { severity: { [TIMEOUT]: 'hint' }, maxProblems: 5 };
      void client.conn.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    },
    (p) => p.diagnostics.length === 2,
  );
  assert.deepEqual(byCode(changed), [
    [TIMEOUT, 4, 2],
    ['schema.additional-property', 1, 3],
  ]);

  // Without the editor's settings, the configuration's apply again.
  const back = await publishedAfter(
    doc,
    () => {
      client.settings = {};
      void client.conn.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    },
    (p) => p.diagnostics.length === 1,
  );
  assert.deepEqual(byCode(back), [[TIMEOUT, 2, 2]]);
  await client.close(doc);
});

test('a path suppression and a comment suppression hide problems; an unused suppression is reported', async () => {
  write(
    '.tenant-config.yaml',
    [
      'suppressions:',
      '  - files: app/prometheus.yml',
      '    path: /global',
      '    codes: [schema.additional-property]',
      '    reason: being renamed upstream',
      '',
    ].join('\n'),
  );
  configChanged(2);
  const doc = uri('app/prometheus.yml');
  const text = [
    'global:',
    '  scrape_interval: 15s',
    `  # tenant-config-disable-next-line ${TIMEOUT}`,
    '  scrape_timeout: 20s',
    '  scrape_intervall: 1m',
    '  # tenant-config-disable-next-line schema.pattern',
    '  evaluation_interval: 30s',
    '',
  ].join('\n');
  const published = await client.open(doc, text, 'yaml');
  assert.deepEqual(byCode(published), [['suppression.unused', 2, 5]]);
  const unused = published.diagnostics[0];
  assert.equal(unused.range.start.character, text.split('\n')[5].indexOf('schema.pattern'));
  assert.deepEqual(unused.data, { code: 'suppression.unused', directive: 'next-line', suppressed: 'schema.pattern' });

  // The same file without the comments: the timeout is reported, the unknown key stays suppressed by path.
  const plain = await client.change(doc, 2, [{ text: PROMETHEUS }]);
  assert.deepEqual(byCode(plain), [[TIMEOUT, 1, 2]]);
  await client.close(doc);
});

test('editing and deleting the configuration on disk, with a file event, changes diagnostics of open and indexed files', async () => {
  write('.tenant-config.yaml', `severity:\n  ${TIMEOUT}: information\n`);
  write('closed/prometheus.yml', PROMETHEUS);
  // A file that is not open: indexed, published as the host has it.
  const closed = uri('closed/prometheus.yml');
  const indexed = await publishedAfter(
    closed,
    () =>
      client.filesChanged([
        { uri: uri('.tenant-config.yaml'), type: 2 },
        { uri: closed, type: 1 },
      ]),
    (p) => p.diagnostics.some((d) => d.code === TIMEOUT),
  );
  assert.equal(indexed.diagnostics.find((d) => d.code === TIMEOUT)?.severity, 3);

  const doc = uri('app/prometheus.yml');
  const opened = await publishedAfter(
    doc,
    () => void client.open(doc, PROMETHEUS, 'yaml', 1),
    (p) => p.diagnostics.length === 2,
  );
  assert.deepEqual(byCode(opened), [
    [TIMEOUT, 3, 2],
    ['schema.additional-property', 1, 3],
  ]);

  // Edited on disk: the code is turned off, in the open document and in the indexed file.
  write('.tenant-config.yaml', `severity:\n  ${TIMEOUT}: "off"\n`);
  const [off, offClosed] = await Promise.all([
    publishedAfter(
      doc,
      () => configChanged(2),
      (p) => !p.diagnostics.some((d) => d.code === TIMEOUT),
    ),
    publishedAfter(
      closed,
      () => undefined,
      (p) => !p.diagnostics.some((d) => d.code === TIMEOUT),
    ),
  ]);
  assert.deepEqual(byCode(off), [['schema.additional-property', 1, 3]]);
  assert.deepEqual(byCode(offClosed), [['schema.additional-property', 1, 3]]);

  // Deleted: the defaults apply again.
  fs.rmSync(path.join(ws, '.tenant-config.yaml'));
  const gone = await publishedAfter(
    doc,
    () => configChanged(3),
    (p) => p.diagnostics.length === 2,
  );
  assert.deepEqual(byCode(gone), [
    [TIMEOUT, 1, 2],
    ['schema.additional-property', 1, 3],
  ]);
  await client.close(doc);
});

test('the configuration file itself, opened while in use: an unknown key is an error', async () => {
  const text = `severity:\n  ${TIMEOUT}: warning\nsuppresions: []\n`;
  write('.tenant-config.yaml', text);
  configChanged(1);
  const config = uri('.tenant-config.yaml');
  const published = await client.open(config, text, 'yaml');
  assert.deepEqual(byCode(published), [['schema.additional-property', 1, 2]]);
  // The rest of it still applies to the files under it.
  const doc = await client.open(uri('x/prometheus.yml'), PROMETHEUS, 'yaml');
  assert.equal(doc.diagnostics.find((d) => d.code === TIMEOUT)?.severity, 2);
  assert.ok(!client.exited, client.stderr);
  const status: IndexStatus = await client.send(IndexStatusRequest);
  assert.ok(status.ready);
});

test('validating the workspace applies the same suppressions as published diagnostics', async () => {
  write(
    '.tenant-config.yaml',
    'suppressions:\n  - files: app/*.yml\n    path: /global\n    codes: [schema.additional-property]\n',
  );
  write(
    'app/prometheus.yml',
    `global:\n  # tenant-config-disable-next-line ${TIMEOUT}\n  scrape_timeout: 20s\n  scrape_intervall: 1m\n  scrape_interval: 15s\n`,
  );
  configChanged(2);
  const result = await client.send(ValidateWorkspaceRequest, {});
  assert.ok(result.files >= 2, JSON.stringify(result));
  const app = client.publishedFor(uri('app/prometheus.yml')).at(-1)!;
  assert.deepEqual(byCode(app), []);
  const closed = client.publishedFor(uri('closed/prometheus.yml')).at(-1)!;
  assert.deepEqual(byCode(closed), [
    [TIMEOUT, 1, 2],
    ['schema.additional-property', 1, 3],
  ]);
});

test('a schema association added to the configuration on disk applies to files that were of no kind', async () => {
  write('custom/scrape.yaml', PROMETHEUS);
  const target = uri('custom/scrape.yaml');
  client.filesChanged([{ uri: target, type: 1 }]);
  // Not ours yet: not indexed, nothing published for it (asked after the event, which the server handles first).
  const before = await client.send(IndexStatusRequest);
  assert.equal((await client.send(IndexStatusRequest)).files, before.files);
  assert.equal(client.publishedFor(target).length, 0);
  write('.tenant-config.yaml', 'schemas:\n  prometheus: custom/*.yaml\n');
  const published = await publishedAfter(
    target,
    () => configChanged(2),
    (p) => p.diagnostics.length > 0,
  );
  assert.deepEqual(byCode(published), [
    [TIMEOUT, 1, 2],
    ['schema.additional-property', 1, 3],
  ]);
});

test('ignore and crossFile apply in the editor as in the linter: an ignored file gets nothing, an excluded one stays out of the index, checks between files can be turned off', async () => {
  const acme = (name: string): string => fs.readFileSync(path.join(__dirname, '../../../examples/acme', name), 'utf8');
  const config = uri('xf/.tenant-config.yaml');
  const setConfig = (text: string, type: 1 | 2): void => {
    write('xf/.tenant-config.yaml', text);
    client.filesChanged([{ uri: config, type }]);
  };
  const refs = (p: PublishedDiagnostics): Array<[string, number]> =>
    byCode(p)
      .filter(([code]) => code.startsWith('ref.'))
      .map(([code, , line]) => [code, line]);
  const UNDEFINED = [
    ['ref.undefined-receiver', 54],
    ['ref.undefined-receiver', 62],
    ['ref.undefined-receiver', 64],
    ['ref.unused-receiver', 72],
  ];
  const monitoring = uri('xf/acme.monitoring.yaml');
  const slack = uri('xf/excluded/acme.slack.yaml');
  setConfig('crossFile:\n  enable: true\n', 1);

  // Both indexed: the receivers are defined; the templates the Slack file names are not.
  const [m1, s1] = await Promise.all([
    publishedAfter(
      monitoring,
      () => void client.open(monitoring, acme('acme.monitoring.yaml'), 'yaml'),
      (p) => JSON.stringify(refs(p)) === JSON.stringify([['ref.unused-receiver', 72]]),
    ),
    publishedAfter(
      slack,
      () => void client.open(slack, acme('acme.slack.yaml'), 'yaml'),
      (p) => refs(p).length === 3,
    ),
  ]);
  assert.deepEqual(refs(m1), [['ref.unused-receiver', 72]]);
  assert.deepEqual(refs(s1), [
    ['ref.undefined-template', 19],
    ['ref.undefined-template', 26],
    ['ref.undefined-template', 34],
  ]);

  // crossFile.exclude: the Slack file leaves the index (no checks between files on it), so its receivers are undefined.
  const [m2, s2] = await Promise.all([
    publishedAfter(
      monitoring,
      () => setConfig('crossFile:\n  exclude: [excluded/**]\n', 2),
      (p) => refs(p).length === 4,
    ),
    publishedAfter(
      slack,
      () => undefined,
      (p) => refs(p).length === 0 && p.diagnostics.length === 0,
    ),
  ]);
  assert.deepEqual(refs(m2), UNDEFINED);
  assert.deepEqual(s2.diagnostics, []);

  // crossFile.enable false: no checks between files at all.
  const m3 = await publishedAfter(
    monitoring,
    () => setConfig('crossFile:\n  enable: false\n', 2),
    (p) => refs(p).length === 0,
  );
  assert.deepEqual(refs(m3), []);

  // ignore: nothing on the ignored file (an unknown key in it included), and its names are not in the index.
  const [m4, s4] = await Promise.all([
    publishedAfter(
      monitoring,
      () => {
        void client.change(slack, 2, [{ text: acme('acme.slack.yaml') + 'unknown_key: 1\n' }]);
        setConfig('ignore: [excluded/**]\n', 2);
      },
      (p) => refs(p).length === 4,
    ),
    publishedAfter(
      slack,
      () => undefined,
      (p) => p.version === 2 && p.diagnostics.length === 0,
    ),
  ]);
  assert.deepEqual(refs(m4), UNDEFINED);
  assert.deepEqual(s4.diagnostics, []);

  // Without the ignore, the unknown key is reported again.
  const s5 = await publishedAfter(
    slack,
    () => setConfig('crossFile:\n  enable: true\n', 2),
    (p) => p.diagnostics.some((d) => d.code === 'schema.additional-property'),
  );
  assert.ok(s5.diagnostics.some((d) => d.code === 'schema.additional-property'));
  await client.close(monitoring);
  await client.close(slack);
});
