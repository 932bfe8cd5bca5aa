import type { Connection } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { LanguageService, DocumentSettings } from '../../core/src/index';
import type { TenantConfigSettings } from '../../protocol/src/index';
import type { Log } from './runSafe';

/**
 * Debounced, interruptible validation. Each document gets at most one pending run; a run yields
 * to the event loop between chunks of a YAML stream and is abandoned as soon as a newer version
 * of the document arrives, so typing in a huge file never queues stale work.
 */
export class ValidationScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly running = new Map<string, number>();

  constructor(
    private readonly connection: Connection,
    private readonly service: LanguageService,
    private readonly getDocument: (uri: string) => TextDocument | undefined,
    private readonly getSettings: (uri: string) => Promise<{ settings: TenantConfigSettings; doc: DocumentSettings }>,
    private readonly log: Log,
    /** Diagnostics from elsewhere (the cross-file index) added to a document's own. */
    private readonly extra: (doc: TextDocument, settings: DocumentSettings) => Diagnostic[] = () => [],
  ) {}

  schedule(uri: string, delay?: number): void {
    const old = this.timers.get(uri);
    if (old) clearTimeout(old);
    void this.getSettings(uri).then(({ settings }) => {
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
    const t = this.timers.get(uri);
    if (t) clearTimeout(t);
    this.timers.delete(uri);
    this.running.delete(uri);
  }

  private async run(uri: string): Promise<void> {
    const doc = this.getDocument(uri);
    if (!doc) return;
    const version = doc.version;
    this.running.set(uri, version);
    let diagnostics: Diagnostic[] = [];
    try {
      const { settings, doc: docSettings } = await this.getSettings(uri);
      if (settings.validate.enable) {
        diagnostics = [];
        const steps = this.service.validationSteps(doc, docSettings);
        for (;;) {
          const r = steps.next();
          if (r.done) {
            diagnostics = [...r.value, ...this.extra(doc, docSettings)];
            break;
          }
          await new Promise<void>((resolve) => setImmediate(resolve));
          const current = this.getDocument(uri);
          if (!current || current.version !== version || this.running.get(uri) !== version) return;
        }
      }
    } catch (e) {
      this.log(`validation of ${uri} failed: ${(e as Error)?.stack ?? String(e)}`);
      diagnostics = [];
    }
    const current = this.getDocument(uri);
    if (!current || current.version !== version) return;
    this.running.delete(uri);
    void this.connection.sendDiagnostics({ uri, version, diagnostics });
  }
}
