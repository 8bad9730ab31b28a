// Replacement text in the writer's own style: "$40bn" -> "$50bn", "fifty billion dollars" ->
// "thirty billion dollars", "Jan. 29" -> "Jan. 28", "Q4 2027" -> "Q4 2026".
import type { DateValue, Qualifier, Value } from '../facts/schema.js';
import type { Figure } from '../types.js';
import { formatBareValue, qualifierText } from '../facts/format.js';
import { numberToWords } from '../figures/numbers.js';
import { MONTH_NAMES } from '../figures/lexicon.js';
import { dateRefOf } from './compare.js';

function trimNumber(n: number, maxDecimals: number): string {
  const s = n.toFixed(maxDecimals);
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}

function groupDigits(s: string): string {
  const [int, frac] = s.split('.');
  const g = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return frac ? `${g}.${frac}` : g;
}

function restyleNumber(fig: Figure, target: number): string | undefined {
  const style = fig.style;
  if (!style) return undefined;
  let mult = style.multiplier || 1;
  let scale = style.scale;
  let n = target / mult;
  // Keep the writer's scale unless the number would look odd (0.0005bn); then write the full scale word.
  if (n !== 0 && (Math.abs(n) < 0.01 || Math.abs(n) >= 10000) && scale) {
    const candidates: [number, string][] = [
      [1e12, 'trillion'],
      [1e9, 'billion'],
      [1e6, 'million'],
      [1e3, 'thousand'],
    ];
    const pick = candidates.find(([m]) => Math.abs(target) >= m) ?? [1, ''];
    mult = pick[0];
    scale = pick[1];
    n = target / mult;
  }
  let digits: string | undefined;
  if (style.words) {
    digits = numberToWords(n);
    if (digits !== undefined && fig.text.charCodeAt(0) >= 65 && fig.text.charCodeAt(0) <= 90) digits = digits[0].toUpperCase() + digits.slice(1);
  }
  if (digits === undefined) {
    digits = trimNumber(n, 3);
    if (style.grouped || (!scale && Math.abs(n) >= 10000)) digits = groupDigits(digits);
  }
  const sep = scale ? (style.scale ? style.scaleSep : ' ') : '';
  return `${style.prefix}${digits}${sep}${scale}${style.suffix}`;
}

function restyleDate(fig: Figure, target: DateValue): string {
  const d = fig.date;
  const t = dateRefOf(target);
  const written = fig.text;
  if (!d) return formatBareValue(target);
  if (t.month !== undefined && (d.precision === 'day' || d.precision === 'month')) {
    const abbreviated = /^[A-Z][a-z]{2,3}\.?(\s|$)/.test(written.replace(/^(early|late|mid)[\s-]*/i, '')) && !/^(May|June|July)\b/.test(written);
    const fullName = MONTH_NAMES[t.month - 1];
    const monthText = abbreviated ? fullName.slice(0, fullName === 'September' ? 4 : 3) + (written.includes('.') ? '.' : '') : fullName;
    const dayFirst = /^\d/.test(written);
    const ordinal = /\d(st|nd|rd|th)\b/.test(written);
    const withYear = d.year !== undefined;
    const comma = /\d,\s*\d{4}/.test(written);
    let dayText = '';
    if (t.day !== undefined) {
      dayText = String(t.day);
      if (ordinal) dayText += t.day % 10 === 1 && t.day !== 11 ? 'st' : t.day % 10 === 2 && t.day !== 12 ? 'nd' : t.day % 10 === 3 && t.day !== 13 ? 'rd' : 'th';
    }
    let out = dayText ? (dayFirst ? `${dayText} ${monthText}` : `${monthText} ${dayText}`) : monthText;
    if (withYear) out += (dayText && comma ? ', ' : ' ') + t.year;
    return out;
  }
  if (t.quarter !== undefined) {
    if (/^Q\d/i.test(written) || /\bQ\d/.test(written)) return `Q${t.quarter}${d.year !== undefined || !/^Q\d$/.test(written) ? ' ' + t.year : ''}`;
    return formatBareValue(target);
  }
  return formatBareValue(target);
}

/** The sourced value written the way the draft wrote its figure. */
export function restyle(fig: Figure, value: Value): string {
  if ('date' in value) return restyleDate(fig, value);
  if ('amount' in value) return restyleNumber(fig, value.amount) ?? formatBareValue(value);
  if ('count' in value) return restyleNumber(fig, value.count) ?? formatBareValue(value);
  if ('percent' in value) {
    const suffix = fig.style?.suffix ?? '%';
    const sign = fig.value < 0 ? '-' : '';
    return `${sign}${trimNumber(Math.abs(value.percent), 2)}${suffix}`;
  }
  if ('duration' in value) {
    const words = fig.text.match(/^[a-z]+/i) ? numberToWords(value.duration) : undefined;
    const unit = value.unit + (value.duration === 1 ? '' : 's');
    return `${words ?? value.duration} ${unit}`;
  }
  return fig.text;
}

/** The qualifier and figure rewritten with the sources' qualifier: "more than $10bn" -> "less than $10bn". */
export function requalify(fig: Figure, qualifier: Qualifier, figureText: string): string {
  const q = qualifierText(qualifier);
  return q ? `${q} ${figureText}` : figureText;
}
