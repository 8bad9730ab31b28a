// Figure extraction: money, counts, percentages, dates and durations, with the qualifier or
// negation written around them. Works on tokens, in one left-to-right pass: linear in the input.
import type { Qualifier } from '../facts/schema.js';
import type { DateRef, Figure, FigureStyle } from '../types.js';
import { adjacent, hasNumberOrWord, tokenize, type Token } from './tokens.js';
import { readDigits, readWords, type NumberRead } from './numbers.js';
import {
  AMBIGUOUS_MONTHS,
  CURRENCY_CODES,
  CURRENCY_SYMBOLS,
  CURRENCY_WORDS,
  DATE_PREPOSITIONS,
  DURATION_UNITS,
  MONTHS,
  NEGATIONS,
  ORDINAL_WORDS,
  PERCENT_WORDS,
  QUALIFIERS_AFTER,
  QUALIFIERS_BEFORE,
  SCALE_WORDS,
  TENS_WORDS,
  UNITS_WORDS,
} from './lexicon.js';

const ORDINAL_SUFFIX = new Set(['st', 'nd', 'rd', 'th']);
/** Nouns after a four-digit number that make it a count, not a year. */
const COUNT_NOUNS = new Set(['employees', 'people', 'jobs', 'roles', 'workers', 'staff', 'users', 'customers', 'shares', 'positions', 'units', 'chips', 'gpus', 'servers', 'stores', 'layoffs']);

interface Match {
  figure: Omit<Figure, 'qualifier' | 'qualifierText' | 'negated' | 'fullStart' | 'fullEnd'>;
  /** Token range [first, next). */
  first: number;
  next: number;
}

function isYear(t: Token | undefined): boolean {
  return !!t && t.kind === 'num' && !t.grouped && !t.decimals && t.text.length === 4 && t.value! >= 1900 && t.value! <= 2099;
}

function isCapitalized(t: Token): boolean {
  const c = t.text.charCodeAt(0);
  return c >= 65 && c <= 90;
}

function monthAt(tokens: Token[], i: number): { month: number; next: number; abbrev: boolean } | undefined {
  const t = tokens[i];
  if (!t || t.kind !== 'word' || !isCapitalized(t)) return undefined;
  const month = MONTHS.get(t.lower);
  if (month === undefined) return undefined;
  let next = i + 1;
  const abbrev = t.lower.length <= 4 && t.lower !== 'june' && t.lower !== 'july' && t.lower !== 'may';
  if (abbrev && tokens[next]?.text === '.' && adjacent(t, tokens[next])) next++;
  return { month, next, abbrev };
}

function dayAt(tokens: Token[], i: number): { day: number; next: number } | undefined {
  const t = tokens[i];
  if (!t || t.kind !== 'num' || t.decimals || t.grouped || t.text.length > 2) return undefined;
  const day = t.value!;
  if (day < 1 || day > 31) return undefined;
  let next = i + 1;
  const s = tokens[next];
  if (s && s.kind === 'word' && ORDINAL_SUFFIX.has(s.lower) && adjacent(t, s)) next++;
  return { day, next };
}

function relationBefore(tokens: Token[], i: number): DateRef['relation'] {
  let j = i - 1;
  if (tokens[j]?.lower === 'the') j--;
  const r = DATE_PREPOSITIONS.get(tokens[j]?.lower ?? '');
  return r === 'since' || r === 'by' || r === 'in' || r === 'on' || r === 'for' ? r : undefined;
}

/** "the end of", "end of", "early", "late", "mid-" before a date at token i. */
function partBefore(tokens: Token[], i: number): { part: DateRef['part']; first: number } | undefined {
  let j = i - 1;
  if (tokens[j]?.text === '-' && adjacent(tokens[j], tokens[i])) j--;
  const w = tokens[j]?.lower;
  if (w === 'early' || w === 'late' || w === 'mid' || w === 'middle') {
    return { part: w === 'middle' ? 'mid' : w, first: j };
  }
  if (tokens[j]?.lower === 'the') j--;
  if (tokens[j]?.lower === 'of' && (tokens[j - 1]?.lower === 'end' || tokens[j - 1]?.lower === 'close')) {
    let first = j - 1;
    if (tokens[first - 1]?.lower === 'the') first--;
    return { part: 'end', first };
  }
  return undefined;
}

function dateFigure(tokens: Token[], first: number, next: number, date: DateRef): Match {
  const part = partBefore(tokens, first);
  let start = first;
  if (part && !date.part) {
    date.part = part.part;
    start = part.first;
  }
  date.relation = relationBefore(tokens, start);
  return {
    figure: { type: 'date', start: tokens[start].start, end: tokens[next - 1].end, text: '', value: date.year ?? 0, date, precision: 1 },
    first: start,
    next,
  };
}

function tryDate(tokens: Token[], i: number): Match | undefined {
  const t = tokens[i];
  // Month-first: "January 28, 2026", "Jan. 28", "January 28th", "January 2026", "November".
  const m = monthAt(tokens, i);
  if (m) {
    const d = dayAt(tokens, m.next);
    if (d && !(tokens[d.next]?.kind === 'word' && (tokens[d.next].lower === 'billion' || tokens[d.next].lower === 'million' || tokens[d.next].lower === 'percent'))) {
      let next = d.next;
      let year: number | undefined;
      let k = next;
      if (tokens[k]?.text === ',') k++;
      if (isYear(tokens[k])) {
        year = tokens[k].value;
        next = k + 1;
      }
      return dateFigure(tokens, i, next, { year, month: m.month, day: d.day, precision: 'day' });
    }
    if (isYear(tokens[m.next])) {
      return dateFigure(tokens, i, m.next + 1, { year: tokens[m.next].value, month: m.month, precision: 'month' });
    }
    // A month alone: a full, unambiguous name, or any name after a date preposition.
    const prev = tokens[i - 1]?.lower ?? '';
    const afterPreposition = DATE_PREPOSITIONS.has(prev) || prev === 'the' || prev === '-';
    if ((!AMBIGUOUS_MONTHS.has(t.lower) && !m.abbrev) || (afterPreposition && !m.abbrev && t.lower !== 'may')) {
      return dateFigure(tokens, i, m.next, { month: m.month, precision: 'month' });
    }
    return undefined;
  }
  // Day-first: "28 January 2026", "28th January".
  const d = dayAt(tokens, i);
  if (d) {
    const m2 = monthAt(tokens, d.next);
    if (m2) {
      let next = m2.next;
      let year: number | undefined;
      if (tokens[next]?.text === ',' && isYear(tokens[next + 1])) next++;
      if (isYear(tokens[next])) {
        year = tokens[next].value;
        next++;
      }
      return dateFigure(tokens, i, next, { year, month: m2.month, day: d.day, precision: 'day' });
    }
  }
  // ISO: 2026-01-28
  if (isYear(t) && tokens[i + 1]?.text === '-' && adjacent(t, tokens[i + 1])) {
    const mm = tokens[i + 2];
    const dash2 = tokens[i + 3];
    const dd = tokens[i + 4];
    if (mm?.kind === 'num' && mm.text.length === 2 && adjacent(tokens[i + 1], mm) && dash2?.text === '-' && adjacent(mm, dash2) && dd?.kind === 'num' && dd.text.length === 2 && adjacent(dash2, dd)) {
      const month = mm.value!;
      const day = dd.value!;
      if (month >= 1 && month <= 12 && day >= 1 && day <= 31) {
        return dateFigure(tokens, i, i + 5, { year: t.value, month, day, precision: 'day' });
      }
    }
  }
  // Quarters and halves: "Q4 2026", "Q1", "H2 2026".
  if (t.kind === 'word' && (t.lower === 'q' || t.lower === 'h') && tokens[i + 1]?.kind === 'num' && adjacent(t, tokens[i + 1])) {
    const n = tokens[i + 1].value!;
    const isQ = t.lower === 'q';
    if (tokens[i + 1].text.length === 1 && ((isQ && n >= 1 && n <= 4) || (!isQ && n >= 1 && n <= 2))) {
      let next = i + 2;
      let year: number | undefined;
      if (isYear(tokens[next]) && !tokens[next].newline) {
        year = tokens[next].value;
        next++;
      }
      return dateFigure(tokens, i, next, isQ ? { year, quarter: n, precision: 'quarter' } : { year, half: n, precision: 'half' });
    }
  }
  // "the fourth quarter of 2026", "first-quarter", "the second half of 2026".
  const ord = t.kind === 'word' ? ORDINAL_WORDS.get(t.lower) : undefined;
  if (ord !== undefined) {
    let k = i + 1;
    if (tokens[k]?.text === '-' && adjacent(t, tokens[k])) k++;
    const unit = tokens[k]?.lower;
    if ((unit === 'quarter' && ord <= 4) || (unit === 'half' && ord <= 2)) {
      let next = k + 1;
      let year: number | undefined;
      if (tokens[next]?.lower === 'of' && isYear(tokens[next + 1])) {
        year = tokens[next + 1].value;
        next += 2;
      } else if (isYear(tokens[next]) && !tokens[next].newline) {
        year = tokens[next].value;
        next++;
      }
      let first = i;
      if (tokens[first - 1]?.lower === 'the') first--;
      return dateFigure(tokens, first, next, unit === 'quarter' ? { year, quarter: ord, precision: 'quarter' } : { year, half: ord, precision: 'half' });
    }
  }
  // Years and decades: "2026", "since 2019", "mid-2026", "the 1990s".
  if (isYear(t)) {
    const after = tokens[i + 1];
    if (after && after.kind === 'word' && after.lower === 's' && adjacent(t, after)) {
      return dateFigure(tokens, i, i + 2, { year: t.value, decade: true, precision: 'decade' });
    }
    const prev = tokens[i - 1];
    if (prev && (CURRENCY_SYMBOLS.has(prev.text) || (prev.kind === 'word' && adjacent(prev, t)))) return undefined;
    if (after && after.kind === 'word') {
      if (COUNT_NOUNS.has(after.lower)) return undefined;
      if (adjacent(t, after)) return undefined; // "2026bn"
      if (['billion', 'million', 'trillion', 'bn', 'percent', 'dollars'].includes(after.lower)) return undefined;
    }
    if (after && after.text === '%') return undefined;
    return dateFigure(tokens, i, i + 1, { year: t.value, precision: 'year' });
  }
  return undefined;
}

/** Currency written before token i: "$", "US$", "U.S.$", "USD ", "€". Returns the first token of it. */
function currencyBefore(tokens: Token[], i: number): { currency: string; first: number } | undefined {
  const p = tokens[i - 1];
  if (!p) return undefined;
  const sym = CURRENCY_SYMBOLS.get(p.text);
  if (sym && (adjacent(p, tokens[i]) || !tokens[i].newline)) {
    let first = i - 1;
    // "US$", "U.S.$", "A$"
    const q = tokens[first - 1];
    if (q && adjacent(q, p) && q.kind === 'word' && (q.lower === 'us' || q.lower === 'usd')) first--;
    else if (q && adjacent(q, p) && q.text === '.' && tokens[first - 2]?.lower === 's' && tokens[first - 4]?.lower === 'u') first -= 4;
    return { currency: sym, first };
  }
  if (p.kind === 'word' && !adjacent(p, tokens[i]) && (p.text === 'USD' || p.text === 'EUR' || p.text === 'GBP' || p.text === 'INR' || p.text === 'JPY')) {
    return { currency: CURRENCY_CODES.get(p.lower)!, first: i - 1 };
  }
  return undefined;
}

function styleOf(tokens: Token[], first: number, numIndex: number, n: NumberRead, suffix: string): FigureStyle {
  const prefix = first < numIndex ? tokens.slice(first, numIndex).map((t, k) => (k > 0 && t.space ? ' ' : '') + t.text).join('') + (tokens[numIndex].space ? ' ' : '') : '';
  return { prefix, scale: n.scaleText, scaleSep: n.scaleSep, suffix, words: n.words, grouped: n.grouped, multiplier: n.multiplier };
}

function readNumberAt(tokens: Token[], i: number, moneyContext: boolean): NumberRead | undefined {
  return readDigits(tokens, i, moneyContext) ?? readWords(tokens, i);
}

function tryQuantity(tokens: Token[], i: number): Match | undefined {
  const t = tokens[i];
  // Numbers glued to a word before them are names or codes: "GPT-4", "A100", "COVID-19".
  const prev = tokens[i - 1];
  if (t.kind === 'num') {
    if (prev && prev.kind === 'word' && adjacent(prev, t)) return undefined;
    if (prev && prev.text === '-' && adjacent(prev, t) && tokens[i - 2]?.kind === 'word' && adjacent(tokens[i - 2], prev)) return undefined;
    // Ordinals: "16th"
    const s = tokens[i + 1];
    if (s && s.kind === 'word' && ORDINAL_SUFFIX.has(s.lower) && adjacent(t, s)) return undefined;
  } else if (t.kind !== 'word') {
    return undefined;
  }
  const cur = t.kind === 'num' ? currencyBefore(tokens, i) : undefined;
  const n = readNumberAt(tokens, i, !!cur);
  if (!n) return undefined;
  // "one of the largest" is no figure; "one day" is.
  if (n.words && n.value === 1 && n.multiplier === 1 && !DURATION_UNITS.has(tokens[n.next]?.lower ?? '')) return undefined;
  if (n.words && n.value === 0) return undefined;
  let next = n.next;
  let first = cur ? cur.first : i;
  let currency = cur?.currency;
  let suffix = '';
  // "-dollar" compounds and "dollars" after: "fifty-billion-dollar", "50 billion dollars".
  let k = next;
  if (tokens[k]?.text === '-' && adjacent(tokens[k - 1], tokens[k])) k++;
  const cw = CURRENCY_WORDS.get(tokens[k]?.lower ?? '');
  if (cw && !tokens[k].newline && (k === next || adjacent(tokens[k - 1], tokens[k]))) {
    if (!currency) currency = cw;
    suffix = (k === next ? ' ' : '-') + tokens[k].text;
    next = k + 1;
  }
  // Percent: "2.1%", "2.1 percent", "ten per cent".
  const pt = tokens[next];
  if (!currency && pt && (pt.text === '%' || (pt.kind === 'word' && PERCENT_WORDS.has(pt.lower) && pt.lower !== 'percentage') || (pt.lower === 'per' && tokens[next + 1]?.lower === 'cent'))) {
    const end = pt.lower === 'per' ? next + 2 : next + 1;
    let start = first;
    let value = n.value;
    // A sign written before: "-2.1%", "+2.1%", "−2.1%"
    const sign = tokens[i - 1];
    if (sign && (sign.text === '-' || sign.text === '−' || sign.text === '+') && adjacent(sign, t) && !(tokens[i - 2] && adjacent(tokens[i - 2], sign) && tokens[i - 2].kind !== 'sym')) {
      start = i - 1;
      if (sign.text !== '+') value = -value;
    }
    return {
      figure: {
        type: 'percent',
        start: tokens[start].start,
        end: tokens[end - 1].end,
        text: '',
        value,
        precision: n.precision,
        style: { prefix: '', scale: '', scaleSep: '', suffix: pt.text === '%' ? (pt.space ? ' %' : '%') : ' ' + tokens.slice(next, end).map((x) => x.text).join(' '), words: n.words, grouped: false, multiplier: 1 },
      },
      first: start,
      next: end,
    };
  }
  if (currency) {
    return {
      figure: {
        type: 'money',
        start: tokens[first].start,
        end: tokens[next - 1].end,
        text: '',
        value: n.value,
        currency,
        precision: n.precision,
        style: styleOf(tokens, first, i, n, suffix),
        ...(n.plus ? { plus: true } : {}),
      } as Match['figure'],
      first,
      next,
    };
  }
  // Durations: "four years", "18 months".
  // "five-year", "18-month"
  const hyphen = tokens[next]?.text === '-' && adjacent(tokens[next - 1], tokens[next]) && adjacent(tokens[next], tokens[next + 1]) ? 1 : 0;
  const du = DURATION_UNITS.get(tokens[next + hyphen]?.lower ?? '');
  if (du && n.multiplier === 1) {
    return {
      figure: { type: 'duration', start: t.start, end: tokens[next + hyphen].end, text: '', value: n.value, unit: du, precision: 1 },
      first: i,
      next: next + hyphen + 1,
    };
  }
  // A bare scale word without a number word before is not a count ("billions of dollars").
  if (t.kind === 'word' && n.words && n.multiplier === 1 && n.value < 2) return undefined;
  // Counts: "16,000", "16k", "sixteen thousand", "1.5 million people", "two tranches".
  const unitWords: string[] = [];
  for (let k2 = next; k2 < tokens.length && unitWords.length < 3; k2++) {
    const u = tokens[k2];
    if (u.kind !== 'word' || u.newline) break;
    unitWords.push(u.lower);
  }
  return {
    figure: {
      type: 'count',
      start: t.start,
      end: tokens[next - 1].end,
      text: '',
      value: n.value,
      unit: unitWords.join(' '),
      precision: n.precision,
      style: styleOf(tokens, i, i, n, ''),
      incidental: n.words && n.multiplier === 1 && n.value < 10,
    },
    first: i,
    next,
  };
}

/** "trillion-dollar", "billion-dollar": an order of magnitude with no number. */
function tryScaleCompound(tokens: Token[], i: number): Match | undefined {
  const t = tokens[i];
  if (t.kind !== 'word') return undefined;
  const scale = t.lower === 'trillion' ? 1e12 : t.lower === 'billion' ? 1e9 : undefined;
  if (!scale) return undefined;
  const dash = tokens[i + 1];
  const dollar = tokens[i + 2];
  if (dash?.text !== '-' || !adjacent(t, dash) || !dollar || !adjacent(dash, dollar) || dollar.lower !== 'dollar') return undefined;
  const before = tokens[i - 1];
  if (before && before.text === '-' && adjacent(before, t)) return undefined; // "multi-billion-dollar"
  return {
    figure: {
      type: 'money',
      start: t.start,
      end: dollar.end,
      text: '',
      value: scale,
      currency: 'USD',
      precision: scale,
      style: { prefix: '', scale: t.text, scaleSep: '', suffix: '-dollar', words: true, grouped: false, multiplier: scale },
    },
    first: i,
    next: i + 3,
  };
}

function matchWordsBackward(tokens: Token[], end: number, words: string[]): boolean {
  if (end - words.length < 0) return false;
  for (let k = 0; k < words.length; k++) {
    const t = tokens[end - words.length + k];
    if (t.kind !== 'word' || t.lower !== words[k]) return false;
  }
  return true;
}

function matchWordsForward(tokens: Token[], start: number, words: string[]): boolean {
  for (let k = 0; k < words.length; k++) {
    const t = tokens[start + k];
    if (!t || t.kind !== 'word' || t.lower !== words[k] || t.newline) return false;
  }
  return true;
}

interface Qualified {
  qualifier: Qualifier;
  qualifierText: string;
  negated: boolean;
  fullFirst: number;
  fullNext: number;
}

function qualify(tokens: Token[], m: Match): Qualified {
  let qualifier: Qualifier = 'exact';
  let qualifierText = '';
  let fullFirst = m.first;
  let fullNext = m.next;
  const type = m.figure.type;
  if (type === 'money' || type === 'count' || type === 'percent') {
    for (const [words, q] of QUALIFIERS_BEFORE) {
      if (matchWordsBackward(tokens, m.first, words)) {
        // "more than double" is no figure; "over" must directly precede.
        qualifier = q;
        fullFirst = m.first - words.length;
        qualifierText = tokens.slice(fullFirst, m.first).map((t) => t.text).join(' ');
        break;
      }
    }
    if (qualifier === 'exact') {
      const p = tokens[m.first - 1];
      if (p && (p.text === '~' || p.text === '≈') && adjacent(p, tokens[m.first])) {
        qualifier = 'about';
        qualifierText = p.text;
        fullFirst = m.first - 1;
      }
    }
    // "$13 billion-plus"
    if (tokens[m.next]?.text === '-' && adjacent(tokens[m.next - 1], tokens[m.next]) && tokens[m.next + 1]?.lower === 'plus' && adjacent(tokens[m.next], tokens[m.next + 1])) {
      (m.figure as { plus?: boolean }).plus = true;
      fullNext = m.next + 2;
    }
    if ((m.figure as { plus?: boolean }).plus) {
      qualifier = 'more-than';
      qualifierText = '+';
    } else {
      for (const [words, q] of QUALIFIERS_AFTER) {
        if (matchWordsForward(tokens, m.next, words)) {
          if (qualifier === 'exact') {
            qualifier = q;
            qualifierText = words.join(' ');
          }
          fullNext = m.next + words.length;
          break;
        }
      }
    }
  }
  // Negation: "not $60 billion", "not more than", "rather than $60 billion".
  let negated = false;
  const n1 = tokens[fullFirst - 1];
  if (n1 && n1.kind === 'word' && NEGATIONS.has(n1.lower) && n1.lower !== 'rather') {
    negated = true;
    fullFirst--;
  } else if (type !== 'date' && [2, 3].some((k) => {
    // "not weighing $30 billion", "never put in more than ...": a negation a word or two back.
    const w = tokens[fullFirst - k];
    return !!w && w.kind === 'word' && (w.lower === 'not' || w.lower === 'never') && tokens.slice(fullFirst - k + 1, fullFirst).every((t) => t.kind === 'word' && !['only', 'just', 'even', 'merely', 'least', 'but'].includes(t.lower));
  })) {
    negated = true;
  } else if (n1?.lower === 'than' && tokens[fullFirst - 2]?.lower === 'rather') {
    negated = true;
    fullFirst -= 2;
  } else if (n1?.lower === 't' && tokens[fullFirst - 2]?.text === "'" && tokens[fullFirst - 3]?.lower.endsWith('n')) {
    negated = true; // "isn't", "wasn't" (tokenized as isn ' t)
  }
  return { qualifier, qualifierText, negated, fullFirst, fullNext };
}

/** Ranges: "$30-50 billion", "$30 billion to $50 billion", "between $30bn and $50bn". */
function joinRange(tokens: Token[], a: Match, b: Match, text: string): Match | undefined {
  // "$30-50 billion": the second number takes the first one's currency.
  if (a.figure.type === 'money' && b.figure.type === 'count' && !b.figure.style?.prefix) {
    b = { ...b, figure: { ...b.figure, type: 'money', currency: a.figure.currency, unit: undefined, incidental: false } };
  }
  if (a.figure.type !== b.figure.type || (a.figure.type !== 'money' && a.figure.type !== 'percent' && a.figure.type !== 'count')) return undefined;
  const between = tokens.slice(a.next, b.first);
  const sep = between.map((t) => t.lower).join(' ');
  const isRangeSep = sep === '-' || sep === '–' || sep === 'to' || sep === 'and' || sep === '—';
  if (!isRangeSep) return undefined;
  if (sep === 'and' && tokens[a.first - 1]?.lower !== 'between') return undefined;
  if (sep === '-' && !(adjacent(tokens[a.next - 1], between[0]) && adjacent(between[0], tokens[b.first]))) return undefined;
  let low = a.figure.value;
  const high = b.figure.value;
  // "$30-50 billion": the first number takes the second's scale.
  const aStyle = a.figure.style;
  const bStyle = b.figure.style;
  if (aStyle && bStyle && aStyle.multiplier === 1 && bStyle.multiplier > 1) low *= bStyle.multiplier;
  if (!(low < high)) return undefined;
  const first = sep === 'and' ? a.first - 1 : a.first;
  return {
    figure: {
      ...b.figure,
      start: tokens[first].start,
      text: text.slice(tokens[first].start, b.figure.end),
      low,
      currency: b.figure.currency ?? a.figure.currency,
    },
    first,
    next: b.next,
  };
}

/** The unit of the last non-zero digit of `value` (at least `precision`): 800e9 -> 1e11. */
function lastDigitUnit(value: number, precision: number): number {
  if (!Number.isFinite(value) || value === 0 || !(precision > 0)) return precision;
  let unit = precision;
  for (let k = 0; k < 15; k++) {
    const next = unit * 10;
    const q = Math.abs(value) / next;
    if (Math.abs(q - Math.round(q)) > 1e-9 * Math.max(1, q)) break;
    unit = next;
  }
  return unit;
}

/**
 * The words a figure without a digit starts with or holds: number words ("fifty"), scales ("a
 * billion", "billion-dollar"), months ("in January") and ordinals ("the first quarter").
 */
const FIGURE_WORDS: ReadonlySet<string> = new Set([...UNITS_WORDS.keys(), ...TENS_WORDS.keys(), ...SCALE_WORDS.keys(), ...MONTHS.keys(), ...ORDINAL_WORDS.keys()]);
const FIGURE_WORD_LENGTHS = [...FIGURE_WORDS].map((w) => w.length);
const FIGURE_WORD_MIN = Math.min(...FIGURE_WORD_LENGTHS);
const FIGURE_WORD_MAX = Math.max(...FIGURE_WORD_LENGTHS);

/**
 * False when `extractFigures(text)` is sure to find nothing: no digit and none of the words a
 * figure needs. Cheaper than tokenizing, so most table cells and headings cost one scan.
 */
export function mayHoldFigure(text: string): boolean {
  return hasNumberOrWord(text, FIGURE_WORDS, FIGURE_WORD_MIN, FIGURE_WORD_MAX);
}

/**
 * Finds the figures in `text` (a prose block, already masked). Offsets in the result are
 * `base + index in text`.
 */
export function extractFigures(text: string, base = 0): Figure[] {
  return extractFiguresFromTokens(text, tokenize(text), base);
}

/** As extractFigures, with the text's tokens already at hand (from `tokenize(text)`). */
export function extractFiguresFromTokens(text: string, tokens: Token[], base = 0): Figure[] {
  const matches: Match[] = [];
  let i = 0;
  while (i < tokens.length) {
    const m = tryDate(tokens, i) ?? tryScaleCompound(tokens, i) ?? tryQuantity(tokens, i);
    if (m && m.next > i) {
      const prev = matches[matches.length - 1];
      const joined = prev && prev.next <= m.first && m.first - prev.next <= 1 ? joinRange(tokens, prev, m, text) : undefined;
      if (joined) matches[matches.length - 1] = joined;
      else matches.push(m);
      i = m.next;
    } else {
      i++;
    }
  }
  const figures = new Array<Figure>(matches.length);
  for (let k = 0; k < matches.length; k++) {
    const m = matches[k];
    const q = qualify(tokens, m);
    const fig = m.figure as Figure & { plus?: boolean };
    // The mark of "$13 billion-plus" served qualify() and is no part of the figure (deleted rather
    // than left out by a rest pattern: copying every figure that way was slow; few carry it).
    if ('plus' in fig) delete fig.plus;
    // The match's figure is this call's own: completed in place (the keys in the order a copy
    // `{ ...fig, roundPrecision, text, ... }` would have them), not copied.
    fig.roundPrecision = lastDigitUnit(fig.value, fig.precision);
    fig.text = text.slice(fig.start, fig.end);
    fig.start += base;
    fig.end += base;
    fig.fullStart = tokens[q.fullFirst].start + base;
    fig.fullEnd = tokens[q.fullNext - 1].end + base;
    fig.qualifier = fig.low !== undefined && q.qualifier === 'exact' ? 'exact' : q.qualifier;
    fig.qualifierText = q.qualifierText;
    fig.negated = q.negated;
    figures[k] = fig;
  }
  return figures;
}

export { tokenize };
