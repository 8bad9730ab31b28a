// Words journalists use around figures: scales, number words, months, qualifiers.
import type { Qualifier } from '../facts/schema.js';

/** Scale words and abbreviations after a number, lower-cased. */
export const SCALES: ReadonlyMap<string, number> = new Map([
  ['thousand', 1e3],
  ['k', 1e3],
  ['million', 1e6],
  ['millions', 1e6],
  ['mn', 1e6],
  ['mln', 1e6],
  ['mil', 1e6],
  ['m', 1e6],
  ['billion', 1e9],
  ['billions', 1e9],
  ['bn', 1e9],
  ['bln', 1e9],
  ['b', 1e9],
  ['trillion', 1e12],
  ['trillions', 1e12],
  ['tn', 1e12],
  ['trn', 1e12],
  ['tr', 1e12],
  ['t', 1e12],
]);

/** Scale words that stand alone in a phrase ("a trillion dollars"), not abbreviations. */
export const SCALE_WORDS: ReadonlyMap<string, number> = new Map([
  ['hundred', 1e2],
  ['thousand', 1e3],
  ['million', 1e6],
  ['billion', 1e9],
  ['trillion', 1e12],
]);

export const UNITS_WORDS: ReadonlyMap<string, number> = new Map([
  ['zero', 0],
  ['one', 1],
  ['two', 2],
  ['three', 3],
  ['four', 4],
  ['five', 5],
  ['six', 6],
  ['seven', 7],
  ['eight', 8],
  ['nine', 9],
  ['ten', 10],
  ['eleven', 11],
  ['twelve', 12],
  ['thirteen', 13],
  ['fourteen', 14],
  ['fifteen', 15],
  ['sixteen', 16],
  ['seventeen', 17],
  ['eighteen', 18],
  ['nineteen', 19],
]);

export const TENS_WORDS: ReadonlyMap<string, number> = new Map([
  ['twenty', 20],
  ['thirty', 30],
  ['forty', 40],
  ['fifty', 50],
  ['sixty', 60],
  ['seventy', 70],
  ['eighty', 80],
  ['ninety', 90],
]);

export const ORDINAL_WORDS: ReadonlyMap<string, number> = new Map([
  ['first', 1],
  ['second', 2],
  ['third', 3],
  ['fourth', 4],
]);

export const MONTHS: ReadonlyMap<string, number> = new Map([
  ['january', 1],
  ['jan', 1],
  ['february', 2],
  ['feb', 2],
  ['march', 3],
  ['mar', 3],
  ['april', 4],
  ['apr', 4],
  ['may', 5],
  ['june', 6],
  ['jun', 6],
  ['july', 7],
  ['jul', 7],
  ['august', 8],
  ['aug', 8],
  ['september', 9],
  ['sept', 9],
  ['sep', 9],
  ['october', 10],
  ['oct', 10],
  ['november', 11],
  ['nov', 11],
  ['december', 12],
  ['dec', 12],
]);

export const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** Month names that are also common words: only dates when a day or year is attached, or after a preposition. */
export const AMBIGUOUS_MONTHS = new Set(['may', 'march', 'mar', 'jun', 'jan', 'feb', 'apr', 'aug', 'sep', 'oct', 'nov', 'dec', 'jul', 'sept']);

export const DATE_PREPOSITIONS: ReadonlyMap<string, 'since' | 'by' | 'in' | 'on' | 'for' | 'as-of'> = new Map([
  ['since', 'since'],
  ['by', 'by'],
  ['in', 'in'],
  ['on', 'on'],
  ['for', 'for'],
  ['during', 'in'],
  ['until', 'by'],
  ['till', 'by'],
  ['through', 'in'],
  ['from', 'since'],
  ['of', 'in'],
  ['before', 'by'],
  ['after', 'in'],
  ['last', 'in'],
  ['next', 'in'],
  ['early', 'in'],
  ['late', 'in'],
  ['mid', 'in'],
  ['end', 'by'],
]);

/** Qualifier phrases before a figure, as lower-case word sequences; longest first when matching. */
export const QUALIFIERS_BEFORE: readonly [string[], Qualifier][] = (
  [
    ['up to', 'up-to'],
    ['as much as', 'up-to'],
    ['as many as', 'up-to'],
    ['as high as', 'up-to'],
    ['at most', 'up-to'],
    ['no more than', 'up-to'],
    ['not more than', 'up-to'],
    ['a maximum of', 'up-to'],
    ['maximum of', 'up-to'],
    ['capped at', 'up-to'],
    ['a ceiling of', 'up-to'],
    ['at least', 'at-least'],
    ['no less than', 'at-least'],
    ['not less than', 'at-least'],
    ['no fewer than', 'at-least'],
    ['a minimum of', 'at-least'],
    ['minimum of', 'at-least'],
    ['as little as', 'at-least'],
    ['more than', 'more-than'],
    ['over', 'more-than'],
    ['above', 'more-than'],
    ['upwards of', 'more-than'],
    ['upward of', 'more-than'],
    ['in excess of', 'more-than'],
    ['north of', 'more-than'],
    ['greater than', 'more-than'],
    ['exceeding', 'more-than'],
    ['exceed', 'more-than'],
    ['exceeds', 'more-than'],
    ['topping', 'more-than'],
    ['top', 'more-than'],
    ['beyond', 'more-than'],
    ['well over', 'more-than'],
    ['well above', 'more-than'],
    ['less than', 'less-than'],
    ['fewer than', 'less-than'],
    ['under', 'less-than'],
    ['below', 'less-than'],
    ['south of', 'less-than'],
    ['shy of', 'less-than'],
    ['short of', 'less-than'],
    ['well under', 'less-than'],
    ['nearly', 'nearly'],
    ['almost', 'nearly'],
    ['close to', 'nearly'],
    ['just under', 'nearly'],
    ['just below', 'nearly'],
    ['just shy of', 'nearly'],
    ['approaching', 'nearly'],
    ['about', 'about'],
    ['around', 'about'],
    ['roughly', 'about'],
    ['approximately', 'about'],
    ['approx', 'about'],
    ['some', 'about'],
    ['an estimated', 'about'],
    ['estimated', 'about'],
    ['circa', 'about'],
    ['in the region of', 'about'],
    ['in the neighborhood of', 'about'],
    ['in the neighbourhood of', 'about'],
    ['on the order of', 'about'],
    ['an approximate', 'about'],
    ['a reported', 'exact'],
  ] as [string, Qualifier][]
)
  .map(([p, q]) => [p.split(' '), q] as [string[], Qualifier])
  .sort((a, b) => b[0].length - a[0].length);

/** Qualifier phrases after a figure. */
export const QUALIFIERS_AFTER: readonly [string[], Qualifier][] = (
  [
    ['or more', 'at-least'],
    ['or so', 'about'],
    ['or less', 'up-to'],
    ['at most', 'up-to'],
    ['at least', 'at-least'],
    ['plus', 'more-than'],
    ['and up', 'at-least'],
    ['or higher', 'at-least'],
    ['and counting', 'at-least'],
  ] as [string, Qualifier][]
)
  .map(([p, q]) => [p.split(' '), q] as [string[], Qualifier])
  .sort((a, b) => b[0].length - a[0].length);

/** Words that negate the figure after them ("not $60 billion"). */
export const NEGATIONS = new Set(['not', 'never', 'nor', "isn't", 'rather']);

/** Nouns that make a number a duration. */
export const DURATION_UNITS: ReadonlyMap<string, 'day' | 'week' | 'month' | 'quarter' | 'year'> = new Map([
  ['day', 'day'],
  ['days', 'day'],
  ['week', 'week'],
  ['weeks', 'week'],
  ['month', 'month'],
  ['months', 'month'],
  ['quarter', 'quarter'],
  ['quarters', 'quarter'],
  ['year', 'year'],
  ['years', 'year'],
]);

/** Currency words after a number ("50 billion dollars"). */
export const CURRENCY_WORDS: ReadonlyMap<string, string> = new Map([
  ['dollars', 'USD'],
  ['dollar', 'USD'],
  ['usd', 'USD'],
  ['euros', 'EUR'],
  ['euro', 'EUR'],
  ['pounds', 'GBP'],
  ['rupees', 'INR'],
  ['yen', 'JPY'],
]);

/** Currency codes before a number ("USD 50 billion"). */
export const CURRENCY_CODES: ReadonlyMap<string, string> = new Map([
  ['usd', 'USD'],
  ['us', 'USD'],
  ['eur', 'EUR'],
  ['gbp', 'GBP'],
  ['inr', 'INR'],
  ['jpy', 'JPY'],
]);

export const CURRENCY_SYMBOLS: ReadonlyMap<string, string> = new Map([
  ['$', 'USD'],
  ['€', 'EUR'],
  ['£', 'GBP'],
  ['₹', 'INR'],
  ['¥', 'JPY'],
]);

export const PERCENT_WORDS = new Set(['percent', 'pct', 'percentage']);
