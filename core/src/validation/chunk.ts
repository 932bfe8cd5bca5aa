/**
 * One chunk of a document (a YAML stream is validated document by document; JSON is one chunk)
 * read and checked: reading problems, schema problems and the rules of its kind. Offsets are
 * relative to the chunk. A pure function of the chunk's text and the schema, so its result is
 * cached by text, and computed on whichever thread has the schema (workers included).
 */
import type { DocumentFormat, DocumentPart } from '../document/document';
import { parseJson } from '../document/parseJson';
import { parseYaml } from '../document/parseYaml';
import { say, type ProblemMessageId } from '../messages';
import type { Problem } from '../problem';
import { runRules, withoutSuperseded } from '../rules/index';
import type { SchemaGraph } from '../schema/resolve';
import type { LoadedSchema } from '../schema/store';
import { valueOf } from '../features/context';
import { validatePart } from './validate';
import { withIndentHints } from './indent';

/** A chunk to validate: its text, and whether it is not the stream's first (its parts are numbered from 1). */
export interface ChunkJob {
  text: string;
  later: boolean;
}

/** What a chunk is checked with: the schema (none: reading problems only), its graph and its kind. */
export interface ChunkContext {
  schema: LoadedSchema | undefined;
  graph: SchemaGraph;
  kind: string | undefined;
  /** Told the parts a chunk was read into (the main thread keeps a one-chunk document's to reuse them). */
  read?: (job: ChunkJob, format: DocumentFormat, parts: DocumentPart[]) => void;
}

/**
 * The chunk's problems; in YAML, a key one level off that is valid when moved gets the indentation
 * hint (indent.ts) instead of the problems it causes.
 */
export function validateChunk(job: ChunkJob, format: DocumentFormat, ctx: ChunkContext): Problem[] {
  const problems = checkChunk(job, format, ctx);
  if (format !== 'yaml' || !ctx.schema?.validate) return problems;
  const quiet: ChunkContext = { schema: ctx.schema, graph: ctx.graph, kind: ctx.kind };
  return withIndentHints(job.text, problems, (moved) => checkChunk({ text: moved, later: job.later }, format, quiet));
}

/**
 * Characters read and checked on this thread so far, every re-check of a chunk included (the
 * indentation hint checks a chunk again per key it tries to move): fix verification counts its
 * work with it, deterministically.
 */
export const checkedChars = { total: 0 };

function checkChunk(job: ChunkJob, format: DocumentFormat, ctx: ChunkContext): Problem[] {
  const { text } = job;
  checkedChars.total += text.length;
  const parts = format === 'json' ? [parseJson(text)] : parseYaml(text, 0, job.later ? 1 : 0);
  ctx.read?.(job, format, parts);
  const problems: Problem[] = [];
  const { schema } = ctx;
  for (const part of parts) {
    for (const p of part.problems) {
      problems.push({
        code: p.code,
        offset: p.offset,
        length: p.length,
        message: say(p.code as ProblemMessageId, p.data?.path ?? [], p.args),
        data: p.data ?? { ...p.args },
        severity: p.severity,
      });
    }
    if (schema?.validate && part.root) {
      const schemaProblems = validatePart(part, schema, ctx.graph, text);
      const ruleProblems = runRules(ctx.kind, part, valueOf(part), text, schemaProblems);
      // A rule that says the same thing more precisely replaces the schema's problem.
      problems.push(...withoutSuperseded(schemaProblems, ruleProblems), ...ruleProblems);
    }
  }
  return problems;
}
