import * as fs from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';

const CONFIG_EXT = /\.(ya?ml|json)$/i;
const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'out']);

export interface FileArg {
  file: string;
  /** Named on the command line (linted even without a schema) or found in a folder or glob. */
  explicit: boolean;
}

function walk(dir: string, out: string[], limit = 200_000): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    if (out.length >= limit) return;
    const full = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name) && !e.name.startsWith('.')) walk(full, out, limit);
    } else if (e.isFile() && CONFIG_EXT.test(e.name)) out.push(full);
  }
}

function globBase(glob: string): string {
  const parts = glob.split(/[\\/]/);
  const base: string[] = [];
  for (const p of parts) {
    if (/[*?[\]{}()!]/.test(p)) break;
    base.push(p);
  }
  return base.join('/') || '.';
}

/** Expand files, folders and globs; report arguments that match nothing. */
export function expandArgs(
  args: string[],
  cwd: string,
  ignore: string[] = [],
): { files: FileArg[]; missing: string[] } {
  const files: FileArg[] = [];
  const ignored = ignore.map((g) => picomatch(g, { dot: true }));
  const isIgnored = (abs: string): boolean => {
    const rel = path.relative(cwd, abs).split(path.sep).join('/');
    return ignored.some((m) => m(rel));
  };
  const missing: string[] = [];
  const seen = new Set<string>();
  const add = (f: string, explicit: boolean): void => {
    const abs = path.resolve(cwd, f);
    if (!explicit && isIgnored(abs)) return;
    if (!seen.has(abs)) {
      seen.add(abs);
      files.push({ file: abs, explicit });
    }
  };
  for (const arg of args) {
    const abs = path.resolve(cwd, arg);
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(abs);
    } catch {
      stat = undefined;
    }
    if (stat?.isFile()) add(abs, true);
    else if (stat?.isDirectory()) {
      const found: string[] = [];
      walk(abs, found);
      for (const f of found) add(f, false);
    } else if (/[*?[\]{}]/.test(arg)) {
      const base = path.resolve(cwd, globBase(arg));
      const isMatch = picomatch(path.resolve(cwd, arg).split(path.sep).join('/'), { dot: false });
      const found: string[] = [];
      walk(base, found);
      const matched = found.filter((f) => isMatch(f.split(path.sep).join('/')));
      if (matched.length === 0) missing.push(arg);
      for (const f of matched) add(f, false);
    } else missing.push(arg);
  }
  return { files, missing };
}
