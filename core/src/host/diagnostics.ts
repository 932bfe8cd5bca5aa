/**
 * A document's diagnostics, assembled in one place: the problems of its bytes (a file read from
 * disk), its own (syntax, schema, rules; chunk by chunk, as steps) and its cross-file problems from
 * the workspace index.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { toDiagnostics, type DocumentSettings, type LanguageService } from '../languageService';
import { say } from '../messages';
import type { Problem, ReadData } from '../problem';
import type { WorkspaceIndex } from '../workspace/index';
import type { TextProblem } from './files';
import type { ValidationPlan } from '../validation/plan';

/** The reader's problems as problems of the document (its encoding, invalid UTF-8). */
export function textProblems(problems: readonly TextProblem[]): Problem[] {
  return problems.map((p) => {
    const data: ReadData =
      p.code === 'document.encoding'
        ? { encoding: String(p.args.encoding) }
        : { line: Number(p.args.line), count: Number(p.args.count) };
    return { code: p.code, offset: p.offset, length: p.length, message: say(p.code, [], p.args), data };
  });
}

export interface DiagnosticSource {
  doc: TextDocument;
  problems: readonly TextProblem[];
}

export class DiagnosticAssembler {
  constructor(
    private readonly service: LanguageService,
    private readonly index: WorkspaceIndex,
    /** Whether the index answers yet (the start-up load is done). */
    private readonly indexReady: () => boolean,
    private readonly docsUri?: string,
  ) {}

  /** Cross-file diagnostics of a document, when the index holds it (positions in the text it indexed). */
  crossFile(doc: TextDocument, settings: DocumentSettings): Diagnostic[] {
    if (!this.indexReady() || !this.index.has(doc.uri)) return [];
    return toDiagnostics(doc, this.index.problemsFor(doc.uri), settings);
  }

  /**
   * All diagnostics of a document, as steps: each step checks one chunk of a YAML stream, so a
   * shell can yield between steps and drop a run that went stale. The return value is the result.
   */
  *steps(source: DiagnosticSource, settings: DocumentSettings): Generator<void, Diagnostic[], void> {
    const own = yield* this.service.validationSteps(source.doc, settings);
    const read = source.problems.length
      ? toDiagnostics(source.doc, textProblems(source.problems), settings, this.docsUri)
      : [];
    return [...read, ...own, ...this.crossFile(source.doc, settings)];
  }

  /**
   * The same as a plan: the document's pending chunks (to check here or on workers), and a
   * `finish` that assembles all its diagnostics.
   */
  plan(source: DiagnosticSource, settings: DocumentSettings): ValidationPlan {
    const own = this.service.validationPlan(source.doc, settings);
    const finish = (): Diagnostic[] => {
      const read = source.problems.length
        ? toDiagnostics(source.doc, textProblems(source.problems), settings, this.docsUri)
        : [];
      return [...read, ...own.finish(), ...this.crossFile(source.doc, settings)];
    };
    return {
      format: own.format,
      chunks: own.chunks,
      pending: own.pending,
      remote: own.remote,
      job: own.job,
      runHere: own.runHere,
      accept: own.accept,
      get complete() {
        return own.complete;
      },
      finish,
      parts: own.parts,
      get basis() {
        return own.basis;
      },
      headProblems: own.headProblems,
      chunkProblems: own.chunkProblems,
    };
  }

  /** The problems of a document's bytes and its own, without its cross-file ones. */
  own(source: DiagnosticSource, settings: DocumentSettings): Diagnostic[] {
    const own = this.service.doValidation(source.doc, settings);
    const read = source.problems.length
      ? toDiagnostics(source.doc, textProblems(source.problems), settings, this.docsUri)
      : [];
    return [...read, ...own];
  }

  all(source: DiagnosticSource, settings: DocumentSettings): Diagnostic[] {
    const steps = this.steps(source, settings);
    for (;;) {
      const r = steps.next();
      if (r.done) return r.value;
    }
  }
}
