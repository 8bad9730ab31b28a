// Quote checks on a parsed facts file: each quote contains its figure, is found verbatim in its
// article, and is short. Pure: the articles' texts are passed in.
import { factsUnits, problemAt, type FactsProblem, type FactsUnit, type ParsedFacts } from './load.js';
import { Value } from './schema.js';
import type { PathSegment } from './locate.js';
import { formatValue, MONTH_NAMES, valueType } from './format.js';

export interface CheckQuotesOptions {
  /** Source file name (a source's `file`) -> the article's text. Without it quotes are not looked up. */
  sourceTexts?: Map<string, string>;
  /** Whether the quote states the variant's value. */
  quoteHasFigure: (quote: string, variantValue: Value) => boolean;
}

export const MAX_QUOTE_WORDS = 40;

// ---------------------------------------------------------------------------------------------
// Verbatim matching

/**
 * Text as compared for "verbatim": typographic quotes, apostrophes and dashes made plain,
 * compatibility forms folded (NFKC: "…" -> "..."), soft hyphens and zero-width characters dropped,
 * all whitespace removed (so line wrapping and spacing never matter) and "--" read as a dash.
 */
export function normalizeForMatch(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[\u00AD\u200B-\u200D\u2060\uFEFF]/g, '')
    .replace(/[\u2018\u2019\u201A\u201B\u2032\u0060\u00B4]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g, '"')
    .replace(/[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g, '-')
    .replace(/\s+/g, '')
    .replace(/-{2,}/g, '-');
}

/** A quote may leave words out with "..." / "…" / "[...]": its parts must then appear in order. */
function quoteParts(quote: string): string[] {
  return quote
    .split(/\s*(?:\[\s*(?:\.\.\.|…)\s*\]|\.\.\.|…)\s*/)
    .map(normalizeForMatch)
    .filter((p) => p.length > 0);
}

/** Whether `quote` is in `text`, verbatim up to whitespace, typographic characters and elisions. */
export function quoteInText(quote: string, normalizedText: string): boolean {
  const parts = quoteParts(quote);
  if (!parts.length) return false;
  let from = 0;
  for (const p of parts) {
    const i = normalizedText.indexOf(p, from);
    if (i < 0) return false;
    from = i + p.length;
  }
  return true;
}

/** The longest run of the quote's first words that is in the text (for a helpful message). */
function matchingPrefix(quote: string, normalizedText: string): string {
  const words = quote.trim().split(/\s+/);
  let lo = 0;
  let hi = words.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (normalizedText.includes(normalizeForMatch(words.slice(0, mid).join(' ')))) lo = mid;
    else hi = mid - 1;
  }
  return words.slice(0, lo).join(' ');
}

export function countWords(s: string): number {
  return s.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

// ---------------------------------------------------------------------------------------------
// A simple "does the quote state this figure" (the engine's figure extractor replaces it)

const WORD_NUMBERS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  hundred: 100,
  dozen: 12,
};
const TENS = new Set([20, 30, 40, 50, 60, 70, 80, 90]);

const SCALE_WORDS: Record<string, number> = {
  trillion: 1e12,
  trillions: 1e12,
  tn: 1e12,
  tr: 1e12,
  t: 1e12,
  billion: 1e9,
  billions: 1e9,
  bn: 1e9,
  bln: 1e9,
  b: 1e9,
  million: 1e6,
  millions: 1e6,
  mn: 1e6,
  mln: 1e6,
  mil: 1e6,
  m: 1e6,
  thousand: 1e3,
  k: 1e3,
};

// The character after a scale word is captured: a lower-case letter there means it was not one
// ("5 bananas"), an upper-case one is a run-together table cell ("$50 billionIn talks").
const NUMBER_RE = /(?<![\w.])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\+?(?:[\s\u00A0-]*(trillions?|billions?|millions?|thousand|bln|mln|mil|bn|tn|tr|[tbmk])(?=([\s\S]?)))?/gi;
const TENS_WORDS = Object.keys(WORD_NUMBERS).filter((w) => TENS.has(WORD_NUMBERS[w]));
const UNIT_WORDS = Object.keys(WORD_NUMBERS).filter((w) => WORD_NUMBERS[w] < 10 && w.length > 2);
// "twenty-five", "fifty billion", "a trillion", "four"
const WORD_RE = new RegExp(
  `\\b(?:(${TENS_WORDS.join('|')})[\\s-]+(${UNIT_WORDS.join('|')})|(${Object.keys(WORD_NUMBERS).join('|')}))(?:[\\s\\u00A0-]+(trillions?|billions?|millions?|thousand))?\\b`,
  'gi',
);

interface NumberToken {
  value: number;
  /** Number as written before its scale word. */
  base: number;
  scaled: boolean;
  end: number;
}

/** The numbers written in `s`, in digits ("16,000", "$50bn", "0.83 trillion") or words ("four", "fifty billion"). */
export function numbersIn(s: string): NumberToken[] {
  const out: NumberToken[] = [];
  for (const m of s.matchAll(NUMBER_RE)) {
    const base = parseFloat(m[1].replace(/,/g, ''));
    const scaleOk = !!m[2] && !/[a-z]/.test(m[3] ?? '');
    const scale = scaleOk ? SCALE_WORDS[m[2].toLowerCase()] ?? 1 : 1;
    const numberLen = m[1].length + (m[0][m[1].length] === '+' ? 1 : 0);
    out.push({ value: base * scale, base, scaled: scale !== 1, end: (m.index ?? 0) + (scaleOk ? m[0].length : numberLen) });
  }
  for (const m of s.matchAll(WORD_RE)) {
    const word = (m[3] ?? '').toLowerCase();
    const base = m[1] ? WORD_NUMBERS[m[1].toLowerCase()] + WORD_NUMBERS[m[2].toLowerCase()] : WORD_NUMBERS[word];
    const scale = m[4] ? SCALE_WORDS[m[4].toLowerCase()] : 1;
    // "a" and "an" only count before a scale word ("a billion dollars")
    if ((word === 'a' || word === 'an') && !m[4]) continue;
    out.push({ value: base * scale, base, scaled: scale !== 1, end: (m.index ?? 0) + m[0].length });
  }
  return out;
}

const near = (a: number, b: number) => Math.abs(a - b) <= Math.max(Math.abs(a), Math.abs(b)) * 1e-9;
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function monthPattern(month: number): string {
  const name = MONTH_NAMES[month - 1];
  if (!name) return '(?!)';
  const abbr = name.slice(0, 3);
  const extra = month === 9 ? '|Sept\\.?' : '';
  return `(?:${name}|${abbr}\\.?${extra})`;
}

const ORDINALS = ['first', 'second', 'third', 'fourth'];

/**
 * A stand-in for the engine's figure extractor: whether `quote` states `value`. Money: the amount
 * with any scale ("$50 billion", "$50bn", "50,000,000,000", "$0.05 trillion"); counts with or
 * without thousands separators or in words; percents ("2.1%", "2.1 percent"); dates by month
 * name and day, quarter ("Q4", "fourth quarter"), half, or year; durations ("four years", "4-year").
 */
export function defaultQuoteHasFigure(quote: string, value: Value): boolean {
  const q = quote.normalize('NFKC');
  switch (valueType(value)) {
    case 'money': {
      const amount = (value as { amount: number }).amount;
      return numbersIn(q).some((n) => near(n.value, amount));
    }
    case 'count': {
      const count = (value as { count: number }).count;
      return numbersIn(q).some((n) => near(n.value, count));
    }
    case 'percent': {
      const pct = Math.abs((value as { percent: number }).percent);
      const re = /(\d+(?:\.\d+)?)\s*(?:%|percent\b|per\s+cent\b|pct\b|percentage\s+points?\b)/gi;
      for (const m of q.matchAll(re)) if (near(parseFloat(m[1]), pct)) return true;
      return false;
    }
    case 'date': {
      const d = value as { date: string; precision: string };
      const m = String(d.date).match(/^(\d{4})(?:-(\d{2}|Q[1-4]|H[12]))?(?:-(\d{2}))?$/);
      if (!m) return false;
      const year = m[1];
      const hasYear = new RegExp(`(?<!\\d)(?:${year}|'${year.slice(2)})(?!\\d)`).test(q);
      switch (d.precision) {
        case 'day': {
          const month = monthPattern(+m[2]);
          const day = String(+m[3]);
          const iso = `${year}-${m[2]}-${m[3]}`;
          return (
            q.includes(iso) ||
            new RegExp(`\\b${month}\\s+0?${day}(?:st|nd|rd|th)?(?!\\d)`, 'i').test(q) ||
            new RegExp(`(?<!\\d)0?${day}(?:st|nd|rd|th)?\\s+(?:of\\s+)?${month}\\b`, 'i').test(q)
          );
        }
        case 'month':
          return new RegExp(`\\b${monthPattern(+m[2])}(?![a-z])`, 'i').test(q) || q.includes(`${year}-${m[2]}`);
        case 'quarter': {
          const n = +m[2].slice(1);
          return new RegExp(`\\bQ${n}\\b|\\b${ORDINALS[n - 1]}[\\s-]+quarter\\b|\\b${['1st', '2nd', '3rd', '4th'][n - 1]}[\\s-]+quarter\\b`, 'i').test(q);
        }
        case 'half': {
          const n = +m[2].slice(1);
          return new RegExp(`\\bH${n}\\b|\\b${ORDINALS[n - 1]}[\\s-]+half\\b|\\b${n === 1 ? '1st' : '2nd'}[\\s-]+half\\b`, 'i').test(q);
        }
        default:
          return hasYear;
      }
    }
    case 'duration': {
      const v = value as { duration: number; unit: string };
      const unit = v.unit === 'day' ? 'days?' : `${esc(v.unit)}s?`;
      for (const n of numbersIn(q)) {
        if (!near(n.value, v.duration) || n.scaled) continue;
        if (new RegExp(`^[\\s\\u00A0-]*(?:full\\s+|calendar\\s+)?${unit}\\b`, 'i').test(q.slice(n.end))) return true;
      }
      return false;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The checks

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

interface SourceDef {
  unit: FactsUnit;
  index: number;
  file?: string;
}

/**
 * Checks every quote: (a) a variant's quote states the variant's figure (`quoteHasFigure`);
 * (b) with `sourceTexts`, each variant and exclusion quote is found verbatim in its source's
 * article (whitespace, typographic quotes and dashes aside; "..." may elide words); (c) a quote
 * over 40 words is a warning. Problems are located at the quote's node.
 */
export function checkQuotes(parsed: ParsedFacts, opts: CheckQuotesOptions): FactsProblem[] {
  const out: FactsProblem[] = [];
  const units = factsUnits(parsed);
  const sources = new Map<string, SourceDef>();
  for (const unit of units) {
    if (!isObj(unit.raw)) continue;
    arr(unit.raw.sources).forEach((s, index) => {
      const id = isObj(s) ? str(s.id) : undefined;
      if (id && !sources.has(id)) sources.set(id, { unit, index, file: str((s as Obj).file) });
    });
  }
  const normalized = new Map<string, string>();
  const missingReported = new Set<string>();

  /** The normalized article text of source `id`, or undefined (then reported once, if texts were given). */
  const articleOf = (id: string | undefined): { text: string; file: string } | undefined => {
    if (!opts.sourceTexts || !id) return undefined;
    const def = sources.get(id);
    if (!def?.file) return undefined; // unknown source: load.ts reports it
    const text = opts.sourceTexts.get(def.file);
    if (text === undefined) {
      if (!missingReported.has(id)) {
        missingReported.add(id);
        out.push(problemAt(def.unit, ['sources', def.index, 'file'], `article "${def.file}" not found in the sources folder: quotes of source "${id}" not checked`, 'source-file-missing', 'warning'));
      }
      return undefined;
    }
    let n = normalized.get(def.file);
    if (n === undefined) {
      n = normalizeForMatch(text);
      normalized.set(def.file, n);
    }
    return { text: n, file: def.file };
  };

  const checkVerbatim = (unit: FactsUnit, path: PathSegment[], quote: string, sourceId: string | undefined) => {
    const article = articleOf(sourceId);
    if (!article || quoteInText(quote, article.text)) return;
    const prefix = matchingPrefix(quote, article.text);
    const hint = countWords(prefix) >= 3 ? `; it matches up to "${prefix.length > 60 ? `…${prefix.slice(-60)}` : prefix}"` : '';
    out.push(problemAt(unit, path, `quote not found in ${article.file} (source "${sourceId}")${hint}`, 'quote-not-in-source'));
  };
  const checkLength = (unit: FactsUnit, path: PathSegment[], quote: string) => {
    const n = countWords(quote);
    if (n > MAX_QUOTE_WORDS) out.push(problemAt(unit, path, `quote is ${n} words long; keep quotes to at most ${MAX_QUOTE_WORDS} words`, 'quote-too-long', 'warning'));
  };

  for (const unit of units) {
    if (!isObj(unit.raw)) continue;
    arr(unit.raw.facts).forEach((f, i) => {
      if (!isObj(f)) return;
      arr(f.variants).forEach((v, j) => {
        if (!isObj(v)) return;
        const val = Value.safeParse(v.value);
        arr(v.sources).forEach((sr, k) => {
          if (!isObj(sr)) return;
          const quote = str(sr.quote);
          if (!quote || !quote.trim()) return; // the schema reports it
          const path = ['facts', i, 'variants', j, 'sources', k, 'quote'];
          checkLength(unit, path, quote);
          if (val.success) {
            let ok = true;
            try {
              ok = opts.quoteHasFigure(quote, val.data);
            } catch {
              ok = true; // a failing checker must not turn into a finding
            }
            if (!ok) out.push(problemAt(unit, path, `quote does not contain the figure ${formatValue(val.data, 'exact')}`, 'quote-missing-figure'));
          }
          checkVerbatim(unit, path, quote, str(sr.source));
        });
      });
    });
    arr(unit.raw.exclusions).forEach((x, i) => {
      if (!isObj(x)) return;
      const quote = str(x.quote);
      if (!quote || !quote.trim()) return;
      const path = ['exclusions', i, 'quote'];
      checkLength(unit, path, quote);
      const text = str(x.text);
      if (text && text.trim() && !normalizeForMatch(quote).includes(normalizeForMatch(text))) {
        out.push(problemAt(unit, ['exclusions', i, 'text'], `"${text}" is not in the exclusion's quote`, 'exclusion-text-not-in-quote'));
      }
      checkVerbatim(unit, path, quote, str(x.source));
    });
  }
  return out;
}
