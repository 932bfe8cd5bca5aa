/**
 * `--cache`: the work done on each file (its own diagnostics, its facts for the cross-file index)
 * kept between runs, in one JSON file under the project root. An entry is used only when its key
 * matches: a hash of the file's text, the settings that apply to it (project configuration,
 * `--config`, `--schema`), what was asked of it (linted, indexed) and the problems of its bytes.
 * The whole cache is dropped when the product (version and bundle), or the bundled schemas, differ
 * from the run that wrote it. Files checked against a user schema are not cached: that schema (and
 * what it `$ref`s) may change unseen.
 *
 * Cross-file problems are never cached: every run rebuilds the index from the facts (cached or
 * read now) of every file of the project and asks it again, so a change in one file (a receiver
 * renamed) shows in the files that use its names although their own entries are reused.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BundledSchemas } from '../../core/src/index';
import { FileGate } from '../../node/src/index';
import type { FileJob, FileResult } from './fileJob';

const FORMAT = 1;

/** The default cache folder in a project without `node_modules`: it ignores itself in git. */
export const CACHE_DIR = '.tenant-config-cache';
const SELF_IGNORE = '# Written by tenant-config --cache: nothing in this folder belongs in version control.\n*\n';
/** The largest cache file read back (a larger one is dropped and rewritten). */
const MAX_CACHE_BYTES = 512 * 1024 * 1024;

interface CacheFile {
  format: number;
  /** Product version, bundle size and time, bundled schemas: another value drops every entry. */
  environment: string;
  entries: Record<string, { key: string; result: FileResult }>;
}

const sha256 = (...parts: string[]): string => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p).update('\0');
  return h.digest('hex');
};

/** Typed arrays and maps of the facts, written as tagged JSON. */
function replacer(_key: string, value: unknown): unknown {
  if (value instanceof Int32Array) return { $i32: Array.from(value) };
  if (value instanceof Map) return { $map: [...value.entries()] };
  return value;
}

function reviver(_key: string, value: unknown): unknown {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const v = value as { $i32?: unknown; $map?: unknown };
    if (Array.isArray(v.$i32) && Object.keys(v).length === 1) return Int32Array.from(v.$i32 as number[]);
    if (Array.isArray(v.$map) && Object.keys(v).length === 1) return new Map(v.$map as Array<[unknown, unknown]>);
  }
  return value;
}

/** The shape of a result as this version writes it (a cache file is not trusted to be one of ours). */
function wellFormed(r: unknown): r is FileResult {
  if (!r || typeof r !== 'object') return false;
  const x = r as Partial<FileResult>;
  if (typeof x.associated !== 'boolean' || x.cacheable !== true) return false;
  if (x.kind !== undefined && typeof x.kind !== 'string') return false;
  if (x.diagnostics !== undefined) {
    if (!Array.isArray(x.diagnostics)) return false;
    for (const d of x.diagnostics as unknown[]) {
      const range = (d as { range?: { start?: { line?: unknown }; end?: { line?: unknown } } })?.range;
      if (typeof range?.start?.line !== 'number' || typeof range.end?.line !== 'number') return false;
      if (typeof (d as { message?: unknown }).message !== 'string') return false;
    }
  }
  if (x.facts !== undefined) {
    const f = x.facts;
    if (!(f.occurrences instanceof Int32Array && f.paths instanceof Int32Array && f.lineStarts instanceof Int32Array))
      return false;
    if (!Array.isArray(f.strings) || typeof f.uri !== 'string') return false;
  }
  return true;
}

/** What the whole cache depends on: the product (version, the bundle as built) and the bundled schemas. */
export function cacheEnvironment(version: string, bundle: string, bundled: BundledSchemas): string {
  let built: string;
  try {
    const st = fs.statSync(bundle);
    built = `${st.size}:${st.mtimeMs}`;
  } catch {
    built = bundle;
  }
  const schemas = Object.keys(bundled.schemas)
    .sort()
    .map((id) => JSON.stringify(bundled.schemas[id]));
  return sha256(version, built, JSON.stringify(bundled.catalog), ...schemas);
}

export class LintCache {
  private entries: CacheFile['entries'] = {};
  private changed = false;
  private readOnly = false;
  hits = 0;
  misses = 0;
  /** Why the cache file was not read though it exists (a message for the user), if so. */
  refused: string | undefined;

  private constructor(
    readonly file: string,
    private readonly environment: string,
  ) {}

  /** Open the cache file (an unreadable, foreign or outdated one starts empty). */
  static open(file: string, environment: string): LintCache {
    const cache = new LintCache(file, environment);
    const gate = new FileGate({ roots: [path.dirname(file)], maxBytes: MAX_CACHE_BYTES });
    const read = gate.readPath(file);
    if (!read.ok) return cache;
    const tracked = trackedByGit(file);
    if (tracked !== 'no') {
      // A cache is trusted to stand for the checks of a text: one that came with a change (a
      // commit) could make a run skip that change's problems. It is rebuilt, and not saved over.
      cache.refused =
        tracked === 'yes'
          ? `${file} is tracked by git: not read (a cache must come from this machine's own runs)`
          : `${file}: git could not tell whether it tracks it: not read (a cache must come from this machine's own runs)`;
      cache.readOnly = true;
      return cache;
    }
    try {
      const parsed = JSON.parse(read.text, reviver) as Partial<CacheFile>;
      if (parsed.format === FORMAT && parsed.environment === environment && parsed.entries) {
        cache.entries = Object.assign(Object.create(null) as CacheFile['entries'], parsed.entries);
      }
    } catch {
      // A damaged cache is rebuilt.
    }
    return cache;
  }

  private keyOf(job: FileJob): string {
    return sha256(JSON.stringify([job.settings, job.lint, job.explicit, job.index, job.problems]), job.text);
  }

  get(job: FileJob): FileResult | undefined {
    const entry = this.entries[job.file];
    if (entry && typeof entry === 'object' && entry.key === this.keyOf(job) && wellFormed(entry.result)) {
      this.hits++;
      return entry.result;
    }
    this.misses++;
    return undefined;
  }

  set(job: FileJob, result: FileResult): void {
    if (!result.cacheable) {
      if (this.entries[job.file]) delete this.entries[job.file];
      return;
    }
    this.entries[job.file] = { key: this.keyOf(job), result };
    this.changed = true;
  }

  /** Write the cache (entries of files that no longer exist are dropped); an error message, or undefined. */
  save(): string | undefined {
    for (const f of Object.keys(this.entries)) if (!fs.existsSync(f)) delete this.entries[f];
    if (!this.changed || this.readOnly) return undefined;
    const body: CacheFile = { format: FORMAT, environment: this.environment, entries: this.entries };
    const tmp = `${this.file}.${process.pid}.tmp`;
    try {
      const dir = path.dirname(this.file);
      fs.mkdirSync(dir, { recursive: true });
      // Like other tools' cache folders, the default one keeps itself out of `git status`.
      const ignore = path.join(dir, '.gitignore');
      if (path.basename(dir) === CACHE_DIR && !fs.existsSync(ignore)) fs.writeFileSync(ignore, SELF_IGNORE);
      fs.writeFileSync(tmp, JSON.stringify(body, replacer));
      fs.renameSync(tmp, this.file);
      return undefined;
    } catch (e) {
      try {
        fs.rmSync(tmp, { force: true });
      } catch {
        // nothing to clean
      }
      return `cannot write the cache ${this.file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`;
    }
  }
}

/**
 * Whether git may track `file`: 'no' when it does not, when the folder is in no repository or when
 * git is not installed; 'yes' when it does; 'unknown' when git fails otherwise (a repository it
 * refuses, such as one owned by another user in a CI container), which is treated as tracked.
 */
function trackedByGit(file: string): 'yes' | 'no' | 'unknown' {
  const r = spawnSync('git', ['ls-files', '--', path.basename(file)], {
    cwd: path.dirname(file),
    encoding: 'utf8',
    timeout: 5000,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (r.error) return (r.error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no' : 'unknown';
  if (r.status === 0) return r.stdout.trim() !== '' ? 'yes' : 'no';
  return /not a git repository/i.test(r.stderr) ? 'no' : 'unknown';
}

/** Where the cache lives by default: under the project root, in `node_modules/.cache/` when it exists. */
export function defaultCacheFile(root: string): string {
  return fs.existsSync(path.join(root, 'node_modules'))
    ? path.join(root, 'node_modules', '.cache', 'tenant-config', 'cache.json')
    : path.join(root, CACHE_DIR, 'cache.json');
}
