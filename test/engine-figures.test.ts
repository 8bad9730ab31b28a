import { describe, expect, it } from 'vitest';
import { extractFigures } from '../server/src/engine/figures/extract.js';
import type { Figure } from '../server/src/engine/types.js';

function one(text: string): Figure {
  const figs = extractFigures(text);
  expect(figs, `figures in ${JSON.stringify(text)}`).toHaveLength(1);
  return figs[0];
}

describe('money in every common form', () => {
  const cases: [string, number, string][] = [
    ['The stake is $50 billion today.', 50e9, '$50 billion'],
    ['The stake is $50bn today.', 50e9, '$50bn'],
    ['The stake is $50B today.', 50e9, '$50B'],
    ['The stake is $50 bln today.', 50e9, '$50 bln'],
    ['The stake is US$50 billion today.', 50e9, 'US$50 billion'],
    ['The stake is USD 50 billion today.', 50e9, 'USD 50 billion'],
    ['The stake is 50 billion dollars today.', 50e9, '50 billion dollars'],
    ['The stake is fifty billion dollars today.', 50e9, 'fifty billion dollars'],
    ['The firm is worth $0.83 trillion now.', 830e9, '$0.83 trillion'],
    ['The firm is worth $830,000,000,000 now.', 830e9, '$830,000,000,000'],
    ['It raised $2.5m last year.', 2.5e6, '$2.5m'],
    ['A $1.1 trillion market.', 1.1e12, '$1.1 trillion'],
    ['Some €3bn went to Europe.', 3e9, '€3bn'],
    ['a fifty-billion-dollar wager', 50e9, 'fifty-billion-dollar'],
    ['a trillion-dollar listing', 1e12, 'a trillion-dollar'],
    ['a billion-dollar listing', 1e9, 'a billion-dollar'],
    ['up to a trillion dollars', 1e12, 'a trillion dollars'],
    ['We spent $125,000 on it.', 125000, '$125,000'],
  ];
  for (const [text, value, written] of cases) {
    it(written, () => {
      const f = one(text);
      expect(f.type).toBe('money');
      expect(f.value).toBeCloseTo(value, 0);
      expect(text.slice(f.start, f.end)).toBe(written);
    });
  }

  it('reads "$13+ billion" and "$31B+" as more than', () => {
    expect(one('He put in $13+ billion.').qualifier).toBe('more-than');
    const f = one('| $31B+ |');
    expect(f.qualifier).toBe('more-than');
    expect(f.value).toBe(31e9);
  });

  it('keeps the currency apart from other currencies', () => {
    expect(one('a €5bn deal').currency).toBe('EUR');
    expect(one('a $5bn deal').currency).toBe('USD');
  });

  it('reads ranges', () => {
    const a = one('between $30 billion and $50 billion');
    expect([a.low, a.value]).toEqual([30e9, 50e9]);
    const b = one('some $30-50 billion in total');
    expect([b.low, b.value]).toEqual([30e9, 50e9]);
    const c = one('from $30bn to $50bn');
    expect([c.low, c.value]).toEqual([30e9, 50e9]);
  });

  it('records the precision the writer used', () => {
    expect(one('$0.8 trillion').precision).toBeCloseTo(1e11);
    expect(one('$830 billion').precision).toBe(1e9);
    expect(one('$8.25bn').precision).toBeCloseTo(1e7);
  });

  it('does not read model names or codes as figures', () => {
    expect(extractFigures('GPT-4 and A100 chips and COVID-19')).toHaveLength(0);
  });
});

describe('qualifiers and negation', () => {
  const cases: [string, string][] = [
    ['up to $50 billion', 'up-to'],
    ['as much as $50 billion', 'up-to'],
    ['at least $50 billion', 'at-least'],
    ['more than $10 billion', 'more-than'],
    ['over $8 billion', 'more-than'],
    ['north of $13 billion', 'more-than'],
    ['nearly $500 billion', 'nearly'],
    ['almost $500 billion', 'nearly'],
    ['about $8 billion', 'about'],
    ['roughly $8 billion', 'about'],
    ['~$8 billion', 'about'],
    ['less than $10 billion', 'less-than'],
    ['under $10 billion', 'less-than'],
    ['$50 billion or more', 'at-least'],
    ['$8 billion', 'exact'],
  ];
  for (const [text, q] of cases) {
    it(`${text} -> ${q}`, () => {
      const f = one(`They said ${text} yesterday.`);
      expect(f.qualifier).toBe(q);
    });
  }

  it('includes the qualifier in the full range', () => {
    const text = 'Microsoft may add more than $10 billion.';
    const f = one(text);
    expect(text.slice(f.fullStart, f.fullEnd)).toBe('more than $10 billion');
    expect(text.slice(f.start, f.end)).toBe('$10 billion');
  });

  it('sees negation', () => {
    expect(one('The total is not $60 billion.').negated).toBe(true);
    expect(one('The total is $60 billion.').negated).toBe(false);
  });
});

describe('counts, percentages and durations', () => {
  it('counts', () => {
    expect(one('It cut 16,000 roles.')).toMatchObject({ type: 'count', value: 16000 });
    expect(one('It cut 16k roles.')).toMatchObject({ type: 'count', value: 16000 });
    expect(one('It cut sixteen thousand roles.')).toMatchObject({ type: 'count', value: 16000 });
    expect(one('It serves 1.5 million people.')).toMatchObject({ type: 'count', value: 1.5e6 });
    expect(one('in two tranches')).toMatchObject({ type: 'count', value: 2, unit: 'tranches' });
  });

  it('percentages', () => {
    expect(one('down 2.1% on the day')).toMatchObject({ type: 'percent', value: 2.1 });
    expect(one('down 2.1 percent on the day')).toMatchObject({ type: 'percent', value: 2.1 });
    expect(one('down ten per cent on the day')).toMatchObject({ type: 'percent', value: 10 });
    expect(one('| -2.1% |')).toMatchObject({ type: 'percent', value: -2.1 });
  });

  it('durations', () => {
    expect(one('over four years')).toMatchObject({ type: 'duration', value: 4, unit: 'year' });
    expect(one('within 18 months')).toMatchObject({ type: 'duration', value: 18, unit: 'month' });
  });

  it('does not count "one of the largest"', () => {
    expect(extractFigures('one of the largest deals')).toHaveLength(0);
  });
});

describe('dates and periods', () => {
  const cases: [string, Record<string, unknown>][] = [
    ['January 28, 2026', { year: 2026, month: 1, day: 28, precision: 'day' }],
    ['Jan. 28', { month: 1, day: 28, precision: 'day' }],
    ['28 January', { month: 1, day: 28, precision: 'day' }],
    ['January 28th', { month: 1, day: 28, precision: 'day' }],
    ['January 2026', { year: 2026, month: 1, precision: 'month' }],
    ['Q4 2026', { year: 2026, quarter: 4, precision: 'quarter' }],
    ['the fourth quarter of 2026', { year: 2026, quarter: 4, precision: 'quarter' }],
    ['late 2026', { year: 2026, part: 'late', precision: 'year' }],
    ['H2 2026', { year: 2026, half: 2, precision: 'half' }],
    ['2026-01-28', { year: 2026, month: 1, day: 28, precision: 'day' }],
    ['the 1990s', { year: 1990, precision: 'decade' }],
  ];
  for (const [text, date] of cases) {
    it(text, () => {
      const f = one(`It happened ${text} as planned.`);
      expect(f.type).toBe('date');
      expect(f.date).toMatchObject(date);
    });
  }

  it('reads the relation', () => {
    expect(one('its partner since 2019').date).toMatchObject({ year: 2019, relation: 'since' });
    expect(one('signed in November').date).toMatchObject({ month: 11, relation: 'in' });
  });

  it('does not take "may" the verb for a month', () => {
    expect(extractFigures('Amazon may invest later.')).toHaveLength(0);
  });

  it('does not read a year in a money figure', () => {
    const figs = extractFigures('$2026 billion');
    expect(figs).toHaveLength(1);
    expect(figs[0].type).toBe('money');
  });
});

describe('offsets', () => {
  it('are UTF-16 offsets into the text, with a base', () => {
    const text = '😀\tThe 🚀 stake is $50bn.';
    const f = extractFigures(text, 100)[0];
    expect(f.start - 100).toBe(text.indexOf('$50bn'));
    expect(f.end - f.start).toBe(5);
  });
});
