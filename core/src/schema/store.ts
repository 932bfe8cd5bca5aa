import type Ajv from 'ajv';
import type { ValidateFunction } from 'ajv';
import { parse as parseYamlValue } from 'yaml';
import { URI, Utils } from 'vscode-uri';
import { createAjv, draftOf, type DeprecationSink } from './ajv';
import type { PatternReport } from './regex';

/** One bundled config kind, as listed in `schemas/catalog.json`. */
export interface CatalogEntry {
  id: string;
  uri: string;
  file: string;
  title: string;
  description?: string;
  fileMatch: string[];
  upstream?: boolean;
  /** Format versions of our own kinds, each in its own file with its own `$id`, oldest first. */
  versions?: Array<{ version: string; uri: string; file: string }>;
  latestVersion?: string;
}

/** The bundled schemas, handed to the core by its host (the core reads no files). */
export interface BundledSchemas {
  catalog: CatalogEntry[];
  /** Every bundled schema object (kinds and shared definitions) by its `$id`. */
  schemas: Record<string, object>;
  /** File URI of the folder holding the bundled schema files, for links. */
  folderUri?: string;
}

/** How the core reads a user schema file: its text, or undefined when it cannot be read. */
export type ReadFile = (uri: string) => string | undefined;

export interface LoadedSchema {
  uri: string;
  title: string;
  schema: object;
  validate?: ValidateFunction;
  deprecations: DeprecationSink;
  patterns: PatternReport;
  /** Set when the schema (or one it references) could not be read or compiled. */
  error?: { code: string; detail: string; uri: string };
  bundled: boolean;
}

const MAX_REF_FILES = 64;

/**
 * Bundled and user schemas, compiled on first use and kept until a file changes.
 * Bundled schemas share one ajv instance; each user schema gets its own, with the bundled
 * schemas added, so a user schema may `$ref` our shared definitions.
 */
export class SchemaStore {
  private bundledAjv: Ajv | undefined;
  private readonly bundledDeprecations: DeprecationSink = { found: [] };
  private readonly bundledPatterns: PatternReport = { unsafe: new Set() };
  private readonly loaded = new Map<string, LoadedSchema>();
  private readonly byId = new Map<string, CatalogEntry>();
  /** Every schema object known by URI (bundled, and user files once read), for the schema walker. */
  readonly objects = new Map<string, object>();

  constructor(
    readonly bundled: BundledSchemas,
    private readonly readFile: ReadFile,
  ) {
    for (const e of bundled.catalog) {
      this.byId.set(e.id, e);
      this.byId.set(e.uri, e);
      // A version's `$id` names the kind: the file is validated against the version it declares.
      for (const v of e.versions ?? []) this.byId.set(v.uri, e);
    }
    for (const [uri, s] of Object.entries(bundled.schemas)) this.objects.set(uri, s);
  }

  /** The catalog entry for a bundled id (`tenant`) or `$id`. */
  entry(idOrUri: string): CatalogEntry | undefined {
    return this.byId.get(idOrUri);
  }

  isBundled(uri: string): boolean {
    return Object.prototype.hasOwnProperty.call(this.bundled.schemas, uri);
  }

  /** Forget a user schema file (it changed on disk), and every schema that read it. */
  invalidate(uri?: string): void {
    if (!uri) {
      for (const k of [...this.loaded.keys()]) if (!this.loaded.get(k)!.bundled) this.loaded.delete(k);
      return;
    }
    for (const [k, v] of [...this.loaded]) {
      if (!v.bundled && (k === uri || (v as LoadedSchema & { files?: Set<string> }).files?.has(uri)))
        this.loaded.delete(k);
    }
    this.objects.delete(uri);
  }

  /** Get (compile on first use) a bundled schema by `$id` or a user schema by file URI. */
  get(uri: string): LoadedSchema {
    const hit = this.loaded.get(uri);
    if (hit) return hit;
    const result = this.isBundled(uri) ? this.loadBundled(uri) : this.loadUser(uri);
    this.loaded.set(uri, result);
    return result;
  }

  private ensureBundledAjv(): Ajv {
    if (!this.bundledAjv) {
      this.bundledAjv = createAjv({
        trusted: true,
        patterns: this.bundledPatterns,
        deprecations: this.bundledDeprecations,
      });
      for (const [uri, schema] of Object.entries(this.bundled.schemas)) this.bundledAjv.addSchema(schema, uri);
    }
    return this.bundledAjv;
  }

  private loadBundled(uri: string): LoadedSchema {
    const schema = this.bundled.schemas[uri];
    const title = this.byId.get(uri)?.title ?? titleOf(schema, uri);
    const base: LoadedSchema = {
      uri,
      title,
      schema,
      deprecations: this.bundledDeprecations,
      patterns: this.bundledPatterns,
      bundled: true,
    };
    try {
      const validate = this.ensureBundledAjv().getSchema(uri);
      if (!validate) return { ...base, error: { code: 'schema.load-error', detail: 'not registered', uri } };
      return { ...base, validate };
    } catch (e) {
      return { ...base, error: { code: 'schema.compile-error', detail: errorText(e), uri } };
    }
  }

  private loadUser(uri: string): LoadedSchema {
    const deprecations: DeprecationSink = { found: [] };
    const patterns: PatternReport = { unsafe: new Set() };
    const files = new Set<string>([uri]);
    const fail = (code: string, detail: string, at = uri): LoadedSchema & { files: Set<string> } => ({
      uri,
      title: fileName(uri),
      schema: {},
      deprecations,
      patterns,
      bundled: false,
      error: { code, detail, uri: at },
      files,
    });
    const root = this.readSchemaFile(uri);
    if ('error' in root) return fail(root.code, root.error);
    const schema = root.schema;
    const ajv = createAjv({ draft: draftOf(schema), trusted: false, patterns, deprecations });
    for (const [bUri, bSchema] of Object.entries(this.bundled.schemas)) ajv.addSchema(bSchema, bUri);
    // Load the files the schema references, breadth first, bounded.
    const queue: Array<{ uri: string; schema: object }> = [{ uri, schema }];
    const added = new Set<string>();
    while (queue.length) {
      const cur = queue.shift()!;
      if (added.has(cur.uri)) continue;
      added.add(cur.uri);
      const copy = { ...(cur.schema as Record<string, unknown>) };
      // The file's location is its identity, so relative `$ref`s resolve next to it.
      delete copy.$id;
      delete copy.id;
      this.objects.set(cur.uri, copy);
      try {
        ajv.addSchema(copy, cur.uri);
      } catch (e) {
        return fail('schema.compile-error', errorText(e), cur.uri);
      }
      for (const ref of externalRefs(cur.schema)) {
        const target = resolveUri(ref, cur.uri);
        if (!target || this.isBundled(target) || added.has(target)) continue;
        if (/^https?:/i.test(target)) return fail('schema.remote-not-fetched', target, cur.uri);
        if (added.size + queue.length >= MAX_REF_FILES)
          return fail('schema.load-error', `more than ${MAX_REF_FILES} referenced files`, cur.uri);
        files.add(target);
        const sub = this.readSchemaFile(target);
        if ('error' in sub) return fail(sub.code, sub.error, target);
        queue.push({ uri: target, schema: sub.schema });
      }
    }
    try {
      const validate = ajv.getSchema(uri);
      if (!validate) return fail('schema.load-error', 'not registered');
      const out: LoadedSchema & { files: Set<string> } = {
        uri,
        title: titleOf(schema, uri),
        schema: this.objects.get(uri)!,
        validate,
        deprecations,
        patterns,
        bundled: false,
        files,
      };
      return out;
    } catch (e) {
      return fail('schema.compile-error', errorText(e));
    }
  }

  private readSchemaFile(uri: string): { schema: object } | { code: string; error: string } {
    let text: string | undefined;
    try {
      text = this.readFile(uri);
    } catch (e) {
      return { code: 'schema.load-error', error: errorText(e) };
    }
    if (text === undefined) return { code: 'schema.load-error', error: 'file not found or unreadable' };
    try {
      const value: unknown = /\.ya?ml$/i.test(uri) ? parseYamlValue(text, { maxAliasCount: 100 }) : JSON.parse(text);
      if (typeof value === 'boolean') return { schema: value ? {} : { not: {} } };
      if (!value || typeof value !== 'object' || Array.isArray(value))
        return { code: 'schema.load-error', error: 'a schema must be a JSON object' };
      return { schema: value as object };
    } catch (e) {
      return { code: 'schema.load-error', error: errorText(e) };
    }
  }
}

function titleOf(schema: unknown, uri: string): string {
  const t = schema && typeof schema === 'object' ? (schema as { title?: unknown }).title : undefined;
  return typeof t === 'string' && t.trim() ? t.trim() : fileName(uri);
}

export function fileName(uri: string): string {
  const clean = uri.replace(/[?#].*$/, '');
  return decodeURIComponent(clean.slice(clean.lastIndexOf('/') + 1)) || uri;
}

function errorText(e: unknown): string {
  return String((e as Error)?.message ?? e)
    .split('\n')[0]
    .slice(0, 300);
}

/** `$ref` values pointing outside the schema's own document (bounded walk). */
export function externalRefs(schema: unknown): string[] {
  const out = new Set<string>();
  const stack: unknown[] = [schema];
  let visited = 0;
  while (stack.length && visited++ < 100_000) {
    const cur = stack.pop();
    if (!cur || typeof cur !== 'object') continue;
    if (Array.isArray(cur)) {
      for (const v of cur) stack.push(v);
      continue;
    }
    for (const [k, v] of Object.entries(cur)) {
      if ((k === '$ref' || k === '$dynamicRef' || k === '$recursiveRef') && typeof v === 'string' && !v.startsWith('#'))
        out.add(v.split('#')[0]);
      else if (k !== 'enum' && k !== 'const' && k !== 'default' && k !== 'examples' && k !== 'defaultSnippets')
        stack.push(v);
    }
  }
  return [...out].filter((r) => r.length > 0);
}

/** Resolve a reference against a base URI (file or https), or undefined when it is not a URI. */
export function resolveUri(ref: string, base: string): string | undefined {
  try {
    if (/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(ref) && !/^[a-zA-Z]:[\\/]/.test(ref)) return URI.parse(ref).toString();
    const baseUri = URI.parse(base);
    if (ref.startsWith('/')) return baseUri.with({ path: ref }).toString();
    const dir = base.endsWith('/') ? baseUri : Utils.dirname(baseUri);
    return Utils.joinPath(dir, ref).toString();
  } catch {
    return undefined;
  }
}
