import * as vscode from 'vscode';

/** A config kind from `schemas/catalog.json` with its new-file template in `templates/`. */
export interface Kind {
  id: string;
  label: string;
  fileMatch: string[];
  template: vscode.Uri;
  languageId: 'tenant-yaml' | 'tenant-json';
}

interface CatalogEntry {
  id: string;
  title: string;
  fileMatch: string[];
}

/** Localized names of the bundled kinds; a kind added to the catalog later shows its catalog title. */
function kindLabel(id: string, fallback: string): string {
  switch (id) {
    case 'tenant':
      return vscode.l10n.t('Tenant configuration');
    case 'monitoring':
      return vscode.l10n.t('Monitoring configuration');
    case 'security-policy':
      return vscode.l10n.t('Security policy');
    case 'environment':
      return vscode.l10n.t('Environment infrastructure');
    case 'localization':
      return vscode.l10n.t('Localization');
    case 'isolation-policy':
      return vscode.l10n.t('Isolation policy');
    case 'access-control':
      return vscode.l10n.t('Access control');
    case 'alert-templates':
      return vscode.l10n.t('Alert templates');
    case 'slack-receivers':
      return vscode.l10n.t('Slack receivers');
    case 'notification-rules':
      return vscode.l10n.t('Notification rules');
    case 'prometheus':
      return vscode.l10n.t('Prometheus configuration');
    case 'prometheus-rules':
      return vscode.l10n.t('Prometheus rule file');
    case 'alertmanager':
      return vscode.l10n.t('Alertmanager configuration');
    case 'grafana-dashboard':
      return vscode.l10n.t('Grafana dashboard');
    default:
      return fallback;
  }
}

/** The kinds that have a template, in catalog order. */
export async function loadKinds(extensionUri: vscode.Uri): Promise<Kind[]> {
  const decoder = new TextDecoder();
  const catalog = JSON.parse(
    decoder.decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, 'schemas', 'catalog.json'))),
  ) as { schemas: CatalogEntry[] };
  const templatesDir = vscode.Uri.joinPath(extensionUri, 'templates');
  const files = new Set((await vscode.workspace.fs.readDirectory(templatesDir)).map(([name]) => name));
  const kinds: Kind[] = [];
  for (const entry of catalog.schemas) {
    const file = [`${entry.id}.yaml`, `${entry.id}.json`].find((f) => files.has(f));
    if (!file) continue;
    kinds.push({
      id: entry.id,
      label: kindLabel(entry.id, entry.title),
      fileMatch: entry.fileMatch,
      template: vscode.Uri.joinPath(templatesDir, file),
      languageId: file.endsWith('.json') ? 'tenant-json' : 'tenant-yaml',
    });
  }
  return kinds;
}

/**
 * `tenantConfig.newFile`: pick a kind (or pass its id) and open its template as an untitled
 * document. YAML templates carry a modeline and JSON ones a `$schema` key, so the untitled file
 * is validated before it has a name.
 */
export async function newFile(extensionUri: vscode.Uri, kindId?: unknown): Promise<vscode.TextEditor | undefined> {
  let kinds: Kind[];
  try {
    kinds = await loadKinds(extensionUri);
  } catch (e) {
    void vscode.window.showErrorMessage(
      vscode.l10n.t('Cannot read the bundled templates: {0}', e instanceof Error ? e.message : String(e)),
    );
    return undefined;
  }
  let kind = typeof kindId === 'string' ? kinds.find((k) => k.id === kindId) : undefined;
  if (typeof kindId === 'string' && !kind) {
    void vscode.window.showErrorMessage(vscode.l10n.t('There is no template for the config kind "{0}".', kindId));
    return undefined;
  }
  if (!kind) {
    const picked = await vscode.window.showQuickPick(
      kinds.map((k) => ({ label: k.label, description: k.id, detail: k.fileMatch.join(', '), value: k })),
      {
        title: vscode.l10n.t('New Tenant Config File'),
        placeHolder: vscode.l10n.t('Select the kind of configuration file'),
        matchOnDescription: true,
        matchOnDetail: true,
      },
    );
    kind = picked?.value;
  }
  if (!kind) return undefined;
  const content = new TextDecoder().decode(await vscode.workspace.fs.readFile(kind.template));
  const document = await vscode.workspace.openTextDocument({ language: kind.languageId, content });
  return vscode.window.showTextDocument(document);
}
