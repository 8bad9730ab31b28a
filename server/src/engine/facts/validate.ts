// Quote checks on a parsed facts file: each quote contains its figure, is found verbatim in its
// article, and is short. Pure: the articles' texts are passed in.
import { factsUnits, problemAt, type FactsProblem, type FactsUnit, type ParsedFacts } from './load.js';
import { Value } from './schema.js';
import type { PathSegment } from './locate.js';
import { formatValue } from './format.js';

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
    .split(/\s*(?:\[\s*(?:\.\.\.|\u2026)\s*\]|\.\.\.|\u2026)\s*/)
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
