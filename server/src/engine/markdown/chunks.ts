// Splitting a long document into pieces the parser can handle independently.
//
// micromark slows down more than linearly on long inputs (its event lists are spliced and copied
// per resolved construct), so a long draft is parsed in pieces of a few kB. A piece ends only
// where a blank line is followed by a line starting in column 0 with a non-blank character:
// there, every open block is closed except a top-level fenced code block or raw HTML block
// (`<!--`, `<pre>`, ...), which can run across blank lines. The parser itself tells us when that
// happened (the piece's last top-level node is such a block and is not closed) and the piece is
// then re-parsed together with the next ones. Front matter is never split.
//
// Link reference definitions are global: `[text][ref]` needs `[ref]: url` to be a link. A piece
// gets stand-in definitions of the labels it mentions that are defined elsewhere, before its
// start (after its end for a first piece, which may open with front matter); nothing they produce
// is kept. Which labels are defined is first guessed by a line scan, then checked against the
// definitions the parser found, and pieces whose stand-ins were wrong are parsed again. Footnote
// definitions (`[^1]: note`) are global too and get stand-ins the same way (label `^1`).
import type { Code, Html, Root, RootContent } from 'mdast';

/** Documents up to this size are parsed whole. */
export const WHOLE_LIMIT = 8192;
/** Pieces are at least this long (except the last) ... */
const MIN_PIECE = 2048;
/** ... and end at the first possible place after this length. */
const MAX_PIECE = 16384;
/** Past MIN_PIECE, one possible end in this many (chosen by content) is taken. */
const PICK = 4;

// A line break, a blank line, then a character other than white space (a lone \r is a line break;
// \r\n is one, not two).
//
// A long tight list has no blank line: past MAX_PIECE, a piece may also end before a list item
// that starts in column 0 (group 1 unset) when the piece's last top-level node is a list (see
// endsOpen). micromark splices its events once per list item, so one list of thousands of items
// would otherwise take time quadratic in its length.
const BOUNDARY = /(?:\r\n|\r(?!\n)|\n)(?:([ \t]*(?:\r\n|\r(?!\n)|\n))(?=\S)|(?=(?:[-*+]|\d{1,9}[.)])[ \t]+\S))/g;
const FRONT_OPEN = /(---|\+\+\+)[ \t]*(?:\r\n|\r|\n)/y;
const LINE_START_FENCE = /(?:\r\n|\r|\n)(---|\+\+\+)[ \t]*(?=\r\n|\r|\n|$)/g;

/** Offset just past the closing fence of front matter at the start of the document, or 0. */
export function frontMatterEnd(doc: string): number {
  FRONT_OPEN.lastIndex = doc.charCodeAt(0) === 0xfeff ? 1 : 0; // after a byte order mark
  const open = FRONT_OPEN.exec(doc);
  if (!open) return 0;
  LINE_START_FENCE.lastIndex = open.index + open[0].length - 1;
  for (let m = LINE_START_FENCE.exec(doc); m; m = LINE_START_FENCE.exec(doc)) {
    if (m[1] === open[1]) return m.index + m[0].length;
  }
  return 0;
}

/** A hash of the text starting at `at`, to pick piece ends by content. */
function localHash(doc: string, at: number): number {
  let h = 0;
  const end = Math.min(doc.length, at + 32);
  for (let i = at; i < end; i++) h = (Math.imul(h, 31) + doc.charCodeAt(i)) | 0;
  return (h ^ (h >>> 15)) >>> 0;
}

/**
 * Offsets where pieces start, plus doc.length at the end: [0, ..., doc.length]. Piece ends are
 * chosen by the text around them (not by absolute offsets), so an edit changes the pieces around
 * it and leaves the others as they were (and their parses reusable).
 */
export function planCuts(doc: string): number[] {
  const cuts = [0];
  if (doc.length > WHOLE_LIMIT) {
    scanCuts(doc, frontMatterEnd(doc), 0, (cut) => {
      cuts.push(cut);
      return true;
    });
  }
  cuts.push(doc.length);
  return cuts;
}

/**
 * The piece ends planCuts chooses after `previous` (a piece end, or 0), looking for them from
 * `from` on (previous itself, or the end of front matter), each given to `onCut` until it
 * returns false. The choice of a cut depends on the cut before it and on the text from where the
 * line break before the cut starts to cutReadEnd(doc, cut), and on how far the cut is from the
 * document's end when that is less than MIN_PIECE / 4: a scan resumed at an earlier cut of the
 * same text continues as the whole scan did.
 */
export function scanCuts(doc: string, from: number, previous: number, onCut: (cut: number) => boolean): void {
  BOUNDARY.lastIndex = from;
  for (let m = BOUNDARY.exec(doc); m; m = BOUNDARY.exec(doc)) {
    const cut = m.index + m[0].length;
    const length = cut - previous;
    if (length < MIN_PIECE || doc.length - cut < MIN_PIECE / 4) continue;
    if (m[1] === undefined && length < MAX_PIECE) continue; // a list item: only for long lists
    if (length >= MAX_PIECE || localHash(doc, cut) % PICK === 0) {
      previous = cut;
      const go = onCut(cut);
      // onCut may have used the regular expression: go on from this cut.
      BOUNDARY.lastIndex = cut;
      if (!go) return;
    }
  }
}

/** A cut is chosen no nearer the document's end than this. */
export const MIN_TAIL = MIN_PIECE / 4;

/**
 * Where the text read to choose `cut` (made by scanCuts) ends: its hash (32 characters) and what
 * BOUNDARY looks at after it (a list marker, blanks, one more character).
 */
export function cutReadEnd(doc: string, cut: number): number {
  let i = cut;
  const end = Math.min(doc.length, cut + 10);
  while (i < end && /[-*+.)0-9]/.test(doc[i])) i++;
  while (i < doc.length && (doc.charCodeAt(i) === 32 || doc.charCodeAt(i) === 9)) i++;
  return Math.max(cut + 32, i + 1);
}

/**
 * Whether the piece's last top-level node is a fenced code block or a raw HTML block that is not
 * closed (it ran to the end of the piece and may continue in the next).
 */
export function endsOpen(tree: Root, src: string, limit: number): boolean {
  let last: RootContent | undefined;
  for (let i = tree.children.length - 1; i >= 0; i--) {
    const offset = tree.children[i].position?.start.offset;
    if (typeof offset === 'number' && offset < limit) {
      last = tree.children[i];
      break;
    }
  }
  // A piece cut before a list item (no blank line) stands alone only if it ends in a list: the
  // item then starts a list item whatever came before. After anything else (an HTML block, a
  // paragraph the line would continue) the piece is parsed again with the next.
  if (!endsWithBlankLine(src, limit)) return last?.type !== 'list';
  if (!last) return false;
  if (last.type === 'code') return fenceOpen(last, src);
  if (last.type === 'html') return htmlOpen(last);
  return false;
}

/** src[0, limit) ends with a line break, a blank line and a line break (a cut at a blank line). */
function endsWithBlankLine(src: string, limit: number): boolean {
  let k = limit - 1;
  const c = src.charCodeAt(k);
  if (c === 10) k -= src.charCodeAt(k - 1) === 13 ? 2 : 1;
  else if (c === 13) k--;
  else return limit <= 0;
  while (k >= 0 && (src.charCodeAt(k) === 32 || src.charCodeAt(k) === 9)) k--;
  return k < 0 || src.charCodeAt(k) === 10 || src.charCodeAt(k) === 13;
}

function fenceOpen(node: Code, src: string): boolean {
  const s = node.position?.start.offset ?? 0;
  const e = node.position?.end.offset ?? src.length;
  const source = src.slice(s, e);
  const open = /^[ \t]*(`{3,}|~{3,})/.exec(source);
  if (!open) return false; // indented code ends at a non-indented line
  const lines = source.split(/\r\n|\r|\n/);
  if (lines.length < 2) return true;
  const close = lines[lines.length - 1].trim();
  const fence = open[1];
  return !(close.length >= fence.length && close === fence[0].repeat(close.length));
}

function htmlOpen(node: Html): boolean {
  const value = node.value.replace(/^[ \t]+/, '');
  const ends: [RegExp, RegExp][] = [
    [/^<!--/, /-->/],
    [/^<\?/, /\?>/],
    [/^<!\[CDATA\[/, /\]\]>/],
    [/^<![A-Za-z]/, />/],
    [/^<(?:script|pre|style|textarea)(?=[\s>]|$)/i, /<\/(?:script|pre|style|textarea)>/i],
  ];
  for (const [opener, closer] of ends) {
    const m = opener.exec(value);
    if (m) return !closer.test(value.slice(m[0].length));
  }
  return false; // other HTML blocks end at a blank line
}

/** Normalised reference label, as CommonMark matches them (case-folded, whitespace collapsed). */
export function normaliseLabel(label: string): string {
  return label.replace(/[\t\n\r ]+/g, ' ').trim().toLowerCase().toUpperCase();
}

const DEFINITION_LINE = /^(?:[ \t>]|[-*+][ \t]|\d{1,9}[.)][ \t])*\[((?:[^[\]\\\r\n]|\\.){1,999})\]:/gm;
const BRACKETED = /\[((?:[^[\]\\\r\n]|\\.){1,999})\]/g;

/**
 * Labels of lines that look like link reference definitions or footnote definitions (`^label`),
 * normalised. A first guess: some may be inside code, and the parser has the last word.
 */
export function scanDefinitions(doc: string): Set<string> {
  const labels = new Set<string>();
  if (doc.indexOf(']:') < 0) return labels;
  for (const m of doc.matchAll(DEFINITION_LINE)) {
    const raw = m[1];
    if (raw.trim() === '' || raw === '^') continue;
    labels.add(normaliseLabel(raw));
  }
  return labels;
}

/** The defined labels that `text` mentions in brackets, normalised, in order of first mention. */
export function mentionedLabels(text: string, defined: ReadonlySet<string>): string[] {
  if (defined.size === 0 || text.indexOf('[') < 0) return [];
  const wanted = new Set<string>();
  for (const m of text.matchAll(BRACKETED)) {
    const key = normaliseLabel(m[1]);
    if (defined.has(key)) wanted.add(key);
  }
  return [...wanted];
}

/** Stand-in definitions for labels (`[LABEL]: #` lines), so references to them parse as links. */
export function definitionLines(labels: readonly string[]): string {
  let text = '';
  for (const label of labels) text += '[' + label + ']: #\n';
  return text;
}
