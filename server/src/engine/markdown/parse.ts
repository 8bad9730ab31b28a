// Markdown text -> prose blocks, footnote references, directives and the draft's date.
// Pure: no file system, no editor. Never throws: whatever the parser cannot handle yields no
// blocks for that part of the document.
import type { Directive, FootnoteRef, ParsedMarkdown, ProseBlock } from '../types.js';
import { LineIndex } from '../text/positions.js';
import type { ChunkBlock } from './blocks.js';
import { draftDateFromYaml } from './frontmatter.js';
import { parsePieces, type Piece } from './pieces.js';

export { plainText } from './plain-text.js';
export { directiveFilter } from './directives.js';

export type { Piece } from './pieces.js';
export { parsePieces } from './pieces.js';

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
