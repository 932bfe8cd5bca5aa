/**
 * A document's validation as a plan: its chunks, those whose problems are not cached yet, and
 * what another thread needs to check them under the same schema. The shell runs the pending
 * chunks here (one per step, yielding between them) or hands them to workers, then asks for the
 * diagnostics; nothing is checked twice, whoever checks it.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { DocumentFormat } from '../document/document';
import { isRefusal } from '../host/files';
import { say, type ProblemMessageId } from '../messages';
import type { Problem, SchemaData } from '../problem';
import type { Association } from '../schema/associations';
import type { SchemaGraph } from '../schema/resolve';
import type { LoadedSchema, SchemaStore } from '../schema/store';
import type { CompiledUserSchema } from '../schema/userCompile';
import type { LruCache } from '../util/lru';
import { validateChunk, type ChunkContext, type ChunkJob } from './chunk';

/** What a worker needs to check chunks under a document's schema. */
export interface SchemaRef {
  /** The schema's URI (empty: no schema, reading problems only). */
  uri: string;
  /** A user schema's compiled form; a bundled schema is known to every worker. */
  user?: CompiledUserSchema;
}

export interface ValidationPlan {
  readonly format: DocumentFormat;
  /** Number of chunks of the document. */
  readonly chunks: number;
  /** Indexes of the chunks whose problems are not known yet, in order. */
  readonly pending: readonly number[];
  job(index: number): ChunkJob;
  /** What another thread needs to check the pending chunks; undefined when only this one can. */
  readonly remote: SchemaRef | undefined;
  /** Check chunk `index` here. */
  runHere(index: number): void;
  /** The problems of chunk `index`, checked elsewhere (offsets relative to the chunk). */
  accept(index: number, problems: Problem[]): void;
  /** Whether every chunk's problems are known. */
  readonly complete: boolean;
  /** The document's diagnostics (every chunk known). */
  finish(): Diagnostic[];
  /** The chunks, where they start in the document. */
  readonly parts: ReadonlyArray<{ start: number; text: string }>;
  /**
   * What every chunk is checked under (schema generation, format) and the document-wide problems
   * (association, schema loading, unenforced patterns): two texts with the same basis have the same
   * problems wherever their chunks are the same.
   */
  readonly basis: string;
  /** The document-wide problems (see `basis`). */
  headProblems(): Problem[];
  /** The problems of chunk `index` (checked here when not known), at their offsets in the document. */
  chunkProblems(index: number): Problem[];
}

export interface PlanDeps {
  store: SchemaStore;
  graph: SchemaGraph;
  /** Problems of one chunk under one schema, by key (see `chunkKey`). */
  cache: LruCache<string, Problem[]>;
  chunks(doc: TextDocument): Array<{ start: number; text: string }>;
  association(doc: TextDocument): Association;
  generation(schema: LoadedSchema | undefined): number;
  format(doc: TextDocument): DocumentFormat;
  diagnostics(doc: TextDocument, problems: Problem[]): Diagnostic[];
  /** Told the parts of each chunk checked on this thread. */
  read?: ChunkContext['read'];
}

function firstLineLength(text: string): number {
  const nl = text.indexOf('\n');
  return (nl < 0 ? text.length : nl) - (text[nl - 1] === '\r' ? 1 : 0);
}

export function createValidationPlan(deps: PlanDeps, doc: TextDocument): ValidationPlan {
  const text = doc.getText();
  const format = deps.format(doc);
  const assoc = deps.association(doc);
  const head: Problem[] = [];
  if (assoc.problem) {
    const p = assoc.problem;
    head.push({
      code: p.code,
      offset: p.offset,
      length: p.length,
      message: say(p.code as ProblemMessageId, [], { detail: '', ...p.args }),
      data: { ...p.args },
    });
  }
  let schema: LoadedSchema | undefined;
  if (assoc.schemaUri) {
    schema = deps.store.get(assoc.schemaUri);
    if (schema.error) {
      const e = schema.error;
      const data: SchemaData = { uri: e.uri, detail: e.detail };
      if (isRefusal(e.refusal)) data.refusal = e.refusal;
      head.push({
        code: e.code,
        offset: 0,
        length: firstLineLength(text),
        message: say(e.code as ProblemMessageId, [], { uri: e.uri, detail: e.detail }),
        data,
      });
      schema = undefined;
    }
  }
  // Read when asked: a pattern is found unenforceable as ajv compiles it, which may be later.
  const unsafe = (): Problem[] => {
    const out: Problem[] = [];
    if (!schema || !schema.patterns.unsafe.size) return out;
    for (const pattern of [...schema.patterns.unsafe].slice(0, 3)) {
      out.push({
        code: 'schema.unsafe-pattern',
        offset: 0,
        length: firstLineLength(text),
        message: say('schema.unsafe-pattern', [], { uri: schema.uri, pattern }),
        data: { uri: schema.uri, pattern },
      });
    }
    return out;
  };
  const kind = schema ? deps.store.kindOf(schema.uri) : undefined;
  const base = `${deps.generation(schema)}\u0000${format}\u0000`;
  const chunks = deps.chunks(doc);
  const keyOf = (i: number): string => base + (i > 0 ? '\u0001' : '') + chunks[i].text;
  const known: Array<Problem[] | undefined> = chunks.map((_, i) => deps.cache.get(keyOf(i)));
  const pending = known.flatMap((p, i) => (p ? [] : [i]));
  const remote: SchemaRef | undefined = !schema
    ? { uri: '' }
    : schema.bundled
      ? { uri: schema.uri }
      : schema.compiled?.source
        ? { uri: schema.uri, user: schema.compiled }
        : undefined;
  const accept = (i: number, problems: Problem[]): void => {
    known[i] = problems;
    deps.cache.set(keyOf(i), problems);
  };
  const runHere = (i: number): void => {
    if (!known[i])
      accept(
        i,
        validateChunk({ text: chunks[i].text, later: i > 0 }, format, {
          schema,
          graph: deps.graph,
          kind,
          read: deps.read,
        }),
      );
  };
  return {
    format,
    chunks: chunks.length,
    pending,
    remote,
    job: (i) => ({ text: chunks[i].text, later: i > 0 }),
    runHere,
    accept,
    get complete() {
      return known.every((k) => k !== undefined);
    },
    finish() {
      const problems = [...head];
      for (let i = 0; i < chunks.length; i++) runHere(i);
      for (const [i, chunk] of chunks.entries()) {
        for (const p of known[i] ?? []) problems.push(chunk.start === 0 ? p : movedBy(p, chunk.start));
      }
      problems.push(...unsafe());
      return deps.diagnostics(doc, problems);
    },
    parts: chunks,
    get basis() {
      return base + JSON.stringify([...head, ...unsafe()].map((p) => [p.code, p.offset, p.length, p.data]));
    },
    headProblems: () => [...head, ...unsafe()],
    chunkProblems(i) {
      runHere(i);
      const start = chunks[i].start;
      return (known[i] ?? []).map((p) => (start === 0 ? p : movedBy(p, start)));
    },
  };
}

/** A problem of a chunk moved to its place in the whole text (the offsets its message states too). */
function movedBy(p: Problem, delta: number): Problem {
  const moved: Problem = { ...p, offset: p.offset + delta };
  if (p.placed) {
    const offsets: Record<string, number> = {};
    for (const [k, v] of Object.entries(p.placed.offsets)) offsets[k] = v + delta;
    moved.placed = { ...p.placed, offsets };
  }
  return moved;
}
