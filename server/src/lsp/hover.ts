// The hover on a bound figure or a `[^fact-id]`: what the sources say about the fact.
import * as path from 'node:path';
import type { Hover } from 'vscode-languageserver/node';
import { MarkupKind } from 'vscode-languageserver/node';
import type { FactBase } from '../engine/claims/factbase.js';
import { isDisputed } from '../engine/facts/disputes.js';
import { formatDate, formatValue } from '../engine/facts/format.js';
import type { Fact, Source } from '../engine/facts/schema.js';
import { rangeOf } from './diagnostics.js';
import type { DraftResult } from './drafts.js';
import { factIdAt } from './lookup.js';
import { pathToUri } from './uri.js';

/** Backslash-escapes Markdown punctuation in text from the facts file. */
export function escapeMarkdown(s: string): string {
  return s.replace(/[\\`*_[\]<>#|~]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

const RELATION_WORDS: Record<string, string> = { on: 'on', in: 'in', for: 'for', since: 'since', by: 'by', 'as-of': 'as of' };

/** "Title — Outlet · Byline · 2026-01-30" (whatever the facts file gives). */
export function sourceLabel(source: Source | undefined, id: string): string {
  if (!source) return `source ${escapeMarkdown(id)}`;
  const title = source.title ? `*${escapeMarkdown(source.title)}*` : `${escapeMarkdown(source.file)}`;
  const rest = [source.outlet, source.byline, source.published].filter((x): x is string => !!x).map(escapeMarkdown);
  return rest.length ? `${title} — ${rest.join(' · ')}` : title;
}

/** A link to the fact's `id:` in its facts file. */
export function factLink(base: FactBase, factId: string): string | undefined {
  const loc = base.locations.get(factId);
  if (!loc) return undefined;
  return `[${escapeMarkdown(path.basename(loc.file))}, line ${loc.line}](${pathToUri(loc.file)}#L${loc.line})`;
}

export function factMarkdown(base: FactBase, fact: Fact): string {
  const out: string[] = [];
  const disputed = isDisputed(fact);
  out.push(`**${escapeMarkdown(fact.id)}** · status: ${fact.status}${disputed ? ' · sources disagree' : ''}`);
  out.push('');
  out.push(escapeMarkdown(fact.statement));
  out.push('');
  const when: string[] = [];
  if (fact.time) when.push(`**When:** ${RELATION_WORDS[fact.time.relation] ?? fact.time.relation} ${escapeMarkdown(formatDate(fact.time.value))}`);
  if (fact.span) when.push(`**Over:** ${escapeMarkdown(formatValue(fact.span))}`);
  if (when.length) {
    out.push(when.join(' · '));
    out.push('');
  }
  out.push(disputed ? `**The sources give ${fact.variants.length} versions:**` : fact.variants.length > 1 ? '**Sourced figures:**' : '**Sourced figure:**');
  out.push('');
  for (const v of fact.variants) {
    out.push(`- **${escapeMarkdown(formatValue(v.value, v.qualifier))}**${v.note ? ` — ${escapeMarkdown(v.note)}` : ''}`);
    // One line per source, with each of its quotes.
    const bySource = new Map<string, string[]>();
    for (const ref of v.sources) bySource.set(ref.source, [...(bySource.get(ref.source) ?? []), ref.quote]);
    for (const [id, quotes] of bySource) {
      out.push(`  - ${sourceLabel(base.sources.get(id), id)}`);
      for (const q of quotes) out.push(`    - “${escapeMarkdown(q)}”`);
    }
  }
  out.push('');
  if (fact.note) {
    out.push(`*${escapeMarkdown(fact.note)}*`);
    out.push('');
  }
  const link = factLink(base, fact.id);
  if (link) out.push(`Defined in ${link}`);
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}

export function hoverAt(result: DraftResult, offset: number): Hover | null {
  const base = result.base;
  if (!base) return null;
  const at = factIdAt(result, offset, (id) => base.facts.has(id));
  if (!at) return null;
  const fact = base.facts.get(at.factId);
  if (!fact) return null;
  return { contents: { kind: MarkupKind.Markdown, value: factMarkdown(base, fact) }, range: rangeOf(result.lines, at.start, at.end) };
}
