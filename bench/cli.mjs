// `npm run bench:cli`: the linter against ajv-cli on the same files and the same bundled schemas.
//
// Generates a project of tenants copied from examples/acme (11 files each, every name and value
// that says `acme` renamed, so each file's content is distinct and the references between a
// tenant's files hold), at least 2,000 files. Then, each in a fresh process timed by
// /usr/bin/time -v (wall clock and peak RSS, worker threads included):
//   - tenant-config: `lint <dir> --format json` (wall clock, CPU time of all its threads, peak RSS): reads the YAML and JSON files, associates each
//     with its schema, validates it with positions, runs the semantic rules and the cross-file
//     checks over the whole project, and writes a report;
//   - ajv-cli (ajv-cli@5.0.0, its own process per schema): `validate --all-errors` of the same
//     files, converted to JSON first (the conversion is not timed: ajv-cli reads JSON), against the
//     same bundled schema files (the catalog's entry for each kind, every other bundled schema
//     given with -r for its $refs). No positions, no rules, no cross-file checks. Its figures are
//     the sum of the wall times and the largest peak RSS of its processes.
// Prints a markdown table. Figures taken on a shared or loaded machine are indicative only.
//
// Writes the figures to bench/.work/cli-results.json too (bench/floor.mjs reads ajv-cli's).
//
// Usage: node bench/cli.mjs [--tenants N] (default 185: 2,035 files)

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..');
const work = path.join(here, '.work', 'cli');
const cli = path.join(repoRoot, 'dist', 'cli.js');
const ajvBin = path.join(repoRoot, 'node_modules', 'ajv-cli', 'dist', 'index.js');
const schemasDir = path.join(repoRoot, 'schemas');

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const tenants = arg('--tenants', 185);

if (!fs.existsSync(cli)) throw new Error('dist/cli.js is missing: run npm run build first');
if (!fs.existsSync('/usr/bin/time')) throw new Error('/usr/bin/time is needed (GNU time, for -v)');

// --- The project ------------------------------------------------------------------------------
fs.rmSync(work, { recursive: true, force: true });
const yamlDir = path.join(work, 'project');
const jsonDir = path.join(work, 'as-json');
const source = path.join(repoRoot, 'examples', 'acme');
const files = fs.readdirSync(source).filter((f) => /\.(ya?ml|json)$/.test(f));
for (let i = 0; i < tenants; i++) {
  const name = `tenant${String(i).padStart(4, '0')}`;
  const dir = path.join(yamlDir, name);
  fs.mkdirSync(dir, { recursive: true });
  for (const f of files) {
    const text = fs
      .readFileSync(path.join(source, f), 'utf8')
      .replace(/acme/g, name)
      .replace(/Acme/g, `Tenant${String(i).padStart(4, '0')}`);
    fs.writeFileSync(path.join(dir, f.replace(/acme/g, name)), text);
  }
}
// The project root of the run: its own folder.
fs.writeFileSync(path.join(yamlDir, '.tenant-config.yaml'), 'crossFile:\n  enable: true\n');
const count = tenants * files.length;

// Each file's kind, as the linter associates it; the same files as JSON for ajv-cli.
const listing = spawnSync(process.execPath, [cli, 'lint', '--list-files', '.'], { cwd: yamlDir, encoding: 'utf8' });
const byKind = new Map();
for (const line of listing.stdout.split('\n')) {
  const m = /^lint {2}(\S+) {2}\((\S+)\)$/.exec(line);
  if (!m || m[2] === 'tenant-config-project') continue;
  const [, rel, kind] = m;
  const out = path.join(jsonDir, kind, rel.replace(/\//g, '__').replace(/\.(ya?ml|json)$/, '.json'));
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const text = fs.readFileSync(path.join(yamlDir, rel), 'utf8');
  fs.writeFileSync(out, JSON.stringify(rel.endsWith('.json') ? JSON.parse(text) : parse(text)));
  byKind.set(kind, (byKind.get(kind) ?? 0) + 1);
}
const converted = [...byKind.values()].reduce((a, b) => a + b, 0);
if (converted !== count) throw new Error(`${converted} of ${count} files associated: ${listing.stderr}`);

// --- Timing -------------------------------------------------------------------------------------
function timed(cmd, args, cwd) {
  const r = spawnSync('/usr/bin/time', ['-v', cmd, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 30 });
  const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/.exec(r.stderr);
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr);
  const user = /User time \(seconds\): ([\d.]+)/.exec(r.stderr);
  const system = /System time \(seconds\): ([\d.]+)/.exec(r.stderr);
  if (!wall || !rss || !user || !system) throw new Error(`no figures from /usr/bin/time: ${r.stderr.slice(-2000)}`);
  const seconds = Number(wall[1] ?? 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3]);
  const cpu = Number(user[1]) + Number(system[1]);
  return { seconds, cpu, rssMb: Number(rss[1]) / 1024, status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const ours = timed(process.execPath, [cli, 'lint', '.', '--format', 'json'], yamlDir);
if (ours.status === 2) throw new Error(`the linter failed: ${ours.stderr.slice(-2000)}`);
const report = JSON.parse(ours.stdout);

const catalog = JSON.parse(fs.readFileSync(path.join(schemasDir, 'catalog.json'), 'utf8'));
const allSchemas = [];
for (const dir of [schemasDir, path.join(schemasDir, 'upstream')])
  for (const f of fs.readdirSync(dir)) if (f.endsWith('.schema.json')) allSchemas.push(path.join(dir, f));
/** The bundled schema files a schema $refs, directly or through others (ajv-cli needs them with -r). */
function refClosure(main) {
  const seen = new Set([main]);
  const todo = [main];
  while (todo.length) {
    const file = todo.pop();
    for (const m of fs.readFileSync(file, 'utf8').matchAll(/"\$ref":\s*"([^"#]+)/g)) {
      const target = path.resolve(path.dirname(file), m[1]);
      if (allSchemas.includes(target) && !seen.has(target)) {
        seen.add(target);
        todo.push(target);
      }
    }
  }
  seen.delete(main);
  return [...seen];
}
let ajvSeconds = 0;
let ajvCpu = 0;
let ajvRss = 0;
let ajvInvalid = 0;
for (const kind of [...byKind.keys()].sort()) {
  const main = path.join(schemasDir, catalog.schemas.find((s) => s.id === kind).file);
  const refs = refClosure(main).flatMap((s) => ['-r', s]);
  const r = timed(
    process.execPath,
    [
      ajvBin,
      'validate',
      '-s',
      main,
      ...refs,
      '-d',
      path.join(jsonDir, kind, '*.json'),
      '--all-errors',
      '--strict=false',
      '-c',
      'ajv-formats',
      '--errors=line',
    ],
    repoRoot,
  );
  const lines = (r.stdout + r.stderr).split('\n');
  const checked = lines.filter((l) => / (valid|invalid)$/.test(l) || /^\S+\.json invalid/.test(l)).length;
  if (/schema .* is invalid|error: schema/i.test(r.stderr) || checked < byKind.get(kind))
    throw new Error(`ajv-cli did not validate the ${kind} files: ${r.stderr.slice(0, 2000)}`);
  ajvInvalid += lines.filter((l) => /^\S+\.json invalid/.test(l)).length;
  ajvSeconds += r.seconds;
  ajvCpu += r.cpu;
  ajvRss = Math.max(ajvRss, r.rssMb);
}

// --- Report -------------------------------------------------------------------------------------
const f1 = (n) => n.toFixed(1);
const f2 = (n) => n.toFixed(2);
console.log(
  `\n${count} files (${tenants} tenants × ${files.length}), ${os.cpus().length} CPUs, load ${os.loadavg().map(f1).join(' ')}\n`,
);
console.log('| | wall (s) | CPU, user + system (s) | peak RSS (MB) | what it does |');
console.log('|---|---:|---:|---:|---|');
console.log(
  `| tenant-config lint | ${f2(ours.seconds)} | ${f2(ours.cpu)} | ${f1(ours.rssMb)} | schemas with positions, rules, cross-file checks; ${report.summary.errors} errors, ${report.summary.warnings} warnings |`,
);
console.log(
  `| ajv-cli validate (${byKind.size} processes) | ${f2(ajvSeconds)} | ${f2(ajvCpu)} | ${f1(ajvRss)} | schemas only, on the files converted to JSON; ${ajvInvalid} files invalid |`,
);
console.log(
  `| ratio (tenant-config / ajv-cli) | ${f2(ours.seconds / ajvSeconds)} | ${f2(ours.cpu / ajvCpu)} | ${f2(ours.rssMb / ajvRss)} | targets: wall ≤ 0.33, RSS ≤ 300 MB |`,
);
fs.writeFileSync(
  path.join(here, '.work', 'cli-results.json'),
  JSON.stringify(
    {
      date: new Date().toISOString(),
      files: count,
      load: os.loadavg(),
      ours: { seconds: ours.seconds, cpu: ours.cpu, rssMb: ours.rssMb },
      ajvSeconds,
      ajvCpu,
      ajvRss,
    },
    null,
    2,
  ),
);
console.log('\nIndicative on a shared or loaded machine: measure again on a quiet one.');
