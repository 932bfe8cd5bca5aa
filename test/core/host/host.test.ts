import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, TextEdit } from 'vscode-languageserver-types';
import {
  createAnalysisHost,
  defaultDocumentSettings,
  diagnosticData,
  jsonErrorDetail,
  type AnalysisHost,
  type DocumentSettings,
  type FileRead,
} from '../../../core/src/index';
import { extractFile, parseText } from '../../../core/src/worker';
import { loadBundledSchemas } from '../../../node/src/index';
import { repoRoot } from '../../support/service';

const bundled = loadBundledSchemas(path.join(repoRoot, 'schemas'));
const ws = 'file:///ws';
const u = (name: string): string => `${ws}/${name}`;
const settings: DocumentSettings = { ...defaultDocumentSettings, workspaceFolders: [ws] };

/** A host over an in-memory disk: files by uri; anything else is refused as the gate would. */
function makeHost(disk: Map<string, string | FileRead>): { host: AnalysisHost; reads: string[] } {
  const reads: string[] = [];
  const host = createAnalysisHost({
    bundled,
    read: (uri, purpose) => {
      reads.push(`${purpose} ${uri}`);
      const f = disk.get(uri);
      if (f === undefined) return { ok: false, refusal: uri.startsWith(ws + '/') ? 'not-found' : 'outside-workspace' };
      return typeof f === 'string' ? { ok: true, text: f, problems: [] } : f;
    },
  });
  return { host, reads };
}

const SLACK = `tenant_id: acme
receivers:
  - name: acme-critical
    slack_configs:
      - channel: "#acme-incidents"
schema_version: "2"
`;
const NOTIFICATIONS = `tenant_id: acme
rules:
  - name: critical
    matchers: ['severity="critical"']
    channels: [slack]
    receiver_ref: "acme-critcal"
schema_version: "2"
`;
const codes = (ds: Diagnostic[]): string[] => ds.map((d) => String(d.code));
const file = (text: string) => ({ text, problems: [] });

function loaded(): { host: AnalysisHost; disk: Map<string, string | FileRead>; reads: string[] } {
  const disk = new Map<string, string | FileRead>([
    [u('acme/acme.slack.yaml'), SLACK],
    [u('acme/acme.notifications.yaml'), NOTIFICATIONS],
  ]);
  const { host, reads } = makeHost(disk);
  for (const uri of disk.keys()) {
    const job = host.indexJob(uri, settings);
    assert.ok(job, uri);
    host.addIndexed(job, extract(job));
  }
  assert.deepEqual(host.finishLoading(), [u('acme/acme.notifications.yaml'), u('acme/acme.slack.yaml')]);
  return { host, disk, reads };
}

// The facts a worker would send back (the same extraction, in-process).
const extract = (job: { uri: string; kind: string; text: string; format: 'yaml' | 'json' }) =>
  extractFile(job.uri, job.kind, parseText(job.text, job.format));

test('a file has its own and its cross-file diagnostics in one answer, once the load is done', () => {
  const disk = new Map([
    [u('acme/acme.slack.yaml'), SLACK],
    [u('acme/acme.notifications.yaml'), NOTIFICATIONS],
  ]);
  const { host } = makeHost(disk);
  assert.deepEqual(host.setFile(u('acme/acme.slack.yaml'), file(SLACK), settings), [u('acme/acme.slack.yaml')]);
  host.setFile(u('acme/acme.notifications.yaml'), file(NOTIFICATIONS), settings);
  assert.equal(host.indexReady, false);
  assert.deepEqual(codes(host.diagnostics(u('acme/acme.notifications.yaml'), settings)), []);
  host.finishLoading();
  assert.deepEqual(codes(host.diagnostics(u('acme/acme.notifications.yaml'), settings)), ['ref.undefined-receiver']);
  assert.deepEqual(codes(host.diagnostics(u('acme/acme.slack.yaml'), settings)), ['ref.unused-receiver']);
  // Fixing the reference makes both files stale: the host says so.
  const stale = host.setFile(
    u('acme/acme.notifications.yaml'),
    file(NOTIFICATIONS.replace('acme-critcal', 'acme-critical')),
    settings,
  );
  assert.deepEqual(stale.sort(), [u('acme/acme.notifications.yaml'), u('acme/acme.slack.yaml')]);
  assert.deepEqual(codes(host.diagnostics(u('acme/acme.slack.yaml'), settings)), []);
});

test('diagnostics as steps: one step per chunk of a YAML stream, the same result', () => {
  const { host } = makeHost(new Map());
  const stream = ['tenant_id: a\nbad_key: 1\n', 'tenant_id: b\n', 'tenant_id: c\nother: 2\n'].join('---\n');
  host.setFile(u('s.tenant.yaml'), file(stream), settings, { keep: true });
  host.finishLoading();
  const steps = host.diagnosticSteps(u('s.tenant.yaml'), settings);
  let n = 0;
  let r = steps.next();
  for (; !r.done; r = steps.next()) n++;
  assert.ok(n >= 2, `${n} steps`);
  assert.deepEqual(r.value, host.diagnostics(u('s.tenant.yaml'), settings));
  assert.ok(codes(r.value).filter((c) => c === 'schema.additional-property').length === 2, codes(r.value).join());
});

test('the kind of a document, and whether a plain YAML or JSON document is ours', () => {
  const { host } = makeHost(new Map());
  const open = (name: string, languageId: string, text: string): TextDocument => {
    const doc = TextDocument.create(u(name), languageId, 1, text);
    host.openDocument(doc);
    return doc;
  };
  assert.equal(host.kindOf(open('a.tenant.yaml', 'tenant-yaml', 'tenant_id: a\n'), settings), 'tenant');
  assert.equal(
    host.kindOf(open('x.yaml', 'yaml', '# tenant-config: $schema=alertmanager\nroute: {}\n'), settings),
    'alertmanager',
  );
  assert.equal(host.kindOf(open('plain.yaml', 'yaml', 'a: 1\n'), settings), undefined);
  assert.equal(host.isOurs(u('plain.yaml'), settings), false);
  assert.equal(host.isOurs(u('x.yaml'), settings), true);
  assert.equal(host.isOurs(u('a.tenant.yaml'), settings), true);
  assert.equal(host.isOurs(u('not-known.yaml'), settings), false);
});

test('open documents: the index follows their versions, and closing gives the file on disk back', () => {
  const { host, disk } = loaded();
  const notif = u('acme/acme.notifications.yaml');
  const doc = TextDocument.create(notif, 'tenant-yaml', 1, NOTIFICATIONS.replace('acme-critcal', 'acme-critical'));
  host.openDocument(doc);
  assert.equal(host.needsIndexing(notif), true);
  assert.deepEqual(host.indexOpen(notif, settings).sort(), [notif, u('acme/acme.slack.yaml')]);
  assert.deepEqual(host.indexOpen(notif, settings), [], 'once per version');
  assert.deepEqual(codes(host.diagnostics(u('acme/acme.slack.yaml'), settings)), []);
  // Closed: the disk text (with the typo) counts again.
  host.closeDocument(notif);
  assert.deepEqual(host.fileChanged(notif, settings, false).sort(), [notif, u('acme/acme.slack.yaml')]);
  assert.deepEqual(codes(host.diagnostics(notif, settings)), ['ref.undefined-receiver']);
  // A file that can no longer be read (a pipe now, say) leaves the index.
  disk.set(notif, { ok: false, refusal: 'not-regular' });
  assert.deepEqual(host.fileChanged(notif, settings, false).sort(), [notif, u('acme/acme.slack.yaml')]);
  assert.equal(host.isIndexed(notif), false);
  assert.deepEqual(host.diagnostics(notif, settings), []);
});

test('file events: refused or unknown files change nothing; a deletion clears what was published', () => {
  const { host } = loaded();
  assert.deepEqual(host.fileChanged('file:///elsewhere/x.tenant.yaml', settings, false), []);
  assert.deepEqual(host.fileChanged(u('gone.tenant.yaml'), settings, false), []);
  assert.deepEqual(host.fileChanged(u('gone.tenant.yaml'), settings, true), [u('gone.tenant.yaml')]);
  assert.equal(host.indexedFiles().length, 2);
  assert.deepEqual(host.forget(u('acme/acme.slack.yaml')).sort(), [
    u('acme/acme.notifications.yaml'),
    u('acme/acme.slack.yaml'),
  ]);
  assert.deepEqual(host.indexedFiles(), [u('acme/acme.notifications.yaml')]);
});

test("the reader's problems are the file's diagnostics, with typed data", () => {
  const { host } = makeHost(new Map());
  const text = 'tenant_id: acme\nmetadata:\n  name: "caf\ufffd"\n';
  host.setFile(
    u('acme/acme.tenant.yaml'),
    {
      text,
      problems: [
        { code: 'document.invalid-utf8', offset: text.indexOf('\ufffd'), length: 1, args: { line: 3, count: 1 } },
      ],
    },
    settings,
  );
  host.finishLoading();
  const d = host.diagnostics(u('acme/acme.tenant.yaml'), settings).find((x) => x.code === 'document.invalid-utf8');
  assert.ok(d);
  assert.equal(d.range.start.line, 2);
  assert.equal(d.severity, 1);
  assert.deepEqual(diagnosticData(d), { code: 'document.invalid-utf8', line: 3, count: 1 });
});

test('a schema file the reader refuses or cannot parse: schema.load-error with the reason, quoting nothing', () => {
  const secret = 'API_TOKEN=s3cr3t-value';
  const disk = new Map<string, string | FileRead>([[u('schemas/env.json'), `{\n  ${secret}\n}`]]);
  const { host, reads } = makeHost(disk);
  const check = (text: string) => {
    host.openDocument(TextDocument.create(u('svc.yaml'), 'yaml', reads.length + 1, text));
    const d = host.diagnostics(u('svc.yaml'), settings).find((x) => x.code === 'schema.load-error');
    assert.ok(d, text);
    assert.ok(!JSON.stringify(d).includes('s3cr3t'), JSON.stringify(d));
    return diagnosticData(d);
  };
  assert.equal(check('# tenant-config: $schema=/etc/passwd\na: 1\n')?.refusal, 'outside-workspace');
  assert.ok(reads.includes('schema file:///etc/passwd'), reads.join());
  const parse = check('# tenant-config: $schema=./schemas/env.json\na: 1\n');
  assert.equal(parse?.refusal, undefined);
  assert.equal(parse?.detail, jsonErrorDetail(`{\n  ${secret}\n}`));
});

test('code actions verify cross-file fixes against the index; completion, definition and rename across files', () => {
  const { host } = loaded();
  const notif = u('acme/acme.notifications.yaml');
  host.openDocument(TextDocument.create(notif, 'tenant-yaml', 1, NOTIFICATIONS));
  host.indexOpen(notif, settings);
  const d = host.diagnostics(notif, settings).find((x) => x.code === 'ref.undefined-receiver');
  assert.ok(d);
  const actions = host
    .codeActions(notif, d.range, { diagnostics: [d], only: ['quickfix'] }, settings)
    .filter((a) => a.diagnostics?.length === 1);
  assert.equal(actions.length, 1);
  const edits = Object.values(actions[0].edit?.changes ?? {})[0] as TextEdit[];
  const fixed = TextDocument.applyEdits(host.document(notif)!, edits);
  assert.equal(fixed, NOTIFICATIONS.replace('acme-critcal', 'acme-critical'));

  const line = NOTIFICATIONS.split('\n').findIndex((l) => l.includes('receiver_ref'));
  const list = host.completion(notif, { line, character: '    receiver_ref: "acme'.length }, settings);
  assert.ok(
    list.items.some((i) => i.label === 'acme-critical'),
    list.items.map((i) => i.label).join(),
  );
  const slack = u('acme/acme.slack.yaml');
  const defLine = SLACK.split('\n').findIndex((l) => l.includes('acme-critical'));
  const at = { line: defLine, character: SLACK.split('\n')[defLine].indexOf('acme-critical') + 2 };
  assert.deepEqual(
    host.definition(slack, at).map((l) => l.uri),
    [slack],
  );
  const edit = host.rename(slack, at, 'acme-sev1');
  assert.deepEqual(Object.keys(edit?.changes ?? {}), [slack]);
});

test('checkFile reads a file it does not keep; files the settings name as schemas', () => {
  const disk = new Map<string, string | FileRead>([[u('other/b.tenant.yaml'), 'tenant_id: acme\nbogus: 1\n']]);
  const { host } = makeHost(disk);
  host.finishLoading();
  const r = host.checkFile(u('other/b.tenant.yaml'), settings);
  assert.ok(codes(r?.diagnostics ?? []).includes('schema.additional-property'), codes(r?.diagnostics ?? []).join());
  assert.equal(host.document(u('other/b.tenant.yaml')), undefined);
  assert.equal(host.checkFile(u('missing.tenant.yaml'), settings), undefined);
  assert.deepEqual(
    host.namedSchemaFiles({
      ...settings,
      schemas: { './schemas/svc.json': '*.yaml', tenant: 'x/*.yaml', 'https://example.com/s.json': '*.json' },
    }),
    [u('schemas/svc.json')],
  );
  assert.deepEqual(
    host.namedSchemaFiles({
      ...settings,
      workspaceFolders: [],
      schemas: { './relative.json': '*.yaml', '/opt/schemas/defs.json': [] },
    }),
    ['file:///opt/schemas/defs.json'],
  );
  assert.equal(host.isBundledSchema('tenant'), true);
  assert.equal(host.isBundledSchema('./schemas/svc.json'), false);
});

test('an open document outside the workspace is not indexed', () => {
  const host = createAnalysisHost({
    bundled,
    read: () => ({ ok: false, refusal: 'outside-workspace' }),
    inWorkspace: (uri) => uri.startsWith(ws + '/'),
  });
  host.finishLoading();
  for (const uri of [u('a.slack.yaml'), 'file:///elsewhere/b.slack.yaml']) {
    host.openDocument(TextDocument.create(uri, 'tenant-yaml', 1, SLACK));
    host.indexOpen(uri, settings);
  }
  assert.deepEqual(host.indexedFiles(), [u('a.slack.yaml')]);
});

test('a large open document is indexed from its text when saved, not while typed', () => {
  const { host } = loaded();
  const big = u('acme/big.slack.yaml');
  const text = SLACK + '# ' + 'x'.repeat(1_100_000) + '\n';
  host.openDocument(TextDocument.create(big, 'tenant-yaml', 1, text));
  assert.equal(host.needsIndexing(big), false);
  assert.deepEqual(host.indexOpen(big, settings), []);
  assert.ok(host.fileChanged(big, settings, false).includes(big));
  assert.equal(host.isIndexed(big), true);
});
