import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exampleFiles, uri, Ws } from './helpers';

test('the examples workspace (read from disk) has no cross-file error or warning', () => {
  const files = exampleFiles();
  assert.ok(Object.keys(files).length >= 25);
  const ws = new Ws(files);
  const found: string[] = [];
  for (const name of Object.keys(files)) {
    for (const p of ws.index.problemsFor(uri(name))) {
      if (p.severity === 'error' || p.severity === 'warning')
        found.push(`${name}:${ws.index.positionAt(uri(name), p.offset)?.line} ${p.code} ${JSON.stringify(p.data)}`);
    }
  }
  assert.deepEqual(found, []);
});

test('the examples are really cross-referenced: receivers, templates, blocks, locales, environments, queues resolve across files', () => {
  const ws = new Ws(exampleFiles());
  const def = (name: string, needle: string, nth = 0, delta = 1): string[] =>
    ws.index
      .definition(uri(name), ws.at(name, needle, nth, delta))
      .map((l) => `${l.uri.slice('file:///ws/'.length)}:${l.range.start.line + 1}`);
  assert.deepEqual(def('acme/acme.monitoring.yaml', 'acme-critical'), ['acme/acme.slack.yaml:13']);
  assert.deepEqual(def('acme/acme.notifications.yaml', 'acme-management'), ['acme/acme.monitoring.yaml:73']);
  assert.deepEqual(def('acme/acme.slack.yaml', 'acme.slack.title'), ['acme/acme.alert-templates.yaml:8']);
  assert.deepEqual(def('acme/acme.slack.yaml', 'acme.critical'), ['acme/acme.alert-templates.yaml:15']);
  assert.deepEqual(def('acme/acme.notifications.yaml', 'outside-business-hours-paris'), [
    'acme/acme.monitoring.yaml:90',
  ]);
  assert.deepEqual(def('globex/globex.slack.json', '"de"'), ['globex/globex.localization.yaml:5']);
  assert.deepEqual(def('acme/acme-staging.environment.yaml', 'environment: staging', 0, 14), [
    'acme/acme.tenant.yaml:78',
  ]);
  assert.deepEqual(def('acme/acme-production.environment.yaml', 'target_queue: acme-playlist-jobs-dlq', 0, 14), [
    'acme/acme-production.environment.yaml:101',
    'acme/acme-staging.environment.yaml:42',
  ]);
  assert.deepEqual(def('initech/initech.access.yaml', 'inherits: [support]', 0, 11), ['initech/initech.access.yaml:6']);
  assert.deepEqual(def('globex/globex.notifications.yaml', 'globex.incident'), [
    'globex/globex.alert-templates.json:6',
  ]);
  assert.equal(ws.index.tenantOf(uri('platform/alertmanager.yml')), undefined);
});

test('with examples/broken in the same workspace, the broken copies of acme collide with acme (as expected)', () => {
  const ws = new Ws(exampleFiles(true));
  const codes = new Set([...ws.texts.keys()].flatMap((n) => ws.codes(n)));
  assert.ok(codes.has('ref.duplicate-tenant-id'));
  assert.ok(codes.has('ref.duplicate-receiver'));
});
