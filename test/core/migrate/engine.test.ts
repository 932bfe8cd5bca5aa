// The engine beyond single steps: what stops a migration, text it must not disturb (line breaks,
// streams, anchors, other documents), versions and the generated documentation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { migrateText } from '../../../core/src/migrate/engine';
import { chain, latestVersion } from '../../../core/src/migrate/registry';
import { matchPattern } from '../../../core/src/migrate/match';
import { planStep } from '../../../core/src/migrate/steps';
import type { Step } from '../../../core/src/migrate/types';
import { parseJson } from '../../../core/src/document/parseJson';
import { parseYaml } from '../../../core/src/document/parseYaml';
import { applyOffsetEdits } from '../../../core/src/features/fixes/edits';
import { repoRoot } from '../../support/service';

const reasons = (text: string, kind: string, format: 'yaml' | 'json' = 'yaml'): string[] =>
  migrateText(text, format, kind).blockers.map((b) => `${b.reason} ${JSON.stringify(b.path)}`);

test('migrations/*.yaml, docs/migrations.md and schemas/CHANGELOG.md are in step (node scripts/gen-migrations.mjs --check)', () => {
  const r = spawnSync(process.execPath, [path.join(repoRoot, 'scripts', 'gen-migrations.mjs'), '--check'], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  assert.equal(r.status, 0, `${r.stdout}${r.stderr}`.trim());
});

test('versions: every own kind goes 1 → 2; the chain is empty from the latest and for unknown versions', () => {
  assert.equal(latestVersion('tenant'), '2');
  assert.equal(latestVersion('prometheus'), undefined);
  assert.deepEqual(
    chain('tenant', '1').map((m) => m.id),
    ['tenant/1-2'],
  );
  assert.deepEqual(chain('tenant', '2'), []);
  assert.deepEqual(chain('tenant', '1', '1'), []);
  assert.deepEqual(chain('tenant', '7'), []);
  const v2 = 'schema_version: "2"\ntenant_id: acme\n';
  assert.equal(migrateText(v2, 'yaml', 'isolation-policy').text, v2);
  // --to 1 leaves a format 1 file alone.
  const v1 = 'tenant_id: acme\nlevel: dedicated\nstrategy: database\n';
  assert.equal(migrateText(v1, 'yaml', 'isolation-policy', { to: '1' }).text, v1);
  // An unknown declared version is the schema's to report, not the migration's to guess.
  const v9 = 'schema_version: "9"\ntenant_id: acme\nlevel: dedicated\n';
  assert.equal(migrateText(v9, 'yaml', 'isolation-policy').text, v9);
});

test('decisions: disagreeing keys, unmapped values, values the new version refuses, a v1 PagerDuty key, shared anchors', () => {
  assert.deepEqual(reasons('tenant_id: acme\nlevel: dedicated\nstrategy: schema\n', 'isolation-policy'), [
    'migration.conflict ["level"]',
  ]);
  assert.deepEqual(reasons('tenant_id: acme\nlevel: private\nstrategy: schema\n', 'isolation-policy'), [
    'migration.unmapped-value ["level"]',
  ]);
  assert.deepEqual(reasons('environment: prod\nautoscaling:\n  cpu_threshold: 70.5\n', 'environment'), [
    'migration.value-not-accepted ["autoscaling","cpu_threshold"]',
  ]);
  assert.deepEqual(
    reasons('environment: prod\nautoscaling:\n  cpu: { target_utilization: 60 }\n  cpu_threshold: 70\n', 'environment'),
    ['migration.conflict ["autoscaling","cpu_threshold"]'],
  );
  assert.deepEqual(
    reasons(
      'tenant_id: acme\nmetadata: {name: A}\nenvironments:\n  prod:\n    cache: { prefix: acme }\nisolation: {strategy: database}\n',
      'tenant',
    ),
    ['migration.value-not-accepted ["environments","prod","cache","prefix"]'],
  );
  assert.deepEqual(
    reasons(
      'alertmanager:\n  receivers:\n    - name: p\n      pagerduty_configs:\n        - service_key: "${K}"\n',
      'monitoring',
    ),
    ['migration.manual.pagerduty-service-key ["alertmanager","receivers",0,"pagerduty_configs",0,"service_key"]'],
  );
  assert.deepEqual(
    reasons(
      'alertmanager:\n  route:\n    receiver: a\n    routes:\n      - receiver: a\n        match: &m { team: db }\n        match_re: { env: "prod|staging" }\nnotification_rules:\n  - name: r\n    match: *m\n',
      'monitoring',
    ),
    ['migration.shared-anchor ["alertmanager","route","routes",0]'],
  );
  // A blocked document is left exactly as it was.
  const text = 'tenant_id: acme\nlevel: dedicated\nstrategy: schema\n';
  const out = migrateText(text, 'yaml', 'isolation-policy');
  assert.equal(out.text, text);
  assert.deepEqual(out.edits, []);
  assert.equal(out.to, '1');
});

test('anchors: an anchored map converted where it is written, its aliases renamed with it', () => {
  const text =
    'alertmanager:\n  route:\n    receiver: a\n    routes:\n      - receiver: a\n        match: &m\n          team: db\nnotification_rules:\n  - name: r\n    match: *m\n';
  const out = migrateText(text, 'yaml', 'monitoring').text;
  assert.equal(
    out,
    'schema_version: "2"\nalertmanager:\n  route:\n    receiver: a\n    routes:\n      - receiver: a\n        matchers: &m\n          - team="db"\nnotification_rules:\n  - name: r\n    matchers: *m\n',
  );
});

test('line breaks, streams and broken documents: CRLF kept, each document of a stream on its own, syntax errors left alone', () => {
  const crlf =
    '# acme\r\ntenant_id: acme\r\nlevel: shared\r\nstrategy: row\r\nrow_level:\r\n  tenant_column: tenant_id\r\n';
  const out = migrateText(crlf, 'yaml', 'isolation-policy').text;
  assert.equal(
    out,
    '# acme\r\nschema_version: "2"\r\ntenant_id: acme\r\nstrategy: row\r\nrow_level:\r\n  tenant_column: tenant_id\r\n',
  );
  assert.ok(!/[^\r]\n/.test(out), 'every line break is CRLF');
  const stream =
    'groups:\n  - name: a\n    rules:\n      - record: x\n        expr: holt_winters(up[5m], 0.1, 0.1)\n---\ngroups:\n  - name: b\n    rules:\n      - record: y\n        expr: "holt_winters(up[5m], 0.1, 0.1) + holt_winters (up[1h], 0.2, 0.2)"\n';
  const s = migrateText(stream, 'yaml', 'prometheus-rules');
  assert.equal(
    s.text,
    stream.replace(/holt_winters/g, 'double_exponential_smoothing'),
    'both documents, every call, in plain and quoted scalars',
  );
  const broken = 'tenant_id: acme\nlevel: [dedicated\n';
  assert.equal(migrateText(broken, 'yaml', 'isolation-policy').text, broken);
  // A metric, a label or a string named like the function is not a call.
  const names =
    'groups:\n  - name: a\n    rules:\n      - record: holt_winters\n        expr: holt_winters{holt_winters="holt_winters("} > 1\n';
  assert.equal(migrateText(names, 'yaml', 'prometheus-rules').text, names);
});

test('a declared version file of the kind is retargeted with the version (`$schema`, modeline)', () => {
  const modeline =
    '# yaml-language-server: $schema=https://schemas.tenant-config.dev/isolation-policy.v1.schema.json\ntenant_id: acme\nstrategy: database\n';
  assert.equal(
    migrateText(modeline, 'yaml', 'isolation-policy').text,
    '# yaml-language-server: $schema=https://schemas.tenant-config.dev/isolation-policy.v2.schema.json\nschema_version: "2"\ntenant_id: acme\nstrategy: database\n',
  );
  const json =
    '{\n  "$schema": "https://schemas.tenant-config.dev/isolation-policy.v1.schema.json",\n  "tenant_id": "acme",\n  "strategy": "database"\n}\n';
  assert.equal(
    migrateText(json, 'json', 'isolation-policy').text,
    '{\n  "$schema": "https://schemas.tenant-config.dev/isolation-policy.v2.schema.json",\n  "schema_version": "2",\n  "tenant_id": "acme",\n  "strategy": "database"\n}\n',
  );
});

test('edits: a line diff of the original, untouched lines byte for byte', () => {
  const text =
    'tenant_id: acme   # t\n\n# strategy below\nlevel: dedicated\nstrategy: database\nnetwork_isolation: true\n';
  const out = migrateText(text, 'yaml', 'isolation-policy');
  let applied = text;
  for (const e of [...out.edits].sort((a, b) => b.offset - a.offset))
    applied = applied.slice(0, e.offset) + e.text + applied.slice(e.offset + e.length);
  assert.equal(applied, out.text);
  assert.equal(
    out.text,
    'schema_version: "2"\ntenant_id: acme   # t\n\n# strategy below\nstrategy: database\nnetwork_isolation: true\n',
  );
  for (const e of out.edits) assert.ok(!text.slice(e.offset, e.offset + e.length).includes('tenant_id'));
});

/** One step on the first node its pattern names, applied (the operations no bundled migration uses yet). */
function step(text: string, format: 'yaml' | 'json', s: Step): string {
  const root = format === 'json' ? parseJson(text).root : parseYaml(text)[0].root;
  const m = matchPattern(root, s.at)[0];
  const outcome = m && planStep({ text, json: format === 'json' }, s, m);
  if (!outcome || 'blocked' in outcome) return text;
  return applyOffsetEdits(text, outcome.edits);
}

test('set (a value, raised only with atLeast, first key) and delete keep the rest of the text', () => {
  const set: Step = { id: 's', op: 'set', at: [], key: 'schemaVersion', value: 28, atLeast: true, note: '' };
  assert.equal(step('title: x  # t\nschemaVersion: 27\n', 'yaml', set), 'title: x  # t\nschemaVersion: 28\n');
  assert.equal(step('title: x\nschemaVersion: 39\n', 'yaml', set), 'title: x\nschemaVersion: 39\n');
  assert.equal(step('{\n  "title": "x"\n}\n', 'json', set), '{\n  "title": "x", "schemaVersion": 28\n}\n');
  const first: Step = { id: 'f', op: 'set', at: [], key: 'v', value: '2', first: true, note: '' };
  assert.equal(step('# head\na: 1\n', 'yaml', first), '# head\nv: "2"\na: 1\n');
  assert.equal(step('{\n  "a": 1\n}\n', 'json', first), '{\n  "v": "2",\n  "a": 1\n}\n');
  const del: Step = { id: 'd', op: 'delete', at: ['alerting', 'api_version'], note: '' };
  assert.equal(
    step('alerting:\n  # which API\n  api_version: v1  # old\n  timeout: 10s\n', 'yaml', del),
    'alerting:\n  # which API\n  # old\n  timeout: 10s\n',
  );
  assert.equal(
    step('{"alerting": {"api_version": "v1", "timeout": "10s"}}', 'json', del),
    '{"alerting": {"timeout": "10s"}}',
  );
});
