import type Ajv from 'ajv';
import { MissingRefError, type ValidateFunction } from 'ajv';
import { parse as parseYamlValue } from 'yaml';
import type { CodeOf } from '../problem';
import { jsonErrorDetail, yamlErrorDetail } from '../util/parseError';
import { createAjv, type DeprecationSink } from './ajv';
import { addBundledRefKeyword, BUNDLED_REF, extendStub, type BundledValidator } from './bundledRef';
import {
  DEFAULT_DIALECT,
  META_SCHEMAS,
  dialectMentioned,
  normalizeUri,
  standardDialect,
  vocabulariesOf,
  type Dialect,
} from './dialect';
import type { PatternReport } from './regex';
import { prepareSchema, refsFromRoot } from './prepare';
import { besideFile, resolveUri, withoutFragment } from './uri';
import { addDynamicRef, indexDynamic, type DynamicIndex } from './dynamicRef';
import { locator, standaloneSource } from './standalone';

/**
 * How the core reads a user schema file: its text, or why it was not read (a sentence that quotes
 * nothing of the file), or undefined when it cannot be read.
 */
export type ReadFile = (uri: string) => string | { error: string; refusal?: string } | undefined;

export interface SchemaError {
  code: CodeOf<'schema'>;
  detail: string;
  uri: string;
  /** Why the reading gate refused the file (`outside-workspace`, `not-regular`, …). */
  refusal?: string;
}

type ReadResult = { schema: object; file: string } | { code: CodeOf<'schema'>; error: string; refusal?: string };

/** What the loader needs from the store. */
export interface UserLoadHost {
  readFile: ReadFile;
  /** The bundled `$id` a URI names (itself, or a SchemaStore alias), if any. */
  bundledUri(uri: string): string | undefined;
  /** The bundled config kind whose root schema a URI names, if any. */
  bundledKind(uri: string): string | undefined;
  bundledValidator: BundledValidator;
  bundledDeprecations: DeprecationSink;
}

export interface UserSchema {
  validate?: ValidateFunction;
  error?: SchemaError;
  dialect: Dialect;
  /** Every schema document read (by the URI it was asked for), root first. */
  documents: Map<string, object>;
  /** Files read, for invalidation. */
  files: Set<string>;
  deprecations: DeprecationSink;
  patterns: PatternReport;
  /** The bundled kind the root schema applies in full (`$ref`, `allOf`), if any. */
  kind?: string;
  /** The text of every file read, by URI (what the compiled validator depends on). */
  texts: Map<string, string>;
  /** The validator as standalone code (`standaloneSource`), when asked for and possible. */
  source?: string;
}

const MAX_DOCUMENTS = 64;

/** Parse a schema file's text (JSON, or YAML for `.yaml`/`.yml`); booleans become their object forms. */
export function parseSchemaText(
  uri: string,
  text: string,
): { schema: object } | { code: CodeOf<'schema'>; error: string } {
  const yaml = /\.ya?ml$/i.test(uri);
  try {
    const value: unknown = yaml ? parseYamlValue(text, { maxAliasCount: 100 }) : JSON.parse(text);
    if (typeof value === 'boolean') return { schema: value ? {} : { not: {} } };
    if (!value || typeof value !== 'object' || Array.isArray(value))
      return { code: 'schema.load-error', error: 'a schema must be a JSON object' };
    return { schema: value as object };
  } catch (e) {
    // Where the file stops parsing, never the parser's message: it quotes the file.
    return { code: 'schema.load-error', error: yaml ? yamlErrorDetail(e) : jsonErrorDetail(text) };
  }
}

export function errorText(e: unknown): string {
  return String((e as Error)?.message ?? e)
    .split('\n')[0]
    .slice(0, 300);
}

/**
 * Load and compile a user schema by ajv's own resolution rules: embedded `$id`s, `$anchor`,
 * `$dynamicRef` and JSON pointers are resolved by ajv; a document ajv reports missing is the
 * next one read (local files through the host, bundled schemas and meta-schemas from memory),
 * until the schema compiles or a document cannot be had. Nothing is fetched: an `http(s)` URI
 * is read only if the host's `readFile` serves it (the editor and the linter serve `file:` only),
 * or from beside the schema file when it lies under the schema's own `$id`.
 */
export function loadUserSchema(uri: string, host: UserLoadHost, options: { standalone?: boolean } = {}): UserSchema {
  const deprecations: DeprecationSink = { found: [] };
  const patterns: PatternReport = { unsafe: new Set() };
  const out: UserSchema = {
    dialect: DEFAULT_DIALECT,
    documents: new Map(),
    files: new Set([uri]),
    deprecations,
    patterns,
    texts: new Map(),
  };
  const fail = (code: CodeOf<'schema'>, detail: string, at = uri, refusal?: string): UserSchema => ({
    ...out,
    validate: undefined,
    error: { code, detail, uri: at, ...(refusal ? { refusal } : {}) },
  });

  const read = (target: string): ReadResult => {
    let text: ReturnType<ReadFile>;
    let file = target;
    try {
      text = host.readFile(target);
      if (text === undefined) {
        const beside = besideFile(target, rootId, uri);
        if (beside) {
          file = beside;
          text = host.readFile(beside);
        }
      }
    } catch (e) {
      return { code: 'schema.load-error', error: errorText(e) };
    }
    if (text !== undefined && typeof text !== 'string')
      return { code: 'schema.load-error', error: text.error, refusal: text.refusal };
    if (text === undefined)
      return /^https?:/i.test(target)
        ? { code: 'schema.remote-not-fetched', error: target }
        : { code: 'schema.load-error', error: 'file not found or unreadable' };
    out.files.add(file);
    out.texts.set(file, text);
    const parsed = parseSchemaText(file, text);
    return 'schema' in parsed ? { ...parsed, file } : parsed;
  };

  let rootId: string | undefined;
  const root = read(uri);
  if ('error' in root) return fail(root.code, root.error, uri, root.refusal);
  const metaUri = (root.schema as { $schema?: unknown }).$schema;
  const { dialect, formats, disabled } = dialectOf(typeof metaUri === 'string' ? metaUri : undefined, uri, read);
  out.dialect = dialect;
  const idKey = dialect === 'draft-04' ? 'id' : '$id';
  // 2020-12 meta-schemas are loaded like any document (when referenced), so their dynamic anchors are known.
  const extra = dialect === '2020-12' ? { meta: false } : undefined;
  const ajv: Ajv = createAjv({
    dialect,
    trusted: false,
    patterns,
    deprecations,
    formats,
    disabled,
    extra,
    standalone: options.standalone,
  });
  addBundledRefKeyword(ajv, host.bundledValidator, { bundled: host.bundledDeprecations, user: deprecations });
  const dynamicIndex: DynamicIndex = { anchors: new Map(), resources: new Map() };
  const dynamic = dialect === '2020-12' ? addDynamicRef(ajv, dynamicIndex) : undefined;

  const add = (key: string, schema: object): SchemaError | undefined => {
    const copy = prepareSchema(schema, dialect) as Record<string, unknown>;
    const id = copy[idKey];
    // A relative root `$id` is resolved against where the document was found.
    if (typeof id === 'string' && !id.startsWith('#')) copy[idKey] = resolveUri(id, key) ?? id;
    const base = typeof copy[idKey] === 'string' ? withoutFragment(copy[idKey] as string) : key;
    if (key === uri && typeof copy[idKey] === 'string') rootId = base;
    refsFromRoot(copy, base, dialect);
    if (dynamic) indexDynamic(copy, key, base, dynamicIndex);
    out.documents.set(key, copy);
    try {
      ajv.addSchema(copy, key);
      return undefined;
    } catch (e) {
      return { code: 'schema.compile-error', detail: errorText(e), uri: key };
    }
  };

  const addError = add(uri, root.schema);
  if (addError) return fail(addError.code, addError.detail, addError.uri);
  const stubs = new Map<string, Record<string, unknown>>();
  const seen = new Set<string>();
  for (;;) {
    try {
      const validate = ajv.getSchema(uri);
      if (!validate) return fail('schema.load-error', 'not registered');
      out.validate = dynamic ? withFreshScope(validate, dynamic.reset) : validate;
      break;
    } catch (e) {
      if (!(e instanceof MissingRefError)) return fail('schema.compile-error', errorText(e));
      const target = e.missingSchema;
      if (seen.has(e.missingRef) || out.documents.size + stubs.size >= MAX_DOCUMENTS)
        return fail('schema.compile-error', errorText(e));
      seen.add(e.missingRef);
      const bundled = host.bundledUri(target);
      if (bundled) {
        let stub = stubs.get(target);
        if (!stub) {
          stub = { [BUNDLED_REF]: bundled };
          stubs.set(target, stub);
          ajv.addSchema(stub, target);
        }
        if (!extendStub(stub, bundled, e.missingRef))
          return fail(
            'schema.compile-error',
            `${e.missingRef}: a reference into a bundled schema names the schema, one of its definitions or properties`,
          );
        continue;
      }
      const meta = META_SCHEMAS.get(normalizeUri(target));
      if (meta) {
        const err = dynamic ? add(target, meta) : undefined;
        if (err) return fail(err.code, err.detail, err.uri);
        if (!dynamic) ajv.addSchema(meta, target);
        continue;
      }
      if (!target || out.documents.has(target)) return fail('schema.compile-error', errorText(e));
      const doc = read(target);
      if ('error' in doc) return fail(doc.code, doc.error, target, doc.refusal);
      const err = add(target, doc.schema);
      if (err) return fail(err.code, err.detail, err.uri);
    }
  }
  out.kind = extendedKind(uri, out.documents, host);
  if (options.standalone) {
    try {
      out.source = standaloneSource(ajv, { [uri]: uri }, locator(out.documents));
    } catch {
      // A keyword function generated code cannot name (2020-12 dynamic references): compiled in process.
      out.source = undefined;
    }
  }
  return out;
}

/** A validator that starts each run with an empty dynamic scope (a run that threw leaves none behind). */
function withFreshScope(validate: ValidateFunction, reset: () => void): ValidateFunction {
  const run = ((data: unknown) => {
    reset();
    const ok = validate(data);
    run.errors = validate.errors;
    return ok;
  }) as ValidateFunction;
  return run;
}

/** The dialect of a schema from its `$schema`: a standard URI, or a custom meta-schema read like any document. */
function dialectOf(
  metaUri: string | undefined,
  uri: string,
  read: (target: string) => ReadResult,
): { dialect: Dialect; formats: boolean; disabled: string[] } {
  if (!metaUri) return { dialect: DEFAULT_DIALECT, formats: true, disabled: [] };
  const standard = standardDialect(metaUri);
  if (standard) return { dialect: standard, formats: formatsAsserted(standard), disabled: [] };
  const target = resolveUri(withoutFragment(metaUri), uri);
  let metaSchema: object | undefined = target ? META_SCHEMAS.get(normalizeUri(target)) : undefined;
  if (target && !metaSchema) {
    const r = read(target);
    if ('schema' in r) metaSchema = r.schema;
  }
  if (!metaSchema) {
    const mentioned = dialectMentioned(metaUri);
    return { dialect: mentioned, formats: formatsAsserted(mentioned), disabled: [] };
  }
  const parent = (metaSchema as { $schema?: unknown }).$schema;
  const dialect = (typeof parent === 'string' && standardDialect(parent)) || dialectMentioned(metaUri);
  const vocab = vocabulariesOf(metaSchema, dialect);
  return { dialect, formats: vocab.formatAssertion ?? formatsAsserted(dialect), disabled: vocab.disabled };
}

/**
 * `format` is asserted, as editors do, except where the schema's dialect makes it an annotation
 * (2019-09 and 2020-12, unless a meta-schema declares the format-assertion vocabulary).
 */
function formatsAsserted(dialect: Dialect): boolean {
  return dialect !== '2019-09' && dialect !== '2020-12';
}

/**
 * The bundled kind a user schema extends: the first bundled kind reached from its root through
 * `$ref` and `allOf` only (what applies to the whole document, unconditionally).
 */
function extendedKind(uri: string, documents: Map<string, object>, host: UserLoadHost): string | undefined {
  const stack: Array<{ schema: unknown; base: string; depth: number }> = [
    { schema: documents.get(uri), base: baseOf(documents.get(uri), uri), depth: 0 },
  ];
  const visited = new Set<unknown>();
  while (stack.length) {
    const { schema, base, depth } = stack.shift()!;
    if (!schema || typeof schema !== 'object' || visited.has(schema) || depth > 16) continue;
    visited.add(schema);
    const s = schema as Record<string, unknown>;
    if (typeof s.$ref === 'string') {
      const target = resolveUri(s.$ref, base);
      if (target) {
        const kind = host.bundledKind(withoutFragment(target)) ?? undefined;
        if (kind && !target.includes('#')) return kind;
        const docUri = withoutFragment(target);
        const doc =
          documents.get(docUri) ?? [...documents.values()].find((d) => (d as { $id?: string }).$id === docUri);
        const pointer = target.slice(docUri.length + 1);
        const next = doc && (pointer ? followPointer(doc, pointer) : doc);
        if (next) stack.push({ schema: next, base: baseOf(next, docUri), depth: depth + 1 });
      }
    }
    if (Array.isArray(s.allOf))
      for (const sub of s.allOf) stack.push({ schema: sub, base: baseOf(sub, base), depth: depth + 1 });
  }
  return undefined;
}

function baseOf(schema: unknown, base: string): string {
  const id = schema && typeof schema === 'object' ? (schema as { $id?: unknown }).$id : undefined;
  return typeof id === 'string' && !id.startsWith('#') ? (resolveUri(withoutFragment(id), base) ?? base) : base;
}

/** The value at a JSON pointer (`/a/b`, URI-encoded segments) inside a document. */
export function followPointer(doc: unknown, pointer: string): object | undefined {
  let cur: unknown = doc;
  if (!pointer || pointer === '/') return doc as object;
  if (!pointer.startsWith('/')) return undefined;
  for (const raw of pointer.slice(1).split('/')) {
    const seg = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (!cur || typeof cur !== 'object' || !Object.prototype.hasOwnProperty.call(cur, seg)) return undefined;
    cur = (cur as Record<string, unknown>)[seg];
  }
  return cur && typeof cur === 'object' ? (cur as object) : undefined;
}
