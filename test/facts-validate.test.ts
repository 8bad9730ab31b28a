import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFactsText, type FactsProblem } from '../server/src/engine/facts/load.js';
import { loadFactsFiles } from '../server/src/engine/facts/fsload.js';
import { checkQuotes, normalizeForMatch, quoteInText } from '../server/src/engine/facts/validate.js';
import { quoteHasFigure } from '../server/src/engine/figures/quote.js';
import type { Value } from '../server/src/engine/facts/schema.js';

const FIX = path.join(__dirname, 'fixtures', 'facts');
const YAML_FILE = path.join(FIX, 'borealis', 'borealis.facts.yaml');
const good = readFileSync(YAML_FILE, 'utf8');
const texts = new Map([
  ['alpha.txt', readFileSync(path.join(FIX, 'sources', 'alpha.txt'), 'utf8')],
  ['beta.txt', readFileSync(path.join(FIX, 'sources', 'beta.txt'), 'utf8')],
]);

/** Quote problems of `text`; `null`: no articles. */
function check(text: string, sourceTexts: Map<string, string> | null = texts): FactsProblem[] {
  return checkQuotes(parseFactsText(text, 'f.facts.yaml'), { sourceTexts: sourceTexts ?? undefined, quoteHasFigure: quoteHasFigure });
}

/** Line (1-based) of the first line containing `s`. */
const lineOf = (text: string, s: string) => text.split('\n').findIndex((l) => l.includes(s)) + 1;

describe('checkQuotes', () => {
  it('passes the fixture: figures present, quotes verbatim up to spacing, quotes and dashes', () => {
    expect(check(good)).toEqual([]);
    expect(check(good, null)).toEqual([]);
  });

  it('works on a file loaded from disk with its articles', () => {
    const loaded = loadFactsFiles([YAML_FILE], { sourcesDir: path.join(FIX, 'sources') });
    expect(checkQuotes(loaded, { sourceTexts: loaded.sourceTexts, quoteHasFigure: quoteHasFigure })).toEqual([]);
  });

  it('a quote without its figure: error at the quote', () => {
    const text = good.replace('"a $7bn cheque from Quillfeather"', '"a cheque from Quillfeather"');
    expect(check(text).map((p) => p.code)).toEqual(['quote-missing-figure', 'quote-not-in-source']);
    const ps = check(text, null);
    expect(ps).toHaveLength(1);
    const p = ps[0];
    expect(p.code).toBe('quote-missing-figure');
    expect(p.severity).toBe('error');
    expect(p.path).toBe('facts[0].variants[1].sources[0].quote');
    expect(p.message).toBe('quote does not contain the figure $7 billion');
    const line = lineOf(text, '"a cheque from Quillfeather"');
    expect([p.line, p.column, p.endLine, p.endColumn]).toEqual([line, 20, line, 20 + '"a cheque from Quillfeather"'.length]);
  });

  it('uses the injected quoteHasFigure', () => {
    const seen: [string, Value][] = [];
    const ps = checkQuotes(parseFactsText(good, 'f.yaml'), {
      quoteHasFigure: (q, v) => {
        seen.push([q, v]);
        return !q.includes('five-year');
      },
    });
    expect(seen).toHaveLength(8);
    expect(seen[0][1]).toEqual({ amount: 7500000000, currency: 'USD' });
    expect(ps.map((p) => [p.code, p.path])).toEqual([['quote-missing-figure', 'facts[5].variants[0].sources[0].quote']]);
    expect(ps[0].message).toBe('quote does not contain the figure 5 years');
  });

  it('a quote not in its article: error with how far it matches', () => {
    const text = good.replace('"valuing the robot maker at roughly $40 billion"', '"valuing the robot company at roughly $40 billion"');
    const ps = check(text);
    expect(ps.map((p) => [p.code, p.path, p.line])).toEqual([
      ['quote-not-in-source', 'facts[1].variants[0].sources[0].quote', lineOf(text, 'robot company')],
    ]);
    expect(ps[0].message).toBe('quote not found in alpha.txt (source "a1"); it matches up to "valuing the robot"');
  });

  it('is checked against the article of its own source', () => {
    // the quote is in beta.txt, but the variant cites a1 (alpha.txt)
    const text = good.replace('          - source: b1\n            quote: "an operating margin of 3.5%"', '          - source: a1\n            quote: "an operating margin of 3.5%"');
    const ps = check(text);
    expect(ps.map((p) => p.code)).toEqual(['quote-not-in-source']);
    expect(ps[0].message).toMatch(/^quote not found in alpha.txt \(source "a1"\)$/);
  });

  it('a long quote is a warning', () => {
    const long = Array.from({ length: 41 }, (_, i) => `w${i}`).join(' ');
    const text = good.replace('"an operating margin of 3.5%"', `"an operating margin of 3.5% ${long}"`);
    const ps = check(text, null);
    expect(ps.map((p) => [p.code, p.severity])).toEqual([['quote-too-long', 'warning']]);
    expect(ps[0].message).toMatch(/46 words/);
  });

  it('exclusion quotes are checked verbatim, and must contain their text', () => {
    const text = good.replace('"its rival raised $3 billion last spring"', '"its rival raised $4 billion last spring"');
    const ps = check(text);
    expect(ps.map((p) => [p.code, p.path])).toEqual([
      ['exclusion-text-not-in-quote', 'exclusions[0].text'],
      ['quote-not-in-source', 'exclusions[0].quote'],
    ]);
  });

  it('an article missing from the sources folder: one warning at the source', () => {
    const only = new Map([['alpha.txt', texts.get('alpha.txt')!]]);
    const ps = check(good, only);
    expect(ps).toHaveLength(1);
    expect(ps[0]).toMatchObject({ code: 'source-file-missing', severity: 'warning', path: 'sources[1].file', line: lineOf(good, 'file: beta.txt'), column: 11 });
  });

  it('skips values the schema rejects and never throws on broken files', () => {
    expect(() => check('version: [')).not.toThrow();
    expect(check('- a')).toEqual([]);
    const broken = good.replace('{ amount: 7500000000 }', '{ amount: lots }');
    expect(check(broken)).toEqual([]);
  });

  it('a throwing quoteHasFigure does not become a finding', () => {
    const ps = checkQuotes(parseFactsText(good, 'f.yaml'), {
      quoteHasFigure: () => {
        throw new Error('boom');
      },
    });
    expect(ps).toEqual([]);
  });
});

describe('verbatim matching', () => {
  const article = normalizeForMatch('He said: “It’s a deal — done.”\nShares rose 2%\u00A0on   Monday. Then the sky fell.');
  it('ignores whitespace, typographic quotes, apostrophes and dashes', () => {
    expect(quoteInText('"It\'s a deal - done."', article)).toBe(true);
    expect(quoteInText('"It\'s a deal -- done."', article)).toBe(true);
    expect(quoteInText('It’s a deal – done', article)).toBe(true);
    expect(quoteInText('Shares rose 2% on Monday', article)).toBe(true);
    expect(quoteInText('Shares\nrose   2%  on Monday', article)).toBe(true);
  });
  it('is otherwise exact (case, words, order)', () => {
    expect(quoteInText('shares rose 2% on Monday', article)).toBe(false);
    expect(quoteInText('Shares rose 3% on Monday', article)).toBe(false);
    expect(quoteInText('on Monday Shares rose', article)).toBe(false);
    expect(quoteInText('', article)).toBe(false);
  });
  it('allows elisions marked ... or … or [...], in order', () => {
    expect(quoteInText('He said: ... Shares rose 2%', article)).toBe(true);
    expect(quoteInText('He said: … the sky fell', article)).toBe(true);
    expect(quoteInText('He said: [...] the sky fell', article)).toBe(true);
    expect(quoteInText('the sky fell ... He said', article)).toBe(false);
  });
});

describe('quoteHasFigure', () => {
  const money = (amount: number): Value => ({ amount, currency: 'USD' });
  it('money with any scale and spelling', () => {
    expect(quoteHasFigure('up to $50 billion', money(50e9))).toBe(true);
    expect(quoteHasFigure('a $50bn stake', money(50e9))).toBe(true);
    expect(quoteHasFigure('a $50B stake', money(50e9))).toBe(true);
    expect(quoteHasFigure('$0.83 trillion', money(830e9))).toBe(true);
    expect(quoteHasFigure('$830 billion', money(830e9))).toBe(true);
    expect(quoteHasFigure('$1.5 million bonus', money(1.5e6))).toBe(true);
    expect(quoteHasFigure('$50,000,000,000', money(50e9))).toBe(true);
    expect(quoteHasFigure('$13+ billion', money(13e9))).toBe(true);
    expect(quoteHasFigure('Up to $30 billionIn talks', money(30e9))).toBe(true);
    expect(quoteHasFigure('fifty billion dollars', money(50e9))).toBe(true);
    expect(quoteHasFigure('a trillion dollars', money(1e12))).toBe(true);
    expect(quoteHasFigure('up to $50 billion', money(5e9))).toBe(false);
    expect(quoteHasFigure('up to $50 million', money(50e9))).toBe(false);
    expect(quoteHasFigure('50 bananas', money(50e9))).toBe(false);
    expect(quoteHasFigure('no figure here', money(50e9))).toBe(false);
  });
  it('counts with or without separators, in words', () => {
    const roles: Value = { count: 16000, unit: 'roles' };
    expect(quoteHasFigure('cut 16,000 roles', roles)).toBe(true);
    expect(quoteHasFigure('cut 16000 roles', roles)).toBe(true);
    expect(quoteHasFigure('cut 16k roles', roles)).toBe(true);
    expect(quoteHasFigure('cut 1,600 roles', roles)).toBe(false);
    expect(quoteHasFigure('two tranches', { count: 2, unit: 'tranches' })).toBe(true);
  });
  it('percents', () => {
    expect(quoteHasFigure('fell 2.1%', { percent: 2.1 })).toBe(true);
    expect(quoteHasFigure('fell 2.1 percent', { percent: -2.1 })).toBe(true);
    expect(quoteHasFigure('fell 2.1 per cent', { percent: 2.1 })).toBe(true);
    expect(quoteHasFigure('fell 21%', { percent: 2.1 })).toBe(false);
    expect(quoteHasFigure('fell 2.1 points', { percent: 2.1 })).toBe(false);
  });
  it('dates by month name, quarter, half, year', () => {
    const day: Value = { date: '2026-01-28', precision: 'day' };
    expect(quoteHasFigure('on January 28', day)).toBe(true);
    expect(quoteHasFigure('on Jan. 28, 2026', day)).toBe(true);
    expect(quoteHasFigure('on 28 January', day)).toBe(true);
    expect(quoteHasFigure('on 2026-01-28', day)).toBe(true);
    expect(quoteHasFigure('on January 29', day)).toBe(false);
    expect(quoteHasFigure('on January 280', day)).toBe(false);
    expect(quoteHasFigure('in January', { date: '2026-01', precision: 'month' })).toBe(true);
    expect(quoteHasFigure('in June', { date: '2026-01', precision: 'month' })).toBe(false);
    const q4: Value = { date: '2026-Q4', precision: 'quarter' };
    expect(quoteHasFigure('in the fourth quarter of 2026', q4)).toBe(true);
    expect(quoteHasFigure('a Q4 listing', q4)).toBe(true);
    expect(quoteHasFigure('in the third quarter', q4)).toBe(false);
    expect(quoteHasFigure('in the second half', { date: '2026-H2', precision: 'half' })).toBe(true);
    expect(quoteHasFigure('since 2019', { date: '2019', precision: 'year' })).toBe(true);
    expect(quoteHasFigure('since 20190', { date: '2019', precision: 'year' })).toBe(false);
  });
  it('durations', () => {
    const four: Value = { duration: 4, unit: 'year' };
    expect(quoteHasFigure('over four years', four)).toBe(true);
    expect(quoteHasFigure('a 4-year deal', four)).toBe(true);
    expect(quoteHasFigure('over 4 years', four)).toBe(true);
    expect(quoteHasFigure('over four months', four)).toBe(false);
    expect(quoteHasFigure('4 billion years', four)).toBe(false);
    expect(quoteHasFigure('in one day', { duration: 1, unit: 'day' })).toBe(true);
  });
});
