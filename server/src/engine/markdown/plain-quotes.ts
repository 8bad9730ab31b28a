// Block quotes of plain text, for the plain-paragraph shortcut (plain.ts): news drafts quote
// people in a paragraph of its own, `> "It is a very large number," said ...`. A run of lines
// after a blank line, each `> ` in column 0 then plain text (simple links and emphasis allowed,
// plain-links.ts), is handed to the parser as `x` then `> x` lines, and its paragraph is built
// here: from the first line's text to the last line's end, the `> ` of the lines after the first
// blanked (as the parser masks a quote's prefix), the links' and emphasis's syntax too.
//
// A line's text may not start with anything that opens a block (as an item's, plain-items.ts)
// nor end with white space, so the quote holds exactly one paragraph, and the run ends at a blank
// line, so no line after it continues the paragraph lazily.
import type { ChunkBlock } from './blocks.js';
import { blank, maskInlineNoise } from './mask.js';
import { plainWithLinks } from './plain-links.js';

/** What a quoted line's text may not start with (white space, block starts, `[`; `*` only as emphasis). */
const TEXT_START = /^(?:[ \t#>\-+=~`|<_[]|\*(?!\*?[^\s*])|\d{1,9}[.)])/;

/**
 * Whether the lines (a run of non-blank lines, [start, end) each) are a quote of plain text; its
 * links' and emphasis's syntax is appended to `marks`.
 */
export function isPlainQuote(src: string, lines: readonly [number, number][], marks: number[]): boolean {
  for (const [a, b] of lines) {
    if (b - a < 3 || src.charCodeAt(a) !== 62 /* > */ || src.charCodeAt(a + 1) !== 32) return false;
    const last = src.charCodeAt(b - 1);
    if (last === 32 || last === 9 || TEXT_START.test(src.slice(a + 2, a + 12))) return false;
    if (!plainWithLinks(src, a + 2, b, marks)) return false;
  }
  return true;
}

/** The placeholder of a quote of `count` lines (from its first line's text on), given its line breaks. */
export function quotePlaceholder(breaks: readonly string[]): string {
  return 'x' + breaks.map((br) => br + '> x').join('');
}

/**
 * The paragraph the parser makes of the quote src[start, end) (start: its first line's text):
 * the `> ` of later lines and the marks (sorted [start, end) pairs) blanked.
 */
export function quoteBlock(src: string, start: number, end: number, marks: readonly number[] | undefined): ChunkBlock {
  const cuts: number[] = [];
  // The prefix of each line after the first.
  for (let k = start; k < end; k++) {
    const c = src.charCodeAt(k);
    if (c === 10 || (c === 13 && src.charCodeAt(k + 1) !== 10)) cuts.push(k + 1, k + 3);
  }
  const all = marks && marks.length > 0 ? mergeSorted(cuts, marks) : cuts;
  const parts: string[] = [];
  let cursor = start;
  for (let i = 0; i < all.length; i += 2) {
    parts.push(src.slice(cursor, all[i]), blank(src, all[i], all[i + 1]));
    cursor = all[i + 1];
  }
  parts.push(src.slice(cursor, end));
  return { kind: 'paragraph', start, end, text: maskInlineNoise(parts.join('')).text, inList: false, inQuote: true };
}

/** Two sorted lists of [start, end) pairs that do not overlap, as one. */
function mergeSorted(a: readonly number[], b: readonly number[]): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i] < b[j])) {
      out.push(a[i], a[i + 1]);
      i += 2;
    } else {
      out.push(b[j], b[j + 1]);
      j += 2;
    }
  }
  return out;
}
