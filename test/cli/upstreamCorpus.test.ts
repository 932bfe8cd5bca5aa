// A sample of the upstream corpus through the bundled linter (dist/cli.js): the same verdicts as
// through the core.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { repoRoot } from '../support/service';
import { corpusDir, loadCorpus, type CorpusCase } from '../support/upstreamCorpus';

interface LintJson {
  files: Array<{ file: string; problems: Array<{ severity: string; code: string }> }>;
}

/** Every `step`th case of a kind and verdict, so the sample covers each folder. */
function sample(kind: CorpusCase['kind'], verdict: CorpusCase['verdict'], count: number): CorpusCase[] {
  const all = loadCorpus().cases.filter(
    (c) => c.kind === kind && c.verdict === verdict && (verdict === 'good' || c.expect),
  );
  const step = Math.max(1, Math.floor(all.length / count));
  return all.filter((_, i) => i % step === 0).slice(0, count);
}

function lint(kind: string, cases: CorpusCase[]): LintJson {
  const r = spawnSync(
    process.execPath,
    [
      path.join(repoRoot, 'dist', 'cli.js'),
      'lint',
      '--schema',
      kind,
      '--format',
      'json',
      '--no-cross-file',
      ...cases.map((c) => c.file),
    ],
    { cwd: corpusDir, encoding: 'utf8', maxBuffer: 1 << 26 },
  );
  assert.ok(r.status === 0 || r.status === 1, `exit status ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout) as LintJson;
}

for (const kind of ['prometheus', 'prometheus-rules', 'alertmanager', 'grafana-dashboard'] as const) {
  test(`the bundled linter gives the corpus verdicts: ${kind}`, () => {
    const good = sample(kind, 'good', 6);
    const bad = kind === 'grafana-dashboard' ? [] : sample(kind, 'bad', 6);
    const out = lint(kind, [...good, ...bad]);
    const byFile = new Map(out.files.map((f) => [f.file, f.problems]));
    for (const c of good) {
      const errors = (byFile.get(c.file) ?? []).filter((p) => p.severity === 'error').map((p) => p.code);
      assert.deepEqual(errors, [], `${c.file} has no error`);
    }
    for (const c of bad) {
      const codes = (byFile.get(c.file) ?? []).filter((p) => p.severity === 'error').map((p) => p.code);
      assert.ok(codes.includes(c.expect!.code), `${c.file}: ${c.expect!.code} among ${codes.join(', ')}`);
    }
    assert.equal(out.files.length, good.length + bad.length);
  });
}
