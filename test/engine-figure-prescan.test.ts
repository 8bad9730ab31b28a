// mayHoldFigure lets the checker skip blocks without reading their context: it must never say
// "no figure" where extractFigures finds one. Checked on texts that have figures without a digit,
// on words glued and split the way the tokenizer splits them, and on seeded random texts.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractFigures, mayHoldFigure } from '../server/src/engine/figures/extract.js';
import { parseMarkdown } from '../server/src/engine/markdown/parse.js';
import { mulberry32 } from './helpers/random-draft.js';

describe('mayHoldFigure', () => {
  it('is true for figures written without a digit', () => {
    const texts = [
      'Fifty billion dollars were on the table.',
      'It cut fourteen thousand jobs.',
      'a billion-dollar listing',
      'in January',
      'the talks began in September',
      'results for the first quarter',
      'the second-half outlook',
      'ONE HUNDRED AND TWENTY people',
      'twenty-two roles went',
      'the firm was worth a trillion dollars',
    ];
    for (const t of texts) {
      expect(extractFigures(t).length, t).toBeGreaterThan(0);
      expect(mayHoldFigure(t), t).toBe(true);
    }
  });

  it('is false for text with neither a digit nor a figure word', () => {
    for (const t of ['Amazon', 'in talks', 'Amount under discussion', 'Context', 'considering', 'Someone often phones Monday', 'Octopus money']) {
      expect(extractFigures(t), t).toEqual([]);
      expect(mayHoldFigure(t), t).toBe(false);
    }
  });

  it('splits words as the tokenizer does ("billionIn" holds "billion")', () => {
    expect(mayHoldFigure('a billionIn total')).toBe(true);
    expect(mayHoldFigure('abillion')).toBe(false);
    expect(mayHoldFigure('OpenAI')).toBe(false);
  });

  it('never says no where extractFigures finds a figure (seeded random texts)', () => {
    const rnd = mulberry32(20261123);
    const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)];
    const pieces = [
      'Amazon', 'OpenAI', 'in', 'the', 'a', 'an', 'of', 'up to', 'about', 'dollars', 'jobs', 'people', 'quarter', 'half',
      'fifty', 'Fifty', 'FIFTY', 'twenty-two', 'one', 'ten', 'hundred', 'thousand', 'million', 'billion', 'trillion',
      'January', 'Jan.', 'may', 'May', 'Sept', 'first', 'Second', 'fourth', 'billion-dollar', 'trillion-dollar',
      'billionIn', 'FiftyBillion', 'éfifty', 'fiftyé', 'q', 'Q', 'H', '-', '–', '.', ',', '$', '€', '%', 'US$', 'USD',
      '7', '2026', '1,000', '3.5', 'often', 'money', 'someone', 'Octopus', 'tent', 'talks', '😀', '\t', '\n',
    ];
    let none = 0;
    let wordFigures = 0;
    for (let n = 0; n < 20_000; n++) {
      const len = 1 + Math.floor(rnd() * 8);
      let t = '';
      for (let k = 0; k < len; k++) t += pick(pieces) + pick([' ', ' ', '', '-']);
      const figures = extractFigures(t);
      if (!mayHoldFigure(t)) {
        none++;
        expect(figures, JSON.stringify(t)).toEqual([]);
      } else if (figures.length > 0 && !/[0-9]/.test(t)) wordFigures++;
    }
    // The generator reaches both sides: texts skipped, and figures that only words make.
    expect(none).toBeGreaterThan(1000);
    expect(wordFigures).toBeGreaterThan(1000);
  });

  it('never says no for a block of the fixture drafts that holds a figure', () => {
    const dir = path.join(__dirname, 'fixtures');
    const files = fs.readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('.md'));
    expect(files.length).toBeGreaterThan(3);
    let blocks = 0;
    for (const f of files) {
      for (const b of parseMarkdown(fs.readFileSync(path.join(dir, f), 'utf8')).blocks) {
        blocks++;
        if (!mayHoldFigure(b.text)) expect(extractFigures(b.text), `${f}: ${b.text}`).toEqual([]);
      }
    }
    expect(blocks).toBeGreaterThan(50);
  });
});
