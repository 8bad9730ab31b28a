// The parse of a document's skeleton (its source with plain paragraphs, tables and quotes as
// placeholders: plain.ts), with the parts that repeat from document to document taken from a memo.
//
// Once its prose is placeholders, most of a draft is made of the same few shapes: a paragraph
// `x`, a list of `- x` lines, a table of `|x|x|` rows. micromark's time goes on those shapes, not
// on their length. A skeleton is cut where a blank line is followed by a line starting in column 0
// with a non-blank character (where a long document is cut into pieces: chunks.ts); what lies
// between two cuts, a segment, parses the same on its own as inside the document. A segment seen
// before is taken from the memo; the others are parsed together, in one call, with the segments
// between them left out, and their results are remembered.
//
// Kept out, so that segments stay independent: link reference and footnote definitions anywhere
// (a label defined in one segment makes links of another; such a skeleton is parsed whole), a
// fenced code block open at a cut (it runs on past blank lines), and raw HTML blocks, which may
// too, except a comment closed on its line (the directives). The first segment of a document,
// which may hold front matter, is parsed every time.
import type { ChunkBlock, ChunkDirective, ChunkResult } from './blocks.js';
import { collectBlocks } from './blocks.js';
import { getSegment, putSegment } from './cache.js';
import { frontMatterEnd } from './chunks.js';
import { parseSyntax } from './syntax.js';
import type { FootnoteRef } from '../types.js';

/** A blank line, then a character other than white space in column 0. */
const CUT = /(?:\r\n|\r(?!\n)|\n)[ \t]*(?:\r\n|\r(?!\n)|\n)(?=\S)/g;
const LINE = /[^\r\n]*(?:\r\n|\r|\n|$)/y;
const BLANK = /^[ \t]*(?:\r\n|\r|\n)?$/;
const INDENTED = /^(?: {0,3}\t| {4})/;
/** A fence opening a code block at the top level (up to three spaces of indentation). */
const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})([^\r\n]*)/;
const FENCE_CLOSE = /^ {0,3}(`{3,}|~{3,})[ \t]*(?:\r\n|\r|\n)?$/;
/** A line that may open a raw HTML block (up to three spaces of indentation). */
const HTML_START = /^ {0,3}</;
/** An HTML comment that opens and closes on its line: a block that ends there. */
const ONE_LINE_COMMENT = /^ {0,3}<!--.*?-->/;

/** Longer segments are not remembered (a long one rarely comes again). */
const MEMO_SEGMENT = 2048;

/**
 * Offsets of the cuts of `text`, with 0 first and text.length last; undefined when the skeleton
 * must be parsed whole: it holds a definition, or a block that may run on past a blank line.
 */
export function skeletonCuts(text: string, first: boolean): number[] | undefined {
  if (text.indexOf(']:') >= 0) return undefined;
  const begin = first ? frontMatterEnd(text) : 0;
  // The lines from the end of front matter on: no cut inside a fence, no raw HTML.
  let fence: string | undefined;
  /** The last line that is not blank is indented four columns or more. */
  let indented = false;
  const cuts = [0];
  CUT.lastIndex = begin;
  let nextCut = nextCutAt(text);
  LINE.lastIndex = begin;
  while (LINE.lastIndex < text.length) {
    const at = LINE.lastIndex;
    while (nextCut !== undefined && nextCut < at) nextCut = nextCutAt(text);
    // Inside a fence (as far as these patterns tell) no cut is made: the segment holds all of it.
    // Nor after an indented line: after indented code, micromark reads a list item that starts
    // the next segment as paragraph text ("2. second").
    if (nextCut === at && fence === undefined && !indented) cuts.push(at);
    const m = LINE.exec(text);
    if (!m || m[0].length === 0) break;
    const line = m[0];
    if (!BLANK.test(line)) indented = INDENTED.test(line);
    // Raw HTML may run on past blank lines (and a fence the patterns below take for one may be
    // none, inside a list item): any line opening with `<`, in code or not, has it parsed whole,
    // but for a comment closed on its own line. So does a tab before `<` or a fence, indentation
    // the patterns do not weigh.
    if (HTML_START.test(line) && !ONE_LINE_COMMENT.test(line)) return undefined;
    if (/^[ \t]*\t[ \t]*[<`~]/.test(line)) return undefined;
    if (fence !== undefined) {
      const close = FENCE_CLOSE.exec(line);
      if (close && close[1][0] === fence[0] && close[1].length >= fence.length) fence = undefined;
      continue;
    }
    const open = FENCE_OPEN.exec(line);
    // A backtick fence's info string holds no backtick (else the line is inline code).
    if (open && !(open[1][0] === '`' && open[2].includes('`'))) {
      // An indented fence may be a list item's: its closing line, in column 0, may then open a
      // fence at the top level that runs on.
      if (line.charCodeAt(0) === 32) return undefined;
      fence = open[1];
    }
  }
  if (cuts[cuts.length - 1] !== text.length) cuts.push(text.length);
  return cuts;
}

function nextCutAt(text: string): number | undefined {
  const m = CUT.exec(text);
  return m ? m.index + m[0].length : undefined;
}

/** Parses a whole skeleton: the result of collectBlocks over all of it. */
function parseWhole(text: string, first: boolean, off: string[]): ChunkResult {
  const { tree, replacements } = parseSyntax(text, first, off);
  return collectBlocks(text, 0, text.length, tree, replacements);
}

/**
 * The result of parsing the skeleton `text` whole (collectBlocks over it, offsets in `text`),
 * with its segments seen before taken from the memo. `first`: text starts the document; `off`:
 * the constructs turned off for it (syntax.ts).
 */
export function parseSkeleton(text: string, first: boolean, off: string[]): ChunkResult {
  const cuts = skeletonCuts(text, first);
  if (!cuts || cuts.length <= 2) return parseWhole(text, first, off);
  const prefix = off.join(',') + '\u0000';
  const n = cuts.length - 1;
  const keys: (string | undefined)[] = [];
  const found: (ChunkResult | undefined)[] = [];
  let hits = 0;
  for (let i = 0; i < n; i++) {
    const length = cuts[i + 1] - cuts[i];
    const key = (first && i === 0) || length > MEMO_SEGMENT ? undefined : prefix + text.slice(cuts[i], cuts[i + 1]);
    const hit = key === undefined ? undefined : getSegment(key);
    keys.push(key);
    found.push(hit);
    if (hit) hits++;
  }
  // The segments not found are parsed: with none found, the skeleton as it is; else those
  // segments together. `at`: where each of them starts in the text parsed.
  const at: number[] = [];
  let parsed: ChunkResult | undefined;
  if (hits === 0) {
    for (let i = 0; i < n; i++) at[i] = cuts[i];
    parsed = parseWhole(text, first, off);
  } else if (hits < n) {
    let rest = '';
    for (let i = 0; i < n; i++) {
      if (found[i]) continue;
      at[i] = rest.length;
      rest += text.slice(cuts[i], cuts[i + 1]);
    }
    parsed = parseWhole(rest, first && !found[0], off);
  }
  const out: ChunkResult = { blocks: [], footnoteRefs: [], directives: [], definitions: parsed ? parsed.definitions : [] };
  if (parsed?.yaml !== undefined) out.yaml = parsed.yaml;
  // Walks the parsed result's blocks, references and directives in order, segment by segment.
  let b = 0;
  let r = 0;
  let d = 0;
  for (let i = 0; i < n; i++) {
    const start = cuts[i];
    const hit = found[i];
    if (hit) {
      append(out, hit, start);
      continue;
    }
    // Where this segment's results lie in the parsed text, and how far they move.
    const from = at[i];
    const to = from + (cuts[i + 1] - start);
    const own: ChunkResult = { blocks: [], footnoteRefs: [], directives: [], definitions: [] };
    const blocks = parsed!.blocks;
    while (b < blocks.length && blocks[b].start < to) own.blocks.push(moveBlock(blocks[b++], -from));
    const refs = parsed!.footnoteRefs;
    while (r < refs.length && refs[r].start < to) own.footnoteRefs.push(moveRef(refs[r++], -from));
    const directives = parsed!.directives;
    while (d < directives.length && directives[d].nodeStart < to) own.directives.push(moveDirective(directives[d++], -from));
    append(out, own, start);
    const key = keys[i];
    if (key !== undefined) putSegment(key, own);
  }
  return out;
}

/** Appends `part` (offsets from a segment's start) at `start`. */
function append(out: ChunkResult, part: ChunkResult, start: number): void {
  for (const x of part.blocks) out.blocks.push(moveBlock(x, start));
  for (const x of part.footnoteRefs) out.footnoteRefs.push(moveRef(x, start));
  for (const x of part.directives) out.directives.push(moveDirective(x, start));
}

function moveBlock(x: ChunkBlock, delta: number): ChunkBlock {
  return { ...x, start: x.start + delta, end: x.end + delta };
}

function moveRef(x: FootnoteRef, delta: number): FootnoteRef {
  return { ...x, start: x.start + delta, end: x.end + delta };
}

function moveDirective(x: ChunkDirective, delta: number): ChunkDirective {
  return { ...x, nodeStart: x.nodeStart + delta };
}
