// The fuzzer: `npm run fuzz -- [--minutes N | --seconds N] [--targets mutations,schemas,server]
// [--seed N] [--all-patterns]`. Each target (test/fuzz/, compiled to out/test/fuzz/) runs in a
// child process for its share of the time; a child that dies is a crash and one that stops
// reporting is a hang, and both are restarted. The case each was running is kept in out/fuzz/.
// Asserted: no throw, no crash, no hang, every answer within 2 s, positions in range, peak RSS
// under the limit. `npm test` runs it for about 60 s (scripts/test.mjs).
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cpus, loadavg } from 'node:os';

const args = process.argv.slice(2);
const value = (name) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const totalMs = value('minutes') ? Number(value('minutes')) * 60_000 : Number(value('seconds') ?? 60) * 1000;
const seed = Number(value('seed') ?? Date.now() % 2 ** 31);
const allPatterns = args.includes('--all-patterns');
const SHARES = { mutations: 0.35, schemas: 0.25, server: 0.4 };
const targets = (value('targets') ?? Object.keys(SHARES).join(',')).split(',');
for (const t of targets)
  if (!(t in SHARES)) throw new Error(`fuzz: unknown target ${t} (${Object.keys(SHARES).join(', ')})`);
const worker = join('out', 'test', 'fuzz', 'run.js');
if (!existsSync(worker) || !existsSync(join('dist', 'server.js'))) {
  console.error('fuzz: run `npm run build` first');
  process.exit(2);
}
// The targets that run the core in process run it as the server does: with the server's heap bound.
const { SERVER_EXEC_ARGV } = createRequire(import.meta.url)('../out/protocol/src/launch.js');
const dir = join('out', 'fuzz');
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });

/** Silence before a child counts as hung: a slow answer is found by the child itself (2 s). */
const HANG_MS = 30_000;
const START_GRACE_MS = 180_000;

function runOnce(target, ms, runSeed, caseFile) {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [
        ...SERVER_EXEC_ARGV,
        worker,
        '--target',
        target,
        '--ms',
        String(ms),
        '--seed',
        String(runSeed),
        '--case-file',
        caseFile,
        ...(allPatterns ? ['--all-patterns'] : []),
      ],
      { stdio: ['ignore', 'pipe', 'pipe'], detached: true },
    );
    const started = Date.now();
    let lastBeat = 0;
    let beats = { cases: 0, rss: 0 };
    let summary;
    let hung = false;
    let stderr = '';
    let buffer = '';
    child.stdout.on('data', (d) => {
      buffer += d;
      let nl;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        if (line.startsWith('beat ')) {
          lastBeat = Date.now();
          const b = JSON.parse(line.slice(5));
          beats = { cases: b.cases, rss: Math.max(beats.rss, b.rss) };
        } else if (line.startsWith('summary ')) summary = JSON.parse(line.slice(8));
      }
    });
    child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-65536)));
    const watchdog = setInterval(() => {
      const silentFor = Date.now() - (lastBeat || started);
      if (silentFor > (lastBeat ? HANG_MS : START_GRACE_MS) || Date.now() - started > ms + START_GRACE_MS) {
        hung = true;
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          child.kill('SIGKILL');
        }
      }
    }, 1000);
    child.on('close', (code, signal) => {
      clearInterval(watchdog);
      resolve({ code, signal, summary, beats, hung, stderr, elapsed: Date.now() - started });
    });
  });
}

const totals = [];
for (const [k, target] of targets.entries()) {
  const shares = targets.reduce((n, x) => n + (SHARES[x] ?? 0), 0) || 1;
  const budget = Math.round((totalMs * (SHARES[target] ?? 0)) / shares);
  const t = {
    target,
    cases: 0,
    answers: 0,
    slow: 0,
    maxMs: 0,
    maxWallMs: 0,
    wallOver: 0,
    peakRssMb: 0,
    crashes: 0,
    hangs: 0,
    counts: {},
    findings: [],
  };
  const deadline = Date.now() + budget;
  for (let run = 0; Date.now() < deadline - 2000; run++) {
    const caseFile = join(dir, `${target}.case.txt`);
    const r = await runOnce(target, deadline - Date.now(), seed + 1000 * k + run, caseFile);
    const s = r.summary;
    t.cases += s ? s.cases : r.beats.cases;
    t.peakRssMb = Math.max(t.peakRssMb, r.beats.rss, s?.peakRssMb ?? 0);
    if (s) {
      t.answers += s.answers;
      t.slow += s.slow;
      t.maxMs = Math.max(t.maxMs, s.maxMs);
      t.maxWallMs = Math.max(t.maxWallMs, s.maxWallMs);
      t.wallOver += s.wallOver;
      for (const [kind, n] of Object.entries(s.counts)) t.counts[kind] = (t.counts[kind] ?? 0) + n;
      t.findings.push(...s.findings);
      if (r.code === 0) break;
    }
    const kind = r.hung ? 'hang' : 'crash';
    if (r.hung) t.hangs++;
    else t.crashes++;
    const kept = join(dir, `${target}-${kind}-${run}.txt`);
    if (existsSync(caseFile)) copyFileSync(caseFile, kept);
    // The whole tail of its stderr (a fatal error's stack is long), beside the case.
    writeFileSync(`${kept}.stderr.txt`, r.stderr);
    // For the server target this process is the harness (a server that dies is counted by the
    // harness itself, with its own stderr); for the others it runs the product in process.
    const who = target === 'server' ? 'the harness driving the server' : `the ${target} process`;
    t.findings.push({
      kind,
      what: target,
      detail: `${who}: ${r.signal ?? 'exit ' + r.code} after ${r.elapsed} ms; case in ${kept}, stderr in ${kept}.stderr.txt; ${r.stderr.slice(-300).replace(/\s+/g, ' ')}`,
    });
  }
  t.crashes += t.counts.crash ?? 0;
  t.hangs += t.counts.hang ?? 0;
  totals.push(t);
}

const pad = (s, n) => String(s).padStart(n);
console.log(
  `fuzz: ${Math.round(totalMs / 1000)} s, seed ${seed}${allPatterns ? ', all patterns' : ''}, load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} on ${cpus().length} CPUs`,
);
console.log(
  '  target      cases  answers  crashes  hangs  throws  >2 s  ranges  slowest (CPU/wall)  wall>2 s  peak RSS',
);
for (const t of totals)
  console.log(
    `  ${t.target.padEnd(10)}${pad(t.cases, 6)}${pad(t.answers, 9)}${pad(t.crashes, 9)}${pad(t.hangs, 7)}${pad(t.counts.throw ?? 0, 8)}${pad(t.slow, 6)}${pad(t.counts.range ?? 0, 8)}${pad(`${t.maxMs}/${t.maxWallMs} ms`, 20)}${pad(t.wallOver, 10)}${pad(Math.round(t.peakRssMb) + ' MB', 10)}`,
  );
const failedTargets = totals.filter((t) => t.crashes || t.hangs || t.slow || Object.keys(t.counts).length);
for (const t of failedTargets)
  for (const f of t.findings.slice(0, 8))
    console.log(`  ${t.target} ${f.kind} ${f.what}: ${f.detail.split('\n')[0].slice(0, 400)}`);
const sum = (f) => totals.reduce((n, t) => n + f(t), 0);
console.log(
  `fuzz: ${sum((t) => t.cases)} cases, ${sum((t) => t.crashes)} crashes, ${sum((t) => t.hangs)} hangs, ` +
    `${sum((t) => t.slow)} answers slower than 2 s (CPU; ${sum((t) => t.wallOver)} by the wall clock), peak RSS ${Math.round(Math.max(0, ...totals.map((t) => t.peakRssMb)))} MB` +
    (readdirSync(dir).some((f) => /-(crash|hang|throw|slow|range|memory)/.test(f)) ? ` (cases in ${dir})` : ''),
);
console.log(`fuzz targets: ${totals.length - failedTargets.length} passed, ${failedTargets.length} failed`);
process.exit(failedTargets.length ? 1 : 0);
