import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PROMETHEUS, SLACK, cleanup, cli, lintJson, tree } from './cliSupport';

test('--list-files: what is linted (with its kind) and what is skipped, and why; nothing is linted', () => {
  const outside = tree({ 'shared.slack.yaml': SLACK });
  const dir = tree({
    '.git/HEAD': 'ref: refs/heads/main\n',
    '.tenant-config.yaml': 'ignore: [generated/**]\n',
    'acme.slack.yaml': SLACK,
    'prometheus.yml': PROMETHEUS,
    'notes.yaml': 'a: 1\n',
    '.github/workflows/ci.yml': 'on: push\n',
    'dist/x.tenant.yaml': 'tenant_id: x\n',
    'out/y.tenant.yaml': 'tenant_id: y\n',
    'node_modules/z/z.tenant.yaml': 'tenant_id: z\n',
    'generated/g.tenant.yaml': 'tenant_id: g\n',
    'real/target.slack.yaml': SLACK.replace('acme-critical', 'acme-target'),
  });
  try {
    fs.symlinkSync(path.join(dir, 'real/target.slack.yaml'), path.join(dir, 'link.slack.yaml'));
    fs.symlinkSync(path.join(outside, 'shared.slack.yaml'), path.join(dir, 'outside.slack.yaml'));
    fs.symlinkSync(path.join(dir, 'real'), path.join(dir, 'real-link'));
    fs.symlinkSync(path.join(dir, 'nowhere.yaml'), path.join(dir, 'broken.yaml'));
    const r = cli(dir, ['lint', '.', '--list-files']);
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.trimEnd().split('\n');
    const expected = [
      'lint  .tenant-config.yaml  (tenant-config-project)',
      'lint  acme.slack.yaml  (slack-receivers)',
      'lint  link.slack.yaml  (slack-receivers)',
      'lint  prometheus.yml  (prometheus)',
      'lint  real/target.slack.yaml  (slack-receivers)',
      'root  ./  project root: its other config files are indexed for cross-file names',
      'skip  .git/  dot folder',
      'skip  .github/  dot folder',
      'skip  broken.yaml  symbolic link to nothing',
      'skip  dist/  build output (dist/, out/)',
      'skip  node_modules/  dependencies (node_modules/)',
      'skip  out/  build output (dist/, out/)',
      'skip  outside.slack.yaml  symbolic link to a file outside the project root',
      'skip  real-link/  symbolic link to a folder (not followed)',
      'skip  generated/g.tenant.yaml  ignored by generated/** in .tenant-config.yaml',
      'skip  notes.yaml  no schema applies (no kind from its name, a modeline, $schema or the settings)',
    ];
    assert.deepEqual([...lines.slice(0, -1)].sort(), [...expected].sort());
    assert.equal(lines.at(-1), '5 file(s) to lint, 10 skipped');
    // The symlinked file is linted under its own name.
    const linted = lintJson(dir, ['.', '--no-cross-file']);
    assert.ok(linted.json.files.some((f) => f.file === 'link.slack.yaml'));
    assert.ok(!linted.json.files.some((f) => f.file === 'outside.slack.yaml'));
    // Named on the command line, a file is linted wherever it is (ignores still apply).
    assert.equal(lintJson(dir, ['dist/x.tenant.yaml']).json.files.length, 1);
    assert.equal(cli(dir, ['lint', 'generated/g.tenant.yaml']).status, 2, 'ignored: nothing left to lint');
    assert.equal(cli(dir, ['lint', 'generated', '--list-files']).status, 2);
  } finally {
    cleanup(dir);
    cleanup(outside);
  }
});
