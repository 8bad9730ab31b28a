// A shortcut past the Markdown parser for plain paragraphs.
//
// micromark works character by character and is the largest single cost of a check. Much of a
// news draft is paragraphs of plain prose: no markup character anywhere, no line that could start
// a block. Such a paragraph, after a blank line and starting in column 0, is handed to the parser
// as one `x` per line (same line breaks, so the document's structure and line numbers stay), and
// its block is built here, as the parser would have built it. Whether it really is a top-level
// paragraph (and not inside a fenced code block, an HTML block or front matter that runs across
// blank lines) is still the parser's call: only a placeholder that comes back as a top-level
// paragraph is replaced by the block built here; anything else is left as the parser made it.
//
// Inline links of the simplest kind (`[text](url)`, plain-links.ts) and simple emphasis
// (`**words**`, `*words*`, plain-emphasis.ts) may be in such a paragraph too: their syntax is
// masked in the block built here, as collectBlocks masks it.
//
// Block quotes of plain text (plain-quotes.ts) go as `> x` lines, their paragraph built here.
// Pipe tables of plain cells (plain-tables.ts) go to the parser as `|x|x|` rows; the parser's
// cell blocks of such a placeholder are replaced by the cells built from the source.
//
// No closing marker of such a block (```, ~~~, `-->`, `?>`, `]]>`, `</pre>`) can be in a plain
// paragraph (no `` ` ``, `~`, `<`, `>`, and no line starting with `-`; a link's destination has none of them either), so a placeholder never
// changes where such a block ends.
import type { ChunkBlock, ChunkResult } from './blocks.js';
import { blank, maskInlineNoise } from './mask.js';
import { plainWithLinks } from './plain-links.js';
import { itemBlock, itemTextStart } from './plain-items.js';
import { cellCount, plainTable, tableBlocks, type PlainTable } from './plain-tables.js';
import { isPlainQuote, quoteBlock, quotePlaceholder } from './plain-quotes.js';

/** A plain paragraph of the source: [start, end) from its first character to its last line's end. */
export interface PlainSegment {
  start: number;
  end: number;
  /** Where its placeholder starts in the compressed source, and how long it is there. */
  at: number;
  length: number;
  /** Link syntax to mask ([start, end) pairs, source offsets, sorted), if the paragraph has links. */
  marks?: number[];
  /** The text of a list item line (plain-items.ts), not a paragraph after a blank line. */
  item?: true;
  /** A table of plain cells (plain-tables.ts), not a paragraph. */
  table?: PlainTable;
  /** A block quote of plain text (plain-quotes.ts), from its first line's text on. */
  quote?: true;
}

export interface Compressed {
  /** The source with each plain paragraph replaced by its placeholder. */
  text: string;
  segments: PlainSegment[];
}

/**
 * A line that could start or interrupt a block: heading, quote, list item, fence, setext
 * underline, table, HTML. (A `*` or `**` before a character that is not white space or `*` starts
 * no block: a line opening with emphasis is left to plainWithLinks.)
 */
const BLOCK_START = /^[ \t]*(?:[#>\-+=~`|<_]|\*(?!\*?[^\s*])|\d{1,9}[.)])/;
/** Plain paragraphs shorter than this are left to the parser (not worth the bookkeeping). */
const MIN_LENGTH = 64;

/**
 * The plain paragraphs of src[from, to) at or after `skipBefore`, each preceded by a blank line
 * (or at the very start of src), and the source with their placeholders.
 */
export function compressPlain(src: string, from: number, to: number, skipBefore: number): Compressed {
  const segments: PlainSegment[] = [];
  const parts: string[] = [];
  let cursor = 0;
  let delta = 0;
  // Walk the lines; a segment is a run of non-blank lines after a blank line.
  let i = from;
  let afterBlank = from === 0;
  while (i < to) {
    let eol = i;
    while (eol < to && src.charCodeAt(eol) !== 10 && src.charCodeAt(eol) !== 13) eol++;
    if (isBlank(src, i, eol)) {
      afterBlank = true;
      i = nextLine(src, eol, to);
      continue;
    }
    // A run of non-blank lines [i, runEnd).
    const lines: [number, number][] = [];
    let k = i;
    let e = eol;
    for (;;) {
      lines.push([k, e]);
      const n = nextLine(src, e, to);
      if (n >= to) break;
      let e2 = n;
      while (e2 < to && src.charCodeAt(e2) !== 10 && src.charCodeAt(e2) !== 13) e2++;
      if (isBlank(src, n, e2)) break;
      k = n;
      e = e2;
    }
    const start = i;
    const end = lines[lines.length - 1][1];
    const marks: number[] = [];
    const candidate = afterBlank && start >= skipBefore && end - start >= MIN_LENGTH;
    const table = candidate && src.charCodeAt(start) === 124 /* | */ ? plainTable(src, lines) : undefined;
    const quoteMarks: number[] = [];
    const quote = candidate && src.charCodeAt(start) === 62 /* > */ && isPlainQuote(src, lines, quoteMarks);
    const plain = candidate && !table && !quote && isPlain(src, lines, marks);
    if (quote) {
      // A quote of plain text: `x`, then `> x` lines (plain-quotes.ts).
      const placeholder = quotePlaceholder(lines.slice(1).map(([a], j) => src.slice(lines[j][1], a)));
      const text = start + 2;
      parts.push(src.slice(cursor, text), placeholder);
      const seg: PlainSegment = { start: text, end, at: text - delta, length: placeholder.length, quote: true };
      if (quoteMarks.length > 0) seg.marks = quoteMarks;
      segments.push(seg);
      delta += end - text - placeholder.length;
      cursor = end;
    } else if (table) {
      // A table of plain cells: `|x|x|` rows (plain-tables.ts).
      const placeholder = table.rows.map((row, j) => (j === 0 ? row : src.slice(lines[j - 1][1], lines[j][0]) + row)).join('');
      parts.push(src.slice(cursor, start), placeholder);
      segments.push({ start, end, at: start - delta, length: placeholder.length, table: table.table });
      delta += end - start - placeholder.length;
      cursor = end;
    } else if (plain) {
      const placeholder = lines.map(([a], j) => (j === 0 ? 'x' : src.slice(lines[j - 1][1], a).replace(/[^\r\n]/g, '') + 'x')).join('');
      parts.push(src.slice(cursor, start), placeholder);
      segments.push(marks.length > 0 ? { start, end, at: start - delta, length: placeholder.length, marks } : { start, end, at: start - delta, length: placeholder.length });
      delta += end - start - placeholder.length;
      cursor = end;
    } else {
      // List item lines of plain text: their text as `x` (plain-items.ts).
      for (const [a, b] of lines) {
        if (a < skipBefore) continue;
        const itemMarks: number[] = [];
        const text = itemTextStart(src, a, b, itemMarks);
        if (text < 0) continue;
        parts.push(src.slice(cursor, text), 'x');
        const seg: PlainSegment = { start: text, end: b, at: text - delta, length: 1, item: true };
        if (itemMarks.length > 0) seg.marks = itemMarks;
        segments.push(seg);
        delta += b - text - 1;
        cursor = b;
      }
    }
    afterBlank = false;
    i = nextLine(src, end, to);
  }
  if (!segments.length) return { text: src, segments };
  parts.push(src.slice(cursor));
  return { text: parts.join(''), segments };
}

function isBlank(src: string, a: number, b: number): boolean {
  for (let k = a; k < b; k++) {
    const c = src.charCodeAt(k);
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

function nextLine(src: string, eol: number, to: number): number {
  if (eol >= to) return to;
  return eol + (src.charCodeAt(eol) === 13 && src.charCodeAt(eol + 1) === 10 ? 2 : 1);
}

/** No markup but taken links (their syntax appended to `marks`), no line that could start a block. */
function isPlain(src: string, lines: [number, number][], marks: number[]): boolean {
  const first = src.charCodeAt(lines[0][0]);
  if (first === 32 || first === 9) return false;
  for (const [a, b] of lines) {
    if (BLOCK_START.test(src.slice(a, b)) || !plainWithLinks(src, a, b, marks)) return false;
  }
  return true;
}

/**
 * The block the parser makes of a plain paragraph: white space at the ends of its lines as
 * spaces, and its links' syntax too.
 */
export function plainBlock(src: string, seg: PlainSegment): ChunkBlock {
  const slice = src.slice(seg.start, seg.end);
  // Line ends as Markdown has them (\r\n, \r, \n): not U+2028 or U+2029, which a regular
  // expression's multiline `^` and `$` would take for line ends too.
  let text = slice.replace(/(?<=^|[\r\n])[ \t]+|[ \t]+(?=[\r\n]|$)/g, (ws) => ' '.repeat(ws.length));
  const marks = seg.marks;
  if (marks) {
    // Link syntax is on one line: blanks of the same length.
    const parts: string[] = [];
    let cursor = 0;
    for (let i = 0; i < marks.length; i += 2) {
      const a = marks[i] - seg.start;
      const b = marks[i + 1] - seg.start;
      parts.push(text.slice(cursor, a), blank(text, a, b));
      cursor = b;
    }
    parts.push(text.slice(cursor));
    text = parts.join('');
  }
  return { kind: 'paragraph', start: seg.start, end: seg.end, text: maskInlineNoise(text).text, inList: false, inQuote: false };
}

/** Lines in text[a, b). */
function lineCount(text: string, a: number, b: number): number {
  let n = 1;
  for (let k = a; k < b; k++) {
    const c = text.charCodeAt(k);
    if (c === 10 || (c === 13 && text.charCodeAt(k + 1) !== 10)) n++;
  }
  return n;
}

/** Maps a compressed-source offset back to the source (offsets inside a placeholder map to its start). */
export function offsetMapper(segments: PlainSegment[]): (offset: number) => number {
  const ats = segments.map((s) => s.at);
  return (offset) => {
    // The last segment whose placeholder starts at or before `offset`.
    let lo = 0;
    let hi = ats.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ats[mid] <= offset) lo = mid + 1;
      else hi = mid;
    }
    const k = lo - 1;
    if (k < 0) return offset;
    const s = segments[k];
    if (offset < s.at + s.length) return s.start;
    return offset - (s.at + s.length) + s.end;
  };
}

/**
 * The parser's result for the compressed source, in source offsets: placeholders that came back
 * as top-level paragraphs become the plain blocks; the rest is shifted back. Undefined if a
 * placeholder did not come back as a top-level paragraph (it is then inside a fenced code block,
 * an HTML block or such, whose value would hold the placeholder instead of the text: an HTML
 * comment's directive reads its rules from it): the source is then parsed as it is.
 */
export function expandResult(src: string, compressed: Compressed, result: ChunkResult): ChunkResult | undefined {
  const { segments } = compressed;
  if (!segments.length) return result;
  const map = offsetMapper(segments);
  const byAt = new Map(segments.map((s, i) => [s.at, i]));
  const blocks: ChunkBlock[] = [];
  let taken = 0;
  for (let bi = 0; bi < result.blocks.length; bi++) {
    const b = result.blocks[bi];
    const index = byAt.get(b.start);
    const seg = index === undefined ? undefined : segments[index];
    if (seg?.table) {
      // The table's cells, in order, all inside the placeholder: built from the source.
      const n = cellCount(seg.table);
      const cells = result.blocks.slice(bi, bi + n);
      const last = cells[cells.length - 1];
      if (cells.length === n && last.end === seg.at + seg.length && cells.every((c) => c.kind === 'table-cell' && !c.inList && !c.inQuote && c.footnote === undefined && c.start >= seg.at && c.end <= seg.at + seg.length)) {
        blocks.push(...tableBlocks(src, seg.table));
        bi += n - 1;
        taken++;
        continue;
      }
    }
    if (seg?.quote && b.kind === 'paragraph' && b.end === seg.at + seg.length && !b.inList && b.inQuote && b.footnote === undefined && b.leadIn === undefined) {
      blocks.push(quoteBlock(src, seg.start, seg.end, seg.marks));
      taken++;
      continue;
    }
    if (seg && !seg.item && !seg.table && !seg.quote && b.kind === 'paragraph' && b.end === seg.at + seg.length && !b.inList && !b.inQuote && b.footnote === undefined && b.leadIn === undefined) {
      blocks.push(plainBlock(src, seg));
      taken++;
      continue;
    }
    if (seg?.item && b.kind === 'paragraph' && b.inList && !b.inQuote && b.footnote === undefined) {
      // The paragraph of an item: its text and that of the item lines continuing it lazily, each
      // line a placeholder (no other line in between).
      let last = index!;
      while (last + 1 < segments.length && segments[last + 1].item && segments[last + 1].at < b.end) last++;
      const lines = segments.slice(index, last + 1);
      if (segments[last].at + 1 === b.end && lineCount(compressed.text, b.start, b.end) === lines.length) {
        blocks.push(itemBlock(src, lines));
        taken += lines.length;
        continue;
      }
    }
    blocks.push({ ...b, start: map(b.start), end: map(b.end) });
  }
  if (taken < segments.length) return undefined;
  return {
    ...result,
    blocks,
    footnoteRefs: result.footnoteRefs.map((r) => ({ ...r, start: map(r.start), end: map(r.end) })),
    directives: result.directives.map((d) => ({ ...d, nodeStart: map(d.nodeStart) })),
  };
}
