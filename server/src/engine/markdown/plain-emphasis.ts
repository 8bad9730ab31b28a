// Emphasis a plain paragraph or list item line may hold (plain.ts, plain-items.ts): `**words**`
// and `*words*` on one line, so simple that the parser's reading is certain. Their markers are
// masked in the block built by the shortcut, as collectBlocks masks them (the text of a strong or
// emphasis node is prose, the `*` around it is not).
//
// Taken (CommonMark's delimiter runs, as micromark reads them):
//  - an opening run of exactly one or two `*`, at the start of the line's text or after a space
//    or a tab (so it is left-flanking and not right-flanking: it can only open), followed by a
//    letter, digit or a plain ASCII character that is not white space;
//  - then text: one or more characters, none of them a markup character or a line break (so
//    nothing nests, no link or code span overlaps it);
//  - then a closing run of as many `*`, not followed by another `*`, after a character that is
//    not white space (right-flanking), and followed by the end of the line, white space or ASCII
//    punctuation (not left-flanking, so it can only close); after punctuation as the last
//    character of the text (`**Valuation:**`), only by the end of the line or white space.
// Every run is then an opener or a closer only, openers and closers alternate with the same
// length, and each closer closes the opener just before it: no `_` (its intraword rules differ),
// no `***`, nothing intraword (`a**b**`, `**b**c`). Anything else leaves the line to the parser.
import { isTextChar } from './plain-links.js';

/** Longest emphasised text taken. */
const MAX_TEXT = 500;

/** A letter or digit (ASCII, or any script's). */
function isWordChar(c: number): boolean {
  if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)) return true;
  return c >= 0x80 && /[\p{L}\p{N}]/u.test(String.fromCharCode(c));
}

/** An ASCII punctuation character that is plain text (not markup). */
function isPlainPunctuation(c: number): boolean {
  return c > 32 && c < 127 && !isWordChar(c) && isTextChar(c);
}

/**
 * If a taken emphasis run opens at src[i] (a `*`) in the line src[a, b), where it ends (after its
 * closing run), its markers appended to `marks` ([start, end) pairs); otherwise -1.
 */
export function emphasisEnd(src: string, i: number, a: number, b: number, marks: number[]): number {
  if (i > a) {
    const before = src.charCodeAt(i - 1);
    if (before !== 32 && before !== 9) return -1;
  }
  const size = src.charCodeAt(i + 1) === 42 /* * */ ? 2 : 1;
  const first = i + size;
  const c = src.charCodeAt(first);
  if (first >= b || !(isWordChar(c) || isPlainPunctuation(c))) return -1;
  let k = first;
  while (k < b && k - first <= MAX_TEXT && isTextChar(src.charCodeAt(k))) k++;
  if (k >= b || k - first > MAX_TEXT || src.charCodeAt(k) !== 42) return -1;
  // The closing run: as long as the opening one.
  for (let s = 1; s < size; s++) if (src.charCodeAt(k + s) !== 42) return -1;
  const after = k + size;
  const next = after < b ? src.charCodeAt(after) : -1;
  if (next === 42) return -1;
  const last = src.charCodeAt(k - 1);
  const spaceAfter = next === -1 || next === 32 || next === 9;
  if (isWordChar(last)) {
    if (!spaceAfter && !isPlainPunctuation(next)) return -1;
  } else if (!isPlainPunctuation(last) || !spaceAfter) return -1;
  marks.push(i, first, k, after);
  return after;
}
