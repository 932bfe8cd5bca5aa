/**
 * The index maps. Per namespace and scope: name → occurrences (definitions, references), name
 * counts, and the files that define, may define (wildcards) or watch the scope. Adding or removing
 * a file touches only the keys of its own occurrences, so an update costs the size of the file.
 *
 * Tenant of a document part: its `tenant_id`; otherwise the tenant declared by the files of the
 * nearest folder up that declares any, when they all agree; otherwise none (platform-wide).
 */
import { definedNamespaces } from './table';
import { NAMESPACES, scopeKey } from './namespaces';
import { candidates, type Candidates } from './suggest';
import type { FileFacts, Namespace, Occurrence } from './types';

export interface Bucket {
  defs: Occurrence[];
  refs: Occurrence[];
}

export type RegKind = 'definer' | 'wildcard' | 'watcher';

export interface Reg {
  kind: RegKind;
  ns: Namespace;
  scope: string;
}

export interface ScopeInfo {
  /** Changes whenever a name starts or stops being defined in the scope (unique across scopes). */
  version: number;
  /** Name → its definitions and references in the scope. */
  names: Map<string, Bucket>;
  /** Files with references in the scope → number of references. */
  refFiles: Map<string, number>;
  definer: Map<string, number>;
  wildcard: Map<string, number>;
  watcher: Map<string, number>;
}

export interface FileRecord {
  facts: FileFacts;
  dir: string;
  /** Effective tenant of each part. */
  tenants: Array<string | undefined>;
  occs: Occurrence[];
  regs: Reg[];
}

const SEP = '\u0000';
export const nameKey = (ns: Namespace, scope: string, name: string): string => ns + SEP + scope + SEP + name;
export const scopeId = (ns: Namespace, scope: string): string => ns + SEP + scope;
export function splitKey(key: string): [Namespace, string, string] {
  const [ns, scope, ...rest] = key.split(SEP);
  return [ns as Namespace, scope, rest.join(SEP)];
}

export function dirOf(uri: string): string {
  const i = uri.lastIndexOf('/');
  return i > 0 ? uri.slice(0, i) : '';
}

function bump(map: Map<string, number>, key: string, by: number): void {
  const n = (map.get(key) ?? 0) + by;
  if (n > 0) map.set(key, n);
  else map.delete(key);
}

/** `map.get(key)`, creating the entry when missing. */
function entry<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let v = map.get(key);
  if (v === undefined) map.set(key, (v = make()));
  return v;
}

const EMPTY: Bucket = { defs: [], refs: [] };

export class Store {
  readonly files = new Map<string, FileRecord>();
  /** Namespace → scope → its names and files. Nested maps: indexing builds no composite keys. */
  private readonly scopes = new Map<Namespace, Map<string, ScopeInfo>>();
  /** Tenant namespaces: ns → name → scopes referencing the name (for platform-wide fallbacks). */
  private readonly refScopes = new Map<Namespace, Map<string, Map<string, number>>>();
  /** Global namespaces: ns → tenant → names defined by that tenant's files (local suggestions first). */
  private readonly tenantDefs = new Map<Namespace, Map<string, { version: number; names: Map<string, number> }>>();
  /** Suggestion candidates per scope (and per tenant for global namespaces), with the version they were built at. */
  private readonly visible = new Map<string, { version: string; c: Candidates }>();
  /** Source of versions (unique across scopes, so a re-created scope never reuses one). */
  private clock = 0;
  /** Folder → declared tenant → number of parts declaring it. */
  private readonly declared = new Map<string, Map<string, number>>();
  /** Folder → files with at least one part without `tenant_id`. */
  private readonly tenantless = new Map<string, Set<string>>();

  /** Definitions and references of a name in a scope (an empty bucket when none). */
  bucket(ns: Namespace, scope: string, name: string): Bucket {
    return this.scopes.get(ns)?.get(scope)?.names.get(name) ?? EMPTY;
  }

  scope(ns: Namespace, scope: string): ScopeInfo | undefined {
    return this.scopes.get(ns)?.get(scope);
  }

  /** Every scope of a namespace that exists. */
  scopesOf(ns: Namespace): IterableIterator<string> {
    return (this.scopes.get(ns) ?? new Map<string, ScopeInfo>()).keys();
  }

  /** Scopes referencing a name of a tenant namespace. */
  refScopesOf(ns: Namespace, name: string): IterableIterator<string> {
    return (this.refScopes.get(ns)?.get(name) ?? new Map<string, number>()).keys();
  }

  private scopeInfo(ns: Namespace, scope: string): ScopeInfo {
    return entry(
      entry(this.scopes, ns, () => new Map<string, ScopeInfo>()),
      scope,
      () => ({
        version: ++this.clock,
        names: new Map(),
        refFiles: new Map(),
        definer: new Map(),
        wildcard: new Map(),
        watcher: new Map(),
      }),
    );
  }

  /** The tenant a part without `tenant_id` takes from its folders. */
  inferTenant(dir: string): string | undefined {
    let d = dir;
    for (let i = 0; i < 64; i++) {
      const m = this.declared.get(d);
      if (m && m.size > 0) return m.size === 1 ? m.keys().next().value : undefined;
      const parent = dirOf(d);
      if (!parent || parent === d || parent.endsWith(':') || parent.endsWith(':/')) return undefined;
      d = parent;
    }
    return undefined;
  }

  /** Build the record of a file (tenants resolved now) without indexing it. */
  makeRecord(facts: FileFacts): FileRecord {
    const dir = dirOf(facts.uri);
    const nParts = Math.max(facts.declaredTenants.length, 1);
    const inferred =
      facts.declaredTenants.length === 0 || facts.declaredTenants.some((t) => t === undefined)
        ? this.inferTenant(dir)
        : undefined;
    const tenants: Array<string | undefined> = [];
    for (let p = 0; p < nParts; p++) tenants.push(facts.declaredTenants[p] ?? inferred);
    // Occurrences are scoped in place (a record is rebuilt only after its old one is unindexed).
    const occs = facts.occurrences;
    for (const o of occs) {
      o.tenant = tenants[o.part];
      o.scope = scopeKey(o.ns, facts.uri, o.part, o.tenant);
    }
    const regs: Reg[] = [];
    const seen = new Set<string>();
    const reg = (kind: RegKind, ns: Namespace, part: number): void => {
      const scope = scopeKey(ns, facts.uri, part, tenants[part]);
      const id = kind + SEP + ns + SEP + scope;
      if (!seen.has(id)) {
        seen.add(id);
        regs.push({ kind, ns, scope });
      }
    };
    const defined = definedNamespaces(facts.kind);
    for (let p = 0; p < nParts; p++) for (const ns of defined) reg('definer', ns, p);
    for (const w of facts.wildcards) reg('wildcard', w.ns, w.part);
    for (const t of facts.templateSets) reg('watcher', 'locale', t.part);
    return { facts, dir, tenants, occs, regs };
  }

  index(rec: FileRecord): void {
    const uri = rec.facts.uri;
    this.files.set(uri, rec);
    let s: ScopeInfo | undefined;
    let lastNs: Namespace | undefined;
    let lastScope: string | undefined;
    for (const o of rec.occs) {
      if (o.ns !== lastNs || o.scope !== lastScope) {
        s = this.scopeInfo(o.ns, o.scope);
        lastNs = o.ns;
        lastScope = o.scope;
      }
      const info = s as ScopeInfo;
      const b = entry(info.names, o.name, (): Bucket => ({ defs: [], refs: [] }));
      if (o.role === 'def') {
        if (!b.defs.length) info.version = ++this.clock;
        b.defs.push(o);
        this.trackTenantDef(o, 1);
      } else {
        b.refs.push(o);
        bump(info.refFiles, uri, 1);
        this.trackRefScope(o, 1);
      }
    }
    for (const r of rec.regs) bump(this.scopeInfo(r.ns, r.scope)[r.kind], uri, 1);
  }

  unindex(rec: FileRecord): void {
    const uri = rec.facts.uri;
    this.files.delete(uri);
    const touched = new Map<Bucket, [ScopeInfo, string]>();
    for (const o of rec.occs) {
      const info = this.scope(o.ns, o.scope);
      const b = info?.names.get(o.name);
      if (!info || !b) continue;
      touched.set(b, [info, o.name]);
      if (o.role === 'def') this.trackTenantDef(o, -1);
      else {
        bump(info.refFiles, uri, -1);
        this.trackRefScope(o, -1);
      }
    }
    for (const [b, [info, name]] of touched) {
      const hadDefs = b.defs.length > 0;
      b.defs = b.defs.filter((o) => o.uri !== uri);
      b.refs = b.refs.filter((o) => o.uri !== uri);
      if (hadDefs && !b.defs.length) info.version = ++this.clock;
      if (!b.defs.length && !b.refs.length) info.names.delete(name);
    }
    for (const r of rec.regs) {
      const info = this.scope(r.ns, r.scope);
      if (info) bump(info[r.kind], uri, -1);
    }
    for (const o of rec.occs) this.dropEmptyScope(o.ns, o.scope);
    for (const r of rec.regs) this.dropEmptyScope(r.ns, r.scope);
  }

  private dropEmptyScope(ns: Namespace, scope: string): void {
    const s = this.scope(ns, scope);
    if (s && !s.names.size && !s.refFiles.size && !s.definer.size && !s.wildcard.size && !s.watcher.size) {
      this.scopes.get(ns)?.delete(scope);
      this.visible.delete(scopeId(ns, scope));
    }
  }

  private trackTenantDef(o: Occurrence, by: number): void {
    if (NAMESPACES[o.ns].scoping !== 'global' || o.tenant === undefined) return;
    const byTenant = entry(
      this.tenantDefs,
      o.ns,
      () => new Map<string, { version: number; names: Map<string, number> }>(),
    );
    const t = entry(byTenant, o.tenant, () => ({ version: ++this.clock, names: new Map<string, number>() }));
    const had = t.names.has(o.name);
    bump(t.names, o.name, by);
    if (had !== t.names.has(o.name)) t.version = ++this.clock;
    if (!t.names.size) {
      byTenant.delete(o.tenant);
      this.visible.delete('tenant' + SEP + o.ns + SEP + o.tenant);
    }
  }

  /** Names of a global namespace defined by one tenant's files (suggestions look there first). */
  tenantCandidates(ns: Namespace, tenant: string): Candidates | undefined {
    const t = this.tenantDefs.get(ns)?.get(tenant);
    if (!t) return undefined;
    const id = 'tenant' + SEP + ns + SEP + tenant;
    const cached = this.visible.get(id);
    if (cached && cached.version === String(t.version)) return cached.c;
    const c = candidates([...t.names.keys()].sort());
    this.visible.set(id, { version: String(t.version), c });
    return c;
  }

  private trackRefScope(o: Occurrence, by: number): void {
    if (NAMESPACES[o.ns].scoping !== 'tenant') return;
    const byName = entry(this.refScopes, o.ns, () => new Map<string, Map<string, number>>());
    const m = entry(byName, o.name, () => new Map<string, number>());
    bump(m, o.scope, by);
    if (!m.size) byName.delete(o.name);
  }

  /** Count (or uncount) the tenants a file declares, before its record is made (they infer tenants of their folder). */
  declare(facts: FileFacts, by: number): void {
    const uri = facts.uri;
    const dir = dirOf(uri);
    let anyTenantless = facts.declaredTenants.length === 0;
    for (const t of facts.declaredTenants) {
      if (t === undefined) {
        anyTenantless = true;
        continue;
      }
      let m = this.declared.get(dir);
      if (!m) this.declared.set(dir, (m = new Map()));
      bump(m, t, by);
      if (!m.size) this.declared.delete(dir);
    }
    if (anyTenantless) {
      let set = this.tenantless.get(dir);
      if (!set) this.tenantless.set(dir, (set = new Set()));
      if (by > 0) set.add(uri);
      else set.delete(uri);
      if (!set.size) this.tenantless.delete(dir);
    }
  }

  /** Files with tenantless parts in `dir` or below (their inferred tenant may follow `dir`). */
  tenantlessUnder(dir: string): string[] {
    const out: string[] = [];
    for (const [d, uris] of this.tenantless) if (d === dir || d.startsWith(dir + '/')) out.push(...uris);
    return out;
  }

  /** Whether a record's inferred tenants differ from what inference gives now. */
  tenantsChanged(rec: FileRecord): boolean {
    const inferred = this.inferTenant(rec.dir);
    return rec.facts.declaredTenants.length === 0
      ? rec.tenants[0] !== inferred
      : rec.facts.declaredTenants.some((t, i) => t === undefined && rec.tenants[i] !== inferred);
  }

  /** Definitions visible from a scope: the scope's own, else the platform-wide ones (tenant namespaces). */
  resolve(ns: Namespace, scope: string, name: string): Occurrence[] {
    const own = this.bucket(ns, scope, name).defs;
    if (own.length) return own;
    if (NAMESPACES[ns].scoping === 'tenant' && scope !== '') return this.bucket(ns, '', name).defs;
    return own;
  }

  /** Names defined in a scope and its fallback, sorted (cached per scope version). */
  visibleNames(ns: Namespace, scope: string): string[] {
    return [...this.visibleCandidates(ns, scope).names];
  }

  /** The visible names of a scope as suggestion candidates, cached until a name appears or disappears. */
  visibleCandidates(ns: Namespace, scope: string): Candidates {
    const withFallback = NAMESPACES[ns].scoping === 'tenant' && scope !== '';
    const own = this.scope(ns, scope);
    const platform = withFallback ? this.scope(ns, '') : undefined;
    const version = `${own?.version ?? -1}:${platform?.version ?? -1}`;
    const id = scopeId(ns, scope);
    const cached = this.visible.get(id);
    if (cached && cached.version === version) return cached.c;
    const names = new Set<string>();
    for (const info of [own, platform]) for (const [name, b] of info?.names ?? []) if (b.defs.length) names.add(name);
    const c = candidates([...names].sort());
    this.visible.set(id, { version, c });
    return c;
  }

  /** Whether undefined references of a scope are reported: a definer is in scope (when required) and no wildcard. */
  checksUndefined(ns: Namespace, scope: string): boolean {
    const scopes = NAMESPACES[ns].scoping === 'tenant' && scope !== '' ? [scope, ''] : [scope];
    if (scopes.some((s) => (this.scope(ns, s)?.wildcard.size ?? 0) > 0)) return false;
    if (!NAMESPACES[ns].requireDefiner) return true;
    return scopes.some((s) => (this.scope(ns, s)?.definer.size ?? 0) > 0);
  }
}
