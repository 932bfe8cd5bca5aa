/**
 * The workspace index façade: feed it parsed files (`update`, `remove`), ask it for cross-file
 * problems of a file, the files to re-check after a change, and navigation. Pure: no I/O, no
 * timers; never throws (a failing call answers empty).
 */
import type { ParsedDocument } from '../document/document';
import type { RefProblem } from '../problem';
import { problemsFor } from './checks';
import { dependentsOf, signature, staticDependents, type Change } from './dependents';
import { extractFile } from './extract';
import * as nav from './navigation';
import { positionAt } from './scalar';
import { dirOf, Store, type FileRecord } from './store';
import type {
  CompletionNames,
  FileFacts,
  Location,
  Namespace,
  Occurrence,
  Position,
  PrepareRenameResult,
  RenameResult,
} from './types';

export interface UpdateOptions {
  /**
   * Compute the files whose problems may have changed (default true). Turn it off while loading
   * a whole workspace, where every file is checked afterwards anyway.
   */
  dependents?: boolean;
}

export interface WorkspaceIndex {
  /**
   * Index (or re-index) a file. `kind` is the catalog id of its schema (`tenant`, `alertmanager`, …);
   * files of unknown kind are kept for positions but contribute no names. Returns the other files
   * whose problems may have changed (see `dependents`).
   */
  update(uri: string, kind: string | undefined, parsed: ParsedDocument, options?: UpdateOptions): string[];
  /**
   * Index a file from facts extracted elsewhere (`extractFile`, e.g. in a worker, sent back with
   * `factsToWire`/`factsFromWire`); the same as `update` otherwise.
   */
  updateFacts(facts: FileFacts, options?: UpdateOptions): string[];
  /** Forget a file; returns the other files whose problems may have changed. */
  remove(uri: string): string[];
  has(uri: string): boolean;
  /** Every indexed file, sorted. */
  files(): string[];
  /** Cross-file problems of a file (undefined, duplicate, unused names, role cycles, translations). */
  problemsFor(uri: string): RefProblem[];
  /**
   * The cross-file problems an indexed file would have with another content (a quick fix being
   * verified), offsets in that content. The index is left as it was; empty for files not indexed.
   */
  problemsWith(uri: string, kind: string | undefined, parsed: ParsedDocument): RefProblem[];
  /**
   * Files whose problems may change when `uri` changes: those referencing names it defines (or
   * defined before its last update), defining names it references, sharing a duplicate-checked
   * name, or depending on its scope as a whole (locales, definer files). Excludes `uri`.
   */
  dependents(uri: string): string[];
  /** The definitions of the name at an offset (the name's own definitions when on a definition). */
  definition(uri: string, offset: number): Location[];
  references(uri: string, offset: number, includeDeclaration: boolean): Location[];
  /** The name at an offset, when it can be renamed. */
  prepareRename(uri: string, offset: number): PrepareRenameResult | undefined;
  /** Edits renaming the name at an offset everywhere it resolves to the same definition; undefined when not a name or `newName` cannot be written. */
  rename(uri: string, offset: number, newName: string): RenameResult | undefined;
  /** Names to complete at a reference position (a partial name, or an empty value/list of a reference). */
  completionNames(uri: string, offset: number): CompletionNames | undefined;
  /** Names of a namespace visible from a file (document part `part`). */
  namesVisible(uri: string, ns: Namespace, part?: number): string[];
  /** The name occurrence at an offset (definition or reference). */
  occurrenceAt(uri: string, offset: number): Occurrence | undefined;
  /** Line and character of an offset, from the stored line starts. */
  positionAt(uri: string, offset: number): Position | undefined;
  /** The tenant a file's document part belongs to (declared or inferred from its folder). */
  tenantOf(uri: string, part?: number): string | undefined;
}

export function createWorkspaceIndex(): WorkspaceIndex {
  const store = new Store();
  const lastDependents = new Map<string, string[]>();

  const apply = (uri: string, facts: FileFacts | undefined, withDependents = true): string[] => {
    const before = store.files.get(uri);
    const changes: Change[] = [{ uri, before, beforeSig: withDependents ? signature(before) : new Map() }];
    if (before) {
      store.unindex(before);
      store.declare(before.facts, -1);
    }
    let after: FileRecord | undefined;
    if (facts) {
      store.declare(facts, 1);
      after = store.makeRecord(facts);
      store.index(after);
    }
    changes[0].after = after;
    if (declaredKey(before?.facts) !== declaredKey(facts)) {
      // Declared tenants of the folder changed: files without tenant_id below it may change tenant.
      for (const other of store.tenantlessUnder(dirOf(uri))) {
        const rec = store.files.get(other);
        if (other === uri || !rec || !store.tenantsChanged(rec)) continue;
        const beforeSig = withDependents ? signature(rec) : new Map();
        store.unindex(rec);
        const next = store.makeRecord(rec.facts);
        store.index(next);
        changes.push({ uri: other, before: rec, beforeSig, after: next });
      }
    }
    if (!withDependents) {
      lastDependents.delete(uri);
      return [];
    }
    const deps = dependentsOf(store, changes);
    if (facts) lastDependents.set(uri, deps);
    else lastDependents.delete(uri);
    return deps;
  };

  const safe = <T>(fallback: T, f: () => T): T => {
    try {
      return f();
    } catch {
      return fallback;
    }
  };

  return {
    update: (uri, kind, parsed, options) =>
      safe([], () => apply(uri, extractFile(uri, kind, parsed), options?.dependents !== false)),
    updateFacts: (facts, options) => safe([], () => apply(facts.uri, facts, options?.dependents !== false)),
    remove: (uri) => safe([], () => (store.files.has(uri) ? apply(uri, undefined) : [])),
    has: (uri) => store.files.has(uri),
    files: () => [...store.files.keys()].sort(),
    problemsFor: (uri) => safe([], () => problemsFor(store, uri)),
    problemsWith: (uri, kind, parsed) =>
      safe([], () => {
        const before = store.files.get(uri);
        if (!before) return [];
        const dependents = lastDependents.get(uri);
        try {
          apply(uri, extractFile(uri, kind, parsed), false);
          return problemsFor(store, uri);
        } finally {
          // Index the file's own facts again (their occurrences are re-scoped in place).
          apply(uri, before.facts, false);
          if (dependents) lastDependents.set(uri, dependents);
        }
      }),
    dependents: (uri) =>
      safe([], () => {
        const set = new Set([...staticDependents(store, uri), ...(lastDependents.get(uri) ?? [])]);
        set.delete(uri);
        return [...set].filter((u) => store.files.has(u)).sort();
      }),
    definition: (uri, offset) => safe([], () => nav.definition(store, uri, offset)),
    references: (uri, offset, includeDeclaration) =>
      safe([], () => nav.references(store, uri, offset, includeDeclaration)),
    prepareRename: (uri, offset) => safe(undefined, () => nav.prepareRename(store, uri, offset)),
    rename: (uri, offset, newName) => safe(undefined, () => nav.rename(store, uri, offset, newName)),
    completionNames: (uri, offset) => safe(undefined, () => nav.completionNames(store, uri, offset)),
    namesVisible: (uri, ns, part = 0) => safe([], () => nav.namesVisible(store, uri, ns, part)),
    occurrenceAt: (uri, offset) => safe(undefined, () => nav.occurrenceAt(store, uri, offset)),
    positionAt: (uri, offset) =>
      safe(undefined, () => {
        const rec = store.files.get(uri);
        return rec ? positionAt(rec.facts.lineStarts, offset) : undefined;
      }),
    tenantOf: (uri, part = 0) => store.files.get(uri)?.tenants[part],
  };
}

function declaredKey(facts: FileFacts | undefined): string {
  return facts ? facts.declaredTenants.map((t) => t ?? '\u0000').join('\u0001') : '\u0002';
}
