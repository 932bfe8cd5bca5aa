import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyAction, codesOf, diagnosticOf, fixAll, fixedBy, fixedTexts, quickFixes } from '../support/ruleFixes';
import { parseText } from '../../core/src/languageService';
import { yamlDialect } from '../../core/src/dialect/yaml';
import { jsonDialect } from '../../core/src/dialect/json';
import { descriptorFixes } from '../../core/src/features/fixes/descriptors';
import { applyOffsetEdits } from '../../core/src/features/fixes/edits';

/** Lines joined with a final line break. */
const L = (...lines: string[]): string => lines.join('\n') + '\n';
const J = (o: unknown): string => JSON.stringify(o, null, 2) + '\n';

// Prometheus configuration

test('prometheus.target-with-scheme: host:port, and the scheme and path moved to the job (YAML, comments kept)', () => {
  const text = L(
    'scrape_configs:',
    '  - job_name: api',
    '    static_configs:',
    '      - targets: ["https://api-1:8443/x"]  # the API',
    '  - job_name: node',
    '    static_configs:',
    '      - targets:',
    '          # exporters',
    '          - http://node-1:9100/metrics',
  );
  assert.equal(
    fixedBy(text, 'fix.prometheus.yml', {
      code: 'prometheus.target-with-scheme',
      path: ['scrape_configs', 0, 'static_configs', 0, 'targets', 0],
    }),
    L(
      'scrape_configs:',
      '  - job_name: api',
      '    static_configs:',
      '      - targets: ["api-1:8443"]  # the API',
      '    scheme: https',
      '    metrics_path: /x',
      '  - job_name: node',
      '    static_configs:',
      '      - targets:',
      '          # exporters',
      '          - http://node-1:9100/metrics',
    ),
  );
  // `http` and `/metrics` are the defaults: the host alone says the same.
  assert.equal(
    fixedBy(text, 'fix.prometheus.yml', {
      code: 'prometheus.target-with-scheme',
      path: ['scrape_configs', 1, 'static_configs', 0, 'targets', 0],
    }),
    text.replace('- http://node-1:9100/metrics', '- node-1:9100'),
  );
});

test('prometheus.target-with-scheme in JSON, and a job scheme that is already right', () => {
  const text = J({
    schema_version: '2',
    tenant_id: 'acme',
    prometheus: {
      scrape_configs: [
        { job_name: 'api', scheme: 'https', static_configs: [{ targets: ['https://api:8443/metrics'] }] },
      ],
    },
  });
  assert.equal(
    fixedBy(text, 'fix.monitoring.json', { code: 'prometheus.target-with-scheme' }),
    J({
      schema_version: '2',
      tenant_id: 'acme',
      prometheus: {
        scrape_configs: [{ job_name: 'api', scheme: 'https', static_configs: [{ targets: ['api:8443'] }] }],
      },
    }),
  );
});

test('prometheus.target-with-scheme: no fix where the job setting would change other targets, or credentials would be lost', () => {
  const mixed = L(
    'scrape_configs:',
    '  - job_name: api',
    '    static_configs:',
    '      - targets: ["https://api-1:8443", "api-2:8080"]',
  );
  assert.deepEqual(
    quickFixes(
      mixed,
      'fix.prometheus.yml',
      diagnosticOf(mixed, 'fix.prometheus.yml', { code: 'prometheus.target-with-scheme' }),
    ),
    [],
  );
  const secret = L(
    'scrape_configs:',
    '  - job_name: api',
    '    static_configs:',
    '      - targets: ["https://user:pw@api-1:8443"]',
  );
  assert.deepEqual(
    quickFixes(
      secret,
      'fix.prometheus.yml',
      diagnosticOf(secret, 'fix.prometheus.yml', { code: 'prometheus.target-with-scheme' }),
    ),
    [],
  );
});

test('prometheus.timeout-exceeds-interval: the timeout set to the interval', () => {
  const text = L('global:', '  scrape_interval: 30s', '  scrape_timeout: 1m  # too long');
  assert.equal(
    fixedBy(text, 'fix.prometheus.yml', { code: 'prometheus.timeout-exceeds-interval' }),
    L('global:', '  scrape_interval: 30s', '  scrape_timeout: 30s  # too long'),
  );
  // Not a safe fix: raising the interval is the other way out.
  assert.equal(fixAll(text, 'fix.prometheus.yml'), text);
});

// Alertmanager

test('alertmanager: a default receiver for the root route, a route field removed, the closest receiver', () => {
  const text = L(
    'route:',
    '  group_wait: 30s',
    '  continue: true',
    '  routes:',
    '    - receiver: pagerdty  # typo',
    'receivers:',
    '  - name: pagerduty',
    '  - name: slack',
  );
  assert.equal(
    fixedBy(text, 'fix.alertmanager.yml', { code: 'alertmanager.root-receiver-missing' }),
    text.replace(
      '  routes:\n    - receiver: pagerdty  # typo\n',
      '  routes:\n    - receiver: pagerdty  # typo\n  receiver: pagerduty\n',
    ),
  );
  assert.equal(
    fixedBy(text, 'fix.alertmanager.yml', { code: 'alertmanager.root-route-field' }),
    text.replace('  continue: true\n', ''),
  );
  assert.equal(
    fixedBy(text, 'fix.alertmanager.yml', { code: 'alertmanager.undefined-receiver' }),
    text.replace('receiver: pagerdty', 'receiver: pagerduty'),
  );
});

test('alertmanager group_by: `...` kept alone, a repeated label removed (YAML block and flow, JSON)', () => {
  const mon = (body: string[]): string =>
    L(
      'schema_version: "2"',
      'tenant_id: acme',
      'alertmanager:',
      '  receivers:',
      '    - name: a',
      '  route:',
      '    receiver: a',
      ...body,
    );
  const text = mon([
    '    group_by:',
    '      - alertname',
    '      # every label',
    '      - "..."',
    '      - cluster  # c',
    '    routes:',
    '      - group_by: [tenant, env, tenant]',
  ]);
  assert.equal(
    fixedBy(text, 'fix.monitoring.yaml', { code: 'alertmanager.group-by-wildcard' }),
    mon([
      '    group_by:',
      '      # every label',
      '      - "..."',
      '    routes:',
      '      - group_by: [tenant, env, tenant]',
    ]),
  );
  assert.equal(
    fixedBy(text, 'fix.monitoring.yaml', { code: 'alertmanager.duplicate-group-by' }),
    text.replace('[tenant, env, tenant]', '[tenant, env]'),
  );
  const json = J({
    schema_version: '2',
    tenant_id: 'acme',
    alertmanager: {
      receivers: [{ name: 'a' }],
      route: { receiver: 'a', group_by: ['alertname', 'cluster', 'alertname'] },
    },
  });
  assert.equal(
    fixedBy(json, 'fix.monitoring.json', { code: 'alertmanager.duplicate-group-by' }),
    J({
      schema_version: '2',
      tenant_id: 'acme',
      alertmanager: { receivers: [{ name: 'a' }], route: { receiver: 'a', group_by: ['alertname', 'cluster'] } },
    }),
  );
});

// Prometheus rule files

test('rules.recording-rule-field: the alerting-only key removed (monitoring rules)', () => {
  const text = L(
    'schema_version: "2"',
    'tenant_id: acme',
    'alert_rules:',
    '  - group: g',
    '    rules:',
    '      - record: job:up:sum',
    '        expr: sum by (job) (up)',
    '        for: 5m  # not for records',
    '        # the end',
  );
  assert.equal(
    fixedBy(text, 'fix.monitoring.yaml', { code: 'rules.recording-rule-field' }),
    text.replace('        for: 5m  # not for records\n', ''),
  );
});

test('rules: `__name__` labels removed; a repeated rule removed when it is the same to the letter', () => {
  const text = L(
    'groups:',
    '  - name: g',
    '    rules:',
    '      - record: job:up:sum',
    '        expr: sum by (job) (up)',
    '        annotations: { summary: x }',
    '        labels:',
    '          __name__: other  # reserved',
    '          team: db',
    '      - record: r',
    '        expr: up',
    '      - record: r',
    '        expr: up',
    '      - record: r',
    '        expr: up + 0',
  );
  assert.equal(
    fixedBy(text, 'fix.rules.yaml', { code: 'rules.reserved-label-name' }),
    text.replace('          __name__: other  # reserved\n', ''),
  );
  assert.equal(
    fixedBy(text, 'fix.rules.yaml', { code: 'rules.duplicate-rule', path: ['groups', 0, 'rules', 2, 'record'] }),
    text.replace(
      '      - record: r\n        expr: up\n      - record: r\n        expr: up\n',
      '      - record: r\n        expr: up\n',
    ),
  );
  // Same name and labels, another expression: which one is right is not for a fix to say.
  const other = diagnosticOf(text, 'fix.rules.yaml', {
    code: 'rules.duplicate-rule',
    path: ['groups', 0, 'rules', 3, 'record'],
  });
  assert.deepEqual(quickFixes(text, 'fix.rules.yaml', other), []);
});

// Policy

const tenant = (production: string[]): string =>
  L(
    'schema_version: "2"',
    'tenant_id: acme',
    'metadata: { name: Acme, owner: { user_id: usr_acme, email: sre@acme.example.com } }',
    'isolation: { strategy: database }',
    'environments:',
    '  production:',
    '    enabled: true',
    ...production,
  );

test('policy: debug off, encryption on, verified TLS, pool bounds swapped (YAML)', () => {
  const text = tenant([
    '    debug: true  # for the incident',
    '    database:',
    '      host: db.prod.internal',
    '      name: acme',
    '      password: "${DB_PASSWORD}"',
    '      ssl_mode: require',
    '      pool: { min: 20, max: 10 }',
    '    storage: { provider: s3, bucket: acme-prod-data, encryption: { enabled: false } }',
  ]);
  assert.equal(
    fixedBy(text, 'fix.tenant.yaml', { code: 'policy.debug-in-production' }),
    text.replace('debug: true  #', 'debug: false  #'),
  );
  assert.equal(
    fixedBy(text, 'fix.tenant.yaml', { code: 'policy.encryption-disabled' }),
    text.replace('{ enabled: false }', '{ enabled: true }'),
  );
  assert.deepEqual(fixedTexts(text, 'fix.tenant.yaml', { code: 'policy.insecure-ssl-mode' }), [
    text.replace('ssl_mode: require', 'ssl_mode: verify-full'),
    text.replace('ssl_mode: require', 'ssl_mode: verify-ca'),
  ]);
  assert.equal(
    fixedBy(text, 'fix.tenant.yaml', { code: 'policy.pool-min-exceeds-max' }),
    text.replace('{ min: 20, max: 10 }', '{ min: 10, max: 20 }'),
  );
});

test('policy in JSON: TLS 1.2 written as the setting spells it, `none` removed, `openid` added', () => {
  const sec = (tls: string, algorithms: string[], scopes: string[]): string =>
    J({
      schema_version: '2',
      tenant_id: 'acme',
      authentication: {
        providers: [
          {
            name: 'okta',
            type: 'oidc',
            config: {
              client_id: 'abc',
              issuer: 'https://acme.okta.com',
              scopes,
              redirect_uris: ['https://app.acme.example.com/cb'],
            },
          },
          {
            name: 'gw',
            type: 'jwt',
            config: { issuer: 'https://gw.example.com', jwks_uri: 'https://gw.example.com/jwks.json', algorithms },
          },
        ],
      },
      tls: { min_tls_version: tls },
    });
  const text = sec('1.0', ['ES256', 'none'], ['profile', 'email']);
  assert.equal(
    fixedBy(text, 'fix.security.json', { code: 'policy.tls-version' }),
    sec('1.2', ['ES256', 'none'], ['profile', 'email']),
  );
  assert.equal(
    fixedBy(text, 'fix.security.json', { code: 'policy.jwt-none-algorithm' }),
    sec('1.0', ['ES256'], ['profile', 'email']),
  );
  assert.equal(
    fixedBy(text, 'fix.security.json', { code: 'policy.oidc-missing-openid' }),
    sec('1.0', ['ES256', 'none'], ['profile', 'email', 'openid']),
  );
});

test('policy in YAML: a quoted version stays quoted, an item and its comment line removed, a redirect to the loopback address', () => {
  const text = L(
    'schema_version: "2"',
    'tenant_id: acme',
    'authentication:',
    '  providers:',
    '    - name: okta',
    '      type: oidc',
    '      config:',
    '        client_id: abc',
    '        issuer: https://acme.okta.com',
    '        scopes: [openid]',
    '        redirect_uris: [http://localhost:8080/cb]',
    '    - name: gw',
    '      type: jwt',
    '      config:',
    '        issuer: https://gw.example.com',
    '        jwks_uri: https://gw.example.com/jwks.json',
    '        algorithms:',
    '          - ES256',
    '          - none  # for tests',
    'tls:',
    '  min_tls_version: "1.1"',
  );
  assert.equal(fixedBy(text, 'fix.security.yaml', { code: 'policy.tls-version' }), text.replace('"1.1"', '"1.2"'));
  assert.equal(
    fixedBy(text, 'fix.security.yaml', { code: 'policy.jwt-none-algorithm' }),
    text.replace('          - none  # for tests\n', ''),
  );
  assert.deepEqual(fixedTexts(text, 'fix.security.yaml', { code: 'policy.insecure-redirect-uri' }), [
    text.replace('http://localhost:8080', 'http://127.0.0.1:8080'),
    text.replace('http://localhost:8080', 'https://localhost:8080'),
  ]);
});

// Localization

test('localization: direction set from the script, plural categories added and removed', () => {
  const text = L(
    'schema_version: "2"',
    'tenant_id: acme',
    'default_locale: en',
    'supported_locales: [en, ar]',
    'locales:',
    '  en:',
    '    direction: rtl',
    '    pluralization: { rules: cldr, categories: [one, few, other] }',
    '  ar:',
    '    direction: rtl',
    '    pluralization:',
    '      rules: cldr',
    '      categories:',
    '        - zero',
    '        - one  # singular',
    '        - other',
  );
  assert.equal(
    fixedBy(text, 'fix.localization.yaml', { code: 'localization.direction-mismatch' }),
    text.replace('    direction: rtl\n    pluralization: {', '    direction: ltr\n    pluralization: {'),
  );
  assert.equal(
    fixedBy(text, 'fix.localization.yaml', { code: 'localization.plural-extra-category' }),
    text.replace('[one, few, other]', '[one, other]'),
  );
  assert.equal(
    fixedBy(text, 'fix.localization.yaml', { code: 'localization.plural-missing-category' }),
    text.replace('        - other\n', '        - other\n        - two\n        - few\n        - many\n'),
  );
});

// Language checkers: values, PromQL, templates, matchers

test('durations: repaired the Prometheus way, in YAML and JSON; no fix where the amount would change', () => {
  const prom = (interval: string): string => L('global:', `  evaluation_interval: ${interval}  # rules`);
  assert.equal(fixedBy(prom('1.5m'), 'fix.prometheus.yml', { code: 'duration.fraction' }), prom('1m30s'));
  assert.equal(fixedBy(prom('30m1h'), 'fix.prometheus.yml', { code: 'duration.unit-order' }), prom('1h30m'));
  assert.equal(fixedBy(prom('30sec'), 'fix.prometheus.yml', { code: 'duration.unknown-unit' }), prom('30s'));
  assert.equal(fixedBy(prom('"30 s"'), 'fix.prometheus.yml', { code: 'duration.invalid' }), prom('"30s"'));
  const json = (v: string): string =>
    J({ schema_version: '2', tenant_id: 'acme', prometheus: { global: { scrape_interval: v } } });
  assert.equal(fixedBy(json('1h1h'), 'fix.monitoring.json', { code: 'duration.duplicate-unit' }), json('2h'));
  // Microseconds are not milliseconds.
  const us = prom('500us');
  assert.deepEqual(
    quickFixes(us, 'fix.prometheus.yml', diagnosticOf(us, 'fix.prometheus.yml', { code: 'duration.unknown-unit' })),
    [],
  );
});

test('PromQL: a closing bracket added, a stray one removed, a misspelt function, a duration inside a range', () => {
  const rules = (expr: string): string =>
    L('groups:', '  - name: g', '    rules:', '      - alert: A', `        expr: ${expr}  # the query`);
  assert.equal(
    fixedBy(rules('sum(rate(x[5m])'), 'fix.rules.yaml', { code: 'promql.unclosed' }),
    rules('sum(rate(x[5m]))'),
  );
  assert.equal(
    fixedBy(rules('sum(x) > 1)'), 'fix.rules.yaml', { code: 'promql.unexpected-closer' }),
    rules('sum(x) > 1'),
  );
  assert.equal(
    fixedBy(rules('rat(x[5m]) > 1'), 'fix.rules.yaml', { code: 'promql.unknown-function' }),
    rules('rate(x[5m]) > 1'),
  );
  assert.equal(
    fixedBy(rules('rate(x[5min]) > 1'), 'fix.rules.yaml', { code: 'promql.bad-duration' }),
    rules('rate(x[5m]) > 1'),
  );
  assert.equal(
    fixedBy(rules('up{job=api} == 0'), 'fix.rules.yaml', { code: 'promql.expected-label-value' }),
    rules('up{job="api"} == 0'),
  );
  // Inside a JSON string the quote is escaped.
  const json = (expr: string): string => J({ groups: [{ name: 'g', rules: [{ alert: 'A', expr }] }] });
  assert.equal(
    fixedBy(json('up{job=api} == 0'), 'fix.rules.json', { code: 'promql.expected-label-value' }),
    json('up{job="api"} == 0'),
  );
});

test('Go templates: `}}` where the action ends, `{{ end }}` added, a misspelt function', () => {
  const rules = (summary: string): string =>
    L(
      'groups:',
      '  - name: g',
      '    rules:',
      '      - alert: A',
      '        expr: up == 0',
      '        annotations:',
      `          summary: ${summary}`,
    );
  assert.equal(
    fixedBy(rules('"{{ $labels.instance } is down"'), 'fix.rules.yaml', { code: 'template.unclosed-action' }),
    rules('"{{ $labels.instance }} is down"'),
  );
  assert.equal(
    fixedBy(rules('"{{ $labels.instance is down"'), 'fix.rules.yaml', { code: 'template.unclosed-action' }),
    rules('"{{ $labels.instance }} is down"'),
  );
  // One brace before the next action: that brace is written `}}`.
  assert.equal(
    fixedBy(rules('"{{ $labels.instance } is {{ $value }}"'), 'fix.rules.yaml', { code: 'template.unexpected-token' }),
    rules('"{{ $labels.instance }} is {{ $value }}"'),
  );
  assert.equal(
    fixedBy(rules("'{{ range $labels }}{{ . }} '"), 'fix.rules.yaml', { code: 'template.missing-end' }),
    rules("'{{ range $labels }}{{ . }}{{ end }} '"),
  );
  assert.equal(
    fixedBy(rules('"{{ $value | humanise }}"'), 'fix.rules.yaml', { code: 'template.undefined-function' }),
    rules('"{{ $value | humanize }}"'),
  );
});

test('CIDR, time zones, locales (keys too), matchers', () => {
  const access = (list: string): string =>
    L(
      'schema_version: "2"',
      'tenant_id: acme',
      'roles:',
      '  - name: viewer',
      '    permissions: ["dashboards:read"]',
      'bindings:',
      '  - role: viewer',
      '    subjects: ["group:all"]',
      `ip_allowlist: ${list}`,
    );
  assert.deepEqual(fixedTexts(access('[10.1.2.3/16]'), 'fix.access.yaml', { code: 'cidr.host-bits' }), [
    access('[10.1.0.0/16]'),
    access('[10.1.2.3/32]'),
  ]);
  const loc = L(
    'schema_version: "2"',
    'tenant_id: acme',
    'default_locale: en',
    'supported_locales: [en]',
    'locales:',
    '  en:',
    '    timezone: europe/paris',
  );
  assert.equal(
    fixedBy(loc, 'fix.localization.yaml', { code: 'intl.timezone-case' }),
    loc.replace('europe/paris', 'Europe/Paris'),
  );
  const templates = L(
    'schema_version: "2"',
    'tenant_id: acme',
    'default_locale: en',
    'templates:',
    '  acme.a:',
    '    en_GB:  # British',
    '      title: x',
    '      body: y',
  );
  assert.equal(
    fixedBy(templates, 'fix.alert-templates.yaml', { code: 'intl.invalid-locale' }),
    templates.replace('en_GB:', 'en-GB:'),
  );
  const notif = L(
    'schema_version: "2"',
    'tenant_id: acme',
    'rules:',
    '  - name: a',
    '    matchers: [severity=critical page]',
    '    channels: [slack]',
    '    receiver_ref: x',
  );
  assert.equal(
    fixedBy(notif, 'fix.notifications.yaml', { code: 'matcher.classic-only' }),
    notif.replace('[severity=critical page]', '[severity="critical page"]'),
  );
});

test('secret.shape: the secret inside a URL replaced by a variable, the rest kept', () => {
  const text = L(
    'schema_version: "2"',
    'tenant_id: acme',
    'alertmanager:',
    '  receivers:',
    '    - name: a',
    '      webhook_configs:',
    '        - url: https://hooks.slack.com/services/T0123ABCD/B0123ABCD/abcdefghijklmnopqrstuvwx',
  );
  const d = diagnosticOf(text, 'fix.monitoring.yaml', { code: 'secret.shape' });
  const out = fixedBy(text, 'fix.monitoring.yaml', { code: 'secret.shape' });
  const ref = '${' + String((d.data as { envVar: string }).envVar) + '}';
  assert.ok(out.includes(ref), out);
  assert.ok(!out.includes('abcdefghijklmnopqrstuvwx'));
  assert.deepEqual(
    codesOf(out, 'fix.monitoring.yaml').filter((c) => c.startsWith('secret.')),
    [],
  );
});

test('schema.unique-items: the repeated item removed, comments kept', () => {
  const text = L(
    'schema_version: "2"',
    'tenant_id: acme',
    'default_locale: en',
    'supported_locales:',
    '  - en',
    '  # French',
    '  - fr',
    '  - en',
  );
  assert.equal(
    fixedBy(text, 'fix.localization.yaml', { code: 'schema.unique-items' }),
    L(
      'schema_version: "2"',
      'tenant_id: acme',
      'default_locale: en',
      'supported_locales:',
      '  - en',
      '  # French',
      '  - fr',
    ),
  );
});

// Offered only while the document still says what the diagnostic saw

test('a diagnostic whose node changed since it was published gets no fix', () => {
  const before = L('global:', '  scrape_interval: 30s', '  scrape_timeout: 1m');
  const d = diagnosticOf(before, 'fix.prometheus.yml', { code: 'prometheus.timeout-exceeds-interval' });
  assert.equal(quickFixes(before, 'fix.prometheus.yml', d).length, 1);
  assert.deepEqual(quickFixes(before.replace('1m', '2m'), 'fix.prometheus.yml', d), []);
  const dup = L('route:', '  receiver: a', '  routes:', '    - group_by: [x, y, x]', 'receivers:', '  - name: a');
  const g = diagnosticOf(dup, 'fix.alertmanager.yml', { code: 'alertmanager.duplicate-group-by' });
  assert.deepEqual(quickFixes(dup.replace('[x, y, x]', '[x, y, z]'), 'fix.alertmanager.yml', g), []);
});

// Fix all

test('fix all: the safe fixes of rule and checker problems in one edit, the others left', () => {
  const text = L(
    'schema_version: "2"',
    'tenant_id: acme',
    'alertmanager:',
    '  receivers:',
    '    - name: pagerduty',
    '  route:',
    '    receiver: pagerduty',
    '    group_by: [alertname, cluster, alertname]',
    '    group_wait: 1.5m',
    '    routes:',
    '      - receiver: pagerduty',
    '        matchers: [severity=critical page]',
    'prometheus:',
    '  global:',
    '    scrape_interval: 30s',
    '    scrape_timeout: 1m',
    '  scrape_configs:',
    '    - job_name: api',
    '      static_configs:',
    '        - targets: ["https://api:8443/metrics"]',
  );
  const out = fixAll(text, 'fix.monitoring.yaml');
  assert.equal(
    out,
    L(
      'schema_version: "2"',
      'tenant_id: acme',
      'alertmanager:',
      '  receivers:',
      '    - name: pagerduty',
      '  route:',
      '    receiver: pagerduty',
      '    group_by: [alertname, cluster]',
      '    group_wait: 1m30s',
      '    routes:',
      '      - receiver: pagerduty',
      '        matchers: [severity="critical page"]',
      'prometheus:',
      '  global:',
      '    scrape_interval: 30s',
      '    scrape_timeout: 1m',
      '  scrape_configs:',
      '    - job_name: api',
      '      static_configs:',
      '        - targets: ["api:8443"]',
      '      scheme: https',
    ),
  );
  // What is left is what no fix may decide alone.
  assert.deepEqual(
    codesOf(out, 'fix.monitoring.yaml').map((c) => c.split(' ')[0]),
    ['prometheus.timeout-exceeds-interval'],
  );
  // Each fix on its own, through the quick fix of its diagnostic, gives the same edit.
  const one = diagnosticOf(text, 'fix.monitoring.yaml', { code: 'alertmanager.duplicate-group-by' });
  assert.equal(
    applyAction(text, quickFixes(text, 'fix.monitoring.yaml', one)[0]),
    text.replace('[alertname, cluster, alertname]', '[alertname, cluster]'),
  );
});

// The descriptor engine on its own: steps no rule uses yet, and descriptors that no longer match

test('fix descriptors: rename a key, insert under an empty key, stale or malformed descriptors give nothing (YAML and JSON)', () => {
  const run = (text: string, format: 'yaml' | 'json', fixes: unknown[]): string[] => {
    const part = parseText(text, format).parts[0];
    const input = {
      diagnostic: { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, message: '' },
      data: { fixes },
      offset: 0,
      part,
      text,
      dialect: format === 'yaml' ? yamlDialect : jsonDialect,
      schema: {},
      graph: undefined as never,
      rootValue: undefined,
    };
    return descriptorFixes(input).map((f) => applyOffsetEdits(text, f.edits));
  };
  const yaml = L('route:', '  reciever: a  # typo', '  group_by:', 'receivers: []');
  assert.deepEqual(
    run(yaml, 'yaml', [
      {
        kind: 'rename',
        path: ['route', 'reciever'],
        to: 'receiver',
        expect: 'reciever',
        title: 'fix.rename-key',
        args: { key: 'reciever', suggestion: 'receiver' },
      },
    ]),
    [yaml.replace('reciever:', 'receiver:')],
  );
  assert.deepEqual(
    run(yaml, 'yaml', [
      {
        kind: 'insert',
        path: ['route', 'group_by'],
        entries: [{ key: 'x', value: '...' }],
        title: 'fix.add-property',
        args: { key: 'x', value: '...' },
      },
    ]),
    [yaml.replace('  group_by:\n', '  group_by:\n    x: ...\n')],
  );
  const json = J({ route: { reciever: 'a' } });
  assert.deepEqual(
    run(json, 'json', [
      {
        kind: 'rename',
        path: ['route', 'reciever'],
        to: 'receiver',
        title: 'fix.rename-key',
        args: { key: 'reciever', suggestion: 'receiver' },
      },
    ]),
    [J({ route: { receiver: 'a' } })],
  );
  // The node holds something else now, the path leads nowhere, the title is not a fix title: no fix.
  assert.deepEqual(
    run(yaml, 'yaml', [
      {
        kind: 'replace',
        path: ['route', 'reciever'],
        value: 'b',
        expect: 'z',
        title: 'fix.change-to',
        args: { value: 'b' },
      },
    ]),
    [],
  );
  assert.deepEqual(
    run(yaml, 'yaml', [{ kind: 'remove', path: ['route', 'nothing', 0], title: 'fix.remove-key', args: { key: 'x' } }]),
    [],
  );
  assert.deepEqual(
    run(yaml, 'yaml', [
      { kind: 'remove', path: ['route', 'reciever'], title: 'schema.required' },
      { kind: 'bogus', path: [] },
      null,
    ]),
    [],
  );
});

// Address plans and unused definitions

test('cidr: an overlapping or outside subnet moved to the free block, a covered allow-list entry removed (safe)', () => {
  const env = (a: string, b: string): string =>
    L(
      'schema_version: "2"',
      'tenant_id: acme',
      'environment: production',
      'networking:',
      '  vpc:',
      '    cidr_block: 10.20.0.0/16',
      '  subnets:',
      `    - { name: app-a, cidr: ${a} }`,
      '    # the second one',
      `    - { name: app-b, cidr: ${b} }`,
    );
  assert.equal(
    fixedBy(env('10.20.0.0/24', '10.20.0.0/24'), 'fix.environment.yaml', { code: 'cidr.subnet-overlap' }),
    env('10.20.0.0/24', '10.20.1.0/24'),
  );
  assert.equal(
    fixedBy(env('10.20.0.0/24', '10.21.0.0/24'), 'fix.environment.yaml', { code: 'cidr.subnet-outside-vpc' }),
    env('10.20.0.0/24', '10.20.1.0/24'),
  );
  const access = (list: string): string =>
    L(
      'schema_version: "2"',
      'tenant_id: acme',
      'roles:',
      '  - name: viewer',
      '    permissions: ["dashboards:read"]',
      'bindings:',
      '  - role: viewer',
      '    subjects: ["group:all"]',
      'ip_allowlist:',
      ...list.split('|'),
    );
  const before = access('  - 10.0.0.0/8|  # office|  - 10.1.0.0/16|  - 192.0.2.0/24');
  assert.equal(fixAll(before, 'fix.access.yaml'), access('  - 10.0.0.0/8|  # office|  - 192.0.2.0/24'));
  assert.deepEqual(codesOf(fixAll(before, 'fix.access.yaml'), 'fix.access.yaml'), []);
});

test("relabeling: an empty rule removed, a field the action refuses removed; an HTTP client's inline secret removed in favour of its file", () => {
  const prom = (rules: string[]): string =>
    L(
      'scrape_configs:',
      '  - job_name: node',
      '    static_configs: [{ targets: ["a:9100"] }]',
      '    relabel_configs:',
      ...rules,
    );
  assert.equal(
    fixedBy(
      prom(['      - {}', '      # keep the team label', '      - { action: labelkeep, regex: team }']),
      'prometheus.yml',
      { code: 'relabel.empty-rule' },
    ),
    prom(['      # keep the team label', '      - { action: labelkeep, regex: team }']),
  );
  assert.equal(
    fixedBy(prom(['      - action: labeldrop', '        regex: tmp_.*', '        target_label: x']), 'prometheus.yml', {
      code: 'relabel.field-not-allowed',
    }),
    prom(['      - action: labeldrop', '        regex: tmp_.*']),
  );
  const auth = (lines: string[]): string =>
    L(
      'scrape_configs:',
      '  - job_name: api',
      '    basic_auth:',
      '      username: prom',
      ...lines,
      '    static_configs: [{ targets: ["a:443"] }]',
    );
  assert.equal(
    fixedBy(auth(['      password: s3cr3t-value', '      password_file: /etc/prom/pw']), 'prometheus.yml', {
      code: 'http.inline-and-file',
    }),
    auth(['      password_file: /etc/prom/pw']),
  );
});
