/**
 * The server's entry (dist/server.js), and its analysis workers' (see analysisPool.ts): loads the
 * server's first bundle (dist/serverMain.js, which answers `initialize` and then loads the engine,
 * dist/serverEngine.js, the same way), or in a worker the worker's bundle, through V8's code cache
 * when a cache folder is named (`--code-cache-dir=<folder>` on the command line, which the extension
 * sets to its global storage; the workers get the server's), plainly otherwise, and starts it. Kept
 * tiny: it is the part that is always compiled from source.
 */
import * as path from 'node:path';
import { isMainThread, workerData } from 'node:worker_threads';
import { CodeCache } from './codeCache';

type Entry = { run(codeCache: CodeCache): void };
if (isMainThread) {
  const codeCache = CodeCache.fromArgv(process.argv);
  (codeCache.require(path.join(__dirname, 'serverMain.js')) as Entry).run(codeCache);
} else {
  const { entry, codeCacheDir } = workerData as { entry: string; codeCacheDir?: string };
  const codeCache = new CodeCache(codeCacheDir);
  (codeCache.require(path.join(__dirname, path.basename(entry))) as Entry).run(codeCache);
}
