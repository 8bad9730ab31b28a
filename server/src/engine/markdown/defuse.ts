// Two more shapes micromark parses in time quadratic in the length of a paragraph, found by the
// fuzzer (test/fuzz/):
//  - lazy continuation lines: a block quote or list item whose paragraph goes on over thousands of
//    lines without the `>` or the indentation (16,000 lines: 3.6 s, 1 MB: most of an hour);
//  - inline HTML that never closes: every `<!--` without a later `-->` (or `<?` without `?>`,
//    `<![CDATA[` without `]]>`, `<!X` without `>`) is scanned to the end of its paragraph.
// Past a limit per paragraph, the quote and list markers of such a paragraph, or the `<` of such
// openers, are handed to the parser as text (a no-break space, same offsets) and masked, like the
// nesting cap (nesting.ts). The first marker of a lazy paragraph becomes `#` (an ATX heading), so
// its lines cannot continue an earlier list item's paragraph lazily instead. No ordinary draft
// comes near the limits.
//
// Not defused here: micromark's text resolver merged a paragraph's text with one array splice per
// line, so a paragraph of thousands of short lines was quadratic in its lines wherever a character
// that may start a construct did not (`a\b`, `a&b`, `a<b`, `a*b`, `a]b`). That is mended at
// build time (server/build/micromark-mends.mjs).
//
// "Paragraph" here is a unit that never crosses a place where a long document is cut into pieces
// (a blank line, or a list item starting in column 0: chunks.ts), so a whole parse and a parse in
// pieces make the same decisions.
/** A source range handed to the parser as `text` (no-break spaces by default) and masked. */
export interface Neutral {
  start: number;
  end: number;
  text?: string;
}

/** Lazy lines in one paragraph of a block quote or list item past which its markers are text. */
export const MAX_LAZY_LINES = 300;
/** Unclosed inline HTML openers in one paragraph past which their `<` are text. */
export const MAX_UNCLOSED_HTML = 64;

const NBSP = '\u00a0';

/** Ranges (sorted, not overlapping) that defuse the shapes above in `src`. */
export function defuse(src: string): Neutral[] {
  const out: Neutral[] = [];
  let unit = 0; // start of the current unit
  let i = 0;
  const n = src.length;
  while (i <= n) {
    // The line [i, eol), next line at `next`.
    let eol = i;
    while (eol < n && src.charCodeAt(eol) !== 10 && src.charCodeAt(eol) !== 13) eol++;
    let next = eol;
    if (next < n) next += src.charCodeAt(next) === 13 && src.charCodeAt(next + 1) === 10 ? 2 : 1;
    const blank = isBlankLine(src, i, eol);
    const itemAtMargin = i > unit && listMarkerAt(src, i) > 0;
    if (blank || itemAtMargin) {
      if (i > unit) unitReplacements(src, unit, i, out);
      unit = blank ? next : i;
    }
    if (eol >= n && n > unit) unitReplacements(src, unit, n, out);
    if (eol >= n) break;
    i = next;
  }
  out.sort((a, b) => a.start - b.start);
  return out;
}

/** `src` with each range replaced by its text (no-break spaces by default; same length). */
export function applyNeutral(src: string, ranges: readonly Neutral[]): string {
  if (!ranges.length) return src;
  const parts: string[] = [];
  let at = 0;
  for (const r of ranges) {
    if (r.start < at) continue;
    parts.push(src.slice(at, r.start), r.text ?? NBSP.repeat(r.end - r.start));
    at = r.end;
  }
  parts.push(src.slice(at));
  return parts.join('');
}

function isBlankLine(src: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const c = src.charCodeAt(k);
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

/** Length of a list marker with its white space at `at` (`- `, `1. `), or 0. */
function listMarkerAt(src: string, at: number): number {
  let k = at;
  const c = src.charCodeAt(k);
  if (c === 45 || c === 42 || c === 43) k++;
  else {
    while (k - at < 9 && src.charCodeAt(k) >= 48 && src.charCodeAt(k) <= 57) k++;
    if (k === at || (src.charCodeAt(k) !== 46 && src.charCodeAt(k) !== 41)) return 0;
    k++;
  }
  const d = src.charCodeAt(k);
  if (d !== 32 && d !== 9) return 0;
  // Something must follow on the line (chunks.ts cuts only there).
  let e = k;
  while (src.charCodeAt(e) === 32 || src.charCodeAt(e) === 9) e++;
  const f = src.charCodeAt(e);
  return e < src.length && f !== 10 && f !== 13 ? k - at : 0;
}

/** Container markers at the start of the line at `i`: [start, end) of each, and the content column. */
function containerMarkers(src: string, i: number, eol: number): { marks: [number, number][]; content: number; quote: boolean; list: boolean } {
  const marks: [number, number][] = [];
  let k = i;
  let quote = false;
  let list = false;
  for (;;) {
    while (k < eol && (src.charCodeAt(k) === 32 || src.charCodeAt(k) === 9)) k++;
    if (k >= eol) break;
    if (src.charCodeAt(k) === 62 /* > */) {
      marks.push([k, k + 1]);
      quote = true;
      k++;
      continue;
    }
    const m = listMarkerAt(src, k);
    if (m > 0) {
      let end = k + 1;
      while (end < k + m && src.charCodeAt(end) !== 32 && src.charCodeAt(end) !== 9) end++;
      marks.push([k, end]);
      list = true;
      k += m;
      continue;
    }
    break;
  }
  return { marks, content: k - i, quote, list };
}

function unitReplacements(src: string, start: number, end: number, out: Neutral[]): void {
  lazyReplacements(src, start, end, out);
  htmlReplacements(src, start, end, out);
}

/** Emphasis (or bracket) characters in one paragraph past which those constructs are turned off (syntax.ts). */
export const MARKER_LIMIT = 3000;

/** A unit opening a block quote or list item and going on lazily over too many lines. */
function lazyReplacements(src: string, start: number, end: number, out: Neutral[]): void {
  let eol = start;
  while (eol < end && src.charCodeAt(eol) !== 10 && src.charCodeAt(eol) !== 13) eol++;
  const first = containerMarkers(src, start, eol);
  if (!first.marks.length) return;
  // Count the lines that continue the paragraph without the markers or the indentation.
  let lazy = 0;
  const lines: [number, number][] = [[start, eol]];
  for (let i = nextLine(src, eol); i < end; ) {
    let e = i;
    while (e < end && src.charCodeAt(e) !== 10 && src.charCodeAt(e) !== 13) e++;
    lines.push([i, e]);
    let indent = 0;
    while (i + indent < e && (src.charCodeAt(i + indent) === 32 || src.charCodeAt(i + indent) === 9)) indent++;
    const c = src.charCodeAt(i + indent);
    const marked = c === 62 || listMarkerAt(src, i + indent) > 0;
    if (!marked && (first.quote || indent < first.content)) lazy++;
    i = nextLine(src, e);
  }
  if (lazy <= MAX_LAZY_LINES) return;
  // Read the unit as a heading and a plain paragraph: the first marker becomes `#` followed by
  // spaces, every other container marker a no-break space.
  lines.forEach(([a, b], li) => {
    containerMarkers(src, a, b).marks.forEach(([s, t], mi) => {
      out.push(li === 0 && mi === 0 ? { start: s, end: t, text: `#${' '.repeat(t - s - 1)}` } : { start: s, end: t });
    });
  });
}

function nextLine(src: string, eol: number): number {
  if (eol >= src.length) return src.length;
  return eol + (src.charCodeAt(eol) === 13 && src.charCodeAt(eol + 1) === 10 ? 2 : 1);
}

const OPENERS: { open: string; close: string }[] = [
  { open: '<!--', close: '-->' },
  { open: '<?', close: '?>' },
  { open: '<![CDATA[', close: ']]>' },
  { open: '<!', close: '>' }, // `<!` + a letter: a declaration
];

/** Inline HTML openers with no closer after them in the unit, when there are too many. */
function htmlReplacements(src: string, start: number, end: number, out: Neutral[]): void {
  if (src.indexOf('<', start) < 0 || src.indexOf('<', start) >= end) return;
  const unclosed: number[] = [];
  // Where each kind of closer last starts in the unit.
  const lastClose = OPENERS.map((o) => src.lastIndexOf(o.close, end - o.close.length));
  for (let k = src.indexOf('<', start); k >= 0 && k < end; k = src.indexOf('<', k + 1)) {
    for (let j = 0; j < OPENERS.length; j++) {
      const o = OPENERS[j];
      if (!src.startsWith(o.open, k)) continue;
      if (j === 3 && !/[A-Za-z]/.test(src.charAt(k + 2))) break;
      if (j === 0 && (src.startsWith('<!-->', k) || src.startsWith('<!--->', k))) break; // closed at once
      const closedAfter = lastClose[j] >= k + o.open.length - (j === 0 ? 1 : 0) && lastClose[j] >= start;
      // At the start of a line the opener begins an HTML block (raw, cheap): left alone.
      if (!closedAfter && !atLineStart(src, k)) unclosed.push(k);
      break;
    }
  }
  if (unclosed.length <= MAX_UNCLOSED_HTML) return;
  for (const k of unclosed) out.push({ start: k, end: k + 1 });
}

/** Only white space and container markers (`>`, list markers) before `k` on its line. */
function atLineStart(src: string, k: number): boolean {
  let j = k - 1;
  while (j >= 0) {
    const c = src.charCodeAt(j);
    if (c === 10 || c === 13) return true;
    if (c !== 32 && c !== 9 && c !== 62 && c !== 45 && c !== 42 && c !== 43 && c !== 46 && c !== 41 && !(c >= 48 && c <= 57)) return false;
    j--;
  }
  return true;
}
