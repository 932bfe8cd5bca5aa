import { test } from 'node:test';
import assert from 'node:assert/strict';
import { uri, Ws } from './helpers';

const SLACK = `tenant_id: acme
receivers:
  - name: acme-critical
`;
const NOTIFICATIONS = `tenant_id: acme
rules:
  - name: r
    channels: [slack]
    receiver_ref: acme-critical
  - name: s
    channels: [slack]
    receiver_ref: acme-pager
`;

test('a fix in one file clears the problem in another, and update names that file', () => {
  const ws = new Ws({ 'acme/acme.slack.yaml': SLACK, 'acme/acme.notifications.yaml': NOTIFICATIONS });
  assert.deepEqual(ws.codes('acme/acme.notifications.yaml'), ['ref.undefined-receiver']);
  const deps = ws.set('acme/acme.slack.yaml', SLACK + '  - name: acme-pager\n');
  assert.deepEqual(deps, [uri('acme/acme.notifications.yaml')]);
  assert.deepEqual(ws.codes('acme/acme.notifications.yaml'), []);
  // And back: removing the definition makes the reference undefined again.
  assert.deepEqual(ws.set('acme/acme.slack.yaml', SLACK), [uri('acme/acme.notifications.yaml')]);
  assert.deepEqual(ws.codes('acme/acme.notifications.yaml'), ['ref.undefined-receiver']);
});

test('an edit that changes no name has no dependents; a renamed definition names its referrers', () => {
  const ws = new Ws({
    'acme/acme.slack.yaml': SLACK,
    'acme/acme.notifications.yaml': NOTIFICATIONS,
    'globex/globex.slack.yaml': 'tenant_id: globex\nreceivers:\n  - name: globex-x\n',
  });
  assert.deepEqual(ws.set('acme/acme.slack.yaml', '# comment\n' + SLACK), []);
  assert.deepEqual(ws.set('acme/acme.slack.yaml', SLACK.replace('acme-critical', 'acme-crit')), [
    uri('acme/acme.notifications.yaml'),
  ]);
  assert.deepEqual(ws.codes('acme/acme.notifications.yaml'), ['ref.undefined-receiver', 'ref.undefined-receiver']);
  assert.deepEqual(ws.index.dependents(uri('acme/acme.slack.yaml')), [uri('acme/acme.notifications.yaml')]);
});

test('removing a file: its referrers and duplicates are dependents', () => {
  const ws = new Ws({
    'acme/acme.slack.yaml': SLACK,
    'acme/copy.slack.yaml': SLACK,
    'acme/acme.notifications.yaml': NOTIFICATIONS,
  });
  assert.deepEqual(ws.codes('acme/copy.slack.yaml'), ['ref.duplicate-receiver']);
  const deps = ws.remove('acme/acme.slack.yaml');
  assert.deepEqual(deps, [uri('acme/acme.notifications.yaml'), uri('acme/copy.slack.yaml')]);
  assert.deepEqual(ws.codes('acme/copy.slack.yaml'), []);
  assert.equal(ws.index.has(uri('acme/acme.slack.yaml')), false);
  assert.deepEqual(ws.index.problemsFor(uri('acme/acme.slack.yaml')), []);
});

test('duplicate messages follow the other definition: moving it re-checks the duplicate', () => {
  const ws = new Ws({ 'acme/acme.slack.yaml': SLACK, 'acme/copy.slack.yaml': SLACK });
  assert.deepEqual(ws.set('acme/acme.slack.yaml', '\n\n' + SLACK), [uri('acme/copy.slack.yaml')]);
  const others = ws.problems('acme/copy.slack.yaml')[0].data?.others as Array<{ offset: number }>;
  assert.equal(others[0].offset, ws.at('acme/acme.slack.yaml', 'acme-critical'));
});

test('the first file able to define a namespace turns on undefined checks in its scope', () => {
  const ws = new Ws({ 'acme/acme.notifications.yaml': NOTIFICATIONS });
  assert.deepEqual(ws.codes('acme/acme.notifications.yaml'), []);
  assert.deepEqual(ws.set('platform/alertmanager.yml', 'route:\n  receiver: x\nreceivers:\n  - name: x\n'), [
    uri('acme/acme.notifications.yaml'),
  ]);
  assert.deepEqual(ws.codes('acme/acme.notifications.yaml'), ['ref.undefined-receiver', 'ref.undefined-receiver']);
});

test('a new supported locale re-checks the tenant templates (scope-wide dependents)', () => {
  const loc = 'tenant_id: acme\nsupported_locales: [en]\n';
  const tpl = 'tenant_id: acme\ntemplates:\n  t:\n    en: { title: t, body: b }\n';
  const ws = new Ws({
    'acme/acme.localization.yaml': loc,
    'acme/acme.alert-templates.yaml': tpl,
    'globex/globex.alert-templates.yaml': tpl.replace('acme', 'globex'),
  });
  assert.deepEqual(
    ws.problems('acme/acme.alert-templates.yaml').filter((p) => p.code === 'ref.missing-template-locale'),
    [],
  );
  const deps = ws.set('acme/acme.localization.yaml', loc.replace('[en]', '[en, de]'));
  assert.deepEqual(deps, [uri('acme/acme.alert-templates.yaml')]);
  assert.deepEqual(
    ws
      .problems('acme/acme.alert-templates.yaml')
      .filter((p) => p.code === 'ref.missing-template-locale')
      .map((p) => p.data?.locale),
    ['de'],
  );
});

test('a tenant id change moves the names of the files without tenant_id in the folder', () => {
  const ws = new Ws({
    'acme/acme.tenant.yaml': 'tenant_id: acme\nenvironments: { production: {} }\n',
    'acme/alertmanager.yml': 'route:\n  receiver: r\nreceivers:\n  - name: r\ntime_intervals:\n  - name: nights\n',
    'acme/acme.notifications.yaml':
      'tenant_id: acme\nrules:\n  - { name: x, channels: [slack], receiver_ref: r, mute_time_intervals: [nights] }\n',
  });
  assert.deepEqual(ws.codes('acme/acme.notifications.yaml'), []);
  const deps = ws.set('acme/acme.tenant.yaml', 'tenant_id: globex\nenvironments: { production: {} }\n');
  assert.ok(deps.includes(uri('acme/alertmanager.yml')));
  assert.ok(deps.includes(uri('acme/acme.notifications.yaml')));
  assert.equal(ws.index.tenantOf(uri('acme/alertmanager.yml')), undefined, 'acme and globex declared in one folder');
  assert.ok(ws.codes('acme/acme.notifications.yaml').includes('ref.undefined-tenant'));
});

/** A tiny deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const VARIANTS: Record<string, string[]> = {
  'acme/acme.tenant.yaml': [
    'tenant_id: acme\nenvironments: { production: {}, staging: {} }\n',
    'tenant_id: acme\nenvironments: { staging: {} }\n',
    'tenant_id: acmex\nenvironments: { production: {} }\n',
  ],
  'acme/acme.slack.yaml': [
    SLACK,
    SLACK + '  - name: acme-pager\n',
    'tenant_id: acme\nreceivers:\n  - name: "acme-pager"\n    slack_configs: [{ alert_template: t1, locale: de }]\n',
  ],
  'acme/acme.notifications.yaml': [
    NOTIFICATIONS,
    'tenant_id: acme\nrules:\n  - { name: r, receiver_ref: acme-critical, template: t2, mute_time_intervals: [nights] }\n',
  ],
  'acme/alertmanager.yml': [
    'route:\n  receiver: acme-critical\nreceivers:\n  - name: acme-critical\ntime_intervals:\n  - name: nights\n',
    'receivers:\n  - name: am-only\n',
  ],
  'acme/acme-production.environment.yaml': [
    'tenant_id: acme\nenvironment: production\nmessaging: { queues: [{ name: q, dead_letter: { target_queue: q-dlq } }] }\n',
    'tenant_id: acme\nenvironment: test\n',
  ],
  'acme/acme-staging.environment.yaml': [
    'tenant_id: acme\nenvironment: staging\nmessaging: { queues: [{ name: q-dlq }] }\n',
    'environment: staging\nmessaging: { queues: [{ name: q-dlq }, { name: other-dlq }] }\n',
  ],
  'acme/acme.security.yaml': [
    'tenant_id: acme\nauthorization: { rbac: { roles: [{ name: a }, { name: b, inherits: [a] }], bindings: [{ role: b }] } }\n',
    'tenant_id: acme\nauthorization: { rbac: { roles: [{ name: a }, { name: b }] } }\n',
  ],
  'acme/acme.alert-templates.yaml': [
    'tenant_id: acme\ndefines: { b1: x }\ntemplates:\n  t1: { en: { title: \'{{ template "b1" . }}\', body: b } }\n',
    'tenant_id: acme\ntemplates:\n  t2: { de: { title: t, body: b } }\n',
  ],
  'acme/acme.localization.yaml': [
    'tenant_id: acme\nsupported_locales: [en, de]\nlocales: { en: { messages: { a: "{x}" } }, de: { messages: { a: "{y}", b: B } } }\n',
    'tenant_id: acme\nsupported_locales: [en]\n',
  ],
  'platform/platform.monitoring.yaml': [
    'alert_templates:\n  t2: { en: { title: t, body: b } }\nalertmanager:\n  route: { receiver: acme-pager }\n  receivers: [{ name: platform }]\n  time_intervals: [{ name: nights }]\n',
    'prometheus: { scrape_configs: [{ job_name: j }] }\n',
  ],
  'globex/globex.slack.yaml': [
    'tenant_id: globex\nreceivers:\n  - name: acme-critical\n',
    'tenant_id: acme\nreceivers:\n  - name: acme-pager\n',
  ],
};

test('incremental updates: the dependents cover every file whose problems changed, and the index equals a fresh one', () => {
  const names = Object.keys(VARIANTS);
  for (const seed of [1, 2, 3, 4, 5]) {
    const next = rng(seed);
    const ws = new Ws();
    const snapshot = (): Map<string, string> =>
      new Map(names.map((n) => [n, JSON.stringify(ws.index.problemsFor(uri(n)))]));
    for (let step = 0; step < 60; step++) {
      const name = names[Math.floor(next() * names.length)];
      const before = snapshot();
      const remove = next() < 0.15;
      const deps = remove ? ws.remove(name) : ws.set(name, VARIANTS[name][Math.floor(next() * VARIANTS[name].length)]);
      const after = snapshot();
      for (const n of names) {
        if (n === name || before.get(n) === after.get(n)) continue;
        assert.ok(
          deps.includes(uri(n)),
          `seed ${seed} step ${step}: ${remove ? 'removing' : 'updating'} ${name} changed the problems of ${n}, not in ${JSON.stringify(deps)}`,
        );
      }
    }
    const fresh = new Ws(Object.fromEntries(ws.texts));
    for (const n of names)
      assert.deepEqual(ws.index.problemsFor(uri(n)), fresh.index.problemsFor(uri(n)), `seed ${seed}: ${n}`);
  }
});
