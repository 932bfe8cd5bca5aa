/**
 * `workspace.exclude`: globs of workspace-relative paths left out of the cross-file index, on the
 * start-up scan and on file events alike. Each glob is compiled once; a glob picomatch cannot use
 * (beyond its 64 KB input limit, say) is reported and left out, and the others still apply.
 */
import picomatch from 'picomatch';
import { URI } from 'vscode-uri';

export interface UnusableGlob {
  /** Position of the glob in the setting. */
  index: number;
  /** Its length and its first characters, for a log line (a glob may be huge). */
  length: number;
  start: string;
  reason: string;
}

export interface Exclude {
  /** Whether a workspace-relative path (with `/`) is excluded. */
  matches(relativePath: string): boolean;
  /** The first glob that matches a relative path (with `/`), or undefined. */
  which(relativePath: string): string | undefined;
  /** Globs that could not be used (ignored). */
  unusable: readonly UnusableGlob[];
  /** No glob to match: nothing is excluded (callers need not work out a relative path). */
  empty: boolean;
}

const cache = new Map<string, Exclude>();

/** Compile globs once (`dot`: whether `*` and `**` match names starting with a dot; default true). */
export function compileExclude(globs: readonly string[], options: { dot?: boolean } = {}): Exclude {
  const dot = options.dot ?? true;
  const key = JSON.stringify([dot, globs]);
  const hit = cache.get(key);
  if (hit) return hit;
  const matchers: Array<{ glob: string; test: (p: string) => boolean }> = [];
  const unusable: UnusableGlob[] = [];
  globs.forEach((glob, index) => {
    try {
      matchers.push({ glob, test: picomatch(glob.replace(/^\.\//, ''), { dot }) });
    } catch (e) {
      unusable.push({
        index,
        length: glob.length,
        start: glob.slice(0, 40),
        reason: String((e as Error)?.message ?? e).slice(0, 200),
      });
    }
  });
  const compiled: Exclude = {
    matches: (p) => matchers.some((m) => m.test(p)),
    which: (p) => matchers.find((m) => m.test(p))?.glob,
    unusable,
    empty: matchers.length === 0,
  };
  if (cache.size > 64) cache.clear();
  cache.set(key, compiled);
  return compiled;
}

/** A line for the log about the globs that cannot be used. */
export function describeUnusable(unusable: readonly UnusableGlob[], setting = 'workspace.exclude'): string[] {
  return unusable.map(
    (u) =>
      `${setting}: glob #${u.index + 1} (${u.length} characters, starting "${u.start}${u.length > u.start.length ? '…' : ''}") cannot be used and is ignored: ${u.reason}`,
  );
}

/**
 * Whether a file (a `file:` URI or a path) is excluded: its path relative to the first folder
 * (URI or path) that holds it is matched. Files outside every folder are not excluded.
 */
export function isExcluded(file: string, folders: readonly string[], exclude: Exclude): boolean {
  if (exclude.empty) return false;
  const p = pathOf(file);
  for (const f of folders) {
    const base = pathOf(f).replace(/\/?$/, '/');
    if (p.startsWith(base)) return exclude.matches(p.slice(base.length));
  }
  return false;
}

/** The `/`-separated path of a `file:` URI or of a local path. */
function pathOf(file: string): string {
  if (/^file:/i.test(file)) return URI.parse(file).path;
  return URI.file(file).path;
}
