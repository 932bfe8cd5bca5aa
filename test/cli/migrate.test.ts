// `tenant-config migrate` over the bundled CLI (dist/cli.js): writing, --dry-run, --check, --to,
// files that need a decision, and files left byte for byte when there is nothing to do.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from '../support/service';

function migrate(cwd: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [path.join(repoRoot, 'dist', 'cli.js'), 'migrate', ...args], {
    cwd,
    encoding: 'utf8',
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function tree(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tc-migrate-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const read = (dir: string, name: string): string => fs.readFileSync(path.join(dir, name), 'utf8');

const ISOLATION = '# acme\ntenant_id: acme\nlevel: shared-schema   # old name\n';
const ALERTMANAGER =
  'route:\n  receiver: a\n  routes:\n    - receiver: a\n      match_re: { team: "db|infra" }\nreceivers:\n  - name: a\n';
const CURRENT = 'schema_version: "2"\ntenant_id: acme\nstrategy: database\n';
const CONFLICT = 'tenant_id: acme\nlevel: dedicated\nstrategy: schema\n';
const NOT_OURS = 'just: a yaml file\n';

test('migrate writes the migrated files, leaves current and unrelated ones byte for byte; exit 0', () => {
  const dir = tree({
    'a.isolation.yaml': ISOLATION,
    'alertmanager.yml': ALERTMANAGER,
    'c.isolation.yaml': CURRENT,
    'other.yaml': NOT_OURS,
  });
  try {
    const r = migrate(dir, ['.']);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.equal(
      read(dir, 'a.isolation.yaml'),
      '# acme\nschema_version: "2"\ntenant_id: acme\nstrategy: schema   # old name\n',
    );
    assert.equal(
      read(dir, 'alertmanager.yml'),
      'route:\n  receiver: a\n  routes:\n    - receiver: a\n      matchers: [ team=~"db|infra" ]\nreceivers:\n  - name: a\n',
    );
    assert.equal(read(dir, 'c.isolation.yaml'), CURRENT);
    assert.equal(read(dir, 'other.yaml'), NOT_OURS);
    assert.match(r.stdout, /a\.isolation\.yaml: migrated from version 1 to 2 \(1 change\)/);
    assert.match(r.stdout, /alertmanager\.yml: migrated alertmanager 0\.21 → 0\.22/);
    assert.match(r.stderr, /2 file\(s\) migrated, 1 up to date, 0 need\(s\) a decision/);
    // Run again: nothing left to do.
    const again = migrate(dir, ['.']);
    assert.equal(again.status, 0);
    assert.match(again.stderr, /0 file\(s\) migrated, 3 up to date/);
    assert.equal(
      read(dir, 'a.isolation.yaml'),
      '# acme\nschema_version: "2"\ntenant_id: acme\nstrategy: schema   # old name\n',
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('--dry-run writes nothing and prints a diff; --check exits 1 while a file would change, 0 after', () => {
  const dir = tree({ 'a.isolation.yaml': ISOLATION, 'c.isolation.yaml': CURRENT });
  try {
    const dry = migrate(dir, ['--dry-run', '.']);
    assert.equal(dry.status, 0, dry.stderr);
    assert.equal(read(dir, 'a.isolation.yaml'), ISOLATION);
    assert.match(dry.stdout, /^\+schema_version: "2"$/m);
    assert.match(dry.stdout, /^-level: shared-schema {3}# old name$/m);
    assert.match(dry.stdout, /^\+strategy: schema {3}# old name$/m);
    const check = migrate(dir, ['--check', '.']);
    assert.equal(check.status, 1);
    assert.match(check.stdout, /a\.isolation\.yaml: not at the latest version/);
    assert.equal(read(dir, 'a.isolation.yaml'), ISOLATION);
    assert.equal(migrate(dir, ['a.isolation.yaml']).status, 0);
    const clean = migrate(dir, ['--check', '.']);
    assert.equal(clean.status, 0, clean.stdout + clean.stderr);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a file that needs a decision is left as it is and reported; exit 1 (also for --check)', () => {
  const dir = tree({ 'b.isolation.yaml': CONFLICT, 'a.isolation.yaml': ISOLATION });
  try {
    const r = migrate(dir, ['.']);
    assert.equal(r.status, 1);
    assert.equal(read(dir, 'b.isolation.yaml'), CONFLICT);
    assert.match(r.stdout, /^b\.isolation\.yaml:2:1 needs a decision: /m);
    assert.match(read(dir, 'a.isolation.yaml'), /strategy: schema/, 'the other file is migrated');
    assert.equal(migrate(dir, ['--check', 'b.isolation.yaml']).status, 1);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('--to 1 keeps format 1; usage errors exit 2', () => {
  const dir = tree({ 'a.isolation.yaml': ISOLATION });
  try {
    const r = migrate(dir, ['--to', '1', '.']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(read(dir, 'a.isolation.yaml'), ISOLATION);
    assert.equal(migrate(dir, ['--dry-run', '--check', '.']).status, 2);
    assert.equal(migrate(dir, ['--to', 'latest', '.']).status, 2);
    assert.equal(migrate(dir, ['missing.yaml']).status, 2);
    assert.equal(migrate(dir, []).status, 2);
    const help = migrate(dir, ['--help']);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /--dry-run/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
