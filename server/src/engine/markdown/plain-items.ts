// List items of plain text, for the plain-paragraph shortcut (plain.ts): a line that starts in
// column 0 with a list marker (`-`, `+`, `*`, `1.` ... `999999999.`, `1)` ...), one space and
// plain text (simple links allowed, plain-links.ts) is handed to the parser with its marker and
// an `x` for its text. The markers stay, so the parser makes the same lists, items and lazy
// continuation lines (`- a` then `2. b`: one paragraph, an ordered list not starting at 1 cannot
// interrupt one) as it would of the source; the paragraphs it returns made only of such lines
// are then built here from the source.
//
// The text may not start with anything that opens a block (a nested list, quote, heading, fence,
// thematic break, HTML, indented code) or with `[` (a task list item's checkbox), so only the
// marker decides the line's structure. It may hold simple emphasis (plain-emphasis.ts), and open
// with it: `- **Also**: ...` (its lead-in is then the strong text, as leadInOf reads it).
import type { ChunkBlock } from './blocks.js';
import { labelLeadIn } from './blocks.js';
import { blank, maskInlineNoise } from './mask.js';
import { plainWithLinks } from './plain-links.js';

/** What an item line's text may not start with (white space, block starts, `[`; `*` only as emphasis). */
const TEXT_START = /^(?:[ \t#>\-+=~`|<_[]|\*(?!\*?[^\s*])|\d{1,9}[.)])/;
/** Item text shorter than this is left to the parser (not worth the bookkeeping). */
const MIN_TEXT = 16;

/**
 * Where the text of the plain list item line src[a, b) starts, or -1 if it is not one. Its
 * links' syntax is appended to `marks`.
 */
export function itemTextStart(src: string, a: number, b: number, marks: number[]): number {
  const c = src.charCodeAt(a);
  let k = a;
  if (c === 45 || c === 43 || c === 42) k++;
  else {
    while (k < b && k - a < 9 && src.charCodeAt(k) >= 48 && src.charCodeAt(k) <= 57) k++;
    if (k === a || (src.charCodeAt(k) !== 46 && src.charCodeAt(k) !== 41)) return -1;
    k++;
  }
  if (src.charCodeAt(k) !== 32) return -1;
  const text = k + 1;
  if (b - text < MIN_TEXT || TEXT_START.test(src.slice(text, text + 10))) return -1;
  // No white space at its end (where the paragraph ends is then plain).
  const last = src.charCodeAt(b - 1);
  if (last === 32 || last === 9) return -1;
  const before = marks.length;
  if (!plainWithLinks(src, text, b, marks)) {
    marks.length = before;
    return -1;
  }
  return text;
}

/** An item line's text: [start, end) in the source, its links' syntax (source offsets). */
export interface ItemLine {
  start: number;
  end: number;
  marks?: number[];
}

/**
 * The lead-in of an item whose text opens with strong text (`**Valuation:** ...`): that text, less
 * a colon at its end (as leadInOf); undefined if it does not open so.
 */
function strongLeadIn(src: string, line: ItemLine): string | undefined {
  const marks = line.marks;
  if (!marks || marks[0] !== line.start || marks[1] !== line.start + 2 || src.charCodeAt(line.start) !== 42 || src.charCodeAt(line.start + 1) !== 42) return undefined;
  // Not undefined when it opens so, even if empty: the label is then not read from the text.
  const label = src.slice(marks[1], marks[2]).replace(/\s+/g, ' ').trim().replace(/\s*[:\uFF1A]\s*$/, '').trim();
  return label;
}

/**
 * The block the parser makes of a paragraph of the item lines `lines` (the first one's text,
 * then lines continuing it lazily), directly in a list item at the top level: link syntax
 * masked; the lead-in label from its plain text (as leadInOf).
 */
export function itemBlock(src: string, lines: readonly ItemLine[]): ChunkBlock {
  const start = lines[0].start;
  const end = lines[lines.length - 1].end;
  const text: string[] = [];
  const plain: string[] = [];
  let cursor = start;
  for (const line of lines) {
    // A lazy line's marker is text here; no line starts or ends with white space.
    let at = cursor;
    const marks = line.marks ?? [];
    for (let i = 0; i < marks.length; i += 2) {
      text.push(src.slice(at, marks[i]), blank(src, marks[i], marks[i + 1]));
      plain.push(src.slice(at, marks[i]));
      at = marks[i + 1];
    }
    text.push(src.slice(at, line.end));
    plain.push(src.slice(at, line.end));
    cursor = line.end;
  }
  const leadIn = strongLeadIn(src, lines[0]) ?? labelLeadIn(plain.join('').replace(/\s+/g, ' ').trim());
  const block: ChunkBlock = { kind: 'paragraph', start, end, text: maskInlineNoise(text.join('')).text, inList: true, inQuote: false };
  if (leadIn) block.leadIn = leadIn;
  return block;
}
