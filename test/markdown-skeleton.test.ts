// The skeleton memo (server/src/engine/markdown/skeleton.ts): segments of a draft's skeleton seen
// in earlier drafts are taken from a memo, the others parsed together. Every draft must parse to
// the same blocks, references and directives as with no shortcut at all, whatever was parsed
// before it. The random drafts are made of shared parts (so segments come again, next to other
// neighbours) and of the shapes that may not be cut: loose lists split over blank lines, fences
// with blank lines or left open, HTML blocks that run on, definitions, front matter, tabs.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseMarkdown } from '../server/src/engine/markdown/parse.js';
import { clearPieceCache } from '../server/src/engine/markdown/cache.js';
import { skeletonCuts } from '../server/src/engine/markdown/skeleton.js';
import { compressPlain } from '../server/src/engine/markdown/plain.js';

const strip = (d: string) => parseMarkdown(d, { shortcut: false });

const PLAIN = 'Amazon is in talks to invest as much as $50 billion in OpenAI, people familiar with the matter said on Thursday.';
const PLAIN2 = 'The talks value OpenAI at about $830 billion, and SoftBank may put in up to $30 billion of the round, the paper said.';
const COMMON = [PLAIN, PLAIN2, `${PLAIN}\n${PLAIN2}`, 'Short one.', '## Jobs and costs', `- ${PLAIN}\n- ${PLAIN2}`, '- a\n- b\n3. c', '- one', '- two', `| Quarter | Revenue |\n| --- | --- |\n| Q1 2024 | $713 million |\n| Q2 | 16.9% |`, '```js\nconst x = 40;\n```', `> ${PLAIN}`, '<!-- factlint-disable -->'];
const PARTS = [
  PLAIN, PLAIN2, `${PLAIN}\n${PLAIN2}`, 'Short one.', `**Lead-in:** ${PLAIN}`, `${PLAIN} *Stressed* words and a [link](https://e.com/a).`,
  '# OpenAI talks', '## Jobs and costs', 'Heading\n===', 'Sub\n---',
  `- ${PLAIN}\n- ${PLAIN2}`, '- a\n- b\n3. c', `1. ${PLAIN}\n2. two`, '- one', '- two', '2. second', `* item\n\n  continued ${PLAIN}`, '- a\n  - b\n    - c $5bn',
  '- x\n  ```\n<pre>\n```', '- x\n\n  ```\n  code in item',
  `| Quarter | Revenue |\n| --- | --- |\n| Q1 2024 | $713 million |\n| Q2 | 16.9% |`, '|a|b|\n|-|-|\n|1|2|',
  '```js\nconst x = 40;\n```', '```\ncode left open', '|a|b|\n|-|-|\n|1|2|\n```\nfence after a table', '~~~\n\ncode with a blank line\n\n~~~', '````\n```\nstill code\n````', '```a`b\nnot a fence',
  `> ${PLAIN}`, `> quoted\n> ${PLAIN2}`, '> ```\n> in a quote',
  '<!-- factlint-disable -->', '<!-- factlint-disable-next-line wrong-value -->', '<!-- a comment\n\nthat runs on -->', '<div>\nraw html\n</div>', '<pre>\n\nkeeps going', '  <!-- indented -->',
  '[ref]: https://example.com/ref "Title"', 'See [ref] and [^1] for $20bn.', '[^1]: A footnote with $20bn in it.',
  '    indented code with $1bn', '---', '***', '\t- a tab item', ' \t<div>', '\t```\ntab fence',
  '😀 Emoji before $50bn and café.', 'Trailing spaces  ', 'A line\nthat goes on\nfor three lines with 16,000 jobs.',
];
const GAP = ['\n\n', '\n\n', '\n\n', '\r\n\r\n', '\n \t\n', '\n', '\n\n\n'];
const FRONT = ['', '', '---\ntitle: x\ndate: 2026-01-20\n---\n\n', '---\ntitle: y\n---\n'];

/** Drafts of parts, `common` ones `weight` times as often as any part. */
const drafts = (weight: number) =>
  fc
    .tuple(fc.constantFrom(...FRONT), fc.array(fc.tuple(fc.oneof({ arbitrary: fc.constantFrom(...COMMON), weight }, { arbitrary: fc.constantFrom(...PARTS), weight: 1 }), fc.constantFrom(...GAP)), { minLength: 1, maxLength: 14 }))
    .map(([front, parts]) => front + parts.map(([p, g]) => p + g).join(''));
/** Mostly the shapes of everyday drafts: most are cut, and their segments come again. */
const draft = drafts(4);
/** Any part as often as any other: the shapes that may not be cut meet more often. */
const tricky = drafts(0);

/** Segments the memo could serve in `d` (its skeleton's cuts, but the first). */
const cutsOf = (d: string) => {
  const text = compressPlain(d, 0, d.length, 0).text;
  return skeletonCuts(text, true)?.length ?? 0;
};

describe('skeleton memo', () => {
  it('cuts a skeleton where a blank line is followed by a line in column 0', () => {
    expect(skeletonCuts('x\n\n- x\n- x\n\n|x|\n|-|\n', false)).toEqual([0, 3, 12, 20]);
    expect(skeletonCuts('x\n\n  indented\n\nx', false)).toEqual([0, 15, 16]);
    // Front matter is never cut, and what follows it is cut as usual.
    expect(skeletonCuts('---\na: 1\n\nb: 2\n---\n\nx\n\nx', true)).toEqual([0, 20, 23, 24]);
    // No cut inside a fence, nor after indented code (micromark reads on differently there).
    expect(skeletonCuts('```\ncode\n\nx\n```\n\nx', false)).toEqual([0, 17, 18]);
    expect(skeletonCuts('x\n\n    code\n\n2. x\n\nx', false)).toEqual([0, 19, 20]);
  });

  it('parses whole what may not be cut: definitions, raw HTML, fences that may be a list item\'s', () => {
    expect(skeletonCuts('x\n\n[a]: https://e.com\n\nx', false)).toBeUndefined();
    expect(skeletonCuts('x\n\n[^1]: note\n\nx', false)).toBeUndefined();
    expect(skeletonCuts('- x\n\n  ```\n  code\n```\n\nx', false)).toBeUndefined();
    expect(skeletonCuts('<pre>\n\nx', false)).toBeUndefined();
    expect(skeletonCuts('- x\n  ```\n<pre>\n```\n\nfoo', false)).toBeUndefined();
    expect(skeletonCuts('x\n\n\t<div>\n\nx', false)).toBeUndefined();
    // A fence closed before the cut, and a comment closed on its line, are fine.
    expect(skeletonCuts('```\ncode\n\nmore\n```\n\nx', false)).toEqual([0, 20, 21]);
    expect(skeletonCuts('<!-- factlint-disable -->\n\nx', false)).toEqual([0, 27, 28]);
  });

  const sameAsParser = (before: string, d: string) => {
    // The memo holds the segments of earlier drafts (and of `before`, made of the same parts).
    parseMarkdown(before);
    const warm = parseMarkdown(d);
    expect(warm).toEqual(strip(d));
    // Parsed again: now all its segments are known.
    expect(parseMarkdown(d)).toEqual(warm);
  };

  it('gives the same result as the parser whatever was parsed before', () => {
    clearPieceCache();
    let cut = 0;
    fc.assert(
      fc.property(draft, draft, (before, d) => {
        cut += cutsOf(d) > 2 ? 1 : 0;
        sameAsParser(before, d);
      }),
      { numRuns: 2000, seed: 20261123 },
    );
    // The property is about cut skeletons: most drafts must have been cut.
    expect(cut).toBeGreaterThan(1000);
  });

  it('gives the same result as the parser on drafts of the shapes that may not be cut', () => {
    clearPieceCache();
    fc.assert(
      fc.property(tricky, tricky, sameAsParser),
      { numRuns: 2500, seed: 20261124 },
    );
  });

  it('gives the same result on long documents parsed in pieces', () => {
    clearPieceCache();
    fc.assert(
      fc.property(fc.array(draft, { minLength: 5, maxLength: 12 }), (docs) => {
        const d = docs.join('\n\n');
        for (const x of docs) parseMarkdown(x);
        expect(parseMarkdown(d)).toEqual(strip(d));
      }),
      { numRuns: 120, seed: 19 },
    );
  });
});
