// `npm run bench:floor`: what the targets leave once the parser has run. Measures, on this machine,
// the parts any YAML tool built on the `yaml` package must pay, next to the targets of the last
// `npm run bench` and `npm run bench:cli` (their results in bench/.work/):
//   - cold, per size: a fresh process that loads `yaml` and parses the bench stream document by
//     document (nothing else: no schema, no rules, no LSP), against 1/3 (1.6k, 15k) or 1/2 (151k)
//     of the peer's cold open;
//   - the linter's corpus (2,035 files of `npm run bench:cli`): a fresh process that parses every
//     file with `yaml`; ajv's validation alone of the same files as JSON (schemas compiled first,
//     not timed); and the linter itself with one thread and with its default workers, alternately,
//     against 1/3 of ajv-cli's wall time.
// A benchmark, not a test: figures on a shared machine are indicative, the medians of a few runs.
//
// Usage: node bench/floor.mjs [--runs N] (default 3)

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate, SIZES } from './generate.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..');
const work = path.join(here, '.work');
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 3;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const ms = (n) => `${Math.round(n)} ms`;
const s2 = (n) => `${n.toFixed(2)} s`;
const yamlPath = JSON.stringify(path.join(repoRoot, 'node_modules', 'yaml'));

/** Run a script in a fresh node process; its stdout parsed as JSON. */
function fresh(script, env = {}) {
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', env: { ...process.env, ...env } });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout);
}

console.log(
  `\n${os.cpus().length} CPUs, node ${process.version}, load ${os
    .loadavg()
    .map((n) => n.toFixed(1))
    .join(' ')}\n`,
);

// --- Cold: the parser alone on the bench streams ------------------------------------------------
const gen = generate({ sizes: Object.keys(SIZES) });
let peer;
try {
  peer = JSON.parse(fs.readFileSync(path.join(work, 'results.json'), 'utf8'));
} catch {
  peer = undefined;
}
/** The peer's cold open of a size in the last `npm run bench` (ms), if it ran. */
function peerOpen(label) {
  const row = peer?.cold?.[label]?.peer;
  return row?.ok ? (row.openFull ?? row.open) : undefined;
}
console.log(
  '| lines | `yaml` loaded, ms | parsed, document by document, ms | together | target (last `npm run bench`) |',
);
console.log('|---|---:|---:|---:|---|');
for (const label of Object.keys(SIZES)) {
  const file = gen.files[label].file;
  const script = `
    const t0 = performance.now();
    const YAML = require(${yamlPath});
    const t1 = performance.now();
    const parts = require('fs').readFileSync(${JSON.stringify(file)}, 'utf8').split(/\\n---\\n/);
    const t2 = performance.now();
    let errors = 0;
    for (const p of parts) errors += YAML.parseDocument(p).errors.length;
    console.log(JSON.stringify({ load: t1 - t0, parse: performance.now() - t2, errors }));`;
  const runs = Array.from({ length: RUNS }, () => fresh(script));
  const load = median(runs.map((r) => r.load));
  const parse = median(runs.map((r) => r.parse));
  const total = median(runs.map((r) => r.load + r.parse));
  const share = label === '150k' ? 2 : 3;
  const open = peerOpen(label);
  const target =
    open === undefined ? 'run `npm run bench` first' : `${ms(open / share)} (1/${share} of the peer's ${ms(open)})`;
  console.log(`| ${label} | ${ms(load)} | ${ms(parse)} | ${ms(total)} | ${target} |`);
}

// --- The linter's corpus --------------------------------------------------------------------------
const project = path.join(work, 'cli', 'project');
const asJson = path.join(work, 'cli', 'as-json');
let cliResults;
try {
  cliResults = JSON.parse(fs.readFileSync(path.join(work, 'cli-results.json'), 'utf8'));
} catch {
  cliResults = undefined;
}
if (!fs.existsSync(project) || !fs.existsSync(asJson) || !cliResults) {
  console.log('\nThe linter corpus is missing: run `npm run bench:cli` first.');
  process.exit(0);
}
const parseAll = fresh(`
  const fs = require('fs'), path = require('path');
  const t0 = performance.now();
  const YAML = require(${yamlPath});
  const root = ${JSON.stringify(project)};
  let files = 0;
  const walk = (d) => { for (const e of fs.readdirSync(d, { withFileTypes: true })) {
    const p = path.join(d, e.name);
    if (e.isDirectory()) { if (!e.name.startsWith('.')) walk(p); }
    else if (/\\.ya?ml$/.test(e.name)) { YAML.parseAllDocuments(fs.readFileSync(p, 'utf8')); files++; }
    else if (e.name.endsWith('.json')) { JSON.parse(fs.readFileSync(p, 'utf8')); files++; }
  } };
  walk(root);
  console.log(JSON.stringify({ files, ms: performance.now() - t0 }));`);
const ajvOnly = fresh(`
  const fs = require('fs'), path = require('path');
  const req = require('module').createRequire(${JSON.stringify(path.join(repoRoot, 'package.json'))});
  const Ajv = req('ajv').default, addFormats = req('ajv-formats');
  const schemasDir = ${JSON.stringify(path.join(repoRoot, 'schemas'))};
  const catalog = JSON.parse(fs.readFileSync(path.join(schemasDir, 'catalog.json'), 'utf8'));
  const all = [];
  for (const dir of [schemasDir, path.join(schemasDir, 'upstream')])
    for (const f of fs.readdirSync(dir)) if (f.endsWith('.schema.json')) all.push(JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')));
  const root = ${JSON.stringify(asJson)};
  let ms = 0, files = 0;
  for (const kind of fs.readdirSync(root)) {
    const main = JSON.parse(fs.readFileSync(path.join(schemasDir, catalog.schemas.find((s) => s.id === kind).file), 'utf8'));
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    for (const s of all) if (s.$id && s.$id !== main.$id) { try { ajv.addSchema(s); } catch {} }
    const validate = ajv.compile(main);
    const data = fs.readdirSync(path.join(root, kind)).map((f) => JSON.parse(fs.readFileSync(path.join(root, kind, f), 'utf8')));
    const t = performance.now();
    for (const d of data) { validate(d); files++; }
    ms += performance.now() - t;
  }
  console.log(JSON.stringify({ files, ms }));`);

function lint(workers) {
  const r = spawnSync(
    '/usr/bin/time',
    ['-f', '%e %U %S', process.execPath, path.join(repoRoot, 'dist', 'cli.js'), 'lint', '.', '--format', 'json'],
    {
      cwd: project,
      encoding: 'utf8',
      maxBuffer: 1 << 30,
      env: { ...process.env, ...(workers === undefined ? {} : { TENANT_CONFIG_WORKERS: String(workers) }) },
    },
  );
  const [wall, user, system] = r.stderr.trim().split('\n').pop().split(' ').map(Number);
  return { wall, cpu: user + system };
}
const one = [];
const pool = [];
for (let i = 0; i < RUNS; i++) {
  one.push(lint(0));
  pool.push(lint(undefined));
}
const target = cliResults.ajvSeconds / 3;
console.log(
  `\nThe linter's corpus: ${parseAll.files} files; ajv-cli took ${s2(cliResults.ajvSeconds)} in the last \`npm run bench:cli\`: the target is ${s2(target)}.\n`,
);
console.log('| what | wall | CPU |');
console.log('|---|---:|---:|');
console.log(`| \`yaml\` loaded and every file parsed, one fresh process | ${s2(parseAll.ms / 1000)} | |`);
console.log(
  `| ajv's validation alone of the same files as JSON (schemas compiled first, not timed) | ${s2(ajvOnly.ms / 1000)} | |`,
);
console.log(
  `| tenant-config lint, one thread (median of ${RUNS}) | ${s2(median(one.map((r) => r.wall)))} | ${s2(median(one.map((r) => r.cpu)))} |`,
);
console.log(
  `| tenant-config lint, default workers (median of ${RUNS}) | ${s2(median(pool.map((r) => r.wall)))} | ${s2(median(pool.map((r) => r.cpu)))} |`,
);
console.log('\nIndicative on a shared or loaded machine: measure again on a quiet one.');
