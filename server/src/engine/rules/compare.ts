// Comparing a figure as written with a sourced value: numbers with the precision the writer
// used, qualifiers as bounds, dates as calendar intervals.
import type { DateValue, Qualifier, Value } from '../facts/schema.js';
import type { DateRef, Figure } from '../types.js';

export type QualifierOutcome = 'ok' | 'overstated' | 'contradicted';

/** Tolerance of a figure: half a unit of its last written digit, wider when it says "about". */
function tolerance(fig: Figure, v: number): number {
  let tol = Math.max(fig.precision / 2, Math.abs(v) * 1e-9);
  // "about $800 billion" rounds $830 billion to the last non-zero digit; "about $850 billion" does not.
  if (fig.qualifier === 'about' || fig.qualifier === 'nearly') tol = Math.max(tol, (fig.roundPrecision ?? fig.precision) / 2);
  return tol;
}

function numberOf(value: Value): number | undefined {
  if ('amount' in value) return value.amount;
  if ('count' in value) return value.count;
  if ('percent' in value) return value.percent;
  if ('duration' in value) return value.duration;
  return undefined;
}

const DAYS: Record<string, number> = { day: 1, week: 7, month: 30.44, quarter: 91.3, year: 365.25 };

/** True when the figure's number agrees with the sourced number. */
export function numberMatches(fig: Figure, value: Value): boolean {
  if ('amount' in value && fig.currency && fig.currency !== value.currency) return false;
  let v = numberOf(value);
  if (v === undefined) return false;
  let f = fig.value;
  let low = fig.low;
  if ('duration' in value) {
    const unitDays = DAYS[fig.unit ?? 'year'] ?? 1;
    f *= unitDays;
    v *= DAYS[value.unit];
    return Math.abs(f - v) <= Math.max(unitDays / 2, v * 0.01);
  }
  if ('percent' in value) {
    f = Math.abs(f);
    v = Math.abs(v);
    if (low !== undefined) low = Math.abs(low);
  }
  const tol = tolerance(fig, v);
  if (low !== undefined) return v >= low - tol && v <= f + tol;
  return Math.abs(f - v) <= tol;
}

/** The figure is the sourced number off by a power of ten (million for billion, $1.1bn for $11bn). */
export function isMagnitudeError(fig: Figure, value: Value): boolean {
  const v = numberOf(value);
  if (v === undefined || v === 0 || fig.value === 0 || 'duration' in value) return false;
  const ratio = Math.log10(Math.abs(fig.value) / Math.abs(v));
  const k = Math.round(ratio);
  return k !== 0 && Math.abs(ratio - k) < 0.004;
}

/** How a qualifier in the draft relates to the sources' qualifier, for the same number. */
export function qualifierOutcome(draft: Qualifier, source: Qualifier): QualifierOutcome {
  if (draft === source || draft === 'about') return 'ok';
  switch (draft) {
    case 'exact':
      return source === 'less-than' ? 'overstated' : 'ok';
    case 'nearly':
      return source === 'at-least' || source === 'more-than' ? 'contradicted' : 'ok';
    case 'up-to':
      return source === 'at-least' || source === 'more-than' ? 'contradicted' : 'ok';
    case 'less-than':
      return source === 'at-least' || source === 'more-than' ? 'contradicted' : 'ok';
    case 'at-least':
      if (source === 'less-than') return 'contradicted';
      if (source === 'up-to' || source === 'nearly') return 'overstated';
      return 'ok';
    case 'more-than':
      if (source === 'less-than' || source === 'nearly' || source === 'up-to') return 'contradicted';
      if (source === 'exact' || source === 'about') return 'overstated';
      return 'ok';
  }
  return 'ok';
}

// ---- dates ---------------------------------------------------------------------------------

const PRECISION_RANK: Record<string, number> = { day: 5, month: 4, quarter: 3, half: 2, year: 1, decade: 0 };

function dayNumber(y: number, m: number, d: number): number {
  return Date.UTC(y, m - 1, d) / 86_400_000;
}

interface Interval {
  from: number;
  to: number;
}

function partOf(iv: Interval, part: DateRef['part']): Interval {
  const len = iv.to - iv.from;
  switch (part) {
    case 'early':
      return { from: iv.from, to: iv.from + len * 0.4 };
    case 'mid':
      return { from: iv.from + len * 0.25, to: iv.to - len * 0.25 };
    case 'late':
      return { from: iv.from + len * 0.6, to: iv.to };
    case 'end':
      return { from: iv.from + len * 0.75, to: iv.to };
    default:
      return iv;
  }
}

function intervalOf(d: DateRef, year: number): Interval | undefined {
  let iv: Interval;
  if (d.precision === 'decade') iv = { from: dayNumber(year, 1, 1), to: dayNumber(year + 10, 1, 1) };
  else if (d.day !== undefined && d.month !== undefined) iv = { from: dayNumber(year, d.month, d.day), to: dayNumber(year, d.month, d.day) + 1 };
  else if (d.month !== undefined) iv = { from: dayNumber(year, d.month, 1), to: dayNumber(year, d.month + 1, 1) };
  else if (d.quarter !== undefined) iv = { from: dayNumber(year, (d.quarter - 1) * 3 + 1, 1), to: dayNumber(year, d.quarter * 3 + 1, 1) };
  else if (d.half !== undefined) iv = { from: dayNumber(year, (d.half - 1) * 6 + 1, 1), to: dayNumber(year, d.half * 6 + 1, 1) };
  else iv = { from: dayNumber(year, 1, 1), to: dayNumber(year + 1, 1, 1) };
  return partOf(iv, d.part);
}

/** A facts-file date as a DateRef. */
export function dateRefOf(v: DateValue): DateRef {
  const [y, rest] = [Number(v.date.slice(0, 4)), v.date.slice(5)];
  const ref: DateRef = { year: y, precision: v.precision, part: v.part };
  if (v.precision === 'day' || v.precision === 'month') ref.month = Number(rest.slice(0, 2));
  if (v.precision === 'day') ref.day = Number(rest.slice(3, 5));
  if (v.precision === 'quarter') ref.quarter = Number(rest.slice(1));
  if (v.precision === 'half') ref.half = Number(rest.slice(1));
  return ref;
}

export type DateOutcome = 'ok' | 'wrong-date' | 'wrong-year';

function overlaps(a: Interval, b: Interval): boolean {
  return a.from < b.to && b.from < a.to;
}

const compared = new WeakMap<DateRef, WeakMap<DateValue, DateOutcome>>();
const sourceRefs = new WeakMap<DateValue, DateRef>();

/** Compares a date in the draft with one sourced date. A draft without a year is read in the source's year. */
export function compareDate(draft: DateRef, source: DateValue): DateOutcome {
  // A draft's date is compared with the same few sourced dates again and again: remembered, and
  // shared by every date of the drafts that reads the same ("January 2026" in each article).
  let known = compared.get(draft);
  if (!known) compared.set(draft, (known = outcomesOf(draft)));
  let outcome = known.get(source);
  if (outcome === undefined) known.set(source, (outcome = compareDateOnce(draft, source)));
  return outcome;
}

/** The outcomes against sourced dates of each date as written (what compareDateOnce reads of it). */
const outcomesByDate = new Map<string, WeakMap<DateValue, DateOutcome>>();
/** Distinct dates remembered; past that the memory starts over (text made of endless dates). */
const DATES_KEPT = 4096;

/** What compareDate reads of a date as written: dates with the same reading compare the same. */
export function dateReading(d: DateRef): string {
  return `${d.year}|${d.month}|${d.day}|${d.quarter}|${d.half}|${d.part}|${d.precision}`;
}

function outcomesOf(d: DateRef): WeakMap<DateValue, DateOutcome> {
  const key = dateReading(d);
  let known = outcomesByDate.get(key);
  if (!known) {
    if (outcomesByDate.size >= DATES_KEPT) outcomesByDate.clear();
    // Weak: the sourced dates of facts that were reloaded since are not kept.
    outcomesByDate.set(key, (known = new WeakMap()));
  }
  return known;
}

/** A sourced date's interval, made once per date. */
const sourceIntervals = new WeakMap<DateValue, Interval | undefined>();

function sourceInterval(source: DateValue, src: DateRef): Interval | undefined {
  let iv = sourceIntervals.get(source);
  if (!iv) sourceIntervals.set(source, (iv = intervalOf(src, src.year!)));
  return iv;
}

/** A draft's date's interval in a given year, made once per date and year (it meets every sourced date). */
const draftIntervals = new WeakMap<DateRef, Map<number, Interval | undefined>>();

function draftInterval(draft: DateRef, year: number): Interval | undefined {
  let byYear = draftIntervals.get(draft);
  if (!byYear) draftIntervals.set(draft, (byYear = new Map()));
  let iv = byYear.get(year);
  if (!iv) byYear.set(year, (iv = intervalOf(draft, year)));
  return iv;
}

function compareDateOnce(draft: DateRef, source: DateValue): DateOutcome {
  let src = sourceRefs.get(source);
  if (!src) sourceRefs.set(source, (src = dateRefOf(source)));
  const sy = src.year!;
  // A draft's date without a year is read in the source's year.
  const dIv = draftInterval(draft, draft.year ?? sy);
  const sIv = sourceInterval(source, src);
  if (!dIv || !sIv) return 'ok';
  if (overlaps(dIv, sIv)) return 'ok';
  if (draft.year !== undefined && draft.year !== sy) {
    // Same day/month/quarter in the source's year would fit: the year is what is wrong.
    const moved = draftInterval(draft, sy);
    if (moved && overlaps(moved, sIv)) return 'wrong-year';
    if (draft.precision === 'year' || draft.precision === 'decade') return 'wrong-year';
  }
  return 'wrong-date';
}

export function precisionRank(p: string): number {
  return PRECISION_RANK[p] ?? 0;
}
