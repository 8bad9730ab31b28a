// `--format github`: GitHub Actions workflow commands, which the runner turns into annotations.
//   ::error file=a.md,line=3,col=12,endLine=3,endColumn=23,title=factlint wrong-value::message
import type { Severity } from '../../engine/types.js';
import { sourcesText, type FileReport } from '../report.js';
import type { ReportStream } from './stream.js';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' };

/** Escapes a command's message (GitHub's escapeData). */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a command property's value (GitHub's escapeProperty). */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function formatGithub(reports: FileReport[]): string {
  let out = '';
  const stream = new GithubStream((s) => (out += s));
  for (const r of reports) stream.file(r);
  stream.end();
  return out;
}

/** One workflow command a line, draft by draft. */
export class GithubStream implements ReportStream {
  constructor(private readonly write: (s: string) => void) {}

  file(r: FileReport): void {
    if (!r.diagnostics.length) return;
    const out: string[] = [];
    const file = r.file.replace(/\\/g, '/');
    for (const d of r.diagnostics) {
      const props: [string, string | number][] = [['file', file], ['line', d.line]];
      // Columns only mean something to GitHub on a one-line range.
      if (d.endLine === d.line) props.push(['col', d.column], ['endLine', d.endLine], ['endColumn', d.endColumn]);
      else props.push(['endLine', d.endLine]);
      props.push(['title', `factlint ${d.code}`]);
      const sources = sourcesText(d.expected);
      const message = sources ? `${d.message}\n${sources}` : d.message;
      const list = props.map(([k, v]) => `${k}=${escapeProperty(String(v))}`).join(',');
      out.push(`::${COMMAND[d.severity]} ${list}::${escapeData(message)}\n`);
    }
    this.write(out.join(''));
  }

  end(): void {}
}
