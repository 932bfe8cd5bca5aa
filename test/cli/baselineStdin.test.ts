import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PROMETHEUS, SLACK, cleanup, cli, codes, lintJson, tree } from './cliSupport';

interface BaselineFile {
  version: number;
  files: Record<string, Array<{ code: string; fingerprint: string; count: number }>>;
}

test('baseline: --baseline-write records the known problems; --baseline then fails only on new ones, robust to moved lines', () => {
  const dir = tree({ 'conf/prometheus.yml': PROMETHEUS, 'conf/acme.slack.yaml': SLACK });
  try {
    const write = lintJson(dir, ['conf', '--baseline-write', '.ci/baseline.json']);
    assert.equal(write.status, 0, write.stderr);
    assert.deepEqual(write.json.summary, { files: 2, errors: 0, warnings: 0 });
    assert.deepEqual(write.json.baseline, { known: 3, gone: 0 });
    const recorded = JSON.parse(fs.readFileSync(path.join(dir, '.ci/baseline.json'), 'utf8')) as BaselineFile;
    assert.equal(recorded.version, 1);
    assert.deepEqual(
      Object.fromEntries(Object.entries(recorded.files).map(([f, es]) => [f, es.map((e) => e.code)])),
      {
        '../conf/acme.slack.yaml': ['ref.unused-receiver'],
        '../conf/prometheus.yml': ['prometheus.timeout-exceeds-interval', 'schema.additional-property'],
      },
      'paths relative to the baseline file',
    );
    // Lines move (a comment and blank lines on top): the same problems are still known.
    fs.writeFileSync(path.join(dir, 'conf/prometheus.yml'), '# moved\n\n\n' + PROMETHEUS);
    const same = lintJson(dir, ['conf', '--baseline', '.ci/baseline.json', '--max-warnings', '0']);
    assert.equal(same.status, 0, JSON.stringify(same.json));
    assert.deepEqual(same.json.baseline, { known: 3, gone: 0 });
    // A new problem of a code already known elsewhere in the file is new all the same.
    fs.writeFileSync(path.join(dir, 'conf/prometheus.yml'), PROMETHEUS + '  evaluation_intervall: 1m\n');
    const added = lintJson(dir, ['conf', '--baseline', '.ci/baseline.json']);
    assert.equal(added.status, 1);
    assert.deepEqual(
      added.json.files.find((f) => f.file === 'conf/prometheus.yml')!.problems.map((p) => [p.code, p.line]),
      [['schema.additional-property', 5]],
    );
    // A fixed problem leaves its entry unused: counted, so the baseline can be recorded again.
    fs.writeFileSync(path.join(dir, 'conf/prometheus.yml'), 'global:\n  scrape_interval: 15s\n  scrape_timeout: 20s\n');
    const fixed = lintJson(dir, ['conf', '--baseline', '.ci/baseline.json']);
    assert.equal(fixed.status, 0);
    assert.deepEqual(fixed.json.baseline, { known: 2, gone: 1 });
    const stylish = cli(dir, ['lint', 'conf', '--baseline', '.ci/baseline.json']);
    assert.match(stylish.stdout, /2 known problems left out \(in the baseline\)/);
    assert.match(stylish.stdout, /1 baseline entry no longer found/);
  } finally {
    cleanup(dir);
  }
});

test('baseline: a missing or malformed baseline is an I/O error', () => {
  const dir = tree({ 'prometheus.yml': PROMETHEUS, 'bad.json': '{"version": 2}' });
  try {
    assert.equal(cli(dir, ['lint', '.', '--baseline', 'nope.json']).status, 2);
    const bad = cli(dir, ['lint', 'prometheus.yml', '--baseline', 'bad.json']);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /bad\.json is not a tenant-config baseline/);
  } finally {
    cleanup(dir);
  }
});

test('stdin: --stdin-filename decides the kind, the settings and the name reported', () => {
  const dir = tree({ '.tenant-config.yaml': 'severity:\n  schema.additional-property: warning\n' });
  try {
    const asPrometheus = lintJson(dir, ['--stdin', '--stdin-filename', 'conf/prometheus.yml'], { input: PROMETHEUS });
    assert.equal(asPrometheus.status, 1);
    assert.deepEqual(
      asPrometheus.json.files.map((f) => f.file),
      ['conf/prometheus.yml'],
    );
    assert.deepEqual(
      asPrometheus.json.files[0].problems.map((p) => [p.code, p.severity]),
      [
        ['prometheus.timeout-exceeds-interval', 'error'],
        ['schema.additional-property', 'warning'],
      ],
      'the project configuration above the given path applies',
    );
    const asTenant = lintJson(dir, ['--stdin', '--stdin-filename', 'x.tenant.yaml'], { input: PROMETHEUS });
    assert.ok(codes(asTenant.json, 'x.tenant.yaml').includes('schema.required'), 'the name makes it a tenant file');
    const json = lintJson(dir, ['--stdin', '--stdin-filename', 'a.tenant.json'], { input: '{"tenant_id": 1' });
    assert.ok(codes(json.json, 'a.tenant.json').includes('json.syntax'), 'the name makes it JSON');
    assert.equal(cli(dir, ['lint', '--stdin']).status, 2, '--stdin needs --stdin-filename');
    assert.equal(
      cli(dir, ['lint', '--stdin', '--stdin-filename', 'a.yaml', 'b.yaml']).status,
      2,
      'no paths with --stdin',
    );
    assert.equal(
      cli(dir, ['lint', '--stdin-filename', 'a.yaml', 'b.yaml']).status,
      2,
      '--stdin-filename without --stdin',
    );
    assert.equal(cli(dir, ['lint', '--stdin', '--stdin-filename', 'a.yaml', '--fix']).status, 2);
  } finally {
    cleanup(dir);
  }
});
