/**
 * A baseline of known problems: per file, code and a fingerprint that survives lines moving (the
 * code, the problem's path in the document and the offending text, never line numbers). With a
 * baseline, only problems beyond what it records are reported.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-types';

export interface BaselineEntry {
  code: string;
  fingerprint: string;
  /** How many problems of this code share the fingerprint in the file. */
  count: number;
}

export interface Baseline {
  version: 1;
  /** File path relative to the baseline's folder, with `/` → entries. */
  files: Record<string, BaselineEntry[]>;
}

export interface FileProblems {
  /** Absolute path. */
  file: string;
  text: string;
  diagnostics: Diagnostic[];
}

/** Offsets of the start of each line, to read a range's text. */
function offsetAt(lines: number[], text: string, line: number, character: number): number {
  const start = lines[Math.min(line, lines.length - 1)] ?? 0;
  return Math.min(start + character, text.length);
}

function lineStarts(text: string): number[] {
  const out = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) out.push(i + 1);
  return out;
}

/**
 * The fingerprint of a problem: its code, its path in the document (`data.path`) and the text it
 * covers with blanks collapsed (the whole line for an empty range).
 */
export function fingerprint(d: Diagnostic, text: string, lines = lineStarts(text)): string {
  const start = offsetAt(lines, text, d.range.start.line, d.range.start.character);
  const end = offsetAt(lines, text, d.range.end.line, d.range.end.character);
  let covered = text.slice(start, Math.max(start, end));
  if (!covered.trim()) {
    const l = d.range.start.line;
    covered = text.slice(lines[l] ?? 0, lines[l + 1] ?? text.length);
  }
  const p = (d.data as { path?: unknown } | undefined)?.path;
  const h = createHash('sha256');
  h.update(String(d.code ?? ''));
  h.update('\u0000');
  h.update(JSON.stringify(Array.isArray(p) ? p : null));
  h.update('\u0000');
  h.update(covered.replace(/\s+/g, ' ').trim().slice(0, 4096));
  return h.digest('hex').slice(0, 20);
}

const keyOf = (file: string, baselineDir: string): string => path.relative(baselineDir, file).split(path.sep).join('/');

/** The baseline of the problems given, paths relative to the baseline file's folder. */
export function createBaseline(files: FileProblems[], baselineFile: string): Baseline {
  const dir = path.dirname(path.resolve(baselineFile));
  const out: Baseline = { version: 1, files: {} };
  for (const f of [...files].sort((a, b) => keyOf(a.file, dir).localeCompare(keyOf(b.file, dir)))) {
    if (f.diagnostics.length === 0) continue;
    const lines = lineStarts(f.text);
    const counts = new Map<string, BaselineEntry>();
    for (const d of f.diagnostics) {
      const fp = fingerprint(d, f.text, lines);
      const code = String(d.code ?? '');
      const k = code + '\u0000' + fp;
      const e = counts.get(k);
      if (e) e.count++;
      else counts.set(k, { code, fingerprint: fp, count: 1 });
    }
    out.files[keyOf(f.file, dir)] = [...counts.values()].sort(
      (a, b) => a.code.localeCompare(b.code) || a.fingerprint.localeCompare(b.fingerprint),
    );
  }
  return out;
}

/** Read a baseline file; a message when it is not one. */
export function readBaseline(file: string): Baseline | string {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    return `cannot read the baseline ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`;
  }
  const b = raw as Partial<Baseline>;
  const valid =
    b &&
    b.version === 1 &&
    b.files &&
    typeof b.files === 'object' &&
    Object.values(b.files).every(
      (entries) =>
        Array.isArray(entries) &&
        entries.every(
          (e: Partial<BaselineEntry>) =>
            typeof e.code === 'string' && typeof e.fingerprint === 'string' && Number.isInteger(e.count),
        ),
    );
  return valid ? (b as Baseline) : `${file} is not a tenant-config baseline (version 1)`;
}

/**
 * Remove the problems a baseline knows: per file, code and fingerprint, as many as it records.
 * Returns what is left per file, how many were known, and how many recorded ones were not seen
 * (fixed since) among the files linted.
 */
export function applyBaseline<T extends FileProblems>(
  files: T[],
  baseline: Baseline,
  baselineFile: string,
): { files: T[]; known: number; gone: number } {
  const dir = path.dirname(path.resolve(baselineFile));
  let known = 0;
  let gone = 0;
  const out = files.map((f) => {
    const entries = baseline.files[keyOf(f.file, dir)] ?? [];
    const left = new Map(entries.map((e) => [e.code + '\u0000' + e.fingerprint, e.count]));
    const lines = lineStarts(f.text);
    const diagnostics = f.diagnostics.filter((d) => {
      const k = String(d.code ?? '') + '\u0000' + fingerprint(d, f.text, lines);
      const n = left.get(k) ?? 0;
      if (n <= 0) return true;
      left.set(k, n - 1);
      known++;
      return false;
    });
    for (const n of left.values()) gone += n;
    return { ...f, diagnostics };
  });
  return { files: out, known, gone };
}

export function writeBaseline(file: string, baseline: Baseline): string | undefined {
  try {
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(baseline, null, 2) + '\n');
    return undefined;
  } catch (e) {
    return `cannot write the baseline ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`;
  }
}
