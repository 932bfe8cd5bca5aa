/**
 * Finding and reading `.tenant-config.yaml`: the nearest one above each file, up to the
 * repository's top folder (the one holding `.git`), read once per folder and validated against
 * its bundled schema (unknown keys are errors, with their positions).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import type { Diagnostic } from 'vscode-languageserver-types';
import {
  PROJECT_CONFIG_FILE,
  defaultDocumentSettings,
  readProjectConfig,
  refusalText,
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

export class ProjectConfigs {
  private readonly byDir = new Map<string, LoadedConfig | undefined>();
  private readonly files = new Map<string, LoadedConfig>();
  /** Configuration files that could not be read: path → reason. */
  readonly errors = new Map<string, string>();

  constructor(private readonly engine: Engine) {}

  /** The configuration that applies to a file (the nearest above it), if any. */
  forFile(file: string): LoadedConfig | undefined {
    const visited: string[] = [];
    let found: LoadedConfig | undefined;
    for (let dir = path.dirname(path.resolve(file)), i = 0; i < 256; i++) {
      if (this.byDir.has(dir)) {
        found = this.byDir.get(dir);
        break;
      }
      visited.push(dir);
      const candidate = path.join(dir, PROJECT_CONFIG_FILE);
      if (exists(candidate)) {
        found = this.load(candidate);
        break;
      }
      const up = path.dirname(dir);
      if (exists(path.join(dir, '.git')) || up === dir) break;
      dir = up;
    }
    for (const dir of visited) this.byDir.set(dir, found);
    return found;
  }

  /** Every configuration read so far. */
  loaded(): LoadedConfig[] {
    return [...this.files.values()];
  }

  private load(file: string): LoadedConfig | undefined {
    const known = this.files.get(file);
    if (known) return known;
    // Found by its name above a file the user gave: part of what the user configured.
    this.engine.gate.name([file]);
    const read = this.engine.gate.readPath(file, { named: true });
    if (!read.ok) {
      this.errors.set(file, refusalText(read.refusal, read.errno));
      return undefined;
    }
    const uri = URI.file(file).toString();
    const { host } = this.engine;
    host.setFile(uri, read, defaultDocumentSettings, { index: false, keep: true });
    const loaded: LoadedConfig = {
      file,
      dir: path.dirname(file),
      text: read.text,
      config: readProjectConfig(read.text),
      diagnostics: host.diagnostics(uri, defaultDocumentSettings),
    };
    this.files.set(file, loaded);
    return loaded;
  }
}
