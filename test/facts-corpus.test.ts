// The bundled facts against the five source articles: every quote is found verbatim in its
// article and states its figure, and every figure of the articles is covered by a fact or an
// exclusion. The articles live beside the project in ../shared/sources (present in CI).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFactsFiles } from '../server/src/engine/facts/fsload.js';
import { checkQuotes } from '../server/src/engine/facts/validate.js';
import { quoteHasFigure } from '../server/src/engine/figures/quote.js';
import { articleFigures } from '../server/src/engine/facts/coverage.js';
import { isDisputed } from '../server/src/engine/facts/disputes.js';
import { FACTS_DIR, ROOT } from './helpers/bundled.js';

const SOURCES = path.resolve(ROOT, '..', 'shared', 'sources');

describe('the bundled facts file', () => {
  it('has the source articles beside the project', () => {
    expect(existsSync(SOURCES), `${SOURCES} is missing: the corpus checks need the articles`).toBe(true);
  });

  const loaded = loadFactsFiles([FACTS_DIR], { sourcesDir: SOURCES });

  it('loads without problems', () => {
    expect(loaded.problems).toEqual([]);
    expect(loaded.data?.facts.length).toBeGreaterThanOrEqual(25);
  });

  it('names every article in its sources section', () => {
    const files = readdirSync(SOURCES).filter((f) => f.endsWith('.txt')).sort();
    expect(loaded.data!.sources.map((s) => s.file).sort()).toEqual(files);
  });

  it('has every quote verbatim in its article, stating its figure', () => {
    expect(loaded.sourceTexts?.size).toBe(5);
    expect(checkQuotes(loaded, { sourceTexts: loaded.sourceTexts, quoteHasFigure })).toEqual([]);
  });

  it('records the disagreements between the sources as variants', () => {
    const disputed = loaded.data!.facts.filter(isDisputed).map((f) => f.id);
    for (const id of ['amazon-openai-investment', 'anthropic-valuation', 'amazon-anthropic-investment', 'amazon-openai-talks-reported', 'openai-current-valuation']) {
      expect(disputed).toContain(id);
    }
  });

  it('covers every figure of the five articles with a fact or an exclusion', () => {
    const uncovered: string[] = [];
    for (const file of readdirSync(SOURCES).filter((f) => f.endsWith('.txt'))) {
      const text = readFileSync(path.join(SOURCES, file), 'utf8');
      for (const f of articleFigures(text, loaded.data!, false)) if (!f.covered) uncovered.push(`${file}: ${f.figure.text} in "${f.sentence}"`);
    }
    expect(uncovered).toEqual([]);
  });

  it('would report a figure that nothing covers', () => {
    const text = 'A new report says the venture raised $77 billion in 2031.';
    const figures = articleFigures(text, loaded.data!, false);
    expect(figures.map((f) => [f.figure.text, f.covered])).toEqual([
      ['$77 billion', false],
      ['2031', false],
    ]);
  });
});
