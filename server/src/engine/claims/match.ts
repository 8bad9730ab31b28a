// Which fact does a figure speak of? Every fact with a figure of the same type is scored on the
// entities named around the figure, the cue words near it and what it measures; the best
// plausible one is the claim. A figure whose number belongs to another entity's fact is caught
// here too. A figure with no plausible fact stays unsupported: it is never forced onto the nearest.
import type { Figure } from '../types.js';
import type { Measure } from '../facts/schema.js';
import type { Token } from '../figures/tokens.js';
import type { Facet, FactBase } from './factbase.js';
import { spanOf, type BlockContext, type Span } from './context.js';
import { COMPLETION_WORDS, HEDGE_WORDS, RELATED_MEASURES } from './lexicon.js';
import { evaluate, type Evaluation } from '../rules/evaluate.js';
import { words } from './factbase.js';

/** Words that say unambiguously what a money figure measures. */
const STRONG_MEASURES: [Measure, string[]][] = [
  ['valuation', ['valuation', 'valuations', 'valued', 'valuing', 'worth', 'price tag', 'market value', 'market cap', 'value it', 'values it', 'value the company', 'values the company', 'value openai', 'price openai']],
  ['revenue', ['revenue', 'revenues', 'sales', 'run rate', 'run - rate', 'turnover']],
  ['spending', ['capex', 'capital expenditure', 'capital spending', 'capital - spending', 'spend', 'spending', 'outlay', 'outlays']],
  ['deal', ['deal', 'agreement', 'contract', 'pact']],
  ['facility', ['campus', 'data centre', 'data center', 'data - centre', 'data - center', 'facility']],
  ['investment', ['invest', 'invests', 'investing', 'invested', 'investment', 'stake', 'cheque', 'ticket', 'contribute', 'contribution', 'commitment', 'backing', 'money in']],
  ['fundraise', ['raise', 'raising', 'round', 'fundraising', 'fundraise', 'funding round', 'capital raise']],
  ['workforce', ['jobs', 'roles', 'positions', 'layoffs', 'staff', 'employees', 'workers', 'workforce', 'headcount', 'job cuts', 'corporate workforce']],
  ['share-price', ['shares', 'stock', 'share price', 'share move']],
];

interface PhraseEntry {
  words: string[];
  facets: number[];
  measure?: Measure;
  completion?: boolean;
  hedge?: boolean;
}

interface PhraseIndex {
  byFirst: Map<string, PhraseEntry[]>;
}

const indexCache = new WeakMap<FactBase, PhraseIndex>();

function phraseIndex(base: FactBase): PhraseIndex {
  const cached = indexCache.get(base);
  if (cached) return cached;
  const entries = new Map<string, PhraseEntry>();
  const get = (w: string[]): PhraseEntry => {
    const key = w.join(' ');
    let e = entries.get(key);
    if (!e) {
      e = { words: w, facets: [] };
      entries.set(key, e);
    }
    return e;
  };
  base.facets.forEach((f, i) => {
    for (const c of f.cues) get(c).facets.push(i);
  });
  for (const [m, list] of STRONG_MEASURES) for (const p of list) get(words(p)).measure ??= m;
  for (const p of COMPLETION_WORDS) get(words(p)).completion = true;
  for (const p of HEDGE_WORDS) get(words(p)).hedge = true;
  const byFirst = new Map<string, PhraseEntry[]>();
  for (const e of entries.values()) {
    if (e.words.length === 0) continue;
    const list = byFirst.get(e.words[0]) ?? [];
    list.push(e);
    byFirst.set(e.words[0], list);
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.words.length - a.words.length);
  const idx = { byFirst };
  indexCache.set(base, idx);
  return idx;
}

export interface PhraseHit {
  entry: PhraseEntry;
  first: number;
  next: number;
}

/** All cue, measure and status phrases in a token list, left to right (longest match first). */
export function findPhrases(base: FactBase, tokens: Token[]): PhraseHit[] {
  const idx = phraseIndex(base);
  const hits: PhraseHit[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const list = idx.byFirst.get(tokens[i].lower);
    if (!list) continue;
    for (const e of list) {
      if (i + e.words.length > tokens.length) continue;
      let ok = true;
      for (let k = 1; k < e.words.length; k++) {
        if (tokens[i + k].lower !== e.words[k]) {
          ok = false;
          break;
        }
      }
      if (ok) {
        hits.push({ entry: e, first: i, next: i + e.words.length });
        break;
      }
    }
  }
  return hits;
}

export interface Candidate {
  facet: Facet;
  subject: number;
  object: number;
  cue: number;
  measureFit: number;
  conflict: boolean;
  sibling: number;
  plausible: boolean;
  score: number;
  ev: Evaluation;
}

export interface Claim {
  figure: Figure;
  /** The fact the figure speaks of, when one is plausible. */
  best?: Candidate;
  /** A fact whose number the figure carries although it belongs to another entity or claim. */
  other?: Candidate;
  /** The sentence presents the figure as done (invested, signed) without hedging. */
  assertsCompletion: boolean;
  /** The figure's sentence, as token span, for sibling lookups. */
  sentence?: Span;
}

export interface BlockPhrases {
  hits: PhraseHit[];
  outerHits: { hits: PhraseHit[]; weight: number; role: string }[];
}

export function blockPhrases(base: FactBase, ctx: BlockContext): BlockPhrases {
  return {
    hits: findPhrases(base, ctx.tokens),
    outerHits: ctx.outer.map((o) => ({ hits: findPhrases(base, o.tokens), weight: o.weight, role: o.role })),
  };
}

/** Weight of each entity for a figure at token `at`. */
function entityWeights(ctx: BlockContext, at: number, clause: Span | undefined, sentence: Span | undefined): Map<string, number> {
  const w = new Map<string, number>(ctx.outerEntities);
  const put = (e: string, v: number) => {
    if ((w.get(e) ?? 0) < v) w.set(e, v);
  };
  for (const m of ctx.mentions) {
    let v: number;
    if (clause && m.first >= clause.first && m.first < clause.next) v = 1;
    else if (sentence && m.first >= sentence.first && m.first < sentence.next) v = 0.6;
    else if (m.first < at) v = 0.35;
    else v = 0.2;
    if (m.kind === 'reference') v *= 0.95;
    put(m.entity, v);
  }
  return w;
}

function nearestMeasure(hits: PhraseHit[], at: number, clause: Span | undefined): Measure | undefined {
  let best: Measure | undefined;
  let bestD = Infinity;
  for (const h of hits) {
    if (!h.entry.measure) continue;
    if (clause && (h.first < clause.first || h.first >= clause.next)) continue;
    const d = h.first >= at ? h.first - at : at - h.next + 1.1;
    if (d < bestD) {
      bestD = d;
      best = h.entry.measure;
    }
  }
  return best;
}

export interface MatchInput {
  base: FactBase;
  ctx: BlockContext;
  phrases: BlockPhrases;
  figure: Figure;
  /** Token index of the figure's first token and one past its last. */
  at: number;
  end: number;
  /** Facts already claimed by other figures of the same sentence or table row. */
  siblings: Set<string>;
  /** Dates written in the same sentence or row, for facts whose time they confirm. */
  siblingDates: Figure[];
  /** Restrict to one fact (a `[^fact-id]` binding). */
  onlyFact?: string;
}

function mean(xs: number[]): number {
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0;
}

export function matchFigure(input: MatchInput): Claim {
  const { base, ctx, phrases, figure, at, end, siblings, siblingDates, onlyFact } = input;
  const sentence = spanOf(ctx.sentences, at);
  const clause = spanOf(ctx.clauses, at);
  const weights = entityWeights(ctx, at, clause, sentence);
  const measure = nearestMeasure(phrases.hits, at, clause) ?? outerMeasure(phrases);
  const sentHits = phrases.hits.filter((h) => sentence && h.first >= sentence.first && h.first < sentence.next);
  const hedged = sentHits.some((h) => h.entry.hedge);
  const completion = sentHits.some((h) => h.entry.completion && h.next <= at && (!clause || h.first >= clause.first));
  // Entities that claim the clause: named in it, or in a lead-in / row label.
  const focus: string[] = [];
  for (const [e, v] of weights) {
    if (v < 0.9) continue;
    const ent = base.entities.get(e);
    if (ent && (ent.type === 'outlet' || ent.type === 'place' || ent.type === 'person')) continue;
    focus.push(e);
  }
  const pool = onlyFact ? base.facets.filter((f) => f.fact.id === onlyFact && f.type === figure.type) : (base.facetsByType.get(figure.type) ?? []);
  const facetIndex = new Map(base.facets.map((f, i) => [f, i]));
  const candidates: Candidate[] = [];
  for (const facet of pool) {
    const fi = facetIndex.get(facet)!;
    const subjW = facet.subjects.map((s) => weights.get(s) ?? 0);
    const objW = facet.objects.map((o) => weights.get(o) ?? 0);
    const subject = mean(subjW);
    const object = facet.objects.length ? Math.max(...objW) : 0.5;
    const parties = new Set([...facet.subjects, ...facet.objects]);
    const foreign = focus.filter((e) => !parties.has(e));
    const conflict = foreign.length > 0 && (subjW.some((v) => v < 0.9) || (facet.objects.length > 0 && objW.every((v) => v < 0.6)));
    // Cues: near the figure in its clause count most, then the sentence, then the surroundings.
    const cueScores: number[] = [];
    for (const h of sentHits) {
      if (!h.entry.facets.includes(fi)) continue;
      if (h.first < end && h.next > at) continue;
      const d = h.first >= end ? h.first - end : at - h.next;
      const inClause = clause && h.first >= clause.first && h.first < clause.next;
      cueScores.push((inClause ? 1 : 0.5) / (1 + d / 6));
    }
    for (const o of phrases.outerHits) {
      if (o.hits.some((h) => h.entry.facets.includes(fi))) cueScores.push(o.weight * 0.8);
    }
    cueScores.sort((a, b) => b - a);
    const cue = (cueScores[0] ?? 0) + 0.25 * (cueScores[1] ?? 0) + 0.1 * (cueScores[2] ?? 0);
    let measureFit = 0;
    if (measure && (figure.type === 'money' || figure.type === 'count' || figure.type === 'percent')) {
      const ok = measure === facet.measure || (RELATED_MEASURES[facet.measure] ?? []).includes(measure);
      measureFit = ok ? 0.8 : -3;
    }
    let sibling = siblings.has(facet.fact.id) ? 1.5 : 0;
    if (facet.role === 'value' && facet.fact.time && siblingDates.length) {
      const timeFacet = { type: 'date' as const, variants: [{ value: facet.fact.time.value, qualifier: 'exact' as const, sources: [] }] };
      if (siblingDates.some((d) => evaluate(d, timeFacet).ok)) sibling += 1;
    }
    const ev = evaluate(figure, facet);
    let status = 0;
    if (facet.fact.status === 'proposed' || facet.fact.status === 'forecast') status = hedged ? 0.3 : completion ? -0.3 : 0;
    else if (facet.fact.status === 'completed') status = completion ? 0.3 : hedged ? -0.2 : 0;
    const evidence = cue + Math.max(0, measureFit) + sibling;
    const typeNeedsEvidence = figure.type !== 'money' || facet.role !== 'value';
    const plausible =
      !conflict &&
      subject >= 0.3 &&
      measureFit >= 0 &&
      (onlyFact !== undefined || evidence > (typeNeedsEvidence ? 0.25 : 0) || subject >= 0.9);
    const score = 2 * subject + 0.6 * object + 1.2 * cue + measureFit + sibling + status + (ev.ok ? 1.5 : 0.6 * ev.closeness) - (conflict ? 2 : 0);
    candidates.push({ facet, subject, object, cue, measureFit, conflict, sibling, plausible, score, ev });
  }
  const plausible = candidates.filter((c) => c.plausible).sort((a, b) => b.score - a.score);
  let best: Candidate | undefined = plausible[0];
  if (best && !best.ev.ok) {
    // Weak evidence and a wrong number: more likely an unsourced figure than an error.
    const confident = onlyFact !== undefined || (best.subject >= 0.55 && (best.cue >= 0.3 || best.measureFit > 0 || best.sibling > 0)) || best.cue >= 0.9 || best.sibling >= 1.5;
    if (!confident) best = undefined;
  }
  // The number belongs to another fact whose entity the draft does not name here.
  let other: Candidate | undefined;
  if (!best || !best.ev.ok) {
    other = candidates
      .filter((c) => c !== best && c.ev.ok && c.facet.role === 'value' && c.measureFit >= 0 && (c.cue > 0.2 || c.measureFit > 0) && (c.conflict || c.subject < 0.5))
      .filter((c) => !best || c.facet.subjects.join() !== best.facet.subjects.join() || c.facet.objects.join() !== best.facet.objects.join())
      .sort((a, b) => b.score - a.score)[0];
    if (other && !best && !other.conflict) other = undefined;
  }
  return { figure, best, other, assertsCompletion: completion && !hedged, sentence };
}

function outerMeasure(phrases: BlockPhrases): Measure | undefined {
  for (const o of phrases.outerHits) {
    if (o.role !== 'column' && o.role !== 'row-label' && o.role !== 'lead-in') continue;
    const m = o.hits.find((h) => h.entry.measure);
    if (m) return m.entry.measure;
  }
  return undefined;
}
