import * as vscode from 'vscode';
import type { MigrateWorkspaceResult } from '../../protocol/src/index';
import { loadLsp, type ServerConnection } from './client';

/**
 * `tenantConfig.migrateWorkspace`: the server migrates every configuration file of the workspace
 * (in memory) and answers one WorkspaceEdit whose edits need confirmation, so the editor shows them
 * in its refactoring preview; nothing changes until the user applies them there.
 */
export async function migrateWorkspace(server: ServerConnection): Promise<void> {
  const client = await server.ready();
  if (!client) {
    void vscode.window.showErrorMessage(vscode.l10n.t('The Tenant Config language server is not running.'));
    return;
  }
  const { LSPErrorCodes, MigrateWorkspaceRequest, ResponseError } = await loadLsp();
  let result: MigrateWorkspaceResult | undefined;
  try {
    result = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: vscode.l10n.t('Migrating configuration files to the latest schemas…'),
        cancellable: true,
      },
      (_progress, token) => client.sendRequest<MigrateWorkspaceResult>(MigrateWorkspaceRequest, {}, token),
    );
  } catch (e) {
    if (e instanceof ResponseError && e.code === LSPErrorCodes.RequestCancelled) return;
    server.log.error(`${MigrateWorkspaceRequest} failed: ${e instanceof Error ? e.message : String(e)}`);
    void vscode.window.showErrorMessage(
      vscode.l10n.t('The migration failed: {0}', e instanceof Error ? e.message : String(e)),
    );
    return;
  }
  if (!result) return;
  if (result.blocked.length) {
    const open = vscode.l10n.t('Open');
    const first = result.blocked[0];
    void vscode.window
      .showWarningMessage(
        vscode.l10n.t(
          '{0} file(s) need a decision before they can be migrated, starting with {1}: {2}',
          result.blocked.length,
          vscode.workspace.asRelativePath(vscode.Uri.parse(first.uri)),
          first.problems[0]?.message ?? '',
        ),
        open,
      )
      .then(async (choice) => {
        if (choice !== open) return;
        const p = first.problems[0];
        const editor = await vscode.window.showTextDocument(vscode.Uri.parse(first.uri));
        if (p) editor.selection = new vscode.Selection(p.line, p.character, p.line, p.character);
      });
  }
  if (result.files.length === 0) {
    if (!result.blocked.length)
      void vscode.window.showInformationMessage(
        vscode.l10n.t('Every configuration file is at the latest schemas ({0} checked).', result.upToDate),
      );
    return;
  }
  const edit = await client.protocol2CodeConverter.asWorkspaceEdit(result.edit);
  const applied = await vscode.workspace.applyEdit(edit, { isRefactoring: true });
  if (applied)
    vscode.window.setStatusBarMessage(
      vscode.l10n.t('Migrated {0} file(s) to the latest schemas.', result.files.length),
      5000,
    );
}
