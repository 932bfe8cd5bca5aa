import type Ajv from 'ajv';
import type { ValidateFunction } from 'ajv';
import { createAjv, type DeprecationSink } from './ajv';
import type { PatternReport } from './regex';
import type { Dialect } from './dialect';
import { isKind, type Kind } from '../kinds';
import type { ReadFile, SchemaError, UserLoadHost, UserSchema } from './userSchema';
import { compileUserSchema, instantiateUserSchema, sameTexts, type CompiledUserSchema } from './userCompile';
import { LruCache } from '../util/lru';
import { fileName, withoutFragment } from './uri';
import { bundledRuntime, PrecompiledValidators, type PrecompiledModule } from './precompile';

export type { ReadFile } from './userSchema';
export { resolveUri, fileName } from './uri';

/** One bundled config kind, as listed in `schemas/catalog.json`. */
export interface CatalogEntry {
  id: string;
  uri: string;
  file: string;
  title: string;
  description?: string;
  fileMatch: string[];
  upstream?: boolean;
  /** Other URIs that name this schema (SchemaStore's, for the upstream kinds). */
  aliases?: string[];
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
  /**
   * The validators the build generated (see precompile.ts): the module exporting a bundled `$id`'s
   * validator, undefined when there is none (or the schemas changed since the build).
   */
  precompiled?: (uri: string) => PrecompiledModule | undefined;
}

export interface LoadedSchema {
  uri: string;
  title: string;
  schema: object;
  validate?: ValidateFunction;
  deprecations: DeprecationSink;
  patterns: PatternReport;
  /** Set when the schema (or one it references) could not be read or compiled. */
  error?: SchemaError;
  bundled: boolean;
  /** The dialect of a user schema (bundled schemas are draft-07). */
  dialect?: Dialect;
  /** The config kind whose rules and cross-file checks apply (a bundled kind, or the one a user schema extends). */
  kind?: string;
  /** Files read for a user schema, for invalidation. */
  files?: Set<string>;
  /** The documents of a user schema by URI (root first). */
  documents?: Map<string, object>;
  /** A user schema as data, for another thread (its validator as code when it can be had so). */
  compiled?: CompiledUserSchema;
}

/** Compiles a user schema away from this thread (the server's workers). */
export type UserSchemaCompiler = (uri: string) => Promise<CompiledUserSchema>;

/** Aliases are compared without scheme differences, a trailing `#` or a missing `.json`. */
function aliasKey(uri: string): string {
  return uri
    .trim()
    .replace(/^http:/i, 'https:')
    .replace(/#$/, '')
    .replace(/\.json$/i, '')
    .toLowerCase();
}

/**
 * Bundled and user schemas, compiled on first use and kept until a file changes. Bundled schemas
 * share one ajv instance (trusted: native patterns); each user schema gets its own, in its own
 * dialect, where a reference to a bundled schema delegates to the bundled validator, so the two
 * compilations stay separate.
 */
export class SchemaStore {
  private bundledAjv: Ajv | undefined;
  private readonly bundledDeprecations: DeprecationSink = { found: [] };
  private readonly bundledPatterns: PatternReport = { unsafe: new Set() };
  private readonly bundledValidators = new Map<string, ValidateFunction | undefined>();
  private readonly loaded = new Map<string, LoadedSchema>();
  private readonly byId = new Map<string, CatalogEntry>();
  private readonly aliases = new Map<string, string>();
  /** Every schema object known by URI (bundled, and user files once read), for the schema walker. */
  readonly objects = new Map<string, object>();
  /** Bundled validators instantiated from the build's modules. */
  private readonly precompiled: PrecompiledValidators;
  /** Bundled schemas compiled by ajv at run time (none for a kind the build precompiled); user schemas compiled here. */
  readonly stats = { runtimeCompiles: 0, userCompiles: 0 };
  /** User schemas by URI, kept across invalidation: used again while their files read the same. */
  private readonly userCache = new LruCache<string, LoadedSchema>(32);
  /** User schemas being compiled elsewhere. */
  private readonly pending = new Map<string, Promise<void>>();
  /** Bumped by every invalidation: a compile started before it may have read old files. */
  private epoch = 0;
  private compiler: UserSchemaCompiler | undefined;

  constructor(
    readonly bundled: BundledSchemas,
    private readonly readFile: ReadFile,
  ) {
    for (const e of bundled.catalog) {
      this.byId.set(e.id, e);
      this.byId.set(e.uri, e);
      for (const a of e.aliases ?? []) this.aliases.set(aliasKey(a), e.uri);
      // A version's `$id` names the kind: the file is validated against the version it declares.
      for (const v of e.versions ?? []) this.byId.set(v.uri, e);
    }
    for (const [uri, s] of Object.entries(bundled.schemas)) this.objects.set(uri, s);
    this.precompiled = new PrecompiledValidators(bundled.precompiled, () =>
      bundledRuntime(bundled.schemas, this.bundledDeprecations, this.bundledPatterns),
    );
  }

  /** The catalog entry for a bundled id (`tenant`), `$id` or alias (a SchemaStore URL). */
  entry(idOrUri: string): CatalogEntry | undefined {
    return this.byId.get(idOrUri) ?? this.byId.get(this.aliases.get(aliasKey(idOrUri)) ?? '');
  }

  isBundled(uri: string): boolean {
    return Object.prototype.hasOwnProperty.call(this.bundled.schemas, uri);
  }

  /** The bundled `$id` a URI names: itself, or the schema a SchemaStore URL stands for. */
  bundledUri(uri: string): string | undefined {
    const doc = withoutFragment(uri);
    if (this.isBundled(doc)) return doc;
    return this.aliases.get(aliasKey(doc));
  }

  /**
   * Which config kind a document under this schema is: the bundled kind itself, or for a user
   * schema the bundled kind it extends (`allOf: [{ $ref: <bundled $id> }, …]` or a root `$ref`),
   * which keeps that kind's rules and cross-file checks. Undefined for any other schema.
   */
  kindOf(schemaUri: string | undefined): Kind | undefined {
    if (schemaUri === undefined) return undefined;
    const entry = this.entry(schemaUri);
    if (entry) return isKind(entry.id) ? entry.id : undefined;
    if (this.isBundled(schemaUri)) return undefined;
    const kind = this.get(schemaUri).kind;
    return isKind(kind) ? kind : undefined;
  }

  /** Forget a user schema file (it changed on disk), and every schema that read it. */
  invalidate(uri?: string): void {
    this.epoch++;
    for (const [k, v] of [...this.loaded]) {
      if (v.bundled) continue;
      if (!uri || k === uri || v.files?.has(uri)) {
        this.loaded.delete(k);
        for (const d of v.documents?.keys() ?? []) this.objects.delete(d);
      }
    }
    if (uri) this.objects.delete(uri);
    // Documents shared with schemas that stay loaded stay known.
    for (const v of this.loaded.values()) for (const [d, o] of v.documents ?? []) this.objects.set(d, o);
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
        dialect: 'draft-07',
        trusted: true,
        patterns: this.bundledPatterns,
        deprecations: this.bundledDeprecations,
      });
      for (const [uri, schema] of Object.entries(this.bundled.schemas)) this.bundledAjv.addSchema(schema, uri);
    }
    return this.bundledAjv;
  }

  /** The compiled bundled validator for a bundled URI, with or without a JSON pointer. */
  private bundledValidator = (ref: string): ValidateFunction | undefined => {
    if (this.bundledValidators.has(ref)) return this.bundledValidators.get(ref);
    let v: ValidateFunction | undefined = this.precompiled.get(ref.replace(/#$/, ''));
    if (!v) v = this.compileBundled(ref);
    this.bundledValidators.set(ref, v);
    return v;
  };

  /** A bundled validator compiled by ajv now (the build made none for it, or a pointer into a schema). */
  private compileBundled(ref: string): ValidateFunction | undefined {
    this.stats.runtimeCompiles++;
    try {
      return this.ensureBundledAjv().getSchema(ref);
    } catch {
      return undefined;
    }
  }

  private loadBundled(uri: string): LoadedSchema {
    const schema = this.bundled.schemas[uri];
    const entry = this.byId.get(uri);
    const base: LoadedSchema = {
      uri,
      title: entry?.title ?? titleOf(schema, uri),
      schema,
      deprecations: this.bundledDeprecations,
      patterns: this.bundledPatterns,
      bundled: true,
      dialect: 'draft-07',
      kind: entry?.id,
    };
    try {
      const validate =
        this.precompiled.get(uri) ?? (this.stats.runtimeCompiles++, this.ensureBundledAjv().getSchema(uri));
      if (!validate) return { ...base, error: { code: 'schema.load-error', detail: 'not registered', uri } };
      return { ...base, validate };
    } catch (e) {
      return { ...base, error: { code: 'schema.compile-error', detail: String((e as Error)?.message ?? e), uri } };
    }
  }

  /** Compile user schemas with `compiler` (off this thread) when `prepare` is asked; without one, `get` compiles here. */
  setCompiler(compiler: UserSchemaCompiler | undefined): void {
    this.compiler = compiler;
  }

  /**
   * Have a user schema ready for `get`: reused when its files read the same as when it was
   * compiled, otherwise compiled by the compiler. Undefined when `get` will not compile (ready,
   * bundled, or no compiler); a promise that settles when the compile is done otherwise.
   */
  prepare(uri: string): Promise<void> | undefined {
    if (this.loaded.has(uri) || this.isBundled(uri) || this.reuse(uri)) return undefined;
    const running = this.pending.get(uri);
    if (running || !this.compiler) return running;
    const epoch = this.epoch;
    const done = this.compiler(uri)
      .then((compiled) => {
        if (this.epoch === epoch && !this.loaded.has(uri)) this.adopt(uri, compiled);
      })
      .catch(() => undefined)
      .finally(() => this.pending.delete(uri));
    this.pending.set(uri, done);
    return done;
  }

  /** What compiling a user schema needs from the store (also on a worker). */
  userHost(): UserLoadHost {
    return {
      readFile: this.readFile,
      bundledUri: (u) => this.bundledUri(u),
      bundledKind: (u) => {
        const b = this.bundledUri(u);
        return b ? this.byId.get(b)?.id : undefined;
      },
      bundledValidator: this.bundledValidator,
      bundledDeprecations: this.bundledDeprecations,
    };
  }

  /** A user schema compiled elsewhere, made usable here; undefined when it must compile in process. */
  adopt(uri: string, compiled: CompiledUserSchema): LoadedSchema | undefined {
    const user = instantiateUserSchema(compiled, {
      validator: this.bundledValidator,
      deprecations: this.bundledDeprecations,
    });
    if (!user) return undefined;
    return this.remember(uri, user, compiled);
  }

  /** The cached schema of `uri`, when every file it read reads the same now. */
  private reuse(uri: string): LoadedSchema | undefined {
    const hit = this.userCache.get(uri);
    // A schema that failed to load may load once a missing file appears: only good compiles are reused.
    if (!hit?.compiled || hit.error) return undefined;
    const read = (u: string): string | undefined => {
      try {
        const r = this.readFile(u);
        return typeof r === 'string' ? r : undefined;
      } catch {
        return undefined;
      }
    };
    if (!sameTexts(hit.compiled, read)) {
      this.userCache.delete(uri);
      return undefined;
    }
    this.loaded.set(uri, hit);
    for (const [u, doc] of hit.documents ?? []) this.objects.set(u, doc);
    return hit;
  }

  private loadUser(uri: string): LoadedSchema {
    const hit = this.reuse(uri);
    if (hit) return hit;
    this.stats.userCompiles++;
    const { user, compiled } = compileUserSchema(uri, this.userHost());
    return this.remember(uri, user, compiled);
  }

  private remember(uri: string, user: UserSchema, compiled: CompiledUserSchema): LoadedSchema {
    for (const [u, doc] of user.documents) this.objects.set(u, doc);
    const schema = user.documents.get(uri) ?? {};
    const loaded: LoadedSchema = {
      uri,
      title: user.error ? fileName(uri) : titleOf(schema, uri),
      schema,
      validate: user.error ? undefined : user.validate,
      deprecations: user.deprecations,
      patterns: user.patterns,
      error: user.error,
      bundled: false,
      dialect: user.dialect,
      kind: user.error ? undefined : user.kind,
      files: user.files,
      documents: user.documents,
      compiled,
    };
    this.loaded.set(uri, loaded);
    this.userCache.set(uri, loaded);
    return loaded;
  }
}

function titleOf(schema: unknown, uri: string): string {
  const t = schema && typeof schema === 'object' ? (schema as { title?: unknown }).title : undefined;
  return typeof t === 'string' && t.trim() ? t.trim() : fileName(uri);
}
