// A fact is disputed when its sources disagree: its variants differ in value or qualifier.
import type { Fact, Value } from './schema.js';
import { valueType } from './format.js';

/**
 * Whether two values say the same thing. Money compares amount and currency; counts compare the
 * number only ("16,000 roles" = "16,000 jobs": a wording difference, not a dispute); dates
 * compare date, precision and part; durations compare length and unit.
 */
export function sameValue(a: Value, b: Value): boolean {
  const t = valueType(a);
  if (t !== valueType(b)) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  switch (t) {
    case 'money':
      return x.amount === y.amount && (x.currency ?? 'USD') === (y.currency ?? 'USD');
    case 'count':
      return x.count === y.count;
    case 'percent':
      return x.percent === y.percent;
    case 'date':
      return x.date === y.date && x.precision === y.precision && (x.part ?? null) === (y.part ?? null);
    case 'duration':
      return x.duration === y.duration && x.unit === y.unit;
  }
}

/** True when the fact's variants differ in value or qualifier. */
export function isDisputed(fact: Pick<Fact, 'variants'>): boolean {
  const [first, ...rest] = fact.variants;
  if (!first) return false;
  const q = first.qualifier ?? 'exact';
  return rest.some((v) => !sameValue(first.value, v.value) || (v.qualifier ?? 'exact') !== q);
}
