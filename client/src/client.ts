import * as vscode from 'vscode';
import {
  LanguageClient,
  RevealOutputChannelOn,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import type { InitializationOptions } from '../../protocol/src/index';
import { documentSelector } from './selector';
import { coexistence, RED_HAT_YAML } from './coexistence';

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

/** Whether the diagnostics of a document are ours to show (see coexistence.ts). */
function servedHere(uri: vscode.Uri): boolean {
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (!doc) return true;
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  return coexistence({
    languageId: doc.languageId,
    text: doc.getText(new vscode.Range(0, 0, 100, 0)),
    relativePath: folder ? vscode.workspace.asRelativePath(uri, false) : uri.path.slice(uri.path.lastIndexOf('/') + 1),
    yamlExtension: vscode.extensions.getExtension(RED_HAT_YAML) !== undefined,
    yamlSchemas: vscode.workspace.getConfiguration('yaml', uri).get<Record<string, unknown>>('schemas'),
    optIn: vscode.workspace
      .getConfiguration('tenantConfig', uri)
      .get<boolean>('validate.yamlExtensionDocuments', false),
  }).validate;
}

function createClient(
  context: vscode.ExtensionContext,
  log: vscode.LogOutputChannel,
  trace: vscode.LogOutputChannel,
): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  // V8's code cache of the server's bundles lives in the extension's global storage (never a workspace).
  const args = [`--code-cache-dir=${vscode.Uri.joinPath(context.globalStorageUri, 'code-cache').fsPath}`];
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, args },
    debug: { module, transport: TransportKind.ipc, args, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector,
    diagnosticCollectionName: 'tenant-config',
    outputChannel: log,
    traceOutputChannel: trace,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    middleware: {
      // A `yaml` document Red Hat's YAML extension validates with a schema is left to it (unless opted in).
      handleDiagnostics: (uri, diagnostics, next) => next(uri, servedHere(uri) ? diagnostics : []),
    },
    // Evaluated at every (re)start, so a restart after trust is granted tells the server.
    initializationOptions: (): InitializationOptions => ({
      trusted: vscode.workspace.isTrusted,
      locale: vscode.env.language,
    }),
  };
  // The id `tenantConfig` makes the client read `tenantConfig.trace.server`.
  return new LanguageClient(
    'tenantConfig',
    vscode.l10n.t('Tenant Config Language Server'),
    serverOptions,
    clientOptions,
  );
}
