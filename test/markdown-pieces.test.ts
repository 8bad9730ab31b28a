// Long documents are parsed in pieces (see server/src/engine/markdown/chunks.ts); the result must
// be the same as parsing the document whole.
import { describe, expect, it } from 'vitest';
import { planCuts } from '../server/src/engine/markdown/chunks.js';
import { clearPieceCache } from '../server/src/engine/markdown/cache.js';
import { parseMarkdown } from '../server/src/engine/markdown/parse.js';
import type { ParsedMarkdown } from '../server/src/engine/types.js';
import { mulberry32, randomDraft } from './helpers/random-draft.js';

describe('parsing long documents in pieces', () => {
  it('splits long documents, never short ones, never inside front matter', () => {
    expect(planCuts('short\n\ntext\n')).toEqual([0, 12]);
    const doc = randomDraft(1, 60_000);
    const cuts = planCuts(doc);
    expect(cuts.length).toBeGreaterThan(5);
    expect(cuts[0]).toBe(0);
    expect(cuts[cuts.length - 1]).toBe(doc.length);
    expect(cuts[1]).toBeGreaterThan(doc.indexOf('\n---\n', 3));
    for (const c of cuts.slice(1, -1)) {
      expect(doc.slice(0, c)).toMatch(/(\r\n|\r|\n)[ \t]*(\r\n|\r|\n)$/);
      expect(doc[c]).toMatch(/\S/);
    }
  });

  it('cuts depend on the text around them: an edit moves only nearby cuts', () => {
    const doc = randomDraft(2, 80_000);
    const edited = doc.slice(0, 20_000) + 'An inserted sentence of prose. ' + doc.slice(20_000);
    const before = planCuts(doc).filter((c) => c > 30_000);
    const after = planCuts(edited).filter((c) => c > 30_000).map((c) => c - 31);
    expect(after).toEqual(before);
  });

  for (const seed of [3, 4, 5, 6, 7, 8, 9, 10]) {
    it(`same result as a whole parse (random draft ${seed})`, () => {
      const doc = randomDraft(seed, 40_000);
      expect(parseMarkdown(doc)).toEqual(parseMarkdown(doc, { whole: true }));
    });
  }

  it('an unclosed fence swallows the rest of the document', () => {
    const prose = Array.from({ length: 300 }, (_, i) => `Paragraph ${i} puts $${i} billion in.`).join('\n\n');
    const doc = prose + '\n\n```\nunclosed $1\n\n' + prose.replace(/Paragraph/g, 'Swallowed') + '\n';
    expect(planCuts(doc).length).toBeGreaterThan(6);
    const split = parseMarkdown(doc);
    expect(split).toEqual(parseMarkdown(doc, { whole: true }));
    expect(split.blocks.some((b) => b.text.includes('Swallowed'))).toBe(false);
    expect(split.blocks).toHaveLength(300);
  });

  it('HTML comments and <pre> blocks spanning many paragraphs', () => {
    const prose = Array.from({ length: 200 }, (_, i) => `Line ${i} with $${i}bn.`).join('\n\n');
    const doc = prose + '\n\n<!--\n\n' + prose.replace(/Line/g, 'Hidden') + '\n\n-->\n\n' + prose + '\n\n<pre>\n\n' + prose.replace(/Line/g, 'Pre') + '\n\n</pre>\n\nEnd $1.\n';
    expect(planCuts(doc).length).toBeGreaterThan(6);
    const split = parseMarkdown(doc);
    expect(split).toEqual(parseMarkdown(doc, { whole: true }));
    expect(split.blocks.some((b) => /Hidden|Pre/.test(b.text))).toBe(false);
    expect(split.blocks).toHaveLength(401);
  });

  it('reference definitions at the end serve links throughout', () => {
    const prose = Array.from({ length: 400 }, (_, i) => `Item ${i}: see [the filing][sec] and [CNBC] for $${i}bn.`).join('\n\n');
    const doc = prose + '\n\n[sec]: https://sec.gov/2026/1\n[cnbc]: https://cnbc.com/2026/2\n';
    expect(planCuts(doc).length).toBeGreaterThan(3);
    const split = parseMarkdown(doc);
    expect(split).toEqual(parseMarkdown(doc, { whole: true }));
    for (const b of split.blocks) {
      expect(b.text).not.toContain('[');
      expect(b.text).not.toContain('sec]');
    }
  });

  it('definition look-alikes inside code do not turn text into links', () => {
    const prose = Array.from({ length: 300 }, (_, i) => `Para ${i} with [fake] brackets and $${i}.`).join('\n\n');
    const doc = '```\n[fake]: http://x\n```\n\n' + prose + '\n';
    expect(planCuts(doc).length).toBeGreaterThan(3);
    const split = parseMarkdown(doc);
    expect(split).toEqual(parseMarkdown(doc, { whole: true }));
    expect(split.blocks[split.blocks.length - 1].text).toContain('[fake]');
  });

  it('a later `---` is a thematic break, not front matter', () => {
    const prose = Array.from({ length: 400 }, (_, i) => `Para ${i} with $${i}.`).join('\n\n');
    const doc = prose + '\n\n---\n\nAfter the break $1.\n\n---\n\n' + prose + '\n';
    expect(planCuts(doc).length).toBeGreaterThan(3);
    expect(parseMarkdown(doc)).toEqual(parseMarkdown(doc, { whole: true }));
  });

  it('re-parsing after edits gives the same result as a fresh whole parse', () => {
    let doc = randomDraft(11, 60_000);
    parseMarkdown(doc);
    const rnd = mulberry32(99);
    for (let k = 0; k < 5; k++) {
      const at = Math.floor(rnd() * doc.length);
      doc = doc.slice(0, at) + pickEdit(k) + doc.slice(at);
      expect(parseMarkdown(doc)).toEqual(parseMarkdown(doc, { whole: true }));
    }
    function pickEdit(k: number): string {
      return ['x', '\n\n', '```\n', '<!--', ' $5 billion '][k];
    }
  });
});

describe('performance', () => {
  /** A realistic draft of about `size` characters: sections, lists, tables, quotes, links. */
  function draft(size: number, seed: number): string {
    const rnd = mulberry32(seed);
    const sentences = [
      'Amazon is negotiating to put as much as $50 billion into OpenAI, according to people briefed on the talks.',
      'SoftBank could contribute **up to $30 billion**, while Nvidia is said to be weighing $3 billion.',
      'The company said on January 29 that it would cut 16,000 corporate roles ([CNBC](https://cnbc.com/2026/01/29/x)).',
      'Its stock closed down 2.1% that day; `capex` guidance was $125 billion[^capex].',
    ];
    const parts: string[] = ['---\ndate: 2026-02-01\n---\n'];
    let length = 0;
    for (let i = 0; length < size; i++) {
      const n = (m: string) => String((Number(m) * 7 + i) % 997);
      const varied = sentences.map((s) => s.replace(/\d+/g, n));
      const r = rnd();
      let part: string;
      if (r < 0.08) part = `## Section ${i}`;
      else if (r < 0.2) part = varied.map((s) => `- **Item ${i}**: ${s}`).join('\n');
      else if (r < 0.26) part = `| Backer | Money |\n|---|---|\n| Amazon ${i} | $${i}B |\n| Google | $${n('2')}B |`;
      else if (r < 0.3) part = '> ' + varied.join('\n> ');
      else part = varied.slice(Math.floor(rnd() * 3)).join(' ');
      parts.push(part);
      length += part.length + 2;
    }
    return parts.join('\n\n');
  }

  it('parses a 0.8 MB draft in time linear in its size, and re-parses after an edit much faster', () => {
    const time = (f: () => void): number => {
      const started = performance.now();
      f();
      return performance.now() - started;
    };
    const small = draft(200_000, 1);
    const doc = draft(800_000, 7);
    clearPieceCache();
    parseMarkdown(small); // warm up the JIT
    clearPieceCache();
    const smallCold = time(() => parseMarkdown(small));
    clearPieceCache();
    let parsed: ParsedMarkdown | undefined;
    const cold = time(() => (parsed = parseMarkdown(doc)));
    expect(parsed!.blocks.length).toBeGreaterThan(3000);
    expect(parsed!.draftDate).toBe('2026-02-01');

    const edited = doc.slice(0, 400_000) + ' An edit.' + doc.slice(400_000);
    const warm = time(() => parseMarkdown(edited));
    console.log(
      `parse: 0.2 MB cold ${smallCold.toFixed(0)} ms; 0.8 MB cold ${cold.toFixed(0)} ms, after an edit ${warm.toFixed(0)} ms`,
    );
    // Bounds that hold on a busy shared machine (idle: about 0.5 s cold, 20 ms after an edit).
    // A whole-document parse is superlinear: 4x the text would take well over 8x the time.
    expect(cold).toBeLessThan(Math.max(8 * smallCold, 1500));
    expect(cold).toBeLessThan(20_000);
    expect(warm).toBeLessThan(Math.max(300, cold / 4));
  });
});
