// The upstream corpus figures: each file of test/fixtures/upstream/cases.json through the real
// core (compiled tests in out/, so run `npm run build` first), then one table row per set: good
// files with false errors, bad files with the problem upstream reports.
//
//   node scripts/upstream-corpus.mjs [--details]
//
// --details also lists every good file with an error and every bad file without the expected one.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const corpus = require('../out/test/support/upstreamCorpus.js');

const details = process.argv.includes('--details');
const data = corpus.loadCorpus();
const results = data.cases.map((c) => corpus.runCase(c));
console.log(corpus.figuresTable(corpus.figures(results)));
const bad = results.filter((r) => r.case.verdict === 'bad');
const withParity = bad.filter((r) => r.case.expect);
console.log(
  `\nbad files with the right error: ${bad.filter((r) => r.right).length} of ${bad.length}` +
    ` (${withParity.filter((r) => r.right).length} of ${withParity.length} claimed; ${bad.length - withParity.length} listed gaps)`,
);
if (details) {
  const show = (d) => `${d.code}@${JSON.stringify(d.data?.path ?? null)} ${d.message}`;
  for (const r of results) {
    if (r.case.verdict === 'good' && r.errors.length)
      console.log(`\nFALSE ${r.case.file}\n  ${r.errors.slice(0, 8).map(show).join('\n  ')}`);
    if (r.case.verdict === 'bad' && r.case.expect && !r.right)
      console.log(
        `\nMISS ${r.case.file} (want ${r.case.expect.code}@${JSON.stringify(r.case.expect.path ?? null)}; upstream: ${r.case.upstream})\n  ${r.errors.slice(0, 6).map(show).join('\n  ') || '(no error)'}`,
      );
  }
}
