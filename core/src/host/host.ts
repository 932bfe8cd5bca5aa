/**
 * The analysis host: the one API the language server and the linter use. It owns the language
 * service and the workspace index, and knows the files: documents open in the editor and files
 * read from disk (through the shell's reader, which enforces the reading rules; see hostFiles.ts,
 * the part that keeps the files and the index up to date). It answers every
 * question about a document, and after every change it says which files' diagnostics went stale,
 * so the shell republishes them. The shells keep I/O, timers and publishing (the server) or
 * arguments and printing (the linter). Pure: no timers, no connection; it never throws on input.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type {
  CodeAction,
  CodeActionContext,
  CompletionList,
  Diagnostic,
  DocumentLink,
  DocumentSymbol,
  FoldingRange,
  FormattingOptions,
  Hover,
  Location,
  Position,
  Range,
  SelectionRange,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-types';
import type { SchemaInfo } from '../../../protocol/src/methods';
import { formatOf, toDiagnostics, type DocumentSettings, type VerifyBudget } from '../languageService';
import type { Problem } from '../problem';
import { migrateDocument, type DocumentMigration } from '../migrate/api';
import { applySuppressions, type SuppressOptions, type SuppressResult } from '../suppress/suppress';
import { parseText } from '../document/parseText';
import { DiagnosticAssembler, type DiagnosticSource } from './diagnostics';
import { createDocument } from './documents';
import { HostFiles } from './hostFiles';
import * as nav from './navigation';
import * as schemas from './schemas';
import { ProjectConfigFinder, isLoaded, pathSuppressionsFor, type ProjectConfigLookup } from './project';
import { LARGE_DOCUMENT, type AnalysisHostOptions } from './types';
import type { ValidationPlan } from '../validation/plan';
import type { UserSchemaCompiler } from '../schema/store';
import { largeDocumentProblem, largeFolding, largeSymbols } from '../features/largeDocument';

export { LARGE_DOCUMENT, type AnalysisHostOptions, type IndexJob, type ReadPurpose } from './types';

/** A cross-file code: found by the workspace index, not by checking the file alone. */
export const isCrossFileCode = (code: string): boolean => code.startsWith('ref.');

export class AnalysisHost extends HostFiles {
  private readonly assembler: DiagnosticAssembler;
  private readonly projects: ProjectConfigFinder;

  constructor(options: AnalysisHostOptions) {
    super(options);
    this.projects = new ProjectConfigFinder((uri) => options.read(uri, 'config'));
    this.assembler = new DiagnosticAssembler(this.service, this.index, () => this.loaded, options.diagnosticsDocUri);
  }

  /**
   * Problems a shell found with the core's own functions (the project configuration's unused
   * suppressions) as diagnostics of a known document, under the same severity policy.
   */
  problemDiagnostics(uri: string, problems: Problem[], settings: DocumentSettings): Diagnostic[] {
    const doc = this.document(uri);
    return doc ? toDiagnostics(doc, problems, settings, this.options.diagnosticsDocUri) : [];
  }

  /** Every diagnostic of a known document: the problems of its bytes, its own, its cross-file ones. */
  diagnostics(uri: string, settings: DocumentSettings): Diagnostic[] {
    const source = this.docs.get(uri);
    return source ? this.assembler.all(source, settings) : [];
  }

  /** A known document's diagnostics found by checking it alone: the problems of its bytes and its own. */
  ownDiagnostics(uri: string, settings: DocumentSettings): Diagnostic[] {
    const source = this.docs.get(uri);
    return source ? this.assembler.own(source, settings) : [];
  }

  /** A known document's cross-file diagnostics, from the index (none before the load is finished). */
  crossFileDiagnostics(uri: string, settings: DocumentSettings): Diagnostic[] {
    const doc = this.document(uri);
    return doc ? this.assembler.crossFile(doc, settings) : [];
  }

  /**
   * Suppressions applied to a document's diagnostics, one call for every shell: its suppression
   * comments, and the path suppressions of its project configuration (`config`; by default the
   * one found from its folder up to the workspace folder holding it). Unused and invalid
   * suppressions are reported, except for codes not looked for (set to `off`; cross-file codes
   * while the document is not in the index), unless `isChecked` says otherwise.
   */
  suppress(
    uri: string,
    diagnostics: Diagnostic[],
    settings: DocumentSettings,
    options: Partial<Pick<SuppressOptions, 'isChecked' | 'pathSuppressions'>> & { config?: ProjectConfigLookup } = {},
  ): SuppressResult {
    const doc = this.document(uri);
    if (!doc) return { diagnostics, suppressed: [], usedPathSuppressions: [] };
    return this.suppressIn(doc, diagnostics, settings, options);
  }

  private suppressIn(
    doc: TextDocument,
    diagnostics: Diagnostic[],
    settings: DocumentSettings,
    options: Parameters<AnalysisHost['suppress']>[3] = {},
  ): SuppressResult {
    const uri = doc.uri;
    const config = options.pathSuppressions
      ? undefined
      : 'config' in options
        ? options.config
        : this.projectConfig(uri, settings);
    const crossFileChecked = this.loaded && this.index.has(uri);
    return applySuppressions(doc, diagnostics, {
      settings,
      pathSuppressions: options.pathSuppressions ?? pathSuppressionsFor(isLoaded(config) ? config : undefined, uri),
      isChecked:
        options.isChecked ??
        ((code) => settings.severity[code] !== 'off' && (crossFileChecked || !isCrossFileCode(code))),
    });
  }

  /** The same as steps (one chunk of a YAML stream each), so a shell can yield and drop stale runs. */
  *diagnosticSteps(uri: string, settings: DocumentSettings): Generator<void, Diagnostic[], void> {
    const source = this.docs.get(uri);
    return source ? yield* this.assembler.steps(source, settings) : [];
  }

  /** The same as a plan: pending chunks to check here or on workers, then every diagnostic. */
  diagnosticPlan(uri: string, settings: DocumentSettings): ValidationPlan | undefined {
    const source = this.docs.get(uri);
    return source ? this.assembler.plan(source, settings) : undefined;
  }

  /**
   * Have the user schemas a document's settings name ready (compiled off this thread when the
   * shell gave a compiler, or reused when their files read the same): resolves when validating
   * with these settings compiles nothing here.
   */
  async prepareSchemas(settings: DocumentSettings): Promise<void> {
    if (settings.bundledOnly) return;
    const waits = this.namedSchemaFiles(settings).map((uri) => this.service.store.prepare(uri));
    await Promise.all(waits);
  }

  /** Compile user schemas with `compiler` (a worker) from now on. */
  setSchemaCompiler(compiler: UserSchemaCompiler | undefined): void {
    this.service.store.setCompiler(compiler);
  }

  /**
   * A file as it is now (the editor's document, or read from disk through the gate) checked alone
   * with its cross-file problems, without keeping it; undefined when it cannot be read or no
   * schema applies. For validating a whole workspace (`suppress`: suppressions applied, as `suppress`).
   */
  checkFile(
    uri: string,
    settings: DocumentSettings,
    options: { suppress?: boolean } = {},
  ): { diagnostics: Diagnostic[]; version?: number } | undefined {
    const open = this.docs.openDocument(uri);
    let source: DiagnosticSource;
    if (open) source = { doc: open, problems: [] };
    else {
      const read = this.options.read(uri, 'workspace');
      if (!read.ok) return undefined;
      source = { doc: createDocument(uri, read.text), problems: read.problems };
    }
    if (!this.hasSchema(source.doc, settings)) return undefined;
    const all = this.assembler.all(source, settings);
    // With `suppress`, through the same suppression call as published diagnostics.
    const diagnostics = options.suppress ? this.suppressIn(source.doc, all, settings).diagnostics : all;
    return { diagnostics, version: open?.version };
  }

  completion(uri: string, position: Position, settings: DocumentSettings): CompletionList {
    const doc = this.document(uri);
    if (!doc) return { isIncomplete: false, items: [] };
    const list = this.service.doComplete(doc, position, settings);
    return this.loaded ? nav.withWorkspaceNames(list, this.index, doc, position) : list;
  }

  hover(uri: string, position: Position, settings: DocumentSettings): Hover | null {
    const doc = this.document(uri);
    return doc ? this.service.doHover(doc, position, settings) : null;
  }

  definition(uri: string, position: Position): Location[] {
    const doc = this.document(uri);
    return doc && this.loaded ? nav.definition(this.index, doc, position) : [];
  }

  references(uri: string, position: Position, includeDeclaration: boolean): Location[] {
    const doc = this.document(uri);
    return doc && this.loaded ? nav.references(this.index, doc, position, includeDeclaration) : [];
  }

  prepareRename(uri: string, position: Position): { range: Range; placeholder: string } | null {
    const doc = this.document(uri);
    return doc && this.loaded ? nav.prepareRename(this.index, doc, position) : null;
  }

  rename(uri: string, position: Position, newName: string): WorkspaceEdit | null {
    const doc = this.document(uri);
    return doc && this.loaded ? nav.rename(this.index, doc, position, newName) : null;
  }

  // ---- Documents over the size limit: structure only -----------------------------------------

  /** The diagnostics of a document over the limit: the one that says so. */
  largeDiagnostics(uri: string, settings: DocumentSettings): Diagnostic[] {
    const doc = this.docs.openDocument(uri);
    if (!doc || settings.largeDocumentLimit === undefined) return [];
    const problem = largeDocumentProblem(doc.getText(), settings.largeDocumentLimit);
    return toDiagnostics(doc, [problem], settings, this.options.diagnosticsDocUri);
  }

  /** The outline of a document over the limit (its top-level keys), from a scan of its lines. */
  largeSymbols(uri: string): DocumentSymbol[] {
    const doc = this.docs.openDocument(uri);
    return doc ? largeSymbols(doc, formatOf(doc)) : [];
  }

  /** Folding of a document over the limit, by indentation. */
  largeFolding(uri: string): FoldingRange[] {
    const doc = this.docs.openDocument(uri);
    return doc ? largeFolding(doc) : [];
  }

  symbols(uri: string): DocumentSymbol[] {
    const doc = this.document(uri);
    return doc ? this.service.getDocumentSymbols(doc) : [];
  }

  foldingRanges(uri: string): FoldingRange[] {
    const doc = this.document(uri);
    return doc ? this.service.getFoldingRanges(doc) : [];
  }

  selectionRanges(uri: string, positions: Position[]): SelectionRange[] {
    const doc = this.document(uri);
    return doc ? this.service.getSelectionRanges(doc, positions) : [];
  }

  links(uri: string, settings: DocumentSettings): DocumentLink[] {
    const doc = this.document(uri);
    return doc ? this.service.getDocumentLinks(doc, settings) : [];
  }

  /** Formatting edits (comments kept, idempotent); for a range, only the changes inside it. */
  async format(uri: string, options: FormattingOptions, range?: Range): Promise<TextEdit[]> {
    const doc = this.document(uri);
    return doc ? this.service.format(doc, options, range) : [];
  }

  /**
   * Quick fixes and fix-all actions, each verified: against the document, and fixes of cross-file
   * problems against the index as it would be with the fix applied (when the index holds this
   * version of the document; see `indexOpen`). With `budget` (an editor's), verification stops when
   * its time is spent: what it did not verify is not offered.
   */
  codeActions(
    uri: string,
    range: Range,
    context: CodeActionContext,
    settings: DocumentSettings,
    budget?: VerifyBudget,
  ): CodeAction[] {
    const doc = this.document(uri);
    if (!doc) return [];
    const current = doc.getText();
    const follows =
      this.loaded &&
      this.index.has(uri) &&
      current.length <= LARGE_DOCUMENT &&
      (!this.docs.isOpen(uri) || this.indexedVersion.get(uri) === doc.version);
    const kind = follows ? this.kindOf(doc, settings) : undefined;
    const crossFile = follows
      ? (text: string) =>
          text === current
            ? this.index.problemsFor(uri)
            : this.index.problemsWith(uri, kind, parseText(text, formatOf(doc)))
      : undefined;
    return this.service.getCodeActions(doc, range, context, settings, crossFile, budget);
  }

  // ---- Migrations -------------------------------------------------------------------------

  /**
   * A document (known, or read through the gate) moved to format version `to` (the latest by
   * default) and its upstream shapes to their current form: the edits, verified like quick fixes,
   * or the decisions that stand in the way. Undefined when the file cannot be read or no schema
   * applies.
   */
  migrate(uri: string, settings: DocumentSettings, options: { to?: string } = {}): DocumentMigration | undefined {
    let doc = this.document(uri);
    if (!doc) {
      const read = this.options.read(uri, 'workspace');
      if (!read.ok) return undefined;
      doc = createDocument(uri, read.text);
    }
    if (!this.hasSchema(doc, settings)) return undefined;
    return migrateDocument(this.service, doc, settings, options);
  }

  // ---- The project configuration ----------------------------------------------------------

  /**
   * The `.tenant-config.yaml` that applies to a file: the nearest one from its folder up to `stop`
   * (a folder URI), by default up to the workspace folder of `settings` holding the file. Read
   * through the reader once per folder, until `forgetProjectConfigs`.
   */
  projectConfig(uri: string, settings?: DocumentSettings, stop?: string): ProjectConfigLookup {
    const folders = settings?.workspaceFolders ?? [];
    const holding =
      stop ?? folders.filter((f) => uri.startsWith(f.replace(/\/?$/, '/'))).sort((a, b) => b.length - a.length)[0];
    return this.projects.find(uri, holding);
  }

  /** A project configuration file changed, appeared or went away. */
  forgetProjectConfigs(): void {
    this.projects.forget();
  }

  // ---- Schemas ----------------------------------------------------------------------------

  /** Which schema applies to a document and why; `schemaUri` is the schema's file (bundled or user). */
  schemaInfo(uri: string, settings: DocumentSettings): SchemaInfo {
    const doc = this.document(uri);
    return doc
      ? schemas.schemaInfo(this.service, doc, settings)
      : { schemaId: '', title: '', source: 'none', detail: '' };
  }

  /** Whether a schema reference is a bundled schema (an id such as `tenant`, or its `$id`). */
  isBundledSchema(ref: string): boolean {
    return this.service.store.entry(ref) !== undefined;
  }

  /** The schema files the user names in settings (absolute, or relative to each workspace folder). */
  namedSchemaFiles(settings: DocumentSettings): string[] {
    return schemas.namedSchemaFiles(this.service.store, settings);
  }

  /** A schema file changed (or all, without an argument): forget what was compiled from it. */
  invalidateSchema(uri?: string): void {
    this.service.invalidateSchema(uri);
  }
}

/** A host over bundled schemas, reading files through `read`. */
export function createAnalysisHost(options: AnalysisHostOptions): AnalysisHost {
  return new AnalysisHost(options);
}
