/**
 * V8's code cache for our bundles: a script compiled from source once, then loaded from the
 * bytecode V8 serialised (the functions run so far included), which skips most of the parsing
 * and compiling a fresh process does. The cache lives only in a folder the client names (the
 * extension's global storage), never in a workspace. A file's cache is named by the hash of its
 * source, the platform and V8's version, so a changed bundle or runtime never reads another's; V8
 * checks what it is given again and rejects what does not fit, and a rejected, missing, corrupt or
 * unreadable cache only means compiling from source, as without a folder. Writes go to a temporary
 * file renamed into place; a folder that cannot be written is left alone.
 */
import { isAscii } from 'node:buffer';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import * as vm from 'node:vm';

/** The command-line argument that names the cache folder: `--code-cache-dir=<folder>`. */
export const CODE_CACHE_ARG = '--code-cache-dir=';

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
    // Read as bytes: hashing them costs less than hashing the decoded text, and a bundle in ASCII
    // (esbuild escapes the rest) is decoded faster as Latin-1, which reads ASCII the same.
    const bytes = fs.readFileSync(file);
    const source = bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8');
    let cacheFile: string | undefined;
    let cachedData: Buffer | undefined;
    if (this.dir) {
      const key = crypto
        .createHash('sha256')
        .update(bytes)
        .update(`\0${process.platform}\0${process.arch}\0${process.versions.v8}`)
        .digest('hex')
        .slice(0, 24);
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
