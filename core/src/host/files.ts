/**
 * What the host's file reader (node/src/gate.ts) hands to the core: a file's decoded text with the
 * problems of its bytes, or why it was not read. The core reads no file itself; this is the contract.
 */
import { phrase } from '../messages';

/** Why a file was not read. Never the file's content. */
export type ReadRefusal =
  /** Another scheme than `file:` (`untitled:`, `https:`, …): nothing on disk to read. */
  | 'not-a-file-uri'
  /** A `file:` URI with a host (`file://server/share/…`): a network path, never touched. */
  | 'remote-host'
  /** The file (its real path, symbolic links followed) lies outside the workspace folders and the user did not name it. */
  | 'outside-workspace'
  | 'not-found'
  /** A folder, a device, a pipe or a socket. */
  | 'not-regular'
  | 'too-large'
  /** Permissions, or an I/O error (`errno` says which). */
  | 'unreadable';

const REFUSALS: readonly ReadRefusal[] = [
  'not-a-file-uri',
  'remote-host',
  'outside-workspace',
  'not-found',
  'not-regular',
  'too-large',
  'unreadable',
];

export function isRefusal(value: unknown): value is ReadRefusal {
  return typeof value === 'string' && (REFUSALS as readonly string[]).includes(value);
}

/** A problem of a file's bytes, at its place in the decoded text. */
export interface TextProblem {
  code: 'document.encoding' | 'document.invalid-utf8';
  offset: number;
  length: number;
  args: Record<string, string | number>;
}

/** A file's text as the reader decoded it (byte order mark dropped), with what it found in the bytes. */
export interface FileText {
  text: string;
  problems: readonly TextProblem[];
}

export type FileRead = ({ ok: true } & FileText) | { ok: false; refusal: ReadRefusal; errno?: string };

/** Reads a file by URI through the host's gate. */
export type ReadFileText = (uri: string) => FileRead;

/** The largest file the reader reads, in bytes. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

/** Why a file was not read, as a user reads it (in the display language). */
export function refusalText(refusal: ReadRefusal, errno?: string): string {
  switch (refusal) {
    case 'not-a-file-uri':
      return phrase('file.refused.not-a-file-uri');
    case 'remote-host':
      return phrase('file.refused.remote-host');
    case 'outside-workspace':
      return phrase('file.refused.outside-workspace');
    case 'not-found':
      return phrase('file.refused.not-found');
    case 'not-regular':
      return phrase('file.refused.not-regular');
    case 'too-large':
      return phrase('file.refused.too-large', { max: MAX_FILE_BYTES / (1024 * 1024) });
    case 'unreadable':
      return phrase('file.refused.unreadable', { reason: errno ?? 'EIO' });
  }
}

/** A file's text alone (the reader's problems dropped), or undefined when it was not read. */
export function textOf(read: FileRead): string | undefined {
  return read.ok ? read.text : undefined;
}
