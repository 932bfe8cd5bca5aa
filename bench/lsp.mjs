// A language server over stdio for the benchmark: spawn, initialize, open and edit documents,
// time publishes and requests, sample the memory of the process tree from /proc.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Every server process spawned, killed on exit. */
export const children = new Set();
export function killAll() {
  for (const c of children) {
    try { c.kill('SIGKILL'); } catch { /* gone */ }
  }
}

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

/**
 * One server process. `kind` is `ours` or `peer`; `settings()` is what it is given (answered to
 * `workspace/configuration`, and sent with `didChangeConfiguration`).
 */
export class Server {
  constructor({ kind, entry, schemaPath, wsDir, logDir, waitMs, onWarning, codeCacheDir }) {
    this.kind = kind;
    this.codeCacheDir = codeCacheDir;
    this.entry = entry;
    this.schemaPath = schemaPath;
    this.schemaUri = pathToFileURL(schemaPath).href;
    this.wsDir = wsDir;
    this.logDir = logDir;
    this.waitMs = waitMs;
    this.warn = onWarning ?? (() => {});
    this.publishes = new Map(); // uri -> [{t, version, count}]
    this.waiters = new Set();
    this.exited = undefined;
    this.configRequests = 0;
    this.memPeakKb = 0;
    this.logMessages = [];
  }

  get languageId() { return this.kind === 'ours' ? 'tenant-yaml' : 'yaml'; }

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

  fileUri(name) { return pathToFileURL(path.join(this.wsDir, name)).href; }

  /** Spawn, initialize, initialized, settings. Sets `spawnToInitializedMs`. */
  async start() {
    fs.mkdirSync(this.logDir, { recursive: true });
    this.logFile = path.join(this.logDir, `${this.kind}-${Date.now()}-${Math.random().toString(36).slice(2, 6)}.log`);
    const log = fs.createWriteStream(this.logFile);
    this.log = log;
    const t0 = performance.now();
    const args = [this.entry, '--stdio', ...(this.codeCacheDir ? [`--code-cache-dir=${this.codeCacheDir}`] : [])];
    const child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, NODE_OPTIONS: '' } });
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

    const wsUri = pathToFileURL(this.wsDir).href;
    const init = await this.request('initialize', {
      processId: process.pid,
      clientInfo: { name: 'tenant-config-bench', version: '1' },
      locale: 'en',
      rootPath: this.wsDir,
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
    });
    this.spawnToInitializedMs = performance.now() - t0;
    const sync = init?.capabilities?.textDocumentSync;
    this.syncKind = typeof sync === 'number' ? sync : sync?.change ?? 1;
    this.capabilities = init?.capabilities ?? {};
    if (this.syncKind !== 2) this.warn(`${this.kind}: server asks for textDocumentSync ${this.syncKind} (not incremental); edits are sent as full text`);
    await conn.sendNotification('initialized', {});
    await conn.sendNotification('workspace/didChangeConfiguration', { settings: this.settings() });
  }

  onServerRequest(method, params) {
    switch (method) {
      case 'workspace/configuration':
        this.configRequests++;
        return (params?.items ?? []).map((it) => this.configFor(it.section));
      case 'workspace/workspaceFolders':
        return [{ uri: pathToFileURL(this.wsDir).href, name: 'bench' }];
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
  waitPublish(uri, pred = () => true, label = 'publishDiagnostics', timeoutMs = this.waitMs) {
    if (this.exited) return Promise.reject(new Error(`${this.kind} server is not running (${JSON.stringify(this.exited)})`));
    return new Promise((resolve, reject) => {
      const w = { uri, pred, resolve, reject };
      w.timer = setTimeout(() => { this.waiters.delete(w); reject(new Error(`${this.kind}: timeout after ${timeoutMs / 1000} s waiting for ${label}`)); }, timeoutMs);
      this.waiters.add(w);
    });
  }

  /** Wait for the diagnostics of `version` (servers that send versions) or else for the next publish. */
  waitVersion(uri, version, label) {
    return this.waitPublish(uri, (ev) => (typeof ev.version === 'number' ? ev.version >= version : true), label);
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

  request(method, params, timeoutMs = this.waitMs) {
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

  /** Time one request: { ms, result }. */
  async measure(method, params) {
    const t0 = performance.now();
    const result = await this.request(method, params);
    return { ms: performance.now() - t0, result };
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

  /** Peak memory so far: the larger of the polled RSS of the tree and the process's VmHWM. */
  memory() {
    this.sampleMemory();
    const st = this.child?.pid ? procStatus(this.child.pid) : undefined;
    return { peakKb: Math.max(this.memPeakKb, st?.hwm ?? 0), hwmKb: st?.hwm, rssKb: st?.rss };
  }

  async stop() {
    this.stopping = true;
    clearInterval(this.sampler);
    for (const w of this.waiters) clearTimeout(w.timer);
    this.waiters.clear();
    if (this.child && !this.exited) {
      try {
        await this.request('shutdown', null, 5000);
        await this.conn.sendNotification('exit');
      } catch { /* kill below */ }
      const t0 = Date.now();
      while (!this.exited && Date.now() - t0 < 3000) await sleep(50);
      if (!this.exited) { try { this.child.kill('SIGKILL'); } catch { /* gone */ } }
    }
    try { this.conn?.dispose(); } catch { /* ignore */ }
    children.delete(this.child);
    this.log?.end();
  }
}

/** A client-side mirror of an open document (for incremental edits and full-sync fallback). */
export class Doc {
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
    this.lines.splice(line, 1, ...next.split('\n'));
    this.version++;
    const change = this.server.syncKind === 2
      ? { range: { start: { line, character: c0 }, end: { line, character: c1 } }, text }
      : { text: this.text };
    return this.server.notify('textDocument/didChange', { textDocument: { uri: this.uri, version: this.version }, contentChanges: [change] });
  }
}
