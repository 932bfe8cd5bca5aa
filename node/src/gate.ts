/**
 * The one way the language server and the linter read a file the user did not ship with us: the
 * files of a workspace, open documents' files on disk, user schemas and the files they `$ref`, the
 * linter's files and settings file. Rules, in order, each before anything is read:
 *
 * 1. `file:` URIs without a host only: `untitled:` and other schemes are never looked up on disk,
 *    and `file://host/share/…` (a network path) is refused without a single system call.
 * 2. The real path (symbolic links followed) must lie inside a root (the workspace folders; the
 *    linter's project root), unless the user named the file in their own settings or on the
 *    command line (a schema in `tenantConfig.schemas`, `--schema`, `--config`).
 * 3. Regular files only, checked on the path and again on the opened descriptor (opened
 *    non-blocking, so a pipe swapped in cannot block); a size cap, and a read loop that stops at
 *    the cap whatever the size said (`/proc` files say 0).
 *
 * A refusal says why (`ReadRefusal`) and never quotes the file.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { MAX_FILE_BYTES, type FileRead } from '../../core/src/index';
import { decode } from './decode';

export interface GateOptions {
  /** Folders whose files may be read: paths or `file:` URIs. */
  roots?: readonly string[];
  /** Files the user named: read even outside the roots (when a read allows named files). */
  named?: readonly string[];
  maxBytes?: number;
}

export interface ReadOptions {
  /** Files the user named may be read although outside the roots (schemas, settings files). */
  named?: boolean;
}

const CHUNK = 64 * 1024;
const O_FLAGS =
  fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0) | (process.platform === 'win32' ? 0 : fs.constants.O_NOFOLLOW);

/** The local path of a `file:` URI without a host; otherwise why it is not one. Touches nothing. */
export function localPath(uri: string): { path: string } | { refusal: 'not-a-file-uri' | 'remote-host' } {
  let u: URI;
  try {
    u = URI.parse(uri);
  } catch {
    return { refusal: 'not-a-file-uri' };
  }
  if (u.scheme !== 'file') return { refusal: 'not-a-file-uri' };
  if (u.authority !== '') return { refusal: 'remote-host' };
  if (!u.path.startsWith('/')) return { refusal: 'not-a-file-uri' };
  return { path: u.fsPath };
}

/** A path given as a path or a `file:` URI, resolved; undefined for other URIs. */
function toPath(p: string): string | undefined {
  if (/^[a-zA-Z][a-zA-Z0-9+.-]+:/.test(p) && !/^[a-zA-Z]:[\\/]/.test(p)) {
    const local = localPath(p);
    return 'path' in local ? path.resolve(local.path) : undefined;
  }
  return path.resolve(p);
}

function realOrSelf(p: string): string {
  try {
    return fs.realpathSync.native(p);
  } catch {
    return p;
  }
}

/** Whether `p` is `dir` or lies below it. */
export function within(p: string, dir: string): boolean {
  if (p === dir) return true;
  const prefix = dir.endsWith(path.sep) ? dir : dir + path.sep;
  return p.startsWith(prefix);
}

const isNetworkPath = (p: string): boolean => process.platform === 'win32' && /^[\\/]{2}/.test(p);

export class FileGate {
  private roots: string[] = [];
  private readonly named = new Set<string>();
  private readonly namedReal = new Set<string>();
  readonly maxBytes: number;

  constructor(options: GateOptions = {}) {
    this.maxBytes = options.maxBytes ?? MAX_FILE_BYTES;
    this.setRoots(options.roots ?? []);
    this.name(options.named ?? []);
  }

  /** The folders files may be read from (their real paths are compared). */
  setRoots(roots: readonly string[]): void {
    this.roots = roots
      .map(toPath)
      .filter((p): p is string => p !== undefined && !isNetworkPath(p))
      .map(realOrSelf);
  }

  /** Files the user named in their own settings or on the command line. */
  name(files: Iterable<string>): void {
    for (const f of files) {
      const p = toPath(f);
      if (p === undefined || isNetworkPath(p) || this.named.has(p)) continue;
      this.named.add(p);
      this.namedReal.add(realOrSelf(p));
    }
  }

  /** The files named so far, as they were named (absolute paths). */
  namedPaths(): string[] {
    return [...this.named];
  }

  /** The roots, as real paths. */
  rootPaths(): string[] {
    return [...this.roots];
  }

  /** Forget the named files (the settings changed). */
  clearNamed(): void {
    this.named.clear();
    this.namedReal.clear();
  }

  /** Whether a real path may be read: inside a root, or a named file (by the path asked for or its real path). */
  private allowed(asked: string, real: string, options: ReadOptions): boolean {
    if (this.roots.some((r) => within(real, r))) return true;
    return !!options.named && (this.named.has(asked) || this.namedReal.has(real));
  }

  /** Whether a URI lies inside the roots, without reading it (its real path when it exists). */
  contains(uri: string): boolean {
    const local = localPath(uri);
    if (!('path' in local)) return false;
    const real = realOrSelf(path.resolve(local.path));
    return this.roots.some((r) => within(real, r));
  }

  readUri(uri: string, options: ReadOptions = {}): FileRead {
    const local = localPath(uri);
    if (!('path' in local)) return { ok: false, refusal: local.refusal };
    return this.readPath(local.path, options);
  }

  readPath(file: string, options: ReadOptions = {}): FileRead {
    const asked = path.resolve(file);
    if (isNetworkPath(asked)) return { ok: false, refusal: 'remote-host' };
    let real: string;
    try {
      real = fs.realpathSync.native(asked);
    } catch (e) {
      return failure(e);
    }
    if (!this.allowed(asked, real, options)) return { ok: false, refusal: 'outside-workspace' };
    try {
      const st = fs.statSync(real);
      if (!st.isFile()) return { ok: false, refusal: 'not-regular' };
      if (st.size > this.maxBytes) return { ok: false, refusal: 'too-large' };
    } catch (e) {
      return failure(e);
    }
    let fd: number;
    try {
      fd = fs.openSync(real, O_FLAGS);
    } catch (e) {
      return failure(e);
    }
    try {
      const st = fs.fstatSync(fd);
      if (!st.isFile()) return { ok: false, refusal: 'not-regular' };
      if (st.size > this.maxBytes) return { ok: false, refusal: 'too-large' };
      const bytes = readCapped(fd, this.maxBytes, st.size);
      if (!bytes) return { ok: false, refusal: 'too-large' };
      return { ok: true, ...decode(bytes) };
    } catch (e) {
      return failure(e);
    } finally {
      try {
        fs.closeSync(fd);
      } catch {
        // already closed
      }
    }
  }
}

/**
 * At most `max` bytes of an open file; undefined when there are more. The size the file claims is
 * not trusted: it only sizes the first read (one more byte, to see the end in one call).
 */
function readCapped(fd: number, max: number, claimed: number): Uint8Array | undefined {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const want = Math.min(total === 0 && claimed > 0 ? claimed + 1 : CHUNK, max + 1 - total);
    const buf = Buffer.allocUnsafe(want);
    const n = fs.readSync(fd, buf, 0, want, null);
    if (n === 0) break;
    chunks.push(n === want ? buf : buf.subarray(0, n));
    total += n;
    if (total > max) return undefined;
  }
  return Buffer.concat(chunks, total);
}

function failure(e: unknown): FileRead {
  const errno = (e as NodeJS.ErrnoException)?.code;
  if (errno === 'ENOENT' || errno === 'ENOTDIR') return { ok: false, refusal: 'not-found', errno };
  return { ok: false, refusal: 'unreadable', errno: errno ?? 'EIO' };
}
