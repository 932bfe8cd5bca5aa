import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import type { CodeCache } from './codeCache';
import { startServer } from './server';

/** Start the server on the transport the command line names (--stdio, --node-ipc, --socket=N). */
export function run(codeCache?: CodeCache): void {
  const connection = createConnection(ProposedFeatures.all);
  process.on('uncaughtException', (e) => connection.console.error(`uncaught: ${e?.stack ?? String(e)}`));
  process.on('unhandledRejection', (e) =>
    connection.console.error(`unhandled rejection: ${(e as Error)?.stack ?? String(e)}`),
  );
  startServer(connection, { codeCache });
}
