// Builds a block's masked text: the block's source with everything that is not prose replaced by
// spaces (line breaks kept), so index i of the text is source offset start + i.
import type { Replacement } from './syntax.js';

const LINE_BREAK = /[\r\n]/;
const NOT_LINE_BREAK = /[^\r\n]/g;

/** `src.slice(start, end)` as spaces, line breaks kept. */
export function blank(src: string, start: number, end: number): string {
  if (end <= start) return '';
  const slice = src.slice(start, end);
  return LINE_BREAK.test(slice) ? slice.replace(NOT_LINE_BREAK, ' ') : ' '.repeat(end - start);
}

/** Index of the first replacement starting at or after `offset` (replacements sorted by start). */
export function firstReplacementAt(replacements: Replacement[], offset: number): number {
  let lo = 0;
  let hi = replacements.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (replacements[mid].start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The masked text of src[start, end): only the prose ranges (flat [a0, b0, a1, b1, ...], sorted,
 * non-overlapping, inside [start, end)) are kept, minus the replacements inside them.
 */
export function maskedText(
  src: string,
  start: number,
  end: number,
  prose: number[],
  replacements: Replacement[],
): string {
  const parts: string[] = [];
  let cursor = start;
  let r = firstReplacementAt(replacements, start);
  for (let i = 0; i < prose.length; i += 2) {
    const a = Math.max(prose[i], cursor);
    const b = Math.min(prose[i + 1], end);
    if (b <= a) continue;
    parts.push(blank(src, cursor, a));
    let at = a;
    while (r < replacements.length && replacements[r].end <= at) r++;
    for (let j = r; j < replacements.length; j++) {
      const rep = replacements[j];
      if (rep.start >= b) break;
      if (rep.end <= at) continue;
      const from = Math.max(rep.start, at);
      const to = Math.min(rep.end, b);
      if (from > at) parts.push(src.slice(at, from));
      if (rep.text !== undefined && from === rep.start && to === rep.end) parts.push(rep.text);
      else parts.push(blank(src, from, to));
      at = to;
    }
    if (at < b) parts.push(src.slice(at, b));
    cursor = b;
  }
  parts.push(blank(src, cursor, end));
  return parts.join('');
}

export interface TextRef {
  label: string;
  /** Offsets relative to the text. */
  start: number;
  end: number;
}

/** `[^label]` written as text (a footnote call whose definition is not in the document). */
const FOOTNOTE_CALL = /\[\^([^\]\s[]+)\]/g;
/** URLs, `www.` hosts and e-mail addresses left in prose (GFM would autolink most of them). */
const URLISH = /\b(?:[a-z][a-z0-9+.-]{1,20}:\/\/|www\.)[^\s<>]*|(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+/gi;
const HINT = /\[\^|:\/\/|www\.|@/i;

/**
 * How much of a URL-like match is the URL, as GFM's autolinks decide: trailing punctuation
 * (`?!.,:*_~`, an unbalanced `)`, a `;` ending an entity-like `&name;`) is the sentence's, not the
 * URL's ("see https://example.com/a. Amazon ..." keeps its full stop).
 */
export function urlLength(url: string): number {
  if (url.includes('@') && !url.includes('/')) return url.length; // an e-mail address ends on a word
  let end = url.length;
  let open = 0;
  let close = 0;
  for (let i = 0; i < end; i++) {
    const c = url.charCodeAt(i);
    if (c === 40) open++;
    else if (c === 41) close++;
  }
  for (;;) {
    const c = url.charAt(end - 1);
    if ('?!.,:*_~\'"'.includes(c) && end > 1) end--;
    else if (c === ')' && close > open) {
      close--;
      end--;
    } else if (c === ';') {
      const entity = /&[a-z0-9]+;$/i.exec(url.slice(0, end));
      end = entity ? end - entity[0].length : end - 1;
    } else break;
  }
  return end;
}

/** Masks footnote calls written as text and bare URLs / e-mails; returns the calls found. */
export function maskInlineNoise(text: string): { text: string; refs: TextRef[] } {
  const refs: TextRef[] = [];
  if (!HINT.test(text)) return { text, refs };
  const ranges: number[] = [];
  for (const m of text.matchAll(FOOTNOTE_CALL)) {
    const at = m.index;
    refs.push({ label: m[1], start: at, end: at + m[0].length });
    ranges.push(at, at + m[0].length);
  }
  for (const m of text.matchAll(URLISH)) ranges.push(m.index, m.index + urlLength(m[0]));
  if (ranges.length === 0) return { text, refs };
  const pairs: [number, number][] = [];
  for (let i = 0; i < ranges.length; i += 2) pairs.push([ranges[i], ranges[i + 1]]);
  pairs.sort((x, y) => x[0] - y[0]);
  const parts: string[] = [];
  let cursor = 0;
  for (const [a, b] of pairs) {
    const from = Math.max(a, cursor);
    if (b <= from) continue;
    parts.push(text.slice(cursor, from), blank(text, from, b));
    cursor = b;
  }
  parts.push(text.slice(cursor));
  return { text: parts.join(''), refs };
}
