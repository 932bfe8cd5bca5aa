import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, Range } from 'vscode-languageserver-types';
import { IndexStatusRequest, SERVER_EXEC_ARGV } from '../../protocol/src/index';
import { TestClient } from '../support/lspClient';
import { repoRoot } from '../support/service';
import { checkRanges, random, type Tally } from './checks';
import { HOSTILE, MAX_FUZZ_CHARS, nesting } from './mutations';

/**
 * Edit sequences sent through the real bundled server over stdio: incremental changes of hostile
 * text at random places (out-of-range positions now and then), whole-document replacements, and
 * requests in between. Each answer is timed and its ranges are checked against the client's own
 * copy of the document; the server's memory is read from /proc.
 */

const METHODS = [
  'textDocument/hover',
  'textDocument/completion',
  'textDocument/documentSymbol',
  'textDocument/foldingRange',
  'textDocument/selectionRange',
  'textDocument/codeAction',
  'textDocument/formatting',
  'textDocument/rangeFormatting',
  'textDocument/documentLink',
  'textDocument/definition',
  'textDocument/references',
  'textDocument/prepareRename',
  'textDocument/rename',
];

/** CPU time the server's process has used so far (ms), from /proc. */
function serverCpuMs(pid: number | undefined): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return 0;
  }
}

/** The server's peak resident memory so far (VmHWM), or with `now` its current one (VmRSS), in MB. */
function serverRssMb(pid: number | undefined, now = false): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = (now ? undefined : /VmHWM:\s+(\d+) kB/.exec(status)) ?? /VmRSS:\s+(\d+) kB/.exec(status);
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** A step after which the server holds this much more memory is kept for a closer look (MB). */
const RSS_JUMP_MB = 100;

/** Every range an answer holds that refers to the document itself. */
function rangesOf(method: string, result: unknown, uri: string): Array<Range | undefined> {
  if (!result || typeof result !== 'object') return [];
  const r = result as Record<string, unknown>;
  const list = Array.isArray(result) ? (result as Array<Record<string, unknown>>) : [];
  switch (method) {
    case 'textDocument/hover':
      return [r.range as Range | undefined];
    case 'textDocument/completion':
      return ((r.items as Array<{ textEdit?: { range?: Range } }>) ?? list).map((i) => i.textEdit?.range);
    case 'textDocument/documentSymbol':
      return list.flatMap((s) => [s.range as Range, s.selectionRange as Range]);
    case 'textDocument/selectionRange': {
      const out: Range[] = [];
      for (let s of list as Array<{ range: Range; parent?: unknown }>)
        for (let n = 0; s && n < 1000; n++, s = s.parent as typeof s) out.push(s.range);
      return out;
    }
    case 'textDocument/codeAction':
      return list.flatMap((a) =>
        ((a.edit as { changes?: Record<string, Array<{ range: Range }>> })?.changes?.[uri] ?? []).map((e) => e.range),
      );
    case 'textDocument/formatting':
    case 'textDocument/rangeFormatting':
    case 'textDocument/documentLink':
      return list.map((e) => e.range as Range);
    case 'textDocument/definition':
    case 'textDocument/references':
      return list.filter((l) => l.uri === uri).map((l) => l.range as Range);
    default:
      return [];
  }
}

async function start(ws: string): Promise<TestClient> {
  // Started as the client starts it (its heap bounded).
  const client = new TestClient(['--stdio'], { NODE_OPTIONS: SERVER_EXEC_ARGV.join(' ') });
  await client.initialize(URI.file(ws).toString());
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const status = await client.send(IndexStatusRequest);
    if (status.ready) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return client;
}

export async function runServer(tally: Tally, seed: number, ms: number): Promise<void> {
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'tc-fuzz-server-'));
  fs.cpSync(path.join(repoRoot, 'examples'), ws, { recursive: true, filter: (src) => !src.endsWith('.expected.json') });
  const files = (fs.readdirSync(ws, { recursive: true }) as string[]).filter((f) => /\.(ya?ml|json)$/.test(f)).sort();
  const rnd = random(seed);
  const deadline = Date.now() + ms;
  let client = await start(ws);
  let lastRss = serverRssMb(client.child.pid, true);
  try {
    while (Date.now() < deadline) {
      if (client.exited) {
        tally.add('crash', 'server', client.stderr.slice(-3000));
        await client.shutdown();
        client = await start(ws);
        lastRss = serverRssMb(client.child.pid, true);
      }
      const rel = rnd.pick(files);
      const uri = URI.file(path.join(ws, rel)).toString();
      const languageId = rel.endsWith('.json') ? 'tenant-json' : 'tenant-yaml';
      let doc = TextDocument.create(uri, languageId, 1, fs.readFileSync(path.join(ws, rel), 'utf8'));
      tally.begin(`server ${rel} v1`, doc.getText());
      const history = [`v1 ${doc.getText().length}`];
      let diagnostics: Diagnostic[] =
        (await timedPublish(tally, client, doc, () => client.open(uri, doc.getText(), languageId))) ?? [];
      const steps = 3 + rnd.int(20);
      for (let step = 0; step < steps && Date.now() < deadline && !client.exited; step++) {
        const change = edit(doc, rnd, files, ws);
        doc = TextDocument.update(doc, [change], doc.version + 1);
        // What the server had to do before this version: the earlier versions' sizes, and whether
        // their diagnostics were awaited (` sent` when not), with the requests made in between.
        history.push(`v${doc.version} ${doc.getText().length}`);
        tally.begin(
          `server ${rel} v${doc.version} after ${JSON.stringify(change).slice(0, 300)} (history: ${history.slice(-12).join(', ')})`,
          doc.getText(),
        );
        const last = step === steps - 1 || rnd.chance(0.25);
        if (!last) history[history.length - 1] += ' sent';
        if (last) {
          const published = await timedPublish(tally, client, doc, () => client.change(uri, doc.version, [change]));
          if (published) diagnostics = published;
        } else {
          void client.conn.sendNotification('textDocument/didChange', {
            textDocument: { uri, version: doc.version },
            contentChanges: [change],
          });
        }
        if (rnd.chance(0.6)) history[history.length - 1] += ' ' + (await request(tally, client, doc, rnd, diagnostics));
        tally.rss(serverRssMb(client.child.pid));
        const rss = serverRssMb(client.child.pid, true);
        if (rss - lastRss > RSS_JUMP_MB)
          tally.note('rss-jump', `server RSS ${Math.round(lastRss)} -> ${Math.round(rss)} MB after this step`);
        lastRss = rss;
        tally.beat();
      }
      if (!client.exited) await client.close(uri).catch(() => undefined);
      client.forget();
    }
  } finally {
    tally.rss(serverRssMb(client.child.pid));
    await client.shutdown();
    fs.rmSync(ws, { recursive: true, force: true });
  }
}

/** Wait for the diagnostics of `doc`'s version after `send`, timed; their ranges are checked. */
async function timedPublish(
  tally: Tally,
  client: TestClient,
  doc: TextDocument,
  send: () => Promise<{ diagnostics: Diagnostic[] }>,
): Promise<Diagnostic[] | undefined> {
  const started = performance.now();
  const cpu = serverCpuMs(client.child.pid);
  try {
    const p = await send();
    tally.took('diagnostics', serverCpuMs(client.child.pid) - cpu, performance.now() - started, `v${doc.version}`);
    checkRanges(
      tally,
      doc,
      'diagnostics',
      p.diagnostics.map((d) => d.range),
    );
    return p.diagnostics;
  } catch (e) {
    if (client.exited) return undefined;
    tally.add('hang', 'diagnostics', `${String((e as Error).message).slice(0, 300)}`);
    return undefined;
  }
}

function edit(
  doc: TextDocument,
  rnd: ReturnType<typeof random>,
  files: string[],
  ws: string,
): { range?: Range; text: string } {
  const text = doc.getText();
  let inserted: string;
  const kind = rnd.int(6);
  if (kind === 0) inserted = rnd.pick(HOSTILE).repeat(1 + rnd.int(20));
  else if (kind === 1) inserted = nesting(rnd.int(7), 50 + rnd.int(3000));
  else if (kind === 2) inserted = rnd.pick(['x', 'a: ', '"', '[a, ', ' ']).repeat(1 + rnd.int(100_000));
  else if (kind === 3) {
    const other = fs.readFileSync(path.join(ws, rnd.pick(files)), 'utf8');
    const at = rnd.int(other.length);
    inserted = other.slice(at, at + rnd.int(2000));
  } else if (kind === 4)
    inserted = String.fromCharCode(...Array.from({ length: 1 + rnd.int(20) }, () => rnd.int(0x10000)));
  else inserted = '';
  if (rnd.chance(0.03)) return { text: inserted || text.slice(0, rnd.int(text.length + 1)) };
  // Past the size mutants keep to, cut instead of adding.
  if (text.length + inserted.length > MAX_FUZZ_CHARS) {
    const from = rnd.int(text.length + 1);
    return { range: { start: doc.positionAt(from), end: doc.positionAt(from + (text.length >> 1)) }, text: '' };
  }
  const start = rnd.int(text.length + 1);
  const end = Math.min(text.length, start + (rnd.chance(0.5) ? rnd.int(300) : 0));
  const range = { start: doc.positionAt(start), end: doc.positionAt(end) };
  // Positions past the end of a line or of the document, as a confused client may send them.
  if (rnd.chance(0.05))
    range.end = { line: range.end.line + rnd.int(3), character: range.end.character + rnd.int(500) };
  if (
    range.end.line < range.start.line ||
    (range.end.line === range.start.line && range.end.character < range.start.character)
  )
    range.end = range.start;
  return { range, text: inserted };
}

async function request(
  tally: Tally,
  client: TestClient,
  doc: TextDocument,
  rnd: ReturnType<typeof random>,
  diagnostics: Diagnostic[],
): Promise<string> {
  const method = rnd.pick(METHODS);
  const position = doc.positionAt(rnd.int(doc.getText().length + 1));
  const end = doc.positionAt(doc.offsetAt(position) + rnd.int(200));
  const params = {
    textDocument: { uri: doc.uri },
    position,
    positions: [position, doc.positionAt(rnd.int(doc.getText().length + 1))],
    range: { start: position, end },
    context: { diagnostics: diagnostics.slice(0, 5), includeDeclaration: true },
    options: { tabSize: 2, insertSpaces: true },
    newName: 'renamed-x',
  };
  const started = performance.now();
  const cpu = serverCpuMs(client.child.pid);
  let result: unknown;
  const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 30_000).unref());
  try {
    result = await Promise.race([client.request(method, params), timeout]);
  } catch {
    // An error response is an answer (a rename the server refuses, a request cancelled).
    result = undefined;
  }
  const elapsed = performance.now() - started;
  if (result === 'timeout') {
    if (!client.exited) tally.add('hang', method, `no answer in 30 s at ${JSON.stringify(position)}`);
    return `${method} hung`;
  }
  const cpuMs = serverCpuMs(client.child.pid) - cpu;
  tally.took(method, cpuMs, elapsed, `v${doc.version} ${doc.getText().length} chars`);
  checkRanges(tally, doc, method, rangesOf(method, result, doc.uri));
  return `${method.replace('textDocument/', '')} ${Math.round(cpuMs)} ms`;
}
