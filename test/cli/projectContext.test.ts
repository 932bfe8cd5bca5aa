// Project context: a run over a few files (pre-commit, a changed-files job, standard input) sees the
// names of the whole project root, reports only on the files given, and tells unused names only
// when the whole project is linted.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../support/service';
import { SLACK, cleanup, cli, codes, lintJson, notifications, tree } from './cliSupport';

const NOTIFICATIONS = (receiver: string): string => notifications('acme', receiver);

/** A receiver nothing uses, beside the one the notification rules use. */
const SLACK_WITH_SPARE = `${SLACK}  - name: acme-spare\n    slack_configs:\n      - channel: "#acme-spare"\n`;

const refCodes = (codes: string[]): string[] => codes.filter((c) => c.startsWith('ref.'));

test('partial lint of the examples: no false undefined reference, no unused warning', () => {
  const one = lintJson(repoRoot, ['examples/acme/acme.monitoring.yaml']);
  assert.notEqual(one.status, 2, one.stderr);
  assert.deepEqual(
    one.json.files.map((f) => f.file),
    ['examples/acme/acme.monitoring.yaml'],
  );
  assert.deepEqual(refCodes(codes(one.json, 'examples/acme/acme.monitoring.yaml')), []);
  // What a pre-commit hook runs for a commit changing two files.
  const two = lintJson(repoRoot, ['examples/acme/acme.notifications.yaml', 'examples/acme/acme.slack.yaml']);
  assert.notEqual(two.status, 2, two.stderr);
  assert.deepEqual(two.json.files.map((f) => f.file).sort(), [
    'examples/acme/acme.notifications.yaml',
    'examples/acme/acme.slack.yaml',
  ]);
  for (const f of two.json.files) assert.deepEqual(refCodes(codes(two.json, f.file)), [], f.file);
});

test('the git root is the project root: its other files are indexed, only the files given reported', () => {
  const dir = tree({
    '.git/HEAD': 'ref: refs/heads/main\n',
    'acme/acme.slack.yaml': SLACK_WITH_SPARE,
    'acme/acme.notifications.yaml': NOTIFICATIONS('acme-critical'),
    'team/acme.notifications.yaml': NOTIFICATIONS('acme-critcal'),
  });
  try {
    // From a sub-folder, one file: the receiver is defined in another folder of the repository.
    const alone = lintJson(path.join(dir, 'acme'), ['acme.notifications.yaml']);
    assert.equal(alone.status, 0, alone.stdout + alone.stderr);
    assert.deepEqual(
      alone.json.files.map((f) => f.file),
      ['acme.notifications.yaml'],
    );
    assert.deepEqual(codes(alone.json, 'acme.notifications.yaml'), []);
    // A real mistake is still found in a partial run.
    const typo = lintJson(dir, ['team/acme.notifications.yaml']);
    assert.equal(typo.status, 1);
    assert.deepEqual(codes(typo.json, 'team/acme.notifications.yaml'), ['ref.undefined-receiver']);
    // The receivers' file alone: its spare receiver is used nowhere, but a part cannot tell.
    const slack = lintJson(dir, ['acme/acme.slack.yaml']);
    assert.deepEqual(codes(slack.json, 'acme/acme.slack.yaml'), []);
    // The whole project: now the unused receiver is told.
    const whole = lintJson(dir, ['.']);
    assert.deepEqual(codes(whole.json, 'acme/acme.slack.yaml'), ['ref.unused-receiver']);
    assert.deepEqual(codes(whole.json, 'team/acme.notifications.yaml'), ['ref.undefined-receiver']);
  } finally {
    cleanup(dir);
  }
});

test('crossFile.root of .tenant-config.yaml sets the project root; one naming no folder is a configuration error', () => {
  const dir = tree({
    '.git/HEAD': 'ref: refs/heads/main\n',
    '.tenant-config.yaml': 'crossFile:\n  root: config\n',
    'config/acme.slack.yaml': SLACK,
    'config/acme.notifications.yaml': NOTIFICATIONS('acme-critical'),
    // Outside the project root: not indexed, so its duplicate receiver collides with nothing.
    'old/acme.slack.yaml': SLACK,
  });
  try {
    const r = lintJson(dir, ['config/acme.notifications.yaml']);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.deepEqual(codes(r.json, 'config/acme.notifications.yaml'), []);
    const slack = lintJson(dir, ['config/acme.slack.yaml']);
    assert.deepEqual(codes(slack.json, 'config/acme.slack.yaml'), []);
    fs.writeFileSync(path.join(dir, '.tenant-config.yaml'), 'crossFile:\n  root: nowhere\n');
    const bad = cli(dir, ['lint', 'config/acme.notifications.yaml']);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /crossFile\.root in \.tenant-config\.yaml names no folder: nowhere/);
  } finally {
    cleanup(dir);
  }
});

test('--stdin: the name given places the text in its project; the text stands for the file on disk', () => {
  const dir = tree({
    '.git/HEAD': 'ref: refs/heads/main\n',
    'acme/acme.slack.yaml': SLACK,
    'acme/acme.notifications.yaml': NOTIFICATIONS('acme-critical'),
  });
  try {
    const args = ['--stdin', '--stdin-filename', 'acme/acme.notifications.yaml'];
    const good = lintJson(dir, args, { input: NOTIFICATIONS('acme-critical') });
    assert.equal(good.status, 0, good.stdout + good.stderr);
    assert.deepEqual(codes(good.json, 'acme/acme.notifications.yaml'), []);
    // The edited text (not the file on disk) is checked against the project's names.
    const typo = lintJson(dir, args, { input: NOTIFICATIONS('acme-critcal') });
    assert.equal(typo.status, 1);
    assert.deepEqual(codes(typo.json, 'acme/acme.notifications.yaml'), ['ref.undefined-receiver']);
    // The receivers' file from standard input, changed so that a receiver the rules use is gone.
    const renamed = lintJson(dir, ['--stdin', '--stdin-filename', 'acme/acme.slack.yaml'], {
      input: SLACK.replace('acme-critical', 'acme-page'),
    });
    assert.deepEqual(codes(renamed.json, 'acme/acme.slack.yaml'), []);
  } finally {
    cleanup(dir);
  }
});

test('--fix in a partial run: fixes verified with the project index; a misspelt reference is not changed to a guess', () => {
  const dir = tree({
    '.git/HEAD': 'ref: refs/heads/main\n',
    'acme/acme.slack.yaml': SLACK,
    'acme/acme.notifications.yaml': NOTIFICATIONS('acme-critcal'),
  });
  try {
    const file = path.join(dir, 'acme/acme.notifications.yaml');
    const r = lintJson(dir, ['acme/acme.notifications.yaml', '--fix']);
    assert.equal(r.status, 1);
    assert.deepEqual(codes(r.json, 'acme/acme.notifications.yaml'), ['ref.undefined-receiver']);
    assert.equal(fs.readFileSync(file, 'utf8'), NOTIFICATIONS('acme-critcal'));
  } finally {
    cleanup(dir);
  }
});
