// The upstream schemas read files the way Prometheus, Alertmanager and Grafana do, record the
// release they match, and keep their model for completion and hover.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { complete, labels } from '../support/cursor';
import { doc, repoRoot, service, settings, validate } from '../support/service';

const lines = (...l: string[]): string => l.join('\n') + '\n';
const errors = (text: string, name: string, extra = {}) =>
  validate(text, name, extra)
    .filter((d) => d.severity === DiagnosticSeverity.Error)
    .map((d) => `${String(d.code)} ${JSON.stringify((d.data as { path?: unknown }).path)}`);

test('Go scalars in string fields and UTF-8 names are accepted; numbers and booleans are not read from strings', () => {
  const prometheus = lines(
    'global:',
    '  external_labels: { replica: 1, "service.name": web, dc: true }',
    'scrape_configs:',
    '  - job_name: 2024',
    '    bearer_token: 1234',
    '    relabel_configs: [{ source_labels: ["service.name"], target_label: "k8s.pod", replacement: 1 }]',
    '    static_configs: [{ targets: ["a:1"], labels: { "équipe": sre, tier: 3 } }]',
  );
  assert.deepEqual(errors(prometheus, 'prometheus.yml'), []);
  const rules = lines(
    'groups:',
    '  - name: 1',
    '    rules:',
    '      - alert: A',
    '        expr: up == 0',
    '        labels: { priority: 1, "on-call": true }',
    '        annotations: { "ins-tance": "{{ $labels.instance }}", runbook: 7 }',
  );
  assert.deepEqual(errors(rules, 'x.rules.yml'), []);
  const alertmanager = lines(
    'route: { receiver: a, group_by: ["service.name"], labels: { tier: 1 } }',
    'receivers: [{ name: a, labels: { priority: 2 } }]',
  );
  assert.deepEqual(errors(alertmanager, 'alertmanager.yml'), []);
  assert.deepEqual(errors(lines('global:', '  sample_limit: "10"'), 'prometheus.yml'), [
    'schema.type ["global","sample_limit"]',
  ]);
});

test('policy and secret checks are warnings on upstream kinds, errors in ours; the severity setting raises them', () => {
  const prometheus = lines('scrape_configs:', '  - job_name: a', '    tls_config: { min_version: TLS10 }');
  const tls = (extra = {}) =>
    validate(prometheus, 'prometheus.yml', extra)
      .filter((d) => d.code === 'policy.tls-version')
      .map((d) => d.severity);
  assert.deepEqual(tls(), [DiagnosticSeverity.Warning]);
  assert.deepEqual(tls({ severity: { 'policy.tls-version': 'error' } }), [DiagnosticSeverity.Error]);
  // A version Prometheus does not know stays an error: the rule says what the schema's enum would.
  const unknown = validate(prometheus.replace('TLS10', 'TLSv1.0'), 'prometheus.yml').filter(
    (d) => d.severity === DiagnosticSeverity.Error,
  );
  assert.deepEqual(
    unknown.map((d) => d.code),
    ['policy.tls-version'],
  );
  const security = lines('schema_version: "1"', 'tenant_id: acme', 'transport:', '  min_tls_version: "1.0"');
  assert.ok(
    validate(security, 'x.security.yaml').some(
      (d) => d.code === 'policy.tls-version' && d.severity === DiagnosticSeverity.Error,
    ),
  );
});

test('"Allowed keys" lists every key the mapping may have, the ones already written too', () => {
  const d = validate(lines('global:', '  scrape_interval: 15s', '  nonexistent_field: x'), 'prometheus.yml').find(
    (x) => x.code === 'schema.additional-property',
  );
  assert.ok(d);
  const allowed = (d.data as { allowed: string[] }).allowed;
  assert.ok(allowed.includes('scrape_interval') && allowed.includes('scrape_protocols'), allowed.join());
  assert.match(typeof d.message === 'string' ? d.message : d.message.value, /Allowed keys: `scrape_interval`/);
});

test('every upstream schema records the release it matches and marks its changes', () => {
  const dir = path.join(repoRoot, 'schemas', 'upstream');
  for (const [file, repo] of [
    ['prometheus.schema.json', 'prometheus/prometheus'],
    ['prometheus-rules.schema.json', 'prometheus/prometheus'],
    ['alertmanager.schema.json', 'prometheus/alertmanager'],
    ['grafana-dashboard.schema.json', 'grafana/grafana-foundation-sdk'],
  ]) {
    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    const schema = JSON.parse(text) as { $comment: string; 'x-upstream': { repository: string; commit: string } };
    assert.equal(schema['x-upstream'].repository, repo, file);
    assert.match(schema['x-upstream'].commit, /^[0-9a-f]{40}$/, file);
    assert.match(schema.$comment, /^Modified from .* at commit [0-9a-f]{40}/, file);
    assert.ok((text.match(/"tenant-config: /g) ?? []).length >= 3, `${file}: changed nodes are marked`);
  }
});

test('Grafana: the model still feeds completion and hover; Go string fields are not offered booleans', () => {
  const panel = (rest: string) =>
    complete(`{"title": "A", "panels": [{"type": "timeseries", ${rest}}]}`, 'a.dashboard.json').items;
  const keys = labels(panel('"$0'));
  assert.ok(
    ['gridPos', 'datasource', 'targets', 'fieldConfig'].every((k) => keys.includes(k)),
    keys.join(),
  );
  // An enum of the model is now suggested, not enforced.
  const values = labels(panel('"repeatDirection": $0'));
  assert.ok(values.some((v) => v.includes('h')) && values.some((v) => v.includes('v')), values.join());
  const text = '{"title": "A", "graphTooltip": 1}';
  const d = doc(text, 'a.dashboard.json');
  const hover = service().doHover(d, d.positionAt(text.indexOf('graphTooltip') + 2), settings());
  assert.match(JSON.stringify(hover?.contents ?? ''), /crosshair/);
  const token = labels(
    complete(lines('scrape_configs:', '  - job_name: a', '    bearer_token: $0'), 'prometheus.yml').items,
  );
  assert.ok(!token.includes('true') && !token.includes('false'), token.join());
});
