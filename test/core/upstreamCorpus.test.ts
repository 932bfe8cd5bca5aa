// The upstream corpus (test/fixtures/upstream): Prometheus' and Alertmanager's own test data and
// examples with the verdict their tests give each file, and public dashboards and rule collections,
// linted by the real core with the default settings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../support/service';
import {
  corpusDir,
  figures,
  figuresTable,
  loadCorpus,
  runCase,
  type CaseResult,
  type CorpusCase,
} from '../support/upstreamCorpus';

const data = loadCorpus();
let results: CaseResult[] | undefined;
const all = (): CaseResult[] => (results ??= data.cases.map(runCase));
const show = (r: CaseResult): string =>
  `${r.case.file}: ${r.errors.map((d) => `${String(d.code)} ${JSON.stringify((d.data as { path?: unknown })?.path)}`).join('; ')}`;

function files(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...files(full));
    else out.push(path.relative(corpusDir, full).split(path.sep).join('/'));
  }
  return out;
}

test('every vendored file is a case or an input, and every case exists', () => {
  const listed = new Set([...data.cases.map((c) => c.file), ...data.inputs.map((i) => i.file)]);
  const meta = new Set(['README.md', 'cases.json', 'sources.json']);
  const unlisted = files(corpusDir).filter((f) => !meta.has(f) && !listed.has(f));
  assert.deepEqual(unlisted, []);
  const missing = [...listed].filter((f) => !fs.existsSync(path.join(corpusDir, f)));
  assert.deepEqual(missing, []);
  for (const c of data.cases) {
    assert.ok(['good', 'bad'].includes(c.verdict), c.file);
    assert.ok(c.source, `${c.file}: the upstream test its verdict comes from`);
    if (c.verdict === 'bad') {
      assert.ok(c.upstream, `${c.file}: the error upstream reports`);
      assert.ok(!!c.expect !== !!c.gap, `${c.file}: an expected problem or a gap, not both`);
    }
  }
  assert.ok(data.cases.length >= 500, `${data.cases.length} cases`);
});

test('every good upstream file, public dashboard and public rule collection gives no error', () => {
  const wrong = all()
    .filter((r) => r.case.verdict === 'good' && r.errors.length > 0)
    .map(show);
  assert.deepEqual(wrong, []);
  const kinds = new Set(
    all()
      .filter((r) => r.case.verdict === 'good')
      .map((r) => r.case.kind),
  );
  assert.deepEqual([...kinds].sort(), ['alertmanager', 'grafana-dashboard', 'prometheus', 'prometheus-rules']);
});

test('every bad file where parity is claimed gives the problem upstream reports (code, and path when named)', () => {
  const missed = all()
    .filter((r) => r.case.verdict === 'bad' && r.case.expect && !r.right)
    .map(
      (r) =>
        `${r.case.file} wants ${r.case.expect!.code}@${JSON.stringify(r.case.expect!.path ?? null)}; got ${show(r)}`,
    );
  assert.deepEqual(missed, []);
});

test('docs/upstream-parity.md lists every bad file without parity, with its reason, and claims no other', () => {
  const doc = fs.readFileSync(path.join(repoRoot, 'docs', 'upstream-parity.md'), 'utf8');
  const section = doc.slice(doc.indexOf('## Corpus gaps'));
  assert.ok(section.startsWith('## Corpus gaps'), 'the doc has a "Corpus gaps" section');
  const gaps = data.cases.filter((c: CorpusCase) => c.gap);
  for (const c of gaps) {
    const row = section.split('\n').find((l) => l.includes('`' + c.file + '`'));
    assert.ok(row, `${c.file} is listed`);
    assert.ok(row.includes(`\`${c.gap}\``), `${c.file}: its reason \`${c.gap}\``);
  }
  const listed = [...section.matchAll(/^\| `([^`]+\.(?:ya?ml|json|rules))`/gm)].map((m) => m[1]);
  assert.deepEqual(listed.sort(), gaps.map((c) => c.file).sort());
  const reasons = new Set(gaps.map((c) => c.gap));
  for (const r of reasons) assert.match(section, new RegExp('^- `' + r + '`: ', 'm'), `reason ${r} is explained`);
});

test('at least 90% of the bad files get the right error; the figures', () => {
  const rows = figures(all());
  console.log(figuresTable(rows));
  const bad = all().filter((r) => r.case.verdict === 'bad');
  const right = bad.filter((r) => r.right).length;
  assert.ok(right / bad.length >= 0.9, `${right} of ${bad.length}`);
  for (const row of rows) if (row.falseFiles !== undefined) assert.equal(row.falseFiles, 0, row.set);
});
