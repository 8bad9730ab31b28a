// Pipe tables of plain cells in the shortcut (server/src/engine/markdown/plain-tables.ts): handed
// to the parser as `|x|x|` rows, their cell blocks built from the source. Every document must parse
// to the same blocks, references and directives with the shortcut as without it. The random tables
// mix taken rows with their tricky neighbours: escaped pipes, code spans and emphasis in cells,
// rows without outer pipes, ragged rows, empty cells, tables in lists and quotes, a paragraph just
// before (lazy continuation), setext underlines, HTML and unclosed fences.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseMarkdown } from '../server/src/engine/markdown/parse.js';
import { compressPlain } from '../server/src/engine/markdown/plain.js';
import { expectSameAsParser, expectSameInPieces, strip } from './helpers/shortcut-parse.js';


const CELL = [
  ' Quarter ', ' Revenue ', ' $713 million ', ' 16.9% ', ' 1,400 ', 'Q1 2024', '  493 million dollars  ', '\tTab\t', ' a ', ' -- ', ' --- ',
  ' https://example.com/a ', ' mail@example.com ', ' 😀 café ', ' x: y ', ' (note) ', ' #1 ', ' 2. ', ' > ', ' + ', ' \u00a0nbsp\u00a0 ', ' = ', ' $5bn, up 3% ',
];
const TRICKY_CELL = [
  ' a \\| b ', ' `code | pipe` ', ' **bold** ', ' *em* ', ' _u_ ', ' [link](https://e.com) ', ' [^1] ', ' <b>x</b> ', ' &amp; ', ' ', '', ' ~~x~~ ',
  ' a\\b ', ' \\$5bn ', ' a\\-b ', ' <!-- c --> ', ' ![i](https://e.com/i.png) ', ' [ref] ',
];
const cell = fc.oneof({ arbitrary: fc.constantFrom(...CELL), weight: 12 }, { arbitrary: fc.constantFrom(...TRICKY_CELL), weight: 2 });
const DELIM = ['---', ' --- ', ':---', '---:', ' :--: ', '-', ' - '];
const BAD_DELIM = ['', ' ', '==', ' -:- ', '-- -'];

const table = fc
  .tuple(
    fc.integer({ min: 1, max: 5 }),
    fc.integer({ min: 0, max: 6 }),
    fc.array(cell, { minLength: 40, maxLength: 40 }),
    fc.array(fc.oneof({ arbitrary: fc.constantFrom(...DELIM), weight: 20 }, { arbitrary: fc.constantFrom(...BAD_DELIM), weight: 1 }), { minLength: 5, maxLength: 5 }),
    fc.array(fc.constantFrom('', '', '', '', '', '', '', '', '', '', '', 'ragged', 'noOuter', 'trailingSpace', 'noClose'), { minLength: 8, maxLength: 8 }),
    fc.constantFrom('\n', '\n', '\r\n', '\r'),
    fc.constantFrom('clean', 'one', 'one', 'wild'),
    fc.nat(),
    fc.constantFrom(...TRICKY_CELL),
  )
  .map(([cols, body, cells0, delims0, quirks0, eol, mode, spot, tricky]) => {
    // Most tables are clean (the shortcut takes them) or clean but for one tricky cell; the rest
    // have a tricky spot here and there.
    const clean = mode !== 'wild';
    const cells = clean ? cells0.map((c) => (TRICKY_CELL.includes(c) ? ' ok ' : c)) : cells0;
    if (mode === 'one') cells[spot % (cols * (body + 1))] = tricky;
    const delims = clean ? delims0.map((c) => (BAD_DELIM.includes(c) ? '---' : c)) : delims0;
    const quirks = clean ? quirks0.map(() => '') : quirks0;
    let at = 0;
    const row = (n: number, quirk: string) => {
      const cs = Array.from({ length: quirk === 'ragged' ? n + 1 : n }, () => cells[at++ % cells.length]);
      const inner = cs.join('|');
      if (quirk === 'noOuter') return inner;
      if (quirk === 'noClose') return '|' + inner;
      return '|' + inner + '|' + (quirk === 'trailingSpace' ? ' ' : '');
    };
    const lines = [row(cols, quirks[0]), '|' + delims.slice(0, cols).join('|') + (quirks[1] === 'ragged' ? '|---' : '') + '|'];
    for (let r = 0; r < body; r++) lines.push(row(cols, quirks[2 + (r % 6)]));
    return lines.join(eol);
  });

const PLAIN = 'Amazon is in talks to invest as much as $50 billion in OpenAI, people familiar with the matter said on Thursday.';
const OTHER = [
  '# OpenAI talks', PLAIN, '- item one with $40bn\n- item two', '> Quoted: Amazon may invest $50bn in OpenAI, sources told the paper on Thursday.',
  '```\ncode that stays open', '```js\nconst x = 40;\n```', '~~~\nfenced with tildes', '<!-- an HTML comment that runs on', 'and closes here -->',
  '<div>\nraw html block', '[^1]: A footnote definition with $20bn in it.', '[ref]: https://example.com/ref "Title"', '    indented code with $1bn', '---',
  'Heading\n===', '===', '---', 'A paragraph line right before', '<!-- factlint-disable -->',
];
/** Where a table goes: alone, in a list or quote, after a paragraph line, or indented. */
const WRAP = [(t: string) => t, (t: string) => t, (t: string) => t, (t: string) => `- ${t.replace(/(\r\n|\r|\n)/g, '$1  ')}`, (t: string) => `> ${t.replace(/(\r\n|\r|\n)/g, '$1> ')}`, (t: string) => `Lead-in line\n${t}`, (t: string) => `   ${t}`, (t: string) => `${t}\n---`, (t: string) => `${t}\nlazy line after the table`, (t: string) => `[^1]: note\n\n    ${t.replace(/(\r\n|\r|\n)/g, '$1    ')}`];
const GAP = ['\n\n', '\r\n\r\n', '\n \t\n', '\n'];

const tableDoc = fc
  .tuple(
    fc.constantFrom('', '---\ntitle: x\n---\n\n'),
    fc.array(fc.tuple(fc.oneof(fc.tuple(table, fc.constantFrom(...WRAP)).map(([t, w]) => w(t)), table, fc.constantFrom(...OTHER)), fc.constantFrom(...GAP)), { minLength: 1, maxLength: 10 }),
  )
  .map(([front, parts]) => front + parts.map(([p, g]) => p + g).join(''));

const takenTables = (d: string) => compressPlain(d, 0, d.length, 0).segments.filter((s) => s.table).length;

describe('plain tables in the shortcut', () => {
  it('takes a table of plain cells: `|x|x|` rows, the cells built from the source', () => {
    const d = 'Intro.\n\n| Quarter | Revenue  |\n| --- | ---: |\n|Q1 2024 |  $713 million|\n| Q2 | 16.9% |\n\nAfter.\n';
    expect(compressPlain(d, 0, d.length, 0).text).toBe('Intro.\n\n|x|x|\n|-|-|\n|x|x|\n|x|x|\n\nAfter.\n');
    const r = parseMarkdown(d);
    expect(r).toEqual(strip(d));
    expect(r.blocks[3]).toMatchObject({ kind: 'table-cell', text: ' Q1 2024 ', table: { rowLabel: 'Q1 2024', columnHeader: 'Quarter', row: 1, column: 0, isHeader: false } });
  });

  it('leaves tables with markup, ragged rows or no outer pipes to the parser', () => {
    for (const row of ['| a \\| b | c |', '| `a` | c |', '| **a** | c |', '| a | c | d |', 'a | c', '| a | c', '| a | c | ', '|  | c |']) {
      const d = `| Quarter | Revenue |\n| --- | --- |\n${row}\n| Q2 2024 | $344 million |\n`;
      expect(takenTables(d), row).toBe(0);
      expect(parseMarkdown(d)).toEqual(strip(d));
    }
  });

  it('gives the same result as the parser on random documents with tables', () => {
    let taken = 0;
    fc.assert(
      fc.property(tableDoc, (d) => {
        taken += takenTables(d);
        expectSameAsParser(d);
      }),
      { numRuns: 3000, seed: 20261126 },
    );
    // The property is about the shortcut: it must have been taken often enough to be tested.
    expect(taken).toBeGreaterThan(300);
  });

  it('gives the same result on long documents parsed in pieces', () => {
    fc.assert(
      fc.property(fc.array(tableDoc, { minLength: 5, maxLength: 15 }), (docs) => expectSameInPieces(docs)),
      { numRuns: 150, seed: 13 },
    );
  });
});
