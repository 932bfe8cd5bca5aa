/** The host's options and the values it hands to the shells. */
import type { DocumentFormat } from '../document/document';
import type { Kind } from '../kinds';
import type { BundledSchemas } from '../schema/store';
import type { FileRead, TextProblem } from './files';

/**
 * What a file is read for: a file of the workspace (inside its folders only), a user schema (named
 * files too), or a project configuration `.tenant-config.yaml` (the linter reads the one above a
 * file the user named wherever it is; the editor only inside the workspace folders).
 */
export type ReadPurpose = 'workspace' | 'schema' | 'config';

export interface AnalysisHostOptions {
  bundled: BundledSchemas;
  /** Reads a file through the shell's gate. The core reads nothing itself. */
  read(uri: string, purpose: ReadPurpose): FileRead;
  /** URI of docs/diagnostics.md, for each diagnostic's `codeDescription`. */
  diagnosticsDocUri?: string;
  /**
   * Whether an open document belongs to the workspace's cross-file index (the server: documents
   * of the editor only, and files inside the workspace folders). Every document when absent.
   */
  inWorkspace?(uri: string): boolean;
}

/**
 * Open documents larger than this are re-indexed when saved (from the file event), not while
 * typed: re-reading a 150,000-line stream for the index at every pause would cost seconds and a
 * whole tree in memory, while its own diagnostics are re-checked chunk by chunk.
 */
export const LARGE_DOCUMENT = 1_000_000;

/** A file to index during the start-up load: what a worker needs to extract its facts. */
export interface IndexJob {
  uri: string;
  kind: Kind;
  text: string;
  format: DocumentFormat;
  /** The problems of the file's bytes (files read from disk). */
  problems: readonly TextProblem[];
  /** The editor's version, when the file is open. */
  version?: number;
}
