/**
 * The server's entry (dist/server.js), and its analysis workers' (see analysisPool.ts): loads the
 * server's first bundle (dist/serverMain.js, which answers `initialize` and then loads the engine,
 * dist/serverEngine.js, the same way), or in a worker the worker's bundle, through V8's code cache
 * when a cache folder is named (`--code-cache-dir=<folder>` on the command line, which the extension
 * sets to its global storage; the workers get the server's), plainly otherwise, and starts it. Kept
 * tiny: it is the part that is always compiled from source.
 */
import * as path from 'node:path';
import { CodeCache, WORKER_ARG } from './codeCache';

type Entry = { run(codeCache: CodeCache): void };
// A worker is told by an argument its pool appends (analysisPool.ts), not by `node:worker_threads`:
// loading that module costs a fresh process several milliseconds before the `initialize` answer.
if (!process.argv.includes(WORKER_ARG)) {
  const codeCache = CodeCache.fromArgv(process.argv);
  (codeCache.require(path.join(__dirname, 'serverMain.js')) as Entry).run(codeCache);
} else {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { workerData } = require('node:worker_threads') as typeof import('node:worker_threads');
  const { entry, codeCacheDir } = workerData as { entry: string; codeCacheDir?: string };
  const codeCache = new CodeCache(codeCacheDir);
  (codeCache.require(path.join(__dirname, path.basename(entry))) as Entry).run(codeCache);
}
