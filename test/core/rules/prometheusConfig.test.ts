import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitTarget } from '../../../core/src/rules/prometheusConfig';
import { allHits, brief, json, ruleHits, withCode } from './check';

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
  assert.deepEqual(
    hits.map((h) => h.data.intervalMs),
    [15000, 15000, 10000],
  );
  // Without a global interval the default (1m) applies.
  assert.deepEqual(
    ruleHits('global:\n  scrape_timeout: 2m\n', 'prometheus.yml').map((h) => h.code),
    ['prometheus.timeout-exceeds-interval'],
  );
});

test('job names are unique in a file', () => {
  const text = 'scrape_configs:\n  - job_name: node\n  - job_name: api\n  - job_name: node\n';
  assert.deepEqual(brief(ruleHits(text, 'prometheus.yml')), [
    { code: 'prometheus.duplicate-job-name', text: 'node', path: 'scrape_configs.2.job_name' },
  ]);
});

test('static targets written as URLs, with the host:port, scheme and path to use; jobs whose relabeling rewrites the address are left alone', () => {
  const text = [
    'scrape_configs:',
    '  - job_name: a',
    '    static_configs:',
    '      - targets: ["http://node-1:9100/metrics", node-2:9100/metrics, "https://node-3", node-4:9100]',
    '  - job_name: b',
    '    relabel_configs:',
    '      - { source_labels: [__address__], target_label: __param_target }',
    '      - { target_label: __address__, replacement: "blackbox:9115" }',
    '    static_configs: [{ targets: ["https://example.com/health"] }]',
    // promtool checks the relabeled address: relabeling that leaves `__address__` alone does not help.
    '  - job_name: c',
    '    relabel_configs: [{ source_labels: [__address__], target_label: __param_target }]',
    '    static_configs: [{ targets: ["https://example.com/ready"] }]',
    'alerting:',
    '  alertmanagers:',
    '    - static_configs: [{ targets: ["http://am:9093"] }]',
    '',
  ].join('\n');
  const hits = ruleHits(text, 'prometheus.yml');
  assert.deepEqual(brief(hits), [
    {
      code: 'prometheus.target-with-scheme',
      text: '"http://node-1:9100/metrics"',
      path: 'scrape_configs.0.static_configs.0.targets.0',
    },
    {
      code: 'prometheus.target-with-scheme',
      text: 'node-2:9100/metrics',
      path: 'scrape_configs.0.static_configs.0.targets.1',
    },
    {
      code: 'prometheus.target-with-scheme',
      text: '"https://node-3"',
      path: 'scrape_configs.0.static_configs.0.targets.2',
    },
    {
      code: 'prometheus.target-with-scheme',
      text: '"https://example.com/ready"',
      path: 'scrape_configs.2.static_configs.0.targets.0',
    },
    {
      code: 'prometheus.target-with-scheme',
      text: '"http://am:9093"',
      path: 'alerting.alertmanagers.0.static_configs.0.targets.0',
    },
  ]);
  const { fixes, ...data } = hits[0].data as Record<string, unknown>;
  assert.deepEqual(data, {
    code: 'prometheus.target-with-scheme',
    suggestion: 'node-1:9100',
    scheme: 'http',
    metricsPath: '/metrics',
    path: hits[0].path,
  });
  // `http` and `/metrics` are the job's defaults: the host alone says the same.
  assert.deepEqual(fixes, [
    {
      kind: 'replace',
      path: hits[0].path,
      value: 'node-1:9100',
      expect: 'http://node-1:9100/metrics',
      also: [],
      title: 'fix.target-host',
      args: { host: 'node-1:9100', scheme: '', path: '' },
      safe: true,
    },
  ]);
  assert.deepEqual([hits[1].data.scheme, hits[1].data.metricsPath], [undefined, '/metrics']);
});

test('monitoring files: the embedded prometheus block, superseding the schema pattern on targets', () => {
  const text = json({
    schema_version: '2',
    tenant_id: 'acme',
    prometheus: {
      global: { scrape_interval: '10s', scrape_timeout: '15s' },
      scrape_configs: [
        { job_name: 'api', static_configs: [{ targets: ['http://api:8080/metrics'] }] },
        { job_name: 'api' },
      ],
    },
  });
  const hits = ruleHits(text, 'x.monitoring.json');
  assert.deepEqual(brief(withCode(hits, 'prometheus.')), [
    { code: 'prometheus.timeout-exceeds-interval', text: '"15s"', path: 'prometheus.global.scrape_timeout' },
    {
      code: 'prometheus.target-with-scheme',
      text: '"http://api:8080/metrics"',
      path: 'prometheus.scrape_configs.0.static_configs.0.targets.0',
    },
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

test('remote write and read names are unique per section; queue bounds Prometheus refuses are errors, a small capacity a warning', () => {
  const text = [
    'remote_write:',
    '  - url: https://a.example.com/push',
    '    name: central',
    '    queue_config: { min_shards: 20, max_shards: 10, capacity: 500, max_samples_per_send: 2000 }',
    '  - url: https://b.example.com/push',
    '    name: central',
    '  - url: https://c.example.com/push',
    '    name: ""',
    '  - url: https://d.example.com/push',
    '    name: ""',
    '    queue_config: { min_shards: 1, max_shards: 50, capacity: 10000, max_samples_per_send: 2000 }',
    'remote_read:',
    '  - url: https://a.example.com/read',
    '    name: central',
    '  - url: https://b.example.com/read',
    '    name: central',
    '',
  ].join('\n');
  const hits = ruleHits(text, 'prometheus.yml');
  assert.deepEqual(brief(hits), [
    { code: 'prometheus.queue-shards', text: '20', path: 'remote_write.0.queue_config.min_shards' },
    { code: 'prometheus.queue-capacity', text: '500', path: 'remote_write.0.queue_config.capacity' },
    { code: 'prometheus.duplicate-remote-name', text: 'central', path: 'remote_write.1.name' },
    { code: 'prometheus.duplicate-remote-name', text: 'central', path: 'remote_read.1.name' },
  ]);
  // Prometheus v3.12 and later refuse `min_shards` above `max_shards`; a capacity below one batch is only advice.
  assert.deepEqual(
    hits.map((h) => h.severity),
    ['error', 'warning', 'error', 'error'],
  );
  assert.deepEqual(
    [hits[0].data.min, hits[0].data.max, hits[1].data.maxSamplesPerSend, hits[3].data.section],
    [20, 10, 2000, 'remote_read'],
  );
});

test('relabeling rules in every list: empty rules, target_label, hashmod modulus, fields an action refuses, RE2 regexes', () => {
  const text = [
    'scrape_configs:',
    '  - job_name: api',
    '    static_configs: [{ targets: ["api:8080"] }]',
    '    relabel_configs:',
    '      -',
    '      - {}',
    '      - source_labels: [__meta_kubernetes_pod_label_app]',
    '      - action: hashmod',
    '        source_labels: [__address__]',
    '        target_label: __tmp_hash',
    '      - action: labeldrop',
    '        source_labels: [pod]',
    '        separator: ";"',
    '        regex: pod_template_hash',
    '    metric_relabel_configs:',
    '      - source_labels: [__name__]',
    '        regex: "(http_.*"',
    '        action: drop',
    '      - action: keepequal',
    '        source_labels: [a]',
    '        target_label: b',
    '        replacement: $1',
    '        modulus: 4',
    'alerting:',
    '  alert_relabel_configs:',
    '    - action: lowercase',
    '      source_labels: [team]',
    '      target_label: team',
    '      replacement: x',
    '  alertmanagers:',
    '    - static_configs: [{ targets: ["am:9093"] }]',
    '      relabel_configs: [{ action: hashmod, modulus: 0, source_labels: [__address__], target_label: __tmp_shard }]',
    'remote_write:',
    '  - url: https://metrics.example.com/push',
    '    write_relabel_configs: [{ action: uppercase, source_labels: [env] }]',
    '',
  ].join('\n');
  const hits = ruleHits(text, 'prometheus.yml');
  assert.deepEqual(brief(hits), [
    { code: 'relabel.empty-rule', text: '-', path: 'scrape_configs.0.relabel_configs.0' },
    { code: 'relabel.empty-rule', text: '{}', path: 'scrape_configs.0.relabel_configs.1' },
    {
      code: 'relabel.missing-target-label',
      text: 'source_labels: [__meta_kubernetes_pod_label_app]',
      path: 'scrape_configs.0.relabel_configs.2',
    },
    { code: 'relabel.hashmod-modulus', text: 'hashmod', path: 'scrape_configs.0.relabel_configs.3.modulus' },
    {
      code: 'relabel.field-not-allowed',
      text: 'source_labels',
      path: 'scrape_configs.0.relabel_configs.4.source_labels',
    },
    { code: 'relabel.bad-regex', text: '(http_.*', path: 'scrape_configs.0.metric_relabel_configs.0.regex' },
    { code: 'relabel.field-not-allowed', text: 'modulus', path: 'scrape_configs.0.metric_relabel_configs.1.modulus' },
    { code: 'relabel.field-not-allowed', text: 'replacement', path: 'alerting.alert_relabel_configs.0.replacement' },
    { code: 'relabel.hashmod-modulus', text: '0', path: 'alerting.alertmanagers.0.relabel_configs.0.modulus' },
    { code: 'relabel.missing-target-label', text: 'uppercase', path: 'remote_write.0.write_relabel_configs.0' },
  ]);
  assert.ok(hits.every((h) => h.severity === 'error'));
  assert.deepEqual(hits[0].data.remove, [['scrape_configs', 0, 'relabel_configs', 0]]);
  assert.deepEqual(
    [hits[4].data.action, hits[4].data.allowed, hits[4].data.remove],
    ['labeldrop', ['regex'], [['scrape_configs', 0, 'relabel_configs', 4, 'source_labels']]],
  );
  assert.deepEqual(hits[2].data.missing, ['target_label']);
  // `{}` and a `replace` without target_label replace the schema's `required`/`type` problems on the item.
  const schema = allHits(text, 'prometheus.yml').filter(
    (h) => h.code.startsWith('schema.') && /relabel_configs\.[0-2]$/.test(h.path.join('.')),
  );
  assert.deepEqual(schema, []);
});

test('promtool lint: a scrape interval not shorter than the 5m lookback delta, on the job or once on the global interval it inherits; monitoring files too', () => {
  const text = [
    'global:',
    '  scrape_interval: 5m',
    'scrape_configs:',
    '  - job_name: a',
    '  - job_name: b',
    '  - job_name: fast',
    '    scrape_interval: 30s',
    '  - job_name: export',
    '    scrape_interval: 10m',
    '',
  ].join('\n');
  const hits = ruleHits(text, 'prometheus.yml');
  assert.deepEqual(brief(hits), [
    { code: 'prometheus.scrape-interval-lookback', text: '5m', path: 'global.scrape_interval' },
    { code: 'prometheus.scrape-interval-lookback', text: '10m', path: 'scrape_configs.3.scrape_interval' },
  ]);
  assert.deepEqual(
    hits.map((h) => [h.severity, h.data.jobs, h.data.lookbackMs]),
    [
      ['warning', ['a', 'b'], 300000],
      ['warning', ['export'], 300000],
    ],
  );
  const mon = json({
    schema_version: '2',
    tenant_id: 'acme',
    prometheus: {
      global: { scrape_interval: '4m59s' },
      scrape_configs: [{ job_name: 'a' }, { job_name: 'b', scrape_interval: '1h' }],
    },
  });
  assert.deepEqual(brief(withCode(ruleHits(mon, 'x.monitoring.json'), 'prometheus.')), [
    { code: 'prometheus.scrape-interval-lookback', text: '"1h"', path: 'prometheus.scrape_configs.1.scrape_interval' },
  ]);
});

test('valid remote write, queue and relabeling settings give nothing', () => {
  const text = json({
    global: { scrape_interval: '15s' },
    scrape_configs: [
      {
        job_name: 'k8s',
        kubernetes_sd_configs: [{ role: 'pod' }],
        relabel_configs: [
          { source_labels: ['__meta_kubernetes_pod_label_app'], target_label: 'app' },
          { action: 'keep', source_labels: ['__meta_kubernetes_pod_label_tenant'], regex: '(.+)' },
          { action: 'hashmod', source_labels: ['__address__'], modulus: 4, target_label: '__tmp_hash' },
          { action: 'labelmap', regex: '__meta_kubernetes_pod_label_(.+)' },
          { action: 'labeldrop', regex: 'pod_template_hash', separator: ';', replacement: '$1' },
          { action: 'keepequal', source_labels: ['a'], target_label: 'b' },
          { action: 'lowercase', source_labels: ['team'], target_label: 'team' },
          { source_labels: ['__address__'], regex: '(.+):\\d+', target_label: '__address__', replacement: '${1}:9100' },
        ],
      },
    ],
    remote_write: [
      {
        url: 'https://a.example.com/push',
        name: 'a',
        queue_config: { min_shards: 1, max_shards: 50, capacity: 10000, max_samples_per_send: 2000 },
      },
      { url: 'https://b.example.com/push', name: 'b' },
    ],
    remote_read: [{ url: 'https://a.example.com/read', name: 'a' }],
  });
  assert.deepEqual(ruleHits(text, 'prometheus.json'), []);
});
