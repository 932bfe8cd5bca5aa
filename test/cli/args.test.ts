import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../support/service';
import { PROMETHEUS, SLACK, cleanup, cli, lintJson, tree } from './cliSupport';

const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };

test('--version and -v print the package version; --help prints the usage (exit 0)', () => {
  for (const args of [['--version'], ['-v'], ['lint', '--version']]) {
    const r = cli(repoRoot, args);
    assert.equal(r.status, 0, args.join(' '));
    assert.equal(r.stdout.trim(), pkg.version);
  }
  const help = cli(repoRoot, ['lint', '--help']);
  assert.equal(help.status, 0);
  assert.match(help.stdout, /^Usage: tenant-config lint/);
  for (const option of [
    '--format',
    '--output-file',
    '--stdin-filename',
    '--baseline-write',
    '--list-files',
    '--max-warnings',
  ])
    assert.ok(help.stdout.includes(option), `the usage documents ${option}`);
});

test('options match whole names only: no prefix matching, unknown options and swallowed values are usage errors', () => {
  const dir = tree({ 'prometheus.yml': PROMETHEUS });
  try {
    const formatted = cli(dir, ['lint', '.', '--formatted', 'json']);
    assert.equal(formatted.status, 2);
    assert.match(formatted.stderr, /Unknown option '--formatted'/);
    const schemaFoo = cli(dir, ['lint', '--schema-foo', 'tenant', '.']);
    assert.equal(schemaFoo.status, 2);
    assert.match(schemaFoo.stderr, /Unknown option '--schema-foo'/);
    // A value-taking option never takes the next option as its value.
    const swallowed = cli(dir, ['lint', '.', '--schema', '--quiet']);
    assert.equal(swallowed.status, 2);
    assert.match(swallowed.stderr, /--schema/);
    assert.equal(cli(dir, ['lint', '.', '--format', 'xml']).status, 2);
    assert.equal(cli(dir, ['lint', '.', '--max-warnings', 'many']).status, 2);
    assert.equal(cli(dir, ['lint', '.', '--max-warnings', '-1']).status, 2);
    assert.equal(cli(dir, ['lint']).status, 2, 'no files given');
    assert.equal(cli(dir, ['frobnicate', '.']).status, 2, 'unknown command');
    assert.equal(cli(dir, []).status, 2, 'no command');
    assert.equal(cli(dir, ['lint', '.', '--fix', '--fix-dry-run']).status, 2);
    assert.equal(cli(dir, ['lint', '.', '--baseline', 'a.json', '--baseline-write', 'b.json']).status, 2);
    // --format=value and -f value are the same option.
    assert.equal(lintJson(dir, ['.']).json.summary.errors, 2);
    const eq = cli(dir, ['lint', '.', '--format=json']);
    assert.deepEqual((JSON.parse(eq.stdout) as { summary: unknown }).summary, { files: 1, errors: 2, warnings: 0 });
    const short = cli(dir, ['lint', '.', '-f', 'json', '-q']);
    assert.equal((JSON.parse(short.stdout) as { summary: { errors: number } }).summary.errors, 2);
  } finally {
    cleanup(dir);
  }
});

test('--max-warnings: more warnings than allowed exit 1, as many exit 0; --quiet keeps errors only', () => {
  const dir = tree({ 'acme.slack.yaml': SLACK }); // the receiver is used by nothing: a warning
  try {
    const r = lintJson(dir, ['.']);
    assert.equal(r.status, 0);
    assert.deepEqual(r.json.summary, { files: 1, errors: 0, warnings: 1 });
    assert.equal(cli(dir, ['lint', '.', '--max-warnings', '1']).status, 0);
    assert.equal(cli(dir, ['lint', '.', '--max-warnings', '0']).status, 1);
    const quiet = lintJson(dir, ['.', '--quiet', '--max-warnings', '0']);
    assert.equal(quiet.status, 0);
    assert.deepEqual(quiet.json.summary, { files: 1, errors: 0, warnings: 0 });
  } finally {
    cleanup(dir);
  }
});

test('exit status: 0 clean, 1 errors, 2 for a missing file, an unreadable file or no files to lint', () => {
  const dir = tree({ 'prometheus.yml': PROMETHEUS, 'ok/acme.slack.yaml': SLACK, 'notes/readme.yaml': 'a: 1\n' });
  try {
    assert.equal(cli(dir, ['lint', 'ok', '--no-cross-file']).status, 0);
    assert.equal(cli(dir, ['lint', 'prometheus.yml']).status, 1);
    const missing = cli(dir, ['lint', 'prometheus.yml', 'nope.yaml']);
    assert.equal(missing.status, 2, 'a missing file is an I/O error even when others have problems');
    assert.match(missing.stderr, /nope\.yaml: no such file/);
    const none = cli(dir, ['lint', 'notes']);
    assert.equal(none.status, 2, 'zero files after the skips');
    assert.match(none.stderr, /no files to lint \(1 skipped: see --list-files\)/);
    if (process.getuid?.() !== 0) {
      fs.chmodSync(path.join(dir, 'prometheus.yml'), 0);
      assert.equal(cli(dir, ['lint', 'prometheus.yml']).status, 2, 'unreadable');
    }
  } finally {
    cleanup(dir);
  }
});
