import { test } from 'node:test';
import assert from 'node:assert/strict';
import { uri, Ws } from './helpers';

const TEMPLATES = `tenant_id: acme
defines:
  acme.title: '[{{ .Status | toUpper }}]'
  acme.text: '{{ template "acme.title" . }} more'
templates:
  acme.critical:
    en: { title: t, body: b }
`;

const SLACK = `tenant_id: acme
receivers:
  - name: "acme-critical"
    slack_configs:
      - channel: "#acme"
        title: '{{ template "acme.title" . }}'
        text: "{{ template \\"acme.title\\" . }}"
        alert_template: 'acme.critical'
`;

const NOTIFICATIONS = JSON.stringify(
  {
    tenant_id: 'acme',
    rules: [{ name: 'r', channels: ['slack'], receiver_ref: 'acme-critical', template: 'acme.critical' }],
  },
  null,
  2,
);

const MONITORING = `tenant_id: acme
alertmanager:
  route:
    receiver: acme-critical
    routes:
      - receiver: acme-critical
  receivers: []
`;

function workspace(): Ws {
  return new Ws({
    'acme/acme.alert-templates.yaml': TEMPLATES,
    'acme/acme.slack.yaml': SLACK,
    'acme/acme.notifications.json': NOTIFICATIONS,
    'acme/acme.monitoring.yaml': MONITORING,
  });
}

test('definition: from a reference in another file, from inside a Go template string, from a JSON string', () => {
  const ws = workspace();
  const fromRoute = ws.index.definition(
    uri('acme/acme.monitoring.yaml'),
    ws.at('acme/acme.monitoring.yaml', 'acme-critical', 1, 3),
  );
  assert.equal(fromRoute.length, 1);
  assert.equal(fromRoute[0].uri, uri('acme/acme.slack.yaml'));
  assert.equal(fromRoute[0].offset, ws.at('acme/acme.slack.yaml', 'acme-critical'));
  assert.deepEqual(fromRoute[0].range, { start: { line: 2, character: 11 }, end: { line: 2, character: 24 } });

  const fromGo = ws.index.definition(uri('acme/acme.slack.yaml'), ws.at('acme/acme.slack.yaml', 'acme.title', 1, 2));
  assert.deepEqual(
    fromGo.map((l) => [l.uri, l.offset]),
    [[uri('acme/acme.alert-templates.yaml'), ws.at('acme/acme.alert-templates.yaml', 'acme.title')]],
  );

  const fromJson = ws.index.definition(
    uri('acme/acme.notifications.json'),
    ws.at('acme/acme.notifications.json', 'acme.critical'),
  );
  assert.deepEqual(
    fromJson.map((l) => [l.uri, l.offset]),
    [[uri('acme/acme.alert-templates.yaml'), ws.at('acme/acme.alert-templates.yaml', 'acme.critical')]],
  );

  assert.deepEqual(ws.index.definition(uri('acme/acme.slack.yaml'), ws.at('acme/acme.slack.yaml', '#acme')), []);
});

test('references across files, with and without the declaration', () => {
  const ws = workspace();
  const at = ws.at('acme/acme.slack.yaml', 'acme-critical', 0, 5);
  const refs = ws.index.references(uri('acme/acme.slack.yaml'), at, false);
  assert.deepEqual(
    refs.map((l) => [l.uri.split('/').pop(), l.range.start.line]),
    [
      ['acme.monitoring.yaml', 3],
      ['acme.monitoring.yaml', 5],
      ['acme.notifications.json', 8],
    ],
  );
  const withDecl = ws.index.references(uri('acme/acme.slack.yaml'), at, true);
  assert.equal(withDecl.length, 4);
  const blocks = ws.index.references(
    uri('acme/acme.alert-templates.yaml'),
    ws.at('acme/acme.alert-templates.yaml', 'acme.title'),
    false,
  );
  assert.deepEqual(
    blocks.map((l) => l.uri.split('/').pop()),
    ['acme.alert-templates.yaml', 'acme.slack.yaml', 'acme.slack.yaml'],
  );
});

test('rename: quoted scalars keep their quotes, names inside Go template strings are renamed, JSON too', () => {
  const ws = workspace();
  const prep = ws.index.prepareRename(
    uri('acme/acme.slack.yaml'),
    ws.at('acme/acme.slack.yaml', 'acme-critical', 0, 2),
  );
  assert.ok(prep);
  assert.equal(prep.placeholder, 'acme-critical');
  assert.equal(prep.offset, ws.at('acme/acme.slack.yaml', 'acme-critical'));
  assert.equal(prep.length, 'acme-critical'.length);
  assert.equal(
    ws.index.prepareRename(uri('acme/acme.slack.yaml'), ws.at('acme/acme.slack.yaml', 'channel')),
    undefined,
  );

  const r = ws.index.rename(
    uri('acme/acme.monitoring.yaml'),
    ws.at('acme/acme.monitoring.yaml', 'acme-critical'),
    'acme-oncall',
  );
  assert.ok(r);
  assert.deepEqual(Object.keys(r.changes).sort(), [
    uri('acme/acme.monitoring.yaml'),
    uri('acme/acme.notifications.json'),
    uri('acme/acme.slack.yaml'),
  ]);
  assert.match(ws.apply('acme/acme.slack.yaml', r.changes[uri('acme/acme.slack.yaml')]), /- name: "acme-oncall"\n/);
  assert.equal(
    ws.apply('acme/acme.monitoring.yaml', r.changes[uri('acme/acme.monitoring.yaml')]),
    MONITORING.replace(/acme-critical/g, 'acme-oncall'),
  );
  assert.deepEqual(
    JSON.parse(ws.apply('acme/acme.notifications.json', r.changes[uri('acme/acme.notifications.json')])).rules[0]
      .receiver_ref,
    'acme-oncall',
  );

  const b = ws.index.rename(
    uri('acme/acme.slack.yaml'),
    ws.at('acme/acme.slack.yaml', 'acme.title', 0, 4),
    'acme.heading',
  );
  assert.ok(b);
  const slack = ws.apply('acme/acme.slack.yaml', b.changes[uri('acme/acme.slack.yaml')]);
  assert.match(slack, /title: '\{\{ template "acme\.heading" \. \}\}'/);
  assert.match(slack, /text: "\{\{ template \\"acme\.heading\\" \. \}\}"/);
  const tpl = ws.apply('acme/acme.alert-templates.yaml', b.changes[uri('acme/acme.alert-templates.yaml')]);
  assert.match(tpl, /\n {2}acme\.heading: '\[/);
  assert.match(tpl, /acme\.text: '\{\{ template "acme\.heading" \. \}\} more'/);
  // After the rename, nothing is undefined.
  ws.set('acme/acme.slack.yaml', slack);
  ws.set('acme/acme.alert-templates.yaml', tpl);
  assert.deepEqual(
    ws.codes('acme/acme.slack.yaml').filter((c) => c.includes('template-block')),
    [],
  );
});

test('rename: a plain scalar gets quotes when the new name needs them; unwritable names are refused', () => {
  const ws = workspace();
  const at = ws.at('acme/acme.monitoring.yaml', 'acme-critical');
  const r = ws.index.rename(uri('acme/acme.monitoring.yaml'), at, '#oncall');
  assert.ok(r);
  assert.match(
    ws.apply('acme/acme.monitoring.yaml', r.changes[uri('acme/acme.monitoring.yaml')]),
    /receiver: "#oncall"\n/,
  );
  assert.match(ws.apply('acme/acme.slack.yaml', r.changes[uri('acme/acme.slack.yaml')]), /- name: "#oncall"\n/);
  assert.equal(ws.index.rename(uri('acme/acme.monitoring.yaml'), at, 'two words'), undefined);
  assert.equal(ws.index.rename(uri('acme/acme.monitoring.yaml'), at, 'a"b'), undefined);
  assert.equal(ws.index.rename(uri('acme/acme.monitoring.yaml'), at, ''), undefined);
});

test('rename of a locale reaches every file of the tenant', () => {
  const ws = new Ws({
    'acme/acme.localization.yaml':
      'tenant_id: acme\ndefault_locale: fr\nsupported_locales: [fr, en]\nfallback: { en: fr }\nlocales:\n  fr: { messages: { a: A } }\n  en: { messages: { a: A } }\n',
    'acme/acme.alert-templates.json': JSON.stringify({
      tenant_id: 'acme',
      templates: { t: { fr: { title: 't', body: 'b' }, en: { title: 't', body: 'b' } } },
    }),
    'globex/globex.localization.yaml': 'tenant_id: globex\nsupported_locales: [fr]\n',
  });
  const r = ws.index.rename(
    uri('acme/acme.localization.yaml'),
    ws.at('acme/acme.localization.yaml', 'fr, en'),
    'fr-FR',
  );
  assert.ok(r);
  assert.deepEqual(Object.keys(r.changes).sort(), [
    uri('acme/acme.alert-templates.json'),
    uri('acme/acme.localization.yaml'),
  ]);
  assert.equal(r.changes[uri('acme/acme.localization.yaml')].length, 4);
  assert.equal(
    JSON.parse(ws.apply('acme/acme.alert-templates.json', r.changes[uri('acme/acme.alert-templates.json')])).templates
      .t['fr-FR'].title,
    't',
  );
});

test('completion names: at a partial reference, at an empty value, inside an empty list', () => {
  const ws = new Ws({
    'acme/acme.security.yaml':
      'tenant_id: acme\nmfa:\n  required_for_roles: []\nauthorization:\n  rbac:\n    roles:\n      - name: viewer\n      - name: sre\n        inherits: [vie]\n    bindings:\n      - role:\n',
    'acme/acme.slack.yaml': SLACK,
    'acme/acme.notifications.yaml': 'tenant_id: acme\nrules:\n  - receiver_ref: acme\n',
  });
  const partial = ws.index.completionNames(
    uri('acme/acme.security.yaml'),
    ws.at('acme/acme.security.yaml', 'vie]', 0, 3),
  );
  assert.deepEqual(partial, {
    namespace: 'role',
    names: ['sre', 'viewer'],
    replace: { offset: ws.at('acme/acme.security.yaml', 'vie]'), length: 3 },
  });
  const empty = ws.index.completionNames(
    uri('acme/acme.security.yaml'),
    ws.at('acme/acme.security.yaml', 'role:', 0, 5),
  );
  assert.deepEqual(empty, { namespace: 'role', names: ['sre', 'viewer'] });
  const list = ws.index.completionNames(uri('acme/acme.security.yaml'), ws.at('acme/acme.security.yaml', '[]', 0, 1));
  assert.deepEqual(list?.namespace, 'role');
  const recv = ws.index.completionNames(
    uri('acme/acme.notifications.yaml'),
    ws.at('acme/acme.notifications.yaml', 'receiver_ref: acme', 0, 18),
  );
  assert.deepEqual(recv?.names, ['acme-critical']);
  assert.equal(ws.index.completionNames(uri('acme/acme.security.yaml'), 0), undefined);
});

test('completion names inside a Go template string: template blocks', () => {
  const ws = new Ws({
    'acme/acme.alert-templates.yaml': TEMPLATES,
    'acme/acme.slack.yaml':
      'tenant_id: acme\nreceivers:\n  - name: r\n    slack_configs:\n      - title: \'{{ template "acme.t" . }}\'\n',
  });
  const at = ws.at('acme/acme.slack.yaml', 'acme.t"', 0, 6);
  assert.deepEqual(ws.index.completionNames(uri('acme/acme.slack.yaml'), at), {
    namespace: 'template-block',
    names: ['acme.text', 'acme.title'],
    replace: { offset: at - 6, length: 6 },
  });
});
