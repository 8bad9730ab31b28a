// Pull diagnostics (textDocument/diagnostic): drafts are checked after a quiet moment following
// the last edit (a cancelled request stops waiting), facts and config files answer with their
// problems. The resultId stays the same while the diagnostics do, so repeated pulls are 'unchanged'.
import {
  DocumentDiagnosticReportKind,
  LSPErrorCodes,
  ResponseError,
  type CancellationToken,
  type Diagnostic,
  type DocumentDiagnosticParams,
  type DocumentDiagnosticReport,
} from 'vscode-languageserver/node';
import { guard } from './safe.js';
import type { Session } from './session.js';
import { uriToPath } from './uri.js';

const EMPTY: DocumentDiagnosticReport = { kind: DocumentDiagnosticReportKind.Full, items: [] };

function report(items: Diagnostic[], resultId: string, previous: string | undefined): DocumentDiagnosticReport {
  return previous !== undefined && previous === resultId
    ? { kind: DocumentDiagnosticReportKind.Unchanged, resultId }
    : { kind: DocumentDiagnosticReportKind.Full, resultId, items };
}

/** Resolves after `ms`, or as soon as the request is cancelled. */
function quiet(ms: number, token: CancellationToken): Promise<void> {
  // A request cancelled before it was dispatched has a token that never fires: look first.
  if (token.isCancellationRequested) return Promise.resolve();
  return new Promise((resolve) => {
    const sub = token.onCancellationRequested(done);
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      sub.dispose();
      resolve();
    }
  });
}

const cancelled = () => new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');

export function registerPullDiagnostics(session: Session): void {
  const { connection, documents, checker, publisher, log } = session;
  connection.languages.diagnostics.on(
    guard(log, 'diagnostics', EMPTY, async (params: DocumentDiagnosticParams, token: CancellationToken) => {
      const uri = params.textDocument.uri;
      const doc = documents.get(uri);
      if (!doc) return EMPTY;
      const kind = session.kindOf(doc);
      if (kind === 'facts' || kind === 'config') {
        const file = uriToPath(uri);
        const entry = file ? publisher.file(file) : undefined;
        return report(entry?.diagnostics ?? [], entry?.resultId ?? 'f0', params.previousResultId);
      }
      if (kind !== 'draft') return EMPTY;
      const state = checker.state(uri);
      const settings = await session.settingsFor(uri);
      // Checking on save: while the buffer has unsaved edits, the last result stands.
      if (settings.run === 'onSave' && state.result && doc.version !== state.savedVersion) {
        return report(state.result.diagnostics, state.resultIdOf(state.result), params.previousResultId);
      }
      const wait = state.lastChange + settings.debounce - Date.now();
      if (wait > 0) await quiet(wait, token);
      if (token.isCancellationRequested) throw cancelled();
      // A long draft being checked in parts: the part checked so far, and a refresh when the whole
      // draft is checked (for clients that can be asked to pull again).
      const r = await checker.current(uri, { partial: session.caps.refresh });
      if (token.isCancellationRequested) throw cancelled();
      if (!r) return EMPTY;
      return report(r.diagnostics, state.resultIdOf(r), params.previousResultId);
    }),
  );
}
