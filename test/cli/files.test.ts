import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from '../support/service';

/** The linter's file reading: the bundled CLI (dist/cli.js) on trees holding links, pipes and odd encodings. */
const SECRET = 'tc-cli-secret-5e0a71';
const SLACK =
  'tenant_id: acme\nreceivers:\n  - name: acme-critical\n    slack_configs:\n      - channel: "#acme"\nschema_version: "2"\n';

interface Problem {
  line: number;
  code: string;
  message: string;
}
interface LintJson {
  files: Array<{ file: string; problems: Problem[] }>;
  summary: { files: number; errors: number; warnings: number };
}

function lint(cwd: string, args: string[]): { status: number | null; stdout: string; stderr: string; json?: LintJson } {
  const r = spawnSync(process.execPath, [path.join(repoRoot, 'dist', 'cli.js'), 'lint', ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...process.env, TC_CLI_SECRET: SECRET },
  });
  assert.equal(r.error, undefined, `the linter did not finish: ${String(r.error)}`);
  const json = args.includes('json') && r.stdout ? (JSON.parse(r.stdout) as LintJson) : undefined;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, json };
}

let dir: string;
let outside: string;
const write = (rel: string, data: string | Buffer): void => {
  fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
  fs.writeFileSync(path.join(dir, rel), data);
};

before(() => {
  dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'tc-cli-files-')));
  outside = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'tc-cli-out-')));
  write('acme/acme.slack.yaml', SLACK);
  fs.symlinkSync('/dev/zero', path.join(dir, 'acme', 'zero.slack.yaml'));
  execFileSync('mkfifo', [path.join(dir, 'acme', 'pipe.slack.yaml')]);
  write('enc/utf16.tenant.yaml', Buffer.concat([Buffer.from([0xfe, 0xff]), swap16('tenant_id: acme\nbogus: 1\n')]));
  write(
    'enc/latin1.tenant.yaml',
    Buffer.concat([Buffer.from('tenant_id: acme\nmetadata:\n  name: "Caf'), Buffer.from([0xe9]), Buffer.from('"\n')]),
  );
  write('schema/passwd.yaml', '# tenant-config: $schema=/etc/passwd\nport: 1\n');
  write('schema/environ.yaml', '# tenant-config: $schema=/proc/self/environ\nport: 1\n');
  write('bad-settings.json', `{\n  "severity": {},\n  TOKEN: "${SECRET}"\n}\n`);
  fs.writeFileSync(path.join(outside, 'far.tenant.yaml'), 'tenant_id: acme\nbogus: 1\n');
  fs.writeFileSync(
    path.join(outside, 'modeline.yaml'),
    `# tenant-config: $schema=${path.join(outside, 'svc.schema.json')}\nname: x\n`,
  );
  fs.writeFileSync(
    path.join(outside, 'svc.schema.json'),
    JSON.stringify({ type: 'object', required: ['name'], properties: { name: { type: 'string' } } }),
  );
});

after(() => {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(outside, { recursive: true, force: true });
});

/** UTF-16 BE bytes of a text. */
function swap16(text: string): Buffer {
  return Buffer.from(text, 'utf16le').swap16();
}

test('a folder holding a link to /dev/zero and a pipe: neither is read, the others are linted', () => {
  const r = lint(dir, ['acme', '--format', 'json']);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.deepEqual(
    r.json!.files.map((f) => f.file),
    ['acme/acme.slack.yaml'],
  );
  // Named on the command line, they are refused at once (exit status 2), never read.
  assert.equal(lint(dir, ['acme/pipe.slack.yaml']).status, 2);
  assert.equal(lint(dir, ['acme/zero.slack.yaml']).status, 2);
});

test('UTF-16 is decoded and reported; invalid UTF-8 is reported on its line', () => {
  const r = lint(dir, ['enc', '--format', 'json']);
  const byFile = new Map(r.json!.files.map((f) => [f.file, f.problems]));
  const utf16 = byFile.get('enc/utf16.tenant.yaml')!;
  assert.ok(utf16.some((p) => p.code === 'document.encoding' && p.line === 1));
  assert.ok(utf16.some((p) => p.code === 'schema.additional-property' && p.line === 2));
  const latin1 = byFile.get('enc/latin1.tenant.yaml')!;
  assert.ok(latin1.some((p) => p.code === 'document.invalid-utf8' && p.line === 3));
  assert.equal(r.status, 1);
});

test('$schema=/etc/passwd and /proc/self/environ: schema.load-error, quoting nothing of either file', () => {
  const r = lint(dir, ['schema', '--format', 'json']);
  const codes = r.json!.files.map((f) => [f.file, f.problems.map((p) => p.code)]);
  assert.deepEqual(codes, [
    ['schema/environ.yaml', ['schema.load-error']],
    ['schema/passwd.yaml', ['schema.load-error']],
  ]);
  const firstLine = fs.readFileSync('/etc/passwd', 'utf8').split('\n')[0];
  assert.ok(!r.stdout.includes(SECRET) && !r.stdout.includes(firstLine.slice(0, 8)), r.stdout);
});

test('a file named on the command line is linted wherever it lies; what it points to outside the roots is not read', () => {
  // The user named it: linted, from any folder.
  const far = lint(dir, [path.join(outside, 'far.tenant.yaml'), '--format', 'json']);
  assert.equal(far.status, 1, far.stderr);
  assert.ok(far.json!.files[0].problems.some((p) => p.code === 'schema.additional-property'));
  // Its modeline names a schema beside it, outside the project root and named by nobody: refused, not read.
  const byModeline = lint(dir, [path.join(outside, 'modeline.yaml'), '--format', 'json']);
  assert.deepEqual(
    byModeline.json!.files[0].problems.map((p) => p.code),
    ['schema.load-error'],
  );
  // The same schema named with --schema is read.
  const schema = lint(dir, [
    'acme/acme.slack.yaml',
    '--schema',
    path.join(outside, 'svc.schema.json'),
    '--format',
    'json',
  ]);
  assert.deepEqual(
    schema.json!.files[0].problems.map((p) => p.code),
    ['schema.required'],
  );
});

test('a settings file that is not JSON: exit status 2, the error gives the position and quotes nothing', () => {
  const r = lint(dir, ['acme', '--config', 'bad-settings.json']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /cannot read the settings file bad-settings\.json: .*3.*3/);
  assert.ok(!r.stderr.includes(SECRET) && !r.stderr.includes('TOKEN'), r.stderr);
});

test('a 64 KB exclude glob in the settings file is reported and ignored; the other globs still apply', () => {
  write('old/acme.slack.yaml', SLACK); // excluded from the index: no duplicate receiver
  write('ex-settings.json', JSON.stringify({ workspace: { exclude: ['x'.repeat(70_000), 'old/**'] } }));
  // The whole project (unused names are told only then).
  const r = lint(dir, ['.', '--config', 'ex-settings.json', '--format', 'json']);
  assert.match(r.stderr, /workspace\.exclude: glob #1 \(70000 characters/);
  const codes = (file: string) => r.json!.files.find((f) => f.file === file)!.problems.map((p) => p.code);
  assert.deepEqual(codes('acme/acme.slack.yaml'), ['ref.unused-receiver']);
  assert.deepEqual(codes('old/acme.slack.yaml'), []);
  fs.rmSync(path.join(dir, 'old'), { recursive: true });
});
