/**
 * The settings of each file in a linter run, in order of precedence: the built-in defaults, the
 * nearest `.tenant-config.yaml` (paths and globs relative to it), the `--config` settings file
 * (VS Code's `tenantConfig.*` shape), then the command line (`--schema`, `--ignore`).
 */
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import {
  layerSettings,
  jsonErrorDetail,
  refusalText,
  type DocumentSettings,
  type SettingsLayer,
} from '../../core/src/index';
import type { Engine } from './engine';
import { resolveSettings } from '../../protocol/src/settings';
import { compileExclude, isExcluded, type Exclude } from '../../node/src/index';
import { ProjectConfigs, type LoadedConfig } from './project';

export interface RunSettings {
  cwd: string;
  configs: ProjectConfigs;
  /** The `--config` file's settings, schema paths made absolute. */
  layer: SettingsLayer;
  /** `workspace.exclude` of the `--config` file (relative to the working folder), compiled once. */
  exclude: Exclude;
  /** `--schema`: every file gets this schema. */
  forced?: Record<string, string[]>;
  /** `--ignore` globs (relative to the working folder), compiled once. */
  ignore: Exclude;
  crossFile: boolean;
}

export interface FileSettings {
  settings: DocumentSettings;
  excludedFromIndex: boolean;
  /** Whether the cross-file checks run for this file. */
  crossFile: boolean;
  config?: LoadedConfig;
}

const posix = (p: string): string => p.split(path.sep).join('/');

/** A schema reference of the `--config` file: ids and URIs as they are, paths made absolute from `cwd`. */
function absoluteRef(ref: string, cwd: string, engine: Engine): string {
  if (engine.host.isBundledSchema(ref) || /^[a-zA-Z][a-zA-Z0-9+.-]+:/.test(ref)) return ref;
  return URI.file(path.resolve(cwd, ref)).toString();
}

export function createRunSettings(
  engine: Engine,
  cwd: string,
  options: { config?: string; schema?: string; ignore: string[]; crossFile: boolean },
): RunSettings | string {
  const { gate, host } = engine;
  let raw: unknown = {};
  if (options.config) {
    const file = path.resolve(cwd, options.config);
    gate.name([file]);
    const read = gate.readPath(file, { named: true });
    if (!read.ok) return `cannot read the settings file ${options.config}: ${refusalText(read.refusal, read.errno)}`;
    try {
      raw = JSON.parse(read.text);
    } catch {
      // Where it stops being JSON, never the parser's message: it would quote the file.
      return `cannot read the settings file ${options.config}: ${jsonErrorDetail(read.text)}`;
    }
  }
  const resolved = resolveSettings(raw);
  const layer: SettingsLayer = {
    schemas: Object.fromEntries(
      Object.entries(resolved.schemas).map(([ref, globs]) => [absoluteRef(ref, cwd, engine), globs]),
    ),
    severity: resolved.severity,
  };
  const given = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  if (typeof given.maxProblems === 'number') layer.maxProblems = resolved.maxProblems;
  let forced: Record<string, string[]> | undefined;
  if (options.schema) {
    const bundled = host.isBundledSchema(options.schema);
    const file = path.resolve(cwd, options.schema);
    if (!bundled) {
      gate.name([file]);
      if (!gate.readPath(file, { named: true }).ok)
        return `schema '${options.schema}' is neither a bundled schema id nor a file`;
    }
    forced = { [bundled ? options.schema : URI.file(file).toString()]: ['**/*', '*'] };
  }
  return {
    cwd,
    configs: new ProjectConfigs(engine),
    layer,
    exclude: compileExclude(resolved.workspace.exclude),
    forced,
    ignore: compileExclude(options.ignore),
    crossFile: options.crossFile,
  };
}

/**
 * Why a file is skipped by an ignore glob (the glob and where it is written), or undefined: the
 * `--ignore` globs (unless `commandLine` is false), then the project configuration's `ignore`.
 */
export function ignoredBy(run: RunSettings, file: string, options = { commandLine: true }): string | undefined {
  if (options.commandLine && !run.ignore.empty) {
    const glob = run.ignore.which(posix(path.relative(run.cwd, file)));
    if (glob !== undefined) return `--ignore ${glob}`;
  }
  const config = run.configs.forFile(file);
  const ignore = config && compileExclude(config.config.ignore);
  if (config && ignore && !ignore.empty) {
    const glob = ignore.which(posix(path.relative(config.dir, file)));
    if (glob !== undefined) return `${glob} in ${posix(path.relative(run.cwd, config.file)) || config.file}`;
  }
  return undefined;
}

/** The settings of the files under each project configuration (none: `''`): one object, shared. */
const settingsOf = new WeakMap<RunSettings, Map<string, DocumentSettings>>();

function documentSettings(run: RunSettings, config: LoadedConfig | undefined): DocumentSettings {
  let known = settingsOf.get(run);
  if (!known) settingsOf.set(run, (known = new Map()));
  const key = config?.file ?? '';
  let settings = known.get(key);
  if (!settings) {
    const layered = layerSettings(config?.config, run.layer);
    const folder = config ? config.dir : run.cwd;
    settings = {
      schemas: run.forced ?? layered.schemas,
      severity: layered.severity,
      maxProblems: layered.maxProblems,
      workspaceFolders: [URI.file(folder).toString()],
    };
    known.set(key, settings);
  }
  return settings;
}

export function fileSettings(run: RunSettings, file: string): FileSettings {
  const config = run.configs.forFile(file);
  const crossFileExclude = config && compileExclude(config.config.crossFile.exclude);
  const excluded =
    isExcluded(file, [run.cwd], run.exclude) ||
    (!!config &&
      !!crossFileExclude &&
      !crossFileExclude.empty &&
      crossFileExclude.matches(posix(path.relative(config.dir, file))));
  const crossFile = run.crossFile && (config?.config.crossFile.enable ?? true);
  return {
    settings: documentSettings(run, config),
    excludedFromIndex: excluded || !crossFile,
    crossFile,
    config,
  };
}
