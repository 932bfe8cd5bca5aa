import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnosticData, type Problem } from '../../../core/src/problem';
import { isCode } from '../../../core/src/codes';
import { withoutSuperseded, supersededBy } from '../../../core/src/rules/index';
import { validate } from '../../support/service';
import { allHits, brief, json, ruleHits, withCode } from './check';

const prom = (body: string): string =>
  `global:\n${body}scrape_configs:\n  - job_name: a\n    static_configs:\n      - targets: ["a:9100"]\n`;

test('a bad duration gets the specific problem at the exact characters, superseding the schema pattern', () => {
  const text = prom('  scrape_interval: 30s\n  evaluation_interval: 30sec\n');
  const hits = allHits(text, 'prometheus.yml');
  const d = withCode(hits, 'duration.unknown-unit');
  assert.deepEqual(brief(d), [{ code: 'duration.unknown-unit', text: 'sec', path: 'global.evaluation_interval' }]);
  assert.equal(d[0].range, '3:26-3:29');
  assert.equal(d[0].data.supersedes, 'schema.pattern');
  assert.equal(d[0].data.suggestion, '30s');
  assert.equal(d[0].severity, 'error');
});

test('the pipeline helper drops exactly the superseded schema problems', () => {
  const text = prom('  scrape_interval: 1.5m\n  scrape_timeout: 10 s\n');
  const problems: Problem[] = validate(text, 'prometheus.yml').flatMap((d) =>
    isCode(d.code) ? [{ code: d.code, offset: 0, length: 0, message: '', data: diagnosticData(d) }] : [],
  );
  // The pipeline already dropped the schema's generic pattern problems for these two values.
  assert.deepEqual(
    problems.filter((p) => p.code.startsWith('schema.')).map((p) => p.code),
    [],
  );
  const rules = problems.filter((p) => !p.code.startsWith('schema.'));
  assert.deepEqual(
    rules.map((p) => p.code),
    ['duration.fraction', 'duration.invalid'],
  );
  const schema: Problem[] = rules.map((r) => ({
    code: 'schema.pattern',
    offset: 0,
    length: 0,
    message: '',
    data: { path: r.data?.path },
  }));
  assert.deepEqual(withoutSuperseded(schema, rules), []);
  // A schema problem at another path, or of another code, stays.
  const other: Problem = {
    code: 'schema.pattern',
    offset: 0,
    length: 0,
    message: '',
    data: { path: ['global', 'other'] },
  };
  const enumAtSamePath: Problem = {
    code: 'schema.enum',
    offset: 0,
    length: 0,
    message: '',
    data: { path: ['global', 'scrape_interval'] },
  };
  assert.deepEqual(withoutSuperseded([other, enumAtSamePath], rules), [other, enumAtSamePath]);
  assert.equal(supersededBy([])(other), false);
});

test('duration overflow is found although the pattern accepts it; durations in lists of kinds and block scalars', () => {
  const hits = ruleHits(
    'groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: up == 0\n        for: 999999999999y\n',
    'x.rules.yaml',
  );
  assert.deepEqual(brief(hits), [{ code: 'duration.overflow', text: '999999999999y', path: 'groups.0.rules.0.for' }]);
  assert.equal(hits[0].data.supersedes, undefined);
  const env = 'schema_version: "2"\ntenant_id: acme\nenvironment: staging\nautoscaling:\n  scale_up_cooldown: 30m1h\n';
  assert.deepEqual(brief(ruleHits(env, 'x.environment.yaml')), [
    { code: 'duration.unit-order', text: '1h', path: 'autoscaling.scale_up_cooldown' },
  ]);
});

test('keys that only look like durations in free-form maps are not checked', () => {
  const text =
    'groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: up == 0\n        labels:\n          interval: every five minutes\n';
  assert.deepEqual(ruleHits(text, 'x.rules.yaml'), []);
});

test('cron schedules and time zones (security policy, Alertmanager location with Local)', () => {
  const sec =
    'schema_version: "2"\ntenant_id: acme\naudit:\n  enabled: true\n  archival:\n    provider: s3\n    bucket: acme-audit\n    schedule: "0 25 * * *"\n    timezone: europe/paris\n';
  const hits = ruleHits(sec, 'x.security.yaml');
  assert.deepEqual(brief(hits), [
    { code: 'cron.out-of-range', text: '25', path: 'audit.archival.schedule' },
    { code: 'intl.timezone-case', text: 'europe/paris', path: 'audit.archival.timezone' },
  ]);
  assert.equal(hits[1].severity, 'warning');
  assert.equal(hits[1].data.suggestion, 'Europe/Paris');
  const am =
    'route:\n  receiver: a\nreceivers:\n  - name: a\ntime_intervals:\n  - name: t\n    time_intervals:\n      - location: Local\n      - location: Mars/Olympus\n';
  assert.deepEqual(brief(ruleHits(am, 'alertmanager.yml')), [
    { code: 'intl.unknown-timezone', text: 'Mars/Olympus', path: 'time_intervals.0.time_intervals.1.location' },
  ]);
});

test('locales: values and keys, with the canonical form in data.suggestion', () => {
  const text = [
    'schema_version: "2"',
    'tenant_id: acme',
    'default_locale: en_US',
    'supported_locales: [en, fr]',
    'locales:',
    '  EN-us:',
    '    direction: ltr',
    '',
  ].join('\n');
  const hits = ruleHits(text, 'x.localization.yaml');
  assert.deepEqual(brief(withCode(hits, 'intl.')), [
    { code: 'intl.invalid-locale', text: 'en_US', path: 'default_locale' },
    { code: 'intl.locale-not-canonical', text: 'EN-us', path: 'locales.EN-us' },
  ]);
  assert.equal(withCode(hits, 'intl.invalid-locale')[0].data.suggestion, 'en-US');
  const canonical = withCode(hits, 'intl.locale-not-canonical')[0];
  assert.equal(canonical.data.suggestion, 'en-US');
  // The schema rejects the key, so the canonical-form problem replaces it and is an error.
  assert.equal(canonical.data.supersedes, 'schema.property-name');
  assert.equal(canonical.severity, 'error');
});

test('currency codes and CIDR blocks (host bits are a warning with the network as suggestion)', () => {
  const loc = json({
    schema_version: '2',
    tenant_id: 'acme',
    default_locale: 'en',
    supported_locales: ['en'],
    locales: { en: { currency: { code: 'EUX' } } },
  });
  assert.deepEqual(brief(ruleHits(loc, 'x.localization.json')), [
    { code: 'intl.unknown-currency', text: 'EUX', path: 'locales.en.currency.code' },
  ]);
  const acl = 'schema_version: "2"\ntenant_id: acme\nip_allowlist: [10.0.0.1/8, "10.0.0.0/33"]\n';
  const hits = ruleHits(acl, 'x.access.yaml');
  assert.deepEqual(brief(hits), [
    { code: 'cidr.host-bits', text: '10.0.0.1/8', path: 'ip_allowlist.0' },
    { code: 'cidr.bad-prefix', text: '/33', path: 'ip_allowlist.1' },
  ]);
  assert.equal(hits[0].severity, 'warning');
  assert.equal(hits[0].data.suggestion, '10.0.0.0/8');
  assert.equal(hits[1].data.supersedes, 'schema.pattern');
});

test('valid values give nothing', () => {
  const text = prom('  scrape_interval: 1h30m\n  scrape_timeout: 0\n  evaluation_interval: 1y2w3d4h5m6s7ms\n');
  // An interval that long is a valid duration; only promtool's lookback lint has something to say.
  assert.deepEqual(
    ruleHits(text, 'prometheus.yml').map((h) => h.code),
    ['prometheus.scrape-interval-lookback'],
  );
});
