// `--format stylish` (the default): findings grouped by draft, one aligned row each, with what
// the sources say on a dim line below, and a summary.
import type { Severity } from '../../engine/types.js';
import { countSeverities, sourcesText, type FileReport } from '../report.js';
import { style, type Style } from './ansi.js';

export interface StylishOptions {
  color?: boolean;
}

const MAX_ALIGN = 80;

export function formatStylish(reports: FileReport[], options: StylishOptions = {}): string {
  const s = style(options.color ?? false);
  const out: string[] = [];
  for (const report of reports) {
    if (!report.diagnostics.length) continue;
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
  }
  const c = countSeverities(reports);
  const total = c.errors + c.warnings + c.infos + c.hints;
  if (total > 0) {
    const parts = [plural(c.errors, 'error'), plural(c.warnings, 'warning')];
    if (c.infos) parts.push(`${c.infos} info`);
    if (c.hints) parts.push(plural(c.hints, 'hint'));
    const line = `✖ ${plural(total, 'problem')} (${parts.join(', ')})`;
    const color = c.errors ? s.red : c.warnings ? s.yellow : s.blue;
    out.push('', s.bold(color(line)), '');
  }
  return out.length ? `${out.join('\n')}\n` : '';
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
