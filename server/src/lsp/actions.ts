// Code actions: replace a figure with the sourced one, bind a figure to its fact (`[^fact-id]`
// plus a footnote citing the sources), disable factlint for a line, and fix everything at once.
import {
  CodeActionKind,
  TextDocumentEdit,
  TextEdit,
  type CodeAction,
  type CodeActionParams,
  type Diagnostic,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import type { Binding } from '../engine/check.js';
import type { Finding } from '../engine/types.js';
import { rangeOf, SOURCE } from './diagnostics.js';
import type { DraftResult } from './drafts.js';
import { appendedDefinition, footnoteDefinition, hasFootnoteDefinition } from './footnotes.js';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.factlint`;
export const CODE_ACTION_KINDS = [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite, FIX_ALL_KIND];

export interface ActionEnv {
  uri: string;
  result: DraftResult;
  /** The client applies versioned document edits. */
  documentChanges: boolean;
}

/** Whether the client asked for this kind of action (no `only`: any kind). */
function wants(only: string[] | undefined, kind: string): boolean {
  if (!only || only.length === 0) return true;
  return only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

function edit(env: ActionEnv, edits: TextEdit[]): WorkspaceEdit {
  if (env.documentChanges) return { documentChanges: [TextDocumentEdit.create({ uri: env.uri, version: env.result.version }, edits)] };
  return { changes: { [env.uri]: edits } };
}

/** Offset just after a figure including a qualifier written after it ("$13 billion-plus"): where `[^id]` binds. */
export function bindOffset(_result: DraftResult, b: Binding): number {
  return Math.max(b.end, b.fullEnd);
}

/**
 * The finding a diagnostic stands for in the current result: same rule, same range (the editor
 * moves a diagnostic's range with the edits made since it was published). None: the diagnostic
 * is stale (the figure was edited, or the facts or settings changed).
 */
function findingOf(result: DraftResult, d: Diagnostic): Finding | undefined {
  const start = result.lines.offsetAt(d.range.start);
  const end = result.lines.offsetAt(d.range.end);
  return result.findings.find((f) => f.rule === d.code && f.start === start && f.end === end);
}

function bindingFor(result: DraftResult, start: number, end: number, factId?: string): Binding | undefined {
  return result.bindings.find((b) => b.start < Math.max(end, start + 1) && b.end > start && (!factId || b.factId === factId)) ??
    result.bindings.find((b) => b.start <= end && b.end >= start && (!factId || b.factId === factId));
}

export function bindAction(env: ActionEnv, b: Binding, diagnostics?: Diagnostic[]): CodeAction | undefined {
  const { result } = env;
  const base = result.base;
  const fact = base?.facts.get(b.factId);
  if (!base || !fact || b.explicit) return undefined;
  const at = bindOffset(result, b);
  const text = result.lines.text;
  // Already followed by a reference: nothing to bind.
  if (/^\s?\[\^/.test(text.slice(at, at + 3))) return undefined;
  const pos = result.lines.positionAt(at);
  const edits: TextEdit[] = [TextEdit.insert(pos, `[^${fact.id}]`)];
  if (!hasFootnoteDefinition(text, fact.id)) {
    edits.push(TextEdit.insert(result.lines.positionAt(text.length), appendedDefinition(text, footnoteDefinition(base, fact))));
  }
  const figure = text.slice(b.start, b.end);
  const action: CodeAction = {
    title: `Bind ${figure} to fact ${fact.id} (cite its sources)`,
    kind: diagnostics ? CodeActionKind.QuickFix : CodeActionKind.RefactorRewrite,
    edit: edit(env, edits),
  };
  if (diagnostics) action.diagnostics = diagnostics;
  return action;
}

function disableAction(env: ActionEnv, d: Diagnostic, rule: string): CodeAction {
  const { lines } = env.result;
  const line = Math.min(d.range.start.line, lines.lineCount - 1);
  const lineText = lines.text.slice(lines.starts[line], lines.lineEnd(line));
  // Keep the line's indentation and block-quote markers so the comment stays in the same block.
  const prefix = /^(?:[ \t]*>)*[ \t]*/.exec(lineText)?.[0] ?? '';
  const eol = lines.text.includes('\r\n') ? '\r\n' : '\n';
  return {
    title: `Disable factlint ${rule} for this line`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [d],
    edit: edit(env, [TextEdit.insert({ line, character: 0 }, `${prefix}<!-- factlint-disable-next-line ${rule} -->${eol}`)]),
  };
}

/** Every fix of the document that does not overlap an earlier one. */
export function fixAllAction(env: ActionEnv): { action: CodeAction; fixes: number } | undefined {
  const fixes = env.result.findings
    .map((f) => f.fix)
    .filter((f): f is NonNullable<Finding['fix']> => !!f)
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const edits: TextEdit[] = [];
  let last = -1;
  for (const f of fixes) {
    if (f.start < last) continue;
    edits.push(TextEdit.replace(rangeOf(env.result.lines, f.start, f.end), f.text));
    last = Math.max(f.end, f.start + (f.start === f.end ? 1 : 0));
  }
  if (!edits.length) return undefined;
  return { action: { title: `Fix all factlint problems (${edits.length})`, kind: FIX_ALL_KIND, edit: edit(env, edits) }, fixes: edits.length };
}

export function codeActions(env: ActionEnv, params: CodeActionParams): CodeAction[] {
  const { result } = env;
  const only = params.context.only;
  const out: CodeAction[] = [];
  const bound = new Set<Binding>();
  const disabled = new Set<string>();

  for (const d of params.context.diagnostics ?? []) {
    if (d.source !== SOURCE || typeof d.code !== 'string' || d.code === 'skipped') continue;
    const finding = findingOf(result, d);
    if (!finding) continue;
    const fix = finding.fix;
    if (fix && wants(only, CodeActionKind.QuickFix)) {
      const range = rangeOf(result.lines, fix.start, fix.end);
      out.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: true, edit: edit(env, [TextEdit.replace(range, fix.text)]) });
    }
    const factId = finding.factId ?? finding.expected?.factId;
    if (factId && d.code !== 'unknown-fact' && wants(only, CodeActionKind.QuickFix)) {
      const b = bindingFor(result, finding.start, finding.end, factId);
      if (b && !bound.has(b)) {
        const a = bindAction(env, b, [d]);
        if (a) {
          bound.add(b);
          out.push(a);
        }
      }
    }
    const key = `${d.range.start.line}:${d.code}`;
    if (!disabled.has(key) && wants(only, CodeActionKind.QuickFix)) {
      disabled.add(key);
      out.push(disableAction(env, d, d.code));
    }
  }

  // A correct figure under the cursor can be bound to its fact too (a disputed one is correct by
  // some of the sources; a wrong one is offered with its diagnostic).
  if (wants(only, CodeActionKind.RefactorRewrite)) {
    const start = result.lines.offsetAt(params.range.start);
    const end = result.lines.offsetAt(params.range.end);
    for (const b of result.bindings) {
      if (b.start > end || b.end < start || bound.has(b)) continue;
      if (result.findings.some((f) => f.start < b.end && f.end > b.start && (f.severity === 'error' || f.severity === 'warning'))) continue;
      const a = bindAction(env, b);
      if (a) {
        bound.add(b);
        out.push(a);
      }
    }
  }

  // Asked for explicitly (source action menu, fix on save), or in the light bulb when there are several fixes.
  const asked = !!only?.length;
  if (wants(only, FIX_ALL_KIND)) {
    const all = fixAllAction(env);
    if (all && (asked || all.fixes > 1)) out.push(all.action);
  }
  return out;
}
