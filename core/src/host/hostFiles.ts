/**
 * The files an analysis host knows and its workspace index: documents open in the editor, files
 * read from disk through the shell's reader (which enforces the reading rules), which of them are
 * indexed and at which version, and the kind of each. `AnalysisHost` (host.ts) answers the
 * questions about them on top of this.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService, formatOf, type DocumentSettings, type LanguageService } from '../languageService';
import { createWorkspaceIndex, extractFile } from '../workspace/index';
import type { FileFacts } from '../workspace/types';
import { parseText } from '../document/parseText';
import type { Kind } from '../kinds';
import { Documents, createDocument } from './documents';
import { refusalText, type FileText, type TextProblem } from './files';
import { LARGE_DOCUMENT, type AnalysisHostOptions, type IndexJob } from './types';

/** Plain YAML and JSON documents are ours only when something associates a schema with them. */
const optIn = (languageId: string): boolean => languageId === 'yaml' || languageId === 'json' || languageId === 'jsonc';

export class HostFiles {
  protected readonly service: LanguageService;
  protected readonly index = createWorkspaceIndex();
  protected readonly docs = new Documents();
  /** The version of each open document the index holds. */
  protected readonly indexedVersion = new Map<string, number>();
  protected loaded = false;

  constructor(protected readonly options: AnalysisHostOptions) {
    this.service = createLanguageService({
      bundled: options.bundled,
      readFile: (uri) => this.readSchema(uri),
      diagnosticsDocUri: options.diagnosticsDocUri,
    });
  }

  // ---- Files ------------------------------------------------------------------------------

  /** A user schema file as the core reads it: its text, or why it was not read. */
  readSchema(uri: string): string | { error: string; refusal?: string } {
    const r = this.options.read(uri, 'schema');
    return r.ok ? r.text : { error: refusalText(r.refusal, r.errno), refusal: r.refusal };
  }

  /** The editor opened a document or changed it. Its index entry follows with `indexOpen`. */
  openDocument(doc: TextDocument): void {
    this.docs.setOpen(doc);
  }

  /**
   * The editor closed a document. The file on disk counts again from the next `fileChanged`
   * (which a shell calls right after, once it has the file's settings): a document that was never
   * saved, or whose file cannot be read, leaves the index then.
   */
  closeDocument(uri: string): void {
    this.docs.close(uri);
    this.service.forgetDocument(uri);
    this.indexedVersion.delete(uri);
  }

  /**
   * A file changed on disk, was created, or was deleted. Open documents are the editor's (except
   * large ones, indexed when saved). The file is read through the gate; a file that is gone,
   * refused or of no kind leaves the index. Returns the stale files (itself included).
   */
  fileChanged(uri: string, settings: DocumentSettings, deleted: boolean): string[] {
    if (!this.loaded) return [];
    const open = this.docs.openDocument(uri);
    if (open && open.getText().length <= LARGE_DOCUMENT) return [];
    // A document over the size limit is never read for the index.
    if (open && this.isLarge(uri, settings)) return this.index.has(uri) ? this.forget(uri) : [];
    // A deleted file's diagnostics go with it, whoever published them (a workspace validation).
    if (deleted) return open ? this.forget(uri) : [...new Set([uri, ...this.forget(uri)])];
    if (open) return this.setFile(uri, { text: open.getText(), problems: [] }, settings);
    const read = this.options.read(uri, 'workspace');
    return read.ok ? this.setFile(uri, read, settings) : this.forget(uri);
  }

  /**
   * A file's text on disk: indexed when it has a kind, unless `index` is false (files excluded
   * from the index). The host keeps the text of indexed files, and of every file with `keep` (the
   * linter checks each file it reads). Returns the stale files.
   */
  setFile(
    uri: string,
    file: FileText,
    settings: DocumentSettings,
    options: { index?: boolean; keep?: boolean } = {},
  ): string[] {
    const open = this.docs.openDocument(uri);
    const doc = open ?? createDocument(uri, file.text);
    const kind = options.index === false ? undefined : this.kindOf(doc, settings);
    if (!open && (kind || options.keep)) this.docs.setDisk(uri, file, doc);
    if (!kind) {
      if (!open && !options.keep) this.docs.forgetDisk(uri);
      return this.index.has(uri) ? [uri, ...this.index.remove(uri).filter((d) => d !== uri)] : [];
    }
    const deps = this.index.update(uri, kind, parseText(doc.getText(), formatOf(doc)), { dependents: this.loaded });
    return [uri, ...deps.filter((d) => d !== uri)];
  }

  /**
   * Forget a file (deleted, excluded, unreadable): it leaves the index. Returns the stale files
   * (itself included), none when the host did not know it.
   */
  forget(uri: string): string[] {
    const known = this.docs.hasDisk(uri) || this.index.has(uri);
    this.docs.forgetDisk(uri);
    // An open document left out of the index is indexed again by `indexOpen` once allowed.
    this.indexedVersion.delete(uri);
    const deps = this.index.has(uri) ? this.index.remove(uri) : [];
    return known ? [uri, ...deps.filter((d) => d !== uri)] : [];
  }

  /** The document the host knows for a uri: the editor's, or the file read from disk. */
  document(uri: string): TextDocument | undefined {
    return this.docs.get(uri)?.doc;
  }

  isOpen(uri: string): boolean {
    return this.docs.isOpen(uri);
  }

  // ---- The workspace index ----------------------------------------------------------------

  /** Whether the start-up load is done: cross-file diagnostics are given from then on. */
  get indexReady(): boolean {
    return this.loaded;
  }

  /** Files in the index, sorted. */
  indexedFiles(): string[] {
    return this.index.files();
  }

  isIndexed(uri: string): boolean {
    return this.index.has(uri);
  }

  /**
   * What indexing a file needs during the start-up load (the file read now through the gate,
   * unless open); undefined when it cannot be read or has no kind.
   */
  indexJob(uri: string, settings: DocumentSettings): IndexJob | undefined {
    const open = this.docs.openDocument(uri);
    let doc = open;
    let problems: readonly TextProblem[] = [];
    if (!doc) {
      const read = this.options.read(uri, 'workspace');
      if (!read.ok) return undefined;
      doc = this.docs.setDisk(uri, read);
      problems = read.problems;
    }
    const kind = this.kindOf(doc, settings);
    if (!kind) {
      if (!open) this.docs.forgetDisk(uri);
      return undefined;
    }
    return { uri, kind, text: doc.getText(), format: formatOf(doc), problems, version: open?.version };
  }

  /** The facts extracted (by a worker) for an index job. */
  addIndexed(job: IndexJob, facts: FileFacts): void {
    this.index.updateFacts(facts, { dependents: false });
    if (job.version !== undefined) this.indexedVersion.set(job.uri, job.version);
  }

  /** A file's facts found elsewhere (a worker, a cache): the index holds them from now on. */
  addFacts(facts: FileFacts): void {
    this.index.updateFacts(facts, { dependents: false });
  }

  /** The facts of a known document of a kind, for an index elsewhere (read with the validation's parse). */
  factsOf(uri: string, settings: DocumentSettings): FileFacts | undefined {
    const doc = this.document(uri);
    const kind = doc && this.kindOf(doc, settings);
    return kind ? extractFile(uri, kind, this.service.parse(doc)) : undefined;
  }

  /** The start-up load is done. Returns every indexed file: their diagnostics are now complete. */
  finishLoading(): string[] {
    this.loaded = true;
    return this.index.files();
  }

  /**
   * Whether an open document's index entry is behind its text: it belongs to the workspace and is
   * small enough to follow while typed.
   */
  needsIndexing(uri: string): boolean {
    const doc = this.docs.openDocument(uri);
    return (
      this.loaded &&
      !!doc &&
      this.indexedVersion.get(uri) !== doc.version &&
      doc.getText().length <= LARGE_DOCUMENT &&
      (this.options.inWorkspace?.(uri) ?? true)
    );
  }

  /**
   * Bring an open document's index entry up to its version (not for large ones, see
   * LARGE_DOCUMENT). Returns the stale files (itself and its dependents), empty when nothing changed.
   */
  indexOpen(uri: string, settings: DocumentSettings): string[] {
    if (!this.needsIndexing(uri)) return [];
    const doc = this.docs.openDocument(uri)!;
    const kind = this.kindOf(doc, settings);
    this.indexedVersion.set(uri, doc.version);
    this.docs.forgetDisk(uri);
    const deps = kind
      ? this.index.update(uri, kind, this.service.parse(doc))
      : this.index.has(uri)
        ? this.index.remove(uri)
        : [];
    return [uri, ...deps.filter((d) => d !== uri)];
  }

  // ---- Documents --------------------------------------------------------------------------

  /** The kind of config a document is (the catalog id of its schema's kind), decided in one place. */
  kindOf(doc: TextDocument, settings: DocumentSettings): Kind | undefined {
    return this.service.store.kindOf(this.service.getAssociation(doc, settings).schemaUri);
  }

  /** Whether a schema applies to a document (by modeline, `$schema`, settings or file name). */
  hasSchema(doc: TextDocument, settings: DocumentSettings): boolean {
    return this.service.getAssociation(doc, settings).source !== 'none';
  }

  /** Whether a document is ours: our languages always, plain YAML and JSON only with a schema. */
  isOurs(uri: string, settings: DocumentSettings): boolean {
    const doc = this.document(uri);
    return !!doc && (!optIn(doc.languageId) || this.hasSchema(doc, settings));
  }

  /** Whether an open document is over the settings' size limit (it gets structure only). */
  isLarge(uri: string, settings: DocumentSettings): boolean {
    const doc = this.docs.openDocument(uri);
    return !!doc && settings.largeDocumentLimit !== undefined && doc.getText().length > settings.largeDocumentLimit;
  }
}
