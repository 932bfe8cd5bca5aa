import * as vscode from 'vscode';
import type { ServerConnection } from './client';
import { requestSchemaInfo, sourceLabel } from './schemaInfo';
import { documentSelector, isServed } from './selector';

const CHANGE_DELAY_MS = 600;

/**
 * The language status item ("{ }" in the status bar) for our documents: which schema applies to
 * the active editor and where that comes from. Refreshed when the editor, the document (saved,
 * opened, edited), the association settings or the server change.
 */
export class SchemaStatus implements vscode.Disposable {
  private readonly item = vscode.languages.createLanguageStatusItem('tenantConfig.schema', documentSelector);
  private readonly disposables: vscode.Disposable[] = [];
  private generation = 0;
  private changeTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly server: ServerConnection) {
    this.item.name = vscode.l10n.t('Tenant Config Schema');
    this.item.text = vscode.l10n.t('Schema');
    this.item.command = { command: 'tenantConfig.showSchema', title: vscode.l10n.t('Show Schema') };
    const refreshIfActive = (document: vscode.TextDocument): void => {
      if (document === vscode.window.activeTextEditor?.document) void this.refresh();
    };
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor(() => void this.refresh()),
      vscode.workspace.onDidOpenTextDocument(refreshIfActive),
      vscode.workspace.onDidSaveTextDocument(refreshIfActive),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document !== vscode.window.activeTextEditor?.document || e.contentChanges.length === 0) return;
        clearTimeout(this.changeTimer);
        this.changeTimer = setTimeout(() => refreshIfActive(e.document), CHANGE_DELAY_MS);
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('tenantConfig')) void this.refresh();
      }),
      server.onDidStart(() => void this.refresh()),
    );
    void this.refresh();
  }

  async refresh(): Promise<void> {
    const document = vscode.window.activeTextEditor?.document;
    if (!document || !isServed(document)) return;
    const generation = ++this.generation;
    this.item.busy = true;
    const client = await this.server.ready();
    const info = client ? await requestSchemaInfo(this.server, document) : undefined;
    if (generation !== this.generation) return; // a newer refresh is under way
    this.item.busy = false;
    if (!client) {
      this.item.text = vscode.l10n.t('Server not running');
      this.item.detail = '';
      this.item.severity = vscode.LanguageStatusSeverity.Error;
      this.item.command = { command: 'tenantConfig.restartServer', title: vscode.l10n.t('Restart Server') };
      return;
    }
    this.item.command = { command: 'tenantConfig.showSchema', title: vscode.l10n.t('Show Schema') };
    if (!info || info.source === 'none' || !info.schemaId) {
      this.item.text = vscode.l10n.t('No schema');
      this.item.detail = vscode.l10n.t('Not validated by Tenant Config');
      this.item.severity = vscode.LanguageStatusSeverity.Information;
      this.item.accessibilityInformation = { label: vscode.l10n.t('No Tenant Config schema applies to this file') };
      return;
    }
    const title = info.title || info.schemaId;
    const detail = sourceLabel(info);
    this.item.text = title;
    this.item.detail = detail;
    this.item.severity = vscode.LanguageStatusSeverity.Information;
    this.item.accessibilityInformation = { label: vscode.l10n.t('Schema: {0} ({1})', title, detail) };
  }

  dispose(): void {
    clearTimeout(this.changeTimer);
    for (const d of this.disposables) d.dispose();
    this.item.dispose();
  }
}
