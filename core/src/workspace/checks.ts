/**
 * Problems of one file from the index: undefined references, duplicate and unused definitions,
 * RBAC inheritance cycles; translations are in translations.ts. Reads the index, never mutates it.
 */
import type { JSONPath } from '../document/ast';
import type { RefProblem } from '../problem';
import { phrase, say, type ProblemMessageId } from '../messages';
import { NAMESPACES } from './namespaces';
import { makeProblem, ownerText, quoteList } from './report';
import { isWritableName, positionAt } from './scalar';
import type { FixDescriptor } from '../fixes';
import type { FileRecord, Store } from './store';
import { suggest } from './suggest';
import { translationProblems } from './translations';
import type { Occurrence } from './types';

export function problemsFor(store: Store, uri: string): RefProblem[] {
  const rec = store.files.get(uri);
  if (!rec) return [];
  const out: RefProblem[] = [];
  const docDefs = documentDefinitions(rec);
  const mentioned = mentionsOf(rec);
  for (const o of rec.occs) {
    try {
      if (o.role === 'ref') undefinedRef(store, o, out);
      else {
        duplicateDef(store, o, docDefs, out);
        unusedDef(store, rec, o, mentioned, out);
      }
    } catch {
      // One bad occurrence must not hide the others.
    }
  }
  roleCycles(rec, out);
  translationProblems(store, rec, out);
  return out.sort((a, b) => a.offset - b.offset || a.code.localeCompare(b.code));
}

function baseData(o: Occurrence): Record<string, unknown> {
  const d: Record<string, unknown> = { path: o.path, name: o.name, namespace: o.ns };
  if (o.tenant !== undefined && NAMESPACES[o.ns].scoping === 'tenant') d.tenant = o.tenant;
  return d;
}

function undefinedRef(store: Store, o: Occurrence, out: RefProblem[]): void {
  const info = NAMESPACES[o.ns];
  if (!info.undefinedCode || o.unchecked || store.resolve(o.ns, o.scope, o.name).length) return;
  if (!store.checksUndefined(o.ns, o.scope)) return;
  // Global namespaces: the names of the reference's own tenant first, then the whole workspace.
  const local =
    info.scoping === 'global' && o.tenant !== undefined ? store.tenantCandidates(o.ns, o.tenant) : undefined;
  let suggestions = local ? suggest(o.name, local) : [];
  const visible = info.scoping === 'global' && suggestions.length ? undefined : store.visibleCandidates(o.ns, o.scope);
  if (visible && !suggestions.length) suggestions = suggest(o.name, visible);
  const tenant = o.tenant;
  const args: Record<string, string> = {
    name: o.name,
    tenant: tenant ?? '',
    owner: ownerText(tenant, info.scoping === 'tenant'),
    defined: visible?.names.length ? quoteList(visible.names) : phrase('ref.none'),
  };
  let message = say(info.undefinedCode as ProblemMessageId, o.path, args);
  if (suggestions.length) message = phrase('ref.undefined.suggest', { message, suggestion: suggestions[0] });
  out.push(
    makeProblem(
      info.undefinedCode,
      o,
      message,
      { ...baseData(o), suggestions, fixes: renameFixes(o, suggestions) },
      o.severity,
    ),
  );
}

/**
 * "Change to `x`" for the closest names (safe when there is only one): the name is replaced where
 * it is written, inside quotes or a Go template string as well; only names the index holds exactly.
 */
function renameFixes(o: Occurrence, suggestions: string[]): FixDescriptor[] {
  if (!o.exact) return [];
  const names = suggestions.filter(isWritableName).slice(0, 3);
  return names.map((name) => ({
    kind: 'replaceText',
    path: o.path,
    key: o.key || undefined,
    offset: o.offset,
    length: o.length,
    text: name,
    expect: o.name,
    title: 'fix.change-to',
    args: { value: name },
    safe: names.length === 1,
  }));
}

/** Removing an unused definition: its mapping entry (`templates.<name>`) or its list item (`receivers[i]`). */
function removalFixes(o: Occurrence): FixDescriptor[] {
  if (o.go || !o.whole) return [];
  if (o.key) return [{ kind: 'remove', path: o.path, title: 'fix.remove-definition', args: { name: o.name } }];
  const p = o.path;
  if (p.length >= 2 && p[p.length - 1] === 'name' && typeof p[p.length - 2] === 'number')
    return [{ kind: 'remove', path: p.slice(0, -1), title: 'fix.remove-definition', args: { name: o.name } }];
  return [];
}

/** Definitions per document part and name, for namespaces whose duplicates are checked per document. */
function documentDefinitions(rec: FileRecord): Map<string, Occurrence[]> {
  const map = new Map<string, Occurrence[]>();
  for (const o of rec.occs) {
    if (o.role !== 'def' || NAMESPACES[o.ns].duplicates !== 'document') continue;
    const k = `${o.ns}\u0000${o.part}\u0000${o.name}`;
    const list = map.get(k);
    if (list) list.push(o);
    else map.set(k, [o]);
  }
  return map;
}

function duplicateDef(store: Store, o: Occurrence, docDefs: Map<string, Occurrence[]>, out: RefProblem[]): void {
  const info = NAMESPACES[o.ns];
  if (!info.duplicateCode || info.duplicates === 'none') return;
  const all =
    info.duplicates === 'document'
      ? (docDefs.get(`${o.ns}\u0000${o.part}\u0000${o.name}`) ?? [])
      : store.bucket(o.ns, o.scope, o.name).defs;
  if (all.length < 2) return;
  const others = all
    .filter((x) => x !== o && !(x.uri === o.uri && x.offset === o.offset))
    .sort((a, b) => (a.uri === b.uri ? a.offset - b.offset : a.uri < b.uri ? -1 : 1));
  // Same-file duplicates of these namespaces are reported by the single-file rules.
  if (!others.length || (info.crossFileDuplicates && !others.some((x) => x.uri !== o.uri))) return;
  const first =
    (info.crossFileDuplicates ? others.find((x) => x.uri !== o.uri) : others.find((x) => x.uri === o.uri)) ?? others[0];
  const other = locationText(store, o.uri, first);
  const message = say(info.duplicateCode as ProblemMessageId, o.path, {
    name: o.name,
    other,
    owner: ownerText(o.tenant, false),
  });
  const data = { ...baseData(o), others: others.map((x) => ({ uri: x.uri, offset: x.offset, length: x.length })) };
  out.push(makeProblem(info.duplicateCode, o, message, data));
}

function locationText(store: Store, fromUri: string, o: Occurrence): string {
  const rec = store.files.get(o.uri);
  const line = rec ? positionAt(rec.facts.lineStarts, o.offset).line + 1 : 0;
  if (o.uri === fromUri) return phrase('ref.location.same-file', { line });
  const file = decodeURIComponent(o.uri.slice(o.uri.lastIndexOf('/') + 1));
  return phrase('ref.location.other-file', { file, line });
}

/** Names mentioned in free text of a file (see `FileFacts.mentions`), as `ns\0part\0name`. */
function mentionsOf(rec: FileRecord): Set<string> {
  return new Set(rec.facts.mentions.map((m) => `${m.ns}\u0000${m.part}\u0000${m.name}`));
}

/**
 * A definition nothing references. Like every cross-file problem it is published once the whole
 * workspace is indexed (the server's `WorkspaceManager.ready`); a reference in another file of the
 * scope clears it (that file's change lists this one among its dependents).
 */
function unusedDef(store: Store, rec: FileRecord, o: Occurrence, mentioned: Set<string>, out: RefProblem[]): void {
  const info = NAMESPACES[o.ns];
  if (!info.unused || !info.unusedCode || o.go) return;
  if (info.unusedKinds && !info.unusedKinds.includes(rec.facts.kind ?? '')) return;
  if (info.unusedName && !info.unusedName.test(o.name)) return;
  // Platform-wide definitions of tenant namespaces are the fallback of every tenant: used implicitly.
  if (info.scoping === 'tenant' && o.scope === '') return;
  // A role inheriting from itself is not used by it (the cycle is reported on its own).
  if (store.bucket(o.ns, o.scope, o.name).refs.some((r) => r.owner !== o.name)) return;
  if (mentioned.has(`${o.ns}\u0000${o.part}\u0000${o.name}`)) return;
  const message = say(info.unusedCode as ProblemMessageId, o.path, {
    name: o.name,
    owner: ownerText(o.tenant, false),
    tenant: o.tenant ?? '',
  });
  const p = makeProblem(info.unusedCode, o, message, {
    ...baseData(o),
    definitionPath: definitionPath(o.path),
    fixes: removalFixes(o),
  });
  p.tags = ['unnecessary'];
  out.push(p);
}

/** What removing a definition removes: the list item of a `name`, else the mapping entry (a key) itself. */
function definitionPath(path: JSONPath): JSONPath {
  return path.length >= 2 && path[path.length - 1] === 'name' && typeof path[path.length - 2] === 'number'
    ? path.slice(0, -1)
    : [...path];
}

/** `inherits` edges that close a cycle (per document: roles are scoped to their document). */
function roleCycles(rec: FileRecord, out: RefProblem[]): void {
  const edgesByPart = new Map<number, Occurrence[]>();
  for (const o of rec.occs) {
    if (o.ns !== 'role' || o.role !== 'ref' || o.owner === undefined) continue;
    const list = edgesByPart.get(o.part);
    if (list) list.push(o);
    else edgesByPart.set(o.part, [o]);
  }
  for (const edges of edgesByPart.values()) {
    const graph = new Map<string, Set<string>>();
    for (const e of edges) {
      let s = graph.get(e.owner as string);
      if (!s) graph.set(e.owner as string, (s = new Set()));
      s.add(e.name);
    }
    const comp = components(graph);
    for (const e of edges) {
      const owner = e.owner as string;
      const c = comp.get(owner);
      if (c === undefined || comp.get(e.name) !== c) continue;
      const cycle = cyclePath(graph, owner, e.name, comp);
      const message = say('ref.role-cycle', e.path, { owner, cycle: cycle.map((n) => '`' + n + '`').join(' → ') });
      out.push(
        makeProblem('ref.role-cycle', e, message, { path: e.path, name: e.name, namespace: 'role', owner, cycle }),
      );
    }
  }
}

/** Strongly connected components (Tarjan, iterative); nodes on no cycle get no component. */
function components(graph: Map<string, Set<string>>): Map<string, number> {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const comp = new Map<string, number>();
  let counter = 0;
  let compId = 0;
  for (const start of graph.keys()) {
    if (index.has(start)) continue;
    const work: Array<{ v: string; it: Iterator<string> }> = [];
    const visit = (v: string): void => {
      index.set(v, counter);
      low.set(v, counter++);
      stack.push(v);
      onStack.add(v);
      work.push({ v, it: (graph.get(v) ?? new Set<string>()).values() });
    };
    visit(start);
    while (work.length) {
      const top = work[work.length - 1];
      const n = top.it.next();
      if (!n.done) {
        const w = n.value;
        if (!index.has(w)) visit(w);
        else if (onStack.has(w)) low.set(top.v, Math.min(low.get(top.v)!, index.get(w)!));
        continue;
      }
      work.pop();
      if (work.length) low.set(work[work.length - 1].v, Math.min(low.get(work[work.length - 1].v)!, low.get(top.v)!));
      if (low.get(top.v) === index.get(top.v)) {
        const members: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          members.push(w);
        } while (w !== top.v);
        const selfLoop = graph.get(top.v)?.has(top.v) ?? false;
        if (members.length > 1 || selfLoop) {
          for (const m of members) comp.set(m, compId);
          compId++;
        }
      }
    }
  }
  return comp;
}

/** owner → target → … → owner, by a breadth-first search inside the component. */
function cyclePath(
  graph: Map<string, Set<string>>,
  owner: string,
  target: string,
  comp: Map<string, number>,
): string[] {
  if (owner === target) return [owner, owner];
  const c = comp.get(owner);
  const prev = new Map<string, string>([[target, '']]);
  const queue = [target];
  while (queue.length) {
    const v = queue.shift()!;
    if (v === owner) break;
    for (const w of graph.get(v) ?? []) {
      if (prev.has(w) || comp.get(w) !== c) continue;
      prev.set(w, v);
      queue.push(w);
    }
  }
  const path: string[] = [];
  for (let v: string | undefined = owner; v; v = prev.get(v) || undefined) path.unshift(v);
  return [owner, ...path];
}
