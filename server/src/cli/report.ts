// What the CLI reports per draft, independent of the output format. Positions are 1-based,
// columns in UTF-16 code units, endColumn exclusive.
import { LineIndex } from '../engine/text/positions.js';
import type { Expected, Finding, Severity } from '../engine/types.js';

export interface Region {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface Diagnostic extends Region {
  severity: Severity;
  /** The rule code. */
  code: string;
  message: string;
  factId: string | null;
  /** What the sources say. */
  expected: Expected | null;
  /** A replacement for a region of the draft (SARIF `fixes`). */
  fix?: Region & { text: string; title: string };
}

export interface FileReport {
  /** The draft's path as given / relative to the working folder. */
  file: string;
  diagnostics: Diagnostic[];
}

export interface Counts {
  errors: number;
  warnings: number;
  infos: number;
  hints: number;
}

/** Converts an engine finding's offsets to 1-based positions. */
export function toDiagnostic(f: Finding, index: LineIndex): Diagnostic {
  const s = index.positionAt(f.start);
  const e = index.positionAt(Math.max(f.start, f.end));
  const d: Diagnostic = {
    line: s.line + 1,
    column: s.character + 1,
    endLine: e.line + 1,
    endColumn: e.character + 1,
    severity: f.severity,
    code: f.rule,
    message: f.message,
    factId: f.factId ?? f.expected?.factId ?? null,
    expected: f.expected ?? null,
  };
  if (f.fix) d.fix = { ...regionOf(index, f.fix.start, f.fix.end), text: f.fix.text, title: f.fix.title };
  return d;
}

export function regionOf(index: LineIndex, start: number, end: number): Region {
  const s = index.positionAt(start);
  const e = index.positionAt(Math.max(start, end));
  return { line: s.line + 1, column: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1 };
}

export function toDiagnostics(text: string, findings: Finding[]): Diagnostic[] {
  const index = new LineIndex(text);
  return findings
    .map((f) => toDiagnostic(f, index))
    .sort((a, b) => a.line - b.line || a.column - b.column || a.endLine - b.endLine || a.endColumn - b.endColumn || a.code.localeCompare(b.code));
}

export function countSeverities(reports: FileReport[]): Counts {
  const c: Counts = { errors: 0, warnings: 0, infos: 0, hints: 0 };
  for (const r of reports) addCounts(c, r);
  return c;
}

/** Adds a report's diagnostics to running counts. */
export function addCounts(c: Counts, r: FileReport): void {
  for (const d of r.diagnostics) {
    if (d.severity === 'error') c.errors++;
    else if (d.severity === 'warning') c.warnings++;
    else if (d.severity === 'info') c.infos++;
    else c.hints++;
  }
}

/** "up to $50 billion (s000, s002); $40 billion (s001)": what the sources say, for display. */
export function sourcesText(expected: Expected | null | undefined): string | undefined {
  if (!expected || !expected.variants.length) return undefined;
  const variants = expected.variants.map((v) => (v.sources.length ? `${v.text} (${v.sources.join(', ')})` : v.text));
  return `${expected.disputed ? 'sources disagree: ' : 'sources: '}${variants.join('; ')}`;
}
