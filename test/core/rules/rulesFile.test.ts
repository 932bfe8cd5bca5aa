import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allHits, brief, json, ruleHits, withCode } from './check';

test('group names are unique within a rules file (upstream `name`, monitoring `group`)', () => {
  const text =
    'groups:\n  - name: api\n    rules: [{ alert: A, expr: up == 0 }]\n  - name: db\n    rules: [{ alert: B, expr: up == 0 }]\n  - name: api\n    rules: [{ alert: C, expr: up == 0 }]\n';
  const hits = ruleHits(text, 'x.rules.yaml');
  assert.deepEqual(brief(hits), [{ code: 'rules.duplicate-group', text: 'api', path: 'groups.2.name' }]);
  assert.equal(hits[0].range, '6:11-6:14');
  const mon = json({
    schema_version: '2',
    tenant_id: 'acme',
    alert_rules: [
      {
        group: 'g',
        rules: [{ alert: 'A', expr: 'up == 0', labels: { severity: 'critical' }, annotations: { summary: 'x' } }],
      },
      {
        group: 'g',
        rules: [{ alert: 'B', expr: 'up == 0', labels: { severity: 'critical' }, annotations: { summary: 'x' } }],
      },
    ],
  });
  assert.deepEqual(brief(ruleHits(mon, 'x.monitoring.json')), [
    { code: 'rules.duplicate-group', text: '"g"', path: 'alert_rules.1.group' },
  ]);
});

test('recording rules: alerting-only fields (said once, by the rule, instead of the schema), names and braces; record and alert together', () => {
  const text = [
    'groups:',
    '  - name: g',
    '    rules:',
    '      - record: "job:http_requests:rate5m{env=\\"prod\\"}"',
    '        expr: sum by (job) (rate(http_requests_total[5m]))',
    '      - record: tenant-requests:rate5m',
    '        expr: sum(rate(x[5m]))',
    '      - record: job:up:sum',
    '        expr: sum(up)',
    '        for: 5m',
    '',
  ].join('\n');
  const hits = allHits(text, 'x.rules.yaml');
  assert.deepEqual(brief(withCode(hits, 'rules.')), [
    {
      code: 'rules.record-name-braces',
      text: '"job:http_requests:rate5m{env=\\"prod\\"}"',
      path: 'groups.0.rules.0.record',
    },
    { code: 'rules.invalid-record-name', text: 'tenant-requests:rate5m', path: 'groups.0.rules.1.record' },
    { code: 'rules.recording-rule-field', text: 'for', path: 'groups.0.rules.2.for' },
  ]);
  assert.equal(withCode(hits, 'rules.invalid-record-name')[0].severity, 'warning');
  // The schema's "unknown key `for`" (whose allowed keys would only be those of the recording branch) is replaced: one diagnostic.
  assert.deepEqual(
    hits.filter((h) => h.path.join('.') === 'groups.0.rules.2.for').map((h) => h.code),
    ['rules.recording-rule-field'],
  );
  assert.equal(withCode(hits, 'rules.recording-rule-field')[0].data.supersedes, 'schema.additional-property');
  // A rule that is both: one problem on `alert`, instead of the schema's unknown key of one branch.
  const both = allHits(
    'groups:\n  - name: g\n    rules:\n      - record: a:b\n        alert: A\n        expr: up\n',
    'x.rules.yaml',
  );
  assert.deepEqual(
    both.map((h) => [h.code, h.path.join('.')]),
    [['rules.record-and-alert', 'groups.0.rules.0.alert']],
  );
});

test('`__name__` as a group or rule label, and the duplicate-rules lint', () => {
  const text = [
    'groups:',
    '  - name: g',
    '    labels: { __name__: x }',
    '    rules:',
    '      - alert: HighLatency',
    '        expr: x > 1',
    '        labels: { severity: warning }',
    '      - alert: HighLatency',
    '        expr: x > 2',
    '        labels: { severity: warning }',
    '      - alert: HighLatency',
    '        expr: x > 5',
    '        labels: { severity: critical }',
    '',
  ].join('\n');
  const hits = ruleHits(text, 'x.rules.yaml');
  assert.deepEqual(brief(hits), [
    { code: 'rules.reserved-label-name', text: '__name__', path: 'groups.0.labels.__name__' },
    { code: 'rules.duplicate-rule', text: 'HighLatency', path: 'groups.0.rules.1.alert' },
  ]);
  assert.equal(hits[1].severity, 'warning');
});

test('a clean rules file gives nothing', () => {
  const text =
    'groups:\n  - name: a\n    rules:\n      - record: job:up:sum\n        expr: sum by (job) (up)\n      - alert: Down\n        expr: job:up:sum == 0\n        for: 5m\n        annotations: { summary: "{{ $labels.job }} is down" }\n';
  assert.deepEqual(ruleHits(text, 'x.rules.yaml'), []);
});

test('several YAML documents in a rules file: a warning on the `---` of each later document, not on the first one', () => {
  const later = '---\ngroups:\n  - name: b\n    rules: [{ alert: B, expr: up == 0 }]\n';
  const text = 'groups:\n  - name: a\n    rules: [{ alert: A, expr: up == 0 }]\n' + later + '--- # third\ngroups: []\n';
  const hits = ruleHits(text, 'x.rules.yaml');
  assert.deepEqual(brief(hits), [
    { code: 'rules.multiple-documents', text: '---', path: '' },
    { code: 'rules.multiple-documents', text: '---', path: '' },
  ]);
  assert.deepEqual(
    hits.map((h) => [h.range, h.severity]),
    [
      ['4:1-4:4', 'warning'],
      ['8:1-8:4', 'warning'],
    ],
  );
  // The same document text first in a file (validated and cached per chunk) gets no warning.
  assert.deepEqual(ruleHits(later, 'y.rules.yaml'), []);
  assert.deepEqual(ruleHits('# rules\n' + later, 'z.rules.yaml'), []);
  // One document, in YAML or JSON, is the normal case.
  assert.deepEqual(ruleHits(json({ groups: [{ name: 'a', rules: [] }] }), 'x.rules.json'), []);
});
