/**
 * The order settings apply in: the project configuration first, then each layer over it (the
 * editor's settings of a resource, or the linter's `--config` file). A later layer wins per schema
 * association key and per code; its problem cap replaces the one before.
 */
import type { Severity } from '../codes';
import type { ProjectConfig } from './config';

export interface SettingsLayer {
  schemas?: Record<string, string | string[]>;
  severity?: Record<string, Severity | 'off'>;
  maxProblems?: number;
}

export interface LayeredSettings {
  schemas: Record<string, string | string[]>;
  severity: Record<string, Severity | 'off'>;
  maxProblems: number;
}

export function layerSettings(project: ProjectConfig | undefined, ...layers: SettingsLayer[]): LayeredSettings {
  const out: LayeredSettings = {
    schemas: { ...(project?.schemas ?? {}) },
    severity: { ...(project?.severity ?? {}) },
    maxProblems: project?.maxProblems ?? 1000,
  };
  for (const layer of layers) {
    Object.assign(out.schemas, layer.schemas ?? {});
    Object.assign(out.severity, layer.severity ?? {});
    if (layer.maxProblems !== undefined) out.maxProblems = layer.maxProblems;
  }
  return out;
}
