// Helpers for the end-to-end suite: event-driven waits (never fixed sleeps) and plain views of
// diagnostics for exact assertions.
import * as vscode from 'vscode';
import type { FactlintApi } from '../../../client/src/api';

export const EXTENSION_ID = 'factlint.factlint';

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the e2e suite needs the fixture workspace open (test/e2e/workspace)');
  return folder.uri;
}

export function wsUri(...segments: string[]): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), ...segments);
}

export async function activateExtension(): Promise<FactlintApi> {
  const ext = vscode.extensions.getExtension<FactlintApi>(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not installed in this editor`);
  return ext.isActive ? ext.exports : await ext.activate();
}

/** Diagnostic codes are strings or {value, target}; the rule code either way. */
export function codeOf(d: vscode.Diagnostic): string | undefined {
  if (d.code === undefined) return undefined;
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

export function factlintDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.source === 'factlint')
    .sort((a, b) => a.range.start.compareTo(b.range.start));
}

const SEVERITY_NAMES = ['error', 'warning', 'info', 'hint'];

/** "2:36-2:48 error wrong-value" (0-based lines and characters): one line per diagnostic. */
export function describeDiagnostic(d: vscode.Diagnostic): string {
  const r = d.range;
  return `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character} ${SEVERITY_NAMES[d.severity]} ${codeOf(d)}`;
}

export function describeAll(uri: vscode.Uri): string[] {
  return factlintDiagnostics(uri).map(describeDiagnostic);
}

/** A one-line account of the diagnostics of a document, for failure messages. */
export function dump(uri: vscode.Uri): string {
  const all = vscode.languages.getDiagnostics(uri);
  if (!all.length) return '(no diagnostics)';
  return all.map((d) => `${describeDiagnostic(d)} [${d.source}] ${d.message}`).join('\n    ');
}

/**
 * Resolves once `predicate` holds for the document's diagnostics, checking now and on every
 * onDidChangeDiagnostics event for it; rejects after `timeoutMs` with what was there.
 */
export function waitForDiagnostics(
  uri: vscode.Uri,
  predicate: (diagnostics: vscode.Diagnostic[]) => boolean,
  what: string,
  timeoutMs = 20_000,
): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const diagnostics = factlintDiagnostics(uri);
      if (!predicate(diagnostics)) return false;
      cleanup();
      resolve(diagnostics);
      return true;
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what} in ${vscode.workspace.asRelativePath(uri)}; it has:\n    ${dump(uri)}`));
    }, timeoutMs);
    function cleanup(): void {
      clearTimeout(timer);
      sub.dispose();
    }
    check();
  });
}

/** Waits until the document's factlint diagnostics are exactly `expected` (see describeDiagnostic()). */
export function waitForExactly(uri: vscode.Uri, expected: string[], what: string, timeoutMs?: number): Promise<vscode.Diagnostic[]> {
  const want = JSON.stringify(expected);
  return waitForDiagnostics(uri, (ds) => JSON.stringify(ds.map(describeDiagnostic)) === want, `${what}: ${want}`, timeoutMs);
}

/** Resolves with the first event value that satisfies `predicate`, or rejects after `timeoutMs`. */
export function waitForEvent<T>(event: vscode.Event<T>, predicate: (value: T) => boolean, what: string, timeoutMs = 20_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const sub = event((value) => {
      if (!predicate(value)) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(value);
    });
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
    }, timeoutMs);
  });
}

export async function openDraft(...segments: string[]): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(wsUri(...segments));
  return vscode.window.showTextDocument(doc, { preview: false });
}

/** Plain text of a hover's contents. */
export function hoverText(hovers: vscode.Hover[] | undefined): string {
  return (hovers ?? [])
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : String(c)))
    .join('\n');
}

/** The position of the `n`th occurrence (0-based) of `needle` in a document, offset by `delta` characters. */
export function positionOf(doc: vscode.TextDocument, needle: string, delta = 0, n = 0): vscode.Position {
  const text = doc.getText();
  let at = -1;
  for (let i = 0; i <= n; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" (occurrence ${n}) not in ${vscode.workspace.asRelativePath(doc.uri)}`);
  }
  return doc.positionAt(at + delta);
}

/** Applies a code action: its edit, then its command. */
export async function applyCodeAction(action: vscode.CodeAction): Promise<void> {
  if (action.edit) {
    const ok = await vscode.workspace.applyEdit(action.edit);
    if (!ok) throw new Error(`workspace.applyEdit refused the edit of "${action.title}"`);
  }
  if (action.command) {
    await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
  }
}

/** Restores a document to `text` (an edit, not a save) so later tests start from the fixture. */
export async function resetText(doc: vscode.TextDocument, text: string): Promise<void> {
  if (doc.getText() === text) return;
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), text);
  if (!(await vscode.workspace.applyEdit(edit))) throw new Error('could not reset the document');
}
