/**
 * Which other files' problems may change after some files changed. A file's problems depend on:
 * - the definitions and references of the names it writes (undefined, duplicate, unused);
 * - for undefined references, the names defined in the scope (suggestions, and a name appearing);
 * - whether a file able to define the namespace (or a wildcard) is in scope;
 * - for locales, the whole locale set and fallbacks of its tenant (template translations).
 * Only keys whose counts changed are followed, plus definitions with duplicates (their messages
 * name the other location), so an edit in a comment has no dependents.
 */
import { NAMESPACES } from './namespaces';
import { nameKey, scopeId, splitKey, type FileRecord, type RegKind, type Store } from './store';
import type { Namespace } from './types';

export interface Change {
  uri: string;
  before?: FileRecord;
  /** Signature of `before`, taken before its occurrences were re-scoped. */
  beforeSig: Sig;
  after?: FileRecord;
}

export type Sig = Map<string, [number, number]>;

/** Definition and reference counts per key of a record (take it before re-scoping the record). */
export function signature(rec: FileRecord | undefined): Sig {
  const sig: Sig = new Map();
  for (const o of rec?.occs ?? []) {
    const key = nameKey(o.ns, o.scope, o.name);
    const c = sig.get(key) ?? [0, 0];
    c[o.role === 'def' ? 0 : 1]++;
    sig.set(key, c);
  }
  return sig;
}

function regCounts(rec: FileRecord | undefined, into: Map<string, number>, by: number): void {
  for (const r of rec?.regs ?? []) {
    const id = r.kind + '\u0001' + scopeId(r.ns, r.scope);
    into.set(id, (into.get(id) ?? 0) + by);
  }
}

export function dependentsOf(store: Store, changes: Change[]): string[] {
  const deps = new Set<string>();
  const defDelta = new Map<string, number>();
  const keys = new Set<string>();
  /** Scopes (ns\0scope) whose set of defined names changed. */
  const nameSets = new Set<string>();
  /** Scopes whose every referencing file is affected. */
  const broadcast = new Set<string>();
  const changedNs = new Map<string, Set<Namespace>>();

  for (const ch of changes) {
    if (ch.uri !== changes[0].uri) deps.add(ch.uri);
    const a = ch.beforeSig;
    const b = signature(ch.after);
    const nsChanged = new Set<Namespace>();
    for (const key of new Set([...a.keys(), ...b.keys()])) {
      const x = a.get(key) ?? [0, 0];
      const y = b.get(key) ?? [0, 0];
      const [ns] = splitKey(key);
      if (x[0] !== y[0] || x[1] !== y[1]) {
        keys.add(key);
        nsChanged.add(ns);
        defDelta.set(key, (defDelta.get(key) ?? 0) + y[0] - x[0]);
      } else if (y[0] > 0 && store.bucket(...splitKey(key)).defs.length > 1) {
        keys.add(key); // duplicates name each other's line
      }
    }
    changedNs.set(ch.uri, nsChanged);
  }

  for (const key of keys) {
    const [ns, scope, name] = splitKey(key);
    if (NAMESPACES[ns].scoping === 'document') continue;
    const b = store.bucket(ns, scope, name);
    for (const o of b.defs) deps.add(o.uri);
    for (const o of b.refs) deps.add(o.uri);
    if (NAMESPACES[ns].scoping === 'tenant' && scope === '') {
      for (const s of store.refScopesOf(ns, name)) for (const o of store.bucket(ns, s, name).refs) deps.add(o.uri);
    }
    const now = b.defs.length;
    const before = now - (defDelta.get(key) ?? 0);
    if (now > 0 !== before > 0) nameSets.add(scopeId(ns, scope));
  }

  // Definer and wildcard files appearing in or leaving a scope switch its undefined checks.
  const regs = new Map<string, number>();
  for (const ch of changes) {
    regCounts(ch.before, regs, -1);
    regCounts(ch.after, regs, 1);
  }
  for (const [id, delta] of regs) {
    if (delta === 0) continue;
    const [kind, sid] = id.split('\u0001') as [RegKind, string];
    if (kind === 'watcher') continue;
    const [ns, scope] = sid.split('\u0000') as [Namespace, string];
    const map = store.scope(ns, scope)?.[kind];
    const now = map?.size ?? 0;
    if (now === 0 || now === delta) broadcast.add(sid);
  }
  // Scope-wide namespaces: a defining file that changed affects every file of its scope.
  for (const ch of changes) {
    const nsChanged = changedNs.get(ch.uri);
    for (const rec of [ch.before, ch.after]) {
      for (const r of rec?.regs ?? []) {
        if (r.kind === 'definer' && NAMESPACES[r.ns].scopeWide && nsChanged?.has(r.ns))
          broadcast.add(scopeId(r.ns, r.scope));
      }
    }
  }

  for (const sid of nameSets)
    for (const scope of expand(store, sid)) unresolvedReferrers(store, scope[0], scope[1], deps);
  for (const sid of broadcast) {
    for (const [ns, scope] of expand(store, sid)) {
      const info = store.scope(ns, scope);
      for (const u of info?.refFiles.keys() ?? []) deps.add(u);
      for (const u of info?.watcher.keys() ?? []) deps.add(u);
    }
  }
  deps.delete(changes[0].uri);
  return [...deps].sort();
}

/** A scope, plus every tenant scope of the namespace when it is the platform-wide fallback. */
function expand(store: Store, sid: string): Array<[Namespace, string]> {
  const [ns, scope] = sid.split('\u0000') as [Namespace, string];
  const out: Array<[Namespace, string]> = [[ns, scope]];
  if (NAMESPACES[ns].scoping === 'tenant' && scope === '') {
    for (const s of store.scopesOf(ns)) if (s !== '') out.push([ns, s]);
  }
  return out;
}

function unresolvedReferrers(store: Store, ns: Namespace, scope: string, deps: Set<string>): void {
  const info = store.scope(ns, scope);
  if (!info) return;
  for (const [name, b] of info.names) {
    if (!b.refs.length || store.resolve(ns, scope, name).length) continue;
    for (const o of b.refs) deps.add(o.uri);
  }
}

/** Everything a file's current names could affect (used when no change is at hand). */
export function staticDependents(store: Store, uri: string): string[] {
  const rec = store.files.get(uri);
  const deps = new Set<string>();
  if (!rec) return [];
  for (const o of rec.occs) {
    if (NAMESPACES[o.ns].scoping === 'document') continue;
    const b = store.bucket(o.ns, o.scope, o.name);
    if (o.role === 'def') {
      for (const x of b.defs) deps.add(x.uri);
      for (const x of b.refs) deps.add(x.uri);
      if (NAMESPACES[o.ns].scoping === 'tenant' && o.scope === '') {
        for (const s of store.refScopesOf(o.ns, o.name))
          for (const x of store.bucket(o.ns, s, o.name).refs) deps.add(x.uri);
      }
    } else {
      for (const x of store.resolve(o.ns, o.scope, o.name)) deps.add(x.uri);
    }
  }
  for (const r of rec.regs) {
    if (r.kind === 'watcher') continue;
    if (r.kind === 'definer' && !NAMESPACES[r.ns].scopeWide) {
      // A definer leaving the scope changes whether undefined references are reported.
      const info = store.scope(r.ns, r.scope);
      if ((info?.definer.size ?? 0) !== 1) continue;
    }
    for (const [ns, scope] of expand(store, scopeId(r.ns, r.scope))) {
      const info = store.scope(ns, scope);
      for (const u of info?.refFiles.keys() ?? []) deps.add(u);
      for (const u of info?.watcher.keys() ?? []) deps.add(u);
    }
  }
  deps.delete(uri);
  return [...deps].sort();
}
