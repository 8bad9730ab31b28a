// `--format json`: exactly an array of { file, diagnostics: [{ line, column, endLine, endColumn,
// severity, code, message, factId, expected }] }, one entry per checked draft.
//
// Written as a stream: `[`, then each draft's entry as soon as it is known, then `]`, byte for
// byte what JSON.stringify(entries, null, 2) gives for the whole array.
import type { FileReport } from '../report.js';
import type { ReportStream } from './stream.js';

export function jsonEntry(r: FileReport): Record<string, unknown> {
  return {
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
  };
}

/** JSON.stringify(value, null, 2) for a value nested `depth` levels deep (JSON strings hold no raw newline). */
export function indentedJson(value: unknown, depth: number): string {
  const pad = '  '.repeat(depth);
  return pad + JSON.stringify(value, null, 2).replace(/\n/g, `\n${pad}`);
}

export class JsonStream implements ReportStream {
  private count = 0;

  constructor(private readonly write: (s: string) => void) {}

  file(report: FileReport): void {
    this.write(`${this.count++ ? ',\n' : '[\n'}${indentedJson(jsonEntry(report), 1)}`);
  }

  end(): void {
    this.write(this.count ? '\n]\n' : '[]\n');
  }
}

export function formatJson(reports: FileReport[]): string {
  let out = '';
  const stream = new JsonStream((s) => (out += s));
  for (const r of reports) stream.file(r);
  stream.end();
  return out;
}
