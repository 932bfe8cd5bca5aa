import * as vscode from 'vscode';
import type { SchemaInfo, SchemaInfoParams } from '../../protocol/src/index';
import { loadLsp, type ServerConnection } from './client';

/** Ask the server which schema applies to a document, and why. Undefined when it cannot answer. */
export async function requestSchemaInfo(
  server: ServerConnection,
  document: vscode.TextDocument,
  token?: vscode.CancellationToken,
): Promise<SchemaInfo | undefined> {
  const client = await server.ready();
  if (!client) return undefined;
  const { SchemaInfoRequest } = await loadLsp();
  const params: SchemaInfoParams = { uri: client.code2ProtocolConverter.asUri(document.uri) };
  try {
    return await client.sendRequest(SchemaInfoRequest, params, token);
  } catch (e) {
    if (!token?.isCancellationRequested)
      server.log.warn(`${SchemaInfoRequest.method} failed: ${e instanceof Error ? e.message : String(e)}`);
    return undefined;
  }
}

/** A short label for the language status item: where the association comes from. */
export function sourceLabel(info: SchemaInfo): string {
  switch (info.source) {
    case 'modeline':
      return vscode.l10n.t('Modeline comment');
    case '$schema':
      return vscode.l10n.t('$schema key');
    case 'settings':
      return vscode.l10n.t('tenantConfig.schemas setting');
    case 'file-pattern':
      return vscode.l10n.t('File name pattern {0}', info.detail);
    default:
      return '';
  }
}

/** One sentence saying which schema validates a document and what chose it. */
export function describeSchema(info: SchemaInfo, fileName: string): string {
  const title = info.title || info.schemaId;
  switch (info.source) {
    case 'modeline':
      return vscode.l10n.t(
        '{0} is validated against "{1}", set by the modeline comment: {2}',
        fileName,
        title,
        info.detail,
      );
    case '$schema':
      return vscode.l10n.t(
        '{0} is validated against "{1}", named by its $schema key: {2}',
        fileName,
        title,
        info.detail,
      );
    case 'settings':
      return vscode.l10n.t(
        '{0} is validated against "{1}", mapped by the tenantConfig.schemas setting: {2}',
        fileName,
        title,
        info.detail,
      );
    case 'file-pattern':
      return vscode.l10n.t(
        '{0} is validated against "{1}", matched by the file name pattern {2}',
        fileName,
        title,
        info.detail,
      );
    default:
      return vscode.l10n.t(
        'No schema applies to {0}. Name the file after a config kind (such as *.tenant.yaml), add a modeline comment "# tenant-config: $schema=<id>", or map it in the tenantConfig.schemas setting.',
        fileName,
      );
  }
}

/** The file name shown to the user: the base name, or the untitled title. */
export function displayName(document: vscode.TextDocument): string {
  const path = document.uri.path;
  return path.slice(path.lastIndexOf('/') + 1) || document.fileName;
}
