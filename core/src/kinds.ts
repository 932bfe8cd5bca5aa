/**
 * The bundled config kinds: the ids of `schemas/catalog.json`, in its order. A test keeps this list
 * and the catalog in step, so a kind added to the catalog is added here too.
 */
export const KINDS = [
  'tenant',
  'monitoring',
  'security-policy',
  'environment',
  'localization',
  'isolation-policy',
  'access-control',
  'alert-templates',
  'slack-receivers',
  'notification-rules',
  'prometheus',
  'prometheus-rules',
  'alertmanager',
  'grafana-dashboard',
  'tenant-config-project',
] as const;

/** A bundled config kind (`tenant`, `alertmanager`, …): the catalog id of the schema a document is checked against. */
export type Kind = (typeof KINDS)[number];

export function isKind(value: unknown): value is Kind {
  return typeof value === 'string' && (KINDS as readonly string[]).includes(value);
}
