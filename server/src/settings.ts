import type { Connection } from 'vscode-languageserver';
import {
  isIgnored,
  isLoaded,
  layerSettings,
  outOfIndex,
  projectLayer,
  type AnalysisHost,
  type DocumentSettings,
  type LoadedProjectConfig,
  type SettingsLayer,
} from '../../core/src/index';
import type { FileGate } from '../../node/src/index';
import { defaultSettings, resolveSettings, type TenantConfigSettings } from '../../protocol/src/index';

/**
 * Settings per resource: pulled with `workspace/configuration` when the client can answer it,
 * otherwise taken from `didChangeConfiguration` pushes or `initializationOptions.settings`.
 * Cached per URI until the client says settings changed.
 */
export class SettingsCache {
  private readonly cache = new Map<string, Promise<TenantConfigSettings>>();
  private pushed: TenantConfigSettings;
  canPull = false;

  constructor(
    private readonly connection: Connection,
    initial: unknown,
  ) {
    this.pushed = resolveSettings(initial);
  }

  get(uri: string): Promise<TenantConfigSettings> {
    if (!this.canPull) return Promise.resolve(this.pushed);
    let hit = this.cache.get(uri);
    if (!hit) {
      hit = this.connection.workspace
        .getConfiguration({ scopeUri: uri, section: 'tenantConfig' })
        .then((raw: unknown) => resolveSettings(raw ?? {}))
        .catch(() => this.pushed);
      this.cache.set(uri, hit);
    }
    return hit;
  }

  /** The client changed settings: forget them all (and keep pushed ones, if any). */
  changed(pushed: unknown): void {
    this.cache.clear();
    const section =
      pushed && typeof pushed === 'object' ? (pushed as { tenantConfig?: unknown }).tenantConfig : undefined;
    if (section !== undefined) this.pushed = resolveSettings(section);
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }
}

/** A document's settings: as the client gives them, and as the core reads them. */
export interface ResolvedSettings {
  settings: TenantConfigSettings;
  doc: DocumentSettings;
  /**
   * What its `.tenant-config.yaml` says of the file, as the linter reads it: `ignored` (not
   * checked: no diagnostics), `indexed` (in the cross-file index, so with cross-file checks: not
   * ignored, not in `crossFile.exclude`, under a configuration that does not turn them off).
   */
  project: { ignored: boolean; indexed: boolean };
}

/**
 * The settings of a document for the core: the client's, the workspace folders and whether the
 * workspace is trusted. The schema files they name may be read although outside the workspace:
 * the gate learns them here, each time settings are read.
 */
export class ServerSettings {
  folders: string[] = [];
  trusted = true;

  constructor(
    readonly cache: SettingsCache,
    private readonly host: AnalysisHost,
    private readonly gate: FileGate,
  ) {}

  async forDocument(uri: string): Promise<ResolvedSettings> {
    const s = await this.cache.get(uri);
    const found = this.projectConfig(uri);
    const layered = layerSettings(undefined, ...this.projectLayers(uri, found), editorLayer(s));
    const doc: DocumentSettings = {
      schemas: layered.schemas,
      severity: layered.severity,
      maxProblems: layered.maxProblems,
      workspaceFolders: this.folders,
      bundledOnly: !this.trusted,
      largeDocumentLimit: Math.round(s.largeDocumentLimit * 1_000_000),
    };
    if (this.trusted) {
      this.gate.name(this.host.namedSchemaFiles(doc));
      // Their schemas compile on a worker (or are reused): nothing waiting on these settings compiles here.
      await this.host.prepareSchemas(doc);
    }
    const project = found
      ? { ignored: isIgnored(found, uri), indexed: !outOfIndex(found, uri) }
      : { ignored: false, indexed: true };
    return { settings: s, doc, project };
  }

  /** The `.tenant-config.yaml` of a document that could be read, if any. */
  private projectConfig(uri: string): LoadedProjectConfig | undefined {
    const found = this.host.projectConfig(uri, { workspaceFolders: this.folders } as DocumentSettings);
    return isLoaded(found) ? found : undefined;
  }

  /**
   * The `.tenant-config.yaml` of a document as a settings layer: the nearest one from its folder up
   * to the workspace folder holding it, read through the gate (remembered by the host until a
   * configuration file changes). None for a configuration that is missing or cannot be read.
   */
  private projectLayers(uri: string, found: LoadedProjectConfig | undefined): SettingsLayer[] {
    if (!found) return [];
    const holding = this.folders
      .filter((f) => uri.startsWith(f.replace(/\/?$/, '/')))
      .sort((a, b) => b.length - a.length)[0];
    return [projectLayer(found, holding, (ref) => this.host.isBundledSchema(ref))];
  }

  /** The client changed settings: the files named before are no longer named. */
  changed(pushed: unknown): void {
    this.cache.changed(pushed);
    this.gate.clearNamed();
  }

  setFolders(folders: string[]): void {
    this.folders = folders;
    this.gate.setRoots(folders);
  }
}

/**
 * The editor's settings as the layer over the project configuration. Schema associations and
 * severities are maps whose default is empty, so every key there was set by the user. The problem
 * cap always has a value (`workspace/configuration` answers with the effective one, default
 * included): it overrides the project configuration only when it differs from the default.
 */
export function editorLayer(s: TenantConfigSettings): SettingsLayer {
  const layer: SettingsLayer = { schemas: s.schemas, severity: s.severity };
  if (s.maxProblems !== defaultSettings.maxProblems) layer.maxProblems = s.maxProblems;
  return layer;
}
