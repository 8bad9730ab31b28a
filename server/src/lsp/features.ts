// Requests on drafts (hover, definition, references, completion, code actions) and factlint's
// own requests (status, check the workspace). Each answers from the draft's current result.
import * as path from 'node:path';
import type { Position } from 'vscode-languageserver/node';
import { LineIndex } from '../engine/text/positions.js';
import { codeActions } from './actions.js';
import { completeFactIds } from './completion.js';
import { factLocation } from './diagnostics.js';
import type { DraftResult } from './drafts.js';
import { hoverAt } from './hover.js';
import { factIdAt } from './lookup.js';
import { definitionAt, factIdOnLine } from './navigation.js';
import { CHECK_WORKSPACE_COMMAND, STATUS_REQUEST, type CheckWorkspaceResult, type StatusParams } from './protocol.js';
import { guard } from './safe.js';
import type { Session } from './session.js';
import { uriToPath } from './uri.js';
import { checkWorkspace } from './workspaceCheck.js';

/** An offset of a position, or undefined when the position is outside the document. */
export function offsetOf(r: DraftResult, pos: Position | undefined): number | undefined {
  if (!pos || !Number.isInteger(pos.line) || !Number.isInteger(pos.character)) return undefined;
  if (pos.line < 0 || pos.character < 0 || pos.line >= r.lines.lineCount) return undefined;
  if (r.lines.starts[pos.line] + pos.character > r.lines.lineEnd(pos.line)) return undefined;
  return r.lines.offsetAt(pos);
}

export function registerFeatures(session: Session): void {
  const { connection, documents, checker, registry, log } = session;

  /**
   * The current result of an open draft; undefined for unknown documents and other kinds. With
   * `partial`, a long draft being checked in parts answers from the part checked so far.
   */
  async function resultOf(uri: string | undefined, partial = false): Promise<DraftResult | undefined> {
    const doc = uri ? documents.get(uri) : undefined;
    if (!doc || session.kindOf(doc) !== 'draft') return undefined;
    return checker.current(doc.uri, { partial });
  }

  connection.onHover(
    guard(log, 'hover', null, async (params) => {
      const r = await resultOf(params.textDocument?.uri, true);
      const offset = r && offsetOf(r, params.position);
      return r && offset !== undefined ? hoverAt(r, offset) : null;
    }),
  );

  connection.onDefinition(
    guard(log, 'definition', null, async (params) => {
      const r = await resultOf(params.textDocument?.uri, true);
      const offset = r && offsetOf(r, params.position);
      return r && offset !== undefined ? definitionAt(r, offset) : null;
    }),
  );

  connection.onReferences(
    guard(log, 'references', [], async (params, token) => {
      const uri = params.textDocument?.uri;
      const doc = uri ? documents.get(uri) : undefined;
      if (!doc) return [];
      let factId: string | undefined;
      let base: DraftResult['base'];
      const kind = session.kindOf(doc);
      if (kind === 'draft') {
        const r = await checker.current(doc.uri);
        const offset = r && offsetOf(r, params.position);
        const b = r?.base;
        if (!r || !b || offset === undefined) return [];
        factId = factIdAt(r, offset, (id) => b.facts.has(id))?.factId;
        base = b;
      } else if (kind === 'facts') {
        // From a fact's `id:` line in the facts file.
        const file = uriToPath(doc.uri);
        for (const set of file ? registry.using(file) : []) {
          factId = set.base && factIdOnLine(set.base, file!, params.position.line + 1);
          if (factId) {
            base = set.base;
            break;
          }
        }
      }
      if (!factId || !base) return [];
      const found = await session.references.references(factId, token);
      const decl = params.context?.includeDeclaration ? factLocation(base, factId) : undefined;
      return decl ? [decl, ...found] : found;
    }),
  );

  connection.onCompletion(
    guard(log, 'completion', null, async (params) => {
      const doc = params.textDocument?.uri ? documents.get(params.textDocument.uri) : undefined;
      if (!doc || session.kindOf(doc) !== 'draft') return null;
      const base = (await session.contextFor(doc.uri)).facts?.base;
      if (!base) return null;
      // No check needed: only the text before the cursor and the facts (and the lines of the
      // last result when it is of this very text).
      const last = checker.peek(doc.uri)?.result;
      const text = doc.getText();
      const lines = last && last.lines.text === text ? last.lines : new LineIndex(text);
      const p = params.position;
      if (!p || p.line < 0 || p.line >= lines.lineCount || p.character < 0) return null;
      return completeFactIds(base, lines, lines.offsetAt(p));
    }),
  );

  connection.onCodeAction(
    guard(log, 'code actions', [], async (params) => {
      const r = await resultOf(params.textDocument?.uri);
      if (!r || r.skipped || !params.range || !params.context) return [];
      return codeActions({ uri: params.textDocument.uri, result: r, documentChanges: session.caps.documentChanges }, params);
    }),
  );

  connection.onExecuteCommand(
    guard(log, 'command', null as CheckWorkspaceResult | null, async (params, token) => {
      if (params.command !== CHECK_WORKSPACE_COMMAND) return null;
      return checkWorkspace(session, token);
    }),
  );

  connection.onRequest(
    STATUS_REQUEST,
    guard(log, 'status', session.status(undefined), async (params: StatusParams | undefined) => {
      const uri = params?.uri;
      if (uri) {
        // A facts file: the status of a set using it; anything else: the facts that apply there.
        const file = uriToPath(uri);
        const sets = file ? registry.using(file) : [];
        if (sets.length) return session.status(sets[0]);
        return session.status((await session.contextFor(uri)).facts);
      }
      const folder = session.workspace.list()[0];
      return session.status((await session.contextForPath(folder ? path.join(folder.path, 'untitled.md') : undefined)).facts);
    }),
  );
}
