// `factlint facts draw ARTICLE...`: runs the figure extractor over articles and prints candidate
// facts (YAML) for every figure the facts file does not cover yet; `--uncovered` only lists them.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { stringify } from 'yaml';
import type { FactsIO } from './common.js';
import { displayPath, factsPaths, formatProblemLines } from './common.js';
import { loadFactsFiles } from '../../engine/facts/fsload.js';
import { articleFigures } from '../../engine/facts/coverage.js';
import { buildFactBase, words } from '../../engine/claims/factbase.js';
import { tokenize } from '../../engine/figures/tokens.js';
import { LineIndex } from '../../engine/text/positions.js';
import type { Figure } from '../../engine/types.js';
import type { FactBase } from '../../engine/claims/factbase.js';
import { MEASURE_WORDS } from '../../engine/claims/lexicon.js';
import type { Measure } from '../../engine/facts/schema.js';

export const DRAW_USAGE = `usage: factlint facts draw ARTICLE... [--uncovered] [--facts PATH]

Runs factlint's figure extractor over articles (plain text or Markdown) and prints a candidate
fact (YAML) for every figure that no fact and no exclusion of the facts file covers yet: the
figure normalised, its sentence as the quote, guessed entities, kind and measure.

Options:
  --uncovered     only list the uncovered figures (file:line:col figure  sentence); exit 1 if any
  --facts PATH    facts file or folder (default: the bundled facts)
`;

function guessEntities(sentence: string, base: FactBase): string[] {
  const tokens = tokenize(sentence);
  const found: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    for (const a of base.aliases.get(tokens[i].lower) ?? []) {
      if (a.words.every((w, k) => tokens[i + k]?.lower === w)) {
        const id = base.companyOf(a.entity);
        if (!found.includes(id)) found.push(id);
        i += a.words.length - 1;
        break;
      }
    }
  }
  return found;
}

function guessMeasure(sentence: string): Measure {
  const w = ' ' + words(sentence).join(' ') + ' ';
  let best: Measure = 'investment';
  let bestAt = Infinity;
  for (const [m, list] of Object.entries(MEASURE_WORDS) as [Measure, string[]][]) {
    for (const p of list) {
      const at = w.indexOf(' ' + words(p).join(' ') + ' ');
      if (at >= 0 && at < bestAt) {
        bestAt = at;
        best = m;
      }
    }
  }
  return best;
}

function valueOf(fig: Figure): Record<string, unknown> {
  switch (fig.type) {
    case 'money':
      return { amount: fig.value, currency: fig.currency ?? 'USD' };
    case 'count':
      return { count: fig.value, unit: fig.unit?.split(' ').pop() || 'items' };
    case 'percent':
      return { percent: fig.value };
    case 'duration':
      return { duration: fig.value, unit: fig.unit ?? 'year' };
    case 'date': {
      const d = fig.date!;
      const y = d.year !== undefined ? String(d.year) : '????';
      const p2 = (n: number) => String(n).padStart(2, '0');
      if (d.precision === 'day') return { date: `${y}-${p2(d.month!)}-${p2(d.day!)}`, precision: 'day' };
      if (d.precision === 'month') return { date: `${y}-${p2(d.month!)}`, precision: 'month' };
      if (d.precision === 'quarter') return { date: `${y}-Q${d.quarter}`, precision: 'quarter' };
      if (d.precision === 'half') return { date: `${y}-H${d.half}`, precision: 'half' };
      return { date: y, precision: 'year', ...(d.part ? { part: d.part } : {}) };
    }
  }
}

function kindOf(fig: Figure, measure: Measure): string {
  if (fig.type === 'money') return measure === 'valuation' ? 'valuation' : 'amount';
  return fig.type === 'duration' ? 'duration' : fig.type;
}

function slug(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
}

export async function runDraw(argv: string[], io: FactsIO): Promise<number> {
  const articles: string[] = [];
  const facts: string[] = [];
  let uncovered = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--help' || a === '-h') {
      io.stdout(DRAW_USAGE);
      return 0;
    } else if (a === '--uncovered') uncovered = true;
    else if (a === '--facts') {
      const v = argv[++i];
      if (!v) {
        io.stderr(`factlint facts draw: --facts needs a path\n\n${DRAW_USAGE}`);
        return 2;
      }
      facts.push(v);
    } else if (a.startsWith('-')) {
      io.stderr(`factlint facts draw: unknown option ${a}\n\n${DRAW_USAGE}`);
      return 2;
    } else articles.push(a);
  }
  if (articles.length === 0) {
    io.stderr(`factlint facts draw: name at least one article\n\n${DRAW_USAGE}`);
    return 2;
  }
  const loaded = loadFactsFiles(factsPaths(facts.length ? facts : undefined, io));
  const errors = loaded.problems.filter((p) => p.severity === 'error');
  if (!loaded.data || errors.length) {
    io.stderr(formatProblemLines(errors, io.cwd, io.color));
    io.stderr('factlint facts draw: the facts file has errors; fix them first (factlint facts validate)\n');
    return 2;
  }
  const base = buildFactBase(loaded.data);
  // Expand folders into their article files.
  const files: string[] = [];
  for (const a of articles) {
    const abs = path.resolve(io.cwd, a);
    let st: fs.Stats;
    try {
      st = fs.statSync(abs);
    } catch {
      io.stderr(`factlint facts draw: cannot read ${a}\n`);
      return 2;
    }
    if (st.isDirectory()) {
      for (const f of fs.readdirSync(abs).sort()) if (/\.(txt|md|markdown)$/i.test(f)) files.push(path.join(abs, f));
    } else files.push(abs);
  }
  const candidates: Record<string, unknown>[] = [];
  let count = 0;
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    const lines = new LineIndex(text);
    const found = articleFigures(text, loaded.data, /\.(md|markdown)$/i.test(file));
    for (const f of found) {
      if (f.covered) continue;
      count++;
      const pos = lines.positionAt(f.figure.start);
      const where = `${displayPath(io.cwd, file)}:${pos.line + 1}:${pos.character + 1}`;
      if (uncovered) {
        io.stdout(`${where}  ${f.figure.text}  ${f.sentence}\n`);
        continue;
      }
      const entities = guessEntities(f.sentence, base);
      const measure = guessMeasure(f.sentence);
      const source = loaded.data.sources.find((s) => s.file === path.basename(file));
      candidates.push({
        id: slug(`${entities[0] ?? 'story'}-${measure}-${f.figure.text}`),
        statement: `${entities.map((e) => base.entities.get(e)?.name ?? e).join(', ') || 'Someone'}: ${measure} of ${f.figure.text} (drawn from ${path.basename(file)}; reword in our own words)`,
        kind: kindOf(f.figure, measure),
        measure,
        subject: entities.slice(0, 1),
        entities: entities.slice(1),
        cues: [],
        variants: [
          {
            value: valueOf(f.figure),
            qualifier: f.figure.qualifier,
            sources: [{ source: source?.id ?? path.basename(file), quote: f.sentence.split(/\s+/).slice(0, 40).join(' ') }],
          },
        ],
        note: `drawn from ${where}`,
      });
    }
  }
  if (uncovered) return count ? 1 : 0;
  if (candidates.length === 0) {
    io.stderr('factlint facts draw: every figure is covered by a fact or an exclusion\n');
    return 0;
  }
  io.stdout(stringify({ facts: candidates }, { lineWidth: 0 }));
  return 0;
}
