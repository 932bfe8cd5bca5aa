/**
 * The analysis of one project context: the files linted (those the run was given) and the other
 * files of the project root (indexed only, for the names they define and use). Each file's own
 * work (its diagnostics, its facts) is done by the runner, on worker threads or from the cache;
 * the facts go into the host's cross-file index in a fixed order; then each linted file gets its
 * cross-file diagnostics from the index. Unused-name warnings are kept only when every file of the
 * index was linted: a run over a few files cannot say that a name is used nowhere.
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import { createDocument, type AnalysisHost, type DocumentSettings, type TextProblem } from '../../core/src/index';
import type { WorkerPool } from '../../node/src/index';
import type { LintCache } from './cache';
import { factsOfResult, storedResult, uriOf, type FileJob, type FileResult } from './fileJob';

export interface SourceFile {
  /** Absolute path. */
  file: string;
  text: string;
  /** What the reader found in the file's bytes (encodings). */
  problems?: readonly TextProblem[];
  /** Named on the command line: linted even when no schema applies. */
  explicit: boolean;
  settings: DocumentSettings;
  /** Left out of the cross-file index (still linted alone). */
  excludedFromIndex: boolean;
}

/** A file of the project root that is not linted: indexed for its names. */
export interface IndexFile {
  file: string;
  text: string;
  problems: readonly TextProblem[];
  settings: DocumentSettings;
}

export interface AnalyzedFile {
  file: string;
  uri: string;
  languageId: 'yaml' | 'json';
  text: string;
  /** The catalog id of the schema that applies (`tenant`, …), if any. */
  kind?: string;
  diagnostics: Diagnostic[];
}

export interface Analysis {
  files: AnalyzedFile[];
  /** Files found in folders or globs that no schema applies to (not linted). */
  noKind: string[];
  /** Every file of the index was linted: unused names can be told. */
  wholeProject: boolean;
}

export const languageOf = (file: string): 'yaml' | 'json' => (/\.json$/i.test(file) ? 'json' : 'yaml');

export const isUnusedCode = (code: string): boolean => code.startsWith('ref.unused-');

/** Runs file jobs (workers, or here), results in the order of the jobs; the cache answers what it can. */
export interface Runner {
  /** `affinity`: jobs of the same key (the file's kind) go to the same worker when the load allows. */
  run(jobs: FileJob[], affinity?: (job: FileJob) => string | undefined): Promise<FileResult[]>;
}

export function createRunner(pool: WorkerPool<FileJob, FileResult>, cache?: LintCache): Runner {
  return {
    async run(jobs, affinity) {
      const results: FileResult[] = new Array<FileResult>(jobs.length);
      const todo: number[] = [];
      jobs.forEach((job, i) => {
        const hit = cache?.get(job);
        if (hit) results[i] = hit;
        else todo.push(i);
      });
      await pool.mapInOrder(
        todo,
        (i) => jobs[i],
        (result, i) => {
          results[i] = result;
          if (cache) cache.set(jobs[i], storedResult(result));
        },
        // With one worker or none there is no choice to make: the kind of each file is not worked out for it.
        { affinity: affinity && pool.size > 1 ? (i) => affinity(jobs[i]) : undefined, here: true },
      );
      return results;
    },
  };
}

/** Give a file's text to the host (kept, not indexed) and return its uri. */
export function load(host: AnalysisHost, file: Pick<SourceFile, 'file' | 'text' | 'problems' | 'settings'>): string {
  const uri = uriOf(file.file);
  host.setFile(uri, { text: file.text, problems: file.problems ?? [] }, file.settings, { index: false, keep: true });
  return uri;
}

/** The kind of config a file is, and whether any schema applies to it. */
export function kindOf(
  host: AnalysisHost,
  file: Pick<SourceFile, 'file' | 'text' | 'problems' | 'settings'>,
): { associated: boolean; kind?: string } {
  const doc = host.document(load(host, file))!;
  return { associated: host.hasSchema(doc, file.settings), kind: host.kindOf(doc, file.settings) };
}

export interface AnalyzeOptions<S extends SourceFile> {
  /** The cross-file checks run (the files are indexed, with the project's other files). */
  crossFile: boolean;
  /**
   * `--fix`: called for each linted file once the index holds the whole project; returns the
   * fixed text (the host then holds it, indexed as the file was) or the same text.
   */
  fix?(file: S, host: AnalysisHost, indexed: boolean): string;
}

export async function analyze<S extends SourceFile>(
  host: AnalysisHost,
  files: S[],
  others: IndexFile[],
  runner: Runner,
  options: AnalyzeOptions<S>,
): Promise<Analysis> {
  const indexed = (f: S): boolean => options.crossFile && !f.excludedFromIndex;
  const jobs: FileJob[] = [
    ...files.map((f) => ({
      file: f.file,
      text: f.text,
      problems: f.problems ?? [],
      settings: f.settings,
      lint: true,
      explicit: f.explicit,
      index: indexed(f),
    })),
    ...others.map((f) => ({ ...f, lint: false, explicit: false, index: true })),
  ];
  // A worker compiles the schemas of the kinds it checks: files of a kind go to the same worker.
  const results = await runner.run(jobs, (job) => host.kindOf(createDocument(uriOf(job.file), job.text), job.settings));

  // The index, in the order of the jobs (the files given, then the rest of the project).
  const linted: Array<{ source: S; uri: string; result: FileResult }> = [];
  const noKind: string[] = [];
  files.forEach((source, i) => {
    const result = results[i];
    if (!source.explicit && !result.associated) {
      noKind.push(source.file);
      return;
    }
    linted.push({ source, uri: load(host, source), result });
  });
  results.forEach((r) => {
    const facts = factsOfResult(r);
    if (facts) host.addFacts(facts);
  });
  host.finishLoading();

  if (options.fix)
    for (const l of linted) {
      const before = l.source.text;
      const after = options.fix(l.source, host, indexed(l.source));
      if (after === before) continue;
      l.source.text = after;
      l.result = { ...l.result, diagnostics: host.ownDiagnostics(l.uri, l.source.settings) };
    }

  const lintedUris = new Set(linted.map((l) => l.uri));
  const wholeProject = host.indexedFiles().every((u) => lintedUris.has(u));
  const out: AnalyzedFile[] = linted.map(({ source, uri, result }) => {
    const crossFile = host
      .crossFileDiagnostics(uri, source.settings)
      .filter((d) => wholeProject || !isUnusedCode(String(d.code)));
    return {
      file: source.file,
      uri,
      languageId: languageOf(source.file),
      text: source.text,
      kind: result.kind,
      diagnostics: [...(result.diagnostics ?? []), ...crossFile],
    };
  });
  return { files: out, noKind, wholeProject };
}
