/**
 * What a worker thread does for the language server: check chunks of documents under a schema
 * (bundled, or a user schema handed over compiled) and compile user schemas. It has its own
 * store over the same bundled schemas; its problems are the ones the main thread would find.
 */
import type { DocumentFormat } from '../document/document';
import { isKind } from '../kinds';
import type { Problem } from '../problem';
import { SchemaGraph } from '../schema/resolve';
import { SchemaStore, type BundledSchemas, type LoadedSchema, type ReadFile } from '../schema/store';
import { compileUserSchema, textsDigest, type CompiledUserSchema } from '../schema/userCompile';
import { LruCache } from '../util/lru';
import { validateChunk, type ChunkJob } from './chunk';
import type { SchemaRef } from './plan';

/** A schema reference as it travels to a worker: a user schema's data only the first time (`key` after). */
export interface RemoteSchemaRef extends SchemaRef {
  /** `textsDigest` of a user schema's files. */
  key?: string;
}

export interface ChunkChecker {
  /** Problems of each chunk (offsets relative to the chunk); undefined when the user schema is not known here. */
  check(jobs: ChunkJob[], format: DocumentFormat, ref: RemoteSchemaRef): Problem[][] | undefined;
  /** Compile a user schema, reading its files with `readFile`. */
  compile(uri: string, readFile: ReadFile): CompiledUserSchema;
}

/** The key a user schema is known by on workers. */
export function remoteKey(compiled: CompiledUserSchema): string {
  return `${compiled.uri}\u0000${textsDigest(compiled.texts)}`;
}

export function createChunkChecker(bundled: BundledSchemas): ChunkChecker {
  const store = new SchemaStore(bundled, () => undefined);
  let graph = new SchemaGraph(store.objects, (u) => store.bundledUri(u));
  const users = new LruCache<string, LoadedSchema>(16);

  const userSchema = (ref: RemoteSchemaRef): LoadedSchema | undefined => {
    const key = ref.key ?? (ref.user ? remoteKey(ref.user) : undefined);
    if (!key) return undefined;
    let loaded = users.get(key);
    if (!loaded && ref.user) {
      // Documents replace older versions of the same files: the graph indexes them afresh.
      if (ref.user.documents.some(([u, doc]) => store.objects.has(u) && store.objects.get(u) !== doc))
        graph = new SchemaGraph(store.objects, (u) => store.bundledUri(u));
      loaded = store.adopt(ref.user.uri, ref.user);
      if (loaded) users.set(key, loaded);
    }
    return loaded;
  };

  return {
    check(jobs, format, ref) {
      let schema: LoadedSchema | undefined;
      let kind: string | undefined;
      if (ref.uri && (ref.user || ref.key)) {
        schema = userSchema(ref);
        if (!schema) return undefined;
        kind = isKind(schema.kind) ? schema.kind : undefined;
      } else if (ref.uri) {
        schema = store.get(ref.uri);
        kind = store.kindOf(ref.uri);
      }
      if (schema?.error) schema = undefined;
      return jobs.map((job) => validateChunk(job, format, { schema, graph, kind }));
    },
    compile(uri, readFile) {
      return compileUserSchema(uri, { ...store.userHost(), readFile }).compiled;
    },
  };
}
