// Linting on worker threads gives the report of a run in one thread, whatever the timing; a worker
// that dies has its files checked in the main thread. --cache gives the same report again, and an
// edit (of the file, or of another file whose names it uses) is seen.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PROMETHEUS, SLACK, cleanup, cli, codes, lintJson, notifications, tree } from './cliSupport';

/** Forty tenants: receivers, notification rules (every third one with a typo), a Prometheus file each. */
function project(): Record<string, string> {
  const files: Record<string, string> = { '.git/HEAD': 'ref: refs/heads/main\n' };
  for (let i = 0; i < 40; i++) {
    const t = `ten${i}`;
    files[`${t}/${t}.slack.yaml`] = SLACK.replace(/acme/g, t);
    files[`${t}/${t}.notifications.yaml`] = notifications(t, i % 3 ? `${t}-critical` : `${t}-critcal`);
    files[`${t}/prometheus.yml`] = PROMETHEUS.replace('1m', `${i + 1}m`);
  }
  return files;
}

test('worker threads: the same report as one thread, in argument order; a dead worker falls back', () => {
  const dir = tree(project());
  try {
    const args = ['lint', 'ten9', 'ten1', '.', '--format', 'json'];
    const one = cli(dir, args, { env: { TENANT_CONFIG_WORKERS: '0' } });
    assert.equal(one.status, 1, one.stderr);
    const report = JSON.parse(one.stdout) as { files: Array<{ file: string }> };
    // The folders given first, in their order; files within a folder sorted.
    assert.deepEqual(
      report.files.slice(0, 6).map((f) => f.file),
      [
        'ten9/prometheus.yml',
        'ten9/ten9.notifications.yaml',
        'ten9/ten9.slack.yaml',
        'ten1/prometheus.yml',
        'ten1/ten1.notifications.yaml',
        'ten1/ten1.slack.yaml',
      ],
    );
    assert.equal(report.files.length, 120);
    for (let run = 0; run < 2; run++) {
      const many = cli(dir, args, { env: { TENANT_CONFIG_WORKERS: '3' } });
      assert.equal(many.stderr, '');
      assert.equal(many.stdout, one.stdout, 'three workers give the report of one thread');
    }
    // Workers with a heap too small to load the linter die: their files are checked here.
    const dead = cli(dir, args, { env: { TENANT_CONFIG_WORKERS: '2', TENANT_CONFIG_WORKER_HEAP_MB: '1' } });
    assert.equal(dead.stdout, one.stdout);
    assert.match(dead.stderr, /file\(s\) were checked again here after a worker failed/);
  } finally {
    cleanup(dir);
  }
});

test('by default, enough files start a worker while they are read; a user schema it checks reads its $ref through the shared roots', () => {
  const files = project();
  for (let i = 40; i < 60; i++) {
    const t = `ten${i}`;
    files[`${t}/${t}.slack.yaml`] = SLACK.replace(/acme/g, t);
    files[`${t}/${t}.notifications.yaml`] = notifications(t, `${t}-critical`);
    files[`${t}/prometheus.yml`] = PROMETHEUS;
  }
  files['.tenant-config.yaml'] = 'schemas:\n  schemas/custom.schema.json: custom/*.yaml\n';
  files['schemas/custom.schema.json'] = JSON.stringify({
    $schema: 'http://json-schema.org/draft-07/schema#',
    type: 'object',
    properties: { port: { $ref: 'defs.schema.json#/definitions/port' } },
    additionalProperties: false,
  });
  files['schemas/defs.schema.json'] = JSON.stringify({ definitions: { port: { type: 'integer', maximum: 65535 } } });
  for (let i = 0; i < 30; i++) files[`custom/c${i}.yaml`] = `port: ${i % 2 ? 8080 : 70000}\n`;
  const dir = tree(files);
  try {
    const args = ['lint', '.', '--format', 'json'];
    const one = cli(dir, args, { env: { TENANT_CONFIG_WORKERS: '0' } });
    assert.equal(one.status, 1, one.stderr);
    const report = JSON.parse(one.stdout) as { files: Array<{ file: string; problems: Array<{ code: string }> }> };
    // The project configuration and the user schema it names are checked too.
    assert.deepEqual(
      report.files.filter((f) => !/^(ten\d+|custom)\//.test(f.file)).map((f) => f.file),
      ['.tenant-config.yaml', 'schemas/custom.schema.json'],
    );
    assert.equal(report.files.length, 212);
    const custom = report.files.filter((f) => f.file.startsWith('custom/'));
    assert.equal(custom.length, 30);
    // The $ref was read: the maximum is checked, no schema is reported unreadable.
    for (const f of custom) {
      const n = Number(/c(\d+)\.yaml$/.exec(f.file)![1]);
      assert.deepEqual(
        f.problems.map((p) => p.code),
        n % 2 ? [] : ['schema.range'],
        JSON.stringify(f),
      );
    }
    const byDefault = cli(dir, args);
    assert.equal(byDefault.stderr, '');
    assert.equal(
      byDefault.stdout,
      one.stdout,
      'the default (workers and the main thread) gives the report of one thread',
    );
    // A worker was started by default: with a heap too small for it, it dies and its files are checked here.
    const dead = cli(dir, args, { env: { TENANT_CONFIG_WORKER_HEAP_MB: '1' } });
    assert.equal(dead.stdout, one.stdout);
    assert.match(dead.stderr, /file\(s\) were checked again here after a worker failed/);
  } finally {
    cleanup(dir);
  }
});

test('--cache: the same report from the cache; an edited file and a renamed receiver elsewhere are seen', () => {
  const dir = tree(project());
  try {
    const cold = lintJson(dir, ['.', '--cache']);
    const cacheFile = path.join(dir, '.tenant-config-cache', 'cache.json');
    assert.ok(fs.existsSync(cacheFile), 'the cache is kept under the project root');
    assert.match(
      fs.readFileSync(path.join(dir, '.tenant-config-cache', '.gitignore'), 'utf8'),
      /^\*$/m,
      'the cache folder ignores itself in git',
    );
    const plain = lintJson(dir, ['.']);
    assert.equal(cold.stdout, plain.stdout);
    const warm = lintJson(dir, ['.', '--cache']);
    assert.equal(warm.stdout, cold.stdout, 'a cached run gives the same report');
    assert.deepEqual(codes(warm.json, 'ten1/ten1.notifications.yaml'), []);

    // The receiver ten1's rules use is renamed in another file: their own entry is reused, its
    // cross-file problems are not (they come from the index, rebuilt every run).
    fs.writeFileSync(
      path.join(dir, 'ten1/ten1.slack.yaml'),
      SLACK.replace(/acme/g, 'ten1').replace('ten1-critical', 'ten1-page'),
    );
    const renamed = lintJson(dir, ['.', '--cache']);
    assert.deepEqual(codes(renamed.json, 'ten1/ten1.notifications.yaml'), ['ref.undefined-receiver']);
    assert.deepEqual(codes(renamed.json, 'ten1/ten1.slack.yaml'), ['ref.unused-receiver']);
    // An edit of the file itself.
    fs.appendFileSync(path.join(dir, 'ten2/ten2.notifications.yaml'), 'unknown_key: 1\n');
    const edited = lintJson(dir, ['.', '--cache']);
    assert.deepEqual(codes(edited.json, 'ten2/ten2.notifications.yaml'), ['schema.additional-property']);
    assert.equal(edited.stdout, lintJson(dir, ['.']).stdout, 'the cached run agrees with a run without cache');

    // --cache-location, and a corrupt cache file is rewritten, not trusted.
    const elsewhere = path.join(dir, 'my-cache.json');
    fs.writeFileSync(elsewhere, '{"format":1,"environment":"x","entries":{"a":');
    const located = lintJson(dir, ['.', '--cache', '--cache-location', 'my-cache.json']);
    assert.equal(located.stdout, edited.stdout);
    assert.doesNotThrow(() => JSON.parse(fs.readFileSync(elsewhere, 'utf8')) as unknown);
    assert.equal(cli(dir, ['lint', '.', '--cache-location', 'x.json']).status, 2);
  } finally {
    cleanup(dir);
  }
});

test('--cache in a git repository: the cache folder stays out of git status', (t) => {
  const git = spawnSync('git', ['--version']);
  if (git.status !== 0) return t.skip('git is not installed');
  const files = project();
  delete files['.git/HEAD'];
  const dir = tree(files);
  try {
    const run = (args: string[]): string => {
      const r = spawnSync('git', args, { cwd: dir, encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      return r.stdout;
    };
    run(['init', '-q']);
    run(['-c', 'user.email=t@example.com', '-c', 'user.name=t', 'add', '.']);
    run(['-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-qm', 'config']);
    const first = lintJson(dir, ['ten1/ten1.notifications.yaml', '--cache']);
    assert.ok(fs.existsSync(path.join(dir, '.tenant-config-cache', 'cache.json')));
    assert.equal(run(['status', '--porcelain', '--untracked-files=all']), '', 'nothing new for git');
    // A second partial run reads the cache and reports the same.
    assert.equal(lintJson(dir, ['ten1/ten1.notifications.yaml', '--cache']).stdout, first.stdout);

    // The cache is trusted for the texts it has seen: a forged entry hides a file's own problem...
    const target = 'ten1/ten1.notifications.yaml';
    fs.appendFileSync(path.join(dir, target), 'unknown_key: 1\n');
    const cacheFile = path.join(dir, '.tenant-config-cache', 'cache.json');
    assert.deepEqual(codes(lintJson(dir, [target, '--cache']).json, target), ['schema.additional-property']);
    const forged = JSON.parse(fs.readFileSync(cacheFile, 'utf8')) as {
      entries: Record<string, { result: { diagnostics?: unknown[] } }>;
    };
    const entry = Object.entries(forged.entries).find(([f]) => f.endsWith(target))![1];
    entry.result.diagnostics = [];
    fs.writeFileSync(cacheFile, JSON.stringify(forged));
    assert.deepEqual(
      codes(lintJson(dir, [target, '--cache']).json, target),
      [],
      "an untracked cache is this machine's own",
    );
    // ... so a cache that came with a commit is not read, nor written over.
    run(['add', '-f', '.tenant-config-cache/cache.json']);
    run(['-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-qm', 'a cache']);
    const refused = lintJson(dir, [target, '--cache']);
    assert.deepEqual(codes(refused.json, target), ['schema.additional-property']);
    assert.match(refused.stderr, /cache\.json is tracked by git: not read/);
    assert.equal(
      run(['status', '--porcelain', '--', '.tenant-config-cache']),
      '',
      'the tracked cache is left as it was',
    );
  } finally {
    cleanup(dir);
  }
});

test('--cache where git fails (a repository it refuses): the cache is not trusted', () => {
  const files = project();
  delete files['.git/HEAD'];
  // A .git git cannot read: git ls-files fails with another error than "not a git repository".
  files['.git'] = 'not a gitfile\n';
  const dir = tree(files);
  try {
    const target = 'ten1/ten1.notifications.yaml';
    fs.appendFileSync(path.join(dir, target), 'unknown_key: 1\n');
    const cacheDir = path.join(dir, '.tenant-config-cache');
    fs.mkdirSync(cacheDir);
    fs.writeFileSync(path.join(cacheDir, 'cache.json'), '{"format":1,"environment":"x","entries":{}}');
    const r = lintJson(dir, [target, '--cache']);
    assert.deepEqual(codes(r.json, target), ['schema.additional-property']);
    assert.match(r.stderr, /git could not tell whether it tracks it: not read/);
    assert.equal(
      fs.readFileSync(path.join(cacheDir, 'cache.json'), 'utf8'),
      '{"format":1,"environment":"x","entries":{}}',
      'nor written over',
    );
  } finally {
    cleanup(dir);
  }
});
