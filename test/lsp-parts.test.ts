// A long draft checked in parts: every part's findings are those of the whole draft before the
// part's end, and the blocks checked for the parts are reused when the whole draft is checked.
import { describe, expect, it } from 'vitest';
import { analyzeDocument } from '../server/src/engine/check.js';
import { checkableInParts, DraftBlockCache, partEnd, PartsCheck } from '../server/src/lsp/prefix.js';
import { longDraft } from './fixtures/lsp/drafts.js';
import { bundledFacts } from './helpers/bundled.js';

/** Questions before answers, lists, quotes, link references defined at the end, directives. */
function mixedDraft(n: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    out.push(`### Section ${i}`, '', '**How much is Amazon putting in?**', '', `About $40 billion, says [the report][r${i % 3}].`, '');
    out.push(`- **Microsoft**: more than $10 billion`, `- Amazon cut 16,000 jobs on January ${20 + (i % 9)}.`, '');
    out.push(`> OpenAI wants to raise up to $100 billion, item ${i}.`, '');
    if (i % 5 === 2) out.push('<!-- factlint-disable-next-line wrong-value -->', 'Amazon is discussing a $40 billion stake in OpenAI.', '');
    if (i % 6 === 3) out.push('<!-- factlint-disable -->', '', 'Amazon is discussing a $30 billion stake in OpenAI.', '', '<!-- factlint-enable -->', '');
  }
  out.push('[r0]: https://example.com/0', '[r1]: https://example.com/1', '[r2]: https://example.com/2', '');
  return out.join('\n');
}

describe('checking in parts', () => {
  const base = bundledFacts();
  for (const [name, text] of [['long draft', longDraft(120)], ['mixed draft', mixedDraft(80)]] as const) {
    it(`finds in each part what the whole ${name} finds there`, () => {
      expect(checkableInParts(text)).toBe(true);
      const whole = analyzeDocument(text, base);
      for (const step of [1500, 7000]) {
        const cache = new DraftBlockCache();
        cache.held = true;
        const parts = new PartsCheck(text, base, { cache });
        let end = partEnd(text, 1000);
        let checked = 0;
        let n = 0;
        while (end < text.length) {
          const r = parts.next(end);
          expect(r.findings).toEqual(whole.findings.filter((f) => f.start < end));
          expect(r.bindings).toEqual(whole.bindings.filter((b) => b.start < end));
          checked = end;
          end = partEnd(text, end + step);
          n++;
        }
        expect(n).toBeGreaterThan(2);
        cache.held = false;
        const misses = cache.misses;
        const after = analyzeDocument(text, base, { cache });
        expect(after.findings).toEqual(whole.findings);
        // Only the blocks after the last part are checked now.
        expect(cache.misses - misses).toBe(whole.parsed.blocks.filter((b) => b.start >= checked).length);
      }
    });
  }

  it('ends parts at the start of a line after a blank line, never in front matter', () => {
    const text = '---\ntitle: x\n\nmore: y\n---\n\n# A\n\nPara one.\n\nPara two.\n';
    const end = partEnd(text, 5);
    expect(end).toBe(text.indexOf('# A'));
    expect(partEnd(text, end + 1)).toBe(text.indexOf('Para one.'));
    expect(partEnd(text, text.length - 3)).toBe(text.length);
    expect(checkableInParts('x\n<!-- factlint-disable-file -->\n')).toBe(false);
  });
});
