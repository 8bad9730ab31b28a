// Derived figures: a multiple ("five times its 2024 valuation"), a share ("a quarter of its
// capex", "40% of Amazon's capex") or a difference ("$20 billion more than SoftBank") relates two
// sourced figures. Both operands are resolved to facts (or to a figure the draft states) and the
// arithmetic is checked with a tolerance that fits the wording.
import type { Figure, Finding } from '../types.js';
import type { Qualifier } from '../facts/schema.js';
import type { Token } from '../figures/tokens.js';
import type { Facet, FactBase } from '../claims/factbase.js';
import type { BlockContext, Span } from '../claims/context.js';
import type { BlockPhrases, PhraseHit } from '../claims/match.js';
import { spanOf } from '../claims/context.js';
import { TENS_WORDS, UNITS_WORDS } from '../figures/lexicon.js';
import { numberMatches } from './compare.js';
import { expectedOf } from './findings.js';
import { formatValue } from '../facts/format.js';

type Kind = 'multiple' | 'share' | 'difference' | 'gap' | 'sum' | 'rate';

export interface Derived {
  kind: Kind;
  /** The stated multiplier, fraction (0..1) or difference (money). */
  stated: number;
  qualifier: Qualifier;
  /** Document offsets of the whole expression ("five times", "a quarter", "$20 billion more"). */
  start: number;
  end: number;
  /** Token index where the reference phrase starts, and the operator's token span. */
  refFirst: number;
  opFirst: number;
  opNext: number;
  /** The figure the expression is made of ("five" in "five times"), excluded from plain matching. */
  figure?: Figure;
  text: string;
}

const MULTIPLE_WORDS: ReadonlyMap<string, number> = new Map([
  ['twice', 2],
  ['double', 2],
  ['doubled', 2],
  ['doubling', 2],
  ['triple', 3],
  ['tripled', 3],
  ['tripling', 3],
  ['treble', 3],
  ['trebled', 3],
  ['quadruple', 4],
  ['quadrupled', 4],
]);

const FRACTIONS: ReadonlyMap<string, number> = new Map([
  ['half', 1 / 2],
  ['third', 1 / 3],
  ['thirds', 1 / 3],
  ['quarter', 1 / 4],
  ['quarters', 1 / 4],
  ['fifth', 1 / 5],
  ['fifths', 1 / 5],
  ['tenth', 1 / 10],
  ['tenths', 1 / 10],
]);

/** Rate phrases and how many a year they mean ("$125bn a year" = 125bn per year). */
const RATE_UNITS: ReadonlyMap<string, number> = new Map([
  ['a year', 1],
  ['per year', 1],
  ['each year', 1],
  ['every year', 1],
  ['per annum', 1],
  ['a month', 12],
  ['per month', 12],
  ['each month', 12],
]);

const GAP_WORDS = new Set(['gap', 'difference', 'spread', 'shortfall', 'jump', 'rise', 'increase', 'gain', 'leap', 'surge', 'climb', 'drop', 'fall', 'decline']);
const SUM_WORDS = new Set(['combined', 'together', 'jointly', 'collectively', 'between', 'alone', 'total', 'all']);

/** The token index of a sum cue in the words before a figure ("together could bring", "combined", "between them"), or -1. */
function sumWordBefore(t: Token[], i: number): number {
  for (let k = i - 1; k >= Math.max(0, i - 9); k--) {
    const w = t[k].lower;
    if (w === 'between' ? t[k + 1]?.lower === 'them' : SUM_WORDS.has(w) && w !== 'between') return w !== 'all' || t[k + 1]?.lower === 'told' ? k : -1;
    if (t[k].text === '.' || t[k].text === ';') return -1;
  }
  return -1;
}

const COMPARATIVES = new Set(['more', 'less', 'higher', 'lower', 'bigger', 'smaller', 'larger', 'greater', 'above', 'below']);

function numberWord(w: string): number | undefined {
  return UNITS_WORDS.get(w) ?? TENS_WORDS.get(w);
}

/** "fivefold", "tenfold" */
function foldWord(w: string): number | undefined {
  if (!w.endsWith('fold') || w.length <= 4) return undefined;
  return numberWord(w.slice(0, -4));
}

type Located = { fig: Figure; at: number; end: number };

/** A name (not a pronoun) starts at token k. Asked only after a multiple word: for every token, a long block's mentions would add up. */
function nameStartsAt(ctx: BlockContext, k: number): boolean {
  return ctx.mentions.some((m) => m.first === k && m.kind === 'name');
}

/** The figure covering token i (figures are in text order; binary search). */
function figureAtToken(figures: Located[], i: number): Located | undefined {
  let lo = 0;
  let hi = figures.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const f = figures[mid];
    if (i < f.at) hi = mid - 1;
    else if (i >= f.end) lo = mid + 1;
    else return f;
  }
  return undefined;
}

/** Finds the derived expressions of a block. */
export function findDerived(ctx: BlockContext, figures: { fig: Figure; at: number; end: number }[], base: number): Derived[] {
  const t = ctx.tokens;
  const out: Derived[] = [];
  const text = (a: number, b: number) => ctx.text.slice(t[a].start, t[b - 1].end);
  for (let i = 0; i < t.length; i++) {
    const w = t[i].lower;
    // Multiples: "five times", "5x", "5-fold", "fivefold", "twice", "doubled".
    if (w === 'times' && i > 0 && t[i - 1].lower !== 'at') {
      const f = figureAtToken(figures, i - 1);
      if (f && f.fig.type === 'count' && f.end === i) {
        out.push({ kind: 'multiple', stated: f.fig.value, qualifier: f.fig.qualifier, start: f.fig.fullStart, end: t[i].end + base, refFirst: i + 1, opFirst: f.at, opNext: i + 1, figure: f.fig, text: text(f.at, i + 1) });
        continue;
      }
    }
    const fold = foldWord(w);
    if (fold !== undefined) {
      out.push({ kind: 'multiple', stated: fold, qualifier: 'exact', start: t[i].start + base, end: t[i].end + base, refFirst: i + 1, opFirst: i, opNext: i + 1, text: t[i].text });
      continue;
    }
    // "5x" (glued) and "5-fold"
    if ((w === 'fold' || w === 'x') && i > 0 && t[i - 1].end === t[i].start) {
      const numIdx = t[i - 1].text === '-' ? i - 2 : i - 1;
      const f = figureAtToken(figures, numIdx);
      if (f && f.fig.type === 'count' && f.end === numIdx + 1 && (w === 'fold' || t[numIdx].end === t[i].start)) {
        out.push({ kind: 'multiple', stated: f.fig.value, qualifier: f.fig.qualifier, start: f.fig.fullStart, end: t[i].end + base, refFirst: i + 1, opFirst: f.at, opNext: i + 1, figure: f.fig, text: text(f.at, i + 1) });
        continue;
      }
    }
    const m = MULTIPLE_WORDS.get(w);
    if (m !== undefined && t[i + 1] && (nameStartsAt(ctx, i + 1) || t[i + 1].lower === 'its' || t[i + 1].lower === 'the' || t[i + 1].lower === 'what' || t[i + 1].lower === 'that')) {
      out.push({ kind: 'multiple', stated: m, qualifier: 'exact', start: t[i].start + base, end: t[i].end + base, refFirst: i + 1, opFirst: i, opNext: i + 1, text: t[i].text });
      continue;
    }
    // Shares: "a quarter of", "two-thirds of", "half of", "40% of".
    const frac = FRACTIONS.get(w);
    if (frac !== undefined && t[i + 1]?.lower === 'of' && !(t[i + 2] && /^\d{4}$/.test(t[i + 2].text))) {
      let first = i;
      let n = 1;
      const prev = t[i - 1];
      if (prev && (prev.lower === 'a' || prev.lower === 'one')) first = i - 1;
      else if (prev && prev.text === '-' && numberWord(t[i - 2]?.lower ?? '')) {
        n = numberWord(t[i - 2].lower)!;
        first = i - 2;
      } else if (prev && numberWord(prev.lower) && (w.endsWith('s') || prev.lower === 'one')) {
        n = numberWord(prev.lower)!;
        first = i - 1;
      } else if (w !== 'half') continue;
      const f = figureAtToken(figures, first);
      out.push({ kind: 'share', stated: n * frac, qualifier: f?.fig.qualifier ?? 'exact', start: t[first].start + base, end: t[i].end + base, refFirst: i + 2, opFirst: first, opNext: i + 2, figure: f?.fig, text: text(first, i + 1) });
      continue;
    }
    const f = figureAtToken(figures, i);
    // "$125 billion a year": a rate, to be read against a fact's total and period.
    if (f && f.at === i && f.fig.type === 'money' && RATE_UNITS.has(`${t[f.end]?.lower} ${t[f.end + 1]?.lower}`)) {
      const unit = RATE_UNITS.get(`${t[f.end].lower} ${t[f.end + 1].lower}`)!;
      out.push({ kind: 'rate', stated: f.fig.value * unit, qualifier: f.fig.qualifier, start: f.fig.fullStart, end: t[f.end + 1].end + base, refFirst: f.end + 2, opFirst: f.at, opNext: f.end + 2, figure: f.fig, text: text(f.at, f.end + 2) });
      continue;
    }
    if (f && f.at === i && f.fig.type === 'money' && t[f.end]?.lower === 'annually') {
      out.push({ kind: 'rate', stated: f.fig.value, qualifier: f.fig.qualifier, start: f.fig.fullStart, end: t[f.end].end + base, refFirst: f.end + 1, opFirst: f.at, opNext: f.end + 1, figure: f.fig, text: text(f.at, f.end + 1) });
      continue;
    }
    // "a gap of $30bn" between two amounts named before it in the sentence.
    if (f && f.at === i && f.fig.type === 'money' && (t[i - 1]?.lower === 'of' || t[i - 1]?.lower === 'by') && GAP_WORDS.has(t[i - 2]?.lower ?? '')) {
      out.push({ kind: 'gap', stated: f.fig.value, qualifier: f.fig.qualifier, start: t[i - 2].start + base, end: f.fig.end, refFirst: i, opFirst: f.at, opNext: f.end, figure: f.fig, text: text(i - 2, f.end) });
      continue;
    }
    // "Amazon and SoftBank together could bring $80bn": a sum over the companies named.
    const sumAt = f && f.at === i && f.fig.type === 'money' ? sumWordBefore(t, i) : -1;
    if (f && sumAt >= 0) {
      // The companies summed are named just before the cue: "what Amazon and SoftBank alone could bring".
      out.push({ kind: 'sum', stated: f.fig.value, qualifier: f.fig.qualifier, start: f.fig.fullStart, end: f.fig.end, refFirst: Math.max(0, sumAt - 8), opFirst: f.at, opNext: f.end, figure: f.fig, text: f.fig.text });
      continue;
    }
    if (f && f.at === i) {
      // "40% of Amazon's capex"
      if (f.fig.type === 'percent' && t[f.end]?.lower === 'of') {
        out.push({ kind: 'share', stated: Math.abs(f.fig.value) / 100, qualifier: f.fig.qualifier, start: f.fig.fullStart, end: f.fig.end, refFirst: f.end + 1, opFirst: f.at, opNext: f.end + 1, figure: f.fig, text: f.fig.text });
        continue;
      }
      // "$20 billion more than SoftBank"
      if (f.fig.type === 'money' && COMPARATIVES.has(t[f.end]?.lower ?? '') && (t[f.end + 1]?.lower === 'than' || t[f.end].lower === 'above' || t[f.end].lower === 'below')) {
        const sign = ['less', 'lower', 'smaller', 'below'].includes(t[f.end].lower) ? -1 : 1;
        const refFirst = t[f.end + 1]?.lower === 'than' ? f.end + 2 : f.end + 1;
        out.push({ kind: 'difference', stated: sign * f.fig.value, qualifier: f.fig.qualifier, start: f.fig.fullStart, end: t[f.end].end + base, refFirst, opFirst: f.at, opNext: refFirst, figure: f.fig, text: text(f.at, f.end + 1) });
      }
    }
  }
  return out;
}

interface Operand {
  value: number;
  facet?: Facet;
  label: string;
}

function moneyOf(facet: Facet): number | undefined {
  const v = facet.variants[0]?.value as { amount?: number };
  return typeof v?.amount === 'number' ? v.amount : undefined;
}

/** The money fact a phrase speaks of: entities, measure and cue words, a year that is the fact's time. */
function resolvePhrase(
  base: FactBase,
  ctx: BlockContext,
  phrases: BlockPhrases,
  first: number,
  next: number,
  defaultEntity: string | undefined,
  measure: string | undefined,
  like?: Facet,
  needYear = false,
  avoidYear = false,
  allowDefault = false,
): Facet | undefined {
  const t = ctx.tokens;
  const entities = new Set<string>();
  let pronoun = false;
  for (const m of ctx.mentions) if (m.first >= first && m.first < next) (m.kind === 'reference' ? (pronoun = true) : entities.add(m.entity));
  for (let i = first; i < next; i++) if (t[i].lower === 'its' || t[i].lower === 'it') pronoun = true;
  // Only a pronoun ("its 2024 valuation") carries the sentence's company into a phrase.
  if (entities.size === 0 && pronoun && defaultEntity) entities.add(defaultEntity);
  if (entities.size === 0 && allowDefault && defaultEntity) entities.add(defaultEntity);
  const hits: PhraseHit[] = phrases.hits.filter((h) => h.first >= first && h.first < next);
  const years = new Set<number>();
  for (let i = first; i < next; i++) if (/^(19|20)\d\d$/.test(t[i].text)) years.add(Number(t[i].text));
  // The measure the phrase names: the operand's own (the reference's) when the phrase names it too,
  // else the one named last, nearest the operator.
  const named = hits.filter((h) => h.entry.measure).map((h) => h.entry.measure!);
  const phraseMeasure = measure && named.includes(measure as never) ? measure : (named[named.length - 1] ?? measure);
  let best: Facet | undefined;
  let bestScore = 0;
  let tie = false;
  base.facets.forEach((facet, fi) => {
    if (facet.role !== 'value' || facet.type !== 'money') return;
    if (entities.size && !facet.subjects.some((s) => entities.has(s))) return;
    if (!entities.size) return;
    // A combined figure of several companies fits a phrase that names only one of them less.
    let score = (2 * facet.subjects.filter((x) => entities.has(x)).length) / facet.subjects.length;
    if (phraseMeasure) {
      if (facet.measure !== phraseMeasure) return;
      score += 1;
    }
    score += Math.min(2, hits.filter((h) => h.entry.facets.includes(fi)).length * 0.5);
    // Prefer the fact whose counterparty the block or its headings name (a story about OpenAI).
    if (facet.objects.some((o) => ctx.outerEntities.has(o) || ctx.mentions.some((m) => m.entity === o))) score += 0.5;
    // Alongside another operand, prefer the fact about the same counterparty (both about OpenAI).
    if (like && like !== facet && facet.objects.some((o) => like.objects.includes(o))) score += 1;
    // ... and in the same state (talks with talks, done with done).
    if (like && like !== facet && facet.fact.status === like.fact.status) score += 0.5;
    if (like === facet) return;
    const time = facet.fact.time?.value.date;
    if (years.size) {
      const yearFits = !!time && years.has(Number(time.slice(0, 4)));
      // The operand the year belongs to, or (for the other operand of the same words) not it.
      if (needYear && !yearFits) return;
      if (avoidYear) score += yearFits ? -3 : 0;
      else score += yearFits ? 2 : -1;
    } else if (needYear) return;
    if (score > bestScore) {
      bestScore = score;
      best = facet;
      tie = false;
    } else if (score === bestScore) tie = true;
  });
  return tie ? undefined : best;
}

function describe(op: Operand): string {
  return op.facet ? `${formatValue(op.facet.variants[0].value, op.facet.variants[0].qualifier)} (${op.facet.fact.id})` : op.label;
}

function fmt(n: number): string {
  return Math.abs(n) >= 1e9 ? `$${+(n / 1e9).toFixed(1)} billion` : String(+n.toFixed(2));
}

/** "a gap of $30bn" after two amounts in the sentence: their difference. Returns 'none' when not two amounts. */
function checkGap(d: Derived, sentence: Span, figures: { fig: Figure; at: number; end: number }[]): Finding | undefined | 'none' {
  const amounts = figures.filter((f) => f.at >= sentence.first && f.at < d.opFirst && f.fig.type === 'money').map((f) => f.fig);
  if (amounts.length < 2) return 'none';
  const [a, b] = amounts.slice(-2);
  const hi = Math.max(a.value, b.value);
  const lo = Math.min(a.low ?? a.value, b.low ?? b.value);
  const actual = hi - lo;
  if (agrees('difference', d.stated, actual, d.qualifier, d.figure?.precision ?? 0)) return undefined;
  return {
    rule: 'wrong-derived',
    severity: 'error',
    message: `${d.text}: ${b.text} - ${a.text} = ${fmt(actual)}, not ${fmt(d.stated)}.`,
    start: d.start,
    end: d.end,
  };
}

/** "Amazon and SoftBank alone could bring $80bn": the sum of the named companies' facts of one measure. */
function checkSum(base: FactBase, ctx: BlockContext, phrases: BlockPhrases, d: Derived, sentence: Span): Finding | undefined | 'none' {
  const from = Math.max(sentence.first, d.refFirst);
  const named = [...new Set(ctx.mentions.filter((m) => m.kind === 'name' && m.first >= from && m.first < d.opFirst).map((m) => m.entity))];
  const companies = named.filter((e) => {
    const ent = base.entities.get(e);
    return !ent || ent.type === 'company';
  });
  if (companies.length < 2) return 'none';
  // A fact that is itself the combined figure of exactly these companies is a plain claim.
  if (base.facets.some((f) => f.role === 'value' && f.subjects.length === companies.length && companies.every((c) => f.subjects.includes(c)))) return 'none';
  const operands: Facet[] = [];
  for (const c of companies) {
    const facet = resolvePhrase(base, ctx, phrases, d.opFirst, d.opFirst, c, 'investment', operands[0], false, false, true);
    if (!facet || !facet.subjects.includes(c) || facet.subjects.length !== 1) return 'none';
    operands.push(facet);
  }
  const actual = operands.reduce((sum, f) => sum + (moneyOf(f) ?? 0), 0);
  if (agrees('difference', d.stated, actual, d.qualifier, d.figure?.precision ?? 0)) return undefined;
  return {
    rule: 'wrong-derived',
    severity: 'error',
    message: `${d.text}: by the sources, ${operands.map((f) => describe({ value: moneyOf(f) ?? 0, facet: f, label: f.fact.id })).join(' + ')} = ${fmt(actual)}, not ${fmt(d.stated)}.`,
    start: d.start,
    end: d.end,
    factId: operands[0].fact.id,
    expected: expectedOf(operands[0]),
    related: operands.slice(1).map((f) => f.fact.id),
  };
}

function subjectOf(ctx: BlockContext, d: Derived, sentence: Span): string | undefined {
  const before = ctx.mentions.filter((m) => m.first < d.opFirst && m.first >= sentence.first && m.kind !== 'unknown');
  return before.length ? before[before.length - 1].entity : undefined;
}

/** "$125 billion a year" against a fact with a total and a period of the same company ("nearly $500bn over four years"). */
function checkRate(base: FactBase, ctx: BlockContext, d: Derived, sentence: Span, entity: string | undefined): Finding | undefined {
  if (!entity) return undefined;
  const years: Record<string, number> = { day: 1 / 365.25, week: 7 / 365.25, month: 1 / 12, quarter: 0.25, year: 1 };
  for (const facet of base.facets) {
    if (facet.role !== 'value' || facet.type !== 'money' || !facet.fact.span || !facet.subjects.includes(entity)) continue;
    const total = moneyOf(facet);
    if (total === undefined) continue;
    const span = facet.fact.span.duration * years[facet.fact.span.unit];
    const actual = total / span;
    // Written as a rounded yearly amount: within a tenth, more with "about"/"roughly".
    const tol = d.qualifier === 'about' || d.qualifier === 'nearly' ? 0.2 : 0.1;
    if (Math.abs(actual - d.stated) <= actual * tol) return undefined;
    return {
      rule: 'wrong-derived',
      severity: 'error',
      message: `${d.text}: by the sources, ${describe({ value: total, facet, label: facet.fact.id })} over ${facet.fact.span.duration} ${facet.fact.span.unit}s = ${fmt(actual)} a year, not ${fmt(d.stated)}.`,
      start: d.start,
      end: d.end,
      factId: facet.fact.id,
      expected: expectedOf(facet),
    };
  }
  return undefined;
}

/** Whether the stated multiple / share agrees with the actual one, given the wording. */
function agrees(kind: Kind, stated: number, actual: number, q: Qualifier, precision = 0): boolean {
  if (kind === 'difference') {
    const tol = Math.max(precision / 2, Math.abs(actual) * 0.05);
    if (q === 'more-than' || q === 'at-least') return actual >= stated - tol;
    if (q === 'less-than' || q === 'up-to') return actual <= stated + tol;
    return Math.abs(actual - stated) <= (q === 'about' || q === 'nearly' ? Math.abs(actual) * 0.1 + tol : tol);
  }
  const rel = Math.abs(actual - stated) / Math.max(stated, 1e-9);
  switch (q) {
    case 'more-than':
    case 'at-least':
      return actual >= stated * 0.98;
    case 'less-than':
    case 'up-to':
      return actual <= stated * 1.02;
    case 'nearly':
      return actual <= stated * 1.02 && actual >= stated * 0.8;
    case 'about':
      return rel <= 0.15;
    default:
      // A whole multiple or a simple fraction is read as rounded: "five times" for 5.3.
      return kind === 'multiple' ? Math.abs(actual - stated) <= Math.max(0.5, stated * 0.1) : rel <= 0.12;
  }
}

/**
 * Checks the derived expressions of a block. `handled` holds the figures of expressions whose two
 * operands were resolved; the others are matched as plain figures.
 */
export function checkDerived(
  base: FactBase,
  ctx: BlockContext,
  phrases: BlockPhrases,
  derived: Derived[],
  figures: { fig: Figure; at: number; end: number }[],
): { findings: Finding[]; handled: Set<Figure> } {
  const findings: Finding[] = [];
  const handled = new Set<Figure>();
  for (const d of derived) {
    const sentence: Span | undefined = spanOf(ctx.sentences, d.opFirst);
    const clause = spanOf(ctx.clauses, d.opFirst);
    if (!sentence) continue;
    // A difference or multiple is never a plain amount: unresolved, it is left unsupported.
    if (d.figure && (d.kind === 'difference' || d.kind === 'multiple' || d.kind === 'gap')) handled.add(d.figure);
    if (d.kind === 'rate') {
      // A yearly rate is never a plain amount; checked when a fact of the sentence has a period.
      if (d.figure) handled.add(d.figure);
      const f = checkRate(base, ctx, d, sentence, subjectOf(ctx, d, sentence));
      if (f) findings.push(f);
      continue;
    }
    if (d.kind === 'gap' || d.kind === 'sum') {
      const f = d.kind === 'gap' ? checkGap(d, sentence, figures) : checkSum(base, ctx, phrases, d, sentence);
      if (f === 'none') {
        if (d.kind === 'sum') continue;
      } else {
        if (d.figure) handled.add(d.figure);
        if (f) findings.push(f);
      }
      continue;
    }
    // The entity the sentence is about: the last company named before the operator.
    const before = ctx.mentions.filter((m) => m.first < d.opFirst && m.first >= sentence.first && m.kind !== 'unknown');
    const subjectEntity = before.length ? before[before.length - 1].entity : ctx.mentions.find((m) => m.first >= sentence.first && m.first < sentence.next)?.entity;
    const refEnd = clause ? Math.min(clause.next, d.refFirst + 10) : d.refFirst + 10;
    // Reference operand: a figure written in the phrase, else the fact the phrase describes.
    let ref: Operand | undefined;
    const refFig = figures.find((f) => f.at >= d.refFirst && f.at < refEnd && f.fig.type === 'money');
    let refFacet = resolvePhrase(base, ctx, phrases, d.refFirst, refEnd, subjectEntity, undefined);
    let refBefore = false;
    // "would lift OpenAI's October 2024 valuation more than eightfold": the base comes before.
    if (!refFacet && d.kind === 'multiple' && (!clause || refEnd - d.refFirst <= 1 || d.refFirst >= clause.next - 1)) {
      refFacet = resolvePhrase(base, ctx, phrases, clause ? clause.first : sentence.first, d.opFirst, subjectEntity, undefined, undefined, true);
      refBefore = !!refFacet;
    }
    if (refFig) ref = { value: refFig.fig.value, label: refFig.fig.text, facet: refFacet && refFacet.variants.some((v) => numberMatches(refFig.fig, v.value)) ? refFacet : undefined };
    else if (refFacet && moneyOf(refFacet) !== undefined) ref = { value: moneyOf(refFacet)!, facet: refFacet, label: refFacet.fact.id };
    if (!ref) continue;
    // Subject operand: a money figure stated before the operator in the sentence, else the fact
    // the words before the operator describe (same measure as the reference).
    let subject: Operand | undefined;
    const subjFig = [...figures].reverse().find((f) => f.at < d.opFirst && f.at >= sentence.first && f.fig.type === 'money' && f.fig !== d.figure);
    if (subjFig && d.kind !== 'difference') subject = { value: subjFig.fig.value, label: subjFig.fig.text };
    else {
      const from = clause ? clause.first : sentence.first;
      const entity = subjectEntity;
      const facet = resolvePhrase(base, ctx, phrases, from, d.opFirst, entity, ref.facet?.measure, ref.facet, false, refBefore, d.kind === 'difference');
      if (facet && facet !== ref.facet && moneyOf(facet) !== undefined) subject = { value: moneyOf(facet)!, facet, label: facet.fact.id };
    }
    if (!subject || ref.value === 0) continue;
    // Both operands resolved: the expression is checked here, not as a plain figure.
    if (d.figure) handled.add(d.figure);
    let actual: number;
    let statedText: string;
    let actualText: string;
    if (d.kind === 'multiple') {
      actual = subject.value / ref.value;
      statedText = `${d.stated} times`;
      actualText = `${actual.toFixed(1)} times`;
    } else if (d.kind === 'share') {
      actual = subject.value / ref.value;
      statedText = `${+(d.stated * 100).toFixed(1)}%`;
      actualText = `${+(actual * 100).toFixed(1)}%`;
    } else {
      actual = subject.value - ref.value;
      statedText = fmt(d.stated);
      actualText = fmt(actual);
    }
    // Two numbers of the draft and no sourced fact: nothing the sources can settle.
    const factFacet = subject.facet ?? ref.facet;
    if (!factFacet) continue;
    if (agrees(d.kind, d.stated, actual, d.qualifier, d.figure?.precision ?? 0)) continue;
    const op = d.kind === 'difference' ? '-' : '/';
    findings.push({
      rule: 'wrong-derived',
      severity: 'error',
      message: `${d.text}: by the sources, ${describe(subject)} ${op} ${describe(ref)} = ${actualText}, not ${statedText}.`,
      start: d.start,
      end: d.end,
      factId: factFacet.fact.id,
      expected: expectedOf(factFacet),
      related: [subject.facet?.fact.id, ref.facet?.fact.id].filter((x): x is string => !!x && x !== factFacet.fact.id),
    });
  }
  return { findings, handled };
}

export type { Token };
