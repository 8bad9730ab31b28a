import { describe, expect, it } from 'vitest';
import { formatBareValue, formatDate, formatMoney, formatNumber, formatPeriodWords, formatValue, formatVariants, qualifierText } from '../server/src/engine/facts/format.js';
import { isDisputed, sameValue } from '../server/src/engine/facts/disputes.js';
import { levenshtein, suggestIds, didYouMean } from '../server/src/engine/facts/suggest.js';
import type { Variant } from '../server/src/engine/facts/schema.js';

describe('formatValue', () => {
  it('renders the documented examples', () => {
    expect(formatValue({ amount: 50e9, currency: 'USD' }, 'up-to')).toBe('up to $50 billion');
    expect(formatValue({ amount: 830e9, currency: 'USD' }, 'about')).toBe('about $830 billion');
    expect(formatValue({ amount: 13e9, currency: 'USD' }, 'more-than')).toBe('more than $13 billion');
    expect(formatValue({ amount: 1e12, currency: 'USD' }, 'exact')).toBe('$1 trillion');
    expect(formatValue({ count: 16000, unit: 'roles' }, 'exact')).toBe('16,000 roles');
    expect(formatValue({ percent: 2.1 }, 'exact')).toBe('2.1%');
    expect(formatValue({ date: '2026-01-28', precision: 'day' })).toBe('January 28, 2026');
    expect(formatValue({ date: '2026-01', precision: 'month' })).toBe('January 2026');
    expect(formatValue({ date: '2026-Q4', precision: 'quarter' })).toBe('Q4 2026');
    expect(formatValue({ date: '2026', precision: 'year', part: 'late' })).toBe('late 2026');
    expect(formatValue({ date: '2019', precision: 'year' })).toBe('2019');
    expect(formatValue({ duration: 4, unit: 'year' })).toBe('4 years');
  });

  it('every qualifier', () => {
    const v = { amount: 10e9, currency: 'USD' as const };
    expect(formatValue(v, 'nearly')).toBe('nearly $10 billion');
    expect(formatValue(v, 'less-than')).toBe('less than $10 billion');
    expect(formatValue(v, 'at-least')).toBe('at least $10 billion');
    expect(formatValue(v)).toBe('$10 billion');
    expect(qualifierText('exact')).toBe('');
    expect(qualifierText(undefined)).toBe('');
  });

  it('money: scales, decimals, currencies, small amounts', () => {
    expect(formatMoney(7.5e9)).toBe('$7.5 billion');
    expect(formatMoney(1.25e12)).toBe('$1.25 trillion');
    expect(formatMoney(2e6, 'EUR')).toBe('€2 million');
    expect(formatMoney(3e9, 'GBP')).toBe('£3 billion');
    expect(formatMoney(250000)).toBe('$250,000');
    expect(formatMoney(999.5)).toBe('$999.5');
    expect(formatMoney(5e9, 'CHF')).toBe('5 billion CHF');
    expect(formatMoney(157e9)).toBe('$157 billion');
    expect(formatMoney(0.1e9 + 0.2e9)).toBe('$300 million');
    expect(formatMoney(1_234_567_890)).toBe('$1.235 billion');
  });

  it('numbers', () => {
    expect(formatNumber(16000)).toBe('16,000');
    expect(formatNumber(1234567.891)).toBe('1,234,567.891');
    expect(formatNumber(2.1)).toBe('2.1');
    expect(formatNumber(2.0)).toBe('2');
    expect(formatNumber(-0.5)).toBe('-0.5');
    expect(formatNumber(0.1 + 0.2)).toBe('0.3');
    expect(formatNumber(Number.NaN)).toBe('NaN');
  });

  it('dates: every precision and part, and bad input without throwing', () => {
    expect(formatDate({ date: '2026-H2', precision: 'half' })).toBe('H2 2026');
    expect(formatDate({ date: '2026-03', precision: 'month', part: 'early' })).toBe('early March 2026');
    expect(formatDate({ date: '2026', precision: 'year', part: 'mid' })).toBe('mid-2026');
    expect(formatDate({ date: '2026-Q1', precision: 'quarter', part: 'end' })).toBe('the end of Q1 2026');
    expect(formatDate({ date: '2026-02-05', precision: 'day' })).toBe('February 5, 2026');
    expect(formatDate({ date: 'soon', precision: 'day' })).toBe('soon');
    expect(formatDate({ date: '2026-13', precision: 'month' })).toBe('2026-13');
    expect(formatPeriodWords({ date: '2026-Q4', precision: 'quarter' })).toBe('the fourth quarter of 2026');
    expect(formatPeriodWords({ date: '2026-H1', precision: 'half' })).toBe('the first half of 2026');
  });

  it('counts, percents and durations', () => {
    expect(formatBareValue({ count: 1, unit: 'plant' })).toBe('1 plant');
    expect(formatBareValue({ percent: -3.25 })).toBe('-3.25%');
    expect(formatBareValue({ percent: 10 })).toBe('10%');
    expect(formatBareValue({ duration: 1, unit: 'year' })).toBe('1 year');
    expect(formatBareValue({ duration: 18, unit: 'month' })).toBe('18 months');
    expect(formatBareValue({ duration: 1.5, unit: 'day' })).toBe('1.5 days');
  });

  it('joins variants', () => {
    const variants: Variant[] = [
      { value: { amount: 50e9, currency: 'USD' }, qualifier: 'up-to', sources: [{ source: 's', quote: 'q' }] },
      { value: { amount: 40e9, currency: 'USD' }, qualifier: 'exact', sources: [{ source: 's', quote: 'q' }] },
    ];
    expect(formatVariants({ variants })).toBe('up to $50 billion | $40 billion');
  });
});

describe('isDisputed', () => {
  const v = (value: Variant['value'], qualifier: Variant['qualifier'] = 'exact'): Variant => ({ value, qualifier, sources: [{ source: 's', quote: 'q' }] });
  it('one variant, or variants that agree: not disputed', () => {
    expect(isDisputed({ variants: [v({ amount: 5e9, currency: 'USD' })] })).toBe(false);
    expect(isDisputed({ variants: [v({ amount: 5e9, currency: 'USD' }), v({ amount: 5e9, currency: 'USD' })] })).toBe(false);
    expect(isDisputed({ variants: [] })).toBe(false);
    // wording of a count's unit is not a dispute
    expect(isDisputed({ variants: [v({ count: 16000, unit: 'roles' }), v({ count: 16000, unit: 'jobs' })] })).toBe(false);
  });
  it('a different value or qualifier: disputed', () => {
    expect(isDisputed({ variants: [v({ amount: 5e9, currency: 'USD' }), v({ amount: 6e9, currency: 'USD' })] })).toBe(true);
    expect(isDisputed({ variants: [v({ amount: 5e9, currency: 'USD' }, 'up-to'), v({ amount: 5e9, currency: 'USD' })] })).toBe(true);
    expect(isDisputed({ variants: [v({ amount: 5e9, currency: 'USD' }), v({ amount: 5e9, currency: 'EUR' })] })).toBe(true);
    expect(isDisputed({ variants: [v({ date: '2026-01-29', precision: 'day' }), v({ date: '2026-01-30', precision: 'day' })] })).toBe(true);
    expect(isDisputed({ variants: [v({ date: '2026', precision: 'year', part: 'early' }), v({ date: '2026-Q4', precision: 'quarter' })] })).toBe(true);
  });
  it('dates that contain one another agree: a day within its month, Q4 within late 2026', () => {
    expect(isDisputed({ variants: [v({ date: '2026', precision: 'year', part: 'late' }), v({ date: '2026-Q4', precision: 'quarter' })] })).toBe(false);
    expect(isDisputed({ variants: [v({ date: '2026-01-28', precision: 'day' }), v({ date: '2026-01', precision: 'month' })] })).toBe(false);
  });
  it('sameValue across forms', () => {
    expect(sameValue({ percent: 2 }, { count: 2, unit: 'x' })).toBe(false);
    expect(sameValue({ duration: 4, unit: 'year' }, { duration: 4, unit: 'year' })).toBe(true);
    expect(sameValue({ duration: 4, unit: 'year' }, { duration: 48, unit: 'month' })).toBe(false);
  });
});

describe('suggestIds', () => {
  const ids = ['amazon-openai-investment', 'nvidia-openai-investment', 'openai-round-size', 'openai-ipo-timing', 'amazon-layoffs'];
  it('finds typos, closest first', () => {
    expect(suggestIds('amazon-openai-investmen', ids)).toEqual(['amazon-openai-investment']);
    expect(suggestIds('openai-ipo-timng', ids)).toEqual(['openai-ipo-timing']);
    expect(suggestIds('AMAZON-LAYOFFS', ids)).toEqual(['amazon-layoffs']);
  });
  it('finds ids containing a fragment', () => {
    expect(suggestIds('amazon', ids)).toEqual(['amazon-layoffs', 'amazon-openai-investment']);
    expect(suggestIds('openai', ids, 2)).toHaveLength(2);
  });
  it('nothing close: nothing', () => {
    expect(suggestIds('zzzzzzzz', ids)).toEqual([]);
    expect(suggestIds('', ids)).toEqual([]);
    expect(suggestIds('ab', [])).toEqual([]);
  });
  it('didYouMean and levenshtein', () => {
    expect(didYouMean('s2', ['s1', 's3'])).toBe(' (did you mean "s1" or "s3"?)');
    expect(didYouMean('qq', ['zzzz'])).toBe('');
    expect(levenshtein('kitten', 'sitting')).toBe(3);
    expect(levenshtein('', 'abc')).toBe(3);
    expect(levenshtein('abc', 'abc')).toBe(0);
    expect(levenshtein('abcdef', 'ghijkl', 2)).toBe(3);
  });
});
