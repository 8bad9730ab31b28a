// The language server: a thin adapter from LSP to the engine. Documents come in (incremental
// sync), drafts are checked against the facts that apply to them, and findings go out as
// diagnostics, hovers, code actions, definitions, references and completions.
import type { Connection } from 'vscode-languageserver/node';
import { registerDocumentEvents } from './documentEvents.js';
import { registerFeatures } from './features.js';
import { registerLifecycle } from './lifecycle.js';
import { registerPullDiagnostics } from './pull.js';
import { Session, type SessionOptions } from './session.js';

export type ServerOptions = SessionOptions;

export function startServer(connection: Connection, options: ServerOptions): Session {
  const session = new Session(connection, options);
  registerLifecycle(session);
  registerDocumentEvents(session);
  registerPullDiagnostics(session);
  registerFeatures(session);
  session.documents.listen(connection);
  return session;
}
