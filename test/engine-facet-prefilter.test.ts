// matchFigure scores only the facets a figure may be about (a subject named near it, a
// distinctive cue, a variant its number or date may agree with): the others would fail
// scoreFacet's first test anyway. Checked by checking drafts both ways, facets marked and every
// facet scored: the fixture drafts and seeded news-style articles full of figures (the bench's
// generator, with sourced numbers, near misses and dates).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { analyzeDocument } from '../server/src/engine/check.js';
import { facetPool, mayAgree, mayMatchSomeNumber, scoreEveryFacet } from '../server/src/engine/claims/match.js';
import type { Figure } from '../server/src/engine/types.js';
import { mulberry32 } from './helpers/random-draft.js';
import { bundledFacts, ROOT } from './helpers/bundled.js';
// @ts-expect-error: the bench's corpus generator is plain JavaScript.
import { article } from '../bench/corpus.mjs';

function markdownUnder(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...markdownUnder(p));
    else if (e.name.endsWith('.md')) out.push(fs.readFileSync(p, 'utf8'));
  }
  return out;
}

/** Checks `d` with every facet scored and with the marked ones only: the same findings and bindings. */
function sameBothWays(d: string, base: ReturnType<typeof bundledFacts>) {
  scoreEveryFacet(true);
  const all = analyzeDocument(d, base);
  scoreEveryFacet(false);
  const marked = analyzeDocument(d, base);
  expect(marked.findings, d.slice(0, 80)).toEqual(all.findings);
  expect(marked.bindings, d.slice(0, 80)).toEqual(all.bindings);
  return all;
}

describe('facet pre-filter', () => {
  afterEach(() => scoreEveryFacet(false));

  it('changes no finding and no binding', () => {
    const base = bundledFacts();
    const drafts = [...markdownUnder(path.join(ROOT, 'test', 'fixtures')), ...Array.from({ length: 150 }, (_, i) => article(20261123, i) as string)];
    expect(drafts.length).toBeGreaterThan(150);
    let findings = 0;
    for (const d of drafts) findings += sameBothWays(d, base).findings.length;
    // The drafts are about the facts: plenty of figures are claims to compare.
    expect(findings).toBeGreaterThan(1000);
  });

  it('scores the facts whose numbers a figure agrees with only within its rounding', () => {
    const base = bundledFacts();
    // The fact's own party is not named, so only the numbers can lead to it: "about $800 billion"
    // agrees with $830 billion by its rounding, "$29.6bn" with $30 billion by none. Said of
    // another party, such a number is that other fact's (wrong-entity).
    const sentences = [
      'SoftBank said the round values the company at about $800 billion.',
      'Microsoft agreed a deal that values the startup at roughly $0.8 trillion.',
      'Nvidia is in talks to invest about $50bn, people familiar said.',
      'The round would value the company at about $800 billion, the paper said.',
      'The company would be worth roughly $0.8 trillion after the round.',
      'A valuation of nearly $830bn was discussed.',
      'The deal could bring in about $50bn, with a further $29.6bn later.',
      'Some 16,000 roles, or about 10% of the staff, were cut in the quarter.',
      'Reports put the total at around $100 billion, half of it from one backer.',
    ];
    let bound = 0;
    for (const d of sentences) bound += sameBothWays(d, base).bindings.length;
    expect(bound).toBeGreaterThan(0);
  });

  it('never rules out a number that agrees with a sourced one (the quick test before each facet)', () => {
    const base = bundledFacts();
    const rnd = mulberry32(20261123);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
    let agreeing = 0;
    for (const type of ['money', 'count', 'percent'] as const) {
      const pool = facetPool(base, type, undefined);
      const sourced = pool.flatMap((fi) => base.facets[fi].variants.map((v) => v.value as { amount?: number; count?: number; percent?: number }));
      expect(sourced.length).toBeGreaterThan(0);
      for (let k = 0; k < 4000; k++) {
        const v = pick(sourced);
        const n = v.amount ?? v.count ?? v.percent ?? 0;
        // Near the sourced number: off by a rounding step, a slip, or a sign (percentages).
        const value = n * pick([1, 1, 0.96, 0.97, 1.03, 1.04, 0.5, 1.2, 0.999, 1.001]) * (type === 'percent' && rnd() < 0.2 ? -1 : 1);
        const precision = pick([1, 0.1, 10, 1e6, 1e8, 1e9, 1e10]);
        const figure: Figure = {
          type, start: 0, end: 1, fullStart: 0, fullEnd: 1, text: String(value), value, qualifier: pick(['exact', 'about', 'nearly', 'up-to'] as const), qualifierText: '', negated: false, precision,
          ...(rnd() < 0.5 ? { roundPrecision: precision * pick([1, 10, 100]) } : {}),
          ...(rnd() < 0.2 ? { low: value * pick([0.5, 0.8, 0.95]) } : {}),
          ...(type === 'money' ? { currency: pick(['USD', 'USD', 'EUR']) } : {}),
        };
        const agrees = pool.some((fi) => mayAgree(figure, base.facets[fi]));
        if (agrees) agreeing++;
        if (agrees) expect(mayMatchSomeNumber(base, figure, pool), JSON.stringify(figure)).toBe(true);
      }
    }
    expect(agreeing).toBeGreaterThan(1000);
  });
});
