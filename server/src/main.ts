import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

// The transport (--stdio, --node-ipc, --socket=N) comes from the command line.
const connection = createConnection(ProposedFeatures.all);
process.on('uncaughtException', (e) => connection.console.error(`uncaught: ${e?.stack ?? String(e)}`));
process.on('unhandledRejection', (e) =>
  connection.console.error(`unhandled rejection: ${(e as Error)?.stack ?? String(e)}`),
);
startServer(connection);
