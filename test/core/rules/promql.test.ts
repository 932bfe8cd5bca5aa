import { test } from 'node:test';
import assert from 'node:assert/strict';
import { brief, json, ruleHits, withCode } from './check';

const rules = (expr: string): string =>
  `groups:\n  - name: g\n    rules:\n      - record: job:x:rate5m\n        expr: ${expr}\n`;

test('rule expr, plain scalar: the problem covers the exact characters', () => {
  const hits = ruleHits(rules('rat(http_requests_total[5m])'), 'x.rules.yaml');
  assert.deepEqual(brief(hits), [{ code: 'promql.unknown-function', text: 'rat', path: 'groups.0.rules.0.expr' }]);
  assert.equal(hits[0].range, '5:15-5:18');
  assert.equal(hits[0].severity, 'error');
  assert.equal(hits[0].data.name, 'rat');
});

test('rule expr, double-quoted with escapes: offsets after the escapes still land on the operator', () => {
  const hits = ruleHits(rules('"sum(up{job=\\"api\\"}) +"'), 'x.rules.yaml');
  assert.deepEqual(brief(hits), [{ code: 'promql.missing-operand', text: '+', path: 'groups.0.rules.0.expr' }]);
  assert.equal(hits[0].range, '5:37-5:38');
});

test("rule expr, single-quoted: '' escapes before the problem are accounted for", () => {
  const hits = ruleHits(rules("'up{job=''a''} + rat(x[5m])'"), 'x.rules.yaml');
  assert.deepEqual(brief(hits), [{ code: 'promql.unknown-function', text: 'rat', path: 'groups.0.rules.0.expr' }]);
  assert.equal(hits[0].range, '5:32-5:35');
});

test('rule expr, literal block: a problem on the second line of the block is placed on that line', () => {
  const text =
    'groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: |\n          sum by (job) (\n            rate(x[5mn])\n          ) > 0\n';
  const hits = ruleHits(text, 'x.rules.yaml');
  assert.deepEqual(brief(hits), [{ code: 'promql.bad-duration', text: '5mn', path: 'groups.0.rules.0.expr' }]);
  assert.equal(hits[0].range, '7:20-7:23');
});

test('rule expr, folded block: the folded line breaks do not shift the range', () => {
  const text =
    'groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: >-\n          sum(rate(x[5m]))\n          > bool\n          rat(y[1m])\n';
  const hits = ruleHits(text, 'x.rules.yaml');
  assert.deepEqual(brief(hits), [{ code: 'promql.unknown-function', text: 'rat', path: 'groups.0.rules.0.expr' }]);
  assert.equal(hits[0].range, '8:11-8:14');
});

test('a rule expression must return an instant vector or scalar', () => {
  const hits = ruleHits(rules('http_requests_total[5m]'), 'x.rules.yaml');
  assert.deepEqual(brief(hits), [
    { code: 'promql.rule-result-type', text: 'http_requests_total[5m]', path: 'groups.0.rules.0.expr' },
  ]);
});

test('an unclosed call at the end of the expression points at the end', () => {
  const hits = ruleHits(rules('sum(rate(x[5m])'), 'x.rules.yaml');
  assert.deepEqual(
    brief(hits).map((h) => h.code),
    ['promql.unclosed'],
  );
  assert.equal(hits[0].range.split('-')[1], '5:30');
});

test('rules JSON: escapes inside the JSON string are mapped', () => {
  const text = json({
    groups: [{ name: 'g', rules: [{ alert: 'A', expr: 'up{job="a\\\\.b"} == 0 and rat(x[5m])' }] }],
  });
  const hits = ruleHits(text, 'x.rules.json');
  assert.deepEqual(brief(hits), [{ code: 'promql.unknown-function', text: 'rat', path: 'groups.0.rules.0.expr' }]);
});

test('monitoring: alert rule expr, custom metric query and Grafana targets (macros substituted)', () => {
  const text = [
    'schema_version: "2"',
    'tenant_id: acme',
    'custom_metrics:',
    '  - name: acme:x',
    '    type: gauge',
    '    query: sum(x[5m])',
    'grafana:',
    '  dashboards:',
    '    - uid: d',
    '      title: D',
    '      panels:',
    '        - id: 1',
    '          targets:',
    '            - refId: A',
    '              expr: sum(rate(x{env="$env"}[$__rate_interval]))',
    '            - refId: B',
    '              expr: sum(rate(x[${__interval}])) by (job',
    'alert_rules:',
    '  - group: g',
    '    rules:',
    '      - alert: A',
    '        expr: up = 0',
    '        labels: { severity: critical }',
    '        annotations: { summary: x }',
    '',
  ].join('\n');
  const hits = withCode(ruleHits(text, 'x.monitoring.yaml'), 'promql.');
  assert.deepEqual(
    hits.map((h) => [h.code, h.path.join('.')]),
    [
      ['promql.expected-instant-vector', 'custom_metrics.0.query'],
      ['promql.unclosed', 'grafana.dashboards.0.panels.0.targets.1.expr'],
      ['promql.unexpected-token', 'alert_rules.0.rules.0.expr'],
    ],
  );
});

test('Grafana dashboard files: Prometheus targets in panels and rows; Loki targets are left alone', () => {
  const dash = {
    uid: 'd1',
    title: 'D',
    schemaVersion: 39,
    panels: [
      {
        type: 'timeseries',
        title: 'a',
        id: 1,
        gridPos: { x: 0, y: 0, w: 12, h: 8 },
        targets: [
          { refId: 'A', expr: 'rate(x[$__rate_interval])' },
          { refId: 'B', expr: 'sum(rate(x))' },
        ],
      },
      {
        type: 'logs',
        title: 'l',
        id: 2,
        gridPos: { x: 12, y: 0, w: 12, h: 8 },
        datasource: { type: 'loki', uid: 'l' },
        targets: [{ refId: 'A', expr: '{app="x"} |= "err"' }],
      },
      {
        type: 'row',
        title: 'r',
        id: 3,
        gridPos: { x: 0, y: 8, w: 24, h: 1 },
        collapsed: true,
        panels: [
          {
            type: 'stat',
            title: 's',
            id: 4,
            gridPos: { x: 0, y: 9, w: 6, h: 4 },
            targets: [{ refId: 'A', expr: 'up{' }],
          },
        ],
      },
    ],
  };
  const hits = withCode(ruleHits(json(dash), 'x.dashboard.json'), 'promql.');
  assert.deepEqual(
    hits.map((h) => [h.code, h.path.join('.')]),
    [
      ['promql.expected-range-vector', 'panels.0.targets.1.expr'],
      ['promql.unclosed', 'panels.2.panels.0.targets.0.expr'],
    ],
  );
});

test('valid expressions give nothing', () => {
  for (const expr of [
    'sum by (tenant) (rate(http_requests_total{code=~"5.."}[5m])) / sum by (tenant) (rate(http_requests_total[5m])) > 0.05',
    'histogram_quantile(0.95, sum by (le) (rate(x_bucket[10m])))',
    '1',
    'vector(1)',
  ]) {
    assert.deepEqual(ruleHits(rules(JSON.stringify(expr)), 'x.rules.yaml'), [], expr);
  }
});
