import * as fs from 'node:fs';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Range } from 'vscode-languageserver-types';

/**
 * What a fuzz target asserts: no throw, no crash, every answer within 2 s, positions in range,
 * memory bounded. An answer's time is the CPU time the product spent on it (in this process, or in
 * the server's process while the request was out): on a machine shared with other work, wall-clock
 * time measures the neighbours as much as the product. Wall-clock time is reported beside it.
 */
export const ANSWER_MS = 2000;
export const MEMORY_LIMIT_MB = 1536;

export type FindingKind = 'throw' | 'slow' | 'range' | 'memory' | 'hang' | 'crash';

export interface Finding {
  kind: FindingKind;
  what: string;
  detail: string;
}

/** A target's tally; printed as the worker's last line (JSON) for scripts/fuzz.mjs. */
export class Tally {
  cases = 0;
  answers = 0;
  slow = 0;
  maxMs = 0;
  maxWallMs = 0;
  wallOver = 0;
  peakRssMb = 0;
  readonly findings: Finding[] = [];
  private readonly counts = new Map<FindingKind, number>();
  private lastBeat = 0;

  /**
   * `ownMemory`: the product runs in this process (the core targets), so its memory is the
   * product's; the server target measures the server's process instead (the harness keeps every
   * message it received).
   */
  constructor(
    readonly target: string,
    private readonly caseFile: string | undefined,
    private readonly ownMemory = true,
  ) {}

  /** Record the case about to run, so that a crash or a hang leaves it behind. */
  begin(description: string, text: string): void {
    this.cases++;
    if (this.caseFile) fs.writeFileSync(this.caseFile, `${description}\n----\n${text}`);
    this.beat();
  }

  add(kind: FindingKind, what: string, detail: string): void {
    this.counts.set(kind, (this.counts.get(kind) ?? 0) + 1);
    if (kind === 'slow') this.slow++;
    // Keep the first few of each kind with their case, for the report.
    if ((this.counts.get(kind) ?? 0) <= 5) {
      this.findings.push({ kind, what, detail: detail.slice(0, 2000) });
      if (this.caseFile && fs.existsSync(this.caseFile))
        fs.copyFileSync(this.caseFile, `${this.caseFile}.${kind}-${this.counts.get(kind)}.txt`);
    }
  }

  /** Cases kept for a closer look without being failures (a jump in the server's memory); the first 5. */
  private notes = 0;
  note(what: string, detail: string): void {
    if (++this.notes > 5 || !this.caseFile || !fs.existsSync(this.caseFile)) return;
    const kept = `${this.caseFile}.${what}-${this.notes}.txt`;
    fs.writeFileSync(kept, `${detail}\n${fs.readFileSync(this.caseFile, 'utf8')}`);
  }

  count(kind: FindingKind): number {
    return this.counts.get(kind) ?? 0;
  }

  /** One answer's CPU time and wall-clock time. */
  took(what: string, cpuMs: number, wallMs: number, detail = ''): void {
    this.answers++;
    if (cpuMs > this.maxMs) this.maxMs = cpuMs;
    if (wallMs > this.maxWallMs) this.maxWallMs = wallMs;
    if (wallMs > ANSWER_MS) this.wallOver++;
    if (cpuMs > ANSWER_MS)
      this.add('slow', what, `${Math.round(cpuMs)} ms CPU, ${Math.round(wallMs)} ms wall ${detail}`);
  }

  rss(mb: number): void {
    if (mb > this.peakRssMb) this.peakRssMb = mb;
  }

  /** A heartbeat for the watchdog in scripts/fuzz.mjs, at most every 500 ms. */
  beat(force = false): void {
    const now = Date.now();
    if (!force && now - this.lastBeat < 500) return;
    this.lastBeat = now;
    if (this.ownMemory) this.rss(process.memoryUsage().rss / 1048576);
    process.stdout.write(`beat ${JSON.stringify({ cases: this.cases, rss: Math.round(this.peakRssMb) })}\n`);
  }

  summary(): string {
    if (this.peakRssMb > MEMORY_LIMIT_MB) this.add('memory', 'peak RSS', `${Math.round(this.peakRssMb)} MB`);
    return `summary ${JSON.stringify({
      target: this.target,
      cases: this.cases,
      answers: this.answers,
      slow: this.slow,
      maxMs: Math.round(this.maxMs),
      maxWallMs: Math.round(this.maxWallMs),
      wallOver: this.wallOver,
      peakRssMb: Math.round(this.peakRssMb),
      counts: Object.fromEntries(this.counts),
      findings: this.findings,
    })}`;
  }
}

/** Run one answer of the core and time it; a throw is a finding (the core never throws on input). */
export async function answer<T>(tally: Tally, what: string, run: () => T | Promise<T>): Promise<T | undefined> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const took = (): void => {
    const c = process.cpuUsage(cpu);
    tally.took(what, (c.user + c.system) / 1000, performance.now() - started);
  };
  try {
    const r = await run();
    took();
    return r;
  } catch (e) {
    took();
    tally.add('throw', what, String((e as Error)?.stack ?? e));
    return undefined;
  }
}

/** Whether a range lies inside a document (positions as the document counts them). */
export function inRange(doc: TextDocument, range: Range | undefined): boolean {
  if (!range) return true;
  const ok = (p: { line: number; character: number }): boolean => {
    if (!Number.isInteger(p.line) || !Number.isInteger(p.character) || p.line < 0 || p.character < 0) return false;
    if (p.line >= doc.lineCount) return false;
    const start = doc.offsetAt({ line: p.line, character: 0 });
    const end = p.line + 1 < doc.lineCount ? doc.offsetAt({ line: p.line + 1, character: 0 }) : doc.getText().length;
    return p.character <= end - start;
  };
  const a = range.start;
  const b = range.end;
  return ok(a) && ok(b) && (a.line < b.line || (a.line === b.line && a.character <= b.character));
}

export function checkRanges(tally: Tally, doc: TextDocument, what: string, ranges: Array<Range | undefined>): void {
  for (const r of ranges) {
    if (!inRange(doc, r)) {
      tally.add('range', what, JSON.stringify(r));
      return;
    }
  }
}

/** A small seeded generator (mulberry32), for the targets that are not fast-check properties. */
export function random(seed: number): {
  int(n: number): number;
  pick<T>(xs: readonly T[]): T;
  chance(p: number): boolean;
} {
  let s = seed >>> 0;
  const next = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    int: (n) => Math.floor(next() * n),
    pick: (xs) => xs[Math.floor(next() * xs.length)],
    chance: (p) => next() < p,
  };
}
