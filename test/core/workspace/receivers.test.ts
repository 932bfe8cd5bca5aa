import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Ws } from './helpers';

const SLACK = `tenant_id: acme
receivers:
  - name: acme-critical
    slack_configs:
      - channel: "#acme-incidents"
  - name: "acme-spare"
    slack_configs:
      - channel: "#acme-spare"
`;

const NOTIFICATIONS = `tenant_id: acme
rules:
  - name: critical
    matchers: ['severity="critical"']
    channels: [slack]
    receiver_ref: acme-critcal
    escalation:
      - { after: 15m, channel: slack, receiver_ref: acme-critical }
    mute_time_intervals: [nights, weekend]
`;

const MONITORING = `tenant_id: acme
alertmanager:
  route:
    receiver: acme-critical
    routes:
      - receiver: acme-pager
        routes:
          - receiver: acme-nobody
  receivers:
    - name: acme-pager
  time_intervals:
    - name: nights
    - name: holidays
`;

test('undefined receiver: exact range, path, suggestions; the same in YAML and JSON', () => {
  const ws = new Ws({ 'acme/acme.slack.yaml': SLACK, 'acme/acme.notifications.yaml': NOTIFICATIONS });
  const [p] = ws.problems('acme/acme.notifications.yaml').filter((x) => x.code === 'ref.undefined-receiver');
  assert.ok(p);
  assert.equal(p.offset, ws.at('acme/acme.notifications.yaml', 'acme-critcal'));
  assert.equal(p.length, 'acme-critcal'.length);
  assert.equal(p.severity, 'error');
  assert.deepEqual(p.data?.path, ['rules', 0, 'receiver_ref']);
  assert.equal(p.data?.name, 'acme-critcal');
  assert.equal(p.data?.namespace, 'receiver');
  assert.deepEqual((p.data?.suggestions as string[])[0], 'acme-critical');

  const json = JSON.stringify(
    { tenant_id: 'acme', rules: [{ name: 'critical', channels: ['slack'], receiver_ref: 'acme-critcal' }] },
    null,
    2,
  );
  ws.set('acme/acme.notifications.json', json);
  const [q] = ws.problems('acme/acme.notifications.json');
  assert.equal(q.code, 'ref.undefined-receiver');
  assert.equal(ws.slice('acme/acme.notifications.json', q), 'acme-critcal');
  assert.deepEqual(q.data?.path, ['rules', 0, 'receiver_ref']);
  assert.deepEqual(q.data?.suggestions, p.data?.suggestions);
});

test('routes of monitoring files resolve receivers of other files; nested routes are followed', () => {
  const ws = new Ws({ 'acme/acme.slack.yaml': SLACK, 'acme/acme.monitoring.yaml': MONITORING });
  const undef = ws.problems('acme/acme.monitoring.yaml').filter((p) => p.code === 'ref.undefined-receiver');
  assert.deepEqual(
    undef.map((p) => ws.slice('acme/acme.monitoring.yaml', p)),
    ['acme-nobody'],
  );
  assert.deepEqual(undef[0].data?.path, ['alertmanager', 'route', 'routes', 0, 'routes', 0, 'receiver']);
});

test('unused receiver: a warning on the name inside its quotes, tagged unnecessary', () => {
  const ws = new Ws({ 'acme/acme.slack.yaml': SLACK, 'acme/acme.notifications.yaml': NOTIFICATIONS });
  const unused = ws.problems('acme/acme.slack.yaml').filter((p) => p.code === 'ref.unused-receiver');
  assert.equal(unused.length, 1);
  assert.equal(unused[0].offset, ws.at('acme/acme.slack.yaml', 'acme-spare'));
  assert.equal(unused[0].length, 'acme-spare'.length);
  assert.equal(unused[0].severity, 'warning');
  assert.deepEqual(unused[0].tags, ['unnecessary']);
  assert.deepEqual(unused[0].data?.path, ['receivers', 1, 'name']);
});

test('a receiver defined in two files is a duplicate in both; within one file it is left to the Alertmanager rule', () => {
  const other = `receivers:\n  - name: acme-critical\n  - name: twice\n  - name: twice\nroute:\n  receiver: twice\n`;
  const ws = new Ws({ 'acme/acme.slack.yaml': SLACK, 'platform/alertmanager.yml': other });
  const a = ws.problems('acme/acme.slack.yaml').filter((p) => p.code === 'ref.duplicate-receiver');
  const b = ws.problems('platform/alertmanager.yml').filter((p) => p.code === 'ref.duplicate-receiver');
  assert.equal(a.length, 1);
  assert.equal(ws.slice('acme/acme.slack.yaml', a[0]), 'acme-critical');
  const others = a[0].data?.others as Array<{ uri: string; offset: number }>;
  assert.equal(others.length, 1);
  assert.ok(others[0].uri.endsWith('platform/alertmanager.yml'));
  assert.equal(others[0].offset, ws.at('platform/alertmanager.yml', 'acme-critical'));
  assert.deepEqual(
    b.map((p) => ws.slice('platform/alertmanager.yml', p)),
    ['acme-critical'],
  );
});

test('alertmanager.yml routes are not reported by the index (the single-file rule does it)', () => {
  const ws = new Ws({ 'platform/alertmanager.yml': `route:\n  receiver: nowhere\nreceivers:\n  - name: default\n` });
  assert.deepEqual(ws.codes('platform/alertmanager.yml'), ['ref.unused-receiver']);
});

test('a notification rules file alone is not checked (no file that defines receivers is loaded)', () => {
  const ws = new Ws({ 'acme/acme.notifications.yaml': NOTIFICATIONS });
  assert.deepEqual(ws.codes('acme/acme.notifications.yaml'), []);
});

test('time intervals: per tenant; undefined in notification rules, unused, duplicates across files', () => {
  const ws = new Ws({
    'acme/acme.slack.yaml': SLACK,
    'acme/acme.notifications.yaml': NOTIFICATIONS,
    'acme/acme.monitoring.yaml': MONITORING,
  });
  const n = ws.problems('acme/acme.notifications.yaml').filter((p) => p.code === 'ref.undefined-time-interval');
  assert.deepEqual(
    n.map((p) => ws.slice('acme/acme.notifications.yaml', p)),
    ['weekend'],
  );
  assert.deepEqual(n[0].data?.path, ['rules', 0, 'mute_time_intervals', 1]);
  assert.equal(n[0].data?.tenant, 'acme');
  const unused = ws.problems('acme/acme.monitoring.yaml').filter((p) => p.code === 'ref.unused-time-interval');
  assert.deepEqual(
    unused.map((p) => ws.slice('acme/acme.monitoring.yaml', p)),
    ['holidays'],
  );

  ws.set('acme/more.monitoring.yaml', `tenant_id: acme\nalertmanager:\n  time_intervals:\n    - name: nights\n`);
  assert.ok(ws.codes('acme/acme.monitoring.yaml').includes('ref.duplicate-time-interval'));
  // Another tenant may use the same name.
  ws.set(
    'globex/globex.monitoring.yaml',
    `tenant_id: globex\nalertmanager:\n  time_intervals:\n    - name: holidays\n`,
  );
  assert.equal(
    ws.problems('acme/acme.monitoring.yaml').filter((p) => p.code === 'ref.duplicate-time-interval').length,
    1,
  );
});

test('platform-wide time intervals are visible to tenants', () => {
  const ws = new Ws({
    'platform/alertmanager.yml': `route:\n  receiver: x\nreceivers:\n  - name: x\ntime_intervals:\n  - name: weekend\n  - name: nights\n`,
    'acme/acme.notifications.yaml': NOTIFICATIONS,
  });
  assert.deepEqual(
    ws.codes('acme/acme.notifications.yaml').filter((c) => c.includes('time-interval')),
    [],
  );
  assert.deepEqual(ws.codes('platform/alertmanager.yml'), []);
});

test('unique ids: tenant_id, dashboard uid, job name across files', () => {
  const ws = new Ws({
    'a/acme.tenant.yaml': 'tenant_id: acme\n',
    'b/acme.tenant.json': '{ "tenant_id": "acme" }',
    'platform/prometheus.yml': 'scrape_configs:\n  - job_name: node\n  - job_name: self\n  - job_name: self\n',
    'acme/acme.monitoring.yaml':
      'tenant_id: acme\nprometheus:\n  scrape_configs:\n    - job_name: node\ngrafana:\n  dashboards:\n    - uid: overview\n',
    'platform/dashboards/overview.dashboard.json': '{ "uid": "overview", "title": "x" }',
  });
  const t = ws.problems('b/acme.tenant.json');
  assert.deepEqual(
    t.map((p) => p.code),
    ['ref.duplicate-tenant-id'],
  );
  assert.equal(ws.slice('b/acme.tenant.json', t[0]), 'acme');
  assert.deepEqual(t[0].data?.path, ['tenant_id']);
  assert.deepEqual(ws.codes('a/acme.tenant.yaml'), ['ref.duplicate-tenant-id']);
  // `self` twice in one file is prometheus.duplicate-job-name (single-file rule), not reported here.
  assert.deepEqual(ws.codes('platform/prometheus.yml'), ['ref.duplicate-job-name']);
  assert.deepEqual(ws.codes('acme/acme.monitoring.yaml').sort(), [
    'ref.duplicate-dashboard-uid',
    'ref.duplicate-job-name',
  ]);
  const d = ws.problems('platform/dashboards/overview.dashboard.json');
  assert.deepEqual(
    d.map((p) => p.code),
    ['ref.duplicate-dashboard-uid'],
  );
  assert.equal(ws.slice('platform/dashboards/overview.dashboard.json', d[0]), 'overview');
  assert.equal(d[0].severity, 'error');
});

test('undefined tenant: a tenant_id no tenant file declares (an error in a policy, with suggestions)', () => {
  const ws = new Ws({
    'acme/acme.tenant.yaml': 'tenant_id: acme\n',
    'acme/acme.isolation.yaml': 'tenant_id: acmee\nstrategy: row\n',
  });
  const [p] = ws.problems('acme/acme.isolation.yaml');
  assert.equal(p.code, 'ref.undefined-tenant');
  assert.equal(p.severity, 'error', 'an isolation policy for no tenant isolates nothing');
  assert.deepEqual(p.data?.suggestions, ['acme']);
});
