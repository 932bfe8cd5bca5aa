/**
 * The one directory walker of the language server and the linter: config files (`.yaml`, `.yml`,
 * `.json`) under a folder, in name order, with one skip list, bounded depth and count. Symbolic
 * links are not followed unless asked: then a link to a regular file whose real path lies inside
 * the given root is listed under its own name (the gate still checks where it leads when it is
 * read), and every other link is reported. Links to folders are never followed, and folders
 * already visited (by device and inode) are not entered twice, so no loop can form. Every file
 * or folder it leaves out is reported with the reason.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { within } from './gate';

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
  /** A hidden folder (`.git`, `.github`, `.tools`…). */
  | 'dot-folder'
  /** `node_modules/`. */
  | 'dependencies'
  /** `dist/`, `out/`. */
  | 'build-output'
  /** A symbolic link, not followed (links are not followed in this walk). */
  | 'symlink'
  /** A symbolic link to a folder: never followed. */
  | 'symlinked-folder'
  /** A symbolic link to a file outside the root. */
  | 'symlink-outside-root'
  /** A symbolic link to nothing. */
  | 'broken-symlink'
  /** Left out by an ignore glob (the detail says which and where it is written). */
  | 'ignored'
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
  /** Absolute path of the file or folder. */
  path: string;
  reason: SkipReason;
  /** Whether it is a folder (or a link to one). */
  folder?: boolean;
  /** For `ignored`: the glob and where it is written. */
  detail?: string;
}

export interface WalkOptions {
  maxDepth?: number;
  maxFiles?: number;
  /** Which file names are wanted (default: config files). */
  match?: (name: string) => boolean;
  /**
   * Follow symbolic links to regular files whose real path lies inside this folder (listed under
   * the link's name); other links are reported as `symlinked-folder`, `symlink-outside-root` or
   * `broken-symlink`. Without it, every link is reported as `symlink`.
   */
  followFileLinksInside?: string;
  /** Why a file is ignored (the glob and where it is written), or undefined. */
  ignored?: (absolutePath: string) => string | undefined;
}

export interface WalkResult {
  /** Absolute paths, in walking order (names sorted within each folder). */
  files: string[];
  skipped: Skipped[];
}

/** Why a folder is never walked, by its name; undefined when it is walked. */
export function folderSkipReason(name: string): 'dot-folder' | 'dependencies' | 'build-output' | undefined {
  if (name.startsWith('.')) return 'dot-folder';
  if (name === 'node_modules') return 'dependencies';
  if (SKIPPED_FOLDERS.has(name)) return 'build-output';
  return undefined;
}

function realOrUndefined(p: string): string | undefined {
  try {
    return fs.realpathSync.native(p);
  } catch {
    return undefined;
  }
}

/** What a symbolic link found in a folder is: a file to list, or the reason it is skipped. */
function linkOutcome(
  full: string,
  name: string,
  options: WalkOptions,
  root: string | undefined,
): Skipped | 'list' | 'none' {
  if (root === undefined) return { path: full, reason: 'symlink' };
  let target: fs.Stats | undefined;
  try {
    target = fs.statSync(full);
  } catch {
    target = undefined;
  }
  const match = options.match ?? ((n: string) => CONFIG_FILE.test(n));
  if (!target) return match(name) ? { path: full, reason: 'broken-symlink' } : 'none';
  if (target.isDirectory()) return { path: full, reason: 'symlinked-folder', folder: true };
  if (!match(name)) return 'none';
  if (!target.isFile()) return { path: full, reason: 'not-regular' };
  const real = realOrUndefined(full);
  return real !== undefined && within(real, root) ? 'list' : { path: full, reason: 'symlink-outside-root' };
}

/** Walk folders (absolute paths) for config files. */
export function walk(roots: readonly string[], options: WalkOptions = {}): WalkResult {
  const maxDepth = options.maxDepth ?? WALK_MAX_DEPTH;
  const maxFiles = options.maxFiles ?? WALK_MAX_FILES;
  const match = options.match ?? ((name: string) => CONFIG_FILE.test(name));
  const linkRoot =
    options.followFileLinksInside === undefined
      ? undefined
      : (realOrUndefined(path.resolve(options.followFileLinksInside)) ?? path.resolve(options.followFileLinksInside));
  const files: string[] = [];
  const skipped: Skipped[] = [];
  const visited = new Set<string>();
  let limited = false;

  const add = (full: string): boolean => {
    const ignored = options.ignored?.(full);
    if (ignored) skipped.push({ path: full, reason: 'ignored', detail: ignored });
    else if (files.length >= maxFiles) {
      // The first file past the limit is reported; the walk stops there.
      skipped.push({ path: full, reason: 'limit' });
      limited = true;
      return false;
    } else files.push(full);
    return true;
  };

  const visit = (dir: string, depth: number): void => {
    if (limited) return;
    if (depth > maxDepth) {
      skipped.push({ path: dir, reason: 'too-deep', folder: true });
      return;
    }
    let entries: fs.Dirent[];
    try {
      const st = fs.statSync(dir, { bigint: true });
      const id = `${st.dev}:${st.ino}`;
      if (visited.has(id)) {
        skipped.push({ path: dir, reason: 'visited', folder: true });
        return;
      }
      visited.add(id);
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      skipped.push({ path: dir, reason: 'unreadable', folder: true });
      return;
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      if (limited) return;
      const full = path.join(dir, e.name);
      if (e.isDirectory()) {
        const reason = folderSkipReason(e.name);
        if (reason) skipped.push({ path: full, reason, folder: true });
        else visit(full, depth + 1);
        continue;
      }
      if (e.isSymbolicLink()) {
        const outcome = linkOutcome(full, e.name, options, linkRoot);
        if (outcome === 'list') {
          if (!add(full)) return;
        } else if (outcome !== 'none') skipped.push(outcome);
        continue;
      }
      if (!match(e.name)) continue;
      if (!e.isFile()) skipped.push({ path: full, reason: 'not-regular' });
      else if (!add(full)) return;
    }
  };

  for (const root of roots) visit(root, 0);
  return { files, skipped };
}
