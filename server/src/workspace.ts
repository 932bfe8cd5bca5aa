import * as path from 'node:path';
import type { Connection, TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import picomatch from 'picomatch';
import { URI } from 'vscode-uri';
import {
  parseText,
  formatOf,
  toDiagnostics,
  type DocumentSettings,
  type LanguageService,
  type Problem,
} from '../../core/src/index';
import { createWorkspaceIndex, type WorkspaceIndex } from '../../core/src/index';
import { IndexPool, poolSize, type IndexJob } from './indexPool';
import { listWorkspaceFiles, readText } from './workspaceFiles';
import type { Log } from './runSafe';

/**
 * The cross-file side of the server: every config file of the workspace is read and indexed at
 * start-up, open documents keep their entry current as they change, and file events keep the
 * rest current. Files that are not open get their diagnostics published too, and when a file
 * changes, the files that depend on it are re-checked.
 */
/**
 * Open documents larger than this are re-indexed when saved (from the file event), not while
 * typing: re-reading a whole 150,000-line stream for the index on every pause would cost seconds
 * and a full tree in memory, while its own diagnostics are re-checked chunk by chunk.
 */
const LARGE = 1_000_000;
/** Index updates of an open document wait for a pause in typing. */
const INDEX_DELAY = 250;
/** Below this many files, starting workers costs more than it saves. */
const MIN_FILES_FOR_WORKERS = 16;

/** Workers for the start-up scan: one per core (at most 4), or `TENANT_CONFIG_INDEX_WORKERS` (0: none). */
function workerCount(): number {
  const n = Number.parseInt(process.env.TENANT_CONFIG_INDEX_WORKERS ?? '', 10);
  return Number.isInteger(n) && n >= 0 ? Math.min(n, 16) : poolSize();
}

export class WorkspaceManager {
  private readonly pending = new Map<string, NodeJS.Timeout>();
  readonly index: WorkspaceIndex = createWorkspaceIndex();
  /** Text of indexed files that are not open, for their diagnostics' positions. */
  private readonly diskText = new Map<string, string>();
  private indexedVersion = new Map<string, number>();
  ready = false;
  /** The start-up scan, for `tenantConfig/indexStatus`. */
  scanStats = { workers: 0, scanMs: 0 };

  constructor(
    private readonly connection: Connection,
    private readonly service: LanguageService,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly settingsFor: (uri: string) => Promise<DocumentSettings & { exclude: string[] }>,
    private readonly refreshOpen: (uri: string) => void,
    private readonly log: Log,
    /** The bundled indexing worker (dist/indexWorker.js), see indexPool.ts. */
    private readonly workerFile = path.join(__dirname, 'indexWorker.js'),
  ) {}

  private kindOf(doc: TextDocument, settings: DocumentSettings): string | undefined {
    const a = this.service.getAssociation(doc, settings);
    return a.schemaUri ? this.service.store.kindOf(a.schemaUri) : undefined;
  }

  private excluded(uri: string, folders: string[], exclude: string[]): boolean {
    if (exclude.length === 0) return false;
    const path = URI.parse(uri).path;
    for (const f of folders) {
      const base = URI.parse(f).path.replace(/\/?$/, '/');
      if (path.startsWith(base)) {
        const rel = path.slice(base.length);
        return exclude.some((g) => picomatch(g, { dot: true })(rel));
      }
    }
    return false;
  }

  /**
   * Read and index every config file of the workspace, then publish what the index finds. Files
   * are read by a pool of workers (see indexPool.ts) and added to the index in listing order, so
   * the result does not depend on which worker finishes first.
   */
  async scan(folders: string[]): Promise<void> {
    const started = Date.now();
    const uris = listWorkspaceFiles(folders);
    const pool = new IndexPool(this.workerFile, uris.length >= MIN_FILES_FOR_WORKERS ? workerCount() : 0, this.log);
    const workers = pool.size;
    let n = 0;
    // Settings are pulled from the client per file; files that are excluded, unreadable or of no kind yield nothing.
    const jobs = async function* (
      this: WorkspaceManager,
    ): AsyncGenerator<(IndexJob & { version?: number }) | undefined> {
      for (const uri of uris) {
        try {
          const settings = await this.settingsFor(uri);
          if (this.excluded(uri, folders, settings.exclude)) continue;
          const open = this.documents.get(uri);
          const text = open ? open.getText() : readText(uri);
          if (text === undefined) continue;
          const doc = open ?? TextDocument.create(uri, /\.json$/i.test(uri) ? 'json' : 'yaml', 0, text);
          const kind = this.kindOf(doc, settings);
          yield kind ? { uri, kind, text, format: formatOf(doc), version: open?.version } : undefined;
        } catch (e) {
          this.log(`indexing ${uri} failed: ${(e as Error)?.stack ?? String(e)}`);
        }
      }
    };
    try {
      await pool.indexInOrder(jobs.call(this), (facts, job) => {
        this.index.updateFacts(facts, { dependents: false });
        if (job.version === undefined) this.diskText.set(job.uri, job.text);
        else this.indexedVersion.set(job.uri, job.version);
        n++;
      });
    } finally {
      void pool.close();
    }
    this.ready = true;
    this.scanStats = { workers, scanMs: Date.now() - started };
    this.log(`indexed ${n} files in ${Date.now() - started} ms (${workers > 0 ? `${workers} workers` : 'in-process'})`);
    for (const uri of this.index.files()) {
      this.refresh(uri);
      await new Promise<void>((r) => setImmediate(r));
    }
  }

  /**
   * An open document was validated: re-index it after a pause in typing, off the path that
   * publishes its own diagnostics; its cross-file diagnostics follow once the index has it.
   */
  scheduleUpdate(doc: TextDocument, settings: DocumentSettings): void {
    if (!this.ready || this.indexedVersion.get(doc.uri) === doc.version || doc.getText().length > LARGE) return;
    const old = this.pending.get(doc.uri);
    if (old) clearTimeout(old);
    this.pending.set(
      doc.uri,
      setTimeout(() => {
        this.pending.delete(doc.uri);
        const current = this.documents.get(doc.uri);
        if (!current) return;
        try {
          if (this.updateOpen(current, settings)) this.refreshOpen(current.uri);
        } catch (e) {
          this.log(`indexing ${doc.uri} failed: ${(e as Error)?.stack ?? String(e)}`);
        }
      }, INDEX_DELAY),
    );
  }

  /**
   * Re-index an open document now (once per version; not for large ones, see LARGE) and re-check
   * its dependents. Returns whether the index changed.
   */
  updateOpen(doc: TextDocument, settings: DocumentSettings): boolean {
    if (!this.ready || this.indexedVersion.get(doc.uri) === doc.version || doc.getText().length > LARGE) return false;
    const kind = this.kindOf(doc, settings);
    this.indexedVersion.set(doc.uri, doc.version);
    this.diskText.delete(doc.uri);
    const dependents = kind
      ? this.index.update(doc.uri, kind, this.service.parse(doc))
      : this.index.has(doc.uri)
        ? this.index.remove(doc.uri)
        : [];
    for (const d of dependents) if (d !== doc.uri) this.refresh(d);
    return true;
  }

  /** A document was closed: its disk text is what counts again. */
  closed(uri: string): void {
    this.indexedVersion.delete(uri);
    const pending = this.pending.get(uri);
    if (pending) clearTimeout(pending);
    this.pending.delete(uri);
    // A document that exists only in the editor (never saved) leaves the index with it.
    this.fileChanged(uri, readText(uri) === undefined);
  }

  /** A file changed on disk (or was created or deleted). */
  fileChanged(uri: string, deleted: boolean): void {
    const open = this.documents.get(uri);
    // Open documents are indexed as they change, except large ones: those are indexed on save.
    if (!this.ready || (open && open.getText().length <= LARGE)) return;
    if (deleted) {
      this.diskText.delete(uri);
      const deps = this.index.has(uri) ? this.index.remove(uri) : [];
      void this.connection.sendDiagnostics({ uri, diagnostics: [] });
      for (const d of deps) this.refresh(d);
      return;
    }
    void this.settingsFor(uri).then((settings) => {
      const text = open ? open.getText() : readText(uri);
      if (text === undefined) return;
      const doc = open ?? TextDocument.create(uri, /\.json$/i.test(uri) ? 'json' : 'yaml', 0, text);
      const kind = this.kindOf(doc, settings);
      if (!kind) return;
      if (!open) this.diskText.set(uri, text);
      const deps = this.index.update(uri, kind, parseText(text, formatOf(doc)));
      this.refresh(uri);
      for (const d of deps) if (d !== uri) this.refresh(d);
    });
  }

  /** Cross-file diagnostics of a document (added to its own). */
  diagnostics(doc: TextDocument, settings: DocumentSettings): Diagnostic[] {
    if (!this.ready || !this.index.has(doc.uri)) return [];
    return toDiagnostics(doc, this.index.problemsFor(doc.uri), settings);
  }

  /**
   * For verifying quick fixes: the cross-file problems an open document would have with `text`
   * (its current text included). Undefined when the index does not follow the document (not
   * indexed, or too large to re-read per candidate).
   */
  crossFile(doc: TextDocument, settings: DocumentSettings): ((text: string) => Problem[]) | undefined {
    if (
      !this.ready ||
      !this.index.has(doc.uri) ||
      doc.getText().length > LARGE ||
      this.indexedVersion.get(doc.uri) !== doc.version
    )
      return undefined;
    const kind = this.kindOf(doc, settings);
    const current = doc.getText();
    return (text) =>
      text === current
        ? this.index.problemsFor(doc.uri)
        : this.index.problemsWith(doc.uri, kind, parseText(text, formatOf(doc)));
  }

  /** Re-publish a file's diagnostics: open ones through the validation scheduler, others here. */
  refresh(uri: string): void {
    if (this.documents.get(uri)) {
      this.refreshOpen(uri);
      return;
    }
    const text = this.diskText.get(uri);
    if (text === undefined) return;
    void this.settingsFor(uri).then((settings) => {
      const doc = TextDocument.create(uri, /\.json$/i.test(uri) ? 'json' : 'yaml', 0, text);
      try {
        const own = this.service.doValidation(doc, settings);
        void this.connection.sendDiagnostics({ uri, diagnostics: [...own, ...this.diagnostics(doc, settings)] });
      } catch (e) {
        this.log(`checking ${uri} failed: ${(e as Error)?.stack ?? String(e)}`);
      }
    });
  }
}
