// Block quotes of plain text in the shortcut (server/src/engine/markdown/plain-quotes.ts): handed
// to the parser as `> x` lines, their paragraph built from the source. Every document must parse
// to the same blocks, references and directives with the shortcut as without it. The random quotes
// mix taken lines with their tricky neighbours: nested quotes, lists and headings in quotes, `>`
// without a space or with a tab, lazy continuation lines, setext underlines, trailing white space,
// emphasis and links, quotes in lists and fences.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseMarkdown } from '../server/src/engine/markdown/parse.js';
import { compressPlain } from '../server/src/engine/markdown/plain.js';
import { expectSameAsParser, expectSameInPieces, strip } from './helpers/shortcut-parse.js';


const TEXT = [
  '"It is a very large number for a company that is not yet profitable," said Priya Raman, an analyst.',
  '"A $74 billion cheque changes the picture."',
  'Amazon may invest **$50bn** in OpenAI, says [Reuters](https://e.com/1), on *Thursday*.',
  'See https://example.com/x or mail@example.com about 16,000 roles.',
  'a',
  '— said the analyst, café 😀 at 2.1%',
];
const TRICKY = [
  '> nested quote with $5bn', '- list in a quote', '# heading in a quote', '1. ordered', '---', '===', '```', '<b>html</b>', '[^1]: note',
  '`code`', '_under_', '**a*', '[ref]', '&amp;', '\\*', '    indented code', '[ ] box', '* * *',
];
const PREFIX = ['> ', '> ', '> ', '> ', '> ', '> ', '>', '>  ', '>\t', ' > ', '', '   > '];
const END = ['', '', '', '', ' ', '  ', '\t'];
const LINE_END = ['\n', '\n', '\r\n', '\r'];

const quote = fc
  .array(
    fc.tuple(
      fc.constantFrom(...PREFIX),
      fc.oneof({ arbitrary: fc.constantFrom(...TEXT), weight: 8 }, { arbitrary: fc.constantFrom(...TRICKY), weight: 1 }),
      fc.constantFrom(...END),
      fc.constantFrom(...LINE_END),
    ),
    { minLength: 1, maxLength: 5 },
  )
  .chain((lines) =>
    fc.boolean().map((clean) =>
      // Half the quotes are clean: every line `> ` and text (the shortcut takes them).
      lines.map(([p, t, e, br], i) => (clean ? `> ${TEXT.includes(t) ? t : TEXT[i % TEXT.length]}` : p + t + e) + (i < lines.length - 1 ? br : '')).join(''),
    ),
  );

const OTHER = [
  '# OpenAI talks', 'Amazon is in talks to invest as much as $50 billion in OpenAI, people said on Thursday.', '- item one with $40bn\n- item two',
  '```\ncode that stays open', '~~~\nfenced with tildes', '<!-- an HTML comment that runs on', 'and closes here -->', '<div>\nraw html block',
  '[^1]: A footnote definition with $20bn in it.', '    indented code with $1bn', '---', '===', 'Lazy line after a quote', '| a | b |\n| - | - |\n| c | d |',
];
const WRAP = [(q: string) => q, (q: string) => q, (q: string) => q, (q: string) => `- ${q.replace(/(\r\n|\r|\n)/g, '$1  ')}`, (q: string) => `Paragraph line\n${q}`, (q: string) => `${q}\nlazy continuation line`, (q: string) => `${q}\n---`];
const GAP = ['\n\n', '\r\n\r\n', '\n \t\n', '\n'];

const quoteDoc = fc
  .tuple(
    fc.constantFrom('', '---\ntitle: x\n---\n\n'),
    fc.array(fc.tuple(fc.oneof(quote, quote, fc.tuple(quote, fc.constantFrom(...WRAP)).map(([q, w]) => w(q)), fc.constantFrom(...OTHER)), fc.constantFrom(...GAP)), { minLength: 1, maxLength: 10 }),
  )
  .map(([front, parts]) => front + parts.map(([p, g]) => p + g).join(''));

const takenQuotes = (d: string) => compressPlain(d, 0, d.length, 0).segments.filter((s) => s.quote).length;

describe('plain block quotes in the shortcut', () => {
  it('takes a quote of plain text: `> x` lines, the paragraph built from the source', () => {
    const d = `Intro.\n\n> ${TEXT[0]}\n> ${TEXT[2]}\n\nAfter.\n`;
    expect(compressPlain(d, 0, d.length, 0).text).toBe('Intro.\n\n> x\n> x\n\nAfter.\n');
    const r = parseMarkdown(d);
    expect(r).toEqual(strip(d));
    expect(r.blocks[1]).toMatchObject({ kind: 'paragraph', inQuote: true, start: d.indexOf('"It') });
  });

  it('leaves quotes that could hold other blocks, or continue lazily, to the parser', () => {
    for (const q of ['> - item with $5bn in it and more words to be long enough', '> > nested with $5bn in it and more words to be long enough', `>${TEXT[0]}`, `> ${TEXT[0]}\nlazy`, `> ${TEXT[0]} `]) {
      expect(takenQuotes(q), q).toBe(0);
      expect(parseMarkdown(q)).toEqual(strip(q));
    }
  });

  it('gives the same result as the parser on random documents with quotes', () => {
    let taken = 0;
    fc.assert(
      fc.property(quoteDoc, (d) => {
        taken += takenQuotes(d);
        expectSameAsParser(d);
      }),
      { numRuns: 3000, seed: 20261127 },
    );
    // The property is about the shortcut: it must have been taken often enough to be tested.
    expect(taken).toBeGreaterThan(1000);
  });

  it('gives the same result on long documents parsed in pieces', () => {
    fc.assert(
      fc.property(fc.array(quoteDoc, { minLength: 5, maxLength: 15 }), (docs) => expectSameInPieces(docs)),
      { numRuns: 150, seed: 17 },
    );
  });
});
