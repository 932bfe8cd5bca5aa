import type { Connection } from 'vscode-languageserver';
import type { AnalysisHost, DocumentSettings } from '../../core/src/index';
import type { FileGate } from '../../node/src/index';
import { resolveSettings, type TenantConfigSettings } from '../../protocol/src/index';

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
    const doc: DocumentSettings = {
      schemas: s.schemas,
      severity: s.severity,
      maxProblems: s.maxProblems,
      workspaceFolders: this.folders,
      bundledOnly: !this.trusted,
      largeDocumentLimit: Math.round(s.largeDocumentLimit * 1_000_000),
    };
    if (this.trusted) {
      this.gate.name(this.host.namedSchemaFiles(doc));
      // Their schemas compile on a worker (or are reused): nothing waiting on these settings compiles here.
      await this.host.prepareSchemas(doc);
    }
    return { settings: s, doc };
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
