import { resolveUri, withoutFragment } from './uri';
import { followPointer } from './userSchema';

export { followPointer };

const DATA_KEYS = new Set(['enum', 'const', 'default', 'examples', 'defaultSnippets']);

/**
 * Schema graph navigation for the editor features and error shaping: the base URI of any
 * subschema object, `$ref` resolution between loaded schema documents (embedded `$id`s,
 * `$anchor`/`$dynamicAnchor`, location-independent `$id: "#name"`, JSON pointers), and the set of
 * subschemas reachable from one (for grouping validation errors by `oneOf` branch). Built lazily
 * over the objects the store knows. `alias` maps a URI naming a bundled schema (a SchemaStore
 * URL) to its `$id`.
 */
export class SchemaGraph {
  private readonly base = new WeakMap<object, string>();
  private readonly indexed = new Set<string>();
  private readonly ids = new Map<string, object>();
  private readonly anchors = new Map<string, object>();
  private readonly reach = new WeakMap<object, Set<object>>();

  constructor(
    private readonly objects: Map<string, object>,
    private readonly alias: (uri: string) => string | undefined = () => undefined,
  ) {}

  /** Whether a subschema object belongs to a bundled schema (whose patterns are trusted). */
  isBundled(schema: object): boolean {
    const b = this.baseOf(schema);
    return b !== undefined && this.alias(withoutFragment(b)) !== undefined;
  }

  /** Record the base URI of every object inside a schema document, and its identifiers. */
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
      const o = cur as Record<string, unknown>;
      const id = typeof o.$id === 'string' ? o.$id : typeof o.id === 'string' ? o.id : undefined;
      if (id !== undefined) {
        if (id.startsWith('#') && !id.startsWith('#/')) this.anchors.set(withoutFragment(base) + id, cur);
        else {
          b = resolveUri(id, base) ?? base;
          if (!this.ids.has(withoutFragment(b))) this.ids.set(withoutFragment(b), cur);
          const hash = b.indexOf('#');
          if (hash >= 0 && hash < b.length - 1) this.anchors.set(b, cur);
        }
      }
      for (const key of ['$anchor', '$dynamicAnchor']) {
        const name = o[key];
        if (typeof name === 'string') this.anchors.set(`${withoutFragment(b)}#${name}`, cur);
      }
      this.base.set(cur, b);
      for (const [k, v] of Object.entries(cur)) if (!DATA_KEYS.has(k)) stack.push([v, b]);
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

  private document(uri: string): object | undefined {
    const key = this.objects.has(uri) ? uri : this.alias(uri);
    if (key && this.objects.has(key)) {
      this.index(key);
      return this.objects.get(key);
    }
    // Ids are recorded while indexing, so a document found by its `$id` is indexed already.
    return this.ids.get(uri);
  }

  /** The schema object a `$ref` (or `$dynamicRef`) inside `from` points to. */
  resolveRef(ref: string, from: object): object | undefined {
    const base = this.baseOf(from) ?? '';
    const full = resolveUri(ref, base) ?? ref;
    const docUri = withoutFragment(full);
    const fragment = full.slice(docUri.length + 1);
    let doc = this.document(docUri);
    if (!doc) {
      this.ensureAll();
      doc = this.document(docUri);
    }
    if (!doc) return undefined;
    if (!fragment) return doc;
    if (fragment.startsWith('/')) return followPointer(doc, fragment);
    let anchored = this.anchors.get(`${docUri}#${fragment}`);
    if (!anchored) {
      this.ensureAll();
      anchored = this.anchors.get(`${docUri}#${fragment}`);
    }
    return anchored;
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
        if ((k === '$ref' || k === '$dynamicRef') && typeof v === 'string') {
          const target = this.resolveRef(v, cur);
          if (target) stack.push(target);
        } else if (!DATA_KEYS.has(k)) stack.push(v);
      }
    }
    this.reach.set(schema, seen);
    return seen;
  }
}
