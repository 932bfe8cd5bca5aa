/**
 * Project contexts. The cross-file checks of a file need the names of its whole project, not only
 * of the files a run is given (pre-commit and changed-files jobs pass a few): each file belongs to
 * a project root, whose other config files are indexed with it, and only the files given are
 * reported on. The root of a file is `crossFile.root` of its `.tenant-config.yaml` (relative to
 * it; the configuration's folder by default), else the repository's top folder above it (the one
 * holding `.git`), else the working folder.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { refusalText } from '../../core/src/index';
import { walk, within } from '../../node/src/index';
import type { IndexFile, SourceFile } from './analyze';
import type { Engine } from './engine';
import { gitRootOf } from './project';
import type { LoadedConfig } from './project';
import { fileSettings, ignoredBy, type FileSettings, type RunSettings } from './settings';

export type LintedSource = SourceFile & { fileSettings: FileSettings };

export interface ProjectContext {
  /** The folder whose files are indexed; undefined for files checked alone (cross-file checks off). */
  root?: string;
  files: LintedSource[];
}

const isDir = (p: string): boolean => {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
};

/**
 * The project root of a file, or a reason it cannot be used: `crossFile.root` must be a folder
 * inside the repository holding the configuration (inside the configuration's folder outside a
 * repository), so a configuration cannot make the linter read files elsewhere.
 */
export function projectRootOf(run: RunSettings, file: string): { root: string } | { error: string } {
  const config = run.configs.forFile(file);
  if (!config) return { root: gitRootOf(path.dirname(file)) ?? run.cwd };
  let known = rootsOf.get(run);
  if (!known) rootsOf.set(run, (known = new Map()));
  let root = known.get(config.file);
  if (!root) known.set(config.file, (root = configRoot(run, config)));
  return root;
}

/** The project root of each configuration of a run, found once. */
const rootsOf = new WeakMap<RunSettings, Map<string, { root: string } | { error: string }>>();

function configRoot(run: RunSettings, config: LoadedConfig): { root: string } | { error: string } {
  const root = path.resolve(config.dir, config.config.crossFile.root);
  const limit = gitRootOf(config.dir) ?? config.dir;
  const shown = path.relative(run.cwd, config.file).split(path.sep).join('/') || config.file;
  if (!isDir(root)) return { error: `crossFile.root in ${shown} names no folder: ${config.config.crossFile.root}` };
  if (!within(fs.realpathSync(root), fs.realpathSync(limit)))
    return {
      error: `crossFile.root in ${shown} must be a folder inside ${limit === config.dir ? 'its own folder' : 'its repository'}: ${config.config.crossFile.root}`,
    };
  return { root };
}

/** The files of a run grouped by project root, in the order they come; files whose cross-file checks are off alone. */
export function contextsOf(run: RunSettings, files: LintedSource[]): ProjectContext[] | string {
  const byRoot = new Map<string | undefined, ProjectContext>();
  for (const f of files) {
    let root: string | undefined;
    if (f.fileSettings.crossFile) {
      const r = projectRootOf(run, f.file);
      if ('error' in r) return r.error;
      root = r.root;
    }
    let ctx = byRoot.get(root);
    if (!ctx) byRoot.set(root, (ctx = { root, files: [] }));
    ctx.files.push(f);
  }
  return [...byRoot.values()];
}

export interface RootListing {
  files: IndexFile[];
  /** Files of the root that could not be read: path → reason. */
  unread: Array<{ file: string; reason: string }>;
  /** The walk stopped at its file limit: the index lacks files. */
  limited: boolean;
}

/**
 * The other config files of a project root, for the index: walked like a folder argument (links to
 * files inside the root followed), without the files the run lints, those the project
 * configuration ignores and those left out of the index (`crossFile.exclude`, `workspace.exclude`
 * of `--config`, cross-file checks off), read through the gate.
 */
export function rootFiles(engine: Engine, run: RunSettings, root: string, given: ReadonlySet<string>): RootListing {
  const listing = walk([root], { followFileLinksInside: root });
  const out: RootListing = { files: [], unread: [], limited: listing.skipped.some((s) => s.reason === 'limit') };
  for (const file of listing.files) {
    if (given.has(file)) continue;
    const fs_ = fileSettings(run, file);
    if (fs_.excludedFromIndex || ignoredBy(run, file, { commandLine: false })) continue;
    engine.gate.name(engine.host.namedSchemaFiles(fs_.settings));
    const read = engine.gate.readPath(file);
    if (!read.ok) {
      if (read.refusal !== 'not-found') out.unread.push({ file, reason: refusalText(read.refusal, read.errno) });
      continue;
    }
    out.files.push({ file, text: read.text, problems: read.problems, settings: fs_.settings });
  }
  return out;
}
