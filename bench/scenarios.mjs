// The two scenarios of the benchmark, for one server on one generated file.
//
// cold: a fresh process, no warm-up: open -> first diagnostics, then completion and hover at fixed
//       points right after those diagnostics, then the edits.
// warm: one process, warmed up on the small file; every open is a distinct text (a comment line
//       added to each document of the stream), so no cache answers; then the edits, hover and
//       completion latencies.
// Both: edit p50/p95, peak RSS, spawn -> initialized.

import fs from 'node:fs';
import { Doc, Server, sleep } from './lsp.mjs';

/** Repetitions per size. `cold` is the number of fresh processes (the median is reported). */
export const PLAN = {
  '1.6k': { cold: 3, opens: 5, edits: 20, requests: 20 },
  '15k': { cold: 3, opens: 5, edits: 20, requests: 20 },
  '150k': { cold: 1, opens: 3, edits: 8, requests: 20 },
};

const sorted = (xs) => [...xs].sort((a, b) => a - b);
/** Nearest-rank percentile. */
export function pct(xs, p) {
  const s = sorted(xs.filter((x) => x !== undefined));
  if (!s.length) return undefined;
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))];
}
export function median(xs) {
  const s = sorted(xs.filter((x) => x !== undefined));
  if (!s.length) return undefined;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
export const r1 = (x) => (x === undefined ? undefined : Math.round(x * 10) / 10);

/**
 * The same stream with a comment line at the end of each of its documents (`r` in it): every
 * chunk's text differs from any other open's, while the content and the problems stay the same.
 */
export function variant(text, r) {
  const tag = `# open ${r}`;
  const body = text.replace(/^---(?=[ \t\r\n]|$)/gm, (m, offset) => (offset === 0 ? m : `${tag}\n${m}`));
  return body.endsWith('\n') ? `${body}${tag}\n` : `${body}\n${tag}\n`;
}

function completionParams(doc, line, character) {
  return { textDocument: { uri: doc.uri }, position: { line, character }, context: { triggerKind: 1 } };
}
const itemsOf = (result) => (Array.isArray(result) ? result : result?.items ?? []);

/** Edits of the middle tenant's value, alternately invalid and valid: times and diagnostic counts. */
async function runEdits(server, doc, gen, label, n, vlog) {
  const site = gen.editSite;
  if (!site) throw new Error('generator found no value to edit');
  const times = [];
  const counts = [];
  let cur = site.text;
  for (let i = 1; i <= n; i++) {
    const value = site.values[i];
    const waiter = server.waitVersion(doc.uri, doc.version + 1, `diagnostics of edit ${i} (${label})`);
    const t0 = performance.now();
    doc.change(site.line, site.character, site.character + cur.length, value);
    const ev = await waiter;
    cur = value;
    times.push(ev.t - t0);
    counts.push(ev.count);
    vlog(`${server.kind} edit ${label} #${i} -> ${value}: ${r1(ev.t - t0)} ms, ${ev.count} diagnostics${ev.version !== undefined ? ` (v${ev.version})` : ''}`);
  }
  // Restore the original value, so the document is the generated one again.
  const waiter = server.waitVersion(doc.uri, doc.version + 1, `diagnostics of the restoring edit (${label})`);
  doc.change(site.line, site.character, site.character + cur.length, site.text);
  await waiter;
  const invalid = counts.filter((_, i) => i % 2 === 0); // edits 1, 3, 5... are invalid
  const valid = counts.filter((_, i) => i % 2 === 1);
  return {
    edit: times.map(r1),
    editDiagnostics: counts,
    editP50: r1(pct(times, 0.5)),
    editP95: r1(pct(times, 0.95)),
    editTracksChanges: Math.min(...invalid) > Math.max(...valid),
    editVersioned: server.publishes.get(doc.uri)?.some((e) => typeof e.version === 'number') ?? false,
  };
}

/** A fresh server process on one file: no warm-up at all. */
export async function coldRun(ctx, kind, gen, label) {
  const plan = PLAN[label];
  const res = { server: kind, size: label, mode: 'cold', ok: false };
  const server = ctx.newServer(kind);
  const tStart = performance.now();
  try {
    await server.start();
    res.spawnToInitialized = r1(server.spawnToInitializedMs);
    res.logFile = server.logFile;
    const text = fs.readFileSync(gen.file, 'utf8');
    const doc = new Doc(server, server.fileUri(`tenants-${label}.cold.yaml`), text);
    const first = server.waitPublish(doc.uri, () => true, `first diagnostics after didOpen (${label}, cold)`);
    const t0 = performance.now();
    doc.open();
    const ev = await first;
    res.open = r1(ev.t - t0);
    res.openDiagnostics = ev.count;
    res.openDiagnosticsSample = (ev.diagnostics ?? []).slice(0, 20).map((d) => `${d.range?.start?.line + 1}: ${String(d.message).split('\n')[0].slice(0, 140)}${d.code !== undefined ? ` [${d.code}]` : ''}`);
    // Right after the first diagnostics: completion, then hover, at fixed points.
    if (gen.coldCompletionSite && server.capabilities.completionProvider) {
      const cs = gen.coldCompletionSite;
      const { ms, result } = await server.measure('textDocument/completion', completionParams(doc, cs.line, cs.character));
      res.completion = r1(ms);
      res.completionItems = itemsOf(result).length;
      ctx.vlog(`${kind} cold completion ${label}: ${r1(ms)} ms, ${res.completionItems} items: ${itemsOf(result).slice(0, 6).map((x) => x.label).join(', ')}`);
    }
    if (gen.hoverSite && server.capabilities.hoverProvider) {
      const { ms, result } = await server.measure('textDocument/hover', { textDocument: { uri: doc.uri }, position: { line: gen.hoverSite.line, character: gen.hoverSite.character } });
      res.hover = r1(ms);
      res.hoverNonEmpty = !!result?.contents;
      ctx.vlog(`${kind} cold hover ${label}: ${r1(ms)} ms: ${JSON.stringify(result?.contents)?.slice(0, 100)}`);
    }
    // The first publish with problems (a server may publish an empty list before its schema loads).
    let full = ev.count > 0 ? ev : server.publishes.get(doc.uri)?.find((e) => e.t >= t0 && e.count > 0);
    if (!full && gen.mistakes.length)
      full = await server.waitPublish(doc.uri, (e) => e.count > 0, `non-empty diagnostics after didOpen (${label}, cold)`).catch(() => undefined);
    res.openFull = full ? r1(full.t - t0) : undefined;
    res.openFullDiagnostics = full?.count;
    await server.settle(doc.uri, 300, 5000);
    Object.assign(res, await runEdits(server, doc, gen, label, plan.edits, ctx.vlog));
    const mem = server.memory();
    res.memPeakKb = mem.peakKb;
    await doc.close();
    res.ok = true;
  } catch (e) {
    failed(res, server, e, `${kind}, ${label}, cold`);
  } finally {
    await finish(res, server, tStart);
  }
  return res;
}

/** One process, warmed up on the small file; distinct text for every open. */
export async function warmRun(ctx, kind, gen, label, warmupText) {
  const plan = PLAN[label];
  const res = { server: kind, size: label, mode: 'warm', ok: false };
  const server = ctx.newServer(kind);
  const tStart = performance.now();
  try {
    await server.start();
    res.spawnToInitialized = r1(server.spawnToInitializedMs);
    res.logFile = server.logFile;

    // Warm-up: the small file, until its schema diagnostics show up (settings pulled, schema loaded).
    {
      const doc = new Doc(server, server.fileUri(`warmup-${label}.yaml`), warmupText);
      const t0 = performance.now();
      let p = server.waitPublish(doc.uri, () => true, 'diagnostics on the warm-up file');
      await doc.open();
      let ev = await p;
      let empties = 0;
      while (ev.count === 0) {
        empties++;
        p = server.waitPublish(doc.uri, () => true, 'diagnostics on the warm-up file', 15000);
        ev = await p.catch(() => undefined);
        if (!ev) throw new Error(`${kind} published ${empties} empty diagnostics list(s) for the warm-up file and nothing else for 15 s: it does not validate against the schema`);
      }
      res.warmupMs = r1(ev.t - t0);
      await doc.close();
      await sleep(200);
    }

    const text = fs.readFileSync(gen.file, 'utf8');
    res.open = [];
    res.openDiagnostics = [];
    res.openFull = [];
    for (let r = 0; r < plan.opens; r++) {
      const doc = new Doc(server, server.fileUri(`tenants-${label}.open${r + 1}.yaml`), variant(text, r + 1));
      const first = server.waitPublish(doc.uri, () => true, `first diagnostics after didOpen (${label}, run ${r + 1})`);
      const t0 = performance.now();
      doc.open();
      const ev = await first;
      res.open.push(ev.t - t0);
      res.openDiagnostics.push(ev.count);
      if (ev.count === 0 && gen.mistakes.length) {
        const full = await server.waitPublish(doc.uri, (e) => e.count > 0, `non-empty diagnostics after didOpen (${label})`).catch(() => undefined);
        res.openFull.push(full ? full.t - t0 : undefined);
      } else res.openFull.push(ev.t - t0);
      ctx.vlog(`${kind} warm open ${label} #${r + 1}: ${r1(ev.t - t0)} ms, ${ev.count} diagnostics`);
      await doc.close();
      await sleep(150);
    }
    res.openMedian = r1(median(res.open));
    res.openFirst = r1(res.open[0]);
    res.openFullMedian = r1(median(res.openFull));
    res.open = res.open.map(r1);
    res.openFull = res.openFull.map(r1);

    const doc = new Doc(server, server.fileUri(`tenants-${label}.edit.yaml`), text);
    {
      const p = server.waitPublish(doc.uri, () => true, 'diagnostics of the edit document');
      await doc.open();
      await p;
      await server.settle(doc.uri);
    }
    Object.assign(res, await runEdits(server, doc, gen, label, plan.edits, ctx.vlog));
    await server.settle(doc.uri, 300, 3000);

    if (gen.hoverSite && server.capabilities.hoverProvider) {
      const times = [];
      let nonEmpty = 0;
      for (let i = 0; i < plan.requests; i++) {
        const { ms, result } = await server.measure('textDocument/hover', { textDocument: { uri: doc.uri }, position: { line: gen.hoverSite.line, character: gen.hoverSite.character } });
        times.push(ms);
        if (result?.contents) nonEmpty++;
      }
      res.hoverNonEmpty = nonEmpty;
      res.hoverP50 = r1(pct(times, 0.5));
      res.hoverP95 = r1(pct(times, 0.95));
    }
    if (gen.completionSite && server.capabilities.completionProvider) {
      const cs = gen.completionSite;
      // a new empty line (with the child indentation) right under the environment key
      const waiter = server.waitVersion(doc.uri, doc.version + 1, 'diagnostics after inserting the completion line');
      doc.change(cs.headerLine, doc.lines[cs.headerLine].length, doc.lines[cs.headerLine].length, '\n' + ' '.repeat(cs.indent));
      await waiter;
      await server.settle(doc.uri, 300, 3000);
      const times = [];
      let items = 0;
      for (let i = 0; i < plan.requests; i++) {
        const { ms, result } = await server.measure('textDocument/completion', completionParams(doc, cs.headerLine + 1, cs.indent));
        times.push(ms);
        items = itemsOf(result).length;
      }
      res.completionItems = items;
      res.completionP50 = r1(pct(times, 0.5));
      res.completionP95 = r1(pct(times, 0.95));
    }
    res.memPeakKb = server.memory().peakKb;
    await doc.close();
    res.ok = true;
  } catch (e) {
    failed(res, server, e, `${kind}, ${label}, warm`);
  } finally {
    await finish(res, server, tStart);
  }
  return res;
}

/** The median cold run of several (by open time); the spread is kept. */
export function summarizeCold(runs) {
  const ok = runs.filter((r) => r.ok);
  if (!ok.length) return { ...runs[0] };
  const pick = (k) => r1(median(ok.map((r) => r[k])));
  const out = { ...ok[0], runs: ok.length };
  for (const k of ['spawnToInitialized', 'open', 'openFull', 'completion', 'hover', 'editP50', 'editP95', 'memPeakKb']) out[k] = pick(k);
  out.openRuns = ok.map((r) => r.open);
  out.editTracksChanges = ok.every((r) => r.editTracksChanges);
  return out;
}

/** A run that failed: its error, and the memory the server had reached. */
function failed(res, server, e, what) {
  res.error = e.message;
  console.log(`ERROR (${what}): ${e.message}`);
  if (server.child?.pid && !server.exited) res.memPeakKb = server.memory().peakKb;
}

/** The end of every run: the server's logged errors, an unexpected exit, the server stopped, the run's time. */
async function finish(res, server, tStart) {
  if (server.logMessages.length) res.serverErrors = server.logMessages.slice(0, 5);
  if (server.exited && !server.stopping) res.exited = server.exited;
  await server.stop().catch(() => {});
  res.totalMs = r1(performance.now() - tStart);
}
