import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

/**
 * The language client's library and the protocol's request types, loaded when first needed (see
 * lsp.ts): activation does not wait for them, the server's start does.
 */
export const loadLsp = (): Promise<typeof import('./lsp.js')> => import('./lsp.js');

/**
 * Owns the language client: start, restart (a fresh client each time, so a failed start does not
 * leave a broken one behind) and stop. Everything else asks `ready()` for the running client.
 */
export class ServerConnection implements vscode.Disposable {
  private current: Promise<LanguageClient | undefined> | undefined;
  private client: LanguageClient | undefined;
  private shutDown = false;
  private readonly didStart = new vscode.EventEmitter<LanguageClient | undefined>();
  /** Fires after every start or restart, with the client or undefined when the server failed to start. */
  readonly onDidStart = this.didStart.event;

  constructor(
    private readonly context: vscode.ExtensionContext,
    readonly log: vscode.LogOutputChannel,
    private readonly trace: vscode.LogOutputChannel,
  ) {}

  /** The running client, once started; undefined when the server could not start. */
  ready(): Promise<LanguageClient | undefined> {
    return this.current ?? this.start();
  }

  start(): Promise<LanguageClient | undefined> {
    if (this.shutDown) return Promise.resolve(undefined);
    this.current ??= this.launch();
    return this.current;
  }

  async restart(): Promise<LanguageClient | undefined> {
    this.log.info('Restarting the language server.');
    await this.stop();
    return this.start();
  }

  async stop(): Promise<void> {
    const pending = this.current;
    this.current = undefined;
    await pending;
    const client = this.client;
    this.client = undefined;
    if (!client) return;
    try {
      await client.dispose(2000);
    } catch (e) {
      this.log.warn(`Stopping the language server: ${String(e)}`);
    }
  }

  /** Stop for good (deactivation): later `ready()` calls answer undefined instead of starting again. */
  async shutdown(): Promise<void> {
    this.shutDown = true;
    await this.stop();
  }

  dispose(): void {
    void this.shutdown();
    this.didStart.dispose();
  }

  private async launch(): Promise<LanguageClient | undefined> {
    const { createClient } = await loadLsp();
    const client = createClient(this.context, this.log, this.trace);
    this.client = client;
    try {
      await client.start();
      this.log.info(
        `Language server started (workspace trusted: ${vscode.workspace.isTrusted}, locale: ${vscode.env.language}).`,
      );
      this.didStart.fire(client);
      return client;
    } catch (e) {
      this.log.error(`The language server failed to start: ${e instanceof Error ? e.message : String(e)}`);
      if (this.client === client) this.client = undefined;
      void client.dispose().catch(() => undefined);
      const showLog = vscode.l10n.t('Show Log');
      void vscode.window
        .showErrorMessage(vscode.l10n.t('The Tenant Config language server failed to start.'), showLog)
        .then((choice) => {
          if (choice === showLog) this.log.show();
        });
      this.didStart.fire(undefined);
      return undefined;
    }
  }
}
