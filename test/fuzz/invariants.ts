// What must hold for any draft, whatever its text: checked by the property tests and the fuzzer.
// Each check returns a list of violations (empty = fine) instead of throwing, so the fuzzer can
// count and save them.
import { isDeepStrictEqual } from 'node:util';
import type * as Engine from './engine.js';
import type { FactBase } from '../../server/src/engine/claims/factbase.js';
import type { DocumentResult } from '../../server/src/engine/check.js';
import type { FactsProblem, ParsedFacts } from '../../server/src/engine/facts/load.js';

export type EngineModule = typeof Engine;

const isOffset = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n);

function rangeProblems(what: string, r: { start: number; end: number }, length: number): string[] {
  if (!isOffset(r.start) || !isOffset(r.end)) return [`${what}: offsets not integers: ${r.start}..${r.end}`];
  if (r.start < 0 || r.end > length || r.start > r.end) return [`${what}: range ${r.start}..${r.end} outside 0..${length} or reversed`];
  return [];
}

const brief = (v: unknown) => {
  const s = JSON.stringify(v);
  return s.length > 300 ? `${s.slice(0, 300)}…` : s;
};

/** Errors the engine's safety nets swallowed (a skipped block or piece is a bug). */
export function swallowedProblems(engine: EngineModule): string[] {
  return engine.takeSwallowed().map(({ error, where }) => `swallowed at ${where}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
}

/** Ranges of a document result lie inside the text; block texts line up with the source. */
export function resultProblems(text: string, r: DocumentResult): string[] {
  const out: string[] = [];
  const n = text.length;
  for (const f of r.findings) {
    out.push(...rangeProblems(`finding ${f.rule} ${brief(f.message)}`, f, n));
    if (typeof f.rule !== 'string' || !f.rule || typeof f.message !== 'string' || !f.message) out.push(`finding without rule or message: ${brief(f)}`);
    if (!['error', 'warning', 'info', 'hint'].includes(f.severity)) out.push(`finding with severity ${f.severity}`);
    if (f.fix) {
      out.push(...rangeProblems(`fix of ${f.rule}`, f.fix, n));
      if (typeof f.fix.text !== 'string') out.push(`fix without text: ${brief(f.fix)}`);
    }
  }
  for (const b of r.bindings) out.push(...rangeProblems(`binding ${b.factId}`, b, n));
  for (const b of r.parsed.blocks) {
    const bad = rangeProblems(`block ${b.kind}`, b, n);
    out.push(...bad);
    if (!bad.length && b.text.length !== b.end - b.start) out.push(`block ${b.kind} ${b.start}..${b.end}: text length ${b.text.length} is not the span's`);
  }
  for (const ref of r.parsed.footnoteRefs) out.push(...rangeProblems(`footnote ref ${ref.label}`, ref, n));
  for (const d of r.parsed.directives) {
    if (!isOffset(d.line) || !isOffset(d.endLine) || d.line < 0 || d.endLine < d.line) out.push(`directive ${d.kind} at lines ${d.line}..${d.endLine}`);
  }
  return out;
}

/** extractFigures: offsets inside the text, the figure's text is its source slice. */
export function figureProblems(engine: EngineModule, text: string, base = 0): string[] {
  const out: string[] = [];
  let figures;
  try {
    figures = engine.extractFigures(text, base);
  } catch (e) {
    return [`extractFigures threw: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`];
  }
  for (const f of figures) {
    const local = { start: f.start - base, end: f.end - base };
    const bad = rangeProblems(`figure ${brief(f.text)}`, local, text.length);
    out.push(...bad);
    out.push(...rangeProblems(`figure ${brief(f.text)} with qualifier`, { start: f.fullStart - base, end: f.fullEnd - base }, text.length));
    if (!bad.length && text.slice(local.start, local.end) !== f.text) out.push(`figure text ${brief(f.text)} is not its source ${brief(text.slice(local.start, local.end))}`);
    if (f.fullStart > f.start || f.fullEnd < f.end) out.push(`figure ${brief(f.text)}: full range ${f.fullStart}..${f.fullEnd} does not contain ${f.start}..${f.end}`);
    if (typeof f.value !== 'number' || Number.isNaN(f.value)) out.push(`figure ${brief(f.text)}: value ${f.value}`);
  }
  return out;
}

/** Every invariant of one draft: no throw, no swallowed error, ranges, figures, determinism. */
export function draftProblems(engine: EngineModule, base: FactBase, text: string, opts: { figures?: boolean; determinism?: boolean } = {}): string[] {
  engine.takeSwallowed();
  let first: DocumentResult;
  try {
    first = engine.analyzeDocument(text, base);
  } catch (e) {
    return [`analyzeDocument threw: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`];
  }
  const out = [...swallowedProblems(engine), ...resultProblems(text, first)];
  if (opts.figures !== false) {
    out.push(...figureProblems(engine, text));
    for (const b of first.parsed.blocks) if (b.text.length === b.end - b.start) out.push(...figureProblems(engine, b.text, b.start).map((p) => `in block ${b.start}: ${p}`));
  }
  if (opts.determinism !== false) {
    try {
      const again = engine.analyzeDocument(text, base);
      if (!isDeepStrictEqual(strip(first), strip(again))) out.push('not deterministic: a second check of the same text differs');
      const whole = engine.parseMarkdown(text, { whole: true });
      if (!isDeepStrictEqual(first.parsed, whole) && !isDeepStrictEqual(engine.parseMarkdown(text), whole)) {
        // Parsing in pieces is meant to give the same result as one go (parse.ts).
        out.push('parsing in pieces differs from parsing the whole document');
      }
      // The plain-paragraph shortcut (markdown/plain.ts) is meant to change nothing.
      if (!isDeepStrictEqual(whole, engine.parseMarkdown(text, { whole: true, shortcut: false }))) {
        out.push('the plain-paragraph shortcut changes the parse');
      }
    } catch (e) {
      out.push(`second check threw: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    }
    out.push(...swallowedProblems(engine));
  }
  return out;
}

/** A result without the parsed document (compared separately). */
export function strip(r: DocumentResult): Omit<DocumentResult, 'parsed'> & { parsed?: unknown } {
  return { findings: r.findings, bindings: r.bindings, parsed: r.parsed };
}

/** The facts parser's contract: no throw, no internal error, problems located in the text, refusals explained. */
export function factsProblems(engine: EngineModule, text: string, file: string, parsed?: ParsedFacts): string[] {
  let r: ParsedFacts;
  try {
    r = parsed ?? engine.parseFactsText(text, file);
  } catch (e) {
    return [`parseFactsText threw: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`];
  }
  const out: string[] = [];
  const lines = text.split(/\r\n|\r|\n/);
  const tooLarge = r.problems.some((p) => p.code === 'too-large');
  for (const p of r.problems) {
    if (p.code === 'internal') out.push(`internal error: ${p.message}`);
    if (!tooLarge) out.push(...locationProblems(p, lines));
    if (typeof p.message !== 'string' || !p.message) out.push(`problem without message: ${brief(p)}`);
  }
  if (!r.data && !r.problems.some((p) => p.severity === 'error')) out.push('no data, and no error says why');
  return out;
}

function locationProblems(p: FactsProblem, lines: string[]): string[] {
  const where = `${p.code} ${p.line}:${p.column}-${p.endLine}:${p.endColumn}`;
  if (![p.line, p.column, p.endLine, p.endColumn].every(isOffset)) return [`${where}: not integers`];
  if (p.line < 1 || p.line > lines.length || p.endLine < p.line || p.endLine > lines.length) return [`${where}: line outside 1..${lines.length}`];
  if (p.column < 1 || p.column > lines[p.line - 1].length + 1) return [`${where}: column outside the line`];
  if (p.endColumn < 1 || p.endColumn > lines[p.endLine - 1].length + 1) return [`${where}: end column outside the line`];
  if (p.endLine === p.line && p.endColumn < p.column) return [`${where}: reversed`];
  return [];
}
