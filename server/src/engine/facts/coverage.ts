// Which figures of an article are covered by the facts file? A figure is covered when a quote of
// some fact (or of an exclusion) found in the article spans it. Used by `factlint facts draw`.
import type { Figure } from '../types.js';
import type { FactsFile } from './schema.js';
import { extractFigures } from '../figures/extract.js';
import { parseMarkdown } from '../markdown/parse.js';

/** Text with whitespace collapsed and typographic quotes/dashes made plain, with a map back to offsets. */
export function normalizeForQuotes(text: string): { norm: string; map: number[] } {
  let norm = '';
  const map: number[] = [];
  let lastSpace = true;
  for (let i = 0; i < text.length; i++) {
    let c = text[i];
    if (/\s/.test(c)) {
      if (lastSpace) continue;
      c = ' ';
      lastSpace = true;
    } else lastSpace = false;
    if (c === '’' || c === '‘' || c === '′') c = "'";
    else if (c === '“' || c === '”' || c === '″') c = '"';
    else if (c === '–' || c === '—' || c === '−') c = '-';
    norm += c;
    map.push(i);
  }
  return { norm, map };
}

function normalizeQuote(q: string): string {
  return normalizeForQuotes(q).norm.trim();
}

export interface ArticleRegion {
  start: number;
  end: number;
  text: string;
}

/** Prose regions of an article: Markdown blocks for .md files, paragraphs (lines) for plain text. */
export function articleRegions(text: string, markdown: boolean): ArticleRegion[] {
  if (markdown) return parseMarkdown(text).blocks.map((b) => ({ start: b.start, end: b.end, text: b.text }));
  const out: ArticleRegion[] = [];
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || text[i] === '\n') {
      if (text.slice(start, i).trim()) out.push({ start, end: i, text: text.slice(start, i) });
      start = i + 1;
    }
  }
  return out;
}

export interface ArticleFigure {
  figure: Figure;
  /** The sentence (or table line) holding the figure. */
  sentence: string;
  covered: boolean;
  /** Ids of the facts whose quotes cover it (or "exclusion"). */
  coveredBy: string[];
}

function sentenceAround(text: string, start: number, end: number): string {
  let a = start;
  while (a > 0 && !/[.!?\n]/.test(text[a - 1])) a--;
  let b = end;
  while (b < text.length && !/[.!?\n]/.test(text[b])) b++;
  if (b < text.length && text[b] !== '\n') b++;
  return text.slice(a, b).replace(/\s+/g, ' ').trim();
}

export function articleFigures(text: string, data: Pick<FactsFile, 'facts' | 'exclusions'>, markdown: boolean): ArticleFigure[] {
  const { norm, map } = normalizeForQuotes(text);
  const covered: { from: number; to: number; by: string }[] = [];
  const mark = (quote: string, by: string) => {
    const q = normalizeQuote(quote);
    if (!q) return;
    for (let at = norm.indexOf(q); at >= 0; at = norm.indexOf(q, at + 1)) {
      covered.push({ from: map[at], to: map[at + q.length - 1] + 1, by });
    }
  };
  for (const f of data.facts) for (const v of f.variants) for (const s of v.sources) mark(s.quote, f.id);
  for (const e of data.exclusions ?? []) mark(e.quote, 'exclusion');
  const out: ArticleFigure[] = [];
  for (const r of articleRegions(text, markdown)) {
    for (const figure of extractFigures(r.text, r.start)) {
      const by = covered.filter((c) => c.from <= figure.start && c.to >= figure.end).map((c) => c.by);
      out.push({ figure, sentence: sentenceAround(text, figure.start, figure.end), covered: by.length > 0, coveredBy: [...new Set(by)] });
    }
  }
  return out;
}
