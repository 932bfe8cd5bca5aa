/**
 * Offset-based navigation over the index: the name at an offset, its definitions and references
 * across files, rename edits (names inside quotes and Go template strings keep their quoting),
 * and the names to complete at a reference position.
 */
import type { JSONPath } from '../document/ast';
import { compile, type Step } from './pattern';
import { NAMESPACES, scopeKey } from './namespaces';
import { encodeName, isWritableName, lineEnd, positionAt } from './scalar';
import type { Store } from './store';
import { EXTRACTION } from './table';
import type {
  CompletionNames,
  Location,
  NameEdit,
  Namespace,
  Occurrence,
  PrepareRenameResult,
  RenameResult,
} from './types';

/** The name at an offset (a cursor right after the name still counts). */
export function occurrenceAt(store: Store, uri: string, offset: number): Occurrence | undefined {
  let best: Occurrence | undefined;
  for (const o of store.files.get(uri)?.occs ?? []) {
    if (offset < o.offset || offset > o.offset + o.length) continue;
    const strict = offset < o.offset + o.length;
    const bestStrict = best ? offset < best.offset + best.length : false;
    if (!best || (strict && !bestStrict) || (strict === bestStrict && o.length < best.length)) best = o;
  }
  return best;
}

export function toLocation(store: Store, o: { uri: string; offset: number; length: number }): Location {
  const starts = store.files.get(o.uri)?.facts.lineStarts ?? [0];
  return {
    uri: o.uri,
    offset: o.offset,
    length: o.length,
    range: { start: positionAt(starts, o.offset), end: positionAt(starts, o.offset + o.length) },
  };
}

function byPosition(a: Occurrence, b: Occurrence): number {
  return a.uri === b.uri ? a.offset - b.offset : a.uri < b.uri ? -1 : 1;
}

/** The definitions and references of the name at `o`, as resolution sees them. */
export function group(store: Store, o: Occurrence): { defs: Occurrence[]; refs: Occurrence[] } {
  const defs = o.role === 'def' ? store.bucket(o.ns, o.scope, o.name).defs : store.resolve(o.ns, o.scope, o.name);
  const scope = defs.length ? defs[0].scope : o.scope;
  const refs = [...store.bucket(o.ns, scope, o.name).refs];
  if (NAMESPACES[o.ns].scoping === 'tenant' && scope === '') {
    // References of tenants without their own definition fall back to the platform-wide one.
    for (const s of store.refScopesOf(o.ns, o.name)) {
      const b = store.bucket(o.ns, s, o.name);
      if (s !== '' && !b.defs.length) refs.push(...b.refs);
    }
  }
  return { defs: [...defs].sort(byPosition), refs: refs.sort(byPosition) };
}

export function definition(store: Store, uri: string, offset: number): Location[] {
  const o = occurrenceAt(store, uri, offset);
  if (!o) return [];
  return group(store, o).defs.map((d) => toLocation(store, d));
}

export function references(store: Store, uri: string, offset: number, includeDeclaration: boolean): Location[] {
  const o = occurrenceAt(store, uri, offset);
  if (!o || !NAMESPACES[o.ns].navigable) return [];
  const g = group(store, o);
  const all = includeDeclaration ? [...g.defs, ...g.refs].sort(byPosition) : g.refs;
  return all.map((x) => toLocation(store, x));
}

export function prepareRename(store: Store, uri: string, offset: number): PrepareRenameResult | undefined {
  const o = occurrenceAt(store, uri, offset);
  if (!o || !NAMESPACES[o.ns].navigable || !o.exact) return undefined;
  const loc = toLocation(store, o);
  return { offset: o.offset, length: o.length, range: loc.range, placeholder: o.name, namespace: o.ns };
}

export function rename(store: Store, uri: string, offset: number, newName: string): RenameResult | undefined {
  const o = occurrenceAt(store, uri, offset);
  if (!o || !NAMESPACES[o.ns].navigable || !o.exact || !isWritableName(newName)) return undefined;
  const changes: Record<string, NameEdit[]> = {};
  if (newName === o.name) return { changes };
  const g = group(store, o);
  const seen = new Set<string>();
  for (const x of [...g.defs, ...g.refs]) {
    if (!x.exact || seen.has(`${x.uri}#${x.offset}`)) continue;
    seen.add(`${x.uri}#${x.offset}`);
    const enc = encodeName(newName, x.style, x.whole, x.go);
    const loc = toLocation(store, x);
    (changes[x.uri] ??= []).push({ offset: x.offset, length: x.length, newText: enc.text, range: loc.range });
  }
  for (const edits of Object.values(changes)) edits.sort((a, b) => a.offset - b.offset);
  return { changes };
}

/** Names visible from a document part of a file for a namespace (its scope plus the platform fallback). */
export function namesVisible(store: Store, uri: string, ns: Namespace, part = 0): string[] {
  const rec = store.files.get(uri);
  const tenant = rec ? rec.tenants[part] : undefined;
  return store.visibleNames(ns, scopeKey(ns, uri, part, tenant));
}

export function completionNames(store: Store, uri: string, offset: number): CompletionNames | undefined {
  const rec = store.files.get(uri);
  if (!rec) return undefined;
  const o = occurrenceAt(store, uri, offset);
  if (o && o.role === 'ref')
    return {
      namespace: o.ns,
      names: store.visibleNames(o.ns, o.scope),
      replace: { offset: o.offset, length: o.length },
    };
  for (const s of rec.facts.slots) {
    const end = s.end > s.offset ? s.end : lineEnd(rec.facts.lineStarts, s.offset, rec.facts.textLength);
    if (offset < s.offset || offset > end) continue;
    const names = namesVisible(store, uri, s.ns, s.part);
    return { namespace: s.ns, names };
  }
  return undefined;
}

/** The namespace a reference at a JSON path of a kind belongs to (for completion providers that know the path). */
export function namespaceAtPath(kind: string | undefined, path: JSONPath, isKey = false): Namespace | undefined {
  for (const row of (kind && EXTRACTION[kind]) || []) {
    if (row.role !== 'ref') continue;
    if (pathMatches(compile(row.pattern), 0, path, 0, isKey)) return row.ns;
  }
  return undefined;
}

function pathMatches(steps: Step[], i: number, path: JSONPath, j: number, isKey: boolean): boolean {
  if (i === steps.length) return j === path.length && !isKey;
  const step = steps[i];
  const seg = path[j];
  switch (step.t) {
    case 'prop':
      return seg === step.key && pathMatches(steps, i + 1, path, j + 1, isKey);
    case 'items':
      return typeof seg === 'number' && pathMatches(steps, i + 1, path, j + 1, isKey);
    case 'values':
      return typeof seg === 'string' && pathMatches(steps, i + 1, path, j + 1, isKey);
    case 'keys':
      return isKey && typeof seg === 'string' && j === path.length - 1;
    case 'strings':
      return true;
    case 'recurse':
      // One or more `key[n]` pairs.
      for (let k = j; path[k] === step.key && typeof path[k + 1] === 'number'; k += 2) {
        if (pathMatches(steps, i + 1, path, k + 2, isKey)) return true;
      }
      return false;
  }
}
