/**
 * The settings of the `tenantConfig` section, shared by the client (which contributes them)
 * and the server (which pulls them per resource with `workspace/configuration`).
 */

import type { SeveritySetting } from './severity';

export interface TenantConfigSettings {
  validate: {
    /** Validation on or off for this resource. */
    enable: boolean;
    /** Milliseconds to wait after the last edit before validating. */
    debounce: number;
  };
  /**
   * Schema associations: key is a bundled schema id (`tenant`, `monitoring`, ... or its `$id`)
   * or a workspace-relative / absolute path to a user schema file; value is a glob or globs
   * matched against the workspace-relative path of the document.
   */
  schemas: Record<string, string | string[]>;
  /** Severity overrides per diagnostic code (`schema.required`: `warning`, ...). */
  severity: Record<string, SeveritySetting>;
  /** Most diagnostics reported for one document. */
  maxProblems: number;
  /** Documents larger than this many megabytes get outline and folding only (`document.too-large`). */
  largeDocumentLimit: number;
  workspace: {
    /** Globs (workspace-relative) of files left out of the cross-file index. */
    exclude: string[];
  };
}

const SEVERITY_SETTINGS: readonly SeveritySetting[] = ['error', 'warning', 'information', 'hint', 'off'];

export const defaultSettings: TenantConfigSettings = {
  validate: { enable: true, debounce: 15 },
  schemas: {},
  severity: {},
  maxProblems: 1000,
  largeDocumentLimit: 20,
  workspace: { exclude: [] },
};

/** Merge a partial settings object (as sent by a client) over the defaults. */
export function resolveSettings(raw: unknown): TenantConfigSettings {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Partial<Record<keyof TenantConfigSettings, unknown>>;
  const validate = (r.validate && typeof r.validate === 'object' ? r.validate : {}) as Partial<
    TenantConfigSettings['validate']
  >;
  const out: TenantConfigSettings = {
    validate: {
      enable: typeof validate.enable === 'boolean' ? validate.enable : defaultSettings.validate.enable,
      debounce:
        typeof validate.debounce === 'number' && validate.debounce >= 0
          ? Math.min(validate.debounce, 5000)
          : defaultSettings.validate.debounce,
    },
    schemas: {},
    severity: {},
    maxProblems:
      typeof r.maxProblems === 'number' && r.maxProblems > 0 ? Math.floor(r.maxProblems) : defaultSettings.maxProblems,
    largeDocumentLimit:
      typeof r.largeDocumentLimit === 'number' && r.largeDocumentLimit > 0
        ? Math.min(r.largeDocumentLimit, 1024)
        : defaultSettings.largeDocumentLimit,
    workspace: { exclude: [] },
  };
  const ws = (r.workspace && typeof r.workspace === 'object' ? r.workspace : {}) as { exclude?: unknown };
  if (Array.isArray(ws.exclude)) out.workspace.exclude = ws.exclude.filter((g): g is string => typeof g === 'string');
  if (r.schemas && typeof r.schemas === 'object') {
    for (const [k, v] of Object.entries(r.schemas as Record<string, unknown>)) {
      if (typeof v === 'string') out.schemas[k] = v;
      else if (Array.isArray(v)) out.schemas[k] = v.filter((g): g is string => typeof g === 'string');
    }
  }
  if (r.severity && typeof r.severity === 'object') {
    for (const [k, v] of Object.entries(r.severity as Record<string, unknown>)) {
      if (typeof v === 'string' && (SEVERITY_SETTINGS as readonly string[]).includes(v))
        out.severity[k] = v as SeveritySetting;
    }
  }
  return out;
}
