import * as fs from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import { walk } from '../../node/src/index';

export interface FileArg {
  file: string;
  /** Named on the command line (linted even without a schema) or found in a folder or glob. */
  explicit: boolean;
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
      for (const f of walk([abs]).files) add(f, false);
    } else if (/[*?[\]{}]/.test(arg)) {
      const base = path.resolve(cwd, globBase(arg));
      const isMatch = picomatch(path.resolve(cwd, arg).split(path.sep).join('/'), { dot: false });
      const matched = walk([base]).files.filter((f) => isMatch(f.split(path.sep).join('/')));
      if (matched.length === 0) missing.push(arg);
      for (const f of matched) add(f, false);
    } else missing.push(arg);
  }
  return { files, missing };
}
