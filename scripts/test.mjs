// The test command: every compiled core and protocol test (out/test/**/*.test.js) with node's
// test runner, then a bounded fuzz run (scripts/fuzz.mjs, about 60 s with a fixed seed: each target
// counts as one test), then the real-editor tests (scripts/e2e/ci.sh: code-server + Chromium), then one closing
// line counting all. Usage: node scripts/test.mjs [--no-e2e] [--no-fuzz] [filter...]
// TENANT_CONFIG_E2E=0 skips the real-editor stage too (it needs apt and about a minute); a filter
// runs the matching test files only.
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const args = process.argv.slice(2);
const noE2e = args.includes('--no-e2e') || process.env.TENANT_CONFIG_E2E === '0';
const noFuzz = args.includes('--no-fuzz');
const filters = args.filter((a) => !a.startsWith('--'));
const files = [];
const walk = (dir) => {
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) walk(full);
    else if (name.endsWith('.test.js')) files.push(full);
  }
};
walk('out/test');
const selected = filters.length ? files.filter((f) => filters.some((x) => f.includes(x))) : files;
if (selected.length === 0) {
  console.error('no test files found: run `npm run build` first');
  process.exit(1);
}

/** Run a command, echo its output, and return its exit code and output. */
function run(cmd, argv) {
  return new Promise((resolve) => {
    const child = spawn(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      process.stdout.write(d);
    });
    child.stderr.on('data', (d) => process.stderr.write(d));
    child.on('close', (code) => resolve({ code: code ?? 1, out }));
  });
}

const count = (out, re) => {
  const m = [...out.matchAll(re)];
  return m.length ? Number(m[m.length - 1][1]) : 0;
};

const unit = await run(process.execPath, ['--test', '--test-reporter=spec', '--test-concurrency=2', ...selected]);
let passed = count(unit.out, /^ℹ pass (\d+)$/gm);
let failed = count(unit.out, /^ℹ fail (\d+)$/gm) + (unit.code !== 0 && count(unit.out, /^ℹ fail (\d+)$/gm) === 0 ? 1 : 0);
let fuzzCode = 0;
if (!noFuzz && filters.length === 0) {
  // A fixed seed: the gate replays the same cases on every run (new seeds are for `npm run fuzz`);
  // TENANT_CONFIG_FUZZ_SEED picks another.
  const seed = process.env.TENANT_CONFIG_FUZZ_SEED ?? '20261206';
  const fuzz = await run(process.execPath, ['scripts/fuzz.mjs', '--seconds', '60', '--seed', seed]);
  const m = /^fuzz targets: (\d+) passed, (\d+) failed/m.exec(fuzz.out);
  passed += m ? Number(m[1]) : 0;
  failed += m ? Number(m[2]) : 1;
  fuzzCode = fuzz.code;
  if (fuzz.code !== 0 && m && Number(m[2]) === 0) failed += 1;
}
let e2eCode = 0;
if (!noE2e && filters.length === 0) {
  const e2e = await run('bash', ['scripts/e2e/ci.sh']);
  const m = /^e2e: (\d+) passed, (\d+) failed/m.exec(e2e.out);
  passed += m ? Number(m[1]) : 0;
  failed += m ? Number(m[2]) : 1;
  e2eCode = e2e.code;
  if (e2e.code !== 0 && m && Number(m[2]) === 0) failed += 1;
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(unit.code !== 0 || fuzzCode !== 0 || e2eCode !== 0 || failed > 0 ? 1 : 0);
