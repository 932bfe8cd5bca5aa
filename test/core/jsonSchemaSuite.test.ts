import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DIALECTS, figures, runDialect } from '../support/jsonSchemaSuite';
import { fixturesDir, repoRoot } from '../support/service';

/** Known exceptions by group (`draft7/ref.json#6`), each with its reason; docs/user-schemas.md lists them. */
const exceptions = JSON.parse(
  fs.readFileSync(path.join(fixturesDir, 'json-schema-test-suite-exceptions.json'), 'utf8'),
) as {
  reasons: Record<string, string>;
  cases: Record<string, string>;
};

for (const dialect of DIALECTS) {
  test(`JSON-Schema-Test-Suite ${dialect.name}: every case as YAML and as JSON, failures only where documented`, (t) => {
    const results = runDialect(dialect);
    const doc = fs.readFileSync(path.join(repoRoot, 'docs', 'user-schemas.md'), 'utf8');
    const row = doc.split('\n').find((l) => l.startsWith(`| ${dialect.name} |`)) ?? '';
    for (const f of figures(dialect, results)) {
      const pct = ((100 * f.passed) / f.total).toFixed(2);
      t.diagnostic(`${f.dialect} ${f.format}: ${f.passed}/${f.total} (${pct}%)`);
      // docs/user-schemas.md shows the figures as they are.
      assert.ok(row.includes(`${f.passed}/${f.total} (${pct} %)`), `docs/user-schemas.md: ${row}`);
    }
    const failing = results.filter((r) => !r.ok);
    const unexplained = failing.filter((r) => !exceptions.cases[r.id.replace(/\/\d+$/, '')]);
    assert.deepEqual(
      unexplained.map((r) => `${r.id} ${r.format}: ${r.description} (expected ${r.expected}, got ${r.actual})`),
      [],
    );
    // The list stays exact: a group that passes again leaves it.
    const failingGroups = new Set(failing.map((r) => r.id.replace(/\/\d+$/, '')));
    const stale = Object.keys(exceptions.cases).filter((g) => g.startsWith(dialect.dir + '/') && !failingGroups.has(g));
    assert.deepEqual(stale, []);
    for (const reason of Object.values(exceptions.cases)) assert.ok(exceptions.reasons[reason], reason);
    // YAML and JSON documents of the same data are judged alike.
    const yaml = results.filter((r) => r.format === 'yaml' && !r.ok).map((r) => r.id);
    const json = results.filter((r) => r.format === 'json' && !r.ok).map((r) => r.id);
    assert.deepEqual(yaml, json);
  });
}
