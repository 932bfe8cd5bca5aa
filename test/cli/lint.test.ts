import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from '../support/service';

/** Run the bundled linter (dist/cli.js) in `cwd`; JSON output parsed when asked for. */
function lint(cwd: string, args: string[]): { status: number | null; stdout: string; stderr: string; json?: LintJson } {
  const r = spawnSync(process.execPath, [path.join(repoRoot, 'dist', 'cli.js'), 'lint', ...args], {
    cwd,
    encoding: 'utf8',
  });
  let json: LintJson | undefined;
  if (args.includes('--format') && args[args.indexOf('--format') + 1] === 'json' && r.stdout)
    json = JSON.parse(r.stdout) as LintJson;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, json };
}

interface LintJson {
  files: Array<{
    file: string;
    problems: Array<{
      line: number;
      column: number;
      endLine: number;
      endColumn: number;
      severity: string;
      code: string;
      message: string;
    }>;
  }>;
  summary: { files: number; errors: number; warnings: number };
}

function tree(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tc-cli-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const codes = (j: LintJson | undefined, file: string): string[] =>
  (j?.files.find((f) => f.file === file)?.problems ?? []).map((p) => p.code);

const SLACK = [
  'schema_version: "2"',
  'tenant_id: acme',
  'defaults:',
  '  api_url: "${ACME_SLACK_WEBHOOK_URL}"',
  'receivers:',
  '  - name: acme-critical',
  '    slack_configs:',
  '      - channel: "#acme-critical"',
  '',
].join('\n');

test('the bundled examples lint clean; exit status 0', () => {
  const r = lint(repoRoot, ['examples', '--ignore', 'examples/broken/**', '--max-warnings', '0', '--format', 'json']);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.ok(r.json!.summary.files >= 25);
  assert.deepEqual(r.json!.summary, { files: r.json!.summary.files, errors: 0, warnings: 0 });
});

test('schema and rule problems: exit status 1, code, exact position and severity in JSON and text', () => {
  const dir = tree({
    'prometheus.yml': 'global:\n  scrape_interval: 15s\n  scrape_timeout: 20s\n  scrape_intervall: 1m\n',
  });
  try {
    const r = lint(dir, ['.', '--format', 'json']);
    assert.equal(r.status, 1);
    const problems = r.json!.files[0].problems.map((p) => ({
      code: p.code,
      line: p.line,
      column: p.column,
      endColumn: p.endColumn,
      severity: p.severity,
    }));
    assert.deepEqual(problems, [
      { code: 'prometheus.timeout-exceeds-interval', line: 3, column: 19, endColumn: 22, severity: 'error' },
      { code: 'schema.additional-property', line: 4, column: 3, endColumn: 19, severity: 'error' },
    ]);
    const text = lint(dir, ['prometheus.yml', '--format', 'text']);
    assert.equal(text.status, 1);
    assert.match(text.stdout, /^prometheus\.yml:3:19 error prometheus\.timeout-exceeds-interval /m);
    assert.match(text.stderr, /1 file\(s\) checked: 2 error\(s\), 0 warning\(s\)/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('references between the files given: an undefined receiver in one file, defined in another; --no-cross-file skips them', () => {
  const files = {
    'acme/acme.slack.yaml': SLACK,
    'acme/acme.notifications.yaml': [
      'schema_version: "2"',
      'tenant_id: acme',
      'rules:',
      '  - name: db-down',
      '    matchers: [\'severity="critical"\']',
      '    channels: [slack]',
      '    receiver_ref: acme-critical',
      '  - name: api-slow',
      '    matchers: [\'severity="warning"\']',
      '    channels: [slack]',
      '    receiver_ref: acme-critcal',
      '',
    ].join('\n'),
  };
  const dir = tree(files);
  try {
    const r = lint(dir, ['.', '--format', 'json']);
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.deepEqual(codes(r.json, 'acme/acme.notifications.yaml'), ['ref.undefined-receiver']);
    const p = r.json!.files.find((f) => f.file === 'acme/acme.notifications.yaml')!.problems[0];
    assert.deepEqual([p.line, p.column, p.endColumn], [11, 19, 31]);
    assert.deepEqual(codes(r.json, 'acme/acme.slack.yaml'), []);
    // Alone, the notification rules cannot see the receivers: the cross-file checks are turned off.
    const alone = lint(dir, ['acme/acme.notifications.yaml', '--no-cross-file', '--format', 'json']);
    assert.equal(alone.status, 0, alone.stdout);
    assert.deepEqual(codes(alone.json, 'acme/acme.notifications.yaml'), []);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('--max-warnings, --quiet, --ignore, --config severities and workspace.exclude', () => {
  const dir = tree({
    'acme/acme.slack.yaml': SLACK, // acme-critical is used by nothing: ref.unused-receiver (warning)
    'old/acme.slack.yaml': SLACK.replace('acme-critical', 'acme-old'),
    'settings.json': JSON.stringify({
      severity: { 'ref.unused-receiver': 'error' },
      workspace: { exclude: ['old/**'] },
    }),
  });
  try {
    // The whole project: unused names are told (a run over part of it cannot tell them).
    const warn = lint(dir, ['.', '--format', 'json']);
    assert.equal(warn.status, 0);
    assert.deepEqual(codes(warn.json, 'acme/acme.slack.yaml'), ['ref.unused-receiver']);
    assert.deepEqual(codes(lint(dir, ['acme', '--format', 'json']).json, 'acme/acme.slack.yaml'), []);
    assert.equal(lint(dir, ['.', '--max-warnings', '0']).status, 1);
    assert.equal(lint(dir, ['.', '--max-warnings', '2']).status, 0);
    assert.deepEqual(codes(lint(dir, ['.', '--quiet', '--format', 'json']).json, 'acme/acme.slack.yaml'), []);
    const ignored = lint(dir, ['.', '--ignore', 'old/**', '--format', 'json']);
    assert.deepEqual(
      ignored.json!.files.map((f) => f.file),
      ['acme/acme.slack.yaml'],
    );
    // Severity from the settings file; files excluded from the index are still linted alone.
    const configured = lint(dir, ['.', '--config', 'settings.json', '--format', 'json']);
    assert.equal(configured.status, 1);
    assert.deepEqual(
      configured.json!.files.find((f) => f.file === 'acme/acme.slack.yaml')!.problems.map((p) => [p.code, p.severity]),
      [['ref.unused-receiver', 'error']],
    );
    assert.deepEqual(codes(configured.json, 'old/acme.slack.yaml'), []);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('usage and I/O errors: exit status 2', () => {
  assert.equal(lint(repoRoot, ['no/such/dir']).status, 2);
  assert.equal(lint(repoRoot, ['examples', '--format', 'xml']).status, 2);
  assert.equal(lint(repoRoot, ['examples', '--schema', 'no-such-schema']).status, 2);
  const r = spawnSync(process.execPath, [path.join(repoRoot, 'dist', 'cli.js')], { encoding: 'utf8' });
  assert.equal(r.status, 2);
});

test('--schema forces a bundled schema on any file', () => {
  const dir = tree({ 'some-file.yaml': 'tenant_id: Not Valid\n' });
  try {
    const r = lint(dir, ['some-file.yaml', '--schema', 'tenant', '--format', 'json']);
    assert.equal(r.status, 1);
    assert.ok(codes(r.json, 'some-file.yaml').includes('schema.required'), JSON.stringify(r.json));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
