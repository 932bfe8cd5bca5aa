import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from '../support/service';

/** Hostile files through the bundled linter (dist/cli.js), each in a fresh process. */
function lint(cwd: string, args: string[]): { status: number | null; stdout: string; stderr: string; ms: number } {
  const started = Date.now();
  const r = spawnSync(process.execPath, [path.join(repoRoot, 'dist', 'cli.js'), 'lint', ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, ms: Date.now() - started };
}

interface Problem {
  line: number;
  column: number;
  code: string;
  message: string;
}
const problems = (stdout: string, file: string): Problem[] =>
  (JSON.parse(stdout) as { files: Array<{ file: string; problems: Problem[] }> }).files.find((f) => f.file === file)
    ?.problems ?? [];

function tree(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tc-cli-harden-'));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

const ACME = fs.readFileSync(path.join(repoRoot, 'examples', 'acme', 'acme.tenant.yaml'), 'utf8');
const ladder = (n: number): string => Array.from({ length: n }, (_, i) => ' '.repeat(2 * i) + '- ').join('\n') + '\n';

test('4 KB of nesting no longer kills the linter: each file gets document.too-deep on its line, exit 1', () => {
  const files: Record<string, [string, number]> = {
    'dashes.tenant.yaml': ['- '.repeat(2000) + '\n', 1],
    'flow.tenant.yaml': ['a: ' + '['.repeat(2000) + ']'.repeat(2000) + '\n', 1],
    'maps.tenant.yaml': ['a: ' + '{a: '.repeat(2000) + '\n', 1],
    'ladder.tenant.yaml': [ladder(400), 257],
    'deep.tenant.json': ['['.repeat(3000) + ']'.repeat(3000), 1],
  };
  // Each alone, as the crash needed a fresh process; then all together.
  for (const [name, [text, line]] of Object.entries(files)) {
    const dir = tree({ [name]: text });
    try {
      const r = lint(dir, [name, '--format', 'json']);
      assert.equal(r.status, 1, `${name}: ${r.stderr.slice(0, 500)}`);
      assert.doesNotMatch(r.stderr, /FATAL|out of memory|RangeError/);
      assert.deepEqual(
        problems(r.stdout, name).map((p) => [p.code, p.line]),
        [['document.too-deep', line]],
      );
      assert.ok(r.ms < 10_000, `${r.ms} ms`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  const dir = tree(Object.fromEntries(Object.entries(files).map(([k, [t]]) => [k, t])));
  try {
    const r = lint(dir, ['.', '--format', 'text']);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /5 file\(s\) checked: 5 error\(s\)/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('keys hidden behind a lone CR or a LINE SEPARATOR in a comment fail the lint', () => {
  const dir = tree({
    'cr.tenant.yaml': ACME + '# reviewed\rprivileged: true\rtenant_id: other\n',
    'ls.tenant.yaml': ACME + '# reviewed\u2028privileged: true\n',
    'nel.tenant.yaml': ACME + 'notes: fine\u0085privileged: true\n',
    'quoted.tenant.yaml': ACME.replace('tenant_id: acme', 'tenant_id: acme\nx_note: "a\u2028b"'),
  });
  try {
    const r = lint(dir, ['.', '--format', 'json', '--no-cross-file']);
    assert.equal(r.status, 1);
    assert.deepEqual(
      problems(r.stdout, 'cr.tenant.yaml')
        .map((p) => p.code)
        .sort(),
      ['document.duplicate-key', 'schema.additional-property'],
    );
    const ls = problems(r.stdout, 'ls.tenant.yaml');
    assert.deepEqual(
      ls.map((p) => [p.code, p.line]),
      [['yaml.unicode-line-break', ACME.split('\n').length]],
    );
    assert.match(ls[0].message, /U\+2028 \(LINE SEPARATOR\)/);
    assert.ok(problems(r.stdout, 'nel.tenant.yaml').some((p) => p.code === 'yaml.unicode-line-break'));
    // Inside quotes the character is content: only the unknown key is reported there.
    assert.deepEqual(
      problems(r.stdout, 'quoted.tenant.yaml').map((p) => p.code),
      ['schema.additional-property'],
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a duplicate key names the value that counts', () => {
  const dir = tree({ 'dup.tenant.yaml': ACME + 'tenant_id: globex\n' });
  try {
    const r = lint(dir, ['dup.tenant.yaml', '--format', 'json', '--no-cross-file']);
    const [p] = problems(r.stdout, 'dup.tenant.yaml');
    assert.equal(p.code, 'document.duplicate-key');
    assert.equal(p.line, ACME.split('\n').indexOf('tenant_id: acme') + 1);
    assert.match(p.message, /the last value counts \(`globex`\)/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('control characters in values and file names never reach the terminal raw', () => {
  // YAML escapes: ESC sequences that would retitle the terminal, recolour, erase the line; a CR.
  const name = 'x\u001b[31m\r.tenant.yaml';
  const dir = tree({
    [name]: 'tenant_id: "acme\\e]0;pwned\\a\\e[2K"\nisolation:\n  strategy: "data\\e[31mbase\\rok\\u202e"\n',
  });
  try {
    const text = lint(dir, ['.', '--format', 'text']);
    assert.equal(text.status, 1);
    assert.doesNotMatch(text.stdout + text.stderr, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/);
    assert.ok(text.stdout.includes('x\\x1b[31m\\r.tenant.yaml:'), text.stdout);
    // (Messages show a value's whitespace, its CR included, as one space.)
    assert.ok(text.stdout.includes('`data\\x1b[31mbase ok\\u202e`'), text.stdout);
    assert.ok(text.stdout.split('\n').every((l) => l === '' || l.startsWith('x\\x1b[31m\\r.tenant.yaml:')));
    const json = lint(dir, ['.', '--format', 'json']);
    assert.doesNotMatch(json.stdout, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
    // The JSON still holds the exact values.
    const parsed = JSON.parse(json.stdout) as { files: Array<{ file: string; problems: Problem[] }> };
    assert.equal(parsed.files[0].file, name);
    assert.ok(parsed.files[0].problems.some((p) => p.message.includes('data\u001b[31mbase ok\u202e')));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
