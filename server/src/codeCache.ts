/**
 * V8's code cache for our bundles: a script compiled from source once, then loaded from the
 * bytecode V8 serialised (the functions run so far included), which skips most of the parsing
 * and compiling a fresh process does. The cache lives only in a folder the client names (the
 * extension's global storage), never in a workspace. A file's cache is named by a hash of the
 * file's identity on disk (path, size, modification time, inode), the platform and V8's version,
 * so a rebuilt or reinstalled bundle or another runtime never reads another's (hashing the source
 * itself would load `node:crypto` and read every byte before the `initialize` answer); V8
 * checks what it is given again and rejects what does not fit, and a rejected, missing, corrupt or
 * unreadable cache only means compiling from source, as without a folder. Writes go to a temporary
 * file renamed into place; a folder that cannot be written is left alone.
 */
import { isAscii } from 'node:buffer';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import * as vm from 'node:vm';

/** The command-line argument that names the cache folder: `--code-cache-dir=<folder>`. */
export const CODE_CACHE_ARG = '--code-cache-dir=';

/** The argument a server's analysis worker gets (after the parent's): the entry (boot.ts) is shared. */
export const WORKER_ARG = '--tenant-config-analysis-worker';

/** 32-bit FNV-1a of a short string, as 8 hex digits, from `seed`. */
function fnv1a(text: string, seed: number): string {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** The cache key of a file: 24 hex digits over its identity on disk and the runtime. */
export function cacheKey(file: string, stat: Pick<fs.Stats, 'size' | 'mtimeMs' | 'ino'>): string {
  const id = `${file}\0${stat.size}\0${stat.mtimeMs}\0${stat.ino}\0${process.platform}\0${process.arch}\0${process.versions.v8}`;
  return fnv1a(id, 0x811c9dc5) + fnv1a(id, 0x050c5d1f) + fnv1a(id, 0x2f3d8a79);
}

interface Entry {
  script: vm.Script;
  cacheFile: string;
  /** Whether V8 used the cache this process read (nothing to write then). */
  used: boolean;
}

export class CodeCache {
  private readonly entries: Entry[] = [];

  readonly dir: string | undefined;

  /** `dir` undefined (or relative): load plainly, cache nothing. */
  constructor(dir: string | undefined) {
    this.dir = dir && path.isAbsolute(dir) ? dir : undefined;
  }

  /** The cache folder named on a command line, if any. */
  static fromArgv(argv: readonly string[]): CodeCache {
    return new CodeCache(argv.find((a) => a.startsWith(CODE_CACHE_ARG))?.slice(CODE_CACHE_ARG.length));
  }

  /** Whether a loaded file's cache was used, per file name (for logs and tests). */
  get status(): Array<{ file: string; used: boolean }> {
    return this.entries.map((e) => ({ file: path.basename(e.cacheFile), used: e.used }));
  }

  /**
   * Load a CommonJS file (one of our bundles) and return its exports, through the cache when there
   * is one. `shared`: modules the file requires by these ids get these objects (what an earlier
   * bundle already loaded, see scripts/bundle.mjs), so they are neither bundled twice nor evaluated twice.
   */
  require(file: string, shared?: Readonly<Record<string, unknown>>): unknown {
    if (!this.dir && !shared) return createRequire(file)(file);
    // Read as bytes: a bundle in ASCII (esbuild escapes the rest) is decoded faster as Latin-1,
    // which reads ASCII the same. The key is of the file this descriptor read.
    let bytes: Buffer;
    let key: string;
    try {
      const fd = fs.openSync(file, 'r');
      try {
        key = cacheKey(file, fs.fstatSync(fd));
        bytes = fs.readFileSync(fd);
      } finally {
        fs.closeSync(fd);
      }
    } catch {
      return createRequire(file)(file);
    }
    const source = bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8');
    let cacheFile: string | undefined;
    let cachedData: Buffer | undefined;
    if (this.dir) {
      cacheFile = path.join(this.dir, `${path.basename(file, '.js')}-${key}.bin`);
      try {
        cachedData = fs.readFileSync(cacheFile);
      } catch {
        cachedData = undefined;
      }
    }
    const wrapper = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
    let script: vm.Script;
    try {
      script = new vm.Script(wrapper, { filename: file, cachedData });
    } catch {
      return createRequire(file)(file);
    }
    if (cacheFile) this.entries.push({ script, cacheFile, used: !!cachedData && script.cachedDataRejected === false });
    const plain = createRequire(file);
    const req = shared
      ? Object.assign((id: string): unknown => (Object.hasOwn(shared, id) ? shared[id] : plain(id)), plain)
      : plain;
    const module = { exports: {} as unknown, filename: file, id: file, loaded: false };
    const fn = script.runInThisContext() as (...args: unknown[]) => void;
    fn.call(module.exports, module.exports, req, module, file, path.dirname(file));
    module.loaded = true;
    return module.exports;
  }

  /** Whether some loaded file has no usable cache yet. */
  get pending(): boolean {
    return this.entries.some((e) => !e.used);
  }

  /**
   * Write the caches V8 did not accept or did not have, with every function compiled so far (call
   * it once the first work is done, so the cache holds what a start needs). Never throws.
   */
  flush(): void {
    if (!this.dir) return;
    for (const e of this.entries) {
      if (e.used) continue;
      e.used = true;
      try {
        const data = e.script.createCachedData();
        fs.mkdirSync(this.dir, { recursive: true });
        const tmp = `${e.cacheFile}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
        fs.writeFileSync(tmp, data);
        fs.renameSync(tmp, e.cacheFile);
        this.removeStale(e.cacheFile);
      } catch {
        // An unwritable folder: the next start compiles from source again.
      }
    }
  }

  /** Other caches of the same file (an older bundle or runtime) are removed. */
  private removeStale(cacheFile: string): void {
    const base = path.basename(cacheFile);
    const prefix = base.slice(0, base.lastIndexOf('-') + 1);
    for (const name of fs.readdirSync(this.dir!)) {
      if (name !== base && name.startsWith(prefix) && /^[0-9a-f]{24}\.bin$/.test(name.slice(prefix.length)))
        fs.rmSync(path.join(this.dir!, name), { force: true });
    }
  }
}
