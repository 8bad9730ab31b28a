// A figure against one facet of a fact: does it agree with some variant, and if not, how does it differ?
import type { Figure } from '../types.js';
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

export function evaluate(fig: Figure, facet: Pick<Facet, 'variants' | 'type'>): Evaluation {
  const variants = facet.variants;
  if (fig.type === 'date' && fig.date) {
    const draftRank = precisionRank(fig.date.precision);
    const decisive = variants.filter((v) => 'date' in v.value && precisionRank(v.value.precision) >= draftRank);
    const pool = decisive.length ? decisive : variants;
    const outcomes = pool.map((v) => ('date' in v.value ? compareDate(fig.date!, v.value) : 'wrong-date'));
    const okVariants = pool.filter((_, k) => outcomes[k] === 'ok');
    if (okVariants.length) {
      // Variants of coarser precision that contain the date agree too.
      const all = variants.filter((v) => 'date' in v.value && compareDate(fig.date!, v.value) === 'ok');
      return { ok: true, okVariants: all, outcome: 'ok', closest: okVariants[0], closeness: 1 };
    }
    const k = outcomes.indexOf('wrong-year');
    const idx = k >= 0 ? k : 0;
    return { ok: false, okVariants: [], outcome: outcomes[idx] as Outcome, closest: pool[idx], closeness: k >= 0 ? 0.6 : 0.3 };
  }
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
