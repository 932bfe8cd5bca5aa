/** `tenantConfig/migrateWorkspace`: every configuration file of the workspace, migrated to the latest formats. */
export const MigrateWorkspaceRequest = 'tenantConfig/migrateWorkspace';

export interface MigrateWorkspaceParams {
  /** Target format version of our own kinds (the latest when absent). */
  to?: string;
}

export interface MigrateWorkspaceFile {
  uri: string;
  /** Catalog id of the file's kind. */
  kind?: string;
  /** Versions of our kinds, before and after. */
  from?: string;
  to?: string;
  /** Migrations applied (`tenant/1-2`, `alertmanager/0.21-0.22`). */
  migrations: string[];
  changes: number;
}

export interface MigrateWorkspaceBlocked {
  uri: string;
  /** Why the file is left as it is: decisions to make, or problems the result would have. */
  problems: Array<{ line: number; character: number; code: string; message: string }>;
}

export interface MigrateWorkspaceResult {
  /**
   * The edits of every file that migrates, as one LSP WorkspaceEdit whose edits carry a change
   * annotation with `needsConfirmation`, so that the editor previews them before applying.
   */
  edit: {
    documentChanges: Array<{
      textDocument: { uri: string; version: number | null };
      edits: Array<{
        range: { start: { line: number; character: number }; end: { line: number; character: number } };
        newText: string;
        annotationId: string;
      }>;
    }>;
    changeAnnotations: Record<string, { label: string; needsConfirmation: boolean; description?: string }>;
  };
  files: MigrateWorkspaceFile[];
  blocked: MigrateWorkspaceBlocked[];
  /** Files of a known kind that are already at the latest formats. */
  upToDate: number;
}
