// `--format json`: exactly an array of { file, diagnostics: [{ line, column, endLine, endColumn,
// severity, code, message, factId, expected }] }, one entry per checked draft.
import type { FileReport } from '../report.js';

export function formatJson(reports: FileReport[]): string {
  const out = reports.map((r) => ({
    file: r.file,
    diagnostics: r.diagnostics.map((d) => ({
      line: d.line,
      column: d.column,
      endLine: d.endLine,
      endColumn: d.endColumn,
      severity: d.severity,
      code: d.code,
      message: d.message,
      factId: d.factId ?? null,
      expected: d.expected ?? null,
    })),
  }));
  return `${JSON.stringify(out, null, 2)}\n`;
}
