// `--format stylish` (the default): findings grouped by draft, one aligned row each, with what
// the sources say on a dim line below, and a summary. Written draft by draft.
import type { Severity } from '../../engine/types.js';
import { addCounts, sourcesText, type Counts, type FileReport } from '../report.js';
import { style, type Style } from './ansi.js';
import type { ReportStream } from './stream.js';

export interface StylishOptions {
  color?: boolean;
}

const MAX_ALIGN = 80;

export function formatStylish(reports: FileReport[], options: StylishOptions = {}): string {
  let out = '';
  const stream = new StylishStream((s) => (out += s), options);
  for (const r of reports) stream.file(r);
  stream.end();
  return out;
}

/** Each draft's block as soon as it is known, the summary at the end. */
export class StylishStream implements ReportStream {
  private readonly s: Style;
  private readonly counts: Counts = { errors: 0, warnings: 0, infos: 0, hints: 0 };

  constructor(
    private readonly write: (s: string) => void,
    options: StylishOptions = {},
  ) {
    this.s = style(options.color ?? false);
  }

  file(report: FileReport): void {
    addCounts(this.counts, report);
    if (!report.diagnostics.length) return;
    const s = this.s;
    const out: string[] = [];
    const lineWidth = Math.max(...report.diagnostics.map((d) => String(d.line).length));
    const colWidth = Math.max(...report.diagnostics.map((d) => String(d.column).length));
    // The colons line up: "  3:21", " 12:5 ".
    const rows = report.diagnostics.map((d) => ({
      pos: `${String(d.line).padStart(lineWidth)}:${String(d.column).padEnd(colWidth)}`,
      severity: d.severity,
      message: d.message.replace(/\s*(?:\r\n|\r|\n)\s*/g, ' '),
      code: d.code,
      sources: sourcesText(d.expected),
    }));
    const posWidth = lineWidth + 1 + colWidth;
    const sevWidth = Math.max(...rows.map((r) => r.severity.length));
    // Rule codes line up after messages of up to MAX_ALIGN characters; longer ones just run on.
    const msgWidth = Math.min(MAX_ALIGN, Math.max(...rows.map((r) => r.message.length)));
    out.push('', s.underline(report.file));
    for (const r of rows) {
      const pos = s.dim(r.pos);
      const sev = paint(s, r.severity, r.severity.padEnd(sevWidth));
      out.push(`  ${pos}  ${sev}  ${r.message.padEnd(msgWidth)}  ${s.dim(r.code)}`.trimEnd());
      if (r.sources) out.push(s.dim(`${' '.repeat(2 + posWidth + 2 + sevWidth + 2)}${r.sources}`));
    }
    this.write(`${out.join('\n')}\n`);
  }

  end(): void {
    const s = this.s;
    const c = this.counts;
    const total = c.errors + c.warnings + c.infos + c.hints;
    if (total > 0) {
      const parts = [plural(c.errors, 'error'), plural(c.warnings, 'warning')];
      if (c.infos) parts.push(`${c.infos} info`);
      if (c.hints) parts.push(plural(c.hints, 'hint'));
      const line = `✖ ${plural(total, 'problem')} (${parts.join(', ')})`;
      const color = c.errors ? s.red : c.warnings ? s.yellow : s.blue;
      this.write(`\n${s.bold(color(line))}\n\n`);
    }
  }
}

function paint(s: Style, severity: Severity, text: string): string {
  switch (severity) {
    case 'error':
      return s.red(text);
    case 'warning':
      return s.yellow(text);
    case 'info':
      return s.blue(text);
    default:
      return s.gray(text);
  }
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
