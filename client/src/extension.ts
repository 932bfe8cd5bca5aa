import * as vscode from 'vscode';
import { ServerConnection } from './client';
import { registerCommands } from './commands';
import { SchemaStatus } from './status';

let server: ServerConnection | undefined;

/** Set by the bundle's first line (scripts/bundle.mjs): when loading the extension's code began. */
declare const __tenantConfigLoadStart: number | undefined;
/** Set by the bundle's last line: when evaluating it ended. */
declare const __tenantConfigLoadEnd: number | undefined;

/** What activation returns (`vscode.extensions.getExtension(…).exports`). */
export interface TenantConfigApi {
  /**
   * Milliseconds from the bundle's first line to `activate`, of which `evaluateMs` evaluated it,
   * then in `activate` (the language client loads and the server starts after).
   */
  activation: { loadMs: number; activateMs: number; evaluateMs?: number };
}

export function activate(context: vscode.ExtensionContext): TenantConfigApi {
  const activateStart = performance.now();
  const loadStart = typeof __tenantConfigLoadStart === 'number' ? __tenantConfigLoadStart : activateStart;
  // Log channels follow VS Code's log level (Developer: Set Log Level…, or the channel's gear).
  const log = vscode.window.createOutputChannel('Tenant Config', { log: true });
  const trace = vscode.window.createOutputChannel('Tenant Config (LSP Trace)', { log: true });
  server = new ServerConnection(context, log, trace);
  context.subscriptions.push(
    log,
    trace,
    server,
    registerCommands(context, server),
    new SchemaStatus(server),
    // Trust can only be granted while running; the server then loads user schema files.
    vscode.workspace.onDidGrantWorkspaceTrust(() => void server?.restart()),
  );
  // The language client's library loads and the server starts on the next turn, after activation.
  const starting = setImmediate(() => void server?.start());
  context.subscriptions.push({ dispose: () => clearImmediate(starting) });
  const loadEnd = typeof __tenantConfigLoadEnd === 'number' ? __tenantConfigLoadEnd : undefined;
  const activation = {
    loadMs: activateStart - loadStart,
    activateMs: performance.now() - activateStart,
    // Of the load, the part that evaluated our bundle (the rest is the editor's, before it calls `activate`).
    evaluateMs: loadEnd === undefined ? undefined : loadEnd - loadStart,
  };
  log.info(
    `activated in ${(activation.loadMs + activation.activateMs).toFixed(1)} ms (bundle load ${activation.loadMs.toFixed(1)} ms)`,
  );
  return { activation };
}

export async function deactivate(): Promise<void> {
  await server?.shutdown();
  server = undefined;
}
