// Shared by the facts subcommands: their io, paths for display, problem lines.
import * as path from 'node:path';
import type { FactsProblem } from '../../engine/facts/load.js';
import { loadFactsFiles, type LoadedFacts } from '../../engine/facts/fsload.js';
import type { Value } from '../../engine/facts/schema.js';
import { style } from '../format/ansi.js';

export interface FactsIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  cwd: string;
  color: boolean;
  /** The facts folder shipped with the package. */
  bundledFactsDir: string;
  /** Decides whether a quote states its figure (default: the figure extractor, engine/figures/quote.ts). */
  quoteHasFigure?: (quote: string, variantValue: Value) => boolean;
}

/** A path as shown to the user: relative to cwd when below it, with forward slashes. */
export function displayPath(cwd: string, p: string): string {
  const abs = path.resolve(cwd, p);
  const rel = path.relative(cwd, abs);
  if (!rel) return '.';
  if (path.isAbsolute(rel) || rel.startsWith('..')) return abs;
  return rel.split(path.sep).join('/');
}

export function sortProblems(problems: FactsProblem[]): FactsProblem[] {
  return problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) => (a.p.file < b.p.file ? -1 : a.p.file > b.p.file ? 1 : 0) || a.p.line - b.p.line || a.p.column - b.p.column || a.i - b.i)
    .map((x) => x.p);
}

/** `file:line:column  severity  message  (path) [code]`, one a line, columns aligned. */
export function formatProblemLines(problems: FactsProblem[], cwd: string, color: boolean): string {
  const s = style(color);
  const rows = problems.map((p) => ({ loc: `${displayPath(cwd, p.file)}:${p.line}:${p.column}`, p }));
  const w = Math.max(0, ...rows.map((r) => r.loc.length));
  return rows
    .map(({ loc, p }) => {
      const sev = p.severity === 'error' ? s.red('error  ') : s.yellow('warning');
      const where = p.path ? `  ${s.dim(`(${p.path})`)}` : '';
      return `${loc.padEnd(w)}  ${sev}  ${p.message}${where} ${s.gray(`[${p.code}]`)}\n`;
    })
    .join('');
}

export function countSeverities(problems: FactsProblem[]): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const p of problems) if (p.severity === 'error') errors++;
  else warnings++;
  return { errors, warnings };
}

export const plural = (n: number, word: string, many = `${word}s`) => `${n} ${n === 1 ? word : many}`;

/** Paths given by the user, resolved against cwd; none -> the bundled facts folder. */
export function factsPaths(given: string[] | undefined, io: FactsIO): string[] {
  return given && given.length ? given.map((p) => path.resolve(io.cwd, p)) : [io.bundledFactsDir];
}

/** Loads facts for list/show: the data, or (when unusable) the problems printed and undefined. */
export function loadForReading(paths: string[], io: FactsIO, command: string): LoadedFacts | undefined {
  const loaded = loadFactsFiles(paths);
  const { errors } = countSeverities(loaded.problems);
  if (!loaded.data) {
    io.stderr(formatProblemLines(sortProblems(loaded.problems), io.cwd, io.color));
    io.stderr(`factlint facts ${command}: the facts could not be read\n`);
    return undefined;
  }
  if (errors) io.stderr(`note: the facts have ${plural(errors, 'error')}; run \`factlint facts validate\`\n`);
  return loaded;
}
