import * as vscode from 'vscode';
import { ServerConnection } from './client';
import { registerCommands } from './commands';
import { SchemaStatus } from './status';

let server: ServerConnection | undefined;

export function activate(context: vscode.ExtensionContext): void {
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
  void server.start();
}

export async function deactivate(): Promise<void> {
  await server?.shutdown();
  server = undefined;
}
