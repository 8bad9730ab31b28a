// Completion of fact ids after `[^`: label = id, detail = the sourced figure, documentation = statement.
import { CompletionItemKind, MarkupKind, type CompletionItem, type CompletionList } from 'vscode-languageserver/node';
import type { FactBase } from '../engine/claims/factbase.js';
import { formatVariants } from '../engine/facts/format.js';
import type { LineIndex } from '../engine/text/positions.js';

/** The `[^partial` before the offset on its line: where the id starts and what is typed so far. */
export function footnotePrefix(lines: LineIndex, offset: number): { start: number; typed: string } | undefined {
  const line = lines.lineOf(offset);
  const before = lines.text.slice(lines.starts[line], offset);
  const m = /\[\^([A-Za-z0-9_-]*)$/.exec(before);
  if (!m) return undefined;
  return { start: offset - m[1].length, typed: m[1] };
}

export function completeFactIds(base: FactBase, lines: LineIndex, offset: number): CompletionList | null {
  const prefix = footnotePrefix(lines, offset);
  if (!prefix) return null;
  // Replace the whole id under the cursor; add the closing bracket unless it is there.
  const text = lines.text;
  let end = offset;
  while (end < text.length && /[A-Za-z0-9_-]/.test(text[end])) end++;
  const close = text[end] === ']' ? '' : ']';
  const range = { start: lines.positionAt(prefix.start), end: lines.positionAt(end) };
  const items: CompletionItem[] = [];
  let i = 0;
  for (const fact of base.facts.values()) {
    items.push({
      label: fact.id,
      kind: CompletionItemKind.Reference,
      detail: formatVariants(fact),
      documentation: { kind: MarkupKind.PlainText, value: fact.statement },
      filterText: fact.id,
      sortText: String(i++).padStart(5, '0'),
      textEdit: { range, newText: `${fact.id}${close}` },
    });
  }
  return { isIncomplete: false, items };
}
