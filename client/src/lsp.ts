/**
 * Everything of the client that needs the language client's library or the protocol's request
 * types at run time, in one module loaded after activation (`loadLsp` in client.ts): evaluating
 * vscode-languageclient is most of what loading the extension's bundle cost.
 */
import * as vscode from 'vscode';
import {
  LanguageClient,
  RevealOutputChannelOn,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import type { InitializationOptions } from '../../protocol/src/index';
import { SERVER_EXEC_ARGV } from '../../protocol/src/launch';
import { documentSelector } from './selector';
import { coexistence, RED_HAT_YAML } from './coexistence';

export { ErrorCodes, LSPErrorCodes, ResponseError } from 'vscode-languageclient/node';
export { MigrateWorkspaceRequest, SchemaInfoRequest, ValidateWorkspaceRequest } from '../../protocol/src/index';

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

export function createClient(
  context: vscode.ExtensionContext,
  log: vscode.LogOutputChannel,
  trace: vscode.LogOutputChannel,
): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  // V8's code cache of the server's bundles lives in the extension's global storage (never a workspace).
  const args = [`--code-cache-dir=${vscode.Uri.joinPath(context.globalStorageUri, 'code-cache').fsPath}`];
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, args, options: { execArgv: [...SERVER_EXEC_ARGV] } },
    debug: {
      module,
      transport: TransportKind.ipc,
      args,
      options: { execArgv: [...SERVER_EXEC_ARGV, '--nolazy', '--inspect=6009'] },
    },
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
