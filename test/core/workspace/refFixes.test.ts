import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-types';
import { parseText, toDiagnostics, type CrossFileProblems } from '../../../core/src/languageService';
import { service, settings } from '../../support/service';
import { kindOf, uri, Ws } from './helpers';

const SLACK = `tenant_id: acme
receivers:
  - name: acme-critical
    slack_configs:
      - channel: "#acme-incidents"
  # spare receivers
  - name: "acme-spare"
    slack_configs:
      - channel: "#acme-spare"
  - name: acme-last
    slack_configs:
      - channel: "#acme-last"
`;

const NOTIFICATIONS = `tenant_id: acme
rules:
  - name: critical
    matchers: ['severity="critical"']
    channels: [slack]
    receiver_ref: "acme-critcal"   # typo
`;

/** The document of a workspace file, its cross-file diagnostics, and the index's view of a candidate text. */
function setup(ws: Ws, name: string): { doc: TextDocument; diagnostics: Diagnostic[]; crossFile: CrossFileProblems } {
  const text = ws.texts.get(name) ?? '';
  const format = name.endsWith('.json') ? 'json' : 'yaml';
  const doc = TextDocument.create(uri(name), format === 'json' ? 'tenant-json' : 'tenant-yaml', 1, text);
  const crossFile: CrossFileProblems = (t) => ws.index.problemsWith(uri(name), kindOf(name), parseText(t, format));
  return { doc, diagnostics: toDiagnostics(doc, ws.problems(name), settings()), crossFile };
}

function fixesFor(doc: TextDocument, d: Diagnostic, crossFile?: CrossFileProblems): CodeAction[] {
  return service()
    .getCodeActions(doc, d.range, { diagnostics: [d], only: ['quickfix'] }, settings(), crossFile)
    .filter((a) => a.diagnostics?.length === 1);
}

function apply(doc: TextDocument, action: CodeAction): string {
  return TextDocument.applyEdits(doc, Object.values(action.edit?.changes ?? {})[0] as TextEdit[]);
}

test('ref.undefined-receiver: changed to the closest receiver inside its quotes, verified against the index (YAML and JSON)', () => {
  const ws = new Ws({ 'acme/acme.slack.yaml': SLACK, 'acme/acme.notifications.yaml': NOTIFICATIONS });
  const { doc, diagnostics, crossFile } = setup(ws, 'acme/acme.notifications.yaml');
  const d = diagnostics.find((x) => x.code === 'ref.undefined-receiver');
  assert.ok(d);
  const actions = fixesFor(doc, d, crossFile);
  assert.equal(actions.length, 1);
  assert.ok(actions[0].isPreferred);
  const fixed = apply(doc, actions[0]);
  assert.equal(fixed, NOTIFICATIONS.replace('"acme-critcal"', '"acme-critical"'));
  // The index itself is as it was, and with the fix the file has no cross-file problem left.
  assert.deepEqual(ws.codes('acme/acme.notifications.yaml'), ['ref.undefined-receiver']);
  assert.deepEqual(crossFile(fixed), []);

  const json =
    JSON.stringify(
      { tenant_id: 'acme', rules: [{ name: 'critical', channels: ['slack'], receiver_ref: 'acme-critcal' }] },
      null,
      2,
    ) + '\n';
  ws.set('acme/acme.notifications.json', json);
  const j = setup(ws, 'acme/acme.notifications.json');
  const jd = j.diagnostics.find((x) => x.code === 'ref.undefined-receiver');
  assert.ok(jd);
  assert.equal(apply(j.doc, fixesFor(j.doc, jd, j.crossFile)[0]), json.replace('"acme-critcal"', '"acme-critical"'));
});

test('ref.undefined-template-block: the name changed inside the `{{ template "…" }}` string', () => {
  const templates = `tenant_id: acme
defines:
  acme.slack.title: "[{{ .Status }}] {{ .CommonLabels.alertname }}"
`;
  const slack = `tenant_id: acme
receivers:
  - name: acme-critical
    slack_configs:
      - channel: "#acme"
        title: '{{ template "acme.slack.titel" . }}'
`;
  const ws = new Ws({ 'acme/acme.alert-templates.yaml': templates, 'acme/acme.slack.yaml': slack });
  const { doc, diagnostics, crossFile } = setup(ws, 'acme/acme.slack.yaml');
  const d = diagnostics.find((x) => x.code === 'ref.undefined-template-block');
  assert.ok(d);
  assert.equal(apply(doc, fixesFor(doc, d, crossFile)[0]), slack.replace('acme.slack.titel', 'acme.slack.title'));
});

test('ref.unused-receiver: the receiver removed with its lines, the neighbours and comments kept; two in a row', () => {
  const ws = new Ws({
    'acme/acme.slack.yaml': SLACK,
    'acme/acme.notifications.yaml': NOTIFICATIONS.replace('"acme-critcal"', 'acme-critical'),
  });
  const { doc, diagnostics, crossFile } = setup(ws, 'acme/acme.slack.yaml');
  const unused = diagnostics.filter((x) => x.code === 'ref.unused-receiver');
  assert.equal(unused.length, 2);
  const first = fixesFor(doc, unused[0], crossFile);
  assert.equal(first.length, 1);
  assert.equal(first[0].isPreferred, true);
  assert.equal(
    apply(doc, first[0]),
    SLACK.replace('  - name: "acme-spare"\n    slack_configs:\n      - channel: "#acme-spare"\n', ''),
  );
  // The next receiver moves up to the removed one's index: that is not a new problem.
  assert.equal(
    apply(doc, fixesFor(doc, unused[1], crossFile)[0]),
    SLACK.replace('  - name: acme-last\n    slack_configs:\n      - channel: "#acme-last"\n', ''),
  );
  // Not applied by fix-all: an unused receiver may be about to be used.
  const all = service().getCodeActions(
    doc,
    unused[0].range,
    { diagnostics: [], only: ['source.fixAll'] },
    settings(),
    crossFile,
  );
  assert.deepEqual(all, []);
});

test('fixes of index problems are checked against the index: a suggestion that is no longer defined is not offered', () => {
  const ws = new Ws({ 'acme/acme.slack.yaml': SLACK, 'acme/acme.notifications.yaml': NOTIFICATIONS });
  const { doc, diagnostics, crossFile } = setup(ws, 'acme/acme.notifications.yaml');
  const d = diagnostics.find((x) => x.code === 'ref.undefined-receiver');
  assert.ok(d);
  // The receiver the diagnostic suggests is renamed in its own file after the diagnostic was published.
  ws.set('acme/acme.slack.yaml', SLACK.replace('name: acme-critical', 'name: acme-sev1'));
  assert.deepEqual(fixesFor(doc, d, crossFile), []);
  // Without the index, only the single document is checked: the edit itself is still valid there.
  assert.equal(fixesFor(doc, d).length, 1);
});
