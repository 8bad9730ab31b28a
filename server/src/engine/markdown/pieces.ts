// A long document parsed in pieces (chunks.ts says where they end and why): from scratch
// (planPieces), or after an edit from the plan of the text before it (replanPieces), which
// plans and parses again only around the edit and takes over the pieces before and after it,
// the ones after moved by how much longer the text got. Both give the same pieces.
//
// What makes a piece, besides its own text: the cut before it (scanCuts), whether a block is
// still open at its end (it is then merged with the next), and the stand-in definitions it gets,
// from the labels defined in the whole document: guessed from its lines (scanDefinitions), then
// those the parser found (each piece's first parse). An edit is taken incrementally only when
// neither set changes (an edit of a line that may define a label plans from scratch).
import { collectBlocks, type ChunkResult } from './blocks.js';
import { getPiece, putPiece, type CachedPiece, type PieceSetting } from './cache.js';
import { cutReadEnd, definitionLines, endsOpen, frontMatterEnd, mentionedLabels, MIN_TAIL, planCuts, scanCuts, scanDefinitions, WHOLE_LIMIT } from './chunks.js';
import { compressPlain, expandResult, type Compressed } from './plain.js';
import { MARKER_LIMIT } from './defuse.js';
import { constructsToDisable, markerCounts, offFor, parseSyntax } from './syntax.js';
import { parseSkeleton } from './skeleton.js';
import { commonPrefix, commonSuffix } from '../text/common.js';

export interface Piece {
  /** Document offset of the piece's first character. */
  start: number;
  end: number;
  /** Labels given stand-in definitions. */
  labels: string[];
  /** Document offset = result offset + shift. */
  shift: number;
  result: ChunkResult;
  open: boolean;
}

const EMPTY: ChunkResult = { blocks: [], footnoteRefs: [], directives: [], definitions: [] };

/** Parses doc[start, end) on its own, with stand-in definitions for `labels`. */
function parsePiece(doc: string, start: number, end: number, labels: string[], reuse: boolean, shortcut = true): Piece {
  // micromark skips a byte order mark and counts offsets after it: leave it out, shift back.
  const bom = start === 0 && doc.charCodeAt(0) === 0xfeff ? 1 : 0;
  const body = bom === 0 && start === 0 && end === doc.length ? doc : doc.slice(start + bom, end);
  const stand = definitionLines(labels);
  // Stand-ins go before the piece, unless it is the first (it may open with front matter).
  const before = start > 0 && stand.length > 0 ? stand + '\n' : '';
  const after = start === 0 && stand.length > 0 ? '\n\n' + stand : '';
  const src = before + body + after;
  const from = before.length;
  const to = from + body.length;
  const setting = { from, first: start === 0, last: end >= doc.length };
  let cached: CachedPiece | undefined = reuse ? getPiece(src, setting) : undefined;
  if (!cached) {
    try {
      // Plain paragraphs go to the parser as placeholders (plain.ts); if one does not come back
      // as a top-level paragraph, the source is parsed as it is.
      const compressed = shortcut ? compressPlain(src, from, to, setting.first ? frontMatterEnd(src) : 0) : undefined;
      cached = (compressed && compressed.segments.length > 0 && parseCompressed(src, compressed, from, to, setting)) || parseSource(src, from, to, setting);
    } catch {
      cached = { result: EMPTY, open: false };
    }
    // The kept copy from now on, so an unchanged piece is the same object in every parse.
    if (reuse) cached = putPiece(src, setting, cached);
  }
  return { start, end, labels, shift: start + bom - from, result: cached.result, open: cached.open };
}

function parseSource(src: string, from: number, to: number, setting: PieceSetting): CachedPiece {
  const { tree, replacements } = parseSyntax(src, setting.first);
  const open = !setting.last && endsOpen(tree, src, to);
  return { result: collectBlocks(src, from, to, tree, replacements), open };
}

/** The piece parsed with its plain paragraphs as placeholders, or undefined (see expandResult). */
function parseCompressed(src: string, compressed: Compressed, from: number, to: number, setting: PieceSetting): CachedPiece | undefined {
  // Past a count of emphasis or link markers in a paragraph the parser turns those constructs off
  // for the whole piece (syntax.ts); placeholders hold fewer markers than their source, so the
  // source alone decides, and a piece it turns anything off in is parsed as it is. A paragraph of
  // the source has at most the markers of its placeholder's paragraph plus all the markers taken
  // (each inside the syntax the shortcut masks): only past the limit is the source counted.
  const text = compressed.text;
  const [emphasis, labels] = markerCounts(text);
  let taken = 0;
  for (const s of compressed.segments) if (s.marks) for (let i = 0; i < s.marks.length; i += 2) taken += s.marks[i + 1] - s.marks[i];
  if ((emphasis + taken > MARKER_LIMIT || labels + taken > MARKER_LIMIT) && constructsToDisable(src).length > 0) return undefined;
  const shrink = src.length - text.length;
  const off = offFor(emphasis, labels);
  // A piece that ends the document and has no stand-in definitions: its shapes seen in earlier
  // drafts are taken from the memo (skeleton.ts). Nothing can be open at its end.
  if (setting.last && from === 0 && to - shrink === text.length) {
    const result = expandResult(src, compressed, parseSkeleton(text, setting.first, off));
    return result === undefined ? undefined : { result, open: false };
  }
  const { tree, replacements } = parseSyntax(text, setting.first, off);
  const result = expandResult(src, compressed, collectBlocks(text, from, to - shrink, tree, replacements));
  if (result === undefined) return undefined;
  return { result, open: !setting.last && endsOpen(tree, text, to - shrink) };
}

/** A document's pieces, and what replanPieces needs to plan the next text from them. */
export interface PiecePlan {
  doc: string;
  pieces: Piece[];
  /** Parsed in pieces as usual (not whole, with the plain-paragraph shortcut): replannable. */
  usual: boolean;
  /** frontMatterEnd(doc) and the cuts (planCuts(doc)). */
  front: number;
  cuts: number[];
  /** The labels of definitions: guessed from lines, and found by the parser (the union of `found`). */
  guessed: ReadonlySet<string>;
  defined: ReadonlySet<string>;
  /** Per piece, the labels defined in its first parse. */
  found: string[][];
  /** Planned from scratch, or from the plan of the text before an edit (for tests). */
  made: 'scratch' | 'edit';
}

export function parsePieces(doc: string, whole = false, shortcut = true): Piece[] {
  return planPieces(doc, whole, shortcut).pieces;
}

/** The pieces of `doc`, from scratch. */
export function planPieces(doc: string, whole = false, shortcut = true): PiecePlan {
  const cuts = whole ? [0, doc.length] : planCuts(doc);
  const usual = !whole && shortcut;
  const plan: PiecePlan = { doc, pieces: [], usual, front: frontMatterEnd(doc), cuts, guessed: new Set(), defined: new Set(), found: [], made: 'scratch' };
  if (cuts.length <= 2) {
    plan.pieces.push(parsePiece(doc, 0, doc.length, [], false, shortcut));
    plan.usual = false;
    return plan;
  }
  plan.guessed = scanDefinitions(doc);
  merge(doc, cuts, 0, plan.guessed, shortcut, plan.pieces, plan.found);
  plan.defined = unionOf(plan.found);
  settleLabels(doc, plan.pieces, 0, plan.pieces.length, plan.defined, shortcut);
  return plan;
}

/**
 * Parses the pieces starting at cuts[i] on. A piece ending inside a fenced code or HTML block is
 * parsed again with the following pieces, doubling how many until the block closes or the
 * document ends. Stops before the piece at cuts[i] when `stop(i)`; gives back that i (or the last
 * cut's index).
 */
function merge(doc: string, cuts: readonly number[], i: number, guessed: ReadonlySet<string>, shortcut: boolean, pieces: Piece[], found: string[][], stop?: (i: number) => boolean): number {
  while (i < cuts.length - 1) {
    if (stop?.(i)) return i;
    for (let step = 1; ; step *= 2) {
      const j = Math.min(i + step, cuts.length - 1);
      const start = cuts[i];
      const end = cuts[j];
      const piece = parsePiece(doc, start, end, mentionedLabels(doc.slice(start, end), guessed), shortcut, shortcut);
      if (!piece.open || j === cuts.length - 1) {
        pieces.push(piece);
        found.push(piece.result.definitions);
        i = j;
        break;
      }
    }
  }
  return i;
}

function unionOf(found: readonly string[][]): Set<string> {
  const defined = new Set<string>();
  for (const labels of found) for (const label of labels) defined.add(label);
  return defined;
}

/** The definitions the parser found decide: pieces[from, to) given the wrong stand-ins are parsed again. */
function settleLabels(doc: string, pieces: Piece[], from: number, to: number, defined: ReadonlySet<string>, shortcut: boolean): void {
  for (let k = from; k < to; k++) {
    const p = pieces[k];
    const labels = mentionedLabels(doc.slice(p.start, p.end), defined);
    if (labels.join('\n') !== p.labels.join('\n')) pieces[k] = parsePiece(doc, p.start, p.end, labels, shortcut, shortcut);
  }
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size !== b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}

/** Whether the lines (as \n and \r end them) holding doc[from, to) may define a label (scanDefinitions). */
function mayDefine(doc: string, from: number, to: number): boolean {
  let a = from;
  while (a > 0 && doc.charCodeAt(a - 1) !== 10 && doc.charCodeAt(a - 1) !== 13) a--;
  let b = to;
  while (b < doc.length && doc.charCodeAt(b) !== 10 && doc.charCodeAt(b) !== 13) b++;
  const i = doc.indexOf(']:', a);
  return i >= 0 && i + 2 <= b;
}

/** Index of `x` in the ascending list `xs`, or -1. */
function indexOf(xs: readonly number[], x: number): number {
  let lo = 0;
  let hi = xs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = xs[mid];
    if (v === x) return mid;
    if (v < x) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

function startOf(pieces: readonly Piece[], start: number): number {
  let lo = 0;
  let hi = pieces.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = pieces[mid].start;
    if (v === start) return mid;
    if (v < start) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

function moved(p: Piece, delta: number): Piece {
  return { start: p.start + delta, end: p.end + delta, labels: p.labels, shift: p.shift + delta, result: p.result, open: p.open };
}

/**
 * The pieces of `doc`, planned from those of an earlier text `prev` (the same as planPieces(doc)
 * gives). Only the pieces around what changed are planned and parsed again.
 */
export function replanPieces(prev: PiecePlan | undefined, doc: string): PiecePlan {
  if (!prev || !prev.usual || doc.length <= WHOLE_LIMIT) return planPieces(doc);
  const old = prev.doc;
  if (old === doc) return prev;
  const p = commonPrefix(old, doc);
  const s = commonSuffix(old, doc, p);
  const oldEnd = old.length - s;
  const newEnd = doc.length - s;
  const delta = doc.length - old.length;
  const front = frontMatterEnd(doc);
  // Scanned for label definitions line by line: the edited lines must hold none, before and after.
  if (front !== prev.front || mayDefine(old, p, oldEnd) || mayDefine(doc, p, newEnd)) return planPieces(doc);

  // The pieces before the first one whose cut read text from the edit on are kept.
  let k = prev.pieces.length - 1;
  for (; k > 0; k--) {
    const start = prev.pieces[k].start;
    if (cutReadEnd(old, start) <= p && doc.length - start >= MIN_TAIL) break;
  }
  const restart = prev.pieces[k].start;
  const ci = indexOf(prev.cuts, restart);
  if (ci < 0) return planPieces(doc);
  // The cuts after it are chosen again until one falls where an old one was (moved), past the
  // edit: from there on they are the old ones, moved.
  const cuts = prev.cuts.slice(0, ci + 1);
  let meet = Infinity;
  scanCuts(doc, k === 0 ? front : restart, restart, (cut) => {
    cuts.push(cut);
    if (cut < newEnd) return true;
    const j = indexOf(prev.cuts, cut - delta);
    if (j < 0 || j === prev.cuts.length - 1) return true;
    meet = cut;
    for (let x = j + 1; x < prev.cuts.length - 1; x++) cuts.push(prev.cuts[x] + delta);
    return false;
  });
  cuts.push(doc.length);
  if (cuts.length <= 2) return planPieces(doc);

  const pieces = prev.pieces.slice(0, k);
  const found = prev.found.slice(0, k);
  let keep = -1;
  merge(doc, cuts, ci, prev.guessed, true, pieces, found, (i) => {
    if (cuts[i] < meet) return false;
    keep = startOf(prev.pieces, cuts[i] - delta);
    return keep >= 0;
  });
  const fresh = pieces.length;
  if (keep >= 0) {
    for (let j = keep; j < prev.pieces.length; j++) {
      pieces.push(moved(prev.pieces[j], delta));
      found.push(prev.found[j]);
    }
  }
  const defined = unionOf(found);
  // Other definitions found: every piece's stand-ins may change.
  if (!sameSet(defined, prev.defined)) return planPieces(doc);
  settleLabels(doc, pieces, k, fresh, defined, true);
  return { doc, pieces, usual: true, front, cuts, guessed: prev.guessed, defined, found, made: 'edit' };
}
