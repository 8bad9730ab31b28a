// The language server (bundled to dist/server-core.js, which dist/server.js loads: boot.ts). The
// transport is taken from the command line: --stdio, --node-ipc or --socket=N. The process never dies of one bad document or
// request: uncaught errors are logged to the client's output and the server keeps serving.
import * as path from 'node:path';
import { errorText } from './safe.js';
import { startServer } from './server.js';
import { connect } from './transport.js';

const connection = connect();

function report(kind: string, err: unknown): void {
  try {
    connection.console.error(`factlint: ${kind}: ${errorText(err)}`);
  } catch {
    // the connection itself is gone: nothing to tell
  }
}

process.on('uncaughtException', (err) => report('uncaught exception', err));
process.on('unhandledRejection', (reason) => report('unhandled rejection', reason));

startServer(connection, { bundledFactsDir: path.join(__dirname, '..', 'facts') });
connection.listen();
