import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Ws } from './helpers';

const TEMPLATES = `tenant_id: acme
default_locale: en
defines:
  acme.title: '[{{ .Status | toUpper }}] {{ .CommonLabels.alertname }}'
  acme.spare: 'x'
templates:
  acme.critical:
    en: { title: '{{ template "acme.title" . }}', body: b }
  acme.unused:
    en: { title: t, body: b }
`;

const SLACK = `tenant_id: acme
receivers:
  - name: acme-critical
    slack_configs:
      - channel: "#acme"
        title: '{{ template "acme.titel" . }} {{ template "slack.default.title" . }}'
        text: "{{ template \\"acme.title\\" . }}"
        alert_template: acme.critcal
`;

const NOTIFICATIONS = `tenant_id: acme
defaults:
  template: platform.default
rules:
  - name: r
    channels: [slack]
    receiver_ref: acme-critical
    template: acme.critical
`;

const PLATFORM = `alert_templates:
  platform.default:
    en: { title: t, body: b }
`;

test('undefined alert template: suggestion from the tenant templates', () => {
  const ws = new Ws({ 'acme/acme.alert-templates.yaml': TEMPLATES, 'acme/acme.slack.yaml': SLACK });
  const [p] = ws.problems('acme/acme.slack.yaml').filter((x) => x.code === 'ref.undefined-template');
  assert.equal(ws.slice('acme/acme.slack.yaml', p), 'acme.critcal');
  assert.deepEqual(p.data?.path, ['receivers', 0, 'slack_configs', 0, 'alert_template']);
  assert.equal((p.data?.suggestions as string[])[0], 'acme.critical');
  assert.equal(p.data?.tenant, 'acme');
});

test('undefined template block inside a Go template string: the range is the name inside the quotes', () => {
  const ws = new Ws({ 'acme/acme.alert-templates.yaml': TEMPLATES, 'acme/acme.slack.yaml': SLACK });
  const blocks = ws.problems('acme/acme.slack.yaml').filter((x) => x.code === 'ref.undefined-template-block');
  assert.equal(blocks.length, 1, 'Alertmanager default templates are known, the escaped name resolves');
  assert.equal(blocks[0].offset, ws.at('acme/acme.slack.yaml', 'acme.titel'));
  assert.equal(blocks[0].length, 'acme.titel'.length);
  assert.deepEqual(blocks[0].data?.path, ['receivers', 0, 'slack_configs', 0, 'title']);
  assert.equal((blocks[0].data?.suggestions as string[])[0], 'acme.title');
});

test('unused template and unused block; templates used by notification rules are used', () => {
  const ws = new Ws({
    'acme/acme.alert-templates.yaml': TEMPLATES,
    'acme/acme.slack.yaml': SLACK,
    'acme/acme.notifications.yaml': NOTIFICATIONS,
  });
  const p = ws.problems('acme/acme.alert-templates.yaml');
  assert.deepEqual(
    p.map((x) => [x.code, ws.slice('acme/acme.alert-templates.yaml', x)]),
    [
      ['ref.unused-template-block', 'acme.spare'],
      ['ref.unused-template', 'acme.unused'],
    ],
  );
});

test('platform-wide templates are visible to every tenant and never unused', () => {
  const ws = new Ws({
    'acme/acme.alert-templates.yaml': TEMPLATES,
    'acme/acme.notifications.yaml': NOTIFICATIONS,
    'platform/platform.monitoring.yaml': PLATFORM,
  });
  assert.deepEqual(
    ws.codes('acme/acme.notifications.yaml').filter((c) => c.includes('template')),
    [],
  );
  assert.deepEqual(ws.codes('platform/platform.monitoring.yaml'), []);
});

test('duplicate templates per tenant; the same name in another tenant or platform-wide is fine', () => {
  const ws = new Ws({
    'acme/acme.alert-templates.yaml': TEMPLATES,
    'acme/extra.alert-templates.json': JSON.stringify({
      tenant_id: 'acme',
      templates: { 'acme.critical': { en: { title: 't', body: 'b' } } },
    }),
    'globex/globex.alert-templates.yaml':
      'tenant_id: globex\ntemplates:\n  acme.unused:\n    en: { title: t, body: b }\n',
    'platform/platform.monitoring.yaml': 'alert_templates:\n  acme.unused:\n    en: { title: t, body: b }\n',
  });
  const dups = ws.problems('acme/extra.alert-templates.json').filter((p) => p.code === 'ref.duplicate-template');
  assert.equal(dups.length, 1);
  assert.equal(ws.slice('acme/extra.alert-templates.json', dups[0]), 'acme.critical');
  assert.deepEqual(dups[0].data?.path, ['templates', 'acme.critical']);
  assert.deepEqual(
    ws.codes('acme/acme.alert-templates.yaml').filter((c) => c.startsWith('ref.duplicate')),
    ['ref.duplicate-template'],
  );
  assert.deepEqual(
    ws.codes('globex/globex.alert-templates.yaml').filter((c) => c.startsWith('ref.duplicate')),
    [],
  );
});

test('template blocks are global: defines in two files, and `{{ define }}` in a string, are duplicates', () => {
  const ws = new Ws({
    'acme/acme.alert-templates.yaml': TEMPLATES,
    'globex/globex.alert-templates.yaml': `tenant_id: globex\ndefines:\n  shared: '{{ define "acme.title" }}x{{ end }}'\ntemplates: {}\n`,
  });
  const d = ws.problems('globex/globex.alert-templates.yaml').filter((p) => p.code === 'ref.duplicate-template-block');
  assert.equal(d.length, 1);
  assert.equal(ws.slice('globex/globex.alert-templates.yaml', d[0]), 'acme.title');
  assert.ok(ws.codes('acme/acme.alert-templates.yaml').includes('ref.duplicate-template-block'));
});

test('Alertmanager template globs: blocks may be defined where the index cannot see, so undefined blocks are not reported', () => {
  const ws = new Ws({ 'acme/acme.alert-templates.yaml': TEMPLATES, 'acme/acme.slack.yaml': SLACK });
  assert.ok(ws.codes('acme/acme.slack.yaml').includes('ref.undefined-template-block'));
  const deps = ws.set(
    'platform/alertmanager.yml',
    `templates: ['/etc/alertmanager/*.tmpl']\nroute:\n  receiver: acme-critical\nreceivers: []\n`,
  );
  assert.ok(deps.some((u) => u.endsWith('acme/acme.slack.yaml')));
  assert.ok(!ws.codes('acme/acme.slack.yaml').includes('ref.undefined-template-block'));
});
