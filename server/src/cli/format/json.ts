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
  // Wrapped in `depth` arrays, JSON.stringify indents it itself; the wrappers' brackets and line
  // breaks are cut off again ("[\n" + "  [\n" + ... before it, "\n  ]" + "\n]" after it).
  let wrapped = value;
  let head = 0;
  for (let k = 0; k < depth; k++) {
    wrapped = [wrapped];
    head += 2 * k + 2;
  }
  const json = JSON.stringify(wrapped, null, 2);
  return json.slice(head, json.length - head);
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
