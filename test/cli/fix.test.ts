import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyPatch } from 'diff';
import { repoRoot } from '../support/service';
import { cleanup, cli, lintJson, tree, type JsonReport } from './cliSupport';

const BROKEN = path.join(repoRoot, 'examples', 'broken');

function brokenTree(): { dir: string; names: string[] } {
  const names = fs.readdirSync(BROKEN).filter((n) => /\.(ya?ml|json)$/.test(n) && !n.endsWith('.expected.json'));
  const dir = tree(Object.fromEntries(names.map((n) => [n, fs.readFileSync(path.join(BROKEN, n), 'utf8')])));
  return { dir, names };
}

const counts = (r: JsonReport, file: string): Map<string, number> => {
  const m = new Map<string, number>();
  for (const p of r.files.find((f) => f.file === file)?.problems ?? []) m.set(p.code, (m.get(p.code) ?? 0) + 1);
  return m;
};

const comments = (text: string): string[] =>
  text
    .split('\n')
    .filter((l) => /^\s*#/.test(l))
    .map((l) => l.trim());

test('--fix over every broken example: fixed files lint with fewer problems, none new, every comment kept', () => {
  const { dir, names } = brokenTree();
  try {
    const before = lintJson(dir, ['.', '--no-cross-file']);
    const texts = new Map(names.map((n) => [n, fs.readFileSync(path.join(dir, n), 'utf8')]));
    const fixed = cli(dir, ['lint', '.', '--no-cross-file', '--fix', '--format', 'json']);
    assert.ok(fixed.status === 0 || fixed.status === 1, fixed.stderr);
    const after = JSON.parse(fixed.stdout) as JsonReport;
    const again = lintJson(dir, ['.', '--no-cross-file']);
    assert.deepEqual(again.json.summary, after.summary, 'the report of --fix is that of the fixed files');
    let changed = 0;
    for (const name of names) {
      const was = texts.get(name)!;
      const now = fs.readFileSync(path.join(dir, name), 'utf8');
      if (now === was) continue;
      changed++;
      const b = counts(before.json, name);
      const a = counts(after, name);
      const total = (m: Map<string, number>): number => [...m.values()].reduce((x, y) => x + y, 0);
      assert.ok(total(a) < total(b), `${name}: ${total(b)} problems before, ${total(a)} after`);
      for (const [code, n] of a) assert.ok(n <= (b.get(code) ?? 0), `${name}: ${code} is new or more frequent`);
      assert.deepEqual(comments(now), comments(was), `${name}: comments kept`);
      assert.equal(now.includes('\r\n'), was.includes('\r\n'), `${name}: line endings kept`);
    }
    assert.ok(changed >= 10, `only ${changed} broken examples were fixed`);
  } finally {
    cleanup(dir);
  }
});

test('--fix-dry-run prints a unified diff that is exactly what --fix writes, and changes nothing', () => {
  const { dir, names } = brokenTree();
  try {
    const texts = new Map(names.map((n) => [n, fs.readFileSync(path.join(dir, n), 'utf8')]));
    const dry = cli(dir, ['lint', '.', '--no-cross-file', '--fix-dry-run']);
    assert.ok(dry.status === 0 || dry.status === 1, dry.stderr);
    for (const n of names) assert.equal(fs.readFileSync(path.join(dir, n), 'utf8'), texts.get(n), `${n} untouched`);
    const patches = dry.stdout.split(/^(?=--- a\/)/m).filter((p) => p.startsWith('--- a/'));
    assert.ok(patches.length >= 10, dry.stdout);
    assert.match(dry.stderr, /problems? .*checked/, 'the report goes to standard error');
    cli(dir, ['lint', '.', '--no-cross-file', '--fix']);
    for (const patch of patches) {
      const name = /^--- a\/(.+)$/m.exec(patch)![1];
      const applied = applyPatch(texts.get(name)!, patch);
      assert.equal(applied, fs.readFileSync(path.join(dir, name), 'utf8'), `${name}: the diff is the fix`);
    }
  } finally {
    cleanup(dir);
  }
});

test('--fix-dry-run with --stdin shows the fixes of the text; --fix leaves files without safe fixes as they are', () => {
  const dir = tree({ 'x.prometheus.yml': 'global:\n  evaluation_interval: 30sec # every half minute\n' });
  try {
    const r = cli(dir, ['lint', '--stdin', '--stdin-filename', 'y.prometheus.yml', '--fix-dry-run'], {
      input: 'global:\n  scrape_interval: 1mins\n',
    });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^- {2}scrape_interval: 1mins\n\+ {2}scrape_interval: 1m$/m);
    const fixed = cli(dir, ['lint', '.', '--fix']);
    assert.equal(fixed.status, 0, fixed.stdout);
    assert.equal(
      fs.readFileSync(path.join(dir, 'x.prometheus.yml'), 'utf8'),
      'global:\n  evaluation_interval: 30s # every half minute\n',
    );
    const untouched = tree({ 'p.prometheus.yml': 'global:\n  scrape_interval: 15s\n  scrape_timeout: 20s\n' });
    try {
      assert.equal(cli(untouched, ['lint', '.', '--fix']).status, 1, 'the timeout has no safe fix');
      assert.equal(
        fs.readFileSync(path.join(untouched, 'p.prometheus.yml'), 'utf8'),
        'global:\n  scrape_interval: 15s\n  scrape_timeout: 20s\n',
      );
    } finally {
      cleanup(untouched);
    }
  } finally {
    cleanup(dir);
  }
});

test('--fix leaves alone what the user kept: a suppressed problem, a code set to off', () => {
  const suppressed =
    'global:\n  # tenant-config-disable-next-line duration.unknown-unit -- read by a legacy tool\n  evaluation_interval: 30sec\n';
  const dir = tree({
    'kept/prometheus.yml': suppressed,
    'off/.tenant-config.yaml': 'severity:\n  duration.unknown-unit: "off"\n',
    'off/prometheus.yml': 'global:\n  evaluation_interval: 30sec\n',
    'fixed/prometheus.yml': 'global:\n  evaluation_interval: 30sec\n',
  });
  try {
    const r = cli(dir, ['lint', '.', '--fix', '--no-cross-file']);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.equal(fs.readFileSync(path.join(dir, 'kept/prometheus.yml'), 'utf8'), suppressed);
    assert.equal(
      fs.readFileSync(path.join(dir, 'off/prometheus.yml'), 'utf8'),
      'global:\n  evaluation_interval: 30sec\n',
    );
    assert.equal(
      fs.readFileSync(path.join(dir, 'fixed/prometheus.yml'), 'utf8'),
      'global:\n  evaluation_interval: 30s\n',
    );
  } finally {
    cleanup(dir);
  }
});
