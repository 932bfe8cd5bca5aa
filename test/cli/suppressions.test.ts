import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { PROMETHEUS, SLACK, cleanup, cli, codes, lintJson, tree } from './cliSupport';

test('YAML: disable-next-line (several codes, a reason) and disable-file suppress; the rest is reported', () => {
  const dir = tree({
    'prometheus.yml': [
      'global:',
      '  scrape_interval: 15s',
      '  # tenant-config-disable-next-line prometheus.timeout-exceeds-interval, schema.pattern -- until the probe is tuned',
      '',
      '  scrape_timeout: 20s',
      '  scrape_intervall: 1m',
      '',
    ].join('\n'),
    'acme.slack.yaml': '# tenant-config-disable-file ref.unused-receiver\n' + SLACK,
  });
  try {
    const r = lintJson(dir, ['.']);
    assert.equal(r.status, 1);
    assert.deepEqual(codes(r.json, 'prometheus.yml'), ['suppression.unused', 'schema.additional-property']);
    const unused = r.json.files.find((f) => f.file === 'prometheus.yml')!.problems[0];
    assert.deepEqual([unused.line, unused.column, unused.endColumn, unused.severity], [3, 74, 88, 'warning']);
    assert.match(unused.message, /`schema\.pattern`/);
    assert.deepEqual(codes(r.json, 'acme.slack.yaml'), []);
    assert.equal(r.json.suppressed, 2);
  } finally {
    cleanup(dir);
  }
});

test('a suppression that suppresses nothing, or names no known code, is reported; a # line in a block scalar is text', () => {
  const dir = tree({
    'acme.slack.yaml': [
      '# tenant-config-disable-file ref.unused-reciever',
      '# tenant-config-disable-next-line',
      ...SLACK.trimEnd().split('\n'),
      '        text: |',
      '          # tenant-config-disable-next-line schema.type',
      '          body',
      '',
    ].join('\n'),
  });
  try {
    const r = lintJson(dir, ['.']);
    const problems = r.json.files[0].problems;
    assert.deepEqual(
      problems.map((p) => [p.code, p.line]),
      [
        ['suppression.invalid', 1],
        ['suppression.invalid', 2],
        ['ref.unused-receiver', 8],
      ],
      JSON.stringify(problems),
    );
    assert.match(problems[0].message, /did you mean `ref\.unused-receiver`\?/);
  } finally {
    cleanup(dir);
  }
});

test('with --no-cross-file a cross-file suppression is not called unused (its checks did not run)', () => {
  const dir = tree({ 'acme.slack.yaml': '# tenant-config-disable-file ref.unused-receiver\n' + SLACK });
  try {
    assert.deepEqual(codes(lintJson(dir, ['.', '--no-cross-file']).json, 'acme.slack.yaml'), []);
    const off = tree({
      '.tenant-config.yaml': 'severity:\n  ref.unused-receiver: "off"\n',
      'acme.slack.yaml': '# tenant-config-disable-file ref.unused-receiver\n' + SLACK,
    });
    try {
      assert.deepEqual(codes(lintJson(off, ['.']).json, 'acme.slack.yaml'), [], 'a code set to off is not looked for');
    } finally {
      cleanup(off);
    }
  } finally {
    cleanup(dir);
  }
});

const DASHBOARD = JSON.stringify(
  {
    title: 'API',
    uid: 'api',
    schemaVersion: 39,
    panels: [
      {
        type: 'timeseries',
        title: 'Errors',
        gridPos: { h: 8, w: 12, x: 0, y: 0 },
        targets: [{ expr: 'sum(rate(http_errors_total[5m])', refId: 'A' }],
      },
    ],
  },
  null,
  2,
);

test('JSON: suppressions by path and code in .tenant-config.yaml; an unused one is reported at its entry', () => {
  const dir = tree({
    'vendor/api.dashboard.json': DASHBOARD,
    'mine/api.dashboard.json': DASHBOARD.replace('"api"', '"api2"'),
  });
  try {
    const before = lintJson(dir, ['.']);
    const found = codes(before.json, 'vendor/api.dashboard.json');
    assert.ok(found.includes('promql.unclosed'), JSON.stringify(before.json));
    const config = [
      'suppressions:',
      '  - files: vendor/*.dashboard.json',
      '    path: /panels/0/targets/0/expr',
      '    codes: [promql.unclosed]',
      '    reason: vendored from upstream',
      '  - files: [vendor/*.dashboard.json]',
      '    path: /panels/0/title',
      '    codes: [schema.type]',
      '',
    ].join('\n');
    const configured = tree({ '.tenant-config.yaml': config });
    try {
      for (const f of ['vendor/api.dashboard.json', 'mine/api.dashboard.json']) {
        fs.mkdirSync(`${configured}/${f.split('/')[0]}`, { recursive: true });
        fs.writeFileSync(
          `${configured}/${f}`,
          f.startsWith('vendor') ? DASHBOARD : DASHBOARD.replace('"api"', '"api2"'),
        );
      }
      const r = lintJson(configured, ['.']);
      assert.deepEqual(
        codes(r.json, 'vendor/api.dashboard.json'),
        found.filter((c) => c !== 'promql.unclosed'),
        'suppressed in the vendored dashboard',
      );
      assert.ok(codes(r.json, 'mine/api.dashboard.json').includes('promql.unclosed'), 'not in the other one');
      const own = r.json.files.find((f) => f.file === '.tenant-config.yaml')!.problems;
      assert.deepEqual(
        own.map((p) => [p.code, p.line, p.column]),
        [['suppression.unused', 6, 5]],
        'the second entry suppresses nothing',
      );
      assert.match(own[0].message, /`schema\.type`.*`\/panels\/0\/title`.*`vendor\/\*\.dashboard\.json`/);
      // Linting files the entry does not name says nothing about it.
      const partial = lintJson(configured, ['mine']);
      assert.equal(
        partial.json.files.find((f) => f.file === '.tenant-config.yaml'),
        undefined,
      );
    } finally {
      cleanup(configured);
    }
  } finally {
    cleanup(dir);
  }
});

test('suppressions apply to what the text format and exit status see', () => {
  const dir = tree({
    'prometheus.yml':
      '# tenant-config-disable-file schema.additional-property, prometheus.timeout-exceeds-interval\n' + PROMETHEUS,
  });
  try {
    const r = cli(dir, ['lint', '.', '--format', 'text']);
    assert.equal(r.status, 0, r.stdout);
    assert.equal(r.stdout, '');
  } finally {
    cleanup(dir);
  }
});
