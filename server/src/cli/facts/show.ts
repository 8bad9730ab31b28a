// `factlint facts show ID [--facts PATH]...`: everything about one fact.
import { isDisputed } from '../../engine/facts/disputes.js';
import { formatBareValue, formatDate, formatValue } from '../../engine/facts/format.js';
import type { Fact, FactsFile } from '../../engine/facts/schema.js';
import { suggestIds } from '../../engine/facts/suggest.js';
import { style } from '../format/ansi.js';
import { parseFlags } from './args.js';
import { displayPath, factsPaths, loadForReading, type FactsIO } from './common.js';

export const SHOW_USAGE = `usage: factlint facts show ID [--facts PATH]...

Shows one fact: statement, kind, entities, status, time, cues, and every variant with its sources
and their quotes.

  --facts PATH   a facts file or folder (default: the bundled facts); may be repeated
`;

const RELATION_WORDS: Record<string, string> = { on: 'on', in: 'in', for: 'for', since: 'since', by: 'by', 'as-of': 'as of' };

export function formatFactDetails(fact: Fact, data: FactsFile, color: boolean, where?: string): string {
  const s = style(color);
  const entities = new Map(data.entities.map((e) => [e.id, e]));
  const sources = new Map(data.sources.map((x) => [x.id, x]));
  const names = (ids: string[]) => ids.map((id) => (entities.has(id) ? `${entities.get(id)!.name} (${id})` : `${id} (unknown)`)).join(', ');
  const out: string[] = [];
  const field = (label: string, value: string) => out.push(`  ${s.dim(`${label}:`.padEnd(11))}${value}`);
  out.push(`${s.bold(fact.id)}${where ? `  ${s.gray(where)}` : ''}`);
  out.push(`  ${fact.statement}`);
  field('kind', `${fact.kind} / ${fact.measure}`);
  field('subject', names(fact.subject));
  if (fact.entities.length) field('entities', names(fact.entities));
  field('status', fact.status);
  if (fact.time) field('time', `${RELATION_WORDS[fact.time.relation] ?? fact.time.relation} ${formatDate(fact.time.value)}${fact.time.note ? ` (${fact.time.note})` : ''}`);
  if (fact.span) field('span', `over ${formatBareValue(fact.span)}`);
  if (fact.cues.length) field('cues', fact.cues.join(', '));
  field('disputed', isDisputed(fact) ? s.yellow('yes: the sources disagree') : 'no');
  if (fact.note) field('note', fact.note);
  out.push(`  ${s.dim('variants:')}`);
  fact.variants.forEach((v, i) => {
    out.push(`    ${i + 1}. ${s.bold(formatValue(v.value, v.qualifier))}  ${s.gray(`[${v.qualifier}]`)}${v.note ? `  ${v.note}` : ''}`);
    for (const ref of v.sources) {
      const src = sources.get(ref.source);
      const meta = src ? [src.title ? `"${src.title}"` : src.file, src.outlet, src.published].filter(Boolean).join(', ') : '(unknown source)';
      out.push(`       ${s.blue(ref.source)}  ${meta}`);
      out.push(`           “${ref.quote}”`);
    }
  });
  return `${out.join('\n')}\n`;
}

export async function runShow(argv: string[], io: FactsIO): Promise<number> {
  const args = parseFlags(argv, { facts: 'strings' });
  if (!args.ok) {
    io.stderr(`factlint facts show: ${args.error}\n\n${SHOW_USAGE}`);
    return 2;
  }
  if (args.flags.help) {
    io.stdout(SHOW_USAGE);
    return 0;
  }
  if (args.positionals.length !== 1) {
    io.stderr(`factlint facts show: ${args.positionals.length ? 'one fact id at a time' : 'which fact? give its id'}\n\n${SHOW_USAGE}`);
    return 2;
  }
  const id = args.positionals[0];
  const loaded = loadForReading(factsPaths(args.flags.facts as string[] | undefined, io), io, 'show');
  if (!loaded?.data) return 1;
  const data = loaded.data;
  const fact = data.facts.find((f) => f.id === id);
  if (!fact) {
    const close = suggestIds(id, data.facts.map((f) => f.id));
    io.stderr(`factlint facts show: no fact "${id}"${close.length ? `; did you mean ${close.join(', ')}?` : ''}\n`);
    return 1;
  }
  const loc = loaded.locations.get(id);
  const where = loc ? `${displayPath(io.cwd, loc.file)}:${loc.line}:${loc.column}` : undefined;
  io.stdout(formatFactDetails(fact, data, io.color, where));
  return 0;
}
