import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitTarget } from '../../../core/src/rules/prometheusConfig';
import { brief, json, ruleHits, withCode } from './check';

test('scrape timeout longer than the interval: globally, and per job against its own or the global interval', () => {
  const text = [
    'global:',
    '  scrape_interval: 15s',
    '  scrape_timeout: 20s',
    'scrape_configs:',
    '  - job_name: inherits',
    '    scrape_timeout: 16s',
    '    static_configs: [{ targets: ["a:1"] }]',
    '  - job_name: own',
    '    scrape_interval: 1m',
    '    scrape_timeout: 30s',
    '    static_configs: [{ targets: ["b:1"] }]',
    '  - job_name: own-too-long',
    '    scrape_interval: 10s',
    '    scrape_timeout: 11s',
    '    static_configs: [{ targets: ["c:1"] }]',
    '',
  ].join('\n');
  const hits = ruleHits(text, 'prometheus.yml');
  assert.deepEqual(brief(hits), [
    { code: 'prometheus.timeout-exceeds-interval', text: '20s', path: 'global.scrape_timeout' },
    { code: 'prometheus.timeout-exceeds-interval', text: '16s', path: 'scrape_configs.0.scrape_timeout' },
    { code: 'prometheus.timeout-exceeds-interval', text: '11s', path: 'scrape_configs.2.scrape_timeout' },
  ]);
  assert.deepEqual(hits.map((h) => h.data.intervalMs), [15000, 15000, 10000]);
  // Without a global interval the default (1m) applies.
  assert.deepEqual(ruleHits('global:\n  scrape_timeout: 2m\n', 'prometheus.yml').map((h) => h.code), ['prometheus.timeout-exceeds-interval']);
});

test('job names are unique in a file', () => {
  const text = 'scrape_configs:\n  - job_name: node\n  - job_name: api\n  - job_name: node\n';
  assert.deepEqual(brief(ruleHits(text, 'prometheus.yml')), [{ code: 'prometheus.duplicate-job-name', text: 'node', path: 'scrape_configs.2.job_name' }]);
});

test('static targets written as URLs, with the host:port, scheme and path to use; relabeled jobs are left alone', () => {
  const text = [
    'scrape_configs:',
    '  - job_name: a',
    '    static_configs:',
    '      - targets: ["http://node-1:9100/metrics", node-2:9100/metrics, "https://node-3", node-4:9100]',
    '  - job_name: b',
    '    relabel_configs: [{ source_labels: [__address__], target_label: __param_target }]',
    '    static_configs: [{ targets: ["https://example.com/health"] }]',
    'alerting:',
    '  alertmanagers:',
    '    - static_configs: [{ targets: ["http://am:9093"] }]',
    '',
  ].join('\n');
  const hits = ruleHits(text, 'prometheus.yml');
  assert.deepEqual(brief(hits), [
    { code: 'prometheus.target-with-scheme', text: '"http://node-1:9100/metrics"', path: 'scrape_configs.0.static_configs.0.targets.0' },
    { code: 'prometheus.target-with-scheme', text: 'node-2:9100/metrics', path: 'scrape_configs.0.static_configs.0.targets.1' },
    { code: 'prometheus.target-with-scheme', text: '"https://node-3"', path: 'scrape_configs.0.static_configs.0.targets.2' },
    { code: 'prometheus.target-with-scheme', text: '"http://am:9093"', path: 'alerting.alertmanagers.0.static_configs.0.targets.0' },
  ]);
  const { fixes, ...data } = hits[0].data as Record<string, unknown>;
  assert.deepEqual(data, { code: 'prometheus.target-with-scheme', suggestion: 'node-1:9100', scheme: 'http', metricsPath: '/metrics', path: hits[0].path });
  // `http` and `/metrics` are the job's defaults: the host alone says the same.
  assert.deepEqual(fixes, [{ kind: 'replace', path: hits[0].path, value: 'node-1:9100', expect: 'http://node-1:9100/metrics', also: [], title: 'fix.target-host', args: { host: 'node-1:9100', scheme: '', path: '' }, safe: true }]);
  assert.deepEqual([hits[1].data.scheme, hits[1].data.metricsPath], [undefined, '/metrics']);
});

test('monitoring files: the embedded prometheus block, superseding the schema pattern on targets', () => {
  const text = json({
    schema_version: '1',
    tenant_id: 'acme',
    prometheus: {
      global: { scrape_interval: '10s', scrape_timeout: '15s' },
      scrape_configs: [{ job_name: 'api', static_configs: [{ targets: ['http://api:8080/metrics'] }] }, { job_name: 'api' }],
    },
  });
  const hits = ruleHits(text, 'x.monitoring.json');
  assert.deepEqual(brief(withCode(hits, 'prometheus.')), [
    { code: 'prometheus.timeout-exceeds-interval', text: '"15s"', path: 'prometheus.global.scrape_timeout' },
    { code: 'prometheus.target-with-scheme', text: '"http://api:8080/metrics"', path: 'prometheus.scrape_configs.0.static_configs.0.targets.0' },
    { code: 'prometheus.duplicate-job-name', text: '"api"', path: 'prometheus.scrape_configs.1.job_name' },
  ]);
  assert.equal(withCode(hits, 'prometheus.target-with-scheme')[0].data.supersedes, 'schema.pattern');
});

test('splitTarget', () => {
  assert.deepEqual(splitTarget('http://h:1/m'), { host: 'h:1', scheme: 'http', path: '/m' });
  assert.deepEqual(splitTarget('h:1/m/x'), { host: 'h:1', scheme: undefined, path: '/m/x' });
  assert.equal(splitTarget('h:1'), undefined);
  assert.equal(splitTarget('[::1]:9090'), undefined);
});
