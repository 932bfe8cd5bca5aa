import { LSPErrorCodes, ResponseError, type Connection } from 'vscode-languageserver';
import type { AnalysisHost, DocumentMigration, DocumentSettings } from '../../core/src/index';
import {
  MigrateWorkspaceRequest,
  type MigrateWorkspaceParams,
  type MigrateWorkspaceResult,
} from '../../protocol/src/index';
import { runSafe, type Log } from './runSafe';

const ANNOTATION = 'tenantConfig.migrate';

/**
 * `tenantConfig/migrateWorkspace`: every configuration file of the workspace folders (open ones as
 * edited), migrated and verified by the core; the edits come back as one WorkspaceEdit to
 * confirm, the files that need a decision with their reasons. Nothing is written here.
 */
export function registerMigrate(
  connection: Connection,
  state: () => { host: AnalysisHost; files: () => string[] },
  settingsOf: (uri: string) => Promise<{ doc: DocumentSettings }>,
  log: Log,
): void {
  connection.onRequest(
    MigrateWorkspaceRequest,
    async (
      params: MigrateWorkspaceParams | undefined,
      token,
    ): Promise<MigrateWorkspaceResult | ResponseError<void>> => {
      const result: MigrateWorkspaceResult = {
        edit: {
          documentChanges: [],
          changeAnnotations: {
            [ANNOTATION]: {
              label: 'Migrate to the latest schemas',
              needsConfirmation: true,
              description: 'tenant-config migrate (docs/migrations.md)',
            },
          },
        },
        files: [],
        blocked: [],
        upToDate: 0,
      };
      const { host, files } = state();
      for (const uri of files()) {
        if (token.isCancellationRequested) return new ResponseError<void>(LSPErrorCodes.RequestCancelled, 'cancelled');
        const settings = (await settingsOf(uri)).doc;
        const m = runSafe<DocumentMigration | undefined>(log, 'migrateWorkspace', undefined, undefined, () =>
          host.migrate(uri, settings, { to: params?.to }),
        );
        const open = host.isOpen(uri) ? host.document(uri) : undefined;
        if (!m || m instanceof ResponseError || !m.kind) continue;
        if (m.blockers.length || m.introduced.length) {
          result.blocked.push({
            uri,
            problems: [...m.blockers, ...m.introduced].map((d) => ({
              line: d.range.start.line,
              character: d.range.start.character,
              code: String(d.code),
              message: typeof d.message === 'string' ? d.message : d.message.value,
            })),
          });
        } else if (m.edits.length) {
          result.edit.documentChanges.push({
            textDocument: { uri, version: open ? open.version : null },
            edits: m.edits.map((e) => ({ ...e, annotationId: ANNOTATION })),
          });
          result.files.push({
            uri,
            kind: m.kind,
            from: m.from,
            to: m.to,
            migrations: m.migrations,
            changes: m.changes,
          });
        } else result.upToDate++;
        await new Promise<void>((r) => setImmediate(r));
      }
      return result;
    },
  );
}
