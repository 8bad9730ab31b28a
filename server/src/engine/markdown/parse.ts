// Markdown text -> prose blocks, footnote references, directives and the draft's date.
// Pure: no file system, no editor. Never throws: whatever the parser cannot handle yields no
// blocks for that part of the document.
import type { Directive, FootnoteRef, ParsedMarkdown, ProseBlock } from '../types.js';
import { LineIndex } from '../text/positions.js';
import { collectBlocks, type ChunkBlock, type ChunkResult } from './blocks.js';
import { getPiece, putPiece, type CachedPiece, type PieceSetting } from './cache.js';
import { definitionLines, endsOpen, frontMatterEnd, mentionedLabels, planCuts, scanDefinitions } from './chunks.js';
import { compressPlain, expandResult, type Compressed } from './plain.js';
import { draftDateFromYaml } from './frontmatter.js';
import { parseSyntax } from './syntax.js';

export { plainText } from './plain-text.js';
export { directiveFilter } from './directives.js';

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
  const text = compressed.text;
  const shrink = src.length - text.length;
  const { tree, replacements } = parseSyntax(text, setting.first);
  const result = expandResult(src, compressed, collectBlocks(text, from, to - shrink, tree, replacements));
  if (result === undefined) return undefined;
  return { result, open: !setting.last && endsOpen(tree, text, to - shrink) };
}

export function parsePieces(doc: string, whole = false, shortcut = true): Piece[] {
  const cuts = whole ? [0, doc.length] : planCuts(doc);
  if (cuts.length <= 2) return [parsePiece(doc, 0, doc.length, [], false, shortcut)];

  const guessed = scanDefinitions(doc);
  const pieces: Piece[] = [];
  let i = 0;
  while (i < cuts.length - 1) {
    // A piece ending inside a fenced code or HTML block is parsed again with the following
    // pieces, doubling how many until the block closes or the document ends.
    for (let step = 1; ; step *= 2) {
      const j = Math.min(i + step, cuts.length - 1);
      const start = cuts[i];
      const end = cuts[j];
      const piece = parsePiece(doc, start, end, mentionedLabels(doc.slice(start, end), guessed), shortcut, shortcut);
      if (!piece.open || j === cuts.length - 1) {
        pieces.push(piece);
        i = j;
        break;
      }
    }
  }

  // The definitions the parser found decide; pieces given the wrong stand-ins are parsed again.
  const defined = new Set<string>();
  for (const p of pieces) for (const label of p.result.definitions) defined.add(label);
  for (let k = 0; k < pieces.length; k++) {
    const p = pieces[k];
    const labels = mentionedLabels(doc.slice(p.start, p.end), defined);
    if (labels.join('\n') !== p.labels.join('\n')) pieces[k] = parsePiece(doc, p.start, p.end, labels, shortcut, shortcut);
  }
  return pieces;
}

export interface ParseOptions {
  /**
   * Parse the document in one go. By default a long document is parsed in pieces (faster, and
   * pieces unchanged since an earlier call are reused); the result is meant to be the same.
   */
  whole?: boolean;
  /**
   * Hand plain paragraphs to the parser as placeholders (plain.ts; default true). Off only to
   * test that the shortcut changes nothing (pieces are then not cached either).
   */
  shortcut?: boolean;
}

export function parseMarkdown(text: string, options: ParseOptions = {}): ParsedMarkdown {
  try {
    const doc = typeof text === 'string' ? text : String(text ?? '');
    return assemble(doc, parsePieces(doc, options?.whole === true, options?.shortcut !== false));
  } catch {
    return { blocks: [], footnoteRefs: [], directives: [] };
  }
}

/**
 * The section path while the pieces are put together: top-level headings, outermost first.
 * Blocks share the path array until it changes.
 */
export interface Sections {
  stack: { depth: number; text: string }[];
  path: string[];
}

export function newSections(): Sections {
  return { stack: [], path: [] };
}

/** A heading block closes the sections at its level and below (before the block is placed). */
function closeSections(b: ChunkBlock, s: Sections): void {
  if (b.section === undefined) return;
  while (s.stack.length > 0 && s.stack[s.stack.length - 1].depth >= b.section) s.stack.pop();
  if (s.path.length !== s.stack.length) s.path = s.stack.map((x) => x.text);
}

/** ... then opens its own (after it is placed). */
function openSection(b: ChunkBlock, s: Sections): void {
  if (b.section === undefined) return;
  s.stack.push({ depth: b.section, text: b.plain ?? '' });
  s.path = s.stack.map((x) => x.text);
}

/** The piece's blocks and footnote references at document offsets, appended to `out`; `sections` follows its headings. */
export function placePiece(piece: Piece, sections: Sections, out: { blocks: ProseBlock[]; footnoteRefs: FootnoteRef[] }): void {
  const { shift: offset, result } = piece;
  for (const b of result.blocks) {
    closeSections(b, sections);
    const block: ProseBlock = {
      kind: b.kind,
      start: b.start + offset,
      end: b.end + offset,
      text: b.text,
      headings: sections.path,
      inList: b.inList,
      inQuote: b.inQuote,
    };
    if (b.table) block.table = { ...b.table };
    if (b.leadIn !== undefined) block.leadIn = b.leadIn;
    if (b.footnote !== undefined) block.footnote = b.footnote;
    out.blocks.push(block);
    openSection(b, sections);
  }
  for (const r of result.footnoteRefs) {
    out.footnoteRefs.push({ label: r.label, start: r.start + offset, end: r.end + offset } satisfies FootnoteRef);
  }
}

/** What placePiece does to `sections`, without placing anything. */
export function passPiece(piece: Piece, sections: Sections): void {
  for (const b of piece.result.blocks) {
    if (b.section === undefined) continue;
    closeSections(b, sections);
    openSection(b, sections);
  }
}

/** The piece's directives, with their document lines (`lines` gives the document's LineIndex). */
export function pieceDirectives(piece: Piece, lines: () => LineIndex, out: Directive[]): void {
  for (const d of piece.result.directives) {
    const line = lines().lineOf(d.nodeStart + piece.shift) + d.lineDelta;
    out.push({ kind: d.kind, rules: [...d.rules], line, endLine: line + d.lineSpan });
  }
}

/** The draft's own date, from the front matter of the first piece. */
export function draftDateOf(pieces: readonly Piece[]): string | undefined {
  const yaml = pieces[0]?.result.yaml;
  return yaml === undefined ? undefined : draftDateFromYaml(yaml);
}

/** Puts the pieces' results together: document offsets, section paths, directive lines. */
function assemble(doc: string, pieces: Piece[]): ParsedMarkdown {
  const out: ParsedMarkdown = { blocks: [], footnoteRefs: [], directives: [] };
  const sections = newSections();
  let index: LineIndex | undefined;
  const lines = () => (index ??= new LineIndex(doc));
  for (const piece of pieces) {
    placePiece(piece, sections, out);
    pieceDirectives(piece, lines, out.directives);
  }
  out.footnoteRefs.sort((a, b) => a.start - b.start);
  const date = draftDateOf(pieces);
  if (date !== undefined) out.draftDate = date;
  return out;
}
