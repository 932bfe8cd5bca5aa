/**
 * The server's first bundle (dist/serverMain.js): the connection and the answer to `initialize`,
 * nothing more. The engine (dist/serverEngine.js: the analysis host, ajv, yaml, the rules, the
 * handlers) is loaded when the client says `initialized`, sharing this bundle's LSP library: a
 * fresh process spent most of its time to the `initialize` answer loading and evaluating it.
 */
import * as path from 'node:path';
import * as lsp from 'vscode-languageserver/node';
import { CodeCache } from './codeCache';
import { initializeResult } from './capabilities';
import type { ServerRuntime, StartedServer } from './server';

/** The id under which the engine's bundle requires the LSP library (see scripts/bundle.mjs). */
export const SHARED_LSP = 'tenant-config:lsp';

/**
 * How long after the `initialize` answer the engine starts anyway, for a client that does not send
 * `initialized` (what such a client sends before then has no handler yet).
 */
const ENGINE_FALLBACK_MS = 250;

type Engine = typeof import('./server');

/** Start the server on the transport the command line names (--stdio, --node-ipc, --socket=N). */
export function run(codeCache: CodeCache = new CodeCache(undefined)): void {
  const connection = lsp.createConnection(lsp.ProposedFeatures.all);
  process.on('uncaughtException', (e) => connection.console.error(`uncaught: ${e?.stack ?? String(e)}`));
  process.on('unhandledRejection', (e) =>
    connection.console.error(`unhandled rejection: ${(e as Error)?.stack ?? String(e)}`),
  );
  const runtime: ServerRuntime = { codeCache };
  let params: lsp.InitializeParams | undefined;
  let started: StartedServer | undefined;
  let fallback: NodeJS.Timeout | undefined;
  // Every later handler is registered by the engine. The client's first message after the answer
  // is `initialized` (the protocol says so), and messages are dispatched one at a time: the engine
  // is loaded, and its handlers registered, while that one is handled, before the next is read.
  const engine = (): StartedServer => {
    clearTimeout(fallback);
    if (!started) {
      const file = path.join(__dirname, 'serverEngine.js');
      const { startServer } = codeCache.require(file, { [SHARED_LSP]: lsp }) as Engine;
      started = startServer(connection, params!, runtime);
    }
    return started;
  };
  connection.onInitialize((p) => {
    params = p;
    fallback = setTimeout(() => engine().initialized(), ENGINE_FALLBACK_MS);
    return initializeResult();
  });
  connection.onInitialized(() => engine().initialized());
  connection.listen();
}
