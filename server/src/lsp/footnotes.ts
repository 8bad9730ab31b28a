// Footnotes that cite a fact's sources: `[^fact-id]: <statement> Sources: <title> (<outlet or
// byline>, <published>); …`, appended when a figure is bound to a fact the draft does not define yet.
import type { FactBase } from '../engine/claims/factbase.js';
import type { Fact } from '../engine/facts/schema.js';

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Whether the text defines the footnote `[^label]` (a line starting `[^label]:`). */
export function hasFootnoteDefinition(text: string, label: string): boolean {
  return new RegExp(`^[ \\t]{0,3}\\[\\^${escapeRegExp(label)}\\]:`, 'im').test(text);
}

/** The sources of a fact in order of first mention, as readers should see them. */
export function citedSources(base: FactBase, fact: Fact): string[] {
  const ids: string[] = [];
  for (const v of fact.variants) for (const s of v.sources) if (!ids.includes(s.source)) ids.push(s.source);
  return ids.map((id) => {
    const s = base.sources.get(id);
    if (!s) return id;
    const name = s.title ?? s.outlet ?? s.byline ?? s.file;
    const by = s.title ? (s.outlet ?? s.byline) : undefined;
    const details = [by, s.published].filter((x): x is string => !!x);
    return details.length ? `${name} (${details.join(', ')})` : name;
  });
}

/** `[^id]: statement Sources: a (outlet, date); b.` on one line. */
export function footnoteDefinition(base: FactBase, fact: Fact): string {
  const statement = fact.statement.trim().replace(/\s+/g, ' ');
  const sources = citedSources(base, fact);
  const end = /[.!?]$/.test(statement) ? '' : '.';
  return `[^${fact.id}]: ${statement}${end}${sources.length ? ` Sources: ${sources.join('; ')}.` : ''}`;
}

/** Text to append at the end of `text` so the definition is a paragraph of its own. */
export function appendedDefinition(text: string, definition: string): string {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  let lead = '';
  if (text.length === 0) lead = '';
  else if (text.endsWith(`${eol}${eol}`) || text.endsWith('\n\n')) lead = '';
  else if (text.endsWith('\n')) lead = eol;
  else lead = eol + eol;
  return `${lead}${definition}${eol}`;
}
