// Benchmark: our language server (dist/server.js) against yaml-language-server, same run, same
// files, same schema, over the real LSP protocol on stdio. Cold (a fresh process per size, no
// warm-up) and warm (a warmed process, distinct text for every open) are measured separately.
// Not a test: it prints markdown tables and writes bench/.work/results.json. See bench/README.md.
//
//   node bench/run.mjs [--sizes 1.6k,15k,150k] [--modes cold,warm] [--only ours|peer]
//                      [--timeout 60] [--budget 900] [--strict] [--schema path] [--ours path] [--verbose]

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate, repoRoot, workDir, SIZES } from './generate.mjs';
import { Doc, Server, children, killAll } from './lsp.mjs';
import { PLAN, coldRun, summarizeCold, warmRun } from './scenarios.mjs';
import { coldTable, fmtMb, fmtMs, openOf, openMedianOf, verdicts, verdictTable, warmTable } from './report.mjs';

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const opt = (name, dflt) => {
  const i = argv.indexOf(name);
  if (i >= 0 && argv[i + 1] !== undefined) return argv[i + 1];
  const eq = argv.find((a) => a.startsWith(`${name}=`));
  return eq ? eq.slice(name.length + 1) : dflt;
};
if (flag('--help') || flag('-h')) {
  console.log(`usage: node bench/run.mjs [options]
  --sizes 1.6k,15k,150k   sizes to measure (default: all)
  --modes cold,warm       scenarios (default: both)
  --only ours|peer        measure one server only
  --cold-runs N           fresh processes per size in the cold scenario (default 3, 1 at 150k)
  --timeout SECONDS       limit of each wait for diagnostics / response (default 60)
  --budget SECONDS        hard limit of the whole run (default 900)
  --ours PATH             our server entry (default dist/server.js)
  --schema PATH           schema to use (default schemas/tenant.schema.json, else bench/fixtures/bench-tenant.schema.json)
  --code-cache on|off     our server with V8's code cache, as the extension runs it after its first
                          start (default on: one unmeasured start writes it), or compiled from source
  --strict                exit 2 when a target is missed
  --verbose               print every run, hover and completion results`);
  process.exit(0);
}
const SIZE_LABELS = opt('--sizes', Object.keys(SIZES).join(',')).split(',').map((s) => s.trim()).filter(Boolean);
for (const s of SIZE_LABELS) if (!SIZES[s]) { console.error(`unknown size "${s}" (known: ${Object.keys(SIZES).join(', ')})`); process.exit(2); }
const MODES = opt('--modes', 'cold,warm').split(',').map((s) => s.trim()).filter(Boolean);
for (const m of MODES) if (m !== 'cold' && m !== 'warm') { console.error(`unknown mode "${m}" (cold, warm)`); process.exit(2); }
const ONLY = opt('--only');
if (ONLY && ONLY !== 'ours' && ONLY !== 'peer') { console.error('--only takes ours or peer'); process.exit(2); }
const COLD_RUNS = opt('--cold-runs') === undefined ? undefined : Math.max(1, Number(opt('--cold-runs')));
const WAIT_MS = Number(opt('--timeout', '60')) * 1000;
const BUDGET_MS = Number(opt('--budget', '900')) * 1000;
const STRICT = flag('--strict');
const CODE_CACHE = opt('--code-cache', 'on');
if (CODE_CACHE !== 'on' && CODE_CACHE !== 'off') { console.error('--code-cache takes on or off'); process.exit(2); }
// The cache folder the extension would give (its global storage); rewritten by every bench run.
const codeCacheDir = CODE_CACHE === 'on' ? path.join(workDir, 'code-cache') : undefined;
const VERBOSE = flag('--verbose');

const OURS_ENTRY = path.resolve(opt('--ours', path.join(repoRoot, 'dist', 'server.js')));
// yaml-language-server 2 is an ES module package started by its bin script (which sets its version).
const PEER_ENTRY = path.join(repoRoot, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server');
// Workspace folder given to the servers, and where the (virtual) URIs of the opened documents
// live. Empty on disk: the text only travels in didOpen/didChange, so no server spends time on a
// workspace scan during the measurements. Not under bench/.work: yaml-language-server's globs
// (picomatch, dot: false) do not match paths inside a dot-directory such as `.work`.
const wsDir = path.join(os.tmpdir(), 'tenant-config-bench-ws');
const logDir = path.join(workDir, 'logs');

const startedAt = Date.now();
const warnings = [];
const warn = (msg) => { warnings.push(msg); console.log(`WARNING: ${msg}`); };
const vlog = (...a) => { if (VERBOSE) console.log('   ', ...a); };

process.on('exit', killAll);
process.on('SIGINT', () => { killAll(); process.exit(130); });
process.on('SIGTERM', () => { killAll(); process.exit(143); });
const watchdog = setTimeout(() => {
  console.error(`bench exceeded its budget of ${BUDGET_MS / 1000} s: killing the servers`);
  killAll();
  process.exit(3);
}, BUDGET_MS);
watchdog.unref();

function loadAverage() {
  const [a1, a5] = os.loadavg();
  return `load average ${a1.toFixed(2)} (1 min), ${a5.toFixed(2)} (5 min)`;
}

async function main() {
  const kinds = ONLY ? [ONLY] : ['peer', 'ours'];
  const peerVersion = JSON.parse(fs.readFileSync(path.join(repoRoot, 'node_modules/yaml-language-server/package.json'), 'utf8')).version;
  console.log(`tenant-config bench: node ${process.version}, ${os.cpus().length} cpus, ${loadAverage()}; sizes ${SIZE_LABELS.join(', ')}; ${MODES.join(' + ')}; servers ${kinds.join(' + ')} (peer: yaml-language-server ${peerVersion})`);
  let oursMissing = false;
  if (kinds.includes('ours') && !fs.existsSync(OURS_ENTRY)) {
    oursMissing = true;
    warn(`${path.relative(repoRoot, OURS_ENTRY)} does not exist (run npm run build first): measuring the peer only`);
    kinds.splice(kinds.indexOf('ours'), 1);
  }
  fs.mkdirSync(wsDir, { recursive: true });

  const tg = performance.now();
  const gen = generate({ sizes: [...new Set(['1.6k', ...SIZE_LABELS])], schemaPath: opt('--schema'), log: (m) => warn(m) });
  console.log(`schema: ${path.relative(repoRoot, gen.schema.path)} (${gen.schema.source})${gen.schema.validated ? '' : ' - NOT checked with ajv'}`);
  for (const label of SIZE_LABELS) {
    const f = gen.files[label];
    console.log(`  ${label}: ${path.relative(repoRoot, f.file)}: ${f.lines} lines, ${f.tenants} tenants, ${(f.bytes / 1024).toFixed(0)} KiB, ${f.mistakes.length} deliberate mistakes -> ${f.expectedErrors ?? '?'} schema errors (ajv)`);
    if (f.residualErrorsBeforeMistakes) warn(`${label}: the generated tenants still have ${f.residualErrorsBeforeMistakes} schema errors besides the deliberate mistakes (${f.residualSamples.join('; ')})`);
  }
  console.log(`  generated in ${Math.round(performance.now() - tg)} ms`);
  const warmupText = fs.readFileSync(gen.files['1.6k'].file, 'utf8');

  const ctx = {
    vlog,
    newServer: (kind) =>
      new Server({ kind, entry: kind === 'ours' ? OURS_ENTRY : PEER_ENTRY, schemaPath: gen.schema.path, wsDir, logDir, waitMs: WAIT_MS, onWarning: warn, codeCacheDir: kind === 'ours' ? codeCacheDir : undefined }),
  };
  const results = {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpus: os.cpus().length,
    loadBefore: os.loadavg(),
    schema: { path: path.relative(repoRoot, gen.schema.path), source: gen.schema.source },
    servers: { ours: path.relative(repoRoot, OURS_ENTRY), peer: `yaml-language-server@${peerVersion}` },
    codeCache: CODE_CACHE,
    cold: {},
    warm: {},
    warnings,
  };
  const save = () => fs.writeFileSync(path.join(workDir, 'results.json'), JSON.stringify(results, null, 2));
  if (codeCacheDir && kinds.includes('ours')) {
    // One unmeasured start that opens the small file and shuts down: it writes the code cache, as
    // the extension's first session does.
    fs.rmSync(codeCacheDir, { recursive: true, force: true });
    const s = ctx.newServer('ours');
    try {
      await s.start();
      const doc = new Doc(s, s.fileUri('code-cache-prime.yaml'), warmupText);
      const first = s.waitPublish(doc.uri, () => true, 'diagnostics of the code cache priming start');
      await doc.open();
      await first;
    } finally {
      await s.stop();
    }
    const written = fs.existsSync(codeCacheDir) ? fs.readdirSync(codeCacheDir) : [];
    console.log(`code cache: ${written.length ? written.join(', ') : 'NOT written'} in ${path.relative(repoRoot, codeCacheDir)}`);
    results.codeCache = written;
  }
  let sanityFailed = false;
  const check = (r, f, kind, label, mode) => {
    if (!r.ok) { sanityFailed = true; return; }
    const counts = [].concat(r.openFullDiagnostics ?? r.openDiagnostics ?? []);
    if (f.mistakes.length && counts.every((n) => !n)) {
      warn(`${kind} (${mode}) reported ZERO diagnostics for ${path.basename(f.file)}, which has ${f.mistakes.length} deliberate mistakes: it does not validate against the schema`);
      sanityFailed = true;
    }
    if (r.editTracksChanges === false) warn(`${kind} ${label} (${mode}): diagnostics do not follow the edits (${r.editDiagnostics?.join(',')})`);
  };

  for (const label of SIZE_LABELS) {
    const f = gen.files[label];
    const plan = PLAN[label];
    for (const mode of MODES) {
      const entry = (results[mode][label] = { file: { lines: f.lines, bytes: f.bytes, expectedErrors: f.expectedErrors } });
      for (const kind of kinds) {
        console.log(`\n[${label}] ${kind}, ${mode} ... (${loadAverage()})`);
        let r;
        if (mode === 'cold') {
          const runs = [];
          for (let i = 0; i < (COLD_RUNS ?? plan.cold); i++) runs.push(await coldRun(ctx, kind, f, label));
          r = summarizeCold(runs);
          r.all = runs;
          if (r.ok) console.log(`  spawn->initialized ${fmtMs(r.spawnToInitialized)}, open ${fmtMs(openOf(r))} (runs ${r.openRuns.map(fmtMs).join(', ')}; ${r.openFullDiagnostics ?? r.openDiagnostics} diagnostics vs ${f.expectedErrors} expected), completion ${fmtMs(r.completion)} (${r.completionItems ?? 0} items), hover ${fmtMs(r.hover)}, edit p50 ${fmtMs(r.editP50)} p95 ${fmtMs(r.editP95)}, peak RSS ${fmtMb(r.memPeakKb)}`);
        } else {
          r = await warmRun(ctx, kind, f, label, warmupText);
          if (r.ok) console.log(`  open ${fmtMs(openMedianOf(r))} (runs ${r.open.map(fmtMs).join(', ')}; diagnostics ${r.openDiagnostics.join(',')} vs ${f.expectedErrors} expected), edit p50 ${fmtMs(r.editP50)} p95 ${fmtMs(r.editP95)}, hover p50 ${fmtMs(r.hoverP50)}, completion p50 ${fmtMs(r.completionP50)} (${r.completionItems ?? 0} items), peak RSS ${fmtMb(r.memPeakKb)}`);
        }
        entry[kind] = r;
        check(r, f, kind, label, mode);
        save();
      }
    }
  }

  const bySize = (mode) => SIZE_LABELS.filter(() => MODES.includes(mode)).map((l) => [l, results[mode][l] ?? {}]);
  const cold = bySize('cold');
  const warm = bySize('warm');
  const rows = verdicts(cold, warm);
  results.verdicts = rows;
  const header = `${os.cpus().length} cores, node ${process.version}, yaml-language-server ${peerVersion}, ours ${codeCacheDir ? 'with its code cache' : 'without a code cache'}, ${loadAverage()}`;
  const md = [];
  if (cold.length) md.push(`### Cold: a fresh process per size, no warm-up (${header})\n`, coldTable(cold), '');
  if (warm.length) md.push(`### Warm: a warmed process, distinct text for every open (${header})\n`, warmTable(warm), '');
  if (rows.length) md.push('### Targets\n', verdictTable(rows), '', 'Extension activation (target ≤ 100 ms) is measured in the real-editor tests (`test/e2e/`).', '');
  const markdown = md.join('\n');
  fs.writeFileSync(path.join(workDir, 'results.md'), markdown);
  console.log(`\n${markdown}`);
  const failed = rows.filter((r) => r.verdict === 'FAIL').length;
  results.summary = { targets: rows.length, failed, sanityFailed, oursMissing, elapsedS: Math.round((Date.now() - startedAt) / 1000), loadAfter: os.loadavg() };
  save();
  console.log(`${rows.length - failed}/${rows.length} targets met; ${warnings.length} warnings; ${results.summary.elapsedS} s; tables in ${path.relative(repoRoot, path.join(workDir, 'results.md'))}, data in ${path.relative(repoRoot, path.join(workDir, 'results.json'))}`);
  if (os.loadavg()[0] > os.cpus().length * 0.5) console.log(`Note: the machine was busy (${loadAverage()}): take these figures as indicative, and measure the final table on a quiet machine.`);
  for (const w of warnings) console.log(`  warning: ${w.split('\n')[0]}`);
  killAll();
  try { fs.rmdirSync(wsDir); } catch { /* not empty or gone */ }
  if (sanityFailed || oursMissing) process.exit(1);
  if (STRICT && failed) process.exit(2);
  process.exit(0);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    console.error(e?.stack ?? e);
    killAll();
    process.exit(1);
  });
}

export { children };
