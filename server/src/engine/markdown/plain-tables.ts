// Pipe tables of plain cells, for the plain-paragraph shortcut (plain.ts). GFM tables are about a
// tenth of a news draft's bytes, and micromark reads every cell character by character. A table
// after a blank line whose every row is `| cell | cell |` (a pipe at the start and at the very end
// of the line), with a delimiter row and body rows of as many cells as the header, and cells of
// plain text only (no markup character at all: no `\|`, code span, emphasis, link, HTML or
// reference), is handed to the parser as `|x|x|` rows (the delimiter row as `|-|-|`, same line
// breaks), and its cell blocks are built here as collectBlocks builds them: a cell's block spans
// its leading pipe up to the next one (the last cell's takes the closing pipe too), its text is
// the cell's content with the pipes and the white space around it blanked, and it is labelled by
// its row's first cell and its column's header cell. Whether the placeholder really is a table at
// the top level is still the parser's call (plain.ts, expandResult).
import type { ChunkBlock } from './blocks.js';
import { maskInlineNoise } from './mask.js';
import { isTextChar } from './plain-links.js';

/** A table taken: per row, per cell [start, end, contentStart, contentEnd) (source offsets). */
export interface PlainTable {
  rows: number[][];
}

/** Longest row taken. */
const MAX_ROW = 4000;

/** Pipe positions of the row src[a, b) if it is `|...|` and its cells hold no markup; undefined if not. */
function pipesOf(src: string, a: number, b: number, delimiter: boolean): number[] | undefined {
  if (b - a < 3 || b - a > MAX_ROW || src.charCodeAt(a) !== 124 || src.charCodeAt(b - 1) !== 124) return undefined;
  const pipes = [a];
  for (let k = a + 1; k < b; k++) {
    const c = src.charCodeAt(k);
    if (c === 124) pipes.push(k);
    else if (delimiter ? c !== 45 && c !== 58 && c !== 32 && c !== 9 : !isTextChar(c)) return undefined;
  }
  return pipes;
}

/** Content [start, end) of the cell between pipes p and q, trimmed of spaces and tabs; undefined if empty. */
function contentOf(src: string, p: number, q: number): [number, number] | undefined {
  let s = p + 1;
  let e = q;
  while (s < e && (src.charCodeAt(s) === 32 || src.charCodeAt(s) === 9)) s++;
  while (e > s && (src.charCodeAt(e - 1) === 32 || src.charCodeAt(e - 1) === 9)) e--;
  return e > s ? [s, e] : undefined;
}

const DELIMITER_CELL = /^[ \t]*:?-+:?[ \t]*$/;

/**
 * The lines (a run of non-blank lines, [start, end) each) as a plain table, and its placeholder
 * rows (to be joined by the lines' own breaks); undefined if they are not one.
 */
export function plainTable(src: string, lines: readonly [number, number][]): { table: PlainTable; rows: string[] } | undefined {
  if (lines.length < 2) return undefined;
  const rows: number[][] = [];
  const placeholders: string[] = [];
  let cells = -1;
  for (let j = 0; j < lines.length; j++) {
    const [a, b] = lines[j];
    const pipes = pipesOf(src, a, b, j === 1);
    if (!pipes) return undefined;
    const n = pipes.length - 1;
    if (cells < 0) cells = n;
    if (n !== cells) return undefined;
    if (j === 1) {
      for (let c = 0; c < n; c++) if (!DELIMITER_CELL.test(src.slice(pipes[c] + 1, pipes[c + 1]))) return undefined;
      placeholders.push('|-'.repeat(n) + '|');
      continue;
    }
    const row: number[] = [];
    for (let c = 0; c < n; c++) {
      const content = contentOf(src, pipes[c], pipes[c + 1]);
      if (!content) return undefined;
      row.push(pipes[c], c === n - 1 ? b : pipes[c + 1], content[0], content[1]);
    }
    rows.push(row);
    placeholders.push('|x'.repeat(n) + '|');
  }
  return { table: { rows }, rows: placeholders };
}

/** Cells in the table. */
export function cellCount(table: PlainTable): number {
  return table.rows.length * (table.rows[0].length / 4);
}

/** The cell blocks the parser makes of the table, row by row. */
export function tableBlocks(src: string, table: PlainTable): ChunkBlock[] {
  const label = (row: number[], c: number) => src.slice(row[4 * c + 2], row[4 * c + 3]).replace(/\s+/g, ' ').trim();
  const header = table.rows[0];
  const blocks: ChunkBlock[] = [];
  table.rows.forEach((row, r) => {
    const rowLabel = label(row, 0);
    for (let i = 0; i < row.length; i += 4) {
      const [start, end, a, b] = [row[i], row[i + 1], row[i + 2], row[i + 3]];
      const text = ' '.repeat(a - start) + src.slice(a, b) + ' '.repeat(end - b);
      const table = { rowLabel, columnHeader: label(header, i / 4), row: r, column: i / 4, isHeader: r === 0 };
      blocks.push({ kind: 'table-cell', start, end, text: maskInlineNoise(text).text, inList: false, inQuote: false, table });
    }
  });
  return blocks;
}
