import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkSelector } from '../../../core/src/lang/k8sSelector';
import { fixed } from '../../support/fixes';
import { allHits, brief, ruleHits, withCode } from './check';

const lines = (...l: string[]): string => l.join('\n') + '\n';

test('service discovery: what each one requires (null and "" are empty, defaults count), on the mapping', () => {
  const text = lines(
    'scrape_configs:',
    '  - job_name: sd',
    '    azure_sd_configs:',
    '      - { subscription_id: s, tenant_id: t, client_id: , client_secret: x }',
    '      - { subscription_id: s, authentication_method: ManagedIdentity }',
    '    consul_sd_configs:',
    '      - { services: [a] }',
    '      - { server: "" }',
    '    eureka_sd_configs: [{ server: }]',
    '    outscale_sd_configs: [{ region: eu-west-2, access_key: a }]',
    '    ec2_sd_configs: [{ filters: [{ name: "tag:env", values: [] }] }]',
    '    kubernetes_sd_configs: [{ api_server: "https://k8s:443" }]',
  );
  const hits = withCode(ruleHits(text, 'prometheus.yml'), 'prometheus.missing-setting');
  assert.deepEqual(
    hits.map((h) => [h.path.join('.'), h.data.missing, h.text]),
    [
      ['scrape_configs.0.azure_sd_configs.0', ['client_id'], 'client_id'],
      ['scrape_configs.0.consul_sd_configs.1', ['server'], 'server'],
      ['scrape_configs.0.eureka_sd_configs.0', ['server'], 'server'],
      [
        'scrape_configs.0.outscale_sd_configs.0',
        ['secret_key', 'secret_key_file'],
        '{ region: eu-west-2, access_key: a }',
      ],
      ['scrape_configs.0.ec2_sd_configs.0.filters.0', ['values'], 'values'],
      ['scrape_configs.0.kubernetes_sd_configs.0', ['role'], '{ api_server: "https://k8s:443" }'],
    ],
  );
  assert.ok(hits.every((h) => h.severity === 'error'));
});

test('jobs, remote endpoints and tracing: a name, a URL, an endpoint; empty entries; the schema `required` replaced', () => {
  const text = lines(
    'scrape_configs:',
    '  -',
    '  - job_name:',
    '    static_configs: [null]',
    '  - static_configs: [{ targets: ["a:1"] }]',
    'remote_write:',
    '  - { url: }',
    'remote_read:',
    '  - {}',
    'tracing: { sampling_fraction: 1 }',
  );
  const hits = allHits(text, 'prometheus.yml');
  assert.deepEqual(brief(hits.filter((h) => h.code.startsWith('prometheus.') || h.code === 'schema.required')), [
    { code: 'prometheus.empty-item', text: '-', path: 'scrape_configs.0' },
    { code: 'prometheus.missing-setting', text: 'job_name', path: 'scrape_configs.1' },
    { code: 'prometheus.empty-item', text: 'null', path: 'scrape_configs.1.static_configs.0' },
    { code: 'prometheus.missing-setting', text: 'static_configs: [{ targets: ["a:1"] }]', path: 'scrape_configs.2' },
    { code: 'prometheus.missing-setting', text: 'url', path: 'remote_write.0' },
    { code: 'prometheus.missing-setting', text: '{}', path: 'remote_read.0' },
    { code: 'prometheus.missing-setting', text: 'tracing', path: 'tracing' },
  ]);
  assert.equal(withCode(hits, 'prometheus.missing-setting')[1].data.supersedes, 'schema.required');
  assert.equal(
    fixed(lines('scrape_configs:', '  -', '  - job_name: a'), 'prometheus.yml', 'prometheus.empty-item', /Remove/),
    lines('scrape_configs:', '  - job_name: a'),
  );
});

test('Kubernetes discovery: api_server, kubeconfig_file, own_namespace and a custom client; selectors', () => {
  const text = lines(
    'scrape_configs:',
    '  - job_name: k',
    '    kubernetes_sd_configs:',
    '      - { role: pod, api_server: "https://k:443", kubeconfig_file: /k, namespaces: { own_namespace: true } }',
    '      - { role: pod, kubeconfig_file: /k, basic_auth: { username: u, password_file: /p } }',
    '      - { role: pod, authorization: { credentials_file: /t } }',
    '      - role: endpoints',
    '        selectors:',
    '          - { role: node, label: "app=web" }',
    '          - { role: pod, field: "metadata.status-Running" }',
    '          - { role: pod, label: "app in (web, api), !canary" }',
    '          - { role: service, label: "tier=-bad" }',
  );
  const hits = ruleHits(text, 'prometheus.yml').filter((h) => h.code.startsWith('prometheus.'));
  assert.deepEqual(
    hits.map((h) => [h.code, h.path.join('.'), h.text]),
    [
      ['prometheus.exclusive-settings', 'scrape_configs.0.kubernetes_sd_configs.0.kubeconfig_file', 'kubeconfig_file'],
      [
        'prometheus.exclusive-settings',
        'scrape_configs.0.kubernetes_sd_configs.0.namespaces.own_namespace',
        'own_namespace',
      ],
      [
        'prometheus.exclusive-settings',
        'scrape_configs.0.kubernetes_sd_configs.0.namespaces.own_namespace',
        'own_namespace',
      ],
      ['prometheus.exclusive-settings', 'scrape_configs.0.kubernetes_sd_configs.1.basic_auth', 'basic_auth'],
      ['prometheus.setting-requires', 'scrape_configs.0.kubernetes_sd_configs.2.authorization', 'authorization'],
      ['prometheus.kubernetes-selector', 'scrape_configs.0.kubernetes_sd_configs.3.selectors.0.role', 'node'],
      [
        'prometheus.duplicate-value',
        'scrape_configs.0.kubernetes_sd_configs.3.selectors.2',
        '{ role: pod, label: "app in (web, api), !canary" }',
      ],
      [
        'prometheus.kubernetes-selector',
        'scrape_configs.0.kubernetes_sd_configs.3.selectors.1.field',
        'metadata.status-Running',
      ],
      ['prometheus.kubernetes-selector', 'scrape_configs.0.kubernetes_sd_configs.3.selectors.3.label', 'tier=-bad'],
    ].sort((a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0)),
  );
  const selector = withCode(hits, 'prometheus.kubernetes-selector');
  assert.deepEqual(selector[0].data.allowed, ['pod', 'service', 'endpoints']);
  assert.deepEqual([selector[1].data.reason, selector[2].data.reason], ['field', 'value']);
});

test('Kubernetes selector syntax', () => {
  for (const ok of [
    '',
    'app',
    '!app',
    'app=web',
    'app==web',
    'app!=web',
    'app in (a, b)',
    'app notin (a)',
    'x > 3',
    'k8s.io/app=web,tier',
  ])
    assert.equal(checkSelector(ok, 'label'), undefined, ok);
  assert.deepEqual(checkSelector('app=web,,tier', 'label'), { from: 8, to: 8, reason: 'empty', token: '' });
  assert.equal(checkSelector('-app=web', 'label')?.reason, 'key');
  assert.equal(checkSelector('x > three', 'label')?.reason, 'integer');
  assert.equal(checkSelector('!app in (a)', 'label')?.reason, 'requirement');
  for (const ok of ['', 'status.phase=Running', 'metadata.name!=x,spec.nodeName==n', 'a=b\\,c'])
    assert.equal(checkSelector(ok, 'field'), undefined, ok);
  assert.deepEqual(checkSelector('status.phase=Running, metadata.status-Running', 'field'), {
    from: 22,
    to: 45,
    reason: 'field',
    token: 'metadata.status-Running',
  });
});

test('OTLP, name escaping, globs, queue bounds with their defaults, Marathon tokens', () => {
  const text = lines(
    'global:',
    '  metric_name_validation_scheme: legacy',
    '  metric_name_escaping_scheme: allow-utf-8',
    'rule_files: [rules/*.yml, "rules/*/x.yml"]',
    'scrape_config_files: ["jobs/*.yml"]',
    'scrape_configs:',
    '  - job_name: m',
    '    marathon_sd_configs:',
    '      - { servers: ["https://m:8080"], auth_token: a, auth_token_file: /a, basic_auth: { username: u } }',
    'remote_write:',
    '  - url: https://r/push',
    '    queue_config: { min_shards: 100, min_backoff: 10s }',
    'otlp:',
    '  translation_strategy: NoTranslation',
    '  promote_all_resource_attributes: true',
    '  promote_resource_attributes: [a]',
    '  ignore_resource_attributes: [k8s.job.name, " k8s.job.name ", ""]',
  );
  const hits = ruleHits(text, 'prometheus.yml').filter((h) => /^(prometheus|http)\./.test(h.code));
  assert.deepEqual(
    hits.map((h) => [h.code, h.path.join('.')]),
    [
      ['prometheus.setting-requires', 'global.metric_name_escaping_scheme'],
      ['prometheus.glob-path', 'rule_files.1'],
      ['http.exclusive-auth', 'scrape_configs.0.marathon_sd_configs.0.auth_token'],
      ['http.inline-and-file', 'scrape_configs.0.marathon_sd_configs.0.auth_token'],
      ['http.exclusive-auth', 'scrape_configs.0.marathon_sd_configs.0.auth_token_file'],
      ['http.exclusive-auth', 'scrape_configs.0.marathon_sd_configs.0.basic_auth'],
      ['prometheus.queue-shards', 'remote_write.0.queue_config.min_shards'],
      ['prometheus.queue-backoff', 'remote_write.0.queue_config.min_backoff'],
      ['prometheus.setting-requires', 'otlp.translation_strategy'],
      ['prometheus.exclusive-settings', 'otlp.promote_resource_attributes'],
      ['prometheus.duplicate-value', 'otlp.ignore_resource_attributes.1'],
      ['prometheus.empty-item', 'otlp.ignore_resource_attributes.2'],
    ],
  );
  assert.deepEqual(withCode(hits, 'prometheus.queue-shards')[0].data.defaulted, ['max_shards']);
  assert.ok(hits.every((h) => h.severity === 'error'));
  assert.equal(
    fixed(lines('otlp:', '  promote_resource_attributes: [a, " a "]'), 'prometheus.yml', 'prometheus.duplicate-value'),
    lines('otlp:', '  promote_resource_attributes: [a]'),
  );
  // A glob in the file name only, and bounds that agree with the defaults, are fine.
  assert.deepEqual(
    ruleHits(
      lines(
        'rule_files: ["/etc/rules/*.yml"]',
        'remote_write:',
        '  - { url: "https://r", queue_config: { max_shards: 10 } }',
      ),
      'prometheus.yml',
    ),
    [],
  );
});

test('valid service discovery and settings give nothing', () => {
  const text = lines(
    'global: { metric_name_validation_scheme: legacy, metric_name_escaping_scheme: underscores }',
    'scrape_configs:',
    '  - job_name: k',
    '    kubernetes_sd_configs:',
    '      - role: endpoints',
    '        namespaces: { own_namespace: true }',
    '        selectors: [{ role: pod, label: "app=web", field: "status.phase=Running" }, { role: service }]',
    '      - { role: node, api_server: "https://k:443", tls_config: { ca_file: /ca.pem } }',
    '    azure_sd_configs: [{ subscription_id: s, authentication_method: SDK }]',
    '    consul_sd_configs: [{ services: [web] }]',
    '    scaleway_sd_configs: [{ role: instance, project_id: p, access_key: a, secret_key_file: /s }]',
    '    stackit_sd_configs: [{ project: p }]',
    'otlp: { promote_all_resource_attributes: true, ignore_resource_attributes: [a, b] }',
    'tracing: { endpoint: "otel:4317", headers: { X-Tenant: acme } }',
  );
  assert.deepEqual(
    ruleHits(text, 'prometheus.yml').filter((h) => h.severity === 'error'),
    [],
  );
});
