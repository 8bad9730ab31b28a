// A bound on container nesting. micromark splices its event list once per list and list item, so
// its time grows with the square of the nesting depth on a line (`* * * * … x`, 4,000 levels on
// one 8 kB line take 10 s) and with nesting repeated line after line. No draft nests block quotes
// and list items anywhere near MAX_NESTING deep, so past that depth a marker is read as text: it is
// handed to the parser as a no-break space (not markup, not indentation) and masked out of the
// prose like any other markup. Offsets do not change.
import type { Replacement } from './syntax.js';

/** Block quotes and list items open on one line (markers on the line plus indented items). */
export const MAX_NESTING = 16;

const NBSP = '\u00a0';

export interface CappedNesting {
  /** The source with markers past MAX_NESTING replaced (same length); `src` itself if none. */
  text: string;
  /** The replaced markers, to mask. */
  replacements: Replacement[];
}

/** Caps container nesting in `src` (see above). Linear in the length of `src`. */
export function capNesting(src: string): CappedNesting {
  const replacements: Replacement[] = [];
  // Content columns of the list items a line may continue by indentation (approximate: enough to
  // bound the depth, never more than the parser sees).
  const items: number[] = [];
  const n = src.length;
  let i = 0;
  while (i < n) {
    // Indentation.
    let col = 0;
    let j = i;
    for (; j < n; j++) {
      const c = src.charCodeAt(j);
      if (c === 32) col++;
      else if (c === 9) col += 4 - (col % 4);
      else break;
    }
    const c0 = j < n ? src.charCodeAt(j) : 10;
    const blank = c0 === 10 || c0 === 13;
    if (!blank) {
      while (items.length > 0 && items[items.length - 1] > col) items.pop();
      let depth = items.length;
      const tb = thematicTail(src, j);
      // Markers: `>`, `-`/`*`/`+` or `1.`/`1)` followed by white space or the line end.
      for (;;) {
        const c = j < n ? src.charCodeAt(j) : 10;
        if (j >= tb.from && c === tb.mark) {
          // `* * *` (or the rest of `- * * *`) is a thematic break, not list items.
          if (tb.count(j) >= 3) break;
        }
        let len = 0;
        let list = false;
        if (c === 62 /* > */) len = 1;
        else if ((c === 45 || c === 42 || c === 43) && isGap(src, j + 1)) {
          len = 1;
          list = true;
        } else if (c >= 48 && c <= 57) {
          let k = j;
          while (k < n && k - j < 9 && isDigit(src.charCodeAt(k))) k++;
          const d = k < n ? src.charCodeAt(k) : 0;
          if ((d === 46 || d === 41) && isGap(src, k + 1)) {
            len = k + 1 - j;
            list = true;
          }
        }
        if (len === 0) break;
        depth++;
        const neutral = depth > MAX_NESTING;
        if (neutral) replacements.push({ start: j, end: j + len });
        j += len;
        col += len;
        const markerEnd = col;
        // White space before the content or the next marker.
        for (; j < n; j++) {
          const c = src.charCodeAt(j);
          if (c === 32) col++;
          else if (c === 9) col += 4 - (col % 4);
          else break;
        }
        if (list && !neutral) {
          // The item's content column: after the marker and 1-4 columns of white space.
          const gap = col - markerEnd;
          const atEnd = j >= n || src.charCodeAt(j) === 10 || src.charCodeAt(j) === 13;
          items.push(atEnd || gap < 1 || gap > 4 ? markerEnd + 1 : col);
        }
      }
    }
    // Next line.
    while (j < n) {
      const c = src.charCodeAt(j);
      j++;
      if (c === 10) break;
      if (c === 13) {
        if (j < n && src.charCodeAt(j) === 10) j++;
        break;
      }
    }
    i = j;
  }
  if (!replacements.length) return { text: src, replacements };
  const parts: string[] = [];
  let at = 0;
  for (const r of replacements) {
    parts.push(src.slice(at, r.start), NBSP.repeat(r.end - r.start));
    at = r.end;
  }
  parts.push(src.slice(at));
  return { text: parts.join(''), replacements };
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** White space or a line end at `at`. */
function isGap(src: string, at: number): boolean {
  if (at >= src.length) return true;
  const c = src.charCodeAt(at);
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/**
 * Where the line from `at` ends in a run of one thematic-break character (`-`, `*`, `_`) and white
 * space: `from` is the run's start, `count(k)` the number of marks from k to the line end.
 */
function thematicTail(src: string, at: number): { from: number; mark: number; count: (k: number) => number } {
  let end = at;
  while (end < src.length && src.charCodeAt(end) !== 10 && src.charCodeAt(end) !== 13) end++;
  let k = end - 1;
  while (k >= at && (src.charCodeAt(k) === 32 || src.charCodeAt(k) === 9)) k--;
  const mark = k >= at ? src.charCodeAt(k) : -1;
  if (mark !== 45 && mark !== 42 && mark !== 95) return { from: Infinity, mark: -1, count: () => 0 };
  let total = 0;
  for (; k >= at; k--) {
    const c = src.charCodeAt(k);
    if (c === mark) total++;
    else if (c !== 32 && c !== 9) break;
  }
  const from = k + 1;
  // Marks before `k` in the run, counted once as the scan moves right (it only moves right).
  let seen = from;
  let before = 0;
  return {
    from,
    mark,
    count: (pos) => {
      for (; seen < pos; seen++) if (src.charCodeAt(seen) === mark) before++;
      return total - before;
    },
  };
}
