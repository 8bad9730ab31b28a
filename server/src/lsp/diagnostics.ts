// Engine findings and facts/config problems as LSP diagnostics. Ranges are UTF-16 positions from
// the engine's offsets (LineIndex); a finding tied to a fact points at the fact's `id:` in the
// facts file (relatedInformation) and carries what the code actions need (`data`).
import { DiagnosticSeverity, type Diagnostic, type DiagnosticRelatedInformation, type Range } from 'vscode-languageserver/node';
import type { FactBase } from '../engine/claims/factbase.js';
import type { ConfigProblem } from '../engine/config/index.js';
import type { FactsProblem } from '../engine/facts/load.js';
import { ruleDocsUrl } from '../engine/rules/catalog.js';
import type { LineIndex } from '../engine/text/positions.js';
import type { Finding, Severity } from '../engine/types.js';
import type { DiagnosticData } from './protocol.js';
import { pathToUri } from './uri.js';

export const SOURCE = 'factlint';

export const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function rangeOf(lines: LineIndex, start: number, end: number): Range {
  return { start: lines.positionAt(start), end: lines.positionAt(Math.max(start, end)) };
}

/** Where a fact's id is in its facts file, as an LSP location. */
export function factLocation(base: FactBase, factId: string): { uri: string; range: Range } | undefined {
  const loc = base.locations.get(factId);
  if (!loc) return undefined;
  const line = Math.max(0, loc.line - 1);
  const character = Math.max(0, loc.column - 1);
  return { uri: pathToUri(loc.file), range: { start: { line, character }, end: { line, character: character + factId.length } } };
}

export function findingToDiagnostic(f: Finding, lines: LineIndex, base: FactBase | undefined, version: number | undefined): Diagnostic {
  const data: DiagnosticData = { rule: f.rule };
  const factId = f.factId ?? f.expected?.factId;
  if (factId) data.factId = factId;
  if (f.fix) data.fix = { range: rangeOf(lines, f.fix.start, f.fix.end), text: f.fix.text, title: f.fix.title };
  if (version !== undefined) data.version = version;
  const d: Diagnostic = {
    range: rangeOf(lines, f.start, f.end),
    severity: SEVERITY[f.severity] ?? DiagnosticSeverity.Warning,
    source: SOURCE,
    code: f.rule,
    codeDescription: { href: ruleDocsUrl(f.rule) },
    message: f.message,
    data,
  };
  if (base) {
    const related: DiagnosticRelatedInformation[] = [];
    for (const id of [factId, ...(f.related ?? [])]) {
      if (!id) continue;
      const location = factLocation(base, id);
      const fact = base.facts.get(id);
      if (location && fact) related.push({ location, message: id === factId ? fact.statement : `Also involved: ${fact.statement}` });
    }
    if (related.length) d.relatedInformation = related;
  }
  return d;
}

/** A 1-based problem (facts or config file) as a diagnostic in that file. */
export function problemToDiagnostic(p: FactsProblem | ConfigProblem): Diagnostic {
  const start = { line: Math.max(0, p.line - 1), character: Math.max(0, p.column - 1) };
  let end = { line: Math.max(0, (p.endLine ?? p.line) - 1), character: Math.max(0, (p.endColumn ?? p.column) - 1) };
  if (end.line < start.line || (end.line === start.line && end.character < start.character)) end = start;
  const d: Diagnostic = {
    range: { start, end },
    severity: p.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    source: SOURCE,
    message: p.message,
  };
  if ('code' in p && p.code) d.code = p.code;
  return d;
}

/** The one diagnostic of a document that is not checked (too large, binary). */
export function skippedDiagnostic(reason: string): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    source: SOURCE,
    code: 'skipped',
    message: `factlint did not check this document: ${reason}.`,
  };
}
