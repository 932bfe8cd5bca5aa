/**
 * The project configuration as the host sees it: `.tenant-config.yaml` found walking up from a
 * file's folder to a stop folder (the workspace folder holding it, for the editor; the
 * repository's top folder, for the linter), read through the shell's reader, remembered per
 * folder until a configuration file changes. Its settings as a layer under the editor's (schema
 * paths made absolute, globs rebased on the workspace folder), its path suppressions for a file,
 * and whether it leaves a file out of the cross-file index.
 */
import picomatch from 'picomatch/posix';
import { URI, Utils } from 'vscode-uri';
import {
  PROJECT_CONFIG_FILE,
  configFolders,
  readProjectConfig,
  type PathSuppression,
  type ProjectConfig,
} from '../project/config';
import type { SettingsLayer } from '../project/settings';
import type { FileRead, ReadRefusal } from './files';

/** A project configuration file, read and interpreted (its validation is the shell's to ask for). */
export interface LoadedProjectConfig {
  /** The configuration file's URI and its folder's. */
  uri: string;
  folderUri: string;
  text: string;
  config: ProjectConfig;
}

/** A configuration file that exists but could not be read. */
export interface UnreadProjectConfig {
  uri: string;
  refusal: ReadRefusal;
  errno?: string;
}

export type ProjectConfigLookup = LoadedProjectConfig | UnreadProjectConfig | undefined;

export const isLoaded = (l: ProjectConfigLookup): l is LoadedProjectConfig => !!l && 'config' in l;

const withPath = (uri: URI, p: string): string => uri.with({ path: p }).toString();

/** Whether a URI names a project configuration file. */
export function isProjectConfigUri(uri: string): boolean {
  return uri.endsWith('/' + PROJECT_CONFIG_FILE);
}

export class ProjectConfigFinder {
  private readonly byFolder = new Map<string, ProjectConfigLookup>();

  constructor(private readonly read: (uri: string) => FileRead) {}

  /**
   * The configuration that applies to a file: the nearest `.tenant-config.yaml` from its folder up
   * to `stop` (a folder URI holding it; without one, only the file's own folder is looked in).
   * Files of other schemes than `file:` have none.
   */
  find(fileUri: string, stop?: string): ProjectConfigLookup {
    let file: URI;
    try {
      file = URI.parse(fileUri);
    } catch {
      return undefined;
    }
    if (file.scheme !== 'file') return undefined;
    const folder = Utils.dirname(file).path;
    const stopPath = stop ? URI.parse(stop).path.replace(/\/+$/, '') || '/' : folder;
    const visited: string[] = [];
    let found: ProjectConfigLookup;
    for (const dir of configFolders(folder, stopPath)) {
      const key = withPath(file, dir);
      if (this.byFolder.has(key)) {
        found = this.byFolder.get(key);
        break;
      }
      visited.push(key);
      const candidate = withPath(file, dir === '/' ? '/' + PROJECT_CONFIG_FILE : `${dir}/${PROJECT_CONFIG_FILE}`);
      const r = this.read(candidate);
      if (r.ok) {
        found = { uri: candidate, folderUri: key, text: r.text, config: readProjectConfig(r.text) };
        break;
      }
      // Not there, or not ours to read (outside the folders): look further up.
      if (r.refusal === 'not-found' || r.refusal === 'outside-workspace' || r.refusal === 'not-a-file-uri') continue;
      found = { uri: candidate, refusal: r.refusal, errno: r.errno };
      break;
    }
    for (const key of visited) this.byFolder.set(key, found);
    return found;
  }

  /** A configuration file changed, appeared or went away: read them again when next asked. */
  forget(): void {
    this.byFolder.clear();
  }
}

/** The path of a file relative to a folder (with `/`), or undefined when the folder does not hold it. */
export function relativeTo(folderUri: string, fileUri: string): string | undefined {
  const folder = URI.parse(folderUri);
  const file = URI.parse(fileUri);
  const prefix = folder.path.endsWith('/') ? folder.path : folder.path + '/';
  if (file.scheme !== folder.scheme || file.authority !== folder.authority || !file.path.startsWith(prefix))
    return undefined;
  return file.path.slice(prefix.length);
}

/** A glob that never throws: one picomatch cannot compile (beyond its input limit) matches nothing. */
function compile(globs: readonly string[]): (relativePath: string) => boolean {
  const tests: Array<(p: string) => boolean> = [];
  for (const g of globs) {
    try {
      tests.push(picomatch(g.replace(/^\.\//, ''), { dot: true }));
    } catch {
      // Reported by the shell that lists unusable globs; ignored here.
    }
  }
  return (p) => tests.some((t) => t(p));
}

const compiled = new WeakMap<ProjectConfig, { ignore: (p: string) => boolean; exclude: (p: string) => boolean }>();

function matchers(config: ProjectConfig): { ignore: (p: string) => boolean; exclude: (p: string) => boolean } {
  let m = compiled.get(config);
  if (!m) {
    m = { ignore: compile(config.ignore), exclude: compile(config.crossFile.exclude) };
    compiled.set(config, m);
  }
  return m;
}

/**
 * Whether a configuration leaves a file out of the cross-file index: ignored (not linted),
 * excluded from the cross-file checks, or under a configuration that turns them off.
 */
export function outOfIndex(loaded: LoadedProjectConfig, fileUri: string): boolean {
  if (!loaded.config.crossFile.enable) return true;
  const rel = relativeTo(loaded.folderUri, fileUri);
  if (rel === undefined) return false;
  const m = matchers(loaded.config);
  return m.ignore(rel) || m.exclude(rel);
}

/** Whether a configuration's `ignore` globs name a file (the linter skips it; the editor reports nothing on it). */
export function isIgnored(loaded: LoadedProjectConfig, fileUri: string): boolean {
  const rel = relativeTo(loaded.folderUri, fileUri);
  return rel !== undefined && matchers(loaded.config).ignore(rel);
}

/** The configuration's path suppressions whose globs name a file. */
export function pathSuppressionsFor(loaded: LoadedProjectConfig | undefined, fileUri: string): PathSuppression[] {
  if (!loaded || loaded.config.suppressions.length === 0) return [];
  const rel = relativeTo(loaded.folderUri, fileUri);
  return rel === undefined ? [] : loaded.config.suppressions.filter((s) => compile(s.files)(rel));
}

const GLOB_SPECIAL = /[*?[\]{}()!+@\\]/g;

/**
 * The configuration's settings as a layer for documents matched relative to `baseFolder` (the
 * workspace folder holding the document): schema paths become `file:` URIs (they are relative to
 * the configuration file), and globs with a `/` are rebased from the configuration's folder onto
 * the base folder. A glob without `/` matches a file's name wherever it is, so it stays as it is.
 */
export function projectLayer(
  loaded: LoadedProjectConfig,
  baseFolder: string | undefined,
  isBundled: (ref: string) => boolean,
): SettingsLayer {
  const prefix = baseFolder === undefined ? '' : relativeTo(baseFolder, loaded.folderUri + '/x')?.slice(0, -1);
  const rebase = (glob: string): string[] => {
    const g = glob.replace(/^\.\//, '');
    if (!g.includes('/') || !prefix) return [g];
    const escaped = prefix.replace(GLOB_SPECIAL, '\\$&');
    const negated = g.startsWith('!');
    const body = negated ? g.slice(1) : g;
    const bang = negated ? '!' : '';
    return [`${bang}${escaped}${body}`, `${bang}${escaped}**/${body}`];
  };
  const folder = URI.parse(loaded.folderUri);
  const schemas: Record<string, string[]> = {};
  for (const [ref, globs] of Object.entries(loaded.config.schemas)) {
    const absolute =
      isBundled(ref) || /^[a-zA-Z][a-zA-Z0-9+.-]+:/.test(ref) ? ref : Utils.resolvePath(folder, ref).toString();
    schemas[absolute] = (Array.isArray(globs) ? globs : [globs]).flatMap(rebase);
  }
  return { schemas, severity: { ...loaded.config.severity }, maxProblems: loaded.config.maxProblems };
}
