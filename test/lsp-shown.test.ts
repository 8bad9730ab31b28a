// Which diagnostics the server sends when a draft has more than factlint.maxProblems
// (server/src/lsp/shown.ts): errors first, then those nearest the last edit, and a note.
import { describe, expect, it } from 'vitest';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import { LIST_TEXT, withTail, type FastDiagnosticList } from '../server/src/lsp/diagnostics.js';
import { NOT_SHOWN, shownDiagnostics } from '../server/src/lsp/shown.js';

const S = { e: DiagnosticSeverity.Error, w: DiagnosticSeverity.Warning, i: DiagnosticSeverity.Information, h: DiagnosticSeverity.Hint };

/** Diagnostics in document order from "line:severity" specs, e.g. "3e" (line 3, error). */
function list(...specs: string[]): FastDiagnosticList {
  return specs.map((spec) => {
    const line = Number(spec.slice(0, -1));
    const severity = S[spec.slice(-1) as keyof typeof S];
    return withTail({ range: { start: { line, character: 0 }, end: { line, character: 1 } }, severity, source: 'factlint', code: 'x', message: `at ${spec}` });
  });
}

const specsOf = (ds: readonly Diagnostic[]) => ds.filter((d) => d.code !== NOT_SHOWN).map((d) => `${d.range.start.line}${'?ewih'[d.severity ?? 0]}`);

describe('shownDiagnostics', () => {
  it('sends a list that fits as it is', () => {
    const all = list('1e', '2h', '3w');
    expect(shownDiagnostics(all, 3, 0)).toBe(all);
    expect(shownDiagnostics(all, 1000, 2)).toBe(all);
  });

  it('keeps errors first, then warnings, whatever their distance from the edit', () => {
    const all = list('0h', '1e', '2h', '3w', '4h', '5h', '90e');
    const shown = shownDiagnostics(all, 4, 5);
    // Room for 3 besides the note: both errors and the warning; no hint, even at the edit.
    expect(specsOf(shown)).toEqual(['1e', '3w', '90e']);
  });

  it('within the severity that does not fit, takes those nearest the edit, in document order', () => {
    const all = list('0e', '10h', '20h', '30h', '40h', '50h', '60h', '70h');
    const shown = shownDiagnostics(all, 4, 44);
    // The error, then 3 - 1 = 2 hints nearest line 44: 40 (4 away) and 50 (6 away).
    expect(specsOf(shown)).toEqual(['0e', '40h', '50h']);
    // Moving the edit moves the window.
    expect(specsOf(shownDiagnostics(all, 4, 66))).toEqual(['0e', '60h', '70h']);
    // Past the end and before the start.
    expect(specsOf(shownDiagnostics(all, 4, 500))).toEqual(['0e', '60h', '70h']);
    expect(specsOf(shownDiagnostics(all, 4, 0))).toEqual(['0e', '10h', '20h']);
  });

  it('takes the earlier of two as near, and several on the edited line', () => {
    const all = list('10h', '20h', '20h', '30h');
    expect(specsOf(shownDiagnostics(all, 2, 20))).toEqual(['20h']);
    expect(specsOf(shownDiagnostics(all, 3, 20))).toEqual(['20h', '20h']);
    expect(specsOf(shownDiagnostics(all, 2, 25))).toEqual(['20h']);
    expect(specsOf(shownDiagnostics(list('10h', '30h', '50h'), 2, 20))).toEqual(['10h']);
  });

  it('puts a note first that says how many there are and how many are shown', () => {
    const all = list(...Array.from({ length: 1500 }, (_, i) => `${i}h`));
    const shown = shownDiagnostics(all, 1000, 700);
    expect(shown).toHaveLength(1000);
    const [note, ...rest] = shown;
    expect(note.code).toBe(NOT_SHOWN);
    expect(note.severity).toBe(DiagnosticSeverity.Information);
    expect(note.range.start).toEqual({ line: 0, character: 0 });
    expect(note.message).toContain('1,500 problems');
    expect(note.message).toContain('shows 999');
    expect(note.message).toContain('factlint.maxProblems is 1,000');
    // 999 hints around line 700, in document order.
    const lines = rest.map((d) => d.range.start.line);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
    expect(Math.min(...lines)).toBe(201);
    expect(Math.max(...lines)).toBe(1199);
  });

  it('with a limit of 1 sends the note alone', () => {
    const shown = shownDiagnostics(list('1e', '2e'), 1, 0);
    expect(shown.map((d) => d.code)).toEqual([NOT_SHOWN]);
  });

  it('keeps the list text of the draft, so unchanged runs keep their bytes', () => {
    const all = list('1e', '2h', '3h');
    const text = {} as NonNullable<FastDiagnosticList[typeof LIST_TEXT]>;
    all[LIST_TEXT] = text;
    expect(shownDiagnostics(all, 2, 0)[LIST_TEXT]).toBe(text);
  });
});
