// `factlint facts list [--facts PATH]... [--json]`: every fact in a table.
import { isDisputed } from '../../engine/facts/disputes.js';
import { formatValue } from '../../engine/facts/format.js';
import type { Fact, FactsFile } from '../../engine/facts/schema.js';
import { style } from '../format/ansi.js';
import { parseFlags } from './args.js';
import { factsPaths, loadForReading, type FactsIO } from './common.js';

export const LIST_USAGE = `usage: factlint facts list [--facts PATH]... [--json]

Lists the facts: id, subject, figure (each variant), qualifier, sources, and whether the sources
disagree.

  --facts PATH   a facts file or folder (default: the bundled facts); may be repeated
  --json         one JSON array instead of the table
`;

export interface FactRow {
  id: string;
  statement: string;
  subject: string[];
  figure: string;
  qualifier: string;
  sources: string[];
  disputed: boolean;
}

function uniq<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

export function factRow(fact: Fact, data: FactsFile): FactRow {
  const names = new Map(data.entities.map((e) => [e.id, e.name]));
  return {
    id: fact.id,
    statement: fact.statement,
    subject: fact.subject.map((id) => names.get(id) ?? id),
    figure: fact.variants.map((v) => formatValue(v.value, v.qualifier)).join(' | '),
    qualifier: uniq(fact.variants.map((v) => v.qualifier)).join(' | '),
    sources: uniq(fact.variants.flatMap((v) => v.sources.map((s) => s.source))),
    disputed: isDisputed(fact),
  };
}

/** Columns padded to their widest cell; the last column is not padded. */
export function formatTable(header: string[], rows: string[][], color: boolean): string {
  const s = style(color);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [s.bold(line(header)), ...rows.map(line)].map((l) => `${l}\n`).join('');
}

export async function runList(argv: string[], io: FactsIO): Promise<number> {
  const args = parseFlags(argv, { facts: 'strings', json: 'boolean' });
  if (!args.ok || args.positionals.length) {
    io.stderr(`factlint facts list: ${args.ok ? `unexpected argument ${args.positionals[0]}` : args.error}\n\n${LIST_USAGE}`);
    return 2;
  }
  if (args.flags.help) {
    io.stdout(LIST_USAGE);
    return 0;
  }
  const loaded = loadForReading(factsPaths(args.flags.facts as string[] | undefined, io), io, 'list');
  if (!loaded?.data) return 1;
  const data = loaded.data;
  const rows = data.facts.map((f) => factRow(f, data));
  if (args.flags.json) {
    io.stdout(`${JSON.stringify(rows, null, 2)}\n`);
    return 0;
  }
  io.stdout(
    formatTable(
      ['ID', 'SUBJECT', 'FIGURE', 'QUALIFIER', 'SOURCES', 'DISPUTED'],
      rows.map((r) => [r.id, r.subject.join(', '), r.figure, r.qualifier, r.sources.join(','), r.disputed ? 'yes' : 'no']),
      io.color,
    ),
  );
  return 0;
}
