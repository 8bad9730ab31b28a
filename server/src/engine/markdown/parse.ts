// Markdown text -> prose blocks, footnote references, directives and the draft's date.
// Pure: no file system, no editor. Never throws: whatever the parser cannot handle yields no
// blocks for that part of the document.
import type { FootnoteRef, ParsedMarkdown, ProseBlock } from '../types.js';
import { LineIndex } from '../text/positions.js';
import { collectBlocks, type ChunkResult } from './blocks.js';
import { getPiece, pieceKey, putPiece, type CachedPiece } from './cache.js';
import { definitionSuffix, endsOpen, planCuts, scanDefinitions } from './chunks.js';
import { draftDateFromYaml } from './frontmatter.js';
import { parseSyntax } from './syntax.js';

export { plainText } from './plain-text.js';
export { directiveFilter } from './directives.js';

interface Piece {
  offset: number;
  result: ChunkResult;
}

const EMPTY: ChunkResult = { blocks: [], footnoteRefs: [], directives: [] };

/** Parses doc[start, end) on its own; `open` when it ends inside a fenced code / HTML block. */
function parsePiece(
  doc: string,
  start: number,
  end: number,
  definitions: Map<string, string>,
  cache: boolean,
): CachedPiece {
  const body = start === 0 && end === doc.length ? doc : doc.slice(start, end);
  const src = body + definitionSuffix(body, definitions);
  const last = end >= doc.length;
  const key = cache ? `${start === 0 ? 'F' : ''}${last ? 'L' : 'M'}${body.length}:${pieceKey(src)}` : '';
  const cached = cache ? getPiece(key) : undefined;
  if (cached) return cached;
  let piece: CachedPiece;
  try {
    const { tree, replacements } = parseSyntax(src, start === 0);
    const open = !last && endsOpen(tree, src, body.length);
    piece = { result: collectBlocks(src, body.length, tree, replacements), open };
  } catch {
    piece = { result: EMPTY, open: false };
  }
  if (cache) putPiece(key, src.length, piece);
  return piece;
}

function parsePieces(doc: string, whole: boolean): Piece[] {
  const cuts = whole ? [0, doc.length] : planCuts(doc);
  const split = cuts.length > 2;
  const definitions = split ? scanDefinitions(doc) : new Map<string, string>();
  const pieces: Piece[] = [];
  let i = 0;
  while (i < cuts.length - 1) {
    // A piece ending inside a fenced code or HTML block is re-parsed with the following
    // pieces, doubling how many until the block closes or the document ends.
    for (let step = 1; ; step *= 2) {
      const j = Math.min(i + step, cuts.length - 1);
      const { result, open } = parsePiece(doc, cuts[i], cuts[j], definitions, split);
      if (!open || j === cuts.length - 1) {
        pieces.push({ offset: cuts[i], result });
        i = j;
        break;
      }
    }
  }
  return pieces;
}

export interface ParseOptions {
  /**
   * Parse the document in one go. By default a long document is parsed in pieces (faster, and
   * pieces unchanged since an earlier call are reused); the result is meant to be the same.
   */
  whole?: boolean;
}

export function parseMarkdown(text: string, options: ParseOptions = {}): ParsedMarkdown {
  try {
    const doc = typeof text === 'string' ? text : String(text ?? '');
    return assemble(doc, parsePieces(doc, options?.whole === true));
  } catch {
    return { blocks: [], footnoteRefs: [], directives: [] };
  }
}

/** Puts the pieces' results together: document offsets, section paths, directive lines. */
function assemble(doc: string, pieces: Piece[]): ParsedMarkdown {
  const out: ParsedMarkdown = { blocks: [], footnoteRefs: [], directives: [] };
  // Section path: top-level headings, outermost first. Blocks share the array until it changes.
  const sections: { depth: number; text: string }[] = [];
  let path: string[] = [];
  let lines: LineIndex | undefined;

  for (const { offset, result } of pieces) {
    for (const b of result.blocks) {
      const block: ProseBlock = {
        kind: b.kind,
        start: b.start + offset,
        end: b.end + offset,
        text: b.text,
        headings: path,
        inList: b.inList,
        inQuote: b.inQuote,
      };
      if (b.table) block.table = { ...b.table };
      if (b.leadIn !== undefined) block.leadIn = b.leadIn;
      out.blocks.push(block);
      if (b.section !== undefined) {
        while (sections.length > 0 && sections[sections.length - 1].depth >= b.section) sections.pop();
        sections.push({ depth: b.section, text: b.plain ?? '' });
        path = sections.map((s) => s.text);
      }
    }
    for (const r of result.footnoteRefs) {
      out.footnoteRefs.push({ label: r.label, start: r.start + offset, end: r.end + offset } satisfies FootnoteRef);
    }
    for (const d of result.directives) {
      lines ??= new LineIndex(doc);
      const line = lines.lineOf(d.nodeStart + offset) + d.lineDelta;
      out.directives.push({ kind: d.kind, rules: [...d.rules], line, endLine: line + d.lineSpan });
    }
  }
  out.footnoteRefs.sort((a, b) => a.start - b.start);

  const yaml = pieces[0]?.result.yaml;
  if (yaml !== undefined) {
    const date = draftDateFromYaml(yaml);
    if (date !== undefined) out.draftDate = date;
  }
  return out;
}
