// Facts values as text: "up to $50 billion", "16,000 roles", "January 28, 2026", "Q4 2026".
// Used by the CLI (list, show), the engine's messages and the hover.
import type { DateValue, Fact, Qualifier, Value } from './schema.js';

export type ValueType = 'money' | 'count' | 'percent' | 'date' | 'duration';

/** Which of the value forms `value` is. */
export function valueType(value: Value): ValueType {
  if ('amount' in value) return 'money';
  if ('count' in value) return 'count';
  if ('percent' in value) return 'percent';
  if ('date' in value) return 'date';
  return 'duration';
}

export const CURRENCY_SYMBOLS: Record<string, string> = { USD: '$', EUR: '€', GBP: '£', INR: '₹', JPY: '¥' };

export { MONTH_NAMES } from '../figures/lexicon.js';
import { MONTH_NAMES } from '../figures/lexicon.js';

const QUALIFIER_WORDS: Record<Qualifier, string> = {
  exact: '',
  about: 'about',
  nearly: 'nearly',
  'up-to': 'up to',
  'less-than': 'less than',
  'at-least': 'at least',
  'more-than': 'more than',
};

/** The words for a qualifier: "up to", "more than"; '' for exact. */
export function qualifierText(q: Qualifier | undefined): string {
  return (q && QUALIFIER_WORDS[q]) ?? '';
}

/**
 * A number with thousands separators and at most `maxDecimals` decimals, trailing zeros dropped:
 * 16000 -> "16,000", 2.10 -> "2.1", 0.8333 -> "0.833".
 */
export function formatNumber(n: number, maxDecimals = 3): string {
  if (!Number.isFinite(n)) return String(n);
  const neg = n < 0;
  let s = Math.abs(n).toFixed(maxDecimals);
  if (s.includes('e')) return String(n);
  if (s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '');
  const [int, frac] = s.split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const out = frac ? `${grouped}.${frac}` : grouped;
  return neg && out !== '0' ? `-${out}` : out;
}

const SCALES: [number, string][] = [
  [1e12, 'trillion'],
  [1e9, 'billion'],
  [1e6, 'million'],
];

/** "$50 billion", "$1 trillion", "€2.5 million", "$250,000". */
export function formatMoney(amount: number, currency = 'USD'): string {
  const sym = CURRENCY_SYMBOLS[currency];
  const neg = amount < 0;
  const abs = Math.abs(amount);
  let body = formatNumber(abs, 2);
  for (const [mult, word] of SCALES) {
    if (abs >= mult) {
      body = `${formatNumber(abs / mult, 3)} ${word}`;
      break;
    }
  }
  const text = sym ? `${sym}${body}` : `${body} ${currency}`;
  return neg ? `-${text}` : text;
}

const ORDINAL_WORDS = ['first', 'second', 'third', 'fourth'];

/** "January 28, 2026", "January 2026", "Q4 2026", "H2 2026", "2026", "late 2026", "mid-2026". */
export function formatDate(d: DateValue): string {
  const date = String(d.date ?? '');
  let base: string | undefined;
  let m: RegExpMatchArray | null;
  switch (d.precision) {
    case 'day':
      if ((m = date.match(/^(\d{4})-(\d{2})-(\d{2})$/)) && MONTH_NAMES[+m[2] - 1]) base = `${MONTH_NAMES[+m[2] - 1]} ${+m[3]}, ${m[1]}`;
      break;
    case 'month':
      if ((m = date.match(/^(\d{4})-(\d{2})$/)) && MONTH_NAMES[+m[2] - 1]) base = `${MONTH_NAMES[+m[2] - 1]} ${m[1]}`;
      break;
    case 'quarter':
      if ((m = date.match(/^(\d{4})-Q([1-4])$/))) base = `Q${m[2]} ${m[1]}`;
      break;
    case 'half':
      if ((m = date.match(/^(\d{4})-H([12])$/))) base = `H${m[2]} ${m[1]}`;
      break;
    case 'year':
      if (/^\d{4}$/.test(date)) base = date;
      break;
  }
  base ??= date;
  switch (d.part) {
    case 'early':
      return `early ${base}`;
    case 'mid':
      return `mid-${base}`;
    case 'late':
      return `late ${base}`;
    case 'end':
      return `the end of ${base}`;
    default:
      return base;
  }
}

/** The quarter or half in words: "the fourth quarter of 2026". */
export function formatPeriodWords(d: DateValue): string {
  const m = String(d.date).match(/^(\d{4})-([QH])([1-4])$/);
  if (!m) return formatDate(d);
  return `the ${ORDINAL_WORDS[+m[3] - 1]} ${m[2] === 'Q' ? 'quarter' : 'half'} of ${m[1]}`;
}

function plural(n: number, unit: string): string {
  return n === 1 ? unit : `${unit}s`;
}

/** A value without qualifier: "$50 billion", "16,000 roles", "2.1%", "Q4 2026", "4 years". */
export function formatBareValue(value: Value): string {
  switch (valueType(value)) {
    case 'money': {
      const v = value as { amount: number; currency?: string };
      return formatMoney(v.amount, v.currency ?? 'USD');
    }
    case 'count': {
      const v = value as { count: number; unit: string };
      return `${formatNumber(v.count)} ${v.unit}`.trim();
    }
    case 'percent': {
      const v = value as { percent: number };
      return `${formatNumber(v.percent, 3)}%`;
    }
    case 'date':
      return formatDate(value as DateValue);
    case 'duration': {
      const v = value as { duration: number; unit: string };
      return `${formatNumber(v.duration)} ${plural(v.duration, v.unit)}`;
    }
  }
}

/** A value with its qualifier: "up to $50 billion", "about $830 billion", "$1 trillion". */
export function formatValue(value: Value, qualifier: Qualifier = 'exact'): string {
  const q = qualifierText(qualifier);
  const v = formatBareValue(value);
  return q ? `${q} ${v}` : v;
}

/** Every variant of a fact, joined: "up to $50 billion | $50 billion". */
export function formatVariants(fact: Pick<Fact, 'variants'>, sep = ' | '): string {
  return fact.variants.map((v) => formatValue(v.value, v.qualifier)).join(sep);
}
