import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-types';
import { repoRoot, validate } from '../support/service';
import { Ws } from './workspace/helpers';

/**
 * The realistic mistakes of a new user, in copies of the valid examples with one edit, and the
 * message each one gets: it names the key, and its advice is a value that is valid.
 */
const example = (rel: string): string => fs.readFileSync(path.join(repoRoot, 'examples', rel), 'utf8');

function edited(rel: string, from: string, to: string): string {
  const text = example(rel);
  assert.ok(text.includes(from), `${rel} holds ${from}`);
  return text.replace(from, to);
}

const text = (d: Diagnostic): string => (typeof d.message === 'string' ? d.message : d.message.value);

function only(ds: Diagnostic[], code: string): Diagnostic {
  assert.deepEqual(
    ds.map((d) => d.code),
    [code],
    `one problem: ${ds.map((d) => `${String(d.code)}: ${text(d)}`).join(' | ')}`,
  );
  return ds[0]!;
}

test("a duration written in words names its key and advises the duration ('5 minutes' → '5m')", () => {
  const yaml = edited('acme/acme.monitoring.yaml', 'group_interval: 5m', "group_interval: '5 minutes'");
  const d = only(validate(yaml, 'acme.monitoring.yaml'), 'duration.invalid');
  assert.equal(text(d), "`group_interval`: '5 minutes' is not a valid duration; write '5m'.");
});

test('a cron mistake names `schedule`', () => {
  const yaml = edited('acme/acme.security.yaml', 'schedule: "0 2 * * *"', 'schedule: "0 25 * * *"');
  const d = only(validate(yaml, 'acme.security.yaml'), 'cron.out-of-range');
  assert.match(text(d), /^`schedule`: Value 25 is out of range for the hour field/);
});

test('a time zone that is a city without its own zone names `timezone` and suggests the zone (Asia/Beijing)', () => {
  const yaml = edited('acme/acme.security.yaml', 'timezone: Europe/Paris', 'timezone: Asia/Beijing');
  const d = only(validate(yaml, 'acme.security.yaml'), 'intl.unknown-timezone');
  assert.match(text(d), /^`timezone`: Unknown time zone 'Asia\/Beijing'; .* Did you mean 'Asia\/Shanghai'\?$/);
  assert.equal((d.data as { suggestion?: string }).suggestion, 'Asia/Shanghai');
});

test('a subnet without a prefix names `cidr` and gives a subnet example, not only /32', () => {
  const yaml = edited('acme/acme-production.environment.yaml', 'cidr: 10.20.1.0/24', 'cidr: 10.20.1.0');
  const d = only(validate(yaml, 'acme-production.environment.yaml'), 'cidr.missing-prefix');
  assert.equal(
    text(d),
    "`cidr`: '10.20.1.0' has no prefix length; add '/n' (0-32), e.g. '10.20.1.0/24' for a subnet or '10.20.1.0/32' for a single address.",
  );
});

test('a prefix out of range names the list entry and gives a valid example', () => {
  const yaml = edited('acme/acme-production.environment.yaml', 'cidr: 10.20.1.0/24', 'cidr: 10.20.1.0/33');
  const d = only(validate(yaml, 'acme-production.environment.yaml'), 'cidr.bad-prefix');
  assert.equal(
    text(d),
    "`cidr`: Prefix length '/33' is invalid; an IPv4 prefix is a number from 0 to 32 without leading zeros, e.g. '10.20.1.0/24'.",
  );
});

test('a deprecated key is named once, without the doubled text of the schema', () => {
  const json = JSON.stringify({
    tenant_id: 'acme',
    roles: [{ name: 'viewer', permissions: ['dashboards:read'] }],
    bindings: [{ role: 'viewer', subjects: ['group:acme'] }],
    allowed_ips: ['203.0.113.0/24'],
  });
  const d = validate(json, 'acme.access.json').find((x) => x.code === 'schema.deprecated');
  assert.ok(d, 'allowed_ips is reported as deprecated');
  assert.equal(text(d), '`allowed_ips` is deprecated: use ip_allowlist.');
});

test('a mistyped tenant_id makes a policy govern no tenant: an error in policy files, a warning elsewhere', () => {
  const ws = new Ws({
    'acme/acme.tenant.yaml': 'tenant_id: acme\n',
    'acme/acme.access.yaml': 'tenant_id: acmee\nroles: []\n',
    'acme/acme.isolation.yaml': 'tenant_id: acmee\nstrategy: row\n',
    'acme/acme.security.yaml': 'tenant_id: acmee\n',
    'acme/acme.notifications.yaml': 'tenant_id: acmee\n',
  });
  for (const file of ['acme/acme.access.yaml', 'acme/acme.isolation.yaml', 'acme/acme.security.yaml']) {
    const [p] = ws.problems(file);
    assert.equal(p?.code, 'ref.undefined-tenant', file);
    assert.equal(p?.severity, 'error', file);
    assert.deepEqual(p?.data?.suggestions, ['acme'], file);
  }
  const [n] = ws.problems('acme/acme.notifications.yaml');
  assert.equal(n?.code, 'ref.undefined-tenant');
  assert.equal(n?.severity, 'warning');
});

test('PromQL in a block scalar: the place a message states is in the file, not in the scalar', () => {
  const from = '            / sum by (tenant, env) (rate(http_requests_total[5m]))';
  const yaml = edited('platform/rules/tenants.rules.yml', from, from.slice(0, -1));
  const d = only(validate(yaml, 'tenants.rules.yml'), 'promql.unclosed');
  const line = yaml.split('\n').findIndex((l) => l === from.slice(0, -1));
  const column = from.indexOf('(rate') + 1;
  assert.equal(text(d), `\`expr\`: Missing ')' to close '(' opened at line ${line + 1}, column ${column}.`);
});
