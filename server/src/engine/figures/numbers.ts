// Reading a number at a token: digits ("16,000", "2.1", "$50bn") or words ("fifty", "sixteen
// thousand", "a trillion"), with the scale that follows.
import { adjacent, type Token } from './tokens.js';
import { SCALES, SCALE_WORDS, TENS_WORDS, UNITS_WORDS } from './lexicon.js';

export interface NumberRead {
  /** Token index just past the number (and its scale). */
  next: number;
  value: number;
  /** Value of one unit of the last written digit (or of the scale, for words). */
  precision: number;
  multiplier: number;
  scaleText: string;
  scaleSep: string;
  words: boolean;
  grouped: boolean;
  /** A "+" written right after the number or scale ("$13+ billion", "$31B+"). */
  plus: boolean;
  /** Index of the scale token, or -1. */
  scaleIndex: number;
}

const SINGLE_LETTER_SCALES = new Set(['k', 'm', 'b', 't']);

/** A scale token at j after a number token at j-1 (adjacent abbreviations or spaced words). */
function scaleAt(tokens: Token[], j: number, numberEnd: Token, moneyContext: boolean): number | undefined {
  const t = tokens[j];
  if (!t || t.kind !== 'word') return undefined;
  const m = SCALES.get(t.lower);
  if (m === undefined) return undefined;
  const isAdjacent = adjacent(numberEnd, t);
  if (SINGLE_LETTER_SCALES.has(t.lower) || t.lower === 'tr' || t.lower === 'mil') {
    // "50B", "16k", "5m": only glued to the number; m/b/t need money context or upper case.
    if (!isAdjacent) return undefined;
    if (t.lower !== 'k' && !moneyContext && t.text !== t.text.toUpperCase()) return undefined;
    // "50bn" yes; "5 ms" no: the next char must not continue a word (the tokenizer already split words).
    return m;
  }
  // Spelled scales: "billion", "bn", "mn", "bln" — adjacent or after one space, same line.
  if (t.newline) return undefined;
  return m;
}

export function readDigits(tokens: Token[], i: number, moneyContext: boolean): NumberRead | undefined {
  const t = tokens[i];
  if (!t || t.kind !== 'num' || t.value === undefined || !Number.isFinite(t.value)) return undefined;
  let value = t.value;
  const decimals = t.decimals ?? 0;
  let precision = Math.pow(10, -decimals);
  let next = i + 1;
  let plus = false;
  if (tokens[next]?.text === '+' && adjacent(tokens[next - 1], tokens[next])) {
    plus = true;
    next++;
  }
  let multiplier = 1;
  let scaleText = '';
  let scaleSep = '';
  let scaleIndex = -1;
  const m = scaleAt(tokens, next, tokens[next - 1], moneyContext);
  if (m !== undefined) {
    multiplier = m;
    scaleText = tokens[next].text;
    scaleSep = adjacent(tokens[next - 1], tokens[next]) ? '' : ' ';
    scaleIndex = next;
    next++;
    if (tokens[next]?.text === '+' && adjacent(tokens[next - 1], tokens[next])) {
      plus = true;
      next++;
    }
  }
  value *= multiplier;
  precision *= multiplier;
  return { next, value, precision, multiplier, scaleText, scaleSep, words: false, grouped: !!t.grouped, plus, scaleIndex };
}

/** A run of number words: "fifty", "fifty-two", "sixteen thousand", "one hundred billion", "a trillion". */
export function readWords(tokens: Token[], i: number): NumberRead | undefined {
  let j = i;
  let group = 0;
  let any = false;
  const t0 = tokens[j];
  if (!t0 || t0.kind !== 'word') return undefined;
  if ((t0.lower === 'a' || t0.lower === 'an') && SCALE_WORDS.has(tokens[j + 1]?.lower ?? '')) {
    group = 1;
    any = true;
    j++;
  } else {
    const tens = TENS_WORDS.get(t0.lower);
    const units = UNITS_WORDS.get(t0.lower);
    if (tens !== undefined) {
      group = tens;
      any = true;
      j++;
      // "fifty-two"
      if (tokens[j]?.text === '-' && adjacent(tokens[j - 1], tokens[j]) && UNITS_WORDS.has(tokens[j + 1]?.lower ?? '') && adjacent(tokens[j], tokens[j + 1])) {
        const u = UNITS_WORDS.get(tokens[j + 1].lower)!;
        if (u > 0 && u < 10) {
          group += u;
          j += 2;
        }
      }
    } else if (units !== undefined) {
      group = units;
      any = true;
      j++;
    }
  }
  if (!any) return undefined;
  // "one hundred", "two hundred and fifty"
  if (tokens[j]?.lower === 'hundred') {
    group *= 100;
    j++;
    let k = j;
    if (tokens[k]?.lower === 'and') k++;
    const tens = TENS_WORDS.get(tokens[k]?.lower ?? '');
    const units = UNITS_WORDS.get(tokens[k]?.lower ?? '');
    if (tens !== undefined) {
      group += tens;
      j = k + 1;
    } else if (units !== undefined && units > 0) {
      group += units;
      j = k + 1;
    }
  }
  let multiplier = 1;
  let scaleText = '';
  let scaleIndex = -1;
  // A scale word, possibly hyphen-joined: "fifty-billion-dollar".
  let k = j;
  if (tokens[k]?.text === '-' && adjacent(tokens[k - 1], tokens[k])) k++;
  const scale = SCALE_WORDS.get(tokens[k]?.lower ?? '');
  if (scale !== undefined && scale >= 1e3 && (k === j || adjacent(tokens[k - 1], tokens[k]))) {
    multiplier = scale;
    scaleText = tokens[k].text;
    scaleIndex = k;
    j = k + 1;
  }
  const value = group * multiplier;
  return {
    next: j,
    value,
    precision: multiplier,
    multiplier,
    scaleText,
    scaleSep: scaleText ? (tokens[scaleIndex - 1]?.text === '-' ? '-' : ' ') : '',
    words: true,
    grouped: false,
    plus: false,
    scaleIndex,
  };
}

/** Writes a number for a replacement in the writer's style. */
export function formatNumber(value: number, grouped: boolean, maxDecimals = 2): string {
  const rounded = Math.round(value * Math.pow(10, maxDecimals)) / Math.pow(10, maxDecimals);
  if (grouped && Math.abs(rounded) >= 1000 && Number.isInteger(rounded)) return rounded.toLocaleString('en-US');
  return String(rounded);
}

const WORD_UNITS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const WORD_TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

/** 0..999 in words; undefined when not a whole number in range. */
export function numberToWords(n: number): string | undefined {
  if (!Number.isInteger(n) || n < 0 || n > 999) return undefined;
  if (n < 20) return WORD_UNITS[n];
  if (n < 100) return WORD_TENS[Math.floor(n / 10)] + (n % 10 ? '-' + WORD_UNITS[n % 10] : '');
  const rest = n % 100;
  return WORD_UNITS[Math.floor(n / 100)] + ' hundred' + (rest ? ' and ' + numberToWords(rest) : '');
}
