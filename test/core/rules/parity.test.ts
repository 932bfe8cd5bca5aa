import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stringify } from 'yaml';
import { allHits, json } from './check';

/** One document per rule family, each with mistakes; YAML and JSON must give the same codes, paths and severities (order aside: offsets differ). */
const CASES: Array<{ name: string; doc: Record<string, unknown> }> = [
  {
    name: 'x.rules',
    doc: {
      groups: [
        {
          name: 'g',
          rules: [
            { alert: 'A', expr: 'sum(rate(x[5m])', for: '5mm', annotations: { summary: '{{ $labels.job | nope }}' } },
          ],
        },
        { name: 'g', rules: [{ record: 'a{b}', expr: 'rat(x[5m])' }] },
      ],
    },
  },
  {
    name: 'alertmanager',
    doc: {
      global: {
        slack_api_url: 'https://hooks.slack.com/services/T01234567/B01234567/abcdefghijklmnopqrstuvwx',
        smtp_auth_password: 'hunter22',
      },
      route: {
        receiver: 'a',
        group_interval: '0s',
        routes: [{ receiver: 'b', matchers: ['severity: critical'], mute_time_intervals: ['x'] }],
      },
      receivers: [{ name: 'a', slack_configs: [{ channel: '#a', title: '{{ range .Alerts }}' }] }, { name: 'a' }],
      time_intervals: [
        {
          name: 't',
          time_intervals: [{ times: [{ start_time: '22:00', end_time: '06:00' }], location: 'Europe/Pariss' }],
        },
      ],
    },
  },
  {
    name: 'x.tenant',
    doc: {
      schema_version: '2',
      tenant_id: 'acme',
      metadata: { name: 'Acme', owner: { user_id: 'usr_acme', email: 'sre@acme.example.com' } },
      isolation: { strategy: 'database' },
      environments: {
        production: {
          enabled: true,
          debug: true,
          database: {
            host: 'localhost',
            name: 'acme',
            password: 'literal-pass',
            ssl_mode: 'require',
            pool: { min: 9, max: 3, timeout: '1.5s' },
          },
        },
      },
      access_control: { ip_allowlist: ['10.0.0.1/8', '10.0.0.0/33'] },
    },
  },
  {
    name: 'x.localization',
    doc: {
      schema_version: '2',
      tenant_id: 'acme',
      default_locale: 'de',
      supported_locales: ['en', 'ar'],
      locales: {
        ar: {
          direction: 'ltr',
          number: { decimal_separator: ',', thousands_separator: ',' },
          pluralization: { rules: 'explicit', categories: ['one', 'other'] },
          timezone: 'Asia/Riyad',
        },
        'EN-us': {},
      },
    },
  },
  {
    name: 'x.monitoring',
    doc: {
      schema_version: '2',
      tenant_id: 'acme',
      prometheus: {
        global: { scrape_interval: '10s', scrape_timeout: '15s' },
        scrape_configs: [{ job_name: 'a', static_configs: [{ targets: ['http://a:1/metrics'] }] }],
      },
      alertmanager: {
        route: { receiver: 'a', group_by: ['alertname', '...'] },
        receivers: [{ name: 'a', email_configs: [{ to: 'a@b.co', html: '{{ .Nope }}' }] }],
      },
      custom_metrics: [{ name: 'x', type: 'gauge', query: 'x[5m]' }],
    },
  },
  {
    name: 'x.security',
    doc: {
      schema_version: '2',
      tenant_id: 'acme',
      authentication: {
        providers: [
          {
            name: 'o',
            type: 'oidc',
            config: {
              client_id: 'c',
              client_secret: 'literal',
              issuer: 'https://o.example.com',
              scopes: ['email'],
              redirect_uris: ['http://o.example.com/cb'],
            },
          },
        ],
      },
      encryption: { at_rest: { enabled: false }, in_transit: { min_tls_version: '1.0' } },
      password_policy: { min_length: 12, check_breached: false },
      audit: {
        enabled: true,
        archival: { provider: 's3', bucket: 'acme-audit', schedule: '0 24 * * *', timezone: 'UTC' },
      },
    },
  },
];

for (const c of CASES) {
  test(`YAML and JSON give the same rule diagnostics: ${c.name}`, () => {
    const key = (h: { code: string; path: Array<string | number>; severity: string }) =>
      `${h.code} ${JSON.stringify(h.path)} ${h.severity}`;
    const yaml = allHits(stringify(c.doc), c.name + '.yaml')
      .map(key)
      .sort();
    const js = allHits(json(c.doc), c.name + '.json')
      .map(key)
      .sort();
    assert.ok(yaml.filter((k) => !k.startsWith('schema.') && !k.startsWith('yaml.')).length >= 3, yaml.join('\n'));
    assert.deepEqual(
      js.filter((k) => !k.startsWith('yaml.')),
      yaml.filter((k) => !k.startsWith('yaml.')),
    );
  });
}
