/**
 * The one directory walker of the language server and the linter: config files (`.yaml`, `.yml`,
 * `.json`) under a folder, in name order, with one skip list, bounded depth and count. Symbolic
 * links are not followed (a linked file is reported as skipped, so a caller may read it through
 * the gate, which checks where it leads); folders already visited (by device and inode) are not
 * entered twice. Every file or folder it leaves out is reported with the reason.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Folders never walked: version control, dependencies, build output. Hidden folders are skipped too. */
export const SKIPPED_FOLDERS: ReadonlySet<string> = new Set([
  'node_modules',
  '.git',
  '.hg',
  '.svn',
  'dist',
  'out',
  '.tools',
]);

/** A config file by its name. */
export const CONFIG_FILE = /\.(ya?ml|json)$/i;

export const WALK_MAX_DEPTH = 32;
export const WALK_MAX_FILES = 200_000;

export type SkipReason =
  /** A folder of the skip list, or a hidden one. */
  | 'skipped-folder'
  /** A symbolic link (to a file or a folder): not followed. */
  | 'symlink'
  /** A config-named entry that is not a regular file (a pipe, a socket, a device). */
  | 'not-regular'
  /** A folder deeper than the depth limit. */
  | 'too-deep'
  /** Files past the count limit. */
  | 'limit'
  /** A folder already walked (a bind mount or a loop). */
  | 'visited'
  /** A folder that cannot be listed. */
  | 'unreadable';

export interface Skipped {
  path: string;
  reason: SkipReason;
}

export interface WalkOptions {
  maxDepth?: number;
  maxFiles?: number;
  /** Which file names are wanted (default: config files). */
  match?: (name: string) => boolean;
}

export interface WalkResult {
  /** Absolute paths, in walking order (names sorted within each folder). */
  files: string[];
  skipped: Skipped[];
}

/** Walk folders (absolute paths) for config files. */
export function walk(roots: readonly string[], options: WalkOptions = {}): WalkResult {
  const maxDepth = options.maxDepth ?? WALK_MAX_DEPTH;
  const maxFiles = options.maxFiles ?? WALK_MAX_FILES;
  const match = options.match ?? ((name: string) => CONFIG_FILE.test(name));
  const files: string[] = [];
  const skipped: Skipped[] = [];
  const visited = new Set<string>();
  let limited = false;

  const visit = (dir: string, depth: number): void => {
    if (limited) return;
    if (depth > maxDepth) {
      skipped.push({ path: dir, reason: 'too-deep' });
      return;
    }
    let entries: fs.Dirent[];
    try {
      const st = fs.statSync(dir, { bigint: true });
      const id = `${st.dev}:${st.ino}`;
      if (visited.has(id)) {
        skipped.push({ path: dir, reason: 'visited' });
        return;
      }
      visited.add(id);
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      skipped.push({ path: dir, reason: 'unreadable' });
      return;
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      if (limited) return;
      const full = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (SKIPPED_FOLDERS.has(e.name) || e.name.startsWith('.'))
          skipped.push({ path: full, reason: 'skipped-folder' });
        else visit(full, depth + 1);
        continue;
      }
      if (e.isSymbolicLink()) {
        skipped.push({ path: full, reason: 'symlink' });
        continue;
      }
      if (!match(e.name)) continue;
      if (!e.isFile()) skipped.push({ path: full, reason: 'not-regular' });
      else if (files.length >= maxFiles) {
        // The first file past the limit is reported; the walk stops there.
        skipped.push({ path: full, reason: 'limit' });
        limited = true;
        return;
      } else files.push(full);
    }
  };

  for (const root of roots) visit(root, 0);
  return { files, skipped };
}
