// The plain-paragraph shortcut (server/src/engine/markdown/plain.ts) must change nothing: every
// document parses to the same blocks, references and directives with it as without it.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseMarkdown } from '../server/src/engine/markdown/parse.js';
import { compressPlain } from '../server/src/engine/markdown/plain.js';
import { MAX_LINKS } from '../server/src/engine/markdown/plain-links.js';
import { itemTextStart } from '../server/src/engine/markdown/plain-items.js';
import { clearPieceCache } from '../server/src/engine/markdown/cache.js';
import { expectSameAsParser, expectSameInPieces, strip } from './helpers/shortcut-parse.js';

const PLAIN = [
  'Amazon is in talks to invest as much as $50 billion in OpenAI, people familiar with the matter said on Thursday.',
  'The round could value OpenAI at about $830 billion,\nwhich would make it one of the most valuable private companies.',
  'Talks were reported on 29 January 2026 and 30 January 2026. \t\n\tSoftBank may add up to $30bn; Nvidia $30bn.',
  'Line one of a paragraph written with Windows line endings, at $40bn.\r\nLine two: 16,000 roles, 2.1%.\r\n    Line three.',
  'Emoji 🚀 and accents: café, naïve — the figure was $50 billion (not $40 billion), or 50 billion dollars!',
  'A short one.',
  'Text that looks like a closer but is prose: end of the comment -- and a question? Yes. Then 2026-01-29 at 9:30.',
  'Trailing spaces make a hard break here  \nand the paragraph goes on with $10bn of commitments in 2026 and beyond.',
  'See https://example.com/story/2026/01/29 for the report, or write to desk@example.com about $50bn.',
  // U+2028 and U+2029 are not line ends in Markdown (the fuzzer found the shortcut taking them for ones).
  'A line separator \t\u2028 inside a paragraph, then a paragraph separator \u2029 \t and $50bn after them.',
  'Lone carriage returns \t\rsplit these lines \r\t  like old Macs did, around $40 billion of talks.',
];

const OTHER = [
  '# OpenAI talks',
  'Heading\n=======',
  '- item one with $40bn\n- item two',
  '1. first\n2. second',
  '> Quoted: Amazon may invest $50bn in OpenAI, sources told the paper on Thursday morning.',
  '| Investor | Amount |\n| --- | ---: |\n| Amazon | $50bn |',
  '```\ncode that stays open',
  '```js\nconst x = 40;\n```',
  '~~~\nfenced with tildes',
  '<!-- an HTML comment that runs on',
  'and closes here -->',
  '<!-- factlint-disable-next-line wrong-value -->',
  '<!-- factlint-disable -->',
  '<!-- factlint-enable -->',
  '<div>\nraw html block\n</div>',
  '<pre>\npre block open',
  '</pre>',
  '[^note]: A footnote definition with $20bn in it.',
  '[ref]: https://example.com/ref "Title"',
  'Text with a [link](https://example.com) and **bold** and `code` and a call[^note].',
  '    indented code with $1bn',
  '---',
  '***',
  '   Indented by three: still a paragraph about $8bn that is long enough for the shortcut to see.',
  '\tTab-indented: code.',
];

const FRONT = ['', '---\ntitle: x\n\ndate: 2026-01-15\n---\n\n', '---\ntitle: Amazon and OpenAI deal talks, with a long enough title line\n---\n'];
const GAP = ['\n\n', '\r\n\r\n', '\n \t\n', '\n\n\n', '\n'];

const doc = fc
  .tuple(
    fc.constantFrom(...FRONT),
    fc.array(fc.tuple(fc.oneof(fc.constantFrom(...PLAIN), fc.constantFrom(...OTHER)), fc.constantFrom(...GAP)), { maxLength: 14 }),
  )
  .map(([front, parts]) => front + parts.map(([p, g]) => p + g).join(''));


describe('the plain-paragraph shortcut', () => {
  it('is taken: plain paragraphs become placeholders, the rest stays', () => {
    const d = `# Title\n\n${PLAIN[0]}\n\n- list\n\n${PLAIN[1]}\n`;
    const c = compressPlain(d, 0, d.length, 0);
    expect(c.segments.map((s) => d.slice(s.start, s.end))).toEqual([PLAIN[0], PLAIN[1]]);
    expect(c.text).toBe('# Title\n\nx\n\n- list\n\nx\nx\n');
  });

  it('gives the same result as the parser on random documents', () => {
    fc.assert(
      fc.property(doc, (d) => {
        const expected = strip(d);
        clearPieceCache();
        expect(parseMarkdown(d)).toEqual(expected);
        expect(parseMarkdown(d, { whole: true })).toEqual(expected);
      }),
      { numRuns: 1500 },
    );
  });

  it('gives the same result on long documents parsed in pieces', () => {
    fc.assert(
      fc.property(fc.array(doc, { minLength: 20, maxLength: 40 }), (docs) => {
        const d = docs.join('\n\n');
        expectSameAsParser(d);
      }),
      { numRuns: 60 },
    );
  });

  it('leaves a plain paragraph inside an open fence, HTML comment or front matter to the parser', () => {
    const p = PLAIN[0];
    for (const d of [`\`\`\`\n\n${p}\n\n\`\`\`\n`, `<!-- note\n\n${p}\n\nend -->\n\n${p}`, `---\ntitle: x\n\n${p}\n---\n\nBody.`]) {
      const r = parseMarkdown(d);
      expect(r).toEqual(strip(d));
      expect(r.blocks.filter((b) => b.text.includes('Amazon is in talks')).length).toBeLessThanOrEqual(1);
    }
    const inFence = parseMarkdown(`\`\`\`\n\n${p}\n\n\`\`\`\n`);
    expect(inFence.blocks).toEqual([]);
  });
});

// Paragraphs with inline markup: the shortcut takes those whose only markup is simple links
// (plain-links.ts) and must build exactly the parser's block for them; everything else (images,
// footnote calls, titles, nested brackets, emphasis, code, references, escapes, HTML ...) must be
// left to the parser.
const SIMPLE = [
  '[Reuters](https://example.com/news/96799)',
  '([the Financial Times](https://example.com/news/96799))',
  '[a company filing](http://example.org/a_b/c-d.html?x=1&y=2#top)',
  '[a company filing](http://example.org/a_b/c-d.html?x=1;y=2#top)',
  '[ spaced text ](https://e.com/x)',
  '[$50 billion](https://e.com/$50bn)',
  '[x](y)',
  '[link](https://e.com)[next](https://e.com/2)',
  '[link](https://e.com)(not a link)',
  '$50bn',
  '16,000',
  '2.1%',
  'Amazon',
  'invested',
  'in',
  'OpenAI',
  '!',
  '(',
  ')',
  'mail@example.com',
  'https://example.com/story',
];
const TRICKY = [
  '[https://example.com/in-text](https://e.com)',
  '[see [^1]](https://e.com)',
  '[^1]',
  '[^note](https://e.com)',
  '![an image](https://e.com/i.png)',
  '[titled](https://e.com "Title")',
  '[angle](<https://e.com>)',
  '[parens](https://e.com/a(b))',
  '[empty]()',
  '[]( https://e.com)',
  '[spaced]( https://e.com )',
  '[outer [inner](https://e.com)](https://e.org)',
  '[ref]',
  '[text][ref]',
  '[ref][]',
  '[a]',
  ']',
  '[',
  '[multi\nline](https://e.com)',
  '*em*',
  '**strong**',
  '_under_',
  '~~gone~~',
  '`code`',
  '`[a](b)`',
  '&amp;',
  '&#36;5',
  '\\[not](link)',
  '<span>',
  '<https://e.com>',
  '<!-- factlint-disable -->',
  '|',
  'https://example.com/story_(1)',
];
const WORD_GAP = [' ', ' ', ' ', '  ', '\t', '\n', '\r\n', '  \n', ' \t\n  '];
const DEFINITIONS = ['', '[ref]: https://example.com/ref\n\n', '[a]: https://example.com/a "A"\n\n[^1]: A note about $5bn.\n\n'];

const inlineParagraph = fc
  .array(fc.tuple(fc.oneof({ arbitrary: fc.constantFrom(...SIMPLE), weight: 12 }, { arbitrary: fc.constantFrom(...TRICKY), weight: 1 }), fc.constantFrom(...WORD_GAP)), { minLength: 1, maxLength: 24 })
  .map((parts) => 'Amazon is in talks to invest as much as $50 billion in OpenAI, people said ' + parts.map(([w, g]) => w + g).join('').trimEnd());

const inlineDoc = fc
  .tuple(
    fc.constantFrom(...DEFINITIONS),
    fc.array(fc.tuple(fc.oneof(inlineParagraph, inlineParagraph, fc.constantFrom(...PLAIN), fc.constantFrom(...OTHER)), fc.constantFrom(...GAP)), { minLength: 1, maxLength: 8 }),
  )
  .map(([defs, parts]) => defs + parts.map(([p, g]) => p + g).join(''));

describe('the shortcut for paragraphs with simple links', () => {
  it('takes them: links masked, text kept', () => {
    const d = `Intro.\n\nAmazon may invest $50 billion in OpenAI, says ([Reuters](https://example.com/news/1)), and [more](https://e.com).\n`;
    const c = compressPlain(d, 0, d.length, 0);
    expect(c.segments.length).toBe(1);
    expect(c.text).toBe('Intro.\n\nx\n');
    const r = parseMarkdown(d);
    const blanks = (s: string) => ' '.repeat(s.length);
    expect(r.blocks[1].text).toBe(`Amazon may invest $50 billion in OpenAI, says ( Reuters${blanks('](https://example.com/news/1)')}), and  more${blanks('](https://e.com)')}.`);
    expect(r).toEqual(strip(d));
  });

  it('leaves other inline markup to the parser', () => {
    for (const m of ['![img](https://e.com)', '[^1](https://e.com)', '[a](https://e.com "t")', '[a](<https://e.com>)', '[a](https://e.com/(b))', '[a][b]', '[a]', 'a*b*', '_a_', '`a`', '&amp;', '[a [b](https://e.com)](https://e.org)']) {
      const d = `Amazon may invest $50 billion in OpenAI, people familiar with it said, ${m} and more.\n`;
      expect(compressPlain(d, 0, d.length, 0).segments, m).toEqual([]);
    }
  });

  it('gives the same result as the parser on random paragraphs with inline markup', () => {
    let taken = 0;
    fc.assert(
      fc.property(inlineDoc, (d) => {
        taken += compressPlain(d, 0, d.length, 0).segments.filter((s) => s.marks).length;
        expectSameAsParser(d);
      }),
      { numRuns: 3000, seed: 20261123 },
    );
    // The property is about the shortcut: it must have been taken often enough to be tested.
    expect(taken).toBeGreaterThan(300);
  });

  it('gives the same result on longer documents', () => {
    fc.assert(
      fc.property(fc.array(inlineDoc, { minLength: 1, maxLength: 12 }), (docs) => expectSameInPieces(docs)),
      { numRuns: 300, seed: 5 },
    );
  });

  it('takes no more than MAX_LINKS links in a paragraph (the parser turns links off past a count of brackets)', () => {
    const link = '[a](https://e.com) ';
    for (const n of [MAX_LINKS, MAX_LINKS + 1, 1600]) {
      const d = `Amazon may invest $50 billion in OpenAI, people said. ${link.repeat(n)}\n`;
      expect(compressPlain(d, 0, d.length, 0).segments.length).toBe(n <= MAX_LINKS ? 1 : 0);
      expect(parseMarkdown(d)).toEqual(strip(d));
    }
  });

  it('leaves a placeholder inside an HTML comment to the parser (a directive reads its rules from the comment)', () => {
    const p = `${PLAIN[0]} ([Reuters](https://example.com/x))`;
    for (const d of [`<!-- factlint-disable\n\n${PLAIN[0]}\n\n-->\n\nText.`, `<!-- factlint-disable\n\n${p}\n\n-->\n`]) {
      const r = parseMarkdown(d);
      expect(r).toEqual(strip(d));
      expect(r.directives[0].rules).toContain('Amazon');
    }
  });
});

// List items of plain text (plain-items.ts): their text goes to the parser as `x`, the marker
// stays; the paragraphs the parser returns made only of such lines (an item's text and lines
// continuing it lazily) are built from the source.
const MARKER = ['- ', '- ', '* ', '+ ', '1. ', '1. ', '2. ', '4. ', '10) ', '123456789. ', '1234567890. ', '-  ', '-     ', '-\t', '  - ', '   2. ', '    - ', '> - ', '> ', '- [ ] ', '- [x] ', '- - ', '', '', '   ', '[^1]: ', '- # ', '2. > '];
const ITEM_TEXT = fc.oneof(
  { arbitrary: fc.array(fc.constantFrom(...SIMPLE), { minLength: 1, maxLength: 10 }).map((w) => 'Net profit fell 12 per cent to $447 million, ' + w.join(' ')), weight: 6 },
  { arbitrary: fc.constantFrom('Layoffs: 16,000 roles in 2026', 'Valuation: $830 billion', 'SoftBank, Nvidia: $30bn each', 'a', 'Short one.', 'Talks: see [Reuters](https://e.com/1) for $50bn', 'Lead in: text  ', 'Text with trailing tab\t'), weight: 2 },
  { arbitrary: fc.array(fc.constantFrom(...TRICKY), { minLength: 1, maxLength: 3 }).map((w) => 'Revenue rose 5% to $20.4 billion ' + w.join(' ')), weight: 1 },
);
const LINE_END = ['\n', '\n', '\r\n', '\r'];
const listRun = fc
  .array(fc.tuple(fc.constantFrom(...MARKER), ITEM_TEXT, fc.constantFrom(...LINE_END)), { minLength: 1, maxLength: 10 })
  .map((lines) => lines.map(([m, t, e]) => m + t + e).join(''));
const listDoc = fc
  .tuple(
    fc.constantFrom(...FRONT),
    fc.constantFrom(...DEFINITIONS),
    fc.array(fc.tuple(fc.oneof(listRun, listRun, inlineParagraph, fc.constantFrom(...PLAIN), fc.constantFrom(...OTHER)), fc.constantFrom(...GAP)), { minLength: 1, maxLength: 8 }),
  )
  .map(([front, defs, parts]) => front + defs + parts.map(([p, g]) => p + g).join(''));

describe('the shortcut for list items of plain text', () => {
  it('takes them: the marker stays, the text becomes x', () => {
    const d = '- Net profit fell 12 per cent to $447 million.\n2. Layoffs: 16,000 roles ([Reuters](https://e.com/1))\n- a\n> - quoted item with $5bn in it\n';
    const c = compressPlain(d, 0, d.length, 0);
    expect(c.text).toBe('- x\n2. x\n- a\n> - quoted item with $5bn in it\n');
    const r = parseMarkdown(d);
    expect(r).toEqual(strip(d));
    expect(r.blocks[0]).toMatchObject({ kind: 'paragraph', start: 2, end: d.indexOf('\n2.'), inList: true, text: 'Net profit fell 12 per cent to $447 million.' });
    expect(r.blocks[1]).toMatchObject({ start: d.indexOf('Layoffs'), end: d.indexOf('\n- a'), inList: true, leadIn: 'Layoffs' });
    expect(r.blocks[1].text).toBe(`Layoffs: 16,000 roles ( Reuters${' '.repeat('](https://e.com/1)'.length)})`);
  });

  it('leaves items that could open another block, or a checkbox, to the parser', () => {
    for (const line of ['- # Heading with $5bn in it', '- > quoted text with $5bn', '- - nested item with $5bn', '- 2. nested item with $5bn', '- [ ] task item with $5bn', '-  two spaces before $5bn', '-\ttab before the text $5bn', '  - indented item with $5bn', '- ends with a space $5bn ', '- _em_ item with $5bn in it', '- * em* item with $5bn in it']) {
      const marks: number[] = [];
      expect(itemTextStart(line, 0, line.length, marks), line).toBe(-1);
    }
  });

  it('gives the same result as the parser on random documents with lists', () => {
    let taken = 0;
    fc.assert(
      fc.property(listDoc, (d) => {
        taken += compressPlain(d, 0, d.length, 0).segments.filter((s) => s.item).length;
        expectSameAsParser(d);
      }),
      { numRuns: 3000, seed: 20261124 },
    );
    expect(taken).toBeGreaterThan(1000);
  });

  it('gives the same result on long documents with lists, parsed in pieces', () => {
    // Seeded and bounded: some random documents of these list shapes keep micromark itself busy
    // for many minutes (seen once, on the parse without the shortcut).
    fc.assert(
      fc.property(fc.array(listDoc, { minLength: 5, maxLength: 12 }), (docs) => expectSameInPieces(docs)),
      { numRuns: 150, seed: 3 },
    );
  });
});
