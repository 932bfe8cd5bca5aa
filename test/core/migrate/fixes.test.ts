// Migrations in the editor: the diagnostics that name old formats and old shapes, their quick
// fixes, and what fix-all may apply (never a guessed value).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CodeAction } from 'vscode-languageserver-types';
import { actionsFor, apply, fixed } from '../../support/fixes';
import { migrateDocument } from '../../../core/src/migrate/api';
import { doc, service, settings, validate } from '../../support/service';

const FIX_ALL = 'source.fixAll.tenantConfig';

function fixAll(text: string, name: string): string {
  const d = doc(text, name);
  const diagnostics = service().doValidation(d, settings());
  const actions = service().getCodeActions(
    d,
    { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    { diagnostics: [], only: [FIX_ALL] },
    settings(),
  );
  assert.ok(diagnostics.length > 0);
  return actions.length ? apply(text, actions[0]) : text;
}

const codes = (text: string, name: string): string[] => validate(text, name).map((d) => String(d.code));
const titles = (actions: CodeAction[]): string[] => actions.filter((a) => a.kind === 'quickfix').map((a) => a.title);

test('the level case: fix-all maps `level: shared-schema` to `strategy: schema`, and adds no default `strategy`', () => {
  const text = 'tenant_id: acme\nlevel: shared-schema  # old name\nresources:\n  schema_name: tenant_acme\n';
  assert.equal(
    fixAll(text, 'x.isolation.yaml'),
    'tenant_id: acme\nstrategy: schema  # old name\nresources:\n  schema_name: tenant_acme\n',
  );
  // The missing `strategy` gets no "add with the default" fix while `level` says what it is.
  const { actions } = actionsFor(text, 'x.isolation.yaml', 'schema.required');
  assert.ok(!titles(actions).some((t) => /strategy/.test(t) && /Add/.test(t)), titles(actions).join(' | '));
  // Each deprecated value maps to the one it meant.
  for (const [level, strategy] of [
    ['dedicated', 'database'],
    ['shared-schema', 'schema'],
  ])
    assert.match(
      fixed(`tenant_id: acme\nlevel: ${level}\n`, 'x.isolation.yaml', 'schema.deprecated'),
      new RegExp(`^strategy: ${strategy}$`, 'm'),
    );
});

test('a closest match is offered, never applied by fix-all', () => {
  const text =
    'tenant_id: acme\nmetadata:\n  name: Acme\n  owner: {user_id: usr_1, email: a@acme.example}\nenvironments:\n  production:\n    enabled: true\n    database: {engine: postgresql, host: db, name: acme, ssl_mode: verfy-full}\nisolation:\n  strategy: database\n';
  const after = fixAll(text, 'x.tenant.yaml');
  assert.match(after, /ssl_mode: verfy-full/, 'the closest allowed value is not applied');
  assert.match(fixed(text, 'x.tenant.yaml', 'schema.enum'), /ssl_mode: verify-full/, 'but offered');
});

test('cpu_threshold has a fix: moved to cpu.target_utilization (safe), also into an existing cpu mapping', () => {
  const text = 'environment: staging\nautoscaling:\n  enabled: true\n  cpu_threshold: 70   # scale early\n';
  assert.equal(
    fixAll(text, 'x.environment.yaml'),
    'environment: staging\nautoscaling:\n  enabled: true\n  cpu:\n    target_utilization: 70   # scale early\n',
  );
  const within = 'environment: staging\nautoscaling:\n  cpu:\n    scale_up_threshold: 90\n  cpu_threshold: 70\n';
  assert.equal(
    fixed(within, 'x.environment.yaml', 'schema.deprecated'),
    'environment: staging\nautoscaling:\n  cpu:\n    scale_up_threshold: 90\n    target_utilization: 70\n',
  );
});

test('schema.outdated-version: "Migrate this file to version 2", verified, not part of fix-all', () => {
  const text = '# acme\nschema_version: "1"\ntenant_id: acme\nlevel: dedicated\nstrategy: database\n';
  const { actions, diagnostics } = actionsFor(text, 'x.isolation.yaml', 'schema.outdated-version');
  const outdated = diagnostics.find((d) => d.code === 'schema.outdated-version')!;
  assert.equal(outdated.severity, 3);
  assert.deepEqual((outdated.data as { path: unknown }).path, ['schema_version']);
  const migrate = actions.find((a) => a.kind === 'quickfix' && a.isPreferred)!;
  assert.equal(migrate.title, 'Migrate this file to version 2');
  const out = apply(text, migrate);
  assert.equal(out, '# acme\nschema_version: "2"\ntenant_id: acme\nstrategy: database\n');
  assert.deepEqual(codes(out, 'x.isolation.yaml'), []);
  // Fix-all changes deprecated keys one by one, never the version.
  assert.match(fixAll(text, 'x.isolation.yaml'), /schema_version: "1"/);
});

test('migration.needs-choice: where the migration stops, instead of the deprecation, with no fix', () => {
  const text = 'tenant_id: acme\nlevel: dedicated\nstrategy: schema\n';
  assert.deepEqual(codes(text, 'x.isolation.yaml'), ['schema.outdated-version', 'migration.needs-choice']);
  const { actions } = actionsFor(text, 'x.isolation.yaml', 'migration.needs-choice');
  assert.deepEqual(titles(actions), []);
  const pager =
    'alertmanager:\n  route: {receiver: p}\n  receivers:\n    - name: p\n      pagerduty_configs:\n        - service_key: "${PD_KEY}"\n';
  const c = codes(pager, 'x.monitoring.yaml');
  assert.ok(c.includes('migration.needs-choice') && !c.includes('schema.deprecated'), c.join(', '));
  // The old quick fix renamed service_key to routing_key: a v1 key is not a v2 key.
  assert.deepEqual(titles(actionsFor(pager, 'x.monitoring.yaml', 'schema.outdated-version').actions), []);
});

test('Alertmanager label maps: one diagnostic per map, converted (safe) with escaping and anchoring kept', () => {
  const text =
    'route:\n  receiver: a\n  routes:\n    - receiver: a\n      match: {team: "db \\"core\\""}   # quoted\n      match_re:\n        service: api|web\nreceivers:\n  - name: a\n';
  const diagnostics = validate(text, 'alertmanager.yml').filter((d) => d.code === 'alertmanager.deprecated-match');
  assert.deepEqual(
    diagnostics.map((d) => (d.data as { path: unknown[] }).path.join('.')),
    ['route.routes.0.match', 'route.routes.0.match_re'],
  );
  const out = fixAll(text, 'alertmanager.yml');
  assert.equal(
    out,
    'route:\n  receiver: a\n  routes:\n    - receiver: a\n      matchers: [team="db \\"core\\"", service=~"api|web"]   # quoted\nreceivers:\n  - name: a\n',
  );
  assert.deepEqual(codes(out, 'alertmanager.yml'), []);
});

test('Grafana legacy panels: one diagnostic per panel naming the type Grafana converts it to', () => {
  const dash = {
    title: 'x',
    schemaVersion: 39,
    annotations: { list: [] },
    templating: { list: [] },
    panels: [
      { id: 1, type: 'graph', xaxis: { mode: 'histogram' } },
      { id: 2, type: 'singlestat' },
      { id: 3, type: 'timeseries' },
    ],
  };
  const diagnostics = validate(JSON.stringify(dash, null, 2), 'x.dashboard.json').filter(
    (d) => d.code === 'grafana.legacy-panel-type',
  );
  assert.deepEqual(
    diagnostics.map((d) => [
      (d.data as { path: unknown[] }).path.join('.'),
      (d.data as { replacement: string }).replacement,
    ]),
    [
      ['panels.0.type', 'histogram'],
      ['panels.1.type', 'stat'],
    ],
  );
});

test('Prometheus 3: holt_winters renamed in rule files, offered but not applied by fix-all', () => {
  const text = 'groups:\n  - name: g\n    rules:\n      - record: r\n        expr: holt_winters(up[5m], 0.5, 0.5)\n';
  const { actions, diagnostics } = actionsFor(text, 'x.rules.yaml', 'promql.renamed-function');
  const d = diagnostics.find((x) => x.code === 'promql.renamed-function')!;
  assert.deepEqual([d.range.start.character, d.range.end.character], [14, 26], 'on the function name');
  assert.equal(
    apply(
      text,
      actions.find((a) => a.isPreferred)!,
    ),
    text.replace('holt_winters', 'double_exponential_smoothing'),
  );
  assert.equal(fixAll(text, 'x.rules.yaml'), text);
  const am = 'alerting:\n  alertmanagers:\n    - api_version: v1\n      static_configs: [{targets: ["am:9093"]}]\n';
  assert.ok(codes(am, 'prometheus.yml').includes('prometheus.alertmanager-api-v1'));
  assert.match(fixed(am, 'prometheus.yml', 'prometheus.alertmanager-api-v1'), /api_version: v2/);
});

test('a file that names a version file of its kind is of that kind, validated as declared, retargeted when migrated', () => {
  const text =
    '# yaml-language-server: $schema=https://schemas.tenant-config.dev/isolation-policy.v1.schema.json\ntenant_id: acme\nlevel: dedicated\nstrategy: database\n';
  assert.deepEqual(codes(text, 'plain.yaml'), ['schema.outdated-version', 'schema.deprecated']);
  const m = migrateDocument(service(), doc(text, 'plain.yaml'), settings());
  assert.equal(m.kind, 'isolation-policy');
  assert.equal(
    m.text,
    '# yaml-language-server: $schema=https://schemas.tenant-config.dev/isolation-policy.v2.schema.json\nschema_version: "2"\ntenant_id: acme\nstrategy: database\n',
  );
  assert.deepEqual(codes(m.text, 'plain.yaml'), []);
});
