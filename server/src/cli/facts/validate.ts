// `factlint facts validate [path...] [--sources DIR | --no-sources] [--format stylish|json]`
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadFactsFiles } from '../../engine/facts/fsload.js';
import { checkQuotes } from '../../engine/facts/validate.js';
import { quoteHasFigure } from '../../engine/figures/quote.js';
import { style } from '../format/ansi.js';
import { parseFlags } from './args.js';
import { countSeverities, displayPath, factsPaths, formatProblemLines, plural, sortProblems, type FactsIO } from './common.js';

export const VALIDATE_USAGE = `usage: factlint facts validate [path...] [--sources DIR | --no-sources] [--format stylish|json]

Checks facts files: YAML/JSON syntax, the schema, ids and references, and every quote (it states
its figure, it is in its article, it is at most 40 words).

  path            a facts file, or a folder of *.facts.yaml|yml|json (default: the bundled facts)
  --sources DIR   folder of the source articles (default: ../shared/sources when it exists)
  --no-sources    do not look quotes up in the articles
  --format F      stylish (default) or json

Exit: 0 no errors (warnings allowed), 1 errors, 2 usage error.
`;

const isDir = (p: string) => {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
};

export async function runValidate(argv: string[], io: FactsIO): Promise<number> {
  const args = parseFlags(argv, { sources: 'string', 'no-sources': 'boolean', format: 'string' });
  if (!args.ok) {
    io.stderr(`factlint facts validate: ${args.error}\n\n${VALIDATE_USAGE}`);
    return 2;
  }
  if (args.flags.help) {
    io.stdout(VALIDATE_USAGE);
    return 0;
  }
  const format = (args.flags.format as string | undefined) ?? 'stylish';
  if (format !== 'stylish' && format !== 'json') {
    io.stderr(`factlint facts validate: unknown format "${format}" (stylish or json)\n\n${VALIDATE_USAGE}`);
    return 2;
  }
  if (args.flags.sources && args.flags['no-sources']) {
    io.stderr(`factlint facts validate: --sources and --no-sources exclude each other\n\n${VALIDATE_USAGE}`);
    return 2;
  }

  let sourcesDir: string | undefined;
  if (typeof args.flags.sources === 'string') {
    sourcesDir = path.resolve(io.cwd, args.flags.sources);
    if (!isDir(sourcesDir)) {
      io.stderr(`factlint facts validate: sources folder not found: ${displayPath(io.cwd, sourcesDir)}\n`);
      return 2;
    }
  } else if (!args.flags['no-sources']) {
    const def = path.resolve(io.cwd, '../shared/sources');
    if (isDir(def)) sourcesDir = def;
  }
  if (!sourcesDir) io.stderr(`quotes not checked against articles: ${args.flags['no-sources'] ? '--no-sources' : 'no sources folder'}\n`);

  const paths = factsPaths(args.positionals, io);
  const loaded = loadFactsFiles(paths, { sourcesDir });
  const quoteProblems = checkQuotes(loaded, { sourceTexts: loaded.sourceTexts, quoteHasFigure: io.quoteHasFigure ?? quoteHasFigure });
  const problems = sortProblems([...loaded.problems, ...quoteProblems]);
  const { errors, warnings } = countSeverities(problems);
  const data = loaded.data;
  const counts = { facts: data?.facts.length ?? 0, sources: data?.sources.length ?? 0, entities: data?.entities.length ?? 0, exclusions: data?.exclusions.length ?? 0 };

  if (format === 'json') {
    const report = {
      files: loaded.file ? loaded.file.split(', ').map((f) => displayPath(io.cwd, f)) : [],
      sourcesDir: sourcesDir ? displayPath(io.cwd, sourcesDir) : null,
      errors,
      warnings,
      ...counts,
      problems: problems.map((p) => ({ ...p, file: displayPath(io.cwd, p.file) })),
    };
    io.stdout(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    const s = style(io.color);
    io.stdout(formatProblemLines(problems, io.cwd, io.color));
    const what = `${plural(counts.facts, 'fact')}, ${plural(counts.sources, 'source')}, ${plural(counts.entities, 'entity', 'entities')}`;
    if (!problems.length) io.stdout(`${what}: no problems\n`);
    else {
      const summary = `${plural(problems.length, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')})`;
      io.stdout(`\n${errors ? s.red(s.bold(summary)) : s.yellow(s.bold(summary))} in ${what}\n`);
    }
  }
  return errors ? 1 : 0;
}
