// The report written draft by draft is byte for byte the report built in one piece.
import { describe, expect, it } from 'vitest';
import { style } from '../server/src/cli/format/ansi.js';
import { escapeData, escapeProperty, formatGithub } from '../server/src/cli/format/github.js';
import { formatJson, jsonEntry, JsonStream } from '../server/src/cli/format/json.js';
import { buildSarif, formatSarif, SarifStream } from '../server/src/cli/format/sarif.js';
import { formatStylish, StylishStream } from '../server/src/cli/format/stylish.js';
import { formatReports, VERSION } from '../server/src/cli/main.js';
import { countSeverities, sourcesText, type FileReport } from '../server/src/cli/report.js';
import { REPORTS } from './fixtures/cli/reports.js';

/** Reports of every shape: none, empty, one file, many files with and without diagnostics. */
function shapes(): FileReport[][] {
  const empty: FileReport = { file: 'empty.md', diagnostics: [] };
  const many: FileReport[] = [];
  for (let i = 0; i < 12; i++) {
    const r = REPORTS[i % REPORTS.length];
    many.push({ file: `dir ${i}/${i % 3 ? 'b' : 'a'}\\x.md`, diagnostics: i % 4 === 1 ? [] : r.diagnostics.slice(0, (i % 3) + 1) });
  }
  return [[], [empty], [REPORTS[0]], REPORTS, [empty, ...REPORTS, empty], many];
}

describe('reports written draft by draft', () => {
  it('json: exactly JSON.stringify of the whole array', () => {
    for (const reports of shapes()) {
      expect(formatJson(reports)).toBe(`${JSON.stringify(reports.map(jsonEntry), null, 2)}\n`);
    }
  });

  it('sarif: exactly JSON.stringify of the whole log, with and without a base folder', () => {
    for (const reports of shapes()) {
      for (const options of [{ version: '1.2.3', cwd: '/home/me/project dir' }, { version: '0.0.1' }]) {
        expect(formatSarif(reports, options)).toBe(`${JSON.stringify(buildSarif(reports, options), null, 2)}\n`);
      }
    }
  });

  it('writes each draft as it comes, the head first and the tail last', () => {
    const chunks: string[] = [];
    const json = new JsonStream((s) => chunks.push(s));
    json.file(REPORTS[0]);
    expect(chunks.join('')).toMatch(/^\[\n {2}\{\n {4}"file": "drafts\/news.md"/);
    json.file(REPORTS[1]);
    json.end();
    expect(chunks.length).toBe(3);
    expect(JSON.parse(chunks.join(''))).toHaveLength(2);

    const parts: string[] = [];
    const sarif = new SarifStream((s) => parts.push(s), { version: '1.0.0', cwd: '/p' });
    expect(parts).toHaveLength(1);
    expect(parts[0].endsWith('"results": [')).toBe(true);
    sarif.file(REPORTS[0]);
    sarif.end();
    expect(JSON.parse(parts.join('')).runs[0].results.length).toBe(REPORTS[0].diagnostics.length);

    const lines: string[] = [];
    const stylish = new StylishStream((s) => lines.push(s));
    stylish.file(REPORTS[0]);
    expect(lines.join('')).toContain('drafts/news.md');
    stylish.end();
    expect(lines.join('')).toBe(formatStylish([REPORTS[0]]));
  });

  it('stylish and github: what the one-piece formatters of 0.1.0 printed', () => {
    for (const reports of shapes()) {
      for (const color of [false, true]) expect(formatStylish(reports, { color })).toBe(legacyStylish(reports, color));
      expect(formatGithub(reports)).toBe(legacyGithub(reports));
    }
  });

  it('formatReports, in every format, is the stream written into a string', () => {
    for (const reports of shapes()) {
      expect(formatReports(reports, { format: 'json' }, false, '/w')).toBe(formatJson(reports));
      expect(formatReports(reports, { format: 'sarif' }, false, '/w')).toBe(formatSarif(reports, { version: VERSION, cwd: '/w' }));
      expect(formatReports(reports, { format: 'stylish' }, true, '/w')).toBe(legacyStylish(reports, true));
      expect(formatReports(reports, { format: 'github' }, false, '/w')).toBe(legacyGithub(reports));
    }
  });
});

// The stylish and github formatters as they were before streaming (whole report in one string).
function legacyStylish(reports: FileReport[], color: boolean): string {
  const s = style(color);
  const out: string[] = [];
  for (const report of reports) {
    if (!report.diagnostics.length) continue;
    const lineWidth = Math.max(...report.diagnostics.map((d) => String(d.line).length));
    const colWidth = Math.max(...report.diagnostics.map((d) => String(d.column).length));
    const rows = report.diagnostics.map((d) => ({
      pos: `${String(d.line).padStart(lineWidth)}:${String(d.column).padEnd(colWidth)}`,
      severity: d.severity,
      message: d.message.replace(/\s*(?:\r\n|\r|\n)\s*/g, ' '),
      code: d.code,
      sources: sourcesText(d.expected),
    }));
    const posWidth = lineWidth + 1 + colWidth;
    const sevWidth = Math.max(...rows.map((r) => r.severity.length));
    const msgWidth = Math.min(80, Math.max(...rows.map((r) => r.message.length)));
    out.push('', s.underline(report.file));
    for (const r of rows) {
      const paint = r.severity === 'error' ? s.red : r.severity === 'warning' ? s.yellow : r.severity === 'info' ? s.blue : s.gray;
      out.push(`  ${s.dim(r.pos)}  ${paint(r.severity.padEnd(sevWidth))}  ${r.message.padEnd(msgWidth)}  ${s.dim(r.code)}`.trimEnd());
      if (r.sources) out.push(s.dim(`${' '.repeat(2 + posWidth + 2 + sevWidth + 2)}${r.sources}`));
    }
  }
  const c = countSeverities(reports);
  const total = c.errors + c.warnings + c.infos + c.hints;
  if (total > 0) {
    const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
    const parts = [plural(c.errors, 'error'), plural(c.warnings, 'warning')];
    if (c.infos) parts.push(`${c.infos} info`);
    if (c.hints) parts.push(plural(c.hints, 'hint'));
    const line = `✖ ${plural(total, 'problem')} (${parts.join(', ')})`;
    const paint = c.errors ? s.red : c.warnings ? s.yellow : s.blue;
    out.push('', s.bold(paint(line)), '');
  }
  return out.length ? `${out.join('\n')}\n` : '';
}

function legacyGithub(reports: FileReport[]): string {
  const command: Record<string, string> = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' };
  const out: string[] = [];
  for (const r of reports) {
    const file = r.file.replace(/\\/g, '/');
    for (const d of r.diagnostics) {
      const props: [string, string | number][] = [['file', file], ['line', d.line]];
      if (d.endLine === d.line) props.push(['col', d.column], ['endLine', d.endLine], ['endColumn', d.endColumn]);
      else props.push(['endLine', d.endLine]);
      props.push(['title', `factlint ${d.code}`]);
      const sources = sourcesText(d.expected);
      const message = sources ? `${d.message}\n${sources}` : d.message;
      out.push(`::${command[d.severity]} ${props.map(([k, v]) => `${k}=${escapeProperty(String(v))}`).join(',')}::${escapeData(message)}`);
    }
  }
  return out.length ? `${out.join('\n')}\n` : '';
}
