/**
 * One file's work in a linter run, the same in a worker thread and in the main thread: its kind,
 * whether a schema applies, its own diagnostics (bytes, syntax, schema, rules) when it is linted,
 * and its facts for the cross-file index when it is indexed. Plain data in and out, so it crosses
 * a thread boundary and goes into the cache as it is.
 */
import { URI } from 'vscode-uri';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { AnalysisHost, DocumentSettings, TextProblem } from '../../core/src/index';
import { factsFromWire, factsToWire, wireTransfer, type FileFacts, type WireFacts } from '../../core/src/worker';

export interface FileJob {
  /** Absolute path. */
  file: string;
  text: string;
  problems: readonly TextProblem[];
  settings: DocumentSettings;
  /** Linted: its own diagnostics are wanted (if a schema applies, or `explicit`). */
  lint: boolean;
  /** Named on the command line: linted even when no schema applies. */
  explicit: boolean;
  /** Its facts go into the cross-file index (when it has a kind). */
  index: boolean;
}

export interface FileResult {
  /** The catalog id of the schema that applies, if any. */
  kind?: string;
  /** Whether any schema applies. */
  associated: boolean;
  /** Own diagnostics, for a linted file. */
  diagnostics?: Diagnostic[];
  /** Facts for the index, for an indexed file with a kind, as they cross a thread boundary. */
  facts?: WireFacts;
  /** The same facts as they are, when the job ran on the thread that indexes them (no boundary to cross). */
  localFacts?: FileFacts;
  /** Whether the result depends only on the file, its settings and the bundled schemas (a user schema may change unseen). */
  cacheable: boolean;
}

export const uriOf = (file: string): string => URI.file(file).toString();

/**
 * Do a file's work on a host; the host forgets the file afterwards (a worker's memory stays flat).
 * `local`: the result stays on this thread, its facts as they are (`localFacts`) rather than in
 * their wire form.
 */
export function runFileJob(
  host: AnalysisHost,
  job: FileJob,
  local = false,
): { result: FileResult; transfer: ArrayBuffer[] } {
  const uri = uriOf(job.file);
  try {
    host.setFile(uri, { text: job.text, problems: job.problems }, job.settings, { index: false, keep: true });
    const doc = host.document(uri)!;
    const associated = host.hasSchema(doc, job.settings);
    const kind = host.kindOf(doc, job.settings);
    const schemaId = host.schemaInfo(uri, job.settings).schemaId;
    const result: FileResult = { kind, associated, cacheable: !schemaId || host.isBundledSchema(schemaId) };
    if (job.lint && (associated || job.explicit)) result.diagnostics = host.ownDiagnostics(uri, job.settings);
    const facts = job.index && kind ? host.factsOf(uri, job.settings) : undefined;
    if (!facts) return { result, transfer: [] };
    if (local) {
      result.localFacts = facts;
      return { result, transfer: [] };
    }
    result.facts = factsToWire(facts);
    return { result, transfer: wireTransfer(result.facts) };
  } finally {
    host.forget(uri);
  }
}

/** The facts of a result, to index. */
export function factsOfResult(result: FileResult): FileFacts | undefined {
  return result.localFacts ?? (result.facts ? factsFromWire(result.facts) : undefined);
}

/** A result as the cache keeps it: its facts in their wire form. */
export function storedResult(result: FileResult): FileResult {
  if (!result.localFacts) return result;
  const { localFacts, ...rest } = result;
  return { ...rest, facts: factsToWire(localFacts) };
}
