/**
 * A user schema compiled where it does not hold up requests (a worker), handed over as data: the
 * documents read (as ajv was given them), the text of every file, and the validator as standalone
 * code. The thread that uses it instantiates the code over those documents (so verbose errors
 * point into them, as the schema graph expects), with RE2 for its patterns and the bundled
 * validators of its own store behind bundled references. The texts key a cache: a schema whose
 * files read the same again is not compiled again.
 */
import type { ValidateFunction } from 'ajv';
import { deprecationRecorder, type DeprecationSink } from './ajv';
import { bundledRefRunner, type BundledValidator } from './bundledRef';
import type { Dialect } from './dialect';
import { equalityFunctions } from './equal';
import { createRegExpEngine, type PatternReport } from './regex';
import { factoryOf, schemaLookup } from './standalone';
import { loadUserSchema, type SchemaError, type UserLoadHost, type UserSchema } from './userSchema';

export interface CompiledUserSchema {
  uri: string;
  /** Every file read, with its text. */
  texts: Array<[string, string]>;
  /** Every schema document ajv was given, by the URI it was asked for, root first. */
  documents: Array<[string, object]>;
  dialect: Dialect;
  kind?: string;
  error?: SchemaError;
  /** Patterns RE2 cannot run (not enforced, reported). */
  unsafe: string[];
  /** The validator's standalone code; absent when it compiles only in process (2020-12 dynamic references). */
  source?: string;
}

/**
 * Compile a user schema (ajv's resolution, files read through `host`): the validator for this
 * thread, and the same as data another thread can use.
 */
export function compileUserSchema(uri: string, host: UserLoadHost): { user: UserSchema; compiled: CompiledUserSchema } {
  const user = loadUserSchema(uri, host, { standalone: true });
  const compiled: CompiledUserSchema = {
    uri,
    texts: [...user.texts],
    documents: [...user.documents],
    dialect: user.dialect,
    kind: user.kind,
    error: user.error,
    unsafe: [...user.patterns.unsafe],
    source: user.error ? undefined : user.source,
  };
  return { user, compiled };
}

/** A compiled user schema made usable here: its documents, validator and sinks. */
export function instantiateUserSchema(
  compiled: CompiledUserSchema,
  bundled: { validator: BundledValidator; deprecations: DeprecationSink },
): UserSchema | undefined {
  const documents = new Map(compiled.documents);
  const deprecations: DeprecationSink = { found: [] };
  const patterns: PatternReport = { unsafe: new Set(compiled.unsafe) };
  const out: UserSchema = {
    dialect: compiled.dialect,
    documents,
    files: new Set(compiled.texts.map(([u]) => u)),
    deprecations,
    patterns,
    texts: new Map(compiled.texts),
    kind: compiled.kind,
    error: compiled.error,
    source: compiled.source,
  };
  if (compiled.error) return out;
  if (!compiled.source) return undefined;
  let validate: ValidateFunction | undefined;
  try {
    const exports = factoryOf(compiled.source)({
      schema: schemaLookup((d) => documents.get(d)),
      regExp: createRegExpEngine(false, patterns),
      fn: {
        ...equalityFunctions,
        deprecationMessage: deprecationRecorder(deprecations),
        bundledRef: bundledRefRunner(bundled.validator, { bundled: bundled.deprecations, user: deprecations }),
      },
    });
    validate = exports[compiled.uri];
  } catch {
    return undefined;
  }
  return typeof validate === 'function' ? { ...out, validate } : undefined;
}

/** Whether the files a compiled schema read still read the same (`read` gives a file's text, or undefined). */
export function sameTexts(
  compiled: { texts: Array<[string, string]> },
  read: (uri: string) => string | undefined,
): boolean {
  return compiled.texts.every(([uri, text]) => read(uri) === text);
}

/** A short digest of a compiled schema's files (for logs and cache keys; texts are compared in full). */
export function textsDigest(texts: Array<[string, string]>): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (const [uri, text] of texts) {
    for (const s of [uri, '\u0000', text, '\u0000']) {
      for (let i = 0; i < s.length; i++) {
        const c = s.charCodeAt(i);
        h1 = Math.imul(h1 ^ c, 2654435761);
        h2 = Math.imul(h2 ^ c, 1597334677);
      }
    }
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h2 >>> 0).toString(16).padStart(8, '0') + (h1 >>> 0).toString(16).padStart(8, '0');
}
