/**
 * How each namespace is scoped and checked.
 *
 * Scoping rules (see also ARCHITECTURE notes in the report):
 * - `global`: one name space for the whole workspace. Receivers (Alertmanager routes, monitoring
 *   files and notification rules point at receivers of Slack, monitoring and Alertmanager files),
 *   Go template blocks (Alertmanager loads every template file together), tenant ids, Grafana
 *   dashboard uids and Prometheus job names (tenant jobs are generated into the platform Prometheus).
 * - `tenant`: names of one tenant, plus the platform-wide names (files without a tenant) as a
 *   fallback. The tenant of a YAML document is its `tenant_id`; a document without one takes the
 *   tenant declared by the files of its folder (nearest folder up with declared tenants, when they
 *   all agree); otherwise it is platform-wide.
 * - `document`: names of one YAML document only. Roles: the schemas say "a role defined in this
 *   file", and the access-control, security-policy and tenant files of one tenant legitimately
 *   repeat the same role set.
 *
 * Duplicates are checked in the resolution scope (`scope`), within one document (`document`:
 * queues, whose names repeat across the environment files of a tenant) or not at all (keys of a
 * mapping, already unique).
 */
import type { Namespace } from './types';
import type { CodeOf } from '../problem';

export type Scoping = 'global' | 'tenant' | 'document';

export interface NamespaceInfo {
  scoping: Scoping;
  duplicates: 'scope' | 'document' | 'none';
  /**
   * Report a duplicate only when another definition is in another file: duplicates inside one file
   * are already reported by rules/alertmanager.ts and rules/prometheusConfig.ts.
   */
  crossFileDuplicates?: boolean;
  /** Report definitions nobody references (not for platform-wide definitions of tenant namespaces). */
  unused: boolean;
  /** Only definitions in files of these kinds are reported unused (all kinds when absent). */
  unusedKinds?: readonly string[];
  /** Only definitions whose name matches are reported unused (all names when absent). */
  unusedName?: RegExp;
  /** Report undefined references only when a file able to define the namespace is in scope. */
  requireDefiner: boolean;
  /** A change in a defining file may change problems of every file referencing the scope. */
  scopeWide: boolean;
  /** Rename and find references are offered (ids that are never referenced are not renamed). */
  navigable: boolean;
  undefinedCode?: CodeOf<'ref'>;
  duplicateCode?: CodeOf<'ref'>;
  unusedCode?: CodeOf<'ref'>;
}

/** A queue name that says it is a dead-letter queue: a `dlq`, `dead-letter` or `deadletter` word, before an optional `.fifo`. */
export const DEAD_LETTER_NAME =
  /(?:^|[-_])(?:dlq|dead[-_]?letters?)(?:[-_]|$)|(?:^|[-_])(?:dlq|dead[-_]?letters?)\.fifo$/i;

export const NAMESPACES: Record<Namespace, NamespaceInfo> = {
  receiver: {
    scoping: 'global',
    duplicates: 'scope',
    crossFileDuplicates: true,
    unused: true,
    requireDefiner: true,
    scopeWide: false,
    navigable: true,
    undefinedCode: 'ref.undefined-receiver',
    duplicateCode: 'ref.duplicate-receiver',
    unusedCode: 'ref.unused-receiver',
  },
  'template-block': {
    scoping: 'global',
    duplicates: 'scope',
    unused: true,
    requireDefiner: true,
    scopeWide: false,
    navigable: true,
    undefinedCode: 'ref.undefined-template-block',
    duplicateCode: 'ref.duplicate-template-block',
    unusedCode: 'ref.unused-template-block',
  },
  tenant: {
    scoping: 'global',
    duplicates: 'scope',
    unused: false,
    requireDefiner: true,
    scopeWide: false,
    navigable: true,
    undefinedCode: 'ref.undefined-tenant',
    duplicateCode: 'ref.duplicate-tenant-id',
  },
  dashboard: {
    scoping: 'global',
    duplicates: 'scope',
    unused: false,
    requireDefiner: false,
    scopeWide: false,
    navigable: false,
    duplicateCode: 'ref.duplicate-dashboard-uid',
  },
  job: {
    scoping: 'global',
    duplicates: 'scope',
    crossFileDuplicates: true,
    unused: false,
    requireDefiner: false,
    scopeWide: false,
    navigable: false,
    duplicateCode: 'ref.duplicate-job-name',
  },
  template: {
    scoping: 'tenant',
    duplicates: 'scope',
    unused: true,
    requireDefiner: true,
    scopeWide: false,
    navigable: true,
    undefinedCode: 'ref.undefined-template',
    duplicateCode: 'ref.duplicate-template',
    unusedCode: 'ref.unused-template',
  },
  'time-interval': {
    scoping: 'tenant',
    duplicates: 'scope',
    crossFileDuplicates: true,
    unused: true,
    requireDefiner: true,
    scopeWide: false,
    navigable: true,
    undefinedCode: 'ref.undefined-time-interval',
    duplicateCode: 'ref.duplicate-time-interval',
    unusedCode: 'ref.unused-time-interval',
  },
  environment: {
    scoping: 'tenant',
    duplicates: 'none',
    unused: false,
    requireDefiner: true,
    scopeWide: false,
    navigable: true,
    undefinedCode: 'ref.undefined-environment',
  },
  queue: {
    // Applications, not configuration, consume queues: only a queue named as a dead-letter queue
    // (`…-dlq`, `…_dead_letter`, `….fifo` variants) is expected to be referenced, by a `target_queue`.
    scoping: 'tenant',
    duplicates: 'document',
    unused: true,
    unusedName: DEAD_LETTER_NAME,
    requireDefiner: true,
    scopeWide: false,
    navigable: true,
    undefinedCode: 'ref.undefined-queue',
    duplicateCode: 'ref.duplicate-queue',
    unusedCode: 'ref.unused-dead-letter-queue',
  },
  locale: {
    scoping: 'tenant',
    duplicates: 'none',
    unused: false,
    requireDefiner: true,
    scopeWide: true,
    navigable: true,
    undefinedCode: 'ref.undefined-locale',
  },
  role: {
    // Tenant files define roles but cannot bind them (no bindings in the schema): only security
    // policies and access-control files, which assign their roles, report unused ones.
    scoping: 'document',
    duplicates: 'scope',
    unused: true,
    unusedKinds: ['security-policy', 'access-control'],
    requireDefiner: false,
    scopeWide: false,
    navigable: true,
    undefinedCode: 'ref.undefined-role',
    duplicateCode: 'ref.duplicate-role',
    unusedCode: 'ref.unused-role',
  },
};

/** The resolution scope of a name: `*` (global), the tenant id (`''` platform-wide) or `uri#part`. */
export function scopeKey(ns: Namespace, uri: string, part: number, tenant: string | undefined): string {
  const s = NAMESPACES[ns].scoping;
  if (s === 'global') return '*';
  if (s === 'tenant') return tenant ?? '';
  return `${uri}#${part}`;
}

/** The platform-wide scope a tenant scope falls back to, if any. */
export function fallbackScope(ns: Namespace, scope: string): string | undefined {
  return NAMESPACES[ns].scoping === 'tenant' && scope !== '' ? '' : undefined;
}
