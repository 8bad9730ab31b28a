// Inline links a plain paragraph may hold (plain.ts): `[text](destination)` on one line, with
// text and destination so simple that the parser's reading is certain. Everything else in the
// line must be plain (no markup character), so the paragraph's prose is the line minus the
// link's syntax: `[` and `](destination)` are masked, the text is kept, as collectBlocks does for
// a link (blocks.ts).
//
// Taken (CommonMark + GFM, as micromark reads them):
//  - `[` not after `!` (that opens an image) and not before `^` (a footnote call);
//  - text: one or more characters, none of them a markup character ([\\`*_~[\]<>&|\0]) or a
//    line break, so nothing in it is a construct and the label has no brackets to balance;
//  - `](` right after the text (an inline resource is tried first, before any reference, so
//    link reference definitions do not matter), then a raw destination of URL characters only
//    (no space, no parenthesis, no `<`, no backslash, no quote, no `&`), then `)` at once (no title).
// At most MAX_LINKS links a paragraph, so the brackets stay far below the count past which the
// parser turns links off for a piece (MARKER_LIMIT, syntax.ts).
//
// Simple emphasis (`**words**`, `*words*`, plain-emphasis.ts) is taken in the line too, its
// markers masked like a link's syntax.

import { emphasisEnd } from './plain-emphasis.js';

/** Markup characters: any outside a taken link makes the line not plain. */
const MARKUP = /[\\`*_~[\]<>&|\0]/;
/** Links a paragraph may hold. */
export const MAX_LINKS = 1000;
/** Longest link text and destination taken. */
const MAX_TEXT = 500;
const MAX_DESTINATION = 2000;

/** A character of a link's text: not a markup character, not a line break. */
export function isTextChar(c: number): boolean {
  switch (c) {
    case 0:
    case 10:
    case 13:
    case 38: // &
    case 42: // *
    case 60: // <
    case 62: // >
    case 91: // [
    case 92: // \
    case 93: // ]
    case 95: // _
    case 96: // `
    case 124: // |
    case 126: // ~
      return false;
    default:
      return true;
  }
}

/** A character of a taken destination: ASCII letters, digits and `-._:/?#@!$+,;=%`. */
function isDestinationChar(c: number): boolean {
  if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)) return true;
  switch (c) {
    case 45: // -
    case 46: // .
    case 95: // _
    case 58: // :
    case 47: // /
    case 63: // ?
    case 35: // #
    case 64: // @
    case 33: // !
    case 36: // $
    case 43: // +
    case 44: // ,
    case 59: // ;
    case 61: // =
    case 37: // %
      return true;
    default:
      return false;
  }
}

/**
 * Whether src[a, b) (one line) is plain apart from taken links; the links' masked syntax is
 * appended to `marks` as [start, end) pairs (`[`, then `](destination)`). `marks` may be partly
 * filled when false is returned.
 */
export function plainWithLinks(src: string, a: number, b: number, marks: number[]): boolean {
  const line = src.slice(a, b);
  if (!MARKUP.test(line)) return true;
  let i = a;
  while (i < b) {
    const c = src.charCodeAt(i);
    if (c === 42 /* * */) {
      // Simple emphasis (plain-emphasis.ts), or the line is not plain.
      if (marks.length >= MAX_LINKS * 4) return false;
      const end = emphasisEnd(src, i, a, b, marks);
      if (end < 0) return false;
      i = end;
      continue;
    }
    if (c !== 91 /* [ */) {
      if (!isTextChar(c) && c !== 10 && c !== 13) return false;
      i++;
      continue;
    }
    // `[` opens a link to take, or the line is not plain.
    if (i > a && src.charCodeAt(i - 1) === 33 /* ! */) return false;
    if (src.charCodeAt(i + 1) === 94 /* ^ */) return false;
    let k = i + 1;
    while (k < b && k - i <= MAX_TEXT && isTextChar(src.charCodeAt(k))) k++;
    if (k === i + 1 || k >= b || k - i > MAX_TEXT || src.charCodeAt(k) !== 93 /* ] */) return false;
    const close = k;
    if (src.charCodeAt(close + 1) !== 40 /* ( */) return false;
    let d = close + 2;
    while (d < b && d - close <= MAX_DESTINATION && isDestinationChar(src.charCodeAt(d))) d++;
    if (d === close + 2 || d >= b || src.charCodeAt(d) !== 41 /* ) */) return false;
    if (marks.length >= MAX_LINKS * 4) return false;
    marks.push(i, i + 1, close, d + 1);
    i = d + 1;
  }
  return true;
}
