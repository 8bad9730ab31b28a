// `[^fact-id]` references that name no fact.
import type { FootnoteRef, Finding } from '../types.js';
import type { FactBase } from '../claims/factbase.js';
import { suggestIds } from '../facts/suggest.js';

export function unknownFactFinding(ref: FootnoteRef, base: FactBase): Finding {
  const suggestions = suggestIds(ref.label, base.facts.keys(), 3);
  const hint = suggestions.length ? ` Did you mean ${suggestions.map((s) => `[^${s}]`).join(', ')}?` : '';
  return {
    rule: 'unknown-fact',
    severity: 'error',
    message: `No fact has the id "${ref.label}".${hint}`,
    start: ref.start,
    end: ref.end,
    ...(suggestions.length ? { fix: { start: ref.start, end: ref.end, text: `[^${suggestions[0]}]`, title: `Change to [^${suggestions[0]}]` } } : {}),
  };
}
