// Checking one document again and again as it is edited (the language server's drafts). Same
// results as analyzeDocument, with less work per edit: a long document is parsed in pieces
// (markdown/parse.ts; an unchanged piece's parse is reused), and the results of a piece whose
// parse and context are the same as last time are taken over, moved by how far the piece moved,
// without walking its blocks. Only the pieces an edit touched are placed and checked (their
// blocks through the BlockCache).
//
// What a piece's blocks' results depend on besides the piece itself: the section path at its
// start, the question before its first block (the previous block, in the piece before), the
// draft's date, the facts, and, for a piece that starts or ends with a table cell, the blocks on
// that side (a row's cells give each other context): the same blocks (the same objects of the
// same cached parses) are required for its results to be taken over.
//
// The findings, bindings and footnote references of a result belong to the checker: the next
// check moves those of the pieces after an edit in place (copying thousands of them on every
// keystroke made garbage enough for a long pause every few dozen edits). Use a result before
// checking again, or copy what you keep.
import type { FactBase } from './claims/factbase.js';
import { BlockCache, checkBlocks, finishFindings, type Binding, type CheckOptions, type DocumentResult } from './check.js';
import type { ChunkBlock, ChunkResult } from './markdown/blocks.js';
import { draftDateOf, newSections, passPiece, pieceDirectives, placePiece, type Piece, type Sections } from './markdown/parse.js';
import { replanPieces, type PiecePlan } from './markdown/pieces.js';
import { LineIndex } from './text/positions.js';
import type { Directive, Finding, FootnoteRef, ParsedMarkdown, ProseBlock } from './types.js';

/** Blocks on each side of a piece that may give its edge blocks context (a table row's cells; ROW_CONTEXT in check.ts). */
const CONTEXT_BLOCKS = 8;

/** A piece's results, as last placed. Taking it over makes a new one (with its results moved in place). */
interface Segment {
  /** The piece's parse. */
  piece: ChunkResult;
  /** The piece's document offset (Piece.shift) these were placed at. */
  at: number;
  /** Its context: the section path at its start, the question before it, the draft's date, the facts. */
  sections: string;
  question: string | undefined;
  draftDate: string | undefined;
  base: FactBase;
  /** The blocks just before and after it, when its first or last block is a table cell (else none). */
  before: ChunkBlock[];
  after: ChunkBlock[];
  /** Its blocks at `blocksAt` (moved only when asked for: DocumentResult.parsed.blocks). */
  blocks: ProseBlock[];
  blocksAt: number;
  footnoteRefs: FootnoteRef[];
  /** Raw (no severities, no directives), at `at`; the segment's own objects (moved in place). */
  findings: Finding[];
  bindings: Binding[];
}

/** What the last check did (for tests and logs). */
export interface CheckStats {
  pieces: number;
  /** Pieces whose results were taken over. */
  reused: number;
  /** Blocks checked (through the BlockCache). */
  checked: number;
}

function sectionsKey(s: Sections): string {
  let k = '';
  for (const x of s.stack) k += `${x.depth}\u0001${x.text}\u0002`;
  return k;
}

/** The question a block (raw, of a piece) puts before the paragraph after it (see units() in check.ts). */
function questionOf(b: { kind: string; text: string } | undefined): string | undefined {
  if (!b || b.kind !== 'paragraph') return undefined;
  // b.text.trimEnd().endsWith('?'), without copying every piece's last paragraph.
  const t = b.text;
  let i = t.length - 1;
  while (i >= 0 && WHITE_SPACE.test(t[i])) i--;
  return i >= 0 && t[i] === '?' ? t.trim() : undefined;
}

/** What String.prototype.trim removes (one character). */
const WHITE_SPACE = /^[\s\uFEFF\xA0]$/;

/** Up to CONTEXT_BLOCKS blocks of the pieces before piece k (nearest last), or after it (nearest first). */
function neighbours(pieces: readonly Piece[], k: number, dir: -1 | 1): ChunkBlock[] {
  const out: ChunkBlock[] = [];
  for (let i = k + dir; i >= 0 && i < pieces.length && out.length < CONTEXT_BLOCKS; i += dir) {
    const bs = pieces[i].result.blocks;
    if (dir < 0) for (let j = bs.length - 1; j >= 0 && out.length < CONTEXT_BLOCKS; j--) out.unshift(bs[j]);
    else for (let j = 0; j < bs.length && out.length < CONTEXT_BLOCKS; j++) out.push(bs[j]);
  }
  return out;
}

function sameBlocks(a: readonly ChunkBlock[], b: readonly ChunkBlock[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const NONE: ChunkBlock[] = [];

interface RunPiece {
  piece: Piece;
  /** The section path it starts in (a copy), and its key. */
  start: Sections;
  sections: string;
  question: string | undefined;
  before: ChunkBlock[];
  after: ChunkBlock[];
}

/** Moves a segment's findings, bindings and footnote references by `delta`, in place. */
function moveInPlace(seg: Segment, delta: number): void {
  if (delta === 0) return;
  for (const f of seg.findings) {
    f.start += delta;
    f.end += delta;
    if (f.fix) {
      f.fix.start += delta;
      f.fix.end += delta;
    }
  }
  for (const b of seg.bindings) {
    b.start += delta;
    b.end += delta;
    b.fullEnd += delta;
  }
  for (const r of seg.footnoteRefs) {
    r.start += delta;
    r.end += delta;
  }
}

function movedBlock(b: ProseBlock, delta: number): ProseBlock {
  return delta === 0 ? b : { ...b, start: b.start + delta, end: b.end + delta };
}

export class DocumentChecker {
  /** Segments of the last check, by the piece's parse (a parse may appear more than once). */
  private segments = new Map<ChunkResult, Segment[]>();
  stats: CheckStats = { pieces: 0, reused: 0, checked: 0 };

  constructor(readonly cache: BlockCache = new BlockCache()) {}

  /** The pieces of the last text, to plan the next one's from (markdown/pieces.ts). */
  private plan: PiecePlan | undefined;

  /** Forgets the results taken over from check to check (the BlockCache stays). */
  reset(): void {
    this.segments = new Map();
    this.plan = undefined;
  }

  /** The document's findings, bindings and parse: what analyzeDocument(text, base, { rules, cache }) gives. */
  check(text: string, base: FactBase, options: Pick<CheckOptions, 'rules'> = {}): DocumentResult {
    let pieces: Piece[];
    const plan = this.plan;
    // Kept again only if all goes well.
    this.plan = undefined;
    try {
      const next = replanPieces(plan, typeof text === 'string' ? text : String(text ?? ''));
      pieces = next.pieces;
      this.plan = next;
    } catch {
      pieces = [];
    }
    let draftDate: string | undefined;
    try {
      draftDate = draftDateOf(pieces);
    } catch {
      pieces = [];
      draftDate = undefined;
    }
    const stats: CheckStats = { pieces: pieces.length, reused: 0, checked: 0 };
    // The last check's segments; none are kept if this one fails midway (some would be moved).
    const previous = this.segments;
    this.segments = new Map();
    const next = new Map<ChunkResult, Segment[]>();
    const segments: Segment[] = [];
    const sections = newSections();
    // Pieces to check again, gathered until a piece is taken over.
    let run: RunPiece[] = [];
    let reusedBlocks = 0;
    // The last block so far (its question is the context of the next paragraph).
    let last: { kind: string; text: string } | undefined;

    const flush = (k: number) => {
      if (!run.length) return;
      const made = this.checkRun(run, segments, pieces, k, base, draftDate, stats);
      for (const seg of made) segments.push(seg);
      run = [];
    };

    // The key of the section path, made again only when the path changed (a heading: passPiece
    // then gives `sections` a new path array).
    let keyPath: string[] | undefined;
    let key = '';
    for (let k = 0; k < pieces.length; k++) {
      const piece = pieces[k];
      const r = piece.result;
      if (sections.path !== keyPath) {
        key = sectionsKey(sections);
        keyPath = sections.path;
      }
      const question = questionOf(last);
      const n = r.blocks.length;
      if (n) last = r.blocks[n - 1];
      const before = n && r.blocks[0].table ? neighbours(pieces, k, -1) : NONE;
      const after = n && r.blocks[n - 1].table ? neighbours(pieces, k, 1) : NONE;
      // A piece without blocks is never taken over: nothing to gain, and a run of pieces checked
      // again must not be split between two cells of a row.
      const candidates = n ? previous.get(r) : undefined;
      const i = candidates ? candidates.findIndex((s) => s.sections === key && s.question === question && s.draftDate === draftDate && s.base === base && sameBlocks(s.before, before) && sameBlocks(s.after, after)) : -1;
      if (i >= 0) {
        // Taken once: its objects move to this piece's place.
        const old = candidates!.splice(i, 1)[0];
        flush(k);
        moveInPlace(old, piece.shift - old.at);
        segments.push({ ...old, at: piece.shift });
        stats.reused++;
        reusedBlocks += r.blocks.length;
        passPiece(piece, sections);
      } else {
        run.push({ piece, start: { stack: sections.stack.slice(), path: sections.path }, sections: key, question, before, after });
        // Placed (and checked) with the run; the sections move on here.
        passPiece(piece, sections);
      }
    }
    flush(pieces.length);

    for (const seg of segments) {
      const list = next.get(seg.piece);
      if (list) list.push(seg);
      else next.set(seg.piece, [seg]);
    }
    this.segments = next;
    this.cache.keep(reusedBlocks);
    this.cache.sweep();
    this.stats = stats;
    return this.result(text, pieces, segments, draftDate, options.rules);
  }

  /** Places and checks a run of consecutive pieces (with the blocks before and after it as context). */
  private checkRun(run: RunPiece[], before: Segment[], pieces: readonly Piece[], next: number, base: FactBase, draftDate: string | undefined, stats: CheckStats): Segment[] {
    // The blocks before the run, placed where they are now.
    const context: ProseBlock[] = [];
    for (let i = before.length - 1; i >= 0 && context.length < CONTEXT_BLOCKS; i--) {
      const seg = before[i];
      const delta = seg.at - seg.blocksAt;
      for (let j = seg.blocks.length - 1; j >= 0 && context.length < CONTEXT_BLOCKS; j--) context.unshift(movedBlock(seg.blocks[j], delta));
    }
    const parsed: ParsedMarkdown = { blocks: context.slice(), footnoteRefs: [], directives: [] };
    if (draftDate !== undefined) parsed.draftDate = draftDate;
    const spans: { from: number; to: number; refs: number }[] = [];
    for (const { piece, start } of run) {
      const from = parsed.blocks.length;
      const refs = parsed.footnoteRefs.length;
      // Each piece is placed in the section path it starts in (recorded as the run was gathered).
      placePiece(piece, start, parsed);
      spans.push({ from, to: parsed.blocks.length, refs });
    }
    const runEnd = parsed.blocks.length;
    // The blocks after the run (pieces `next` on), placed where they are (their section paths do not matter here).
    const rest: { blocks: ProseBlock[]; footnoteRefs: FootnoteRef[] } = { blocks: [], footnoteRefs: [] };
    for (let k = next; k < pieces.length && rest.blocks.length < CONTEXT_BLOCKS; k++) placePiece(pieces[k], newSections(), rest);
    for (const b of rest.blocks.slice(0, CONTEXT_BLOCKS)) parsed.blocks.push(b);
    const results = checkBlocks(parsed, base, this.cache, context.length, runEnd);
    stats.checked += results.length;
    return run.map(({ piece, sections, question, before, after }, i) => {
      const { from, to, refs } = spans[i];
      const findings: Finding[] = [];
      const bindings: Binding[] = [];
      // Copies: the BlockCache keeps its own, and these are moved in place later.
      for (let b = from; b < to; b++) {
        const r = results[b - context.length];
        for (const f of r.findings) findings.push(f.fix ? { ...f, fix: { ...f.fix } } : { ...f });
        for (const x of r.bindings) bindings.push({ ...x });
      }
      const end = i + 1 < spans.length ? spans[i + 1].refs : parsed.footnoteRefs.length;
      return {
        piece: piece.result,
        at: piece.shift,
        sections,
        question,
        draftDate,
        base,
        before,
        after,
        blocks: parsed.blocks.slice(from, to),
        blocksAt: piece.shift,
        footnoteRefs: parsed.footnoteRefs.slice(refs, end),
        findings,
        bindings,
      };
    });
  }

  private result(text: string, pieces: Piece[], segments: Segment[], draftDate: string | undefined, rules: CheckOptions['rules']): DocumentResult {
    const findings: Finding[] = [];
    const bindings: Binding[] = [];
    const footnoteRefs: FootnoteRef[] = [];
    for (const seg of segments) {
      for (const f of seg.findings) findings.push(f);
      for (const b of seg.bindings) bindings.push(b);
      for (const r of seg.footnoteRefs) footnoteRefs.push(r);
    }
    footnoteRefs.sort((a, b) => a.start - b.start);
    const directives: Directive[] = [];
    let index: LineIndex | undefined;
    for (const piece of pieces) if (piece.result.directives.length) pieceDirectives(piece, () => (index ??= new LineIndex(text)), directives);
    // The blocks are placed when asked for (the language server never asks).
    let blocks: ProseBlock[] | undefined;
    const placed = segments.map((s) => ({ blocks: s.blocks, delta: s.at - s.blocksAt }));
    const parsed = {
      get blocks(): ProseBlock[] {
        if (!blocks) {
          blocks = [];
          for (const p of placed) for (const b of p.blocks) blocks.push(movedBlock(b, p.delta));
        }
        return blocks;
      },
      footnoteRefs,
      directives,
    } as ParsedMarkdown;
    if (draftDate !== undefined) parsed.draftDate = draftDate;
    return { findings: finishFindings(text, directives, findings, rules), bindings, parsed };
  }
}
