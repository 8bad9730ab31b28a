// A fact is disputed when its sources disagree: its variants differ in value or qualifier.
import type { DateValue, Fact, Value } from './schema.js';
import { compareDate, dateRefOf } from '../rules/compare.js';
import { valueType } from './format.js';

/**
 * Whether two values say the same thing. Money compares amount and currency; counts compare the
 * number only ("16,000 roles" = "16,000 jobs": a wording difference, not a dispute); dates
 * agree when one contains the other (January 28 within January 2026); durations compare length and unit.
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
      // A day inside a month the other source gives is the same date at a finer precision.
      return compareDate(dateRefOf(a as DateValue), b as DateValue) === 'ok' || compareDate(dateRefOf(b as DateValue), a as DateValue) === 'ok';
    case 'duration':
      return x.duration === y.duration && x.unit === y.unit;
  }
}

/** The same value written the same way (for spotting duplicate variants): dates compare exactly. */
export function identicalValue(a: Value, b: Value): boolean {
  if ('date' in a && 'date' in b) return a.date === b.date && a.precision === b.precision && (a.part ?? null) === (b.part ?? null);
  return sameValue(a, b);
}

/** True when the fact's variants differ in value or qualifier. */
export function isDisputed(fact: Pick<Fact, 'variants'>): boolean {
  const [first, ...rest] = fact.variants;
  if (!first) return false;
  const q = first.qualifier ?? 'exact';
  return rest.some((v) => !sameValue(first.value, v.value) || (v.qualifier ?? 'exact') !== q);
}
