// Which fact does a figure speak of? Every fact with a figure of the same type is scored on the
// entities named around the figure, the cue words near it and what it measures; the best
// plausible one is the claim. A figure whose number belongs to another entity's fact is caught
// here too. A figure with no plausible fact stays unsupported: it is never forced onto the nearest.
import type { DateRef, Figure } from '../types.js';
import type { Measure } from '../facts/schema.js';
import type { Token } from '../figures/tokens.js';
import type { Facet, FactBase } from './factbase.js';
import { spanOf, type BlockContext, type Mention, type OuterText, type Span } from './context.js';
import { COMMITMENT_WORDS, COMPLETION_WORDS, EVENT_VERBS, HEDGE_WORDS, RELATED_MEASURES, RETRACTION_WORDS } from './lexicon.js';
import { evaluate, type Evaluation } from '../rules/evaluate.js';
import { compareDate, dateReading, numberMatches, precisionRank } from '../rules/compare.js';
import { words } from './factbase.js';
import { firstAtOrAfter } from '../text/sorted.js';

/** Words that say unambiguously what a money figure measures. */
const STRONG_MEASURES: [Measure, string[]][] = [
  ['valuation', ['valuation', 'valuations', 'valued', 'valuing', 'worth', 'price tag', 'market value', 'market cap', 'value it', 'values it', 'value the company', 'values the company', 'would value', 'could value', 'will value', 'to value', 'may value', 'might value', 'value openai', 'value anthropic', 'value the startup', 'value the firm', 'would price', 'could price', 'priced at', 'price it', 'prices it', 'pricing']],
  ['revenue', ['revenue', 'revenues', 'sales', 'run rate', 'run - rate', 'turnover']],
  ['spending', ['capex', 'capital expenditure', 'capital spending', 'capital - spending', 'spend', 'spending', 'outlay', 'outlays']],
  ['deal', ['deal', 'agreement', 'contract', 'pact']],
  ['facility', ['campus', 'data centre', 'data center', 'data - centre', 'data - center', 'facility']],
  ['investment', ['invest', 'invests', 'investing', 'invested', 'investment', 'stake', 'cheque', 'ticket', 'contribute', 'contribution', 'commitment', 'backing', 'money in']],
  ['fundraise', ['raise', 'raising', 'round', 'fundraising', 'fundraise', 'funding round', 'capital raise']],
  ['workforce', ['jobs', 'roles', 'positions', 'layoffs', 'staff', 'employees', 'workers', 'workforce', 'headcount', 'job cuts', 'corporate workforce']],
  ['share-price', ['shares', 'stock', 'share price', 'share move']],
  ['funding-structure', ['tranche', 'tranches', 'instalments', 'installments']],
];

interface PhraseEntry {
  words: string[];
  /** The facets the phrase cues; one twice when two cues of a fact read the same. */
  facets: number[];
  /** The same, each once (in order of first listing). */
  distinctFacets: number[];
  measure?: Measure;
  completion?: boolean;
  commitment?: boolean;
  hedge?: boolean;
  retraction?: boolean;
}

interface PhraseIndex {
  byFirst: Map<string, PhraseEntry[]>;
  exact: Map<string, PhraseEntry[]>;
}

const indexCache = new WeakMap<FactBase, PhraseIndex>();

/** The facets a figure of each type is matched against, as positions in `base.facets` (phrase hits name facets by position). */
const poolCache = new WeakMap<FactBase, Map<Figure['type'], number[]>>();

export function facetPool(base: FactBase, type: Figure['type'], onlyFact: string | undefined): number[] {
  if (onlyFact) return indicesWhere(base, (f) => f.fact.id === onlyFact && f.type === type);
  let pools = poolCache.get(base);
  if (!pools) poolCache.set(base, (pools = new Map()));
  let pool = pools.get(type);
  if (!pool) pools.set(type, (pool = (base.facetsByType.get(type) ?? []).map((f) => base.facets.indexOf(f))));
  return pool;
}

function indicesWhere(base: FactBase, keep: (f: Facet) => boolean): number[] {
  const out: number[] = [];
  base.facets.forEach((f, i) => {
    if (keep(f)) out.push(i);
  });
  return out;
}

/** Per facet (by position): the measure words that fit it, its own measure and the related ones. */
const fittingCache = new WeakMap<FactBase, Set<Measure>[]>();

function fittingMeasures(base: FactBase): Set<Measure>[] {
  let out = fittingCache.get(base);
  if (!out) {
    out = base.facets.map((f) => new Set([f.measure, ...(RELATED_MEASURES[f.measure] ?? [])]));
    fittingCache.set(base, out);
  }
  return out;
}

/** A light stem so "invests", "investing" and "invested" meet "invest"; "listed", "lists" meet "list". */
const STEM_KEEP = new Set(['news', 'its', 'this', 'us', 'was', 'has', 'is', 'as', 'series', 'always', 'less', 'unless', 'plus', 'thus']);
export function stem(w: string): string {
  if (w.length <= 3 || STEM_KEEP.has(w)) return w;
  let s = w;
  if (s.endsWith('ies') && s.length > 4) s = s.slice(0, -3) + 'y';
  else if (s.endsWith('s') && !s.endsWith('ss') && !s.endsWith('us') && !s.endsWith('is')) s = s.slice(0, -1);
  if (s.endsWith('ing') && s.length > 5) s = s.slice(0, -3);
  else if (s.endsWith('ied') && s.length > 4) s = s.slice(0, -3) + 'y';
  else if (s.endsWith('ed') && s.length > 4) s = s.slice(0, -2);
  if (s.endsWith('e') && s.length > 4) s = s.slice(0, -1);
  return s;
}

function buildIndex(list: [string[], (e: PhraseEntry) => void][], norm: (w: string) => string): Map<string, PhraseEntry[]> {
  const entries = new Map<string, PhraseEntry>();
  for (const [w0, apply] of list) {
    const w = w0.filter((x) => x !== '-').map(norm);
    if (w.length === 0) continue;
    const key = w.join(' ');
    let e = entries.get(key);
    if (!e) {
      e = { words: w, facets: [], distinctFacets: [] };
      entries.set(key, e);
    }
    apply(e);
  }
  for (const e of entries.values()) e.distinctFacets = [...new Set(e.facets)];
  const byFirst = new Map<string, PhraseEntry[]>();
  for (const e of entries.values()) {
    const l = byFirst.get(e.words[0]) ?? [];
    l.push(e);
    byFirst.set(e.words[0], l);
  }
  for (const l of byFirst.values()) l.sort((a, b) => b.words.length - a.words.length);
  return byFirst;
}

function phraseIndex(base: FactBase): PhraseIndex {
  const cached = indexCache.get(base);
  if (cached) return cached;
  // Cues and measure words match on stems; status words ("has invested" vs "to invest") exactly.
  const cues: [string[], (e: PhraseEntry) => void][] = [];
  base.facets.forEach((f, i) => {
    for (const c of f.cues) cues.push([c, (e) => e.facets.push(i)]);
  });
  for (const [m, list] of STRONG_MEASURES) for (const p of list) cues.push([words(p), (e) => (e.measure ??= m)]);
  const status: [string[], (e: PhraseEntry) => void][] = [];
  for (const p of COMPLETION_WORDS) status.push([words(p), (e) => (e.completion = true)]);
  for (const p of COMMITMENT_WORDS) status.push([words(p), (e) => (e.commitment = true)]);
  for (const p of HEDGE_WORDS) status.push([words(p), (e) => (e.hedge = true)]);
  for (const p of RETRACTION_WORDS) status.push([words(p), (e) => (e.retraction = true)]);
  const idx = { byFirst: buildIndex(cues, stem), exact: buildIndex(status, (w) => w) };
  indexCache.set(base, idx);
  return idx;
}

export interface PhraseHit {
  entry: PhraseEntry;
  first: number;
  next: number;
}

/** Scans keys (one per non-hyphen token; `pos` maps back to token indices) for every indexed phrase. */
function scan(index: Map<string, PhraseEntry[]>, keys: string[], pos: number[], hits: PhraseHit[]): void {
  for (let i = 0; i < keys.length; i++) {
    const list = index.get(keys[i]);
    if (!list) continue;
    for (const e of list) {
      if (i + e.words.length > keys.length) continue;
      let ok = true;
      for (let k = 1; k < e.words.length; k++) {
        if (keys[i + k] !== e.words[k]) {
          ok = false;
          break;
        }
      }
      // Every phrase that starts here counts ("share move" names a measure, "share" cues a fact).
      if (ok) hits.push({ entry: e, first: pos[i], next: pos[i + e.words.length - 1] + 1 });
    }
  }
}

/**
 * All cue, measure and status phrases in a token list, in order (at each token, longest first).
 * Hyphens are ignored, so "stock-market debut" meets "stock market debut".
 */
export function findPhrases(base: FactBase, tokens: Token[]): PhraseHit[] {
  const idx = phraseIndex(base);
  const hits: PhraseHit[] = [];
  const pos: number[] = [];
  const lower: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i].text === '-') continue;
    pos.push(i);
    lower.push(tokens[i].lower);
  }
  scan(idx.byFirst, lower.map(stem), pos, hits);
  scan(idx.exact, lower, pos, hits);
  return hits.sort((a, b) => a.first - b.first);
}

/** How much a matching number says that the figure is about a fact: money amounts are specific, dates less so. */
const OK_BONUS: Record<Figure['type'], number> = { money: 1.5, count: 1, percent: 1, date: 0.8, duration: 0.8 };

/** Tokens on either side of a figure that can bear on it. */
const WINDOW = 40;

/** The hits (sorted by `first`) that start in [lo, hi). */
function hitsBetween(hits: PhraseHit[], lo: number, hi: number): PhraseHit[] {
  let a = 0;
  let b = hits.length;
  while (a < b) {
    const mid = (a + b) >> 1;
    if (hits[mid].first < lo) a = mid + 1;
    else b = mid;
  }
  const out: PhraseHit[] = [];
  for (let i = a; i < hits.length && hits[i].first < hi; i++) out.push(hits[i]);
  return out;
}

export interface Candidate {
  facet: Facet;
  subject: number;
  object: number;
  cue: number;
  /** Cue evidence from distinctive words only ("IPO", "Project Rainier"). */
  specific: number;
  measureFit: number;
  conflict: boolean;
  sibling: number;
  plausible: boolean;
  score: number;
  ev: Evaluation;
}

export interface Claim {
  figure: Figure;
  /** The clause retracts an earlier claim ("an earlier version said ..."): nothing to check. */
  retracted?: boolean;
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

const VALUATION_IDIOM: PhraseEntry = { words: ['put', 'at'], facets: [], distinctFacets: [], measure: 'valuation' };

export function blockPhrases(base: FactBase, ctx: BlockContext): BlockPhrases {
  const hits = findPhrases(base, ctx.tokens);
  // "would put OpenAI at", "pegged it at": a valuation without the word, marked at its "at".
  for (let i = 0; i < ctx.tokens.length; i++) {
    if (ctx.tokens[i].lower === 'at' && valuationIdiomAt(ctx.tokens, i)) hits.push({ entry: VALUATION_IDIOM, first: i, next: i + 1 });
  }
  hits.sort((a, b) => a.first - b.first);
  return { hits, outerHits: outerPhrases(base, ctx.outer) };
}

type OuterHits = BlockPhrases['outerHits'];

/** Blocks that share their outer texts (buildContext hands them the same array) share their phrases too. */
const outerHitsCache = new WeakMap<FactBase, WeakMap<OuterText[], OuterHits>>();

function outerPhrases(base: FactBase, outer: OuterText[]): OuterHits {
  let cache = outerHitsCache.get(base);
  if (!cache) outerHitsCache.set(base, (cache = new WeakMap()));
  let found = cache.get(outer);
  if (!found) cache.set(outer, (found = outer.map((o) => ({ hits: textPhrases(base, o.tokens), weight: o.weight, role: o.role }))));
  return found;
}

/** The phrases of one outer text (buildContext hands out one token array per heading or cell text). */
const textHitsCache = new WeakMap<FactBase, WeakMap<Token[], PhraseHit[]>>();

function textPhrases(base: FactBase, tokens: Token[]): PhraseHit[] {
  let cache = textHitsCache.get(base);
  if (!cache) textHitsCache.set(base, (cache = new WeakMap()));
  let hits = cache.get(tokens);
  if (!hits) cache.set(tokens, (hits = findPhrases(base, tokens)));
  return hits;
}

/** Weight of each entity for a figure at token `at`. */
/** Prepositions that put the entity after them in an object role: "into OpenAI", "a deal with Cerebras". */
const OBJECT_PREPOSITIONS = new Set(['into', 'in', 'for', 'from', 'with', 'to', 'by', 'of', 'behind', 'toward', 'towards', 'on']);

export function objectRole(ctx: BlockContext, m: Mention): boolean {
  const p = ctx.tokens[m.first - 1];
  return !!p && OBJECT_PREPOSITIONS.has(p.lower);
}

interface EntityView {
  /** How strongly each entity is tied to the figure's place (clause, sentence, block, surroundings). */
  weights: Map<string, number>;
  /** Entities named as subjects in the clause (not after a preposition) and as objects. */
  subjects: Set<string>;
  objects: Set<string>;
  /** Every entity the clause names or refers to (pronouns included). */
  inClause: Set<string>;
}

function entityView(ctx: BlockContext, at: number, clause: Span | undefined, sentence: Span | undefined): EntityView {
  const w = new Map<string, number>(ctx.outerEntities);
  const subjects = new Set<string>();
  const objects = new Set<string>();
  const inClause = new Set<string>();
  const put = (e: string, v: number) => {
    if ((w.get(e) ?? 0) < v) w.set(e, v);
  };
  // Mentions far from the figure weigh little; looking at a window keeps long blocks linear.
  const from = Math.max(0, (sentence?.first ?? at) - 200);
  const to = (sentence?.next ?? at) + 200;
  for (const m of ctx.mentions) {
    if (m.first < from) continue;
    if (m.first >= to) break;
    let v: number;
    const here = !!clause && m.first >= clause.first && m.first < clause.next;
    if (here) v = 1;
    else if (sentence && m.first >= sentence.first && m.first < sentence.next) v = 0.6;
    else if (m.first < at) v = 0.35;
    else v = 0.2;
    // A pronoun supports the entity it stands for, but never claims the clause for it ("it would be").
    if (m.kind === 'reference') v *= 0.75;
    put(m.entity, v);
    if (here) {
      inClause.add(m.entity);
      if (m.kind !== 'reference') (objectRole(ctx, m) ? objects : subjects).add(m.entity);
    }
  }
  // Named in the clause after a preposition only ("into OpenAI"): an object, a weaker subject.
  for (const e of objects) if (!subjects.has(e) && (w.get(e) ?? 0) >= 1 && !ctx.outerEntities.has(e)) w.set(e, 0.5);
  return { weights: w, subjects, objects, inClause };
}

/** "valued" as the phrase index stores it. */
const VALUED = stem('valued');

/** Measures named in the figure's clause, nearest first, with their token distance. */
function measuresNear(hits: PhraseHit[], at: number, clause: Span | undefined): { measure: Measure; d: number }[] {
  const out: { measure: Measure; d: number }[] = [];
  for (const h of hits) {
    if (!h.entry.measure) continue;
    if (clause && (h.first < clause.first || h.first >= clause.next)) continue;
    const d = h.first >= at ? h.first - at : at - h.next + 1.1;
    let measure = h.entry.measure;
    // "a stake worth $50bn", "a deal valued at $10bn": the noun before says what is measured.
    if (measure === 'valuation' && (h.entry.words[0] === 'worth' || h.entry.words[0] === VALUED)) {
      const noun = hits.find((o) => o !== h && o.entry.measure && o.entry.measure !== 'valuation' && o.next <= h.first && h.first - o.next <= 4);
      if (noun) measure = noun.entry.measure!;
    }
    out.push({ measure, d });
  }
  return out.sort((a, b) => a.d - b.d);
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
  /** Facets that another figure of the same sentence states correctly. */
  confirmed?: Set<string>;
}

/** How strongly the figure's place names the facet's subjects (0..1). */
function subjectWeight(facet: Facet, weights: Map<string, number>): number {
  const subjects = facet.subjects;
  let sum = 0;
  let max = -Infinity;
  for (let i = 0; i < subjects.length; i++) {
    const w = weights.get(subjects[i]) ?? 0;
    sum += w;
    if (w > max) max = w;
  }
  if (subjects.length === 0) return 0;
  const mean = sum / subjects.length;
  // A combined figure (Bloomberg's Nvidia + Microsoft + Amazon) needs all its subjects; a joint
  // one (the date of the Amazon-OpenAI talks) is well named by either party.
  const combined = facet.measure === 'investment' || facet.measure === 'fundraise';
  return subjects.length > 1 && !combined ? 0.6 * max + 0.4 * mean : mean;
}

/** How strongly the figure's place names the facet's counterparty (0.5 when it has none). */
function objectWeight(facet: Facet, weights: Map<string, number>): number {
  if (facet.objects.length === 0) return 0.5;
  let max = -Infinity;
  for (const o of facet.objects) max = Math.max(max, weights.get(o) ?? 0);
  return max;
}

/** Who the figure's clause is about, for telling whether a fact's parties are the ones named. */
interface ClauseRoles {
  /** Parties that claim the clause: its subjects, a lead-in's or row label's entity. */
  focus: string[];
  /** Parties named in an object role ("with Broadcom"). */
  objectFocus: string[];
  /** Every entity the clause names or refers to. */
  inClause: Set<string>;
  outerEntities: Map<string, number>;
}

function isPartyOf(facet: Facet, e: string): boolean {
  return facet.subjects.includes(e) || facet.objects.includes(e);
}

/** Some entity of the list is no party of the facet. */
function namesOutsider(facet: Facet, entities: string[]): boolean {
  for (let i = 0; i < entities.length; i++) if (!isPartyOf(facet, entities[i])) return true;
  return false;
}

/**
 * Another company is the clause's subject and this fact's subject is not in the clause (even as
 * "it"); or another company fills the fact's counterparty slot ("a deal with Broadcom").
 */
function conflicts(facet: Facet, roles: ClauseRoles): boolean {
  if (namesOutsider(facet, roles.focus) && !subjectNamed(facet, roles)) return true;
  return facet.objects.length > 0 && namesOutsider(facet, roles.objectFocus) && !objectNamed(facet, roles);
}

/** The clause names one of the fact's subjects (or refers to it), or a lead-in or row label does. */
function subjectNamed(facet: Facet, roles: ClauseRoles): boolean {
  for (const e of facet.subjects) if (roles.inClause.has(e) || (roles.outerEntities.get(e) ?? 0) >= 0.85) return true;
  return false;
}

function objectNamed(facet: Facet, roles: ClauseRoles): boolean {
  for (const e of facet.objects) if (roles.inClause.has(e)) return true;
  return false;
}

/**
 * The cues of a facet: only the best three scores count (a facet's cue is the best one plus a
 * little for a second and a third), and the best from a distinctive cue. All scores are positive;
 * 0 stands for none.
 */
interface CueTally {
  best: number;
  second: number;
  third: number;
  specific: number;
}

function emptyTally(): CueTally {
  return { best: 0, second: 0, third: 0, specific: 0 };
}

function tallyCue(t: CueTally, score: number): void {
  if (score > t.best) {
    t.third = t.second;
    t.second = t.best;
    t.best = score;
  } else if (score > t.second) {
    t.third = t.second;
    t.second = score;
  } else if (score > t.third) t.third = score;
}

/** One strong cue counts most, more add a little: the sentence's cues and the surroundings' together. */
function cueStrength(sentence: CueTally | undefined, outer: CueTally | undefined): number {
  let t = sentence ?? outer;
  if (!t) return 0;
  if (sentence && outer) {
    t = { ...sentence };
    tallyCue(t, outer.best);
    tallyCue(t, outer.second);
    tallyCue(t, outer.third);
  }
  return t.best + 0.25 * t.second + 0.1 * t.third;
}

/** Whether the measure words near the figure fit the facet's measure: 0.8, 0.2, 0 (none said) or -3 (another measure). */
function measureFitOf(base: FactBase, figure: Figure, facet: Facet, fitting: Set<Measure>, near: { measure: Measure; d: number }[]): number {
  if (!near.length) return 0;
  // A date right next to what it dates ("2024 revenue") must fit the fact's measure too.
  const nearDate = figure.type === 'date' && near[0].d <= 3 && (facet.role === 'time' || !timingFits(base, facet, near[0].measure));
  if (!(figure.type === 'money' || figure.type === 'count' || figure.type === 'percent' || nearDate)) return 0;
  if (fitting.has(near[0].measure)) return 0.8;
  for (const n of near) if (n.d <= near[0].d + 2 && fitting.has(n.measure)) return 0.2;
  return -3;
}

/**
 * False only when evaluate() surely finds the figure agreeing with none of the facet's variants:
 * no variant's number (or date) matches. A quick test that skips the full evaluation.
 */
export function mayAgree(figure: Figure, facet: Facet): boolean {
  // A denial agrees with every number it does not match.
  if (figure.negated) return true;
  const variants = facet.variants;
  if (figure.type === 'date' && figure.date) {
    for (let i = 0; i < variants.length; i++) {
      const value = variants[i].value;
      if ('date' in value && compareDate(figure.date, value) === 'ok') return true;
    }
    return false;
  }
  for (let i = 0; i < variants.length; i++) if (numberMatches(figure, variants[i].value)) return true;
  return false;
}

/** The status words of the figure's clause. */
interface ClauseStatus {
  hedged: boolean;
  /** Presented as done ("has invested"), in the clause but not inside the figure. */
  completion: boolean;
  /** Promised ("agreed to put in"), before the figure. */
  commitment: boolean;
  /** A correction quoting what was wrongly reported. */
  retraction: boolean;
}

/**
 * Status words count in the figure's clause: "Nvidia has agreed to put in $30bn; Microsoft is
 * discussing ..." is a done deal for Nvidia whatever Microsoft does.
 */
function clauseStatus(sentHits: PhraseHit[], clause: Span | undefined, at: number, end: number): ClauseStatus {
  const status: ClauseStatus = { hedged: false, completion: false, commitment: false, retraction: false };
  for (const h of sentHits) {
    if (clause && (h.first < clause.first || h.first >= clause.next)) continue;
    if (h.entry.hedge) status.hedged = true;
    if (h.entry.completion && (h.next <= at || h.first >= end)) status.completion = true;
    if (h.entry.commitment && h.next <= at) status.commitment = true;
    if (h.entry.retraction) status.retraction = true;
  }
  return status;
}

/** "valuing it at $830bn" names the measure of the figure after its "at", not of one before it. */
function measuresLaterFigure(tokens: Token[], h: PhraseHit, end: number): boolean {
  if (h.entry.measure !== 'valuation' || h.first < end) return false;
  const after = tokens.slice(h.next, h.next + 6);
  return after.some((t, k) => t.lower === 'at' && after.slice(k + 1, k + 4).some((x) => x.kind === 'num' || x.text === '$'));
}

/** What the words around the figure say it measures, nearest first (see measuresNear). */
function measuresAround(ctx: BlockContext, phrases: BlockPhrases, sentHits: PhraseHit[], place: FigurePlace): { measure: Measure; d: number }[] {
  const { at, end, clause, sentence, lo, hi } = place;
  const clauseHits = hitsBetween(phrases.hits, clause ? Math.max(clause.first, at - WINDOW) : lo, clause ? Math.min(clause.next, end + WINDOW) : hi);
  const near = measuresNear(clauseHits.filter((h) => !measuresLaterFigure(ctx.tokens, h, end)), at, clause);
  // A sentence that names no measure carries on the previous one's ("Compare that with $157bn").
  if (!near.length && sentence && !sentHits.some((h) => h.entry.measure)) {
    const prev = hitsBetween(phrases.hits, Math.max(0, sentence.first - WINDOW), sentence.first).filter((h) => h.entry.measure && h.next <= sentence.first);
    if (prev.length) near.push({ measure: prev[prev.length - 1].entry.measure!, d: 10 });
  }
  // A lead-in, row label or column header says what the item is about ("**OpenAI valuation.**").
  const outer = outerMeasure(phrases);
  if (outer) {
    near.push({ measure: outer, d: near.length ? 4 : 0 });
    near.sort((a, b) => a.d - b.d);
  }
  return near;
}

/** Where a figure sits: its tokens, clause and sentence, and the window of the sentence looked at. */
interface FigurePlace {
  at: number;
  end: number;
  clause: Span | undefined;
  sentence: Span | undefined;
  /** The sentence's tokens within a window around the figure: long run-on "sentences" (tables
   * flattened into prose, generated text) must not make each figure's work grow with them. */
  lo: number;
  hi: number;
}

function placeOf(ctx: BlockContext, at: number, end: number): FigurePlace {
  const sentence = spanOf(ctx.sentences, at);
  const clause = spanOf(ctx.clauses, at);
  const lo = Math.max(sentence ? sentence.first : 0, at - WINDOW);
  const hi = Math.min(sentence ? sentence.next : ctx.tokens.length, end + WINDOW);
  return { at, end, clause, sentence, lo, hi };
}

/**
 * Entities that claim the clause: named in it as a subject, or in a lead-in / row label; and the
 * parties named in an object role ("with Broadcom").
 */
function clauseRoles(base: FactBase, ctx: BlockContext, view: EntityView, place: FigurePlace): ClauseRoles {
  const party = (e: string) => {
    const ent = base.entities.get(e);
    return !(ent && (ent.type === 'outlet' || ent.type === 'place' || ent.type === 'person' || ent.type === 'institution'));
  };
  // "a company worth $2.5tn": an unnamed party claims the figure only when named before it.
  const indefiniteAfter = new Set<string>();
  for (const m of ctx.mentions) if (m.kind === 'unknown' && m.first >= place.end && m.first < place.hi && /^\?[a-z]/.test(m.entity)) indefiniteAfter.add(m.entity);
  const focus = [...view.subjects].filter((e) => party(e) && !indefiniteAfter.has(e));
  for (const [e, v] of ctx.outerEntities) if (v >= 0.9 && party(e) && !focus.includes(e)) focus.push(e);
  const objectFocus = [...view.objects].filter(party);
  return { focus, objectFocus, inClause: view.inClause, outerEntities: ctx.outerEntities };
}

/** Cue scores of the sentence's phrases, gathered per facet once (a phrase cues a few facets). */
function sentenceCueTallies(sentHits: PhraseHit[], figure: Figure, place: FigurePlace): Map<number, CueTally> {
  const { at, end, clause } = place;
  const tallies = new Map<number, CueTally>();
  for (const h of sentHits) {
    if (!h.entry.facets.length) continue;
    let v: number;
    // Words of the figure itself say nothing, except for a period ("the first quarter").
    const own = !(h.first < end && h.next > at);
    if (!own) {
      if (figure.type !== 'date') continue;
      v = 0.6;
    } else {
      const d = h.first >= end ? h.first - end : at - h.next;
      const inClause = clause && h.first >= clause.first && h.first < clause.next;
      v = (inClause ? 1 : 0.5) / (1 + d / (figure.type === 'date' ? 6 : 3));
    }
    const specific = own && isSpecific(h.entry);
    for (const fi of h.entry.distinctFacets) {
      let tally = tallies.get(fi);
      if (!tally) tallies.set(fi, (tally = emptyTally()));
      tallyCue(tally, v);
      if (specific) tally.specific = Math.max(tally.specific, v);
    }
  }
  return tallies;
}

/** "founded in 2015", "AWS (launched in 2006)": the verb of another event just before a date. */
function eventVerbBefore(ctx: BlockContext, at: number): string | undefined {
  for (const t of [ctx.tokens[at - 1], ctx.tokens[at - 2]]) if (t && EVENT_VERBS.has(t.lower)) return t.lower;
  return undefined;
}

/** Everything about a figure's place that scoring a facet reads: made once per figure. */
interface Scene {
  base: FactBase;
  figure: Figure;
  onlyFact?: string;
  weights: Map<string, number>;
  roles: ClauseRoles;
  status: ClauseStatus;
  near: { measure: Measure; d: number }[];
  sentenceCues: Map<number, CueTally>;
  outerCues: Map<number, CueTally>;
  /** For a count: the facets its noun or a table header names. */
  unitFacets?: Set<number>;
  fitting: Set<Measure>[];
  eventVerb?: string;
  siblings: Set<string>;
  siblingDates: Figure[];
}

/** Per fact base: each entity's facets (by position) that name it as a subject. */
const subjectIndexCache = new WeakMap<FactBase, Map<string, number[]>>();

function subjectIndex(base: FactBase): Map<string, number[]> {
  let index = subjectIndexCache.get(base);
  if (!index) {
    index = new Map();
    base.facets.forEach((f, i) => {
      for (const e of f.subjects) (index!.get(e) ?? index!.set(e, []).get(e)!).push(i);
    });
    subjectIndexCache.set(base, index);
  }
  return index;
}

/**
 * Per fact base, for each date as it reads (what compareDate looks at), the date facets it may
 * agree with (1 by position): the same few dates are written again and again.
 */
const dateAgreeCache = new WeakMap<FactBase, Map<string, Uint8Array>>();
/** Date readings remembered per fact base; past that the memory starts over (text of endless dates). */
const READINGS_KEPT = 4096;

function agreeingDates(base: FactBase, figure: Figure, date: DateRef, pool: number[]): Uint8Array {
  let byReading = dateAgreeCache.get(base);
  if (!byReading) dateAgreeCache.set(base, (byReading = new Map()));
  const key = dateReading(date);
  let agree = byReading.get(key);
  if (!agree) {
    if (byReading.size >= READINGS_KEPT) byReading.clear();
    agree = new Uint8Array(base.facets.length);
    for (const fi of pool) if (mayAgree(figure, base.facets[fi])) agree[fi] = 1;
    byReading.set(key, agree);
  }
  return agree;
}

/**
 * Per fact base and figure type, the numbers of the sourced variants, sorted (percentages as
 * magnitudes, as numberMatches compares them); undefined when a variant is a duration, whose
 * units numberMatches converts.
 */
const variantNumbersCache = new WeakMap<FactBase, Map<Figure['type'], Float64Array | undefined>>();

function variantNumbers(base: FactBase, type: Figure['type'], pool: number[]): Float64Array | undefined {
  let byType = variantNumbersCache.get(base);
  if (!byType) variantNumbersCache.set(base, (byType = new Map()));
  if (byType.has(type)) return byType.get(type);
  let numbers: number[] | undefined = [];
  for (const fi of pool) {
    for (const v of base.facets[fi].variants) {
      const value = v.value;
      if ('duration' in value) numbers = undefined;
      else if (numbers && 'amount' in value) numbers.push(value.amount);
      else if (numbers && 'count' in value) numbers.push(value.count);
      else if (numbers && 'percent' in value) numbers.push(Math.abs(value.percent));
      if (!numbers) break;
    }
    if (!numbers) break;
  }
  const sorted = numbers ? Float64Array.from(numbers).sort() : undefined;
  byType.set(type, sorted);
  return sorted;
}

/**
 * False only when no sourced number of the type lies within the figure's widest tolerance of it
 * (its range, half its precision, or of its rounding when it says "about"): then numberMatches
 * holds for no variant, and mayAgree for no facet. A quick test before trying each facet.
 */
export function mayMatchSomeNumber(base: FactBase, figure: Figure, pool: number[]): boolean {
  const numbers = variantNumbers(base, figure.type, pool);
  if (!numbers) return true;
  if (!Number.isFinite(figure.value) || (figure.low !== undefined && !Number.isFinite(figure.low))) return true;
  const percent = figure.type === 'percent';
  const a = percent ? Math.abs(figure.value) : figure.value;
  const b = figure.low === undefined ? a : percent ? Math.abs(figure.low) : figure.low;
  const spread = Math.max(figure.precision / 2, (figure.roundPrecision ?? figure.precision) / 2);
  const scale = Math.max(Math.abs(a), Math.abs(b), spread);
  // The relative part of numberMatches' tolerance (1e-9 of the sourced number), with room to spare.
  const slack = spread + scale * 1e-6 + 1e-9;
  const lo = Math.min(a, b) - slack;
  const hi = Math.max(a, b) + slack;
  if (!(lo <= hi)) return true;
  const i = firstAtOrAfter(numbers, lo);
  return i < numbers.length && numbers[i] <= hi;
}

/** Marks (with `mark`) the facets of the pool whose variants the figure's number or date may agree with. */
function markAgreeing(base: FactBase, figure: Figure, pool: number[], mark: number): void {
  if (figure.type === 'date' && figure.date) {
    const agree = agreeingDates(base, figure, figure.date, pool);
    for (const fi of pool) if (agree[fi] === 1) open[fi] = mark;
    return;
  }
  if (!mayMatchSomeNumber(base, figure, pool)) return;
  for (const fi of pool) if (open[fi] !== mark && mayAgree(figure, base.facets[fi])) open[fi] = mark;
}

/** Score every facet of the pool, as before the marks (for the test that they change nothing). */
let exhaustive = false;

export function scoreEveryFacet(on: boolean): void {
  exhaustive = on;
}

/** Marks of the facets worth scoring for the figure being matched: `open[fi] === openMark`. */
let open = new Int32Array(0);
let openMark = 0;

/**
 * Marks the facets of the pool that scoreFacet's first test may let through: a subject named near
 * the figure, a distinctive cue, or a variant the figure's number or date may agree with (a
 * denial agrees with every number). Gives whether any is marked. The others would be skipped by
 * that test anyway: not scoring them changes nothing.
 */
function markOpenFacets(base: FactBase, figure: Figure, pool: number[], weights: Map<string, number>, cues: Map<number, CueTally>[]): boolean {
  if (open.length < base.facets.length) open = new Int32Array(base.facets.length);
  if (++openMark > 0x3fffffff) {
    open.fill(0);
    openMark = 1;
  }
  const mark = openMark;
  if (figure.negated) {
    for (const fi of pool) open[fi] = mark;
    return pool.length > 0;
  }
  const index = subjectIndex(base);
  for (const [e, w] of weights) {
    if (!(w > 0)) continue;
    const facets = index.get(e);
    if (facets) for (const fi of facets) open[fi] = mark;
  }
  for (const tallies of cues) for (const [fi, t] of tallies) if (t.specific >= 0.5) open[fi] = mark;
  markAgreeing(base, figure, pool, mark);
  for (const fi of pool) if (open[fi] === mark) return true;
  return false;
}

/**
 * The facet at position `fi` as the figure's candidate fact; undefined when it can be neither the
 * claim nor the "other" fact: most facets of the type neither fit the context nor carry the
 * figure's number, and these are not scored at all.
 */
function scoreFacet(scene: Scene, fi: number): Candidate | undefined {
  const { base, figure, onlyFact, weights, roles, near } = scene;
  const facet = base.facets[fi];
  const subject = subjectWeight(facet, weights);
  // Cues that only a few facts share ("IPO", "Project Rainier") identify a fact on their own.
  const sentenceCue = scene.sentenceCues.get(fi);
  const outerCue = scene.outerCues.get(fi);
  const specific = Math.max(sentenceCue?.specific ?? 0, outerCue?.specific ?? 0);
  // Neither named nor cued, and no variant's number: skipped before the costlier tests below.
  if (onlyFact === undefined && subject < 0.3 && !(specific >= 0.5 && roles.focus.length === 0) && !mayAgree(figure, facet)) return undefined;
  const conflict = conflicts(facet, roles);
  const nearFit = measureFitOf(base, figure, facet, scene.fitting[fi], near);
  // A count needs its noun ("16,000 roles") or a table header to say what it counts; that noun
  // outweighs any other measure word in the clause.
  const countNoun = figure.type === 'count' && scene.unitFacets!.has(fi);
  const measureFit = countNoun ? Math.max(nearFit, 0.8) : nearFit;
  const mayBePlausible = onlyFact !== undefined || (!conflict && (subject >= 0.3 || (specific >= 0.5 && roles.focus.length === 0)) && measureFit >= 0);
  if (!mayBePlausible && !mayAgree(figure, facet)) return undefined;
  const object = objectWeight(facet, weights);
  // Cues: near the figure in its clause count most, then the sentence, then the surroundings.
  const cue = cueStrength(sentenceCue, outerCue);
  const sibling = siblingEvidence(scene, facet);
  const ev = evaluate(figure, facet);
  const status = statusFit(scene.status, facet);
  let evidence = cue + Math.max(0, nearFit) + sibling;
  // "founded in 2015", "AWS (launched in 2006)": the date of another event.
  if (figure.type === 'date' && scene.eventVerb !== undefined && !singleCueStems(facet).has(stem(scene.eventVerb))) evidence = -1;
  if (figure.type === 'count' && !countNoun) evidence = 0;
  const typeNeedsEvidence = figure.type !== 'money' || facet.role !== 'value';
  const needed = figure.type === 'date' ? 0.3 : typeNeedsEvidence ? 0.25 : 0;
  const plausible = mayBePlausible && (onlyFact !== undefined || evidence > needed || (subject >= 0.9 && figure.type === 'money'));
  const score = 2 * subject + 0.6 * object + 1.6 * cue + measureFit + sibling + status + (ev.ok ? (coarse(figure, ev) ? 0.3 : OK_BONUS[figure.type]) : 0.6 * ev.closeness) - (conflict ? 2 : 0);
  return { facet, subject, object, cue, specific, measureFit, conflict, sibling, plausible, score, ev };
}

/** What the other figures of the sentence or row say for the facet. */
function siblingEvidence(scene: Scene, facet: Facet): number {
  const { base, figure, siblings, siblingDates } = scene;
  // Another figure of the sentence claimed this fact: its date or period is likely this one's.
  const datelike = figure.type === 'date' || figure.type === 'duration';
  let sibling = datelike && siblings.has(facet.fact.id) ? 1.5 : 0;
  // A sibling claimed a closely related fact (same subject, a distinctive cue in common: the IPO's
  // valuation and its timing): a weaker hint.
  if (datelike && !sibling) for (const id of siblings) if (related(base, id, facet.fact.id)) sibling = 0.6;
  if (facet.role === 'value' && facet.fact.time && siblingDates.length) {
    if (siblingDates.some((d) => agreesWithTime(d, facet))) sibling += 1;
  }
  return sibling;
}

/** Hedged or promised figures fit proposed facts, figures presented as done fit completed ones. */
function statusFit(s: ClauseStatus, facet: Facet): number {
  const { hedged, completion, commitment } = s;
  if (facet.fact.status === 'proposed' || facet.fact.status === 'forecast') return hedged || commitment ? 0.3 : completion ? -0.3 : 0;
  if (facet.fact.status === 'completed') return completion ? 0.3 : hedged || commitment ? -0.3 : 0;
  return 0;
}

export function matchFigure(input: MatchInput): Claim {
  const { base, ctx, phrases, figure, at, end, onlyFact } = input;
  const confirmed = input.confirmed ?? new Set<string>();
  const place = placeOf(ctx, at, end);
  const { sentence, clause } = place;
  const view = entityView(ctx, at, clause, sentence);
  const sentHits = hitsBetween(phrases.hits, place.lo, place.hi);
  const status = clauseStatus(sentHits, clause, at, end);
  // A correction quoting what was wrongly reported: the figure is retracted, not claimed.
  if (!onlyFact && status.retraction) return { figure, retracted: true, assertsCompletion: false, sentence };
  const sentenceCues = sentenceCueTallies(sentHits, figure, place);
  const outer = outerCues(phrases);
  const pool = facetPool(base, figure.type, onlyFact);
  const assertsCompletion = (status.completion || status.commitment) && !status.hedged;
  // Most figures name no fact's subject, share no distinctive cue and carry no sourced number:
  // no facet is worth scoring, and the figure is unsupported without reading more of its place.
  const scoreAll = onlyFact !== undefined || exhaustive;
  if (!scoreAll && !markOpenFacets(base, figure, pool, view.weights, [sentenceCues, outer])) return { figure, best: undefined, other: undefined, assertsCompletion, sentence };
  const roles = clauseRoles(base, ctx, view, place);
  const scene: Scene = {
    base,
    figure,
    onlyFact,
    weights: view.weights,
    roles,
    status,
    near: measuresAround(ctx, phrases, sentHits, place),
    sentenceCues,
    outerCues: outer,
    unitFacets: figure.type === 'count' ? countUnitFacets(phrases, end, ctx.tokens) : undefined,
    fitting: fittingMeasures(base),
    eventVerb: figure.type === 'date' ? eventVerbBefore(ctx, at) : undefined,
    siblings: input.siblings,
    siblingDates: input.siblingDates,
  };
  const candidates: Candidate[] = [];
  const mark = openMark;
  for (const fi of pool) {
    if (!scoreAll && open[fi] !== mark) continue;
    const c = scoreFacet(scene, fi);
    if (c) candidates.push(c);
  }
  const plausible = candidates.filter((c) => c.plausible).sort((a, b) => b.score - a.score);
  let best: Candidate | undefined = plausible[0];
  let dropped: Candidate | undefined;
  // A date that a coarse fact merely contains ("January" for "January 29") defers to a close
  // candidate that knows the day.
  if (best && best.ev.ok && coarse(figure, best.ev)) {
    const precise = plausible.find(
      (c) => c !== best && c.score >= best!.score - 1.5 - best!.sibling && !coarse(figure, c.ev) && c.cue > 0 && (c.facet.fact === best!.facet.fact || related(base, c.facet.fact.id, best!.facet.fact.id) || (c.facet.measure === best!.facet.measure && c.facet.subjects.join() === best!.facet.subjects.join()) || (c.facet.fact.measure === 'timing' && c.facet.subjects.join() === best!.facet.subjects.join())),
    );
    if (precise) best = precise;
  }
  if (best && !best.ev.ok) {
    // Weak evidence and a wrong number: more likely an unsourced figure than an error.
    const strength = Math.max(best.subject, best.cue >= 0.5 ? 0.5 : 0) + 0.8 * best.cue + (best.measureFit > 0 ? 0.3 : 0) + 0.5 * best.sibling;
    // A number far from every sourced value (not a slip of scale) is more likely another quantity
    // altogether ("1.5 million employees", "a $2.5 trillion company"): it needs stronger evidence.
    const far = best.ev.outcome === 'wrong-value' && best.ev.closeness <= 0 && figure.type !== 'date';
    // Another figure of the sentence already states this fact correctly: a second, different
    // number of the same kind there is most likely another quantity ("16,000 jobs ... in a
    // company of 1.5 million employees").
    const restated = confirmed.has(best.facet.key) && best.ev.outcome !== 'wrong-magnitude';
    const confident = onlyFact !== undefined || (strength >= (far ? 1.8 : 1.0) && !restated);
    if (!confident) {
      if (far && !restated && strength >= 1.0) dropped = best;
      best = undefined;
    }
  }
  // Too far off on its own, but the number is the sourced figure of the same kind of claim for
  // another party of the same deal: the draft swapped them ("Amazon $2bn, Google $8bn").
  if (!best && dropped && !dropped.ev.ok) {
    const swap = candidates.find(
      (c) => c !== dropped && c.ev.ok && c.facet.role === 'value' && c.facet.measure === dropped.facet.measure && c.facet.subjects.join() !== dropped.facet.subjects.join() && c.facet.objects.some((o) => dropped.facet.objects.includes(o)),
    );
    if (swap && dropped.subject >= 0.5) best = dropped;
  }
  // A range that holds the value of a fact the context fits is a summary ("$30bn-$50bn cheques").
  if (best && !best.ev.ok && figure.low !== undefined && candidates.some((c) => c.ev.ok && c.measureFit >= 0 && !c.conflict)) best = undefined;
  // The number belongs to another fact whose entity the draft does not name here.
  let other: Candidate | undefined;
  if (!best || !best.ev.ok) {
    other = candidates
      .filter((c) => c !== best && c.ev.ok && c.facet.role === 'value' && c.measureFit >= 0 && (c.cue > 0.2 || c.measureFit > 0) && (c.conflict || c.subject < 0.5))
      .filter((c) => !best || c.facet.subjects.join() !== best.facet.subjects.join() || c.facet.objects.join() !== best.facet.objects.join())
      .sort((a, b) => b.score - a.score)[0];
    // Without a plausible fact of its own, a figure is another's only when a named party claims it.
    if (other && !best && !(other.conflict && [...roles.focus, ...roles.objectFocus].some((e) => !e.startsWith('?') || /^\?[A-Z]/.test(e)))) other = undefined;
    if (figure.low !== undefined) other = undefined;
  }
  return { figure, best, other, assertsCompletion, sentence };
}

/** The fact's time as a date facet, made once per facet. */
const timeFacets = new WeakMap<Facet, Pick<Facet, 'variants' | 'type'>>();
/** Whether a date figure agrees with a facet's fact time, remembered per figure. */
const timeAgreement = new WeakMap<Figure, Map<Facet, boolean>>();

function agreesWithTime(date: Figure, facet: Facet): boolean {
  let known = timeAgreement.get(date);
  if (!known) timeAgreement.set(date, (known = new Map()));
  let ok = known.get(facet);
  if (ok === undefined) {
    let timeFacet = timeFacets.get(facet);
    if (!timeFacet) {
      timeFacet = { type: 'date', variants: [{ value: facet.fact.time!.value, qualifier: 'exact', sources: [] }] };
      timeFacets.set(facet, timeFacet);
    }
    ok = evaluate(date, timeFacet).ok;
    known.set(facet, ok);
  }
  return ok;
}

/** Common words never identify a fact on their own, however few facts list them. */
const COMMON_CUES = new Set(['since', 'from', 'after', 'before', 'until', 'about', 'over', 'under', 'with', 'first', 'last', 'year', 'years', 'month', 'months', 'total', 'new', 'current', 'currently', 'now', 'latest', 'recent', 'recently', 'earlier', 'later', 'next', 'this', 'that', 'more', 'less', 'deal', 'round', 'money', 'figure', 'share', 'shares', 'stake', 'cash', 'plan', 'plans', 'expected', 'could', 'would', 'may', 'might', 'will', 'says', 'said', 'report', 'reports', 'reported']);

const COMMON_STEMS = new Set([...COMMON_CUES].map(stem));

function isSpecific(e: PhraseEntry): boolean {
  if (e.facets.length > 3 || e.measure) return false;
  return e.words.length > 1 || (!COMMON_STEMS.has(e.words[0]) && e.words[0].length > 2);
}

const relatedCache = new WeakMap<FactBase, Map<string, Set<string>>>();

/** Facts that share a subject and a distinctive cue. */
function related(base: FactBase, a: string, b: string): boolean {
  let map = relatedCache.get(base);
  if (!map) {
    map = new Map();
    const idx = phraseIndex(base);
    for (const list of idx.byFirst.values()) {
      for (const e of list) {
        if (!isSpecific(e)) continue;
        const facts = [...new Set(e.facets.map((i) => base.facets[i].fact))];
        for (const x of facts) for (const y of facts) {
          if (x === y || !x.subject.some((s) => y.subject.includes(s))) continue;
          const set = map.get(x.id) ?? new Set<string>();
          set.add(y.id);
          map.set(x.id, set);
        }
      }
    }
    relatedCache.set(base, map);
  }
  return map.get(a)?.has(b) ?? false;
}

/**
 * Facets whose cue is the count's noun ("16,000 roles": a phrase within four tokens after the
 * figure, no symbol between) or a lead-in, row label or column header of the block.
 */
function countUnitFacets(phrases: BlockPhrases, end: number, tokens: Token[]): Set<number> {
  const out = new Set<number>();
  for (const h of phrases.hits) {
    if (h.first >= end && h.first < end + 4 && !tokens.slice(end, h.first).some((t) => t.kind === 'sym' && t.text !== '-')) {
      for (const fi of h.entry.facets) out.add(fi);
    }
  }
  for (const o of phrases.outerHits) {
    if (o.role !== 'row-label' && o.role !== 'column' && o.role !== 'lead-in') continue;
    for (const h of o.hits) for (const fi of h.entry.facets) out.add(fi);
  }
  return out;
}

const outerCueCache = new WeakMap<OuterHits, Map<number, CueTally>>();

/** Per facet, what the block's outer texts cue: the same for every figure of the block (and of its section), made once. */
function outerCues(phrases: BlockPhrases): Map<number, CueTally> {
  let out = outerCueCache.get(phrases.outerHits);
  if (out) return out;
  out = new Map();
  for (const o of phrases.outerHits) {
    const score = o.weight * 0.8;
    // Only an outer text's first hit on a facet counts.
    const seen = new Set<number>();
    for (const h of o.hits) {
      for (const fi of h.entry.facets) {
        if (seen.has(fi)) continue;
        seen.add(fi);
        let tally = out.get(fi);
        if (!tally) out.set(fi, (tally = emptyTally()));
        tallyCue(tally, score);
        if (isSpecific(h.entry)) tally.specific = Math.max(tally.specific, score);
      }
    }
  }
  outerCueCache.set(phrases.outerHits, out);
  return out;
}

/** The stems of a facet's one-word cues ("launched" for a launch date), made once per facet. */
const singleCueStemCache = new WeakMap<Facet, Set<string>>();
function singleCueStems(facet: Facet): Set<string> {
  let set = singleCueStemCache.get(facet);
  if (!set) {
    set = new Set(facet.cues.filter((c) => c.length === 1).map((c) => stem(c[0])));
    singleCueStemCache.set(facet, set);
  }
  return set;
}

const PUT_WORDS = new Set(['put', 'puts', 'putting', 'peg', 'pegs', 'pegged', 'pegging', 'place', 'places', 'placed', 'placing']);

const RAISE_WORDS = new Set(['raise', 'raises', 'raising', 'raised', 'raising']);

/**
 * "would put OpenAI at $830bn", "pegged the company at", "raising up to $100bn at $830bn": the
 * "at" at token k closes such an idiom.
 */
function valuationIdiomAt(tokens: Token[], k: number): boolean {
  for (let j = k - 1; j >= Math.max(0, k - 5); j--) if (PUT_WORDS.has(tokens[j].lower)) return true;
  // "raising $100bn at $830bn": an amount raised, then "at" and the price.
  const afterAmount = tokens[k - 1] && (tokens[k - 1].kind === 'word' ? /^(billion|bn|b|trillion|tn|million|m)$/i.test(tokens[k - 1].text) : tokens[k - 1].kind === 'num');
  if (afterAmount) for (let j = k - 2; j >= Math.max(0, k - 8); j--) if (RAISE_WORDS.has(tokens[j].lower)) return true;
  return false;
}

/** A date fact (an IPO's timing) tolerates the measure words its own cues use ("IPO valuation"). */
const cueMeasureCache = new WeakMap<Facet, Set<Measure>>();
function cueHasMeasure(facet: Facet, m: Measure): boolean {
  let set = cueMeasureCache.get(facet);
  if (!set) {
    set = new Set();
    const cueStems = new Set(facet.cues.filter((c) => c.length === 1).map((c) => stem(c[0])));
    for (const [measure, list] of STRONG_MEASURES) if (list.some((p) => cueStems.has(stem(p)))) set.add(measure);
    cueMeasureCache.set(facet, set);
  }
  return set.has(m);
}

/** A date fact fits a measure its cues name, or the measure of a closely related fact (an IPO's timing and its valuation). */
function timingFits(base: FactBase, facet: Facet, m: Measure): boolean {
  if (cueHasMeasure(facet, m)) return true;
  return base.facets.some((f) => f.role === 'value' && f.measure === m && f.fact !== facet.fact && related(base, f.fact.id, facet.fact.id));
}

/** The figure is a date more precise than every sourced variant it agrees with. */
function coarse(figure: Figure, ev: Evaluation): boolean {
  if (figure.type !== 'date' || !figure.date) return false;
  const rank = precisionRank(figure.date.precision);
  const pool = ev.ok ? ev.okVariants : [ev.closest];
  return pool.every((v) => !('date' in v.value) || precisionRank(v.value.precision) < rank);
}

function outerMeasure(phrases: BlockPhrases): Measure | undefined {
  for (const o of phrases.outerHits) {
    if (o.role !== 'column' && o.role !== 'row-label' && o.role !== 'lead-in') continue;
    const m = o.hits.find((h) => h.entry.measure);
    if (m) return m.entry.measure;
  }
  return undefined;
}
