// Regression tests for the Markdown parser on hostile structure (issue 6): deep nesting and long
// tight lists made micromark take time quadratic in depth or list length (a 4,000-deep line of
// `* ` took 10 s; a 4,000-item list of `* * x` took 19 s). Nesting past MAX_NESTING is now read as
// text (masked), and a long list is cut into pieces between top-level items. A paragraph of
// character references (`&amp;` x 200,000) took 19 s: each one read the growing text node back.
import { describe, expect, it } from 'vitest';
import { capNesting, MAX_NESTING } from '../server/src/engine/markdown/nesting.js';
import { parseMarkdown } from '../server/src/engine/markdown/parse.js';
import { planCuts } from '../server/src/engine/markdown/chunks.js';
import { clearPieceCache } from '../server/src/engine/markdown/cache.js';
import { decodeReference } from '../server/src/engine/markdown/syntax.js';
import { fromMarkdown } from 'mdast-util-from-markdown';

function ms(f: () => unknown): number {
  const t = performance.now();
  f();
  return performance.now() - t;
}

/** The fastest of `n` timings (a busy machine stalls single runs). */
function best(f: () => unknown, n = 2): number {
  let m = Infinity;
  for (let i = 0; i < n; i++) {
    clearPieceCache();
    m = Math.min(m, ms(f));
  }
  return m;
}

describe('capNesting', () => {
  it('leaves ordinary nesting alone', () => {
    for (const src of ['> a', '- a\n  - b\n    - c', '1. a\n   > b', `${'> '.repeat(MAX_NESTING)}x`, `${'- '.repeat(MAX_NESTING)}x`, '* * *', '- * * *', '---', 'a - b > c']) {
      expect(capNesting(src)).toEqual({ text: src, replacements: [] });
    }
  });

  it('replaces markers past MAX_NESTING on a line with no-break spaces, offsets kept', () => {
    const src = `${'> '.repeat(MAX_NESTING + 3)}$40bn`;
    const r = capNesting(src);
    expect(r.text).toHaveLength(src.length);
    expect(r.replacements).toEqual([0, 1, 2].map((k) => ({ start: 2 * (MAX_NESTING + k), end: 2 * (MAX_NESTING + k) + 1 })));
    expect(r.text.slice(2 * MAX_NESTING)).toBe('\u00a0 \u00a0 \u00a0 $40bn');
    // Ordered markers are replaced whole.
    const ol = capNesting(`${'12. '.repeat(MAX_NESTING + 1)}x`);
    expect(ol.replacements).toEqual([{ start: 4 * MAX_NESTING, end: 4 * MAX_NESTING + 3 }]);
  });

  it('counts list items continued by indentation', () => {
    const stairs = Array.from({ length: MAX_NESTING + 4 }, (_, i) => `${'  '.repeat(i)}- x`).join('\n');
    const r = capNesting(stairs);
    expect(r.replacements).toHaveLength(4);
    // A line back at the margin starts over.
    expect(capNesting(`${stairs}\n- y`).replacements).toHaveLength(4);
  });

  it('does not take a thematic break for nested items', () => {
    const src = `${'* '.repeat(100)}\n${'- '.repeat(5)}* * *`;
    expect(capNesting(src).replacements).toEqual([]);
  });

  it('is linear: a 1 MB line of markers', () => {
    const small = best(() => capNesting('> '.repeat(50_000)));
    const large = best(() => capNesting('> '.repeat(500_000)));
    expect(large / Math.max(small, 1)).toBeLessThan(30);
  });
});

describe('deep nesting', () => {
  it('a 4,000-deep line parses fast and its text is still checked, markers masked', () => {
    const line = `${'* '.repeat(4000)}Amazon may invest $50 billion.`;
    const prose = `${'a '.repeat(4000)}Amazon may invest $50 billion.`;
    const t = best(() => parseMarkdown(line));
    const base = best(() => parseMarkdown(prose));
    // Was 10 s (quadratic in depth); now about the cost of the same length of prose.
    expect(t / Math.max(base, 5)).toBeLessThan(20);
    const { blocks } = parseMarkdown(line);
    expect(blocks).toHaveLength(1);
    expect(blocks[0].inList).toBe(true);
    expect(blocks[0].text.trim()).toBe('Amazon may invest $50 billion.');
    expect(line.slice(blocks[0].start, blocks[0].end)).toHaveLength(blocks[0].text.length);
    expect(blocks[0].start + blocks[0].text.indexOf('$50')).toBe(line.indexOf('$50'));
  });

  it('nesting up to MAX_NESTING is parsed as before', () => {
    const doc = `${'> '.repeat(MAX_NESTING - 1)}- Amazon invested $8 billion.`;
    const { blocks } = parseMarkdown(doc);
    expect(blocks).toMatchObject([{ inQuote: true, inList: true }]);
    expect(blocks[0].text.trimStart()).toBe('Amazon invested $8 billion.');
  });

  it('stairs of nested items (by markers or by indentation) stay linear', () => {
    const stairs = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i)).join('\n');
    for (const f of [(i: number) => `${'* '.repeat(i + 1)}$40bn`, (i: number) => `${'  '.repeat(i)}- $40bn`, (i: number) => `${'> '.repeat(i + 1)}$40bn`]) {
      // n lines of up to n levels: n^2 characters. Was 2.5-30 s at n = 400-800.
      const small = best(() => parseMarkdown(stairs(100, f)));
      const large = best(() => parseMarkdown(stairs(400, f)));
      // 16x the text: linear is 16, the old quadratic behaviour over 200.
      expect(large / Math.max(small, 5)).toBeLessThan(60);
    }
  });
});

describe('long tight lists are parsed in pieces', () => {
  const list = (n: number, item: (i: number) => string) => Array.from({ length: n }, (_, i) => item(i)).join('\n');

  it('cuts a list with no blank line between top-level items, and gives the whole-parse result', () => {
    for (const doc of [
      list(2500, (i) => `- Item ${i}: Amazon may invest $${i} billion.`),
      list(2500, (i) => `* * nested ${i} $40bn`),
      list(2500, (i) => `${i + 1}. step ${i}`),
      list(1200, (i) => `- item ${i}\n  continued, with **bold** and [a link](http://x.y) $${i}bn`),
    ]) {
      const cuts = planCuts(doc);
      expect(cuts.length).toBeGreaterThan(3);
      for (const c of cuts.slice(1, -1)) expect(doc[c - 1]).toBe('\n');
      clearPieceCache();
      expect(parseMarkdown(doc)).toEqual(parseMarkdown(doc, { whole: true }));
    }
  });

  it('a cut that would split something else than a list is undone (the pieces are parsed together)', () => {
    const items = list(1500, (i) => `- $${i}bn`);
    for (const doc of [
      // An HTML block runs to the next blank line: the "items" are HTML, not prose.
      `<div>\n${items}\n</div>`,
      // Lines that continue a paragraph: an ordered item not starting at 1 cannot interrupt one.
      `Amazon may invest\n${list(1500, (i) => `${i + 2}. $${i}bn`)}`,
      // Inside a fenced code block that never closes.
      `\`\`\`\n${items}`,
    ]) {
      clearPieceCache();
      expect(parseMarkdown(doc)).toEqual(parseMarkdown(doc, { whole: true }));
    }
  });

  it('footnote definitions in another piece are known to this one (found by the fuzzer)', () => {
    // `[^1]` defined at the top, used after more than a piece of text: "- [ ] [^1]: x" parsed
    // differently in a piece that did not know the label.
    const filler = 'Filler text for the piece, with nothing in it.\n\n'.repeat(300);
    for (const doc of [`[^1]: note\n\n${filler}- [ ] [^1]: x\n\n${filler}`, `${filler}- [ ] [^n]: x\n\n${filler}[^n]: late note\n`]) {
      expect(planCuts(doc).length).toBeGreaterThan(2);
      clearPieceCache();
      expect(parseMarkdown(doc)).toEqual(parseMarkdown(doc, { whole: true }));
    }
  });

  it('time grows linearly with the length of the list', () => {
    const items = (n: number) => list(n, (i) => `* * Amazon item ${i} $40bn`);
    const small = best(() => parseMarkdown(items(1000)));
    const large = best(() => parseMarkdown(items(8000)));
    // 8x the items: linear is 8; it was over 100 (19 s for 4,000 items).
    expect(large / Math.max(small, 5)).toBeLessThan(30);
  });
});

describe('character references', () => {
  it('are decoded as the parser decodes them', () => {
    const refs = ['&amp;', '&dollar;', '&percnt;', '&euro;', '&nbsp;', '&ngE;', '&#36;', '&#x24;', '&#X20AC;', '&#0;', '&#11;', '&#128;', '&#xD800;', '&#xFFFE;', '&#x10FFFF;', '&#1114112;', '&#9999999;', '&#x1F600;'];
    for (const ref of refs) {
      const para = fromMarkdown(`a${ref}b`).children[0];
      const text = para.type === 'paragraph' && para.children[0].type === 'text' ? para.children[0].value : '';
      expect(decodeReference(ref), ref).toBe(text.slice(1, -1));
    }
  });

  it('a paragraph of 200,000 references parses in linear time, figures decoded in place', () => {
    const refs = (n: number) => '&amp;'.repeat(n);
    const small = best(() => parseMarkdown(refs(25_000)));
    const large = best(() => parseMarkdown(refs(200_000)));
    expect(large / Math.max(small, 5)).toBeLessThan(30);
    const { blocks } = parseMarkdown(`${refs(1000)} Amazon may invest &#36;50 billion.`);
    expect(blocks[0].text.endsWith('Amazon may invest     $50 billion.')).toBe(true);
  });
});

describe('other shapes micromark parses in quadratic time (found by the fuzzer)', () => {
  /** Time for 8n over time for n, each the fastest of three runs taken in turn (load varies). */
  const grows = (make: (n: number) => string, n: number) => {
    const a = make(n);
    const b = make(n * 8);
    let small = Infinity;
    let large = Infinity;
    for (let i = 0; i < 3; i++) {
      small = Math.min(small, best(() => parseMarkdown(a), 1));
      large = Math.min(large, best(() => parseMarkdown(b), 1));
    }
    return large / Math.max(small, 5);
  };

  it('a paragraph of thousands of lazy continuation lines in a block quote or list item', () => {
    // 16,000 lazy lines in a quote took 3.6 s in micromark alone, 12x the same lines as a plain
    // paragraph (itself not quite linear in its number of lines: see the note in defuse.ts).
    const lines = '. more text =\n'.repeat(6_000);
    const fastest = (text: string) => Math.min(...[0, 1, 2].map(() => best(() => parseMarkdown(text), 1)));
    const plain = fastest(`Amazon $40bn\n${lines}`);
    // 6,000 lazy lines in a quote took about 8x the plain paragraph before.
    expect(fastest(`> Amazon $40bn\n${lines}`) / Math.max(plain, 5)).toBeLessThan(4);
    expect(fastest(`- a\n- Amazon $40bn\n${lines}`) / Math.max(plain, 5)).toBeLessThan(4);
    // The text is still checked, with the markers masked.
    const { blocks } = parseMarkdown(`> Amazon may invest $50 billion.\n${'more text\n'.repeat(1000)}`);
    expect(blocks.some((b) => b.text.includes('Amazon may invest $50 billion.'))).toBe(true);
    for (const b of blocks) expect(b.text).not.toContain('>');
  });

  it('a short lazy paragraph is parsed as before', () => {
    const { blocks } = parseMarkdown(`> Amazon $40bn\n${'more\n'.repeat(50)}`);
    expect(blocks).toHaveLength(1);
    expect(blocks[0].inQuote).toBe(true);
  });

  it('unclosed inline HTML openers (<!--, <?, <!X) by the thousand in one paragraph', () => {
    for (const opener of ['<!--', '<?', '<!X', '<![CDATA[']) {
      expect(grows((n) => `Amazon invested ${`${opener}x $1 `.repeat(n)}`, 1000), opener).toBeLessThan(30);
    }
    // An HTML block (an opener at the start of a line) is raw text, not prose: left as it is.
    const block = parseMarkdown(`<!-- draft notes ${'<!-- $40bn '.repeat(200)}\n`);
    expect(block.blocks).toEqual([]);
    // A few are parsed as before; a comment runs from its first `<!--` to the first `-->`.
    const { blocks } = parseMarkdown('Amazon <!-- a <!-- b $40bn <!-- hidden $1bn --> invested $40bn <!-- open');
    expect(blocks[0].text).toContain('invested $40bn <!-- open');
    expect(blocks[0].text).not.toContain('hidden');
    expect(blocks[0].text).not.toContain(' b ');
  });

  it('a long line starting with | that is not a table row does not escape the emphasis and label limit', () => {
    expect(grows((n) => `| ${'[[_'.repeat(n)}`, 2000)).toBeLessThan(30);
    // A real table is still counted cell by cell (its emphasis is kept).
    const table = `| a | b |\n|---|---|\n${'| **x** | [y](z) |\n'.repeat(2000)}`;
    const cell = parseMarkdown(table, { whole: true }).blocks[2];
    expect(cell.table).toBeDefined();
    expect(cell.text.trim()).toBe('x');
  });

  it('a paragraph of thousands of lines full of emphasis or bracket characters', () => {
    // 24,000 lines of `a*b*c` took 6 s: micromark merged the text around each such character with
    // one array splice per line (mended at build time: server/build/micromark-mends.mjs).
    for (const unit of ['a*b*c', ']]]]]', 'ab~~~', '](~~~']) expect(grows((n) => `Amazon $40bn\n${`${unit}\n`.repeat(n)}`, 3000), unit).toBeLessThan(30);
    // The prose is still checked; fences, list markers and definitions at the start of a line keep their meaning.
    const para = `Amazon may invest $50 billion.\n${'more *text* here\n'.repeat(2000)}`;
    expect(parseMarkdown(para).blocks[0].text.startsWith('Amazon may invest $50 billion.')).toBe(true);
    const fenced = `~~~\n${'a*b*c $40bn\n'.repeat(2000)}~~~\n\nAfter the fence.\n`;
    expect(parseMarkdown(fenced).blocks.map((b) => b.text)).toEqual(['After the fence.']);
  }, 120_000);

  it('a paragraph of thousands of lines of `\\`, `&`, `<` or `!` that start nothing', () => {
    // Each such character splits the text into two data events, which micromark's text resolver
    // merged with one array splice per line: 24,000 lines took 4-8 s. The mend of that resolver
    // (server/build/micromark-mends.mjs) makes the merge linear; these characters are kept.
    for (const unit of ['a\\b c', 'a&b c', 'a<b c', 'a!b c']) expect(grows((n) => `Amazon $40bn\n${`${unit}\n`.repeat(n)}`, 3000), unit).toBeLessThan(30);
    const { blocks } = parseMarkdown(`Amazon may invest $50 billion.\n${'a\\b &x <y !z\n'.repeat(3000)}`);
    expect(blocks).toHaveLength(1);
    expect(blocks[0].text).toContain('a\\b &x <y !z');
  }, 120_000);

  it('a list of thousands of items that each close a fenced code block, parsed whole', () => {
    // micromark moved the exits of each closed item with an EditMap that copied the document's
    // whole event list: quadratic in the items (mended at build time: server/build/micromark-mends.mjs).
    const list = (n: number) => `- ~~~\n${'1. 1. ~~~\n'.repeat(n)}`;
    const fastest = (text: string) => Math.min(...[0, 1, 2].map(() => best(() => parseMarkdown(text, { whole: true }), 1)));
    expect(fastest(list(4000)) / Math.max(fastest(list(500)), 5)).toBeLessThan(30);
    // Still a list of lists with code blocks.
    expect(parseMarkdown(`- a\n${'1. 1. ~~~\n      $40bn\n'.repeat(3)}\nAfter.\n`, { whole: true }).blocks.map((b) => b.text)).toEqual(['a', 'After.']);
  }, 120_000);

  it('the same decisions in pieces as in one whole parse', () => {
    const filler = 'Filler text for the piece, with nothing in it.\n\n'.repeat(100);
    for (const doc of [
      `${filler}> quote\n${'lazy line\n'.repeat(400)}\n${filler}`,
      `${filler}- a\n- b\n${'lazy line\n'.repeat(400)}\n${filler}`,
      `${filler}${'x <!-- y '.repeat(100)}\n\n${filler}<!-- closed -->\n`,
      `${filler}| ${'[[_'.repeat(3000)}\n\n${filler}`,
      `${filler}Text\n${'a*b*c ]] x\n'.repeat(2000)}\n${filler}`,
    ]) {
      clearPieceCache();
      expect(parseMarkdown(doc)).toEqual(parseMarkdown(doc, { whole: true }));
    }
  });
});
