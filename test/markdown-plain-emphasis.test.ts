// Simple emphasis in the plain-paragraph shortcut (server/src/engine/markdown/plain-emphasis.ts):
// `**words**` and `*words*` in paragraphs and list item lines are masked by the shortcut, and every
// document must parse to the same blocks, references and directives with it as without it. The
// random documents mix taken emphasis with its tricky neighbours: `_`, intraword and spaced runs,
// `***`, unbalanced runs, emphasis around links and code, and the blocks around paragraphs.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseMarkdown } from '../server/src/engine/markdown/parse.js';
import { compressPlain } from '../server/src/engine/markdown/plain.js';
import { emphasisEnd } from '../server/src/engine/markdown/plain-emphasis.js';
import { expectSameAsParser, expectSameInPieces, strip } from './helpers/shortcut-parse.js';


const TAKEN = [
  '**Also**:', '**Key figure**:', '**Valuation:**', '*By Ines Moreau in Dublin*', '**$50bn**', '*em*', '**"quoted"**',
  '**café**', '*(note)*', '**Update**', '**a**,', '*b*.', '**16,000 roles**)', '*Reuters*;', '**x**?', '**Läufer**',
];
const TRICKY = [
  '***both***', '**a*', '*a**', 'a**b**', '**b**c', '__under__', '_em_', 'snake_case_word', '** spaced**', '**spaced **',
  '*\u00a0nbsp*', '*nbsp\u00a0*', '**a**b**c**', '* item', '**', '*', '**[link](https://e.com)**', '**`code`**', '**a_b**',
  '**a:**b', '**a.**,', '*é*', '**😀**', '\\*escaped*', '~~a~~', '**(a)**x', '*a*b', 'x*a*', '**a***', '*a**b*', '**a*b**',
  '**a** **b**', '*a* **b**', '**a *b* c**', '*a **b** c*', '**“curly”**', '**a’**s', '**a**’s', '*—*', '**a|b**', '**a<b**',
  '**&amp;**', '*a*[b](https://e.com)', '[b](https://e.com)*a*', '**[^1]**', '<b>**x**</b>',
];
const WORDS = ['Amazon', 'invested', '$50bn', 'in', 'OpenAI', '16,000', '2.1%', '(', ')', ':', '[Reuters](https://e.com/1)', 'said'];
const WORD_GAP = [' ', ' ', ' ', ' ', '  ', '\t', '\n', '\r\n', '  \n'];

const words = fc
  .array(
    fc.tuple(
      fc.oneof({ arbitrary: fc.constantFrom(...WORDS), weight: 8 }, { arbitrary: fc.constantFrom(...TAKEN), weight: 4 }, { arbitrary: fc.constantFrom(...TRICKY), weight: 1 }),
      fc.constantFrom(...WORD_GAP),
    ),
    { minLength: 1, maxLength: 20 },
  )
  .map((parts) => parts.map(([w, g]) => w + g).join('').trimEnd());

/** A paragraph, usually long enough for the shortcut, often opening with emphasis. */
const paragraph = fc
  .tuple(fc.constantFrom('', '', '**Also**: ', '*By Ines Moreau in Dublin* ', '*', '**', '***', '_', 'x '), words)
  .map(([head, w]) => head + 'Amazon is in talks to invest as much as $50 billion in OpenAI, people said ' + w);

const MARKER = ['- ', '- ', '* ', '+ ', '1. ', '2. ', '-  ', '  - ', '> - ', '> ', '- [ ] ', '', '', '   ', '[^1]: ', '    '];
const ITEM_TEXT = fc.oneof(
  { arbitrary: fc.tuple(fc.constantFrom(...TAKEN, '**Context**: ', '*Note* '), words).map(([h, w]) => h + 'Net profit fell 12 per cent to $447 million, ' + w), weight: 6 },
  { arbitrary: fc.tuple(fc.constantFrom(...TRICKY), words).map(([h, w]) => h + ' Revenue rose 5% to $20.4 billion ' + w), weight: 2 },
  { arbitrary: fc.constantFrom('**Key figure, again**: $5bn in 2026', '**Layoffs:** 16,000 roles in 2026', '** **: empty label here', '*Valuation*: $830 billion today'), weight: 1 },
);
const LINE_END = ['\n', '\n', '\r\n', '\r'];
const listRun = fc
  .array(fc.tuple(fc.constantFrom(...MARKER), ITEM_TEXT, fc.constantFrom(...LINE_END)), { minLength: 1, maxLength: 8 })
  .map((lines) => lines.map(([m, t, e]) => m + t + e).join(''));

const OTHER = [
  '# OpenAI talks', '## **Bold** heading', 'Heading\n=======', 'Heading\n---', '**Setext** heading with $5bn in it and more words to be long enough\n===',
  '> Quoted: **Amazon** may invest $50bn in OpenAI, sources told the paper on Thursday morning.',
  '| Investor | **Amount** |\n| --- | ---: |\n| Amazon | *$50bn* |', '```\ncode that stays open', '```js\nconst x = 40;\n```', '~~~\nfenced with tildes',
  '<!-- an HTML comment that runs on', 'and closes here -->', '<!-- factlint-disable -->', '<div>\nraw html block\n</div>',
  '[^1]: A footnote definition with $20bn in it.', '[ref]: https://example.com/ref "Title"', '    indented code with $1bn', '---', '***', '* * *', '**',
  '*   *   *', 'Lazy continuation line after an item, with **strong** text in it and $5bn of money',
];
const GAP = ['\n\n', '\r\n\r\n', '\n \t\n', '\n'];
const FRONT = ['', '---\ntitle: x\ndate: 2026-01-15\n---\n\n'];

const emphasisDoc = fc
  .tuple(fc.constantFrom(...FRONT), fc.array(fc.tuple(fc.oneof(paragraph, paragraph, listRun, listRun, fc.constantFrom(...OTHER)), fc.constantFrom(...GAP)), { minLength: 1, maxLength: 10 }))
  .map(([front, parts]) => front + parts.map(([p, g]) => p + g).join(''));

/** Segments of the shortcut that hold emphasis (a `*` inside their source). */
const takenEmphasis = (d: string) => compressPlain(d, 0, d.length, 0).segments.filter((s) => d.slice(s.start, s.end).includes('*')).length;

describe('simple emphasis in the shortcut', () => {
  it('takes runs whose reading is certain', () => {
    for (const [line, marks] of [
      ['**Also**: text', [0, 2, 6, 8]],
      ['*By X in Y*', [0, 1, 10, 11]],
      ['**Valuation:** $5bn', [0, 2, 12, 14]],
      ['**$50bn**.', [0, 2, 7, 9]],
    ] as const) {
      const m: number[] = [];
      expect(emphasisEnd(line, 0, 0, line.length, m), line).toBe(marks[3]);
      expect(m).toEqual(marks);
    }
  });

  it('leaves doubtful runs to the parser', () => {
    for (const line of ['***a***', '**a*', '*a**', '** a**', '**a **', '**a**b', '**a:**b', '**a.**,', '*a\u00a0*', '**a_b**', '**a`b`**', '**[a](b)**', '**a**']) {
      const at = line.indexOf('*');
      expect(emphasisEnd(line, at, 0, line.length, []) === line.length && line === '**a**', line).toBe(line === '**a**');
    }
    expect(emphasisEnd('x**a**', 1, 0, 6, [])).toBe(-1);
  });

  it('takes paragraphs and items with emphasis: markers masked, lead-in from the strong text', () => {
    const d = '**Also**: Amazon may invest $50 billion in OpenAI, people familiar with it said on *Thursday*.\n\n- **Key figure, again**: Net profit fell 12 per cent to $447 million.\n';
    const c = compressPlain(d, 0, d.length, 0);
    expect(c.text).toBe('x\n\n- x\n');
    const r = parseMarkdown(d);
    expect(r).toEqual(strip(d));
    expect(r.blocks[0].text.startsWith('  Also  : Amazon')).toBe(true);
    expect(r.blocks[1].leadIn).toBe('Key figure, again');
  });

  it('gives the same result as the parser on random documents with emphasis', () => {
    let taken = 0;
    fc.assert(
      fc.property(emphasisDoc, (d) => {
        taken += takenEmphasis(d);
        expectSameAsParser(d);
      }),
      { numRuns: 3000, seed: 20261125 },
    );
    // The property is about the shortcut: it must have been taken often enough to be tested.
    expect(taken).toBeGreaterThan(1500);
  });

  it('gives the same result on long documents parsed in pieces', () => {
    fc.assert(
      fc.property(fc.array(emphasisDoc, { minLength: 5, maxLength: 15 }), (docs) => expectSameInPieces(docs)),
      { numRuns: 150, seed: 11 },
    );
  });

  it('leaves a piece to the parser when its source has more emphasis markers than the parser takes', () => {
    // 800 runs are 3,200 `*` in one paragraph: the parser turns emphasis off for the piece, also
    // in the other paragraph, which the placeholder must not hide.
    const many = Array(800).fill('**a**').join(' ');
    for (const d of [
      `Amazon may invest $50 billion in OpenAI, people said. ${many}\n\nOther *em* text.\n`,
      `- Amazon may invest $50 billion in OpenAI, people said. ${many}\n${Array(1500).fill('*b*').join(' ')}\n\nOther *em* text.\n`,
    ]) {
      expect(takenEmphasis(d)).toBeGreaterThan(0);
      expect(parseMarkdown(d)).toEqual(strip(d));
    }
  });
});
