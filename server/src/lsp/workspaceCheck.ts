// Drafts that are not open: checked from disk for factlint.checkWorkspace and for references.
import * as path from 'node:path';
import type { CancellationToken } from 'vscode-languageserver/node';
import { readDraft } from '../cli/read.js';
import { analyzeDocument } from '../engine/check.js';
import { LineIndex } from '../engine/text/positions.js';
import { DiagnosticMaker } from './diagnostics.js';
import { shownDiagnostics } from './shown.js';
import { contextStamp } from './drafts.js';
import { skipReason } from './guard.js';
import type { FileCheck } from './navigation.js';
import type { CheckWorkspaceResult } from './protocol.js';
import { errorText } from './safe.js';
import type { Session } from './session.js';
import { pathToUri } from './uri.js';

/** Checks a draft from disk with what applies to it; undefined when it is not checked (ignored, unreadable, too large, no facts). */
export async function checkFile(session: Session, file: string): Promise<FileCheck | undefined> {
  const ctx = await session.contextForPath(file);
  const base = ctx.facts?.base;
  if (!base || ctx.setup.ignored) return undefined;
  const read = readDraft(file);
  if ('skipped' in read) return undefined;
  if (skipReason(read.text, ctx.settings.maxFileSize)) return undefined;
  const result = analyzeDocument(read.text, base, { rules: ctx.setup.rules });
  return { result, lines: new LineIndex(read.text), base, stamp: contextStamp(ctx) };
}

/** Checks every draft of the workspace and publishes the diagnostics (open drafts: their buffers). */
export async function checkWorkspace(session: Session, token?: CancellationToken): Promise<CheckWorkspaceResult> {
  const { connection, documents, checker, publisher, caps, log } = session;
  const out: CheckWorkspaceResult = { files: 0, diagnostics: 0, skipped: 0 };
  const maker = new DiagnosticMaker(caps.diagnostics);
  const progress = caps.progress ? await connection.window.createWorkDoneProgress().catch(() => undefined) : undefined;
  session.workspace.invalidateDrafts();
  const drafts = session.workspace.drafts();
  progress?.begin('factlint: checking the workspace', 0, `${drafts.length} drafts`, true);
  try {
    for (let i = 0; i < drafts.length; i++) {
      if (token?.isCancellationRequested || progress?.token.isCancellationRequested) break;
      // Other requests are served between files.
      await new Promise((r) => setImmediate(r));
      const file = drafts[i];
      progress?.report(Math.round((100 * i) / drafts.length), path.basename(file));
      const uri = session.openUri(file);
      if (uri && documents.get(uri)) {
        const r = await checker.current(uri);
        if (!r) continue;
        out.files++;
        out.diagnostics += r.problems;
        if (!caps.pull) publisher.push(uri, r.diagnostics, r.version);
        continue;
      }
      let checked: FileCheck | undefined;
      try {
        checked = await checkFile(session, file);
      } catch (err) {
        log.error(`factlint: checking ${file} failed: ${errorText(err)}`);
      }
      if (!checked) {
        out.skipped++;
        continue;
      }
      const { lines, base } = checked;
      const diagnostics = maker.diagnostics(checked.result.findings, lines, base);
      out.files++;
      out.diagnostics += diagnostics.length;
      const fileUri = pathToUri(file);
      publisher.push(fileUri, shownDiagnostics(diagnostics, (await session.settingsFor(fileUri)).maxProblems, 0));
    }
  } finally {
    progress?.done();
  }
  return out;
}
