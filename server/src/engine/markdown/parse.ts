// Markdown text -> prose blocks, footnote references, directives and the draft's date.
// Pure: no file system, no editor. Never throws: whatever the parser cannot handle yields no
// blocks for that part of the document.
import type { Directive, FootnoteRef, ParsedMarkdown, ProseBlock } from '../types.js';
import { LineIndex } from '../text/positions.js';
import { collectBlocks, type ChunkResult } from './blocks.js';
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

/** Parses src[start, end) on its own; `open` when it ends inside a fenced code / HTML block. */
function parsePiece(
  doc: string,
  start: number,
  end: number,
  definitions: Map<string, string>,
): { result: ChunkResult; open: boolean } {
  const body = start === 0 && end === doc.length ? doc : doc.slice(start, end);
  const src = body + definitionSuffix(body, definitions);
  try {
    const { tree, replacements } = parseSyntax(src);
    const open = end < doc.length && endsOpen(tree, src, body.length);
    return { result: collectBlocks(src, body.length, tree, replacements), open };
  } catch {
    return { result: EMPTY, open: false };
  }
}

function parsePieces(doc: string): Piece[] {
  const cuts = planCuts(doc);
  const definitions = cuts.length > 2 ? scanDefinitions(doc) : new Map<string, string>();
  const pieces: Piece[] = [];
  let i = 0;
  while (i < cuts.length - 1) {
    // A piece ending inside a fenced code or HTML block is re-parsed with the following
    // pieces, doubling how many until the block closes or the document ends.
    for (let step = 1; ; step *= 2) {
      const j = Math.min(i + step, cuts.length - 1);
      const { result, open } = parsePiece(doc, cuts[i], cuts[j], definitions);
      if (!open || j === cuts.length - 1) {
        pieces.push({ offset: cuts[i], result });
        i = j;
        break;
      }
    }
  }
  return pieces;
}

export function parseMarkdown(text: string): ParsedMarkdown {
  const doc = typeof text === 'string' ? text : String(text ?? '');
  const out: ParsedMarkdown = { blocks: [], footnoteRefs: [], directives: [] };
  let pieces: Piece[];
  try {
    pieces = parsePieces(doc);
  } catch {
    return out;
  }

  // Section path: top-level headings, outermost first. Blocks share the array until it changes.
  const sections: { depth: number; text: string }[] = [];
  let path: string[] = [];
  let lines: LineIndex | undefined;
  const directives: Directive[] = [];

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
      directives.push({ kind: d.kind, rules: [...d.rules], line, endLine: line + d.lineSpan });
    }
  }
  out.footnoteRefs.sort((a, b) => a.start - b.start);
  out.directives = directives;

  const yaml = pieces[0]?.result.yaml;
  if (yaml !== undefined) {
    const date = draftDateFromYaml(yaml);
    if (date !== undefined) out.draftDate = date;
  }
  return out;
}
