// Document sync: drafts are checked when opened and after edits (debounced, or on save); an
// edited facts file is reloaded after a quiet moment; facts and config problems follow their
// documents between the pull and push sides.
import * as fs from 'node:fs';
import { guardVoid } from './safe.js';
import type { Session } from './session.js';
import { uriToPath } from './uri.js';

export function registerDocumentEvents(session: Session): void {
  const { documents, checker, publisher, caps, log } = session;
  // TextDocuments fires a content change right after each open: that one is not an edit.
  const justOpened = new Set<string>();

  documents.onDidOpen(
    guardVoid(log, 'didOpen', ({ document: doc }) => {
      justOpened.add(doc.uri);
      session.trackOpen(doc.uri, true);
      const file = uriToPath(doc.uri);
      const kind = session.kindOf(doc);
      if (kind === 'draft') {
        checker.opened(doc.uri, doc.version);
        // Diagnostics pushed by a workspace check give way to the document's own.
        if (caps.pull) publisher.clearPushed(doc.uri);
        else checker.schedule(doc.uri, 0);
      } else if (kind === 'facts' && file) {
        publisher.reroute(file, doc.uri, true);
        if (!session.registry.using(file).length) session.factsFileOpened(file);
        else if (readText(file) !== doc.getText()) session.factsFileChanged(file);
      } else if (kind === 'config' && file) publisher.reroute(file, doc.uri, true);
    }),
  );

  documents.onDidChangeContent(
    guardVoid(log, 'didChange', async ({ document: doc }) => {
      if (justOpened.delete(doc.uri)) return;
      const kind = session.kindOf(doc);
      if (kind === 'draft') {
        checker.changed(doc.uri);
        const settings = await session.settingsFor(doc.uri);
        if (!caps.pull && settings.run === 'onType') checker.schedule(doc.uri, settings.debounce);
      } else if (kind === 'facts') {
        const file = uriToPath(doc.uri);
        if (file) session.scheduleFactsReload(file, (await session.settingsFor(doc.uri)).debounce);
      }
    }),
  );

  documents.onDidSave(
    guardVoid(log, 'didSave', async ({ document: doc }) => {
      if (session.kindOf(doc) !== 'draft') return;
      checker.saved(doc.uri, doc.version);
      if ((await session.settingsFor(doc.uri)).run !== 'onSave') return;
      if (caps.pull) publisher.requestRefresh();
      else checker.schedule(doc.uri, 0);
    }),
  );

  documents.onDidClose(
    guardVoid(log, 'didClose', ({ document: doc }) => {
      justOpened.delete(doc.uri);
      const kind = session.kindOf(doc);
      session.trackOpen(doc.uri, false);
      const file = uriToPath(doc.uri);
      if (kind === 'draft') {
        checker.closed(doc.uri);
        if (!caps.pull) publisher.push(doc.uri, []);
      } else if (kind === 'facts' && file) {
        // Unsaved edits are gone: the file on disk applies again.
        session.factsFileClosed(file, doc.uri);
        publisher.reroute(file, doc.uri, false);
      } else if (kind === 'config' && file) publisher.reroute(file, doc.uri, false);
    }),
  );
}

function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
