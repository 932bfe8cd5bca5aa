import * as vscode from 'vscode';
import type { ValidateWorkspaceResult } from '../../protocol/src/index';
import { loadLsp, type ServerConnection } from './client';
import { openDiagnosticDocs } from './diagnosticDocs';
import { describeSchema, displayName, requestSchemaInfo } from './schemaInfo';
import { isServed } from './selector';
import { newFile } from './templates';

export function registerCommands(context: vscode.ExtensionContext, server: ServerConnection): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand('tenantConfig.showSchema', (uri?: unknown) => showSchema(server, uri)),
    vscode.commands.registerCommand('tenantConfig.validateWorkspace', () => validateWorkspace(server)),
    vscode.commands.registerCommand('tenantConfig.newFile', (kind?: unknown) => newFile(context.extensionUri, kind)),
    vscode.commands.registerCommand('tenantConfig.restartServer', () => restartServer(server)),
    vscode.commands.registerCommand('tenantConfig.migrateWorkspace', async () =>
      (await import('./migrate.js')).migrateWorkspace(server),
    ),
    vscode.commands.registerCommand('tenantConfig.openDiagnosticDocs', (code?: unknown) =>
      openDiagnosticDocs(context.extensionUri, code),
    ),
  );
}

/** `tenantConfig.showSchema`: which schema applies to the active (or given) document, and why. */
async function showSchema(server: ServerConnection, uri?: unknown): Promise<void> {
  const document =
    uri instanceof vscode.Uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
  if (!document || !isServed(document)) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Open a YAML or JSON file to see which schema applies to it.'),
    );
    return;
  }
  const info = await requestSchemaInfo(server, document);
  if (!info) {
    void vscode.window.showWarningMessage(
      vscode.l10n.t('The language server could not tell which schema applies to {0}.', displayName(document)),
    );
    return;
  }
  const message = describeSchema(info, displayName(document));
  if (info.source === 'none' || !info.schemaId) {
    const configure = vscode.l10n.t('Configure Schemas');
    const choice = await vscode.window.showInformationMessage(message, configure);
    if (choice === configure)
      await vscode.commands.executeCommand('workbench.action.openSettings', 'tenantConfig.schemas');
    return;
  }
  const openSchema = vscode.l10n.t('Open Schema');
  const choice = await vscode.window.showInformationMessage(message, ...(info.schemaUri ? [openSchema] : []));
  if (choice === openSchema && info.schemaUri) {
    try {
      await vscode.window.showTextDocument(vscode.Uri.parse(info.schemaUri), { preview: true });
    } catch (e) {
      void vscode.window.showErrorMessage(
        vscode.l10n.t('Cannot open the schema {0}: {1}', info.schemaUri, e instanceof Error ? e.message : String(e)),
      );
    }
  }
}

/** `tenantConfig.validateWorkspace`: ask the server to check every config file of the workspace. */
async function validateWorkspace(server: ServerConnection): Promise<void> {
  const client = await server.ready();
  if (!client) {
    void vscode.window.showErrorMessage(vscode.l10n.t('The Tenant Config language server is not running.'));
    return;
  }
  const { ErrorCodes, LSPErrorCodes, ResponseError, ValidateWorkspaceRequest } = await loadLsp();
  let result: ValidateWorkspaceResult | undefined;
  try {
    result = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: vscode.l10n.t('Validating tenant configuration files…'),
        cancellable: true,
      },
      (_progress, token) => client.sendRequest(ValidateWorkspaceRequest, {}, token),
    );
  } catch (e) {
    if (
      e instanceof ResponseError &&
      (e.code === LSPErrorCodes.RequestCancelled || e.code === LSPErrorCodes.ServerCancelled)
    )
      return;
    server.log.error(`${ValidateWorkspaceRequest.method} failed: ${e instanceof Error ? e.message : String(e)}`);
    if (e instanceof ResponseError && e.code === ErrorCodes.MethodNotFound) {
      void vscode.window.showWarningMessage(
        vscode.l10n.t('This version of the language server cannot validate the whole workspace.'),
      );
      return;
    }
    const showLog = vscode.l10n.t('Show Log');
    const choice = await vscode.window.showErrorMessage(
      vscode.l10n.t('Workspace validation failed: {0}', e instanceof Error ? e.message : String(e)),
      showLog,
    );
    if (choice === showLog) server.log.show();
    return;
  }
  if (!result) return;
  if (result.problems === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Files checked: {0}. No problems found.', result.files));
    return;
  }
  const showProblems = vscode.l10n.t('Show Problems');
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t('Files checked: {0}. Problems found: {1}.', result.files, result.problems),
    showProblems,
  );
  if (choice === showProblems) await vscode.commands.executeCommand('workbench.actions.view.problems');
}

async function restartServer(server: ServerConnection): Promise<void> {
  const client = await server.restart();
  if (client) vscode.window.setStatusBarMessage(vscode.l10n.t('Tenant Config language server restarted.'), 3000);
}
