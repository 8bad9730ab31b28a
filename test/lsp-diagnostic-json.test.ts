// The diagnostics the server makes from findings, and their JSON text made from shared parts
// (what the stdio transport writes and the pull resultId compares).
import { describe, expect, it } from 'vitest';
import { LineIndex } from '../server/src/engine/text/positions.js';
import type { Finding } from '../server/src/engine/types.js';
import { DiagnosticMaker, diagnosticJson, sameDiagnostics, skippedDiagnostic, withTail, LIST_TEXT, TAIL } from '../server/src/lsp/diagnostics.js';
import { messageBytes } from '../server/src/lsp/transport.js';

const messageJson = (m: never) => messageBytes(m).toString('utf-8');

const TEXT = 'Line one with $40 billion.\r\n🚀 "Quoted" \\ back\\slash $10 billion\nlast line, 2019.';
const lines = new LineIndex(TEXT);
const at = (needle: string) => TEXT.indexOf(needle);

const findings: Finding[] = [
  { rule: 'wrong-value', severity: 'error', message: 'The sources say $50 billion, not $40 billion. ("quoted" \\ \u2028 fact)', start: at('$40'), end: at('$40') + 11, factId: 'f1' },
  { rule: 'unsupported', severity: 'hint', message: 'No fact in the facts file supports $10 billion.', start: at('$10'), end: at('$10') + 11 },
  { rule: 'wrong-year', severity: 'warning', message: 'Wrong year: 2019 \u0000 \ud83d', start: at('2019'), end: at('2019') + 4 },
];

describe('diagnostic JSON from shared parts', () => {
  it('is the JSON of the diagnostic', () => {
    for (const shape of [undefined, { codeDescription: false, relatedInformation: false }]) {
      const ds = new DiagnosticMaker(shape).diagnostics(findings, lines, undefined);
      expect(ds).toHaveLength(3);
      for (const d of ds) {
        expect(d[TAIL]).toBeDefined();
        expect(diagnosticJson(d)).toBe(JSON.stringify(d));
      }
      expect(JSON.stringify(ds[0])).not.toContain('diagnosticTail');
    }
    const skipped = withTail(skippedDiagnostic('too large'));
    expect(JSON.parse(diagnosticJson(skipped))).toEqual(JSON.parse(JSON.stringify(skipped)));
  });

  it('reuses the diagnostics of equal findings, and compares lists by range and parts', () => {
    const maker = new DiagnosticMaker();
    const a = maker.diagnostics(findings, lines, undefined);
    const b = maker.diagnostics(findings.map((f) => ({ ...f })), lines, undefined);
    expect(b).not.toBe(a);
    expect(b.every((d, i) => d === a[i])).toBe(true);
    expect(sameDiagnostics(a, b)).toBe(true);
    const moved = maker.diagnostics(findings.map((f, i) => (i === 1 ? { ...f, start: f.start + 1 } : f)), lines, undefined);
    expect(sameDiagnostics(a, moved)).toBe(false);
    const other = maker.diagnostics(findings.map((f, i) => (i === 2 ? { ...f, severity: 'error' as const } : f)), lines, undefined);
    expect(other[2].severity).toBe(1);
    expect(sameDiagnostics(a, other)).toBe(false);
    // From another maker (no shared strings) the comparison holds by value.
    expect(sameDiagnostics(a, new DiagnosticMaker().diagnostics(findings, lines, undefined))).toBe(true);
  });

  it('after any change, equals the diagnostics made afresh', () => {
    // Findings of random texts and random edits of them: reused or not, the list is what a new
    // maker makes.
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n);
    const maker = new DiagnosticMaker();
    let text = Array.from({ length: 60 }, (_, i) => `line ${i} $${i}bn and ${i}%`).join('\n');
    for (let step = 0; step < 200; step++) {
      const at = rand(text.length);
      const edit = ['x', '\n', '', '\r\n', '$9'][rand(5)];
      text = text.slice(0, at) + edit + text.slice(at + (edit === '' ? 1 + rand(3) : rand(2)));
      const lines = new LineIndex(text);
      const fs: Finding[] = [];
      for (const m of text.matchAll(/\$\d+bn|\d+%/g)) {
        if (rand(10) === 0) continue;
        fs.push({ rule: m[0].startsWith('$') ? 'wrong-value' : 'unsupported', severity: m[0].startsWith('$') ? 'error' : 'hint', message: `m ${m[0]} ${rand(3)}`, start: m.index!, end: m.index! + m[0].length + (rand(20) === 0 ? 500 : 0) });
      }
      // Findings out of document order now and then.
      if (rand(7) === 0) fs.reverse();
      const got = maker.diagnostics(fs, lines, undefined);
      const fresh = new DiagnosticMaker().diagnostics(fs, lines, undefined);
      expect(JSON.stringify(got)).toBe(JSON.stringify(fresh));
      expect(got.map((d) => diagnosticJson(d)).join()).toBe(fresh.map((d) => diagnosticJson(d)).join());
    }
  });
});

describe('the stdio encoder', () => {
  const ds = new DiagnosticMaker().diagnostics(findings, lines, undefined);
  it('writes publishDiagnostics and full pull reports as JSON.stringify does', () => {
    const messages = [
      { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///a%20b/\u00e9.md', version: 3, diagnostics: ds } },
      { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'untitled:Untitled-1', diagnostics: ds } },
      { jsonrpc: '2.0', id: 7, result: { kind: 'full', resultId: 'r12', items: ds } },
      { jsonrpc: '2.0', id: 'x"y', result: { kind: 'full', items: ds } },
    ];
    for (const m of messages) expect(messageJson(m as never)).toBe(JSON.stringify(m));
  });

  it('leaves other messages and other shapes to JSON.stringify', () => {
    const plain = ds.map((d) => JSON.parse(JSON.stringify(d)));
    const messages = [
      { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///x.md', diagnostics: [] } },
      { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///x.md', diagnostics: plain } },
      { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///x.md', diagnostics: [...ds, plain[0]] } },
      { jsonrpc: '2.0', id: 1, result: { kind: 'full', resultId: 'r1', items: ds, relatedDocuments: {} } },
      { jsonrpc: '2.0', id: 2, result: { kind: 'unchanged', resultId: 'r1' } },
      { jsonrpc: '2.0', id: 3, result: null },
      { jsonrpc: '2.0', id: 4, error: { code: -32800, message: 'cancelled' } },
      { jsonrpc: '2.0', method: 'window/logMessage', params: { type: 3, message: 'hello' } },
    ];
    for (const m of messages) expect(messageJson(m as never)).toBe(JSON.stringify(m));
  });
});

describe('the text of successive lists of one document', () => {
  // 400 lines with a figure each ("$<line> billion"), a finding on each figure.
  const base = Array.from({ length: 400 }, (_, i) => `${'x'.repeat(i % 13)}Line says $${i} billion, "quoted" ${i % 7 === 0 ? '\u{1F680}' : ''}.`);
  function check(text: string, skip: (figure: string) => boolean, message: (figure: string) => string) {
    const lines = new LineIndex(text);
    const out: Finding[] = [];
    for (let at = text.indexOf('$'); at >= 0; at = text.indexOf('$', at + 1)) {
      const figure = text.slice(at, text.indexOf(' ', at));
      if (skip(figure)) continue;
      const n = Number(figure.slice(1));
      out.push({ rule: n % 3 ? 'unsupported' : 'wrong-value', severity: n % 3 ? 'hint' : 'error', message: message(figure), start: at, end: at + figure.length });
    }
    return { lines, findings: out };
  }
  it('is always the JSON of the current list', () => {
    const maker = new DiagnosticMaker();
    const plain = (f: string) => `Figure ${f}.`;
    const steps = [
      check(base.join('\n'), () => false, plain),
      // One message changed, one finding gone.
      check(base.join('\n'), (f) => f === '$250', (f) => (f === '$100' ? 'Changed.' : plain(f))),
      // A new line at the top: every diagnostic moves.
      check(['New first line $1000.', ...base].join('\n'), () => false, plain),
      check(base.join('\n'), () => false, plain),
      check(base.slice(0, 10).join('\n'), () => false, plain),
      check(base.join('\n'), () => true, plain),
    ];
    const reused: number[] = [];
    for (const { lines, findings } of steps) {
      const ds = maker.diagnostics(findings, lines, undefined);
      const text = ds[LIST_TEXT]!;
      const m = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///d.md', version: 2, diagnostics: ds } };
      expect(messageJson(m as never)).toBe(JSON.stringify(m));
      if (ds.length) reused.push(text.reused);
      // Twice the same list: the same text, every run kept.
      expect(messageJson(m as never)).toBe(JSON.stringify(m));
      expect(text.reused).toBe(text.total);
    }
    // 400 lines are 7 runs of 64 lines: after the first list, the runs without a change keep
    // their bytes (none after a line is added at the top, nor in a run cut short).
    expect(reused).toEqual([0, 5, 0, 0, 0]);
  });
});

describe('diagnostics with facts', () => {
  it('point at the facts in force: other facts, other related information', async () => {
    const { bundledFacts } = await import('./helpers/bundled.js');
    const { buildFactBase } = await import('../server/src/engine/claims/factbase.js');
    const a = bundledFacts();
    const id = 'amazon-openai-investment';
    const moved = new Map([...a.locations].map(([k, loc]) => [k, { ...loc, line: loc.line + 10, file: '/elsewhere/x.facts.yaml' }]));
    const b = buildFactBase({ entities: [...a.entities.values()], sources: [...a.sources.values()], facts: [...a.facts.values()], exclusions: [] } as never, moved);
    const text = 'Amazon is discussing a $40 billion stake in OpenAI.';
    const f: Finding = { rule: 'wrong-value', severity: 'error', message: 'm', start: text.indexOf('$40'), end: text.indexOf('$40') + 11, factId: id };
    const maker = new DiagnosticMaker();
    const lines = new LineIndex(text);
    const da = maker.diagnostics([f], lines, a)[0];
    const db = maker.diagnostics([f], lines, b)[0];
    expect(da.relatedInformation?.[0].location.uri).toMatch(/amazon-openai\.facts\.yaml$/);
    expect(db.relatedInformation?.[0].location.uri).toBe('file:///elsewhere/x.facts.yaml');
    expect(db.relatedInformation?.[0].location.range.start.line).toBe(da.relatedInformation![0].location.range.start.line + 10);
    expect(diagnosticJson(db)).toBe(JSON.stringify(db));
    expect(maker.diagnostics([f], lines, a)[0].relatedInformation?.[0].location.uri).toBe(da.relatedInformation?.[0].location.uri);
  });

  it('carry no related information for facts their message quotes, and no docs link on hints', async () => {
    const { bundledFacts } = await import('./helpers/bundled.js');
    const base = bundledFacts();
    const id = 'amazon-openai-investment';
    const other = [...base.facts.keys()].find((k) => k !== id)!;
    const statement = base.facts.get(id)!.statement;
    const text = 'Amazon is discussing a $40 billion stake in OpenAI.';
    const lines = new LineIndex(text);
    const span = { start: text.indexOf('$40'), end: text.indexOf('$40') + 11 };
    const quoting: Finding = { rule: 'wrong-value', severity: 'error', message: `The sources say $50 billion, not $40 billion. (${statement})`, ...span, factId: id, related: [other] };
    const plain: Finding = { ...quoting, message: 'The sources say $50 billion, not $40 billion.' };
    const hint: Finding = { rule: 'unsupported', severity: 'hint', message: 'No fact in the facts file supports $40 billion.', ...span };
    const [q, p, h] = new DiagnosticMaker().diagnostics([quoting, plain, hint], lines, base);
    // Only the fact the message does not quote is pointed at.
    expect(q.relatedInformation?.map((r) => r.message)).toEqual([`Also involved: ${base.facts.get(other)!.statement}`]);
    expect(p.relatedInformation?.map((r) => r.message)).toEqual([statement, `Also involved: ${base.facts.get(other)!.statement}`]);
    expect(q.codeDescription?.href).toMatch(/#rule-wrong-value$/);
    expect(h.codeDescription).toBeUndefined();
    expect(Object.keys(h).sort()).toEqual(['code', 'message', 'range', 'severity', 'source']);
    for (const d of [q, p, h]) expect(diagnosticJson(d)).toBe(JSON.stringify(d));
  });
});
