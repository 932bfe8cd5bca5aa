import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PROMETHEUS, SLACK, cleanup, cli, codes, lintJson, tree } from './cliSupport';

test('.tenant-config.yaml: severities, ignore globs and schema associations, read from the folder of the file', () => {
  const dir = tree({
    'platform/.tenant-config.yaml': [
      'severity:',
      '  ref.unused-receiver: error',
      'ignore:',
      '  - generated/**',
      'schemas:',
      '  tenant: legacy/*.yaml',
      '',
    ].join('\n'),
    'platform/acme.slack.yaml': SLACK,
    'platform/generated/broken.prometheus.yml': PROMETHEUS,
    'platform/legacy/acme.yaml': 'tenant_id: acme\n',
    // Outside the configuration's folder: defaults apply.
    'other/acme.slack.yaml': SLACK.replace('acme-critical', 'acme-other'),
    'other/legacy/acme.yaml': 'tenant_id: Not Valid\n',
  });
  try {
    const r = lintJson(dir, ['.']);
    assert.equal(r.status, 1, r.stderr);
    assert.deepEqual(
      r.json.files.map((f) => f.file),
      [
        'other/acme.slack.yaml',
        'platform/.tenant-config.yaml',
        'platform/acme.slack.yaml',
        'platform/legacy/acme.yaml',
      ],
      'generated/ ignored by the glob of platform/.tenant-config.yaml (itself linted); other/legacy/acme.yaml has no schema',
    );
    const sev = (file: string): string[][] =>
      r.json.files.find((f) => f.file === file)!.problems.map((p) => [p.code, p.severity]);
    assert.deepEqual(sev('platform/acme.slack.yaml'), [['ref.unused-receiver', 'error']]);
    assert.deepEqual(sev('other/acme.slack.yaml'), [['ref.unused-receiver', 'warning']]);
    assert.ok(codes(r.json, 'platform/legacy/acme.yaml').includes('schema.required'));
    // From inside the folder the same configuration applies: paths do not depend on the working folder.
    const inside = lintJson(`${dir}/platform`, ['legacy', '--no-cross-file']);
    assert.ok(codes(inside.json, 'legacy/acme.yaml').includes('schema.required'));
  } finally {
    cleanup(dir);
  }
});

test('the nearest .tenant-config.yaml wins; --config applies over it', () => {
  const dir = tree({
    '.tenant-config.yaml': 'severity:\n  ref.unused-receiver: error\n',
    'team/.tenant-config.yaml': 'severity:\n  ref.unused-receiver: "off"\n',
    'acme.slack.yaml': SLACK,
    'team/acme.slack.yaml': SLACK.replace('acme-critical', 'team-critical'),
    'settings.json': JSON.stringify({ severity: { 'ref.unused-receiver': 'hint' } }),
  });
  try {
    const r = lintJson(dir, ['.']);
    assert.deepEqual(codes(r.json, 'acme.slack.yaml'), ['ref.unused-receiver']);
    assert.equal(r.json.files.find((f) => f.file === 'acme.slack.yaml')!.problems[0].severity, 'error');
    assert.deepEqual(codes(r.json, 'team/acme.slack.yaml'), []);
    const layered = lintJson(dir, ['.', '--config', 'settings.json']);
    assert.equal(layered.status, 0);
    for (const f of ['acme.slack.yaml', 'team/acme.slack.yaml'])
      assert.deepEqual(
        layered.json.files.find((x) => x.file === f)!.problems.map((p) => p.severity),
        ['hint'],
        `${f}: --config overrides the project configuration`,
      );
  } finally {
    cleanup(dir);
  }
});

test('crossFile.exclude and crossFile.enable, options.maxProblems', () => {
  const dir = tree({
    '.tenant-config.yaml': 'crossFile:\n  exclude: [old/**]\noptions:\n  maxProblems: 1\n',
    'acme.slack.yaml': SLACK,
    'old/acme.slack.yaml': SLACK,
    'prometheus.yml': PROMETHEUS,
  });
  try {
    const r = lintJson(dir, ['.']);
    assert.deepEqual(codes(r.json, 'acme.slack.yaml'), ['ref.unused-receiver'], 'no duplicate with the excluded copy');
    assert.deepEqual(codes(r.json, 'old/acme.slack.yaml'), [], 'excluded from the index, linted alone');
    assert.equal(codes(r.json, 'prometheus.yml').length, 1, 'one problem per file at most');
  } finally {
    cleanup(dir);
  }
  const off = tree({ '.tenant-config.yaml': 'crossFile:\n  enable: false\n', 'acme.slack.yaml': SLACK });
  try {
    assert.deepEqual(codes(lintJson(off, ['.']).json, 'acme.slack.yaml'), []);
  } finally {
    cleanup(off);
  }
});

test('an invalid .tenant-config.yaml (unknown key, wrong value) stops the run with exit status 2 and positions', () => {
  const dir = tree({
    '.tenant-config.yaml': 'severity:\n  ref.unused-receiver: loud\nignor:\n  - x/**\n',
    'acme.slack.yaml': SLACK,
  });
  try {
    const r = cli(dir, ['lint', '.']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^\.tenant-config\.yaml:2:24 error schema\.enum /m);
    assert.match(
      r.stderr,
      /^\.tenant-config\.yaml:3:1 error schema\.additional-property Unknown key `ignor`.*`ignore`/m,
    );
    assert.match(r.stderr, /\.tenant-config\.yaml is not a valid project configuration/);
    assert.equal(r.stdout, '');
  } finally {
    cleanup(dir);
  }
});

test('a .tenant-config.yaml above the repository is not read', () => {
  const dir = tree({
    '.tenant-config.yaml': 'severity:\n  ref.unused-receiver: error\n',
    'repo/.git/HEAD': 'ref: refs/heads/main\n',
    'repo/acme.slack.yaml': SLACK,
  });
  try {
    const r = lintJson(`${dir}/repo`, ['.']);
    assert.equal(r.status, 0);
    assert.equal(r.json.files[0].problems[0].severity, 'warning');
  } finally {
    cleanup(dir);
  }
});
