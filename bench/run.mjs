// Benchmark: our language server (dist/server.js) against yaml-language-server, same run, same
// files, same schema, over the real LSP protocol on stdio. Not a test: it prints a table and
// writes bench/.work/results.json. See bench/README.md.
//
//   node bench/run.mjs [--sizes 1.6k,15k,150k] [--only ours|peer] [--timeout 60]
//                      [--no-requests] [--strict] [--schema path] [--ours path] [--verbose]  (--help)

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { generate, repoRoot, workDir, SIZES } from './generate.mjs';

// ---------------------------------------------------------------------------------------------
// Options

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
  --only ours|peer        measure one server only
  --timeout SECONDS       limit of each wait for diagnostics / response (default 60)
  --budget SECONDS        hard limit of the whole run (default 600)
  --no-requests           skip the hover and completion latencies
  --ours PATH             our server entry (default dist/server.js)
  --schema PATH           schema to use (default schemas/tenant.schema.json, else bench/fixtures/bench-tenant.schema.json)
  --strict                exit 2 when a target is missed
  --verbose               print every run, the diagnostics of the first open, hover and completion results`);
  process.exit(0);
}
const SIZE_LABELS = opt('--sizes', Object.keys(SIZES).join(',')).split(',').map((s) => s.trim()).filter(Boolean);
for (const s of SIZE_LABELS) if (!SIZES[s]) { console.error(`unknown size "${s}" (known: ${Object.keys(SIZES).join(', ')})`); process.exit(2); }
const ONLY = opt('--only');
if (ONLY && ONLY !== 'ours' && ONLY !== 'peer') { console.error('--only takes ours or peer'); process.exit(2); }
const WAIT_MS = Number(opt('--timeout', '60')) * 1000; // per wait
const BUDGET_MS = Number(opt('--budget', '600')) * 1000; // whole run, hard stop
const WITH_REQUESTS = !flag('--no-requests');
const STRICT = flag('--strict');
const VERBOSE = flag('--verbose');

/** Repetitions per size. */
const PLAN = {
  '1.6k': { opens: 5, edits: 20, requests: 20 },
  '15k': { opens: 5, edits: 20, requests: 20 },
  '150k': { opens: 3, edits: 8, requests: 20 },
};
/** Targets: ours / peer must be at most this. */
const TARGETS = {
  '1.6k': { open: 1 / 3, editP50: 1 / 3, editP95: 1 / 3 },
  '15k': { open: 1 / 3, editP50: 1 / 3, editP95: 1 / 3 },
  '150k': { open: 1 / 2, editP50: 1 / 4, editP95: 1 / 4, memory: 1 / 4 },
};

const OURS_ENTRY = path.resolve(opt('--ours', path.join(repoRoot, 'dist', 'server.js')));
const PEER_ENTRY = path.join(repoRoot, 'node_modules', 'yaml-language-server', 'out', 'server', 'src', 'server.js');
// Workspace folder given to the servers, and where the (virtual) URIs of the opened documents
// live. Empty on disk: the text only travels in didOpen/didChange, so no server spends time on a
// workspace scan during the measurements. Not under bench/.work: yaml-language-server's globs
// (picomatch, dot: false) do not match paths inside a dot-directory such as `.work`.
const wsDir = path.join(os.tmpdir(), 'tenant-config-bench-ws');
const logDir = path.join(workDir, 'logs');

const startedAt = Date.now();
const children = new Set();
const warnings = [];
const warn = (msg) => { warnings.push(msg); console.log(`WARNING: ${msg}`); };
const vlog = (...a) => { if (VERBOSE) console.log('   ', ...a); };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function killAll() {
  for (const c of children) { try { c.kill('SIGKILL'); } catch { /* gone */ } }
}
process.on('exit', killAll);
process.on('SIGINT', () => { killAll(); process.exit(130); });
process.on('SIGTERM', () => { killAll(); process.exit(143); });
const watchdog = setTimeout(() => {
  console.error(`bench exceeded its budget of ${BUDGET_MS / 1000} s: killing the servers`);
  killAll();
  process.exit(3);
}, BUDGET_MS);
watchdog.unref();

// ---------------------------------------------------------------------------------------------
// Statistics

const sorted = (xs) => [...xs].sort((a, b) => a - b);
/** Nearest-rank percentile. */
function pct(xs, p) {
  if (!xs.length) return undefined;
  const s = sorted(xs);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))];
}
function median(xs) {
  if (!xs.length) return undefined;
  const s = sorted(xs);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
const r1 = (x) => (x === undefined ? undefined : Math.round(x * 10) / 10);

// ---------------------------------------------------------------------------------------------
// Memory of a process tree from /proc

function procStatus(pid) {
  try {
    const txt = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (k) => { const m = new RegExp(`^${k}:\\s+(\\d+) kB`, 'm').exec(txt); return m ? +m[1] : 0; };
    return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
  } catch {
    return undefined;
  }
}
function descendants(pid) {
  const out = [];
  const visit = (p) => {
    let tasks = [];
    try { tasks = fs.readdirSync(`/proc/${p}/task`); } catch { return; }
    for (const t of tasks) {
      let kids = '';
      try { kids = fs.readFileSync(`/proc/${p}/task/${t}/children`, 'utf8'); } catch { /* none */ }
      for (const k of kids.split(/\s+/).filter(Boolean)) { out.push(+k); visit(+k); }
    }
  };
  visit(pid);
  return out;
}

// ---------------------------------------------------------------------------------------------
// A language server over stdio

class Server {
  constructor(kind, schemaPath) {
    this.kind = kind;
    this.schemaPath = schemaPath;
    this.schemaUri = pathToFileURL(schemaPath).href;
    this.publishes = new Map(); // uri -> [{t, version, count}]
    this.waiters = new Set();
    this.exited = undefined;
    this.configRequests = 0;
    this.memPeakKb = 0;
    this.logMessages = [];
  }

  get languageId() { return this.kind === 'ours' ? 'tenant-yaml' : 'yaml'; }

  /** The settings each server is given (answered to workspace/configuration, sent with didChangeConfiguration). */
  settings() {
    if (this.kind === 'peer') {
      return {
        yaml: {
          validate: true,
          hover: true,
          completion: true,
          schemas: { [this.schemaUri]: ['*.yaml'] },
          format: { enable: false },
          // no network here: do not let the peer try to download the schema store catalog
          schemaStore: { enable: false },
          kubernetesCRDStore: { enable: false },
        },
      };
    }
    return { tenantConfig: { schemas: { [this.schemaPath]: ['**/*.yaml', '*.yaml'] }, validate: { enable: true } } };
  }

  configFor(section) {
    if (!section) return null;
    let cur = this.settings();
    for (const part of section.split('.')) {
      if (cur == null || typeof cur !== 'object' || !(part in cur)) return null;
      cur = cur[part];
    }
    return cur;
  }

  async start() {
    const entry = this.kind === 'ours' ? OURS_ENTRY : PEER_ENTRY;
    fs.mkdirSync(logDir, { recursive: true });
    this.logFile = path.join(logDir, `${this.kind}-${Date.now()}.log`);
    const log = fs.createWriteStream(this.logFile);
    this.log = log;
    const child = spawn(process.execPath, [entry, '--stdio'], { cwd: repoRoot, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, NODE_OPTIONS: '' } });
    this.child = child;
    children.add(child);
    child.stderr.on('data', (d) => { log.write(d); this.stderrTail = (String(this.stderrTail ?? '') + d).slice(-4000); });
    child.on('exit', (code, signal) => {
      children.delete(child);
      this.exited = { code, signal };
      if (!this.stopping) {
        const why = `${this.kind} server exited unexpectedly (code ${code}, signal ${signal})${this.stderrTail ? `; stderr tail:\n${this.stderrTail}` : ''}`;
        for (const w of this.waiters) w.reject(new Error(why));
        this.waiters.clear();
      }
    });
    child.on('error', (e) => { this.exited = { error: e.message }; for (const w of this.waiters) w.reject(e); this.waiters.clear(); });
    child.stdin.on('error', () => { /* closed pipe: reported through exit */ });

    const conn = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    this.conn = conn;
    conn.onRequest((method, params) => this.onServerRequest(method, params));
    conn.onNotification((method, params) => {
      if (method === 'window/logMessage' || method === 'window/showMessage') {
        log.write(`[${method} ${params?.type}] ${params?.message}\n`);
        if (params?.type === 1) this.logMessages.push(params.message);
      }
    });
    conn.onNotification('textDocument/publishDiagnostics', (p) => this.onPublish(p));
    conn.onError(([e]) => log.write(`[connection error] ${e?.message}\n`));
    conn.onClose(() => log.write('[connection closed]\n'));
    conn.listen();

    this.sampler = setInterval(() => this.sampleMemory(), 100);
    this.sampler.unref();

    const wsUri = pathToFileURL(wsDir).href;
    const init = await this.request('initialize', {
      processId: process.pid,
      clientInfo: { name: 'tenant-config-bench', version: '1' },
      locale: 'en',
      rootPath: wsDir,
      rootUri: wsUri,
      workspaceFolders: [{ uri: wsUri, name: 'bench' }],
      capabilities: {
        workspace: { configuration: true, workspaceFolders: true, didChangeConfiguration: { dynamicRegistration: false } },
        textDocument: {
          synchronization: { dynamicRegistration: false, didSave: true, willSave: false },
          publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
          completion: { contextSupport: true, completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
          hover: { contentFormat: ['markdown', 'plaintext'] },
        },
        window: { workDoneProgress: false },
      },
      initializationOptions: {},
    }, WAIT_MS);
    const sync = init?.capabilities?.textDocumentSync;
    this.syncKind = typeof sync === 'number' ? sync : sync?.change ?? 1;
    this.capabilities = init?.capabilities ?? {};
    if (this.syncKind !== 2) warn(`${this.kind}: server asks for textDocumentSync ${this.syncKind} (not incremental); edits are sent as full text`);
    await conn.sendNotification('initialized', {});
    await conn.sendNotification('workspace/didChangeConfiguration', { settings: this.settings() });
  }

  onServerRequest(method, params) {
    switch (method) {
      case 'workspace/configuration':
        this.configRequests++;
        return (params?.items ?? []).map((it) => this.configFor(it.section));
      case 'workspace/workspaceFolders':
        return [{ uri: pathToFileURL(wsDir).href, name: 'bench' }];
      default:
        // client/registerCapability, window/workDoneProgress/create, */refresh, showMessageRequest...
        return null;
    }
  }

  onPublish(p) {
    const t = performance.now();
    const ev = { t, version: p.version, count: p.diagnostics?.length ?? 0, diagnostics: p.diagnostics };
    let list = this.publishes.get(p.uri);
    if (!list) this.publishes.set(p.uri, (list = []));
    list.push(ev);
    if (list.length > 50) list.shift();
    for (const w of [...this.waiters]) {
      if (w.uri === p.uri && w.pred(ev)) { this.waiters.delete(w); clearTimeout(w.timer); w.resolve(ev); }
    }
  }

  /** Wait for a publishDiagnostics for `uri` that satisfies `pred` (and arrives after now). */
  waitPublish(uri, pred = () => true, label = 'publishDiagnostics', timeoutMs = WAIT_MS) {
    if (this.exited) return Promise.reject(new Error(`${this.kind} server is not running (${JSON.stringify(this.exited)})`));
    return new Promise((resolve, reject) => {
      const w = { uri, pred, resolve, reject };
      w.timer = setTimeout(() => { this.waiters.delete(w); reject(new Error(`${this.kind}: timeout after ${timeoutMs / 1000} s waiting for ${label}`)); }, timeoutMs);
      this.waiters.add(w);
    });
  }

  /** Wait until no publish for `uri` arrived for `quietMs` (bounded by `maxMs`). */
  async settle(uri, quietMs = 400, maxMs = 5000) {
    const t0 = performance.now();
    for (;;) {
      const last = this.publishes.get(uri)?.at(-1)?.t ?? 0;
      const now = performance.now();
      if (now - last >= quietMs || now - t0 > maxMs) return;
      await sleep(Math.min(100, quietMs));
    }
  }

  request(method, params, timeoutMs = WAIT_MS) {
    if (this.exited) return Promise.reject(new Error(`${this.kind} server is not running`));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.kind}: timeout after ${timeoutMs / 1000} s on ${method}`)), timeoutMs);
      const onExit = () => { clearTimeout(timer); reject(new Error(`${this.kind} server exited during ${method}${this.stderrTail ? `; stderr tail:\n${this.stderrTail}` : ''}`)); };
      this.child.once('exit', onExit);
      this.conn.sendRequest(method, params).then(
        (r) => { clearTimeout(timer); this.child.off('exit', onExit); resolve(r); },
        (e) => { clearTimeout(timer); this.child.off('exit', onExit); reject(e); },
      );
    });
  }

  notify(method, params) {
    if (this.exited) throw new Error(`${this.kind} server is not running (${JSON.stringify(this.exited)})`);
    return this.conn.sendNotification(method, params);
  }

  sampleMemory() {
    if (!this.child?.pid || this.exited) return;
    let total = 0;
    for (const pid of [this.child.pid, ...descendants(this.child.pid)]) total += procStatus(pid)?.rss ?? 0;
    if (total > this.memPeakKb) this.memPeakKb = total;
  }

  memory() {
    this.sampleMemory();
    const st = procStatus(this.child.pid);
    return { peakKb: Math.max(this.memPeakKb, st?.hwm ?? 0), hwmKb: st?.hwm, rssKb: st?.rss };
  }

  async stop() {
    this.stopping = true;
    clearInterval(this.sampler);
    for (const w of this.waiters) { clearTimeout(w.timer); }
    this.waiters.clear();
    if (!this.exited) {
      try {
        await this.request('shutdown', null, 5000);
        await this.conn.sendNotification('exit');
      } catch { /* kill below */ }
      const t0 = Date.now();
      while (!this.exited && Date.now() - t0 < 3000) await sleep(50);
      if (!this.exited) { try { this.child.kill('SIGKILL'); } catch { /* gone */ } }
    }
    try { this.conn.dispose(); } catch { /* ignore */ }
    children.delete(this.child);
    this.log.end();
  }
}

/** Time one request: resolves to { ms, result }. The hook for more request latencies. */
export async function measureRequest(conn, method, params, timeoutMs = WAIT_MS) {
  const t0 = performance.now();
  let timer;
  const result = await Promise.race([
    conn.sendRequest(method, params),
    new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`timeout after ${timeoutMs / 1000} s on ${method}`)), timeoutMs); }),
  ]).finally(() => clearTimeout(timer));
  return { ms: performance.now() - t0, result };
}

// ---------------------------------------------------------------------------------------------
// One server on one file

/** A client-side mirror of an open document (for incremental edits and full-sync fallback). */
class Doc {
  constructor(server, uri, text) {
    this.server = server;
    this.uri = uri;
    this.lines = text.split('\n');
    this.version = 1;
  }
  get text() { return this.lines.join('\n'); }
  open() {
    return this.server.notify('textDocument/didOpen', { textDocument: { uri: this.uri, languageId: this.server.languageId, version: this.version, text: this.text } });
  }
  close() { return this.server.notify('textDocument/didClose', { textDocument: { uri: this.uri } }); }
  /** Replace [line, c0..c1) with `text` (single-line range). */
  change(line, c0, c1, text) {
    const old = this.lines[line];
    const next = old.slice(0, c0) + text + old.slice(c1);
    const newLines = next.split('\n');
    this.lines.splice(line, 1, ...newLines);
    this.version++;
    const change = this.server.syncKind === 2
      ? { range: { start: { line, character: c0 }, end: { line, character: c1 } }, text }
      : { text: this.text };
    return this.server.notify('textDocument/didChange', { textDocument: { uri: this.uri, version: this.version }, contentChanges: [change] });
  }
}

function fileUri(name) { return pathToFileURL(path.join(wsDir, name)).href; }

/** Wait for the diagnostics of `version` (servers that send versions) or else for the next publish. */
function waitVersion(server, uri, version, label) {
  return server.waitPublish(uri, (ev) => (typeof ev.version === 'number' ? ev.version >= version : true), label);
}

async function benchServer(kind, schemaPath, gen, label, warmupText) {
  const plan = PLAN[label];
  const res = { server: kind, size: label, ok: false };
  const server = new Server(kind, schemaPath);
  const tStart = performance.now();
  try {
    await server.start();
    res.startupMs = r1(performance.now() - tStart);
    res.logFile = path.relative(repoRoot, server.logFile);

    // Warm-up: a small file with mistakes, until the schema diagnostics show up (settings pulled, schema compiled).
    {
      const doc = new Doc(server, fileUri(`warmup-${label}.yaml`), warmupText);
      const t0 = performance.now();
      let p = server.waitPublish(doc.uri, () => true, 'diagnostics on the warm-up file');
      await doc.open();
      let ev = await p;
      // the first publish may come before the settings were applied: wait for the schema's diagnostics,
      // but give up early when the server goes quiet with an empty list
      let empties = 0;
      while (ev.count === 0) {
        empties++;
        p = server.waitPublish(doc.uri, () => true, 'diagnostics on the warm-up file', 15000);
        ev = await p.catch(() => undefined);
        if (!ev) throw new Error(`${kind} published ${empties} empty diagnostics list(s) for the warm-up file (${gen.mistakes.length ? 'which has deliberate mistakes' : ''}) and nothing else for 15 s: it does not validate against the schema`);
      }
      res.warmupMs = r1(ev.t - t0);
      res.warmupDiagnostics = ev.count;
      vlog(`${kind} warm-up: ${ev.count} diagnostics after ${res.warmupMs} ms`);
      await doc.close();
      await sleep(200);
    }
    res.memBaselineKb = server.memory().rssKb;

    // open -> first diagnostics, fresh URI each time
    res.open = [];
    res.openDiagnostics = [];
    res.openFull = [];
    const text = fs.readFileSync(gen.file, 'utf8');
    for (let r = 0; r < plan.opens; r++) {
      const doc = new Doc(server, fileUri(`tenants-${label}.open${r + 1}.yaml`), text);
      const first = server.waitPublish(doc.uri, () => true, `first diagnostics after didOpen (${label}, run ${r + 1})`);
      const t0 = performance.now();
      doc.open();
      const ev = await first;
      res.open.push(ev.t - t0);
      res.openDiagnostics.push(ev.count);
      if (r === 0) {
        res.openDiagnosticsSample = (ev.diagnostics ?? []).slice(0, 20).map((d) => `${d.range?.start?.line + 1}: ${String(d.message).split('\n')[0].slice(0, 140)}${d.code !== undefined ? ` [${d.code}]` : ''}`);
        for (const d of res.openDiagnosticsSample) vlog(`${kind} diagnostic line ${d}`);
      }
      if (ev.count === 0 && gen.mistakes.length) {
        // an empty first publish on a file with mistakes: also time the first non-empty one
        const full = await server.waitPublish(doc.uri, (e) => e.count > 0, `non-empty diagnostics after didOpen (${label})`).catch(() => undefined);
        res.openFull.push(full ? full.t - t0 : undefined);
      } else res.openFull.push(ev.t - t0);
      vlog(`${kind} open ${label} #${r + 1}: ${r1(ev.t - t0)} ms, ${ev.count} diagnostics`);
      await doc.close();
      await sleep(150);
    }
    res.openMedian = r1(median(res.open));
    res.openFirst = r1(res.open[0]);
    res.openFullMedian = r1(median(res.openFull.filter((x) => x !== undefined)));
    res.open = res.open.map(r1);
    res.openFull = res.openFull.map(r1);

    // edit -> diagnostics: alternately invalid and valid values in the middle of the file
    const doc = new Doc(server, fileUri(`tenants-${label}.edit.yaml`), text);
    {
      const p = server.waitPublish(doc.uri, () => true, 'diagnostics of the edit document');
      await doc.open();
      await p;
      await server.settle(doc.uri);
    }
    res.edit = [];
    res.editDiagnostics = [];
    const site = gen.editSite;
    if (!site) throw new Error('generator found no value to edit');
    let cur = site.text;
    for (let i = 1; i <= plan.edits; i++) {
      const value = site.values[i];
      const waiter = waitVersion(server, doc.uri, doc.version + 1, `diagnostics of edit ${i} (${label})`);
      const t0 = performance.now();
      doc.change(site.line, site.character, site.character + cur.length, value);
      const ev = await waiter;
      cur = value;
      res.edit.push(ev.t - t0);
      res.editDiagnostics.push(ev.count);
      vlog(`${kind} edit ${label} #${i} -> ${value}: ${r1(ev.t - t0)} ms, ${ev.count} diagnostics${ev.version !== undefined ? ` (v${ev.version})` : ''}`);
    }
    res.editVersioned = server.publishes.get(doc.uri)?.some((e) => typeof e.version === 'number') ?? false;
    res.editP50 = r1(pct(res.edit, 0.5));
    res.editP95 = r1(pct(res.edit, 0.95));
    res.edit = res.edit.map(r1);
    const invalid = res.editDiagnostics.filter((_, i) => i % 2 === 0); // edits 1, 3, 5... are invalid
    const valid = res.editDiagnostics.filter((_, i) => i % 2 === 1);
    res.editTracksChanges = Math.min(...invalid) > Math.max(...valid);
    if (!res.editTracksChanges) warn(`${kind} ${label}: diagnostics do not follow the edits (counts after invalid edits ${invalid.join(',')}, after valid edits ${valid.join(',')})`);
    await server.settle(doc.uri, 300, 3000);

    // hover and completion latency (the measureRequest hook)
    if (WITH_REQUESTS) {
      if (gen.hoverSite && !server.capabilities.hoverProvider) res.hoverError = 'hover not advertised (no hoverProvider capability)';
      if (gen.completionSite && !server.capabilities.completionProvider) res.completionError = 'completion not advertised (no completionProvider capability)';
      if (gen.hoverSite && !res.hoverError) try {
        res.hover = [];
        let nonEmpty = 0;
        for (let i = 0; i < plan.requests; i++) {
          const { ms, result } = await measureRequest(server.conn, 'textDocument/hover', { textDocument: { uri: doc.uri }, position: { line: gen.hoverSite.line, character: gen.hoverSite.character } });
          res.hover.push(ms);
          if (result && result.contents) nonEmpty++;
          if (i === 0) vlog(`${kind} hover: ${JSON.stringify(result)?.slice(0, 160)}`);
        }
        res.hoverNonEmpty = nonEmpty;
        res.hoverP50 = r1(pct(res.hover, 0.5));
        res.hoverP95 = r1(pct(res.hover, 0.95));
        res.hover = res.hover.map(r1);
      } catch (e) {
        res.hoverError = e.message;
        delete res.hover;
      }
      if (gen.completionSite && !res.completionError) try {
        const cs = gen.completionSite;
        // a new empty line (with the child indentation) right under the environment key
        const waiter = waitVersion(server, doc.uri, doc.version + 1, 'diagnostics after inserting the completion line');
        doc.change(cs.headerLine, doc.lines[cs.headerLine].length, doc.lines[cs.headerLine].length, '\n' + ' '.repeat(cs.indent));
        await waiter;
        await server.settle(doc.uri, 300, 3000);
        res.completion = [];
        let items = 0;
        for (let i = 0; i < plan.requests; i++) {
          const { ms, result } = await measureRequest(server.conn, 'textDocument/completion', { textDocument: { uri: doc.uri }, position: { line: cs.headerLine + 1, character: cs.indent }, context: { triggerKind: 1 } });
          res.completion.push(ms);
          items = Array.isArray(result) ? result.length : result?.items?.length ?? 0;
          if (i === 0) vlog(`${kind} completion: ${items} items: ${(Array.isArray(result) ? result : result?.items ?? []).slice(0, 8).map((x) => x.label).join(', ')}`);
        }
        res.completionItems = items;
        res.completionP50 = r1(pct(res.completion, 0.5));
        res.completionP95 = r1(pct(res.completion, 0.95));
        res.completion = res.completion.map(r1);
      } catch (e) {
        res.completionError = e.message;
        delete res.completion;
      }
      if (res.hoverError) warn(`${kind} ${label}: hover not measured: ${res.hoverError}`);
      if (res.completionError) warn(`${kind} ${label}: completion not measured: ${res.completionError}`);
    }

    const mem = server.memory();
    res.memPeakKb = mem.peakKb;
    res.memHwmKb = mem.hwmKb;
    res.configRequests = server.configRequests;
    await doc.close();
    res.ok = true;
  } catch (e) {
    res.error = e.message;
    console.log(`ERROR (${kind}, ${label}): ${e.message}`);
    if (server.child?.pid && !server.exited) {
      const mem = server.memory();
      res.memPeakKb = mem.peakKb;
    }
  } finally {
    if (server.logMessages.length) res.serverErrors = server.logMessages.slice(0, 5);
    if (server.exited && !server.stopping) res.exited = server.exited;
    await server.stop().catch(() => {});
    res.totalMs = r1(performance.now() - tStart);
  }
  return res;
}

// ---------------------------------------------------------------------------------------------
// Report

const fmtMs = (x) => (x === undefined || Number.isNaN(x) ? 'n/a' : x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x < 10 ? x.toFixed(1) : Math.round(x)} ms`);
const fmtMb = (kb) => (kb === undefined ? 'n/a' : `${Math.round(kb / 1024)} MB`);
const ratio = (a, b) => (a === undefined || b === undefined || !b ? undefined : a / b);

const expectedErrors = {};
function rowsFor(label, ours, peer) {
  const t = TARGETS[label] ?? {};
  const rows = [];
  const fraction = (x) => (x <= 0.1 ? '1/10' : x < 0.3 ? '1/4' : x < 0.4 ? '1/3' : '1/2');
  const add = (metric, key, fmt, target, absoluteMs) => {
    const o = ours?.[key];
    const p = peer?.[key];
    const rt = ratio(o, p);
    let verdict = target === undefined ? 'info' : rt === undefined ? 'n/a' : rt <= target ? 'PASS' : 'FAIL';
    if (target !== undefined && o === undefined && ours && p !== undefined) verdict = 'FAIL'; // ours failed to produce the number
    let targetText = target === undefined ? '-' : `<= ${fraction(target)}`;
    if (absoluteMs !== undefined) {
      verdict = o === undefined ? 'FAIL' : o <= absoluteMs ? 'PASS' : 'FAIL';
      targetText = `<= ${absoluteMs} ms`;
    }
    rows.push({ size: label, metric, ours: fmt(o), peer: fmt(p), ratio: rt === undefined ? 'n/a' : rt.toFixed(2), target: targetText, verdict, raw: { ours: o, peer: p, ratio: rt, target, absoluteMs } });
  };
  const plan = PLAN[label];
  add(`open->diagnostics (median of ${plan.opens})`, 'openMedian', fmtMs, t.open);
  add('open->diagnostics, first run only', 'openFirst', fmtMs, undefined);
  if ((ours && ours.openFullMedian !== ours.openMedian) || (peer && peer.openFullMedian !== peer.openMedian)) add('open->non-empty diagnostics', 'openFullMedian', fmtMs, undefined);
  add(`edit->diagnostics p50 (n=${plan.edits})`, 'editP50', fmtMs, t.editP50);
  add(`edit->diagnostics p95 (n=${plan.edits})`, 'editP95', fmtMs, t.editP95);
  if (WITH_REQUESTS) {
    // Completion at most 1/10 of the peer's latency at 15k and 150k lines; hover at most 20 ms at every size.
    add(`hover p50 (n=${plan.requests})`, 'hoverP50', fmtMs, undefined, 20);
    add(`hover p95 (n=${plan.requests})`, 'hoverP95', fmtMs, undefined, 20);
    add(`completion p50 (n=${plan.requests})`, 'completionP50', fmtMs, label === '1.6k' ? undefined : 0.1);
    add(`completion p95 (n=${plan.requests})`, 'completionP95', fmtMs, undefined);
  }
  add('peak RSS', 'memPeakKb', fmtMb, t.memory);
  const diag = (r) => (r?.openDiagnostics ? String(r.openDiagnostics[0]) : 'n/a');
  rows.push({ size: label, metric: `diagnostics on open (ajv: ${expectedErrors[label] ?? '?'})`, ours: diag(ours), peer: diag(peer), ratio: '-', target: '-', verdict: 'info', raw: { ours: ours?.openDiagnostics?.[0], peer: peer?.openDiagnostics?.[0] } });
  return rows;
}

function printTable(rows) {
  const cols = ['size', 'metric', 'ours', 'peer', 'ratio', 'target', 'verdict'];
  const width = Object.fromEntries(cols.map((c) => [c, Math.max(c.length, ...rows.map((r) => String(r[c]).length))]));
  const line = (r) => cols.map((c) => String(r[c]).padEnd(width[c])).join('  ');
  console.log(line(Object.fromEntries(cols.map((c) => [c, c]))));
  console.log(cols.map((c) => '-'.repeat(width[c])).join('  '));
  let last;
  for (const r of rows) {
    if (last && last !== r.size) console.log('');
    last = r.size;
    console.log(line(r));
  }
}

// ---------------------------------------------------------------------------------------------
// Main

async function main() {
  const kinds = ONLY ? [ONLY] : ['peer', 'ours'];
  console.log(`tenant-config bench: node ${process.version}, ${os.cpus().length} cpus, sizes ${SIZE_LABELS.join(', ')}, servers ${kinds.join(' + ')}`);
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
    for (const m of f.mistakes) vlog(`line ${m.line + 1}: ${m.what}`);
    if (f.editSite) vlog(`edit site: line ${f.editSite.line + 1} ${f.editSite.pointer}, values ${f.editSite.values.slice(0, 5).join(', ')}...`);
  }
  console.log(`  generated in ${Math.round(performance.now() - tg)} ms`);

  // warm-up text: the first tenants of the small file (contains a deliberate mistake)
  const small = gen.files['1.6k'];
  const warmupText = fs.readFileSync(small.file, 'utf8');

  const results = {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpus: os.cpus().length,
    schema: { path: path.relative(repoRoot, gen.schema.path), source: gen.schema.source },
    servers: { ours: path.relative(repoRoot, OURS_ENTRY), peer: `yaml-language-server@${JSON.parse(fs.readFileSync(path.join(repoRoot, 'node_modules/yaml-language-server/package.json'), 'utf8')).version}` },
    sizes: {},
    warnings,
  };
  const allRows = [];
  let sanityFailed = false;
  for (const label of SIZE_LABELS) {
    const f = gen.files[label];
    const entry = { file: { path: path.relative(repoRoot, f.file), lines: f.lines, tenants: f.tenants, bytes: f.bytes, mistakes: f.mistakes.map((m) => ({ line: m.line + 1, what: m.what })), expectedErrors: f.expectedErrors, editSite: f.editSite && { line: f.editSite.line + 1, pointer: f.editSite.pointer } } };
    for (const kind of kinds) {
      console.log(`\n[${label}] ${kind} ...`);
      const r = await benchServer(kind, gen.schema.path, f, label, warmupText);
      entry[kind] = r;
      if (r.ok) {
        console.log(`  open ${fmtMs(r.openMedian)} (runs ${r.open.map(fmtMs).join(', ')}; diagnostics ${r.openDiagnostics.join(',')} vs ${f.expectedErrors} expected), edit p50 ${fmtMs(r.editP50)} p95 ${fmtMs(r.editP95)}${r.editVersioned ? '' : ' (unversioned publishes)'}, hover p50 ${fmtMs(r.hoverP50)}${r.hoverNonEmpty === 0 ? ' (empty results)' : ''}, completion p50 ${fmtMs(r.completionP50)} (${r.completionItems ?? 0} items), peak RSS ${fmtMb(r.memPeakKb)}, ${fmtMs(r.totalMs)} total`);
      }
      if (r.ok && f.mistakes.length && r.openDiagnostics.every((n) => n === 0)) {
        warn(`${kind} reported ZERO diagnostics for ${path.basename(f.file)}, which has ${f.mistakes.length} deliberate mistakes: it does not validate against the schema`);
        sanityFailed = true;
      }
      if (r.ok && r.openDiagnostics.some((n) => n === 0) && r.openDiagnostics.some((n) => n > 0)) {
        warn(`${kind} ${label}: the first publish after didOpen was empty in some runs (${r.openDiagnostics.join(',')})`);
      }
      if (!r.ok) sanityFailed = true;
    }
    expectedErrors[label] = f.expectedErrors;
    const rows = rowsFor(label, entry.ours, entry.peer);
    entry.comparison = rows.map((r) => ({ metric: r.metric, ...r.raw, verdict: r.verdict }));
    allRows.push(...rows);
    results.sizes[label] = entry;
    fs.writeFileSync(path.join(workDir, 'results.json'), JSON.stringify(results, null, 2));
  }

  console.log('\nResults (ours / peer; lower is better)\n');
  printTable(allRows);
  const verdictRows = allRows.filter((r) => r.verdict === 'PASS' || r.verdict === 'FAIL');
  if (verdictRows.length) {
    console.log('\nTargets:');
    for (const r of verdictRows) {
      const short = r.metric.replace(/ \(.*\)$/, '').replace('->diagnostics', '').replace('peak RSS', 'memory');
      console.log(`  ${short} ${r.size}: ours ${r.ours}, peer ${r.peer}, ratio ${r.ratio} (target ${r.target}) ${r.verdict}`);
    }
  }
  const failedTargets = verdictRows.filter((r) => r.verdict === 'FAIL').length;
  results.summary = { targets: verdictRows.length, failedTargets, sanityFailed, oursMissing, elapsedS: Math.round((Date.now() - startedAt) / 1000) };
  fs.writeFileSync(path.join(workDir, 'results.json'), JSON.stringify(results, null, 2));
  console.log(`\n${verdictRows.length - failedTargets}/${verdictRows.length} targets met; ${warnings.length} warnings; ${results.summary.elapsedS} s; results in ${path.relative(repoRoot, path.join(workDir, 'results.json'))}`);
  if (warnings.length) for (const w of warnings) console.log(`  warning: ${w.split('\n')[0]}`);
  killAll();
  try { fs.rmdirSync(wsDir); } catch { /* not empty or gone */ }
  if (sanityFailed || oursMissing) process.exit(1);
  if (STRICT && failedTargets) process.exit(2);
  process.exit(0);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    console.error(e?.stack ?? e);
    killAll();
    process.exit(1);
  });
}
