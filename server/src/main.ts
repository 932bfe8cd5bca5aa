/**
 * The server's first bundle (dist/serverMain.js): the connection and the answer to `initialize`,
 * nothing more. The engine (dist/serverEngine.js: the analysis host, ajv, yaml, the rules, the
 * handlers) is loaded right after that answer is written, sharing this bundle's LSP library: a
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
 * How long after the `initialize` answer the engine's start-up work (workers, workspace scan,
 * registrations) begins anyway, for a client that never sends `initialized`.
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
  // Every later handler is registered by the engine, which loads as soon as the answer is out: the
  // connection writes it on a later turn of the event loop (hence two turns here), so the engine
  // loads while the client reads the answer and sends its next messages, which wait in the pipe.
  // Whatever the order, the engine is there before the client's next message is dispatched: the
  // protocol makes `initialized` that message, its handler loads the engine if it is not loaded
  // yet, and messages are dispatched one per turn.
  const engine = (): StartedServer => {
    if (!started) {
      const file = path.join(__dirname, 'serverEngine.js');
      const { startServer } = codeCache.require(file, { [SHARED_LSP]: lsp }) as Engine;
      started = startServer(connection, params!, runtime);
    }
    return started;
  };
  connection.onInitialize((p) => {
    params = p;
    setImmediate(() => setImmediate(engine));
    fallback = setTimeout(() => engine().initialized(), ENGINE_FALLBACK_MS);
    return initializeResult();
  });
  connection.onInitialized(() => {
    clearTimeout(fallback);
    engine().initialized();
  });
  connection.listen();
}
