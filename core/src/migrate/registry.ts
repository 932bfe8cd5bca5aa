import type { Migration, MigrationSet } from './types';
import data from './migrations.json';

const set = data as unknown as MigrationSet;

/** Every migration, as compiled from schemas/migrations/. */
export const migrations: readonly Migration[] = set.migrations;

/** Format versions of our own kinds, oldest first; undefined for upstream kinds. */
export function versionsOf(kind: string | undefined): readonly string[] | undefined {
  return kind ? set.versions[kind] : undefined;
}

export function latestVersion(kind: string | undefined): string | undefined {
  const v = versionsOf(kind);
  return v ? v[v.length - 1] : undefined;
}

/** Whether `version` is a format version of the kind (`"1"`, `"2"`). */
export function isVersion(kind: string, version: string): boolean {
  return !!versionsOf(kind)?.includes(version);
}

/**
 * The migrations that take a file of `kind` from `from` to `to`, in order: the chain of numbered
 * versions for our kinds (empty when `from` is not older), every migration of an upstream kind.
 */
export function chain(kind: string | undefined, from?: string, to?: string): Migration[] {
  if (!kind) return [];
  const versions = versionsOf(kind);
  const own = migrations.filter((m) => m.kind === kind);
  if (!versions) return own;
  const start = versions.indexOf(from ?? versions[0]);
  const end = versions.indexOf(to ?? versions[versions.length - 1]);
  if (start < 0 || end <= start) return [];
  const out: Migration[] = [];
  for (let i = start; i < end; i++) {
    const m = own.find((x) => x.from === versions[i] && x.to === versions[i + 1]);
    if (!m) return [];
    out.push(m);
  }
  return out;
}

export function migrationById(id: string): Migration | undefined {
  return migrations.find((m) => m.id === id);
}
