// The draft's own date from YAML front matter (`date: 2026-02-01`), as YYYY-MM-DD.
import { parse } from 'yaml';

/** Parses front matter safely (never throws) and returns its `date:` normalised, if it is a date. */
export function draftDateFromYaml(source: string): string | undefined {
  if (source.length > 1_000_000) return undefined;
  // Most front matter has no date key: skip the YAML parse then (it is a measurable share of a run).
  if (!/^\s*["']?[Dd]ate["']?\s*:/m.test(source)) return undefined;
  // The usual shape, `date: 2026-02-01` once at the top level of plain `key: value` lines, is read
  // without the YAML parser (a measurable share of a run over many short drafts).
  const simple = simpleDate(source);
  if (simple !== undefined) return simple;
  return draftDateByYaml(source);
}

/** The date as the YAML parser reads it (exported for the test that the shortcut agrees). */
export function draftDateByYaml(source: string): string | undefined {
  let data: unknown;
  try {
    data = parse(source, {
      maxAliasCount: 10,
      prettyErrors: false,
      uniqueKeys: false,
      strict: false,
      logLevel: 'silent',
    });
  } catch {
    return undefined;
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) return undefined;
  const record = data as Record<string, unknown>;
  const value = 'date' in record ? record.date : record.Date;
  return normaliseDate(value);
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

function valid(y: number, m: number, d: number): boolean {
  if (!(y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1)) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function normaliseDate(value: unknown): string | undefined {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return undefined;
    return `${pad(value.getUTCFullYear(), 4)}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
  }
  if (typeof value !== 'string') return undefined;
  const s = value.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?![\d])/.exec(s);
  if (iso) {
    const [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
    return valid(y, m, d) ? `${pad(y, 4)}-${pad(m)}-${pad(d)}` : undefined;
  }
  const slashed = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/.exec(s);
  if (slashed) {
    const [y, m, d] = [Number(slashed[1]), Number(slashed[2]), Number(slashed[3])];
    return valid(y, m, d) ? `${pad(y, 4)}-${pad(m)}-${pad(d)}` : undefined;
  }
  // "February 1, 2026", "1 February 2026": must name a year and a day.
  if (s.length > 40 || !/\b\d{4}\b/.test(s) || !/[A-Za-z]{3}/.test(s) || !/\b\d{1,2}(?:st|nd|rd|th)?\b/.test(s)) {
    return undefined;
  }
  const t = Date.parse(s.replace(/(\d)(?:st|nd|rd|th)\b/, '$1'));
  if (Number.isNaN(t)) return undefined;
  const date = new Date(t);
  const y = date.getFullYear();
  const m = date.getMonth() + 1;
  const d = date.getDate();
  return valid(y, m, d) ? `${pad(y, 4)}-${pad(m)}-${pad(d)}` : undefined;
}

/** A top-level `key: value` line whose value YAML reads as the plain scalar written. */
const PLAIN_LINE = /^[A-Za-z_][\w-]*:(?:[ \t]+[^\s"'&*!|>%@`#{[,?:-](?:(?!:[ \t]|:$)[^#])*?)?[ \t]*$/;
const DATE_LINE = /^date:[ \t]+(\d{4}-\d{2}-\d{2})[ \t]*$/;

/**
 * The date of front matter made only of simple top-level lines (`title: ...`, `date: 2026-02-01`,
 * `tags: [a, b]`), with exactly one `date:`; undefined for anything else (then YAML decides).
 */
function simpleDate(source: string): string | undefined {
  let date: string | undefined;
  let dates = 0;
  for (const line of source.split(/\r\n|\r|\n/)) {
    if (line.trim() === '') continue;
    const d = DATE_LINE.exec(line);
    if (d) {
      date = d[1];
      dates++;
      continue;
    }
    if (/^[Dd]ate\b|^["']/.test(line)) return undefined;
    if (PLAIN_LINE.test(line)) continue;
    // A flow sequence of plain words: `tags: [ai, cloud]`.
    if (/^[A-Za-z_][\w-]*:[ \t]+\[[\w ,.-]*\][ \t]*$/.test(line)) continue;
    // A quoted title without quotes or backslashes inside.
    if (/^[A-Za-z_][\w-]*:[ \t]+"[^"\\]*"[ \t]*$/.test(line)) continue;
    return undefined;
  }
  return dates === 1 ? normaliseDate(date) : undefined;
}
