import * as fs from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';

const CONFIG_EXT = /\.(ya?ml|json)$/i;
const BUILD_OUTPUT = new Set(['dist', 'out']);

export interface FileArg {
  file: string;
  /** Named on the command line (linted even without a schema) or found in a folder or glob. */
  explicit: boolean;
}

export type SkipReason =
  | 'dot-folder'
  | 'build-output'
  | 'dependencies'
  | 'ignored'
  | 'symlink-outside-root'
  | 'symlinked-folder'
  | 'broken-symlink';

export interface Skipped {
  /** Absolute path of the file or folder. */
  path: string;
  folder: boolean;
  reason: SkipReason;
  /** For `ignored`: the glob and where it comes from. */
  detail?: string;
}

export interface Expansion {
  files: FileArg[];
  skipped: Skipped[];
  /** Arguments that name nothing. */
  missing: string[];
}

export interface ExpandOptions {
  /** Symlinked files are followed when their target is inside this folder. */
  root: string;
  /** Why a file is ignored (the glob and its origin), or undefined. */
  ignoredBy?: (file: string) => string | undefined;
}

function folderReason(name: string): SkipReason | undefined {
  if (name.startsWith('.')) return 'dot-folder';
  if (name === 'node_modules') return 'dependencies';
  if (BUILD_OUTPUT.has(name)) return 'build-output';
  return undefined;
}

function inside(file: string, root: string): boolean {
  const rel = path.relative(root, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function walk(dir: string, root: string, out: string[], skipped: Skipped[], limit = 200_000): void {
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
      const reason = folderReason(e.name);
      if (reason) skipped.push({ path: full, folder: true, reason });
      else walk(full, root, out, skipped, limit);
    } else if (e.isSymbolicLink()) {
      let target: fs.Stats | undefined;
      let real = '';
      try {
        target = fs.statSync(full);
        real = fs.realpathSync(full);
      } catch {
        target = undefined;
      }
      if (!target) {
        if (CONFIG_EXT.test(e.name)) skipped.push({ path: full, folder: false, reason: 'broken-symlink' });
      } else if (target.isDirectory()) skipped.push({ path: full, folder: true, reason: 'symlinked-folder' });
      else if (target.isFile() && CONFIG_EXT.test(e.name)) {
        if (inside(real, fs.realpathSync(root))) out.push(full);
        else skipped.push({ path: full, folder: false, reason: 'symlink-outside-root' });
      }
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

/** Expand files, folders and globs; say what was skipped and why; report arguments that match nothing. */
export function expandArgs(args: string[], cwd: string, options: ExpandOptions): Expansion {
  const files: FileArg[] = [];
  const skipped: Skipped[] = [];
  const missing: string[] = [];
  const seen = new Set<string>();
  const add = (f: string, explicit: boolean): void => {
    const abs = path.resolve(cwd, f);
    if (seen.has(abs)) return;
    seen.add(abs);
    const ignored = options.ignoredBy?.(abs);
    if (ignored) skipped.push({ path: abs, folder: false, reason: 'ignored', detail: ignored });
    else files.push({ file: abs, explicit });
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
      walk(abs, options.root, found, skipped);
      for (const f of found) add(f, false);
    } else if (/[*?[\]{}]/.test(arg)) {
      const base = path.resolve(cwd, globBase(arg));
      const isMatch = picomatch(path.resolve(cwd, arg).split(path.sep).join('/'), { dot: false });
      const found: string[] = [];
      walk(base, options.root, found, skipped);
      const matched = found.filter((f) => isMatch(f.split(path.sep).join('/')));
      if (matched.length === 0) missing.push(arg);
      for (const f of matched) add(f, false);
    } else missing.push(arg);
  }
  return { files, skipped: dedupe(skipped), missing };
}

function dedupe(skipped: Skipped[]): Skipped[] {
  const seen = new Set<string>();
  return skipped.filter((s) => !seen.has(s.path) && !!seen.add(s.path));
}
