import type { Connection } from 'vscode-languageserver';
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
