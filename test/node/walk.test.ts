import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { walk, compileExclude, isExcluded } from '../../node/src/index';

let root: string;
const at = (...p: string[]): string => path.join(root, ...p);
const write = (rel: string, text = 'a: 1\n'): void => {
  fs.mkdirSync(path.dirname(at(rel)), { recursive: true });
  fs.writeFileSync(at(rel), text);
};

before(() => {
  root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'tc-walk-')));
  write('b.tenant.yaml');
  write('a.slack.yml');
  write('notes.txt');
  write('sub/c.json');
  for (const skipped of ['node_modules/x.yaml', '.git/y.yaml', 'dist/z.yaml', 'out/o.yaml', '.hidden/h.yaml'])
    write(skipped);
  fs.symlinkSync(at('b.tenant.yaml'), at('link.yaml'));
  fs.symlinkSync(at('sub'), at('loop')); // a link to a folder: not followed
  fs.symlinkSync(root, at('sub', 'up')); // a loop through a link: not followed either
  execFileSync('mkfifo', [at('pipe.yaml')]);
  write('d1/d2/d3/d4/deep.yaml');
});

after(() => fs.rmSync(root, { recursive: true, force: true }));

test('config files in name order; skip list, hidden folders, links and pipes left out with the reason', () => {
  const r = walk([root]);
  assert.deepEqual(
    r.files.map((f) => path.relative(root, f)),
    ['a.slack.yml', 'b.tenant.yaml', 'd1/d2/d3/d4/deep.yaml', 'sub/c.json'],
  );
  const skipped = new Map(r.skipped.map((s) => [path.relative(root, s.path), s.reason]));
  assert.equal(skipped.get('node_modules'), 'dependencies');
  assert.equal(skipped.get('.git'), 'dot-folder');
  assert.equal(skipped.get('.hidden'), 'dot-folder');
  assert.equal(skipped.get('dist'), 'build-output');
  assert.equal(skipped.get('out'), 'build-output');
  assert.equal(skipped.get('link.yaml'), 'symlink');
  assert.equal(skipped.get('loop'), 'symlink');
  assert.equal(skipped.get('sub/up'), 'symlink');
  assert.equal(skipped.get('pipe.yaml'), 'not-regular');
  assert.equal(skipped.has('notes.txt'), false, 'files of other kinds are not config files');
});

test('links to files inside the root followed when asked; other links, and ignored files, reported with the reason', () => {
  const outside = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'tc-walk-out-')));
  try {
    fs.writeFileSync(path.join(outside, 'far.yaml'), 'a: 1\n');
    fs.symlinkSync(path.join(outside, 'far.yaml'), at('far-link.yaml'));
    fs.symlinkSync(at('nowhere.yaml'), at('broken-link.yaml'));
    const r = walk([root], {
      followFileLinksInside: root,
      ignored: (p) => (p.endsWith('c.json') ? 'sub/*.json in a test' : undefined),
    });
    assert.deepEqual(
      r.files.map((f) => path.relative(root, f)),
      ['a.slack.yml', 'b.tenant.yaml', 'd1/d2/d3/d4/deep.yaml', 'link.yaml'],
    );
    const skipped = new Map(r.skipped.map((s) => [path.relative(root, s.path), s]));
    assert.equal(skipped.get('far-link.yaml')?.reason, 'symlink-outside-root');
    assert.equal(skipped.get('broken-link.yaml')?.reason, 'broken-symlink');
    assert.deepEqual([skipped.get('loop')?.reason, skipped.get('loop')?.folder], ['symlinked-folder', true]);
    assert.equal(skipped.get('sub/up')?.reason, 'symlinked-folder');
    assert.deepEqual(skipped.get('sub/c.json'), {
      path: at('sub', 'c.json'),
      reason: 'ignored',
      detail: 'sub/*.json in a test',
    });
    // Without following, the same links are reported as links.
    const plain = new Map(walk([root]).skipped.map((s) => [path.relative(root, s.path), s.reason]));
    assert.equal(plain.get('far-link.yaml'), 'symlink');
    assert.equal(plain.get('link.yaml'), 'symlink');
  } finally {
    fs.rmSync(at('far-link.yaml'));
    fs.rmSync(at('broken-link.yaml'));
    fs.rmSync(outside, { recursive: true, force: true });
  }
});

test('bounded depth and count', () => {
  const shallow = walk([root], { maxDepth: 2 });
  assert.ok(!shallow.files.some((f) => f.endsWith('deep.yaml')));
  assert.ok(shallow.skipped.some((s) => s.reason === 'too-deep' && s.path === at('d1', 'd2', 'd3')));
  const few = walk([root], { maxFiles: 2 });
  assert.deepEqual(few.files, [at('a.slack.yml'), at('b.tenant.yaml')]);
  assert.equal(few.files.length, 2);
  assert.deepEqual(
    few.skipped.filter((s) => s.reason === 'limit'),
    [{ path: at('d1', 'd2', 'd3', 'd4', 'deep.yaml'), reason: 'limit' }],
  );
});

test('a folder reached twice (the same folder given twice, a bind mount) is walked once', () => {
  const r = walk([root, at('sub')]);
  assert.equal(r.files.filter((f) => f.endsWith('c.json')).length, 1);
  assert.ok(r.skipped.some((s) => s.reason === 'visited' && s.path === at('sub')));
});

test('workspace.exclude: a glob too long for the matcher is reported and ignored, the others apply', () => {
  const exclude = compileExclude(['a'.repeat(70_000), 'old/**']);
  assert.equal(exclude.unusable.length, 1);
  assert.equal(exclude.unusable[0].index, 0);
  assert.equal(exclude.unusable[0].length, 70_000);
  assert.equal(exclude.unusable[0].start.length, 40);
  assert.equal(exclude.matches('old/acme.slack.yaml'), true);
  assert.equal(exclude.matches('acme/acme.slack.yaml'), false);
  assert.equal(isExcluded('file:///ws/old/a.yaml', ['file:///ws'], exclude), true);
  assert.equal(isExcluded('/ws/old/a.yaml', ['/ws/'], exclude), true);
  assert.equal(isExcluded('file:///elsewhere/old/a.yaml', ['file:///ws'], exclude), false);
  assert.equal(compileExclude(['old/**']).unusable.length, 0);
  assert.equal(exclude.which('old/acme.slack.yaml'), 'old/**');
  assert.equal(compileExclude(['./old/*.yaml']).which('old/a.yaml'), './old/*.yaml');
  assert.equal(compileExclude(['*.yaml'], { dot: false }).matches('.tenant-config.yaml'), false);
  assert.equal(compileExclude(['*.yaml']).matches('.tenant-config.yaml'), true);
});
