// What is at an offset of a checked draft: a figure bound to a fact, or a `[^fact-id]` reference.
// Binary searches over the last result's sorted bindings and references: no re-check.
import type { Binding } from '../engine/check.js';
import type { LineIndex } from '../engine/text/positions.js';
import type { FootnoteRef } from '../engine/types.js';

/** The last item with start <= offset, if offset is within [start, end] (end inclusive: cursor right after). */
export function spanAt<T extends { start: number; end: number }>(items: readonly T[], offset: number): T | undefined {
  let lo = 0;
  let hi = items.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (items[mid].start <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  // Spans may nest or touch: look back a little for one that covers the offset.
  for (let i = found; i >= 0 && i >= found - 8; i--) {
    if (items[i].start <= offset && offset <= items[i].end) return items[i];
  }
  return undefined;
}

export function bindingAt(bindings: readonly Binding[], offset: number): Binding | undefined {
  return spanAt(bindings, offset);
}

export function footnoteRefAt(refs: readonly FootnoteRef[], offset: number): FootnoteRef | undefined {
  return spanAt(refs, offset);
}

/** A `[^label]` (reference or definition) on the offset's line that covers the offset. */
export function footnoteLabelAt(lines: LineIndex, offset: number): { label: string; start: number; end: number } | undefined {
  const line = lines.lineOf(offset);
  const start = lines.starts[line];
  const text = lines.text.slice(start, lines.lineEnd(line));
  const re = /\[\^([^\]\s]+)\]/g;
  for (const m of text.matchAll(re)) {
    const s = start + m.index;
    const e = s + m[0].length;
    if (offset >= s && offset <= e) return { label: m[1], start: s, end: e };
  }
  return undefined;
}

/** The fact id at an offset: a bound figure, a `[^id]` reference, or a `[^id]:` definition. */
export function factIdAt(
  result: { bindings: readonly Binding[]; parsed: { footnoteRefs: readonly FootnoteRef[] }; lines: LineIndex },
  offset: number,
  isFact: (id: string) => boolean,
): { factId: string; start: number; end: number; kind: 'figure' | 'reference' } | undefined {
  const ref = footnoteRefAt(result.parsed.footnoteRefs, offset);
  if (ref && isFact(ref.label)) return { factId: ref.label, start: ref.start, end: ref.end, kind: 'reference' };
  const b = bindingAt(result.bindings, offset);
  if (b && isFact(b.factId)) return { factId: b.factId, start: b.start, end: b.end, kind: 'figure' };
  const label = footnoteLabelAt(result.lines, offset);
  if (label && isFact(label.label)) return { factId: label.label, start: label.start, end: label.end, kind: 'reference' };
  return undefined;
}
