import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from '../support/service';

interface LintJson {
  files: Array<{ file: string; problems: Array<{ code: string; line: number }> }>;
}

/** Lint `args` with the bundled linter in `cwd`, JSON output, bounded in time. */
function lint(cwd: string, args: string[]): { status: number | null; json: LintJson; ms: number } {
  const started = Date.now();
  const r = spawnSync(process.execPath, [path.join(repoRoot, 'dist', 'cli.js'), 'lint', '--format', 'json', ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 20_000,
  });
  assert.equal(r.signal, null, `the linter was stopped: ${r.stderr}`);
  return { status: r.status, json: JSON.parse(r.stdout) as LintJson, ms: Date.now() - started };
}

const codesOf = (j: LintJson, file: string): string[] =>
  (j.files.find((f) => f.file === file)?.problems ?? []).map((p) => p.code);

function tree(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tc-cli-schemas-'));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

test('the SchemaStore modeline lints with the bundled Prometheus schema: the bad duration fails the run', () => {
  const dir = tree({
    'prom.yaml':
      '# yaml-language-server: $schema=https://json.schemastore.org/prometheus.json\nglobal:\n  evaluation_interval: 30sec\n',
  });
  const r = lint(dir, ['prom.yaml']);
  assert.equal(r.status, 1);
  assert.deepEqual(codesOf(r.json, 'prom.yaml'), ['duration.unknown-unit']);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a one-line schema that hurts: each pattern lints quickly, keys and values', () => {
  for (const pattern of ['^(a|a)*$', '^(a+){2,}x{0,1}$', '^(a+)+$']) {
    const evil = 'a'.repeat(40) + 'b';
    const dir = tree({
      's.schema.json': JSON.stringify({
        properties: { value: { pattern } },
        patternProperties: { [pattern]: { type: 'integer' } },
        propertyNames: { pattern: `${pattern}|^value$|^b+$` },
      }),
      'doc.yaml': `# tenant-config: $schema=./s.schema.json\nvalue: ${evil}\n${'a'.repeat(40)}: x\n${evil}: 1\n`,
    });
    const r = lint(dir, ['doc.yaml']);
    assert.ok(r.ms < 15_000, `${pattern}: ${r.ms} ms`);
    // The value fails `pattern`, the matching key's value is not an integer, the other key fails `propertyNames`.
    assert.deepEqual(
      codesOf(r.json, 'doc.yaml').sort(),
      ['schema.pattern', 'schema.property-name', 'schema.type'],
      pattern,
    );
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
