// A figure against one facet of a fact: does it agree with some variant, and if not, how does it differ?
import type { DateRef, Figure } from '../types.js';
import type { Facet, FacetVariant } from '../claims/factbase.js';
import { compareDate, isMagnitudeError, numberMatches, precisionRank, qualifierOutcome } from './compare.js';

export type Outcome = 'ok' | 'overstated' | 'contradicted' | 'wrong-value' | 'wrong-magnitude' | 'wrong-date' | 'wrong-year';

export interface Evaluation {
  ok: boolean;
  /** Variants the figure agrees with. */
  okVariants: FacetVariant[];
  outcome: Outcome;
  /** The variant nearest to the figure (for the message and the fix). */
  closest: FacetVariant;
  /** 0..1, how near the number is to the closest variant (1 = equal). */
  closeness: number;
}

function numberOf(v: FacetVariant): number | undefined {
  const x = v.value as Record<string, unknown>;
  const n = (x.amount ?? x.count ?? x.percent ?? x.duration) as number | undefined;
  return typeof n === 'number' ? n : undefined;
}

/** Variants whose date is at least as precise as a draft date of precision `rank`, per variant list and rank. */
const decisiveCache = new WeakMap<FacetVariant[], FacetVariant[][]>();

function decisiveVariants(variants: FacetVariant[], rank: number): FacetVariant[] {
  let byRank = decisiveCache.get(variants);
  if (!byRank) decisiveCache.set(variants, (byRank = []));
  let decisive = byRank[rank];
  if (!decisive) byRank[rank] = decisive = variants.filter((v) => 'date' in v.value && precisionRank(v.value.precision) >= rank);
  return decisive;
}

function dateOutcome(date: DateRef, v: FacetVariant): 'ok' | 'wrong-date' | 'wrong-year' {
  return 'date' in v.value ? compareDate(date, v.value) : 'wrong-date';
}

/** A date is judged by the sourced dates at least as precise as it, when there are such. */
function evaluateDate(date: DateRef, variants: FacetVariant[]): Evaluation {
  const decisive = decisiveVariants(variants, precisionRank(date.precision));
  const pool = decisive.length ? decisive : variants;
  let wrongYear = -1;
  for (let k = 0; k < pool.length; k++) {
    const outcome = dateOutcome(date, pool[k]);
    if (outcome === 'ok') {
      // Variants of coarser precision that contain the date agree too.
      const all = variants.filter((v) => dateOutcome(date, v) === 'ok');
      return { ok: true, okVariants: all, outcome: 'ok', closest: pool[k], closeness: 1 };
    }
    if (outcome === 'wrong-year' && wrongYear < 0) wrongYear = k;
  }
  // Nothing agrees: the first variant whose year alone is wrong, else the first.
  const idx = wrongYear >= 0 ? wrongYear : 0;
  const outcome = (pool.length ? dateOutcome(date, pool[idx]) : undefined) as Outcome;
  return { ok: false, okVariants: [], outcome, closest: pool[idx], closeness: wrongYear >= 0 ? 0.6 : 0.3 };
}

export function evaluate(fig: Figure, facet: Pick<Facet, 'variants' | 'type'>): Evaluation {
  const variants = facet.variants;
  if (fig.type === 'date' && fig.date) return evaluateDate(fig.date, variants);
  const okVariants: FacetVariant[] = [];
  let qualifierIssue: { v: FacetVariant; o: 'overstated' | 'contradicted' } | undefined;
  // Where a source bounds the figure ("up to $100bn"), a bare "$100bn" elsewhere is its headline
  // form: a bound in the draft ("at least $100bn") is judged against the sources' bounds.
  const bounded = fig.qualifier !== 'exact' && fig.qualifier !== 'about';
  const compared = bounded ? variants.filter((v) => v.qualifier !== 'exact' || !variants.some((w) => w.qualifier !== 'exact' && w.qualifier !== 'about' && numberMatches(fig, w.value))) : variants;
  for (const v of compared) {
    if (!numberMatches(fig, v.value)) continue;
    if (fig.negated) {
      qualifierIssue = { v, o: 'contradicted' };
      continue;
    }
    const o = qualifierOutcome(fig.qualifier, v.qualifier);
    if (o === 'ok') okVariants.push(v);
    else if (!qualifierIssue || (qualifierIssue.o === 'contradicted' && o === 'overstated')) qualifierIssue = { v, o };
  }
  // The headline forms set aside above agree with a draft that follows the bound they stand for.
  if (okVariants.length) return { ok: true, okVariants: [...okVariants, ...variants.filter((v) => !compared.includes(v))], outcome: 'ok', closest: okVariants[0], closeness: 1 };
  if (qualifierIssue) return { ok: false, okVariants, outcome: qualifierIssue.o, closest: qualifierIssue.v, closeness: 0.9 };
  // A denied figure that the sources don't give is no error ("not $60 billion").
  let closest = variants[0];
  let bestD = Infinity;
  for (const v of variants) {
    const n = numberOf(v);
    if (n === undefined || n === 0 || fig.value === 0) continue;
    const d = Math.abs(Math.log10(Math.abs(fig.value) / Math.abs(n)));
    if (d < bestD) {
      bestD = d;
      closest = v;
    }
  }
  if (fig.negated) return { ok: true, okVariants: [], outcome: 'ok', closest, closeness: 0.5 };
  const magnitude = variants.find((v) => isMagnitudeError(fig, v.value));
  if (magnitude) return { ok: false, okVariants, outcome: 'wrong-magnitude', closest: magnitude, closeness: 0.5 };
  const closeness = Number.isFinite(bestD) ? Math.max(0, 1 - bestD * 2) : 0;
  return { ok: false, okVariants, outcome: 'wrong-value', closest, closeness };
}
