import { resolveUri } from './store';

/**
 * Schema graph navigation: the base URI of any subschema object, `$ref` resolution between
 * loaded schema documents, and the set of subschemas reachable from one (for grouping validation
 * errors by `oneOf` branch). Built lazily over the objects the store knows.
 */
export class SchemaGraph {
  private readonly base = new WeakMap<object, string>();
  private readonly indexed = new Set<string>();
  private readonly reach = new WeakMap<object, Set<object>>();

  constructor(private readonly objects: Map<string, object>) {}

  /** Record the base URI of every object inside a schema document. */
  private index(uri: string): void {
    if (this.indexed.has(uri)) return;
    this.indexed.add(uri);
    const root = this.objects.get(uri);
    if (!root) return;
    const stack: Array<[unknown, string]> = [[root, uri]];
    let n = 0;
    while (stack.length && n++ < 500_000) {
      const [cur, base] = stack.pop()!;
      if (!cur || typeof cur !== 'object') continue;
      if (Array.isArray(cur)) {
        for (const v of cur) stack.push([v, base]);
        continue;
      }
      if (this.base.has(cur)) continue;
      let b = base;
      const id = (cur as { $id?: unknown }).$id;
      if (typeof id === 'string' && cur !== root && !id.startsWith('#')) b = resolveUri(id, base) ?? base;
      this.base.set(cur, b);
      for (const [k, v] of Object.entries(cur)) {
        if (k === 'enum' || k === 'const' || k === 'default' || k === 'examples' || k === 'defaultSnippets') continue;
        stack.push([v, b]);
      }
    }
  }

  private ensureAll(): void {
    for (const uri of this.objects.keys()) this.index(uri);
  }

  baseOf(schema: object): string | undefined {
    let b = this.base.get(schema);
    if (b === undefined) {
      this.ensureAll();
      b = this.base.get(schema);
    }
    return b;
  }

  /** The schema object a `$ref` inside `from` points to. */
  resolveRef(ref: string, from: object): object | undefined {
    const base = this.baseOf(from) ?? '';
    const hash = ref.indexOf('#');
    const uriPart = hash >= 0 ? ref.slice(0, hash) : ref;
    const pointer = hash >= 0 ? ref.slice(hash + 1) : '';
    const docUri = uriPart ? resolveUri(uriPart, base) : base;
    if (!docUri) return undefined;
    let doc = this.objects.get(docUri);
    if (!doc) {
      // A `$ref` may name a document by a `$id` it declares.
      for (const [u, o] of this.objects)
        if ((o as { $id?: string }).$id === docUri || u === docUri.replace(/\/$/, '')) doc = o;
    }
    if (!doc) return undefined;
    this.index(docUri);
    return pointer ? followPointer(doc, pointer) : doc;
  }

  /** Every subschema object reachable from `schema`, through `$ref` too (bounded). */
  reachable(schema: object): Set<object> {
    const hit = this.reach.get(schema);
    if (hit) return hit;
    const seen = new Set<object>();
    const stack: unknown[] = [schema];
    while (stack.length && seen.size < 200_000) {
      const cur = stack.pop();
      if (!cur || typeof cur !== 'object') continue;
      if (Array.isArray(cur)) {
        for (const v of cur) stack.push(v);
        continue;
      }
      if (seen.has(cur)) continue;
      seen.add(cur);
      for (const [k, v] of Object.entries(cur)) {
        if (k === '$ref' && typeof v === 'string') {
          const target = this.resolveRef(v, cur);
          if (target) stack.push(target);
        } else if (k !== 'enum' && k !== 'const' && k !== 'default' && k !== 'examples' && k !== 'defaultSnippets')
          stack.push(v);
      }
    }
    this.reach.set(schema, seen);
    return seen;
  }
}

export function followPointer(doc: unknown, pointer: string): object | undefined {
  let cur: unknown = doc;
  if (!pointer || pointer === '/') return doc as object;
  for (const raw of pointer.replace(/^\//, '').split('/')) {
    const seg = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (!cur || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[seg];
  }
  return cur && typeof cur === 'object' ? (cur as object) : undefined;
}
