import type { Connection } from 'vscode-languageserver';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { AnalysisHost } from '../../core/src/index';
import type { Log } from './runSafe';
import type { ServerSettings } from './settings';
import type { AnalysisPool } from './analysisPool';
import { runPlan } from './runPlan';

/** An open document's index entry is refreshed this long into a pause in typing. */
const INDEX_DELAY = 250;

/**
 * Publishing diagnostics. Open documents: debounced, interruptible runs; each document gets at
 * most one pending run, a run checks the chunks of a YAML stream on the analysis workers and
 * here (yielding to the event loop between chunks, see runPlan.ts) and is abandoned as soon as a
 * newer version arrives, so typing in a huge file never queues stale work.
 * After a run, the document's index entry follows 250 ms into a pause in typing, and the files
 * whose diagnostics that makes stale are republished. Files that are not open are published as
 * the host has them.
 */
export class ValidationScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly running = new Map<string, number>();
  private readonly indexTimers = new Map<string, NodeJS.Timeout>();
  /** Workers that check chunks of large documents (see runPlan.ts), once started. */
  pool: AnalysisPool | undefined;
  /** Called once, after the first diagnostics of an open document are sent. */
  onFirstPublish: (() => void) | undefined;

  constructor(
    private readonly connection: Connection,
    private readonly host: AnalysisHost,
    private readonly settings: ServerSettings,
    private readonly log: Log,
  ) {}

  schedule(uri: string, delay?: number): void {
    const old = this.timers.get(uri);
    if (old) clearTimeout(old);
    void this.settings.forDocument(uri).then(({ settings }) => {
      const wait = delay ?? settings.validate.debounce;
      const timer = setTimeout(() => {
        this.timers.delete(uri);
        void this.run(uri);
      }, wait);
      const prev = this.timers.get(uri);
      if (prev) clearTimeout(prev);
      this.timers.set(uri, timer);
    });
  }

  cancel(uri: string): void {
    for (const timers of [this.timers, this.indexTimers]) {
      const t = timers.get(uri);
      if (t) clearTimeout(t);
      timers.delete(uri);
    }
    this.running.delete(uri);
  }

  /** Files whose diagnostics went stale: open ones are validated again, the others published now. */
  republish(uris: readonly string[]): void {
    for (const uri of uris) {
      if (this.host.isOpen(uri)) this.schedule(uri, 0);
      else void this.publishFile(uri);
    }
  }

  /** Re-validate every open document (settings or schemas changed). */
  revalidateOpen(uris: readonly string[]): void {
    for (const uri of uris) this.schedule(uri, 0);
  }

  /** A file that is not open: the diagnostics the host has for it (none when it no longer knows it). */
  private async publishFile(uri: string): Promise<void> {
    try {
      const { doc, project } = await this.settings.forDocument(uri);
      if (this.host.isOpen(uri)) return this.schedule(uri, 0);
      // Suppression comments and the project configuration's path suppressions, as in the linter;
      // nothing on a file its project configuration ignores.
      const { diagnostics } = project.ignored
        ? { diagnostics: [] }
        : this.host.suppress(uri, this.host.diagnostics(uri, doc), doc);
      void this.connection.sendDiagnostics({ uri, diagnostics });
    } catch (e) {
      this.log(`checking ${uri} failed: ${(e as Error)?.stack ?? String(e)}`);
    }
  }

  private async run(uri: string): Promise<void> {
    const doc = this.host.isOpen(uri) ? this.host.document(uri) : undefined;
    if (!doc) return;
    const version = doc.version;
    this.running.set(uri, version);
    let diagnostics: Diagnostic[] = [];
    const current = (): boolean => {
      const now = this.host.isOpen(uri) ? this.host.document(uri) : undefined;
      return !!now && now.version === version;
    };
    try {
      const { settings, doc: docSettings, project } = await this.settings.forDocument(uri);
      if (!project.indexed && this.host.isIndexed(uri)) this.republish(this.host.forget(uri).filter((u) => u !== uri));
      if (project.ignored) {
        // Ignored by its project configuration: not checked, as in the linter.
      } else if (
        settings.validate.enable &&
        this.host.isOurs(uri, docSettings) &&
        this.host.isLarge(uri, docSettings)
      ) {
        // Over the size limit: the diagnostic that says so, nothing parsed, nothing indexed.
        diagnostics = this.host.largeDiagnostics(uri, docSettings);
      } else if (settings.validate.enable && this.host.isOurs(uri, docSettings)) {
        const plan = this.host.diagnosticPlan(uri, docSettings);
        if (plan) {
          if (!(await runPlan(plan, this.pool, () => current() && this.running.get(uri) === version))) return;
          diagnostics = this.host.suppress(uri, plan.finish(), docSettings).diagnostics;
        }
        if (project.indexed) this.scheduleIndex(uri, docSettings);
      }
    } catch (e) {
      this.log(`validation of ${uri} failed: ${(e as Error)?.stack ?? String(e)}`);
      diagnostics = [];
    }
    if (!current()) return;
    this.running.delete(uri);
    void this.connection.sendDiagnostics({ uri, version, diagnostics });
    const first = this.onFirstPublish;
    this.onFirstPublish = undefined;
    first?.();
  }

  /** Refresh the document's index entry after a pause in typing, then republish what went stale. */
  private scheduleIndex(uri: string, docSettings: Parameters<AnalysisHost['indexOpen']>[1]): void {
    if (!this.host.needsIndexing(uri)) return;
    const old = this.indexTimers.get(uri);
    if (old) clearTimeout(old);
    this.indexTimers.set(
      uri,
      setTimeout(() => {
        this.indexTimers.delete(uri);
        try {
          this.republish(this.host.indexOpen(uri, docSettings));
        } catch (e) {
          this.log(`indexing ${uri} failed: ${(e as Error)?.stack ?? String(e)}`);
        }
      }, INDEX_DELAY),
    );
  }
}
