import { test } from 'node:test';
import assert from 'node:assert/strict';
import { brief, json, ruleHits, withCode } from './check';

test('Prometheus rule annotations and labels use the prometheus dialect', () => {
  const text = [
    'groups:',
    '  - name: g',
    '    rules:',
    '      - alert: A',
    '        expr: up == 0',
    '        labels:',
    "          severity: '{{ $value | toJson }}'",
    '        annotations:',
    '          summary: "{{ $labels.instance }} is down ({{ $value | humanizePercentage }})"',
    '          description: "{{ $lables.job }}"',
    '',
  ].join('\n');
  const hits = ruleHits(text, 'x.rules.yaml');
  assert.deepEqual(brief(hits), [
    { code: 'template.undefined-function', text: 'toJson', path: 'groups.0.rules.0.labels.severity' },
    { code: 'template.undefined-variable', text: '$lables', path: 'groups.0.rules.0.annotations.description' },
  ]);
  assert.equal(hits[0].range, '7:34-7:40');
});

test('a rule template sees only its own defines', () => {
  const text =
    'groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: up == 0\n        annotations:\n          summary: \'{{ define "x" }}X{{ end }}{{ template "x" . }} {{ template "y" . }}\'\n';
  assert.deepEqual(brief(ruleHits(text, 'x.rules.yaml')), [
    { code: 'template.undefined-template', text: 'y', path: 'groups.0.rules.0.annotations.summary' },
  ]);
});

test('recording rule labels are not templates', () => {
  const text =
    'groups:\n  - name: g\n    rules:\n      - record: job:x:sum\n        expr: sum(x)\n        labels:\n          note: "{{ not a template"\n';
  assert.deepEqual(ruleHits(text, 'x.rules.yaml'), []);
});

test('literal and folded block scalars: ranges on the right line and column', () => {
  const text = [
    'groups:',
    '  - name: g',
    '    rules:',
    '      - alert: A',
    '        expr: up == 0',
    '        annotations:',
    '          summary: |',
    '            Host {{ $labels.instance }} is',
    '            down {{ $labels.job | humanise }}',
    '          description: >',
    '            first line',
    '            {{ if $value }}x',
    '',
  ].join('\n');
  const hits = ruleHits(text, 'x.rules.yaml');
  assert.deepEqual(brief(hits), [
    { code: 'template.undefined-function', text: 'humanise', path: 'groups.0.rules.0.annotations.summary' },
    { code: 'template.missing-end', text: '{{ if $value }}', path: 'groups.0.rules.0.annotations.description' },
  ]);
  assert.deepEqual(
    hits.map((h) => h.range),
    ['9:35-9:43', '12:13-12:28'],
  );
});

test('Alertmanager notifier texts use the alertmanager dialect (every *_configs field, nested ones too)', () => {
  const text = [
    'global:',
    '  smtp_smarthost: smtp.example.com:587',
    '  smtp_from: alerts@example.com',
    '  slack_api_url_file: /etc/alertmanager/slack-url',
    'route:',
    '  receiver: team',
    'receivers:',
    '  - name: team',
    '    slack_configs:',
    '      - channel: "#team"',
    "        title: '[{{ .Status | toUpper }}] {{ .CommonLabels.alertname | humanize }}'",
    "        text: '{{ range .Alerts }}{{ .Annotations.summary }}'",
    '        fields:',
    "          - { title: Team, value: '{{ .CommonLabel.team }}' }",
    '    email_configs:',
    '      - to: team@example.com',
    '        headers:',
    "          Subject: '{{ .CommonLabels.alertname '",
    '',
  ].join('\n');
  const hits = ruleHits(text, 'alertmanager.yml');
  assert.deepEqual(brief(hits), [
    { code: 'template.undefined-function', text: 'humanize', path: 'receivers.0.slack_configs.0.title' },
    { code: 'template.missing-end', text: '{{ range .Alerts }}', path: 'receivers.0.slack_configs.0.text' },
    { code: 'template.unknown-field', text: '.CommonLabel', path: 'receivers.0.slack_configs.0.fields.0.value' },
    { code: 'template.unclosed-action', text: '{{', path: 'receivers.0.email_configs.0.headers.Subject' },
  ]);
  assert.equal(hits[2].severity, 'warning');
});

test('Slack receiver files and the receivers of monitoring files', () => {
  const slack =
    'schema_version: "2"\ntenant_id: acme\nreceivers:\n  - name: a\n    slack_configs:\n      - channel: "#a"\n        text: "{{ .Alerts | len }} {{ end }}"\n';
  assert.deepEqual(brief(ruleHits(slack, 'x.slack.yaml')), [
    { code: 'template.unexpected-end', text: '{{ end }}', path: 'receivers.0.slack_configs.0.text' },
  ]);
  const monitoring = {
    schema_version: '2',
    tenant_id: 'acme',
    alertmanager: {
      route: { receiver: 'a' },
      receivers: [
        {
          name: 'a',
          email_configs: [{ to: 'a@example.com', html: '{{ template "email.default.html" . }}{{ .Values }}' }],
        },
      ],
    },
  };
  assert.deepEqual(brief(withCode(ruleHits(json(monitoring), 'x.monitoring.json'), 'template.')), [
    { code: 'template.unknown-field', text: '.Values', path: 'alertmanager.receivers.0.email_configs.0.html' },
  ]);
});

test('alert template files: defines and localized bodies; a template defined in another file is not flagged here', () => {
  const text = [
    'schema_version: "2"',
    'tenant_id: acme',
    'default_locale: en',
    'defines:',
    "  acme.title: '{{ .Status | toUpper'",
    'templates:',
    '  acme.critical:',
    '    en:',
    '      title: \'{{ template "acme.elsewhere" . }}\'',
    '      body: |-',
    '        {{ range .Alerts }}• {{ .Annotations.summary }}',
    '        {{ end }}{{ end }}',
    '',
  ].join('\n');
  const hits = ruleHits(text, 'x.alert-templates.yaml');
  assert.deepEqual(brief(hits), [
    { code: 'template.unclosed-action', text: '{{', path: 'defines.acme.title' },
    { code: 'template.unexpected-end', text: '{{ end }}', path: 'templates.acme.critical.en.body' },
  ]);
  assert.equal(hits[1].range, '12:18-12:27');
});

test('templates in JSON strings with escapes', () => {
  const text = json({
    groups: [
      {
        name: 'g',
        rules: [{ alert: 'A', expr: 'up == 0', annotations: { summary: 'line\n"quoted" {{ $labels.job | nope }}' } }],
      },
    ],
  });
  const hits = ruleHits(text, 'x.rules.json');
  assert.deepEqual(brief(hits), [
    { code: 'template.undefined-function', text: 'nope', path: 'groups.0.rules.0.annotations.summary' },
  ]);
});
