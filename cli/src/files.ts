/**
 * The command line's files, folders and globs expanded into files. Folders are walked with the
 * shared walker (`node/src/walk.ts`: its skip list, symbolic links to files inside the project
 * root followed, every skip with its reason); a glob walks its fixed base folder and keeps what
 * it matches. A glob the matcher cannot use is reported, not a crash.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { compileExclude, walk, type Skipped } from '../../node/src/index';

export type { Skipped } from '../../node/src/index';

export interface FileArg {
  file: string;
  /** Named on the command line (linted even without a schema) or found in a folder or glob. */
  explicit: boolean;
}

export interface Expansion {
  files: FileArg[];
  skipped: Skipped[];
  /** Arguments that name nothing. */
  missing: string[];
  /** Glob arguments the matcher cannot use: the reason. */
  unusable: Array<{ arg: string; reason: string }>;
}

export interface ExpandOptions {
  /** Symbolic links to files are followed when their target is inside this folder. */
  root: string;
  /** Why a file is ignored (the glob and its origin), or undefined. */
  ignoredBy?: (file: string) => string | undefined;
}

const GLOB_CHARS = /[*?[\]{}]/;
const toPosix = (p: string): string => p.split(path.sep).join('/');

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
  const unusable: Expansion['unusable'] = [];
  const seen = new Set<string>();
  const add = (f: string, explicit: boolean): void => {
    const abs = path.resolve(cwd, f);
    if (seen.has(abs)) return;
    seen.add(abs);
    const ignored = options.ignoredBy?.(abs);
    if (ignored) skipped.push({ path: abs, reason: 'ignored', detail: ignored });
    else files.push({ file: abs, explicit });
  };
  const walkFrom = (folder: string): string[] => {
    const r = walk([folder], { followFileLinksInside: options.root });
    skipped.push(...r.skipped);
    return r.files;
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
    else if (stat?.isDirectory()) for (const f of walkFrom(abs)) add(f, false);
    else if (GLOB_CHARS.test(arg)) {
      const matcher = compileExclude([toPosix(abs)], { dot: false });
      if (matcher.unusable.length) {
        unusable.push({ arg, reason: matcher.unusable[0].reason });
        continue;
      }
      const matched = walkFrom(path.resolve(cwd, globBase(arg))).filter((f) => matcher.matches(toPosix(f)));
      if (matched.length === 0) missing.push(arg);
      for (const f of matched) add(f, false);
    } else missing.push(arg);
  }
  return { files, skipped: dedupe(skipped), missing, unusable };
}

function dedupe(skipped: Skipped[]): Skipped[] {
  const seen = new Set<string>();
  return skipped.filter((s) => !seen.has(s.path) && !!seen.add(s.path));
}
