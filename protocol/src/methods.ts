/** Custom protocol methods, declared once for the client and the server, with their parameter and result types. */
import { RequestType, RequestType0 } from 'vscode-languageserver-protocol';

/** Why a schema applies to a document. */
export type SchemaSource = 'modeline' | '$schema' | 'settings' | 'file-pattern' | 'none';

export interface SchemaInfoParams {
  uri: string;
}

export interface SchemaInfo {
  /** The schema's `$id` or file URI; empty when no schema applies. */
  schemaId: string;
  /** A human title such as "Tenant configuration". */
  title: string;
  source: SchemaSource;
  /** What matched: the modeline text, the glob, the file pattern. */
  detail: string;
  /** The file URI of the schema when it is a file (bundled or user). */
  schemaUri?: string;
}

/** `tenantConfig/schemaInfo`: which schema applies to a document and why. */
export const SchemaInfoRequest = new RequestType<SchemaInfoParams, SchemaInfo, void>('tenantConfig/schemaInfo');

export interface ValidateWorkspaceResult {
  files: number;
  problems: number;
}

/** `tenantConfig/validateWorkspace`: validate every config file of the workspace. */
export const ValidateWorkspaceRequest = new RequestType<Record<string, never>, ValidateWorkspaceResult, void>(
  'tenantConfig/validateWorkspace',
);

export interface IndexStatus {
  /** The start-up scan has finished; cross-file diagnostics are published. */
  ready: boolean;
  /** Files in the index. */
  files: number;
  /** Workers that read files during the start-up scan (0: read in the server's thread). */
  workers: number;
  /** Duration of the start-up scan, reading and indexing (not the publishing that follows). */
  scanMs: number;
  /**
   * Globs of `tenantConfig.workspace.exclude` that cannot be used (too long for the glob matcher,
   * say), by position in the setting: they are ignored, the others still apply.
   */
  unusableExcludes: Array<{ index: number; length: number; reason: string }>;
  /** Analysis workers loaded and answering (chunks of large documents, user schemas); 0 until one is. */
  analysisWorkers: number;
}

/** `tenantConfig/indexStatus`: the cross-file index of the workspace. */
export const IndexStatusRequest = new RequestType0<IndexStatus, void>('tenantConfig/indexStatus');
