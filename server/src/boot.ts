/**
 * The server's entry (dist/server.js): loads the server's bundle (dist/serverMain.js) through
 * V8's code cache when the command line names a cache folder (`--code-cache-dir=<folder>`, which
 * the extension sets to its global storage), plainly otherwise, and starts it. Kept tiny: it is
 * the part that is always compiled from source.
 */
import * as path from 'node:path';
import { CodeCache } from './codeCache';

const codeCache = CodeCache.fromArgv(process.argv);
const server = codeCache.require(path.join(__dirname, 'serverMain.js')) as { run(codeCache: CodeCache): void };
server.run(codeCache);
