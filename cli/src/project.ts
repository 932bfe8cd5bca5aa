/**
 * `.tenant-config.yaml` in a linter run: the nearest one above each file, up to the repository's
 * top folder (the one holding `.git`), found and read once per folder by the host, and validated
 * against its bundled schema (unknown keys are errors, with their positions).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import type { Diagnostic } from 'vscode-languageserver-types';
import {
  PROJECT_CONFIG_FILE,
  defaultDocumentSettings,
  isLoaded,
  refusalText,
  type LoadedProjectConfig,
  type ProjectConfig,
} from '../../core/src/index';
import type { Engine } from './engine';

export interface LoadedConfig {
  /** Absolute path of the configuration file, and its folder. */
  file: string;
  dir: string;
  text: string;
  config: ProjectConfig;
  /** The configuration file's own problems (unknown keys, wrong values). */
  diagnostics: Diagnostic[];
}

const exists = (p: string): boolean => {
  try {
    fs.statSync(p);
    return true;
  } catch {
    return false;
  }
};

/**
 * The project root: the folder of the nearest `.tenant-config.yaml` above `cwd`, else the
 * repository's top folder, else `cwd`.
 */
export function findRoot(cwd: string): { root: string; source: 'project-config' | 'git' | 'cwd' } {
  let git: string | undefined;
  for (let dir = path.resolve(cwd), i = 0; i < 256; i++) {
    if (exists(path.join(dir, PROJECT_CONFIG_FILE))) return { root: dir, source: 'project-config' };
    if (exists(path.join(dir, '.git'))) {
      git = dir;
      break;
    }
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return git ? { root: git, source: 'git' } : { root: path.resolve(cwd), source: 'cwd' };
}

const gitRoots = new Map<string, string | undefined>();

/** The repository's top folder above a folder (the nearest holding `.git`), if any. */
export function gitRootOf(folder: string): string | undefined {
  const visited: string[] = [];
  let found: string | undefined;
  for (let dir = path.resolve(folder), i = 0; i < 256; i++) {
    if (gitRoots.has(dir)) {
      found = gitRoots.get(dir);
      break;
    }
    visited.push(dir);
    if (fs.existsSync(path.join(dir, '.git'))) {
      found = dir;
      break;
    }
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  for (const d of visited) gitRoots.set(d, found);
  return found;
}

export class ProjectConfigs {
  private readonly files = new Map<string, LoadedConfig>();
  /** The configuration of each folder asked about (every file of a folder has the same one). */
  private readonly byFolder = new Map<string, LoadedConfig | undefined>();
  /** Configuration files that could not be read: path → reason. */
  readonly errors = new Map<string, string>();

  constructor(private readonly engine: Engine) {}

  /**
   * The configuration that applies to a file: the nearest above it up to the repository's top
   * folder, found and read by the host (through the gate: the one above a file the user named is
   * part of what they configured).
   */
  forFile(file: string): LoadedConfig | undefined {
    const folder = path.dirname(path.resolve(file));
    if (this.byFolder.has(folder)) return this.byFolder.get(folder);
    const config = this.find(path.join(folder, path.basename(file)));
    this.byFolder.set(folder, config);
    return config;
  }

  private find(abs: string): LoadedConfig | undefined {
    const git = gitRootOf(path.dirname(abs));
    const found = this.engine.host.projectConfig(URI.file(abs).toString(), undefined, URI.file(git ?? '/').toString());
    if (!found) return undefined;
    const configFile = URI.parse(found.uri).fsPath;
    if (!isLoaded(found)) {
      this.errors.set(configFile, refusalText(found.refusal, found.errno));
      return undefined;
    }
    return this.load(configFile, found);
  }

  /** Every configuration read so far. */
  loaded(): LoadedConfig[] {
    return [...this.files.values()];
  }

  private load(file: string, found: LoadedProjectConfig): LoadedConfig {
    const known = this.files.get(file);
    if (known) return known;
    const { host } = this.engine;
    host.setFile(found.uri, { text: found.text, problems: [] }, defaultDocumentSettings, { index: false, keep: true });
    const loaded: LoadedConfig = {
      file,
      dir: path.dirname(file),
      text: found.text,
      config: found.config,
      diagnostics: host.diagnostics(found.uri, defaultDocumentSettings),
    };
    this.files.set(file, loaded);
    return loaded;
  }
}
