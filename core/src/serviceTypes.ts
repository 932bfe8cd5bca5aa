/** The language service's contract: its options, the settings of a document's scope, its API, its cache bounds. */
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
  Position,
  Range,
  SelectionRange,
  TextEdit,
} from 'vscode-languageserver-types';
import type { ParsedDocument } from './document/document';
import type { SchemaStore, BundledSchemas, ReadFile } from './schema/store';
import type { Association } from './schema/associations';
import type { ValidationPlan } from './validation/plan';
import type { SeveritySetting } from '../../protocol/src/severity';
import type { VerifyBudget } from './features/fixes/budget';
import type { Problem } from './problem';

/** The cross-file problems a document would have with a given text (offsets in that text). */
export type CrossFileProblems = (text: string) => Problem[];

export interface LanguageServiceOptions {
  bundled: BundledSchemas;
  /** Reads user schema files; the core does no I/O of its own. */
  readFile: ReadFile;
  /** URI of docs/diagnostics.md, for each diagnostic's `codeDescription`. */
  diagnosticsDocUri?: string;
  /** Other bounds for the caches (see `CACHE_BYTES`). */
  cacheBytes?: Partial<CacheBytes>;
}

/** What validation needs to know about the document's settings scope. */
export interface DocumentSettings {
  schemas: Record<string, string | string[]>;
  severity: Record<string, SeveritySetting>;
  maxProblems: number;
  workspaceFolders: string[];
  /** In an untrusted workspace only bundled schemas are used (no user schema file is read). */
  bundledOnly?: boolean;
  /**
   * Open documents longer than this (characters) get structure only: outline, folding and
   * `document.too-large` (see features/largeDocument.ts). No limit when absent.
   */
  largeDocumentLimit?: number;
}

export const defaultDocumentSettings: DocumentSettings = {
  schemas: {},
  severity: {},
  maxProblems: 1000,
  workspaceFolders: [],
};

export interface SchemaInfo {
  schemaUri?: string;
  title: string;
  source: Association['source'];
  detail: string;
}

export interface LanguageService {
  readonly store: SchemaStore;
  /** Which schema applies to a document, and why. */
  getAssociation(doc: TextDocument, settings: DocumentSettings): Association;
  getSchemaInfo(doc: TextDocument, settings: DocumentSettings): SchemaInfo;
  /** Diagnostics for a document: syntax, schema and reading problems, with codes and data. */
  doValidation(doc: TextDocument, settings: DocumentSettings): Diagnostic[];
  /**
   * The same, as steps: each `next()` does one chunk of a YAML stream, so a host can yield to
   * other requests between chunks and drop the run when the document changes. The generator's
   * return value is the diagnostics.
   */
  validationSteps(doc: TextDocument, settings: DocumentSettings): Generator<void, Diagnostic[], void>;
  /** The same as a plan: pending chunks to check here or on workers, then the diagnostics. */
  validationPlan(doc: TextDocument, settings: DocumentSettings): ValidationPlan;
  /** The node tree of a document (cached per uri and version). */
  parse(doc: TextDocument): ParsedDocument;
  doComplete(doc: TextDocument, position: Position, settings: DocumentSettings): CompletionList;
  doHover(doc: TextDocument, position: Position, settings: DocumentSettings): Hover | null;
  getDocumentSymbols(doc: TextDocument): DocumentSymbol[];
  getFoldingRanges(doc: TextDocument): FoldingRange[];
  getSelectionRanges(doc: TextDocument, positions: Position[]): SelectionRange[];
  getDocumentLinks(doc: TextDocument, settings: DocumentSettings): DocumentLink[];
  /** Formatting edits (comments kept, idempotent); for a range, only the changes inside it. */
  format(doc: TextDocument, options: FormattingOptions, range?: Range): Promise<TextEdit[]>;
  /**
   * Quick fixes for the diagnostics in `context`, and fix-all actions; every fix is verified.
   * `crossFile` gives the problems of the workspace index the document would have with a text
   * (the host owns the index): with it, fixes are verified against cross-file problems too.
   */
  getCodeActions(
    doc: TextDocument,
    range: Range,
    context: CodeActionContext,
    settings: DocumentSettings,
    crossFile?: CrossFileProblems,
    budget?: VerifyBudget,
  ): CodeAction[];
  /** A document was closed: release its tree and its chunks (their problems stay cached by text). */
  forgetDocument(uri: string): void;
  /** A schema file changed (or all, without an argument): forget what was compiled from it. */
  invalidateSchema(uri?: string): void;
  /** What the caches hold, estimated as they are bounded (see `CACHE_BYTES`). */
  cacheBytes(): CacheBytes;
}

/**
 * What the service's caches may hold, estimated in bytes: a cache over its bound forgets its least
 * recently used entries (the last one set is always kept). Text is counted at 2 bytes a character,
 * a problem at 1 KB, a document tree at 32 bytes per character of its text (yaml's and our nodes;
 * measured 2 to 28). With the features' chunk trees (features/context.ts, 64 MB) the caches stay
 * under about 300 MB by these estimates whatever is edited, on top of the documents themselves.
 */
export const CACHE_BYTES = { chunkProblems: 64 << 20, trees: 128 << 20, texts: 32 << 20 };
export type CacheBytes = typeof CACHE_BYTES;
export const PROBLEM_BYTES = 1024;
export const TREE_BYTES_PER_CHAR = 32;
