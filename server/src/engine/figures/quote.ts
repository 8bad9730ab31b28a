// Does a quote contain a given sourced value? Decided by the project's own figure extractor, so
// the facts file and the checker agree on what a figure is.
import type { Value } from '../facts/schema.js';
import type { Figure } from '../types.js';
import { extractFigures } from './extract.js';
import { compareDate, numberMatches, precisionRank } from '../rules/compare.js';

function figureIs(fig: Figure, value: Value): boolean {
  if ('date' in value) return fig.type === 'date' && !!fig.date && precisionRank(fig.date.precision) >= precisionRank(value.precision) && compareDate(fig.date, value) === 'ok' && (fig.date.year === undefined || fig.date.year === Number(value.date.slice(0, 4)));
  if ('amount' in value) return fig.type === 'money' && numberMatches({ ...fig, qualifier: 'exact' }, value);
  if ('count' in value) return (fig.type === 'count' || fig.type === 'duration') && numberMatches({ ...fig, qualifier: 'exact', type: 'count' }, value);
  if ('percent' in value) return fig.type === 'percent' && numberMatches({ ...fig, qualifier: 'exact' }, value);
  if ('duration' in value) return fig.type === 'duration' && numberMatches({ ...fig, qualifier: 'exact' }, value);
  return false;
}

export function quoteHasFigure(quote: string, value: Value): boolean {
  return extractFigures(quote).some((f) => figureIs(f, value));
}
