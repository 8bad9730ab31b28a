// The language server's diagnostics over a real connection: unsaved buffers, UTF-16 ranges,
// incremental edits, pull diagnostics, skipped documents, robustness.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CancellationTokenSource, DiagnosticSeverity, type Diagnostic, type DocumentDiagnosticReport } from 'vscode-languageserver/node';
import { ruleDocsUrl } from '../server/src/engine/rules/catalog.js';
import { LineIndex } from '../server/src/engine/text/positions.js';
import { rangeOf, SEVERITY } from '../server/src/lsp/diagnostics.js';
import { PARTS_MIN_LENGTH } from '../server/src/lsp/drafts.js';
import { EMOJI_CRLF, longDraft, MIXED } from './fixtures/lsp/drafts.js';
import { all } from './helpers/bundled.js';
import { buildServer, comparable, makeWorkspace, positionOf, startClient, uriOf, BUNDLED_FACTS } from './fixtures/lsp/harness.js';

let server: { file: string; dispose: () => void };
beforeAll(async () => {
  server = await buildServer();
});
afterAll(() => server?.dispose());

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function session(files: Record<string, string>, opts: { pull?: boolean; settings?: Record<string, unknown>; initializationOptions?: unknown } = {}) {
  const ws = makeWorkspace(files);
  const client = await startClient({ server: server.file, workspace: ws.dir, ...opts });
  cleanups.push(() => ws.dispose());
  cleanups.push(() => client.shutdown());
  return { ws, client };
}

/** Codes of the errors and warnings (info-level findings such as `disputed` follow the facts file). */
const loud = (ds: Diagnostic[]) => ds.filter((d) => d.severity === DiagnosticSeverity.Error || d.severity === DiagnosticSeverity.Warning).map((d) => d.code).sort();

function byCode(ds: Diagnostic[], code: string): Diagnostic {
  const d = ds.find((x) => x.code === code);
  if (!d) throw new Error(`no ${code} in ${JSON.stringify(ds.map((x) => x.code))}`);
  return d;
}

describe('push diagnostics', () => {
  it('checks the unsaved buffer, with UTF-16 ranges after an emoji and CRLF', async () => {
    const { ws, client } = await session({ 'draft.md': '# Nothing wrong here\n' });
    const uri = ws.uri('draft.md');
    const got = client.waitForDiagnostics(uri, (p) => p.version === 1);
    client.open(uri, EMOJI_CRLF);
    const { diagnostics } = await got;

    const wrong = byCode(diagnostics, 'wrong-value');
    // Line 6 is "🚀 Amazon is discussing a $40 billion ...": the emoji is two UTF-16 code units,
    // so "$40" starts at character 26 (25 code points).
    expect(wrong.range).toEqual({ start: { line: 6, character: 26 }, end: { line: 6, character: 37 } });
    expect(wrong.range.start).toEqual(positionOf(EMOJI_CRLF, '$40 billion'));
    expect(wrong.severity).toBe(DiagnosticSeverity.Error);
    expect(wrong.source).toBe('factlint');
    expect(wrong.codeDescription).toEqual({ href: ruleDocsUrl('wrong-value') });
    expect(wrong.message).toContain('$50 billion');
    // The message quotes the fact's statement: no related information repeats it ...
    expect(wrong.message).toContain('Amazon is negotiating');
    expect(wrong.relatedInformation).toBeUndefined();
    // ... and the fact's place in the facts file is where go-to-definition on the figure jumps,
    // and what its hover links to.
    const factsUri = uriOf(server.file.replace(/dist[\\/]server\.js$/, 'facts/amazon-openai.facts.yaml'));
    const def = await client.request<{ uri: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } } | null>('textDocument/definition', { textDocument: { uri }, position: wrong.range.start });
    expect(def?.uri).toBe(factsUri);
    const factsLines = fs.readFileSync(BUNDLED_FACTS, 'utf8').split('\n');
    expect(factsLines[def!.range.start.line].slice(def!.range.start.character, def!.range.end.character)).toBe('amazon-openai-investment');
    const hover = await client.request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri }, position: wrong.range.start });
    expect(hover?.contents.value).toContain(`${factsUri}#L${def!.range.start.line + 1}`);
    // No `data`: code actions find the finding by the diagnostic's rule and range.
    expect(wrong.data).toBeUndefined();

    // After the CRLF pair the lines still count right: "more than $10 billion" is on line 10.
    const qual = byCode(diagnostics, 'contradicted-qualifier');
    expect(qual.range).toEqual({ start: positionOf(EMOJI_CRLF, 'more than $10 billion'), end: { line: 10, character: 46 } });
    expect(qual.range.start.line).toBe(10);
  });

  it('ends a series of incremental edits with the diagnostics of a fresh open of the final text', async () => {
    const { ws, client } = await session({});
    const a = ws.uri('a.md');
    const b = ws.uri('b.md');
    const first = client.waitForDiagnostics(a, (p) => p.version === 1);
    client.open(a, MIXED);
    await first;
    // Fix the first figure, break the second, insert a paragraph with an emoji, delete a line.
    const text0 = client.text(a);
    client.change(a, [{ range: { start: positionOf(text0, '$40'), end: { ...positionOf(text0, '$40'), character: positionOf(text0, '$40').character + 3 } }, text: '$50' }]);
    const text1 = client.text(a);
    client.change(a, [{ range: { start: positionOf(text1, '100'), end: { ...positionOf(text1, '100'), character: positionOf(text1, '100').character + 3 } }, text: '120' }]);
    client.change(a, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: '👩‍💻 Intro with an emoji.\n' }]);
    const text3 = client.text(a);
    const v = client.change(a, [{ range: { start: positionOf(text3, 'Amazon announced'), end: { line: positionOf(text3, 'Amazon announced').line + 1, character: 0 } }, text: '' }]);
    const last = await client.waitForDiagnostics(a, (p) => p.version === v);

    const fresh = client.waitForDiagnostics(b, (p) => p.version === 1);
    client.open(b, client.text(a));
    const expected = await fresh;
    expect(comparable(last.diagnostics)).toEqual(comparable(expected.diagnostics));
    expect(loud(last.diagnostics)).toEqual(['contradicted-qualifier', 'wrong-value']);
    // The "$120 billion" paragraph is now the wrong value, and not the fixed "$50 billion".
    expect(byCode(last.diagnostics, 'wrong-value').range.start).toEqual(positionOf(client.text(a), '$120 billion'));
  });

  it('leaves out what the client does not show (no codeDescription or relatedInformation support)', async () => {
    const ws = makeWorkspace({});
    cleanups.push(() => ws.dispose());
    const client = await startClient({
      server: server.file,
      workspace: ws.dir,
      capabilities: { textDocument: { publishDiagnostics: { versionSupport: true } }, workspace: { workspaceFolders: true } },
    });
    cleanups.push(() => client.shutdown());
    const uri = ws.uri('plain.md');
    const got = client.waitForDiagnostics(uri, (p) => p.version === 1);
    client.open(uri, EMOJI_CRLF);
    const { diagnostics } = await got;
    const wrong = byCode(diagnostics, 'wrong-value');
    expect(Object.keys(wrong).sort()).toEqual(['code', 'message', 'range', 'severity', 'source']);
    expect(wrong.range.start).toEqual(positionOf(EMOJI_CRLF, '$40 billion'));
  });

  it('drops stale work: only the last version of a burst of edits is published', async () => {
    const { ws, client } = await session({});
    const uri = ws.uri('burst.md');
    const opened = client.waitForDiagnostics(uri, (p) => p.version === 1);
    client.open(uri, MIXED);
    await opened;
    const before = client.published.get(uri)!.length;
    let v = 1;
    for (let i = 0; i < 10; i++) v = client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'x' }]);
    await client.waitForDiagnostics(uri, (p) => p.version === v);
    const versions = client.published.get(uri)!.slice(before).map((p) => p.version);
    expect(versions).toEqual([v]);
  });

  it('publishes an empty list when a draft is closed', async () => {
    const { ws, client } = await session({});
    const uri = ws.uri('c.md');
    const opened = client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0);
    client.open(uri, MIXED);
    await opened;
    const cleared = client.waitForDiagnostics(uri, (p) => p.diagnostics.length === 0);
    client.close(uri);
    await cleared;
  });

  it('skips huge and binary-looking documents with one info diagnostic', async () => {
    const { ws, client } = await session({}, { settings: { maxFileSize: 2000 } });
    const big = ws.uri('big.md');
    const bin = ws.uri('bin.md');
    const p1 = client.waitForDiagnostics(big);
    client.open(big, MIXED.repeat(20));
    const p2 = client.waitForDiagnostics(bin);
    client.open(bin, `${MIXED}\u0000\u0001`);
    for (const p of [await p1, await p2]) {
      expect(p.diagnostics).toHaveLength(1);
      expect(p.diagnostics[0].severity).toBe(DiagnosticSeverity.Information);
      expect(p.diagnostics[0].code).toBe('skipped');
    }
    expect((await p1).diagnostics[0].message).toContain('larger than');
    expect((await p2).diagnostics[0].message).toContain('binary');
    expect(client.logs.filter((l) => l.includes('not checked')).length).toBe(2);
  });

  it('applies rule severities from settings and from the config file', async () => {
    const { ws, client } = await session(
      { '.factlintrc.yaml': 'rules:\n  contradicted-qualifier: "off"\n' },
      { settings: { rules: { 'wrong-value': 'warning' } } },
    );
    const uri = ws.uri('r.md');
    const got = client.waitForDiagnostics(uri);
    client.open(uri, MIXED);
    const { diagnostics } = await got;
    expect(byCode(diagnostics, 'wrong-value').severity).toBe(DiagnosticSeverity.Warning);
    expect(diagnostics.some((d) => d.code === 'contradicted-qualifier')).toBe(false);
  });

  it('without workspace/configuration, takes settings from initializationOptions and didChangeConfiguration', async () => {
    const { ws, client } = await session({}, { initializationOptions: { settings: { factlint: { rules: { 'wrong-value': 'off' } } } } });
    const uri = ws.uri('i.md');
    const first = client.waitForDiagnostics(uri);
    client.open(uri, MIXED);
    expect(loud((await first).diagnostics)).toEqual(['contradicted-qualifier', 'wrong-date']);
    const again = client.waitForDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'wrong-value'));
    void client.conn.sendNotification('workspace/didChangeConfiguration', { settings: { factlint: { rules: {} } } });
    await again;
  });

  it('with run: onSave, checks on open and save but not while typing', async () => {
    const { ws, client } = await session({}, { settings: { run: 'onSave', debounce: 20 } });
    const uri = ws.uri('s.md');
    const opened = client.waitForDiagnostics(uri, (p) => p.version === 1);
    client.open(uri, MIXED);
    await opened;
    const v = client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'Intro.\n\n' }]);
    const saved = client.waitForDiagnostics(uri, (p) => p.version === v);
    // A hover forces nothing to be published: only the save does.
    await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } });
    expect(client.published.get(uri)!.some((p) => p.version === v)).toBe(false);
    client.save(uri);
    expect((await saved).diagnostics.length).toBeGreaterThan(0);
  });
});

/** What the engine finds in a text, as the fields of diagnostics. */
function reference(text: string) {
  const lines = new LineIndex(text);
  return all(text).map((f) => ({ code: f.rule, severity: SEVERITY[f.severity], message: f.message, range: rangeOf(lines, f.start, f.end) }));
}
const essentials = (ds: Diagnostic[]) => ds.map((d) => ({ code: d.code, severity: d.severity, message: d.message, range: d.range }));

describe('long drafts, checked in parts', () => {
  const LONG = longDraft(400);
  // Its diagnostics are more than the 1,000 sent by default (shown.ts): these tests see them all.
  const ALL = { maxProblems: 1_000_000 };
  it('publishes the first part first, then every diagnostic, as one check of the whole draft finds them', async () => {
    expect(LONG.length).toBeGreaterThan(PARTS_MIN_LENGTH);
    const expected = reference(LONG);
    expect(expected.length).toBeGreaterThan(1000);
    const { ws, client } = await session({}, { settings: ALL });
    const uri = ws.uri('long.md');
    const done = client.waitForDiagnostics(uri, (p) => p.version === 1 && p.diagnostics.length === expected.length, 60_000);
    client.open(uri, LONG);
    const final = await done;
    expect(essentials(final.diagnostics)).toEqual(expected);
    const steps = client.published.get(uri)!;
    expect(steps.length).toBeGreaterThan(1);
    expect(steps.every((p) => p.version === 1)).toBe(true);
    // Each earlier publish holds the diagnostics of a first part: the same as in the full set.
    const full = new Set(final.diagnostics.map((d) => JSON.stringify(d)));
    for (const p of steps.slice(0, -1)) {
      expect(p.diagnostics.length).toBeLessThan(expected.length);
      for (const d of p.diagnostics) expect(full.has(JSON.stringify(d))).toBe(true);
    }
    expect(steps[steps.length - 1]).toBe(final);
    // Hover and the footnote binding work on the whole draft.
    const last = LONG.lastIndexOf('$830 billion[^');
    const hover = await client.request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri }, position: positionOf(LONG, '$830 billion[^', last) });
    expect(hover?.contents.value).toContain('openai-round-valuation');
  });

  it('starts over on an edit made while the draft is checked, and ends with the diagnostics of the edited text', async () => {
    const { ws, client } = await session({}, { settings: ALL });
    const uri = ws.uri('edited.md');
    const first = client.waitForDiagnostics(uri, (p) => p.version === 1);
    client.open(uri, LONG);
    await first;
    // While the rest is being checked: fix the first figure, break one near the end.
    const at = positionOf(LONG, '$30 billion');
    client.change(uri, [{ range: { start: at, end: { ...at, character: at.character + 3 } }, text: '$50' }]);
    const near = positionOf(LONG, 'more than $10 billion', LONG.length - 2000);
    const v = client.change(uri, [{ range: { start: near, end: { ...near, character: near.character + 9 } }, text: 'less than' }]);
    const text = client.text(uri);
    const expected = reference(text);
    const done = await client.waitForDiagnostics(uri, (p) => p.version === v && p.diagnostics.length === expected.length, 60_000);
    expect(essentials(done.diagnostics)).toEqual(expected);
    // Nothing of an older version after the first of the new one.
    const versions = client.published.get(uri)!.map((p) => p.version);
    expect(versions.slice(versions.indexOf(v))).toEqual(versions.slice(versions.indexOf(v)).map(() => v));
    // A hover answers from the checked draft.
    const hover = await client.request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri }, position: positionOf(text, '$50 billion') });
    expect(hover?.contents.value).toContain('amazon-openai-investment');
  });

  it('gives up the parts when the settings change to a check in one go (here: too large to check)', async () => {
    const { ws, client } = await session({});
    const uri = ws.uri('given-up.md');
    const first = client.waitForDiagnostics(uri, (p) => p.version === 1);
    client.open(uri, LONG);
    await first;
    const skipped = client.waitForDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'skipped'));
    void client.conn.sendNotification('workspace/didChangeConfiguration', { settings: { factlint: { maxFileSize: 1000 } } });
    await skipped;
    // Two round trips later, nothing of the parts came after.
    await client.request('factlint/status', {});
    await client.request('factlint/status', {});
    const list = client.published.get(uri)!;
    const at = list.findIndex((p) => p.diagnostics.some((d) => d.code === 'skipped'));
    expect(list.slice(at).every((p) => p.diagnostics.length === 1 && p.diagnostics[0].code === 'skipped')).toBe(true);
  });

  it('answers a pull with the part checked so far, then asks for a refresh and answers with everything', async () => {
    const expected = reference(LONG);
    const { ws, client } = await session({}, { pull: true, settings: ALL });
    const uri = ws.uri('pulled.md');
    client.open(uri, LONG);
    const first = await client.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri } });
    expect(first.kind).toBe('full');
    if (first.kind !== 'full') return;
    expect(first.items.length).toBeLessThan(expected.length);
    let report: DocumentDiagnosticReport = first;
    for (let i = 0; i < 200 && (report.kind !== 'full' || report.items.length < expected.length); i++) {
      const refreshes = client.refreshes;
      await expect.poll(() => client.refreshes, { timeout: 60_000 }).toBeGreaterThan(refreshes);
      report = await client.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri } });
    }
    expect(report.kind).toBe('full');
    if (report.kind === 'full') expect(essentials(report.items)).toEqual(expected);
  });
});

describe('at most factlint.maxProblems diagnostics per draft', () => {
  const RANK = [0, DiagnosticSeverity.Error, DiagnosticSeverity.Warning, DiagnosticSeverity.Information, DiagnosticSeverity.Hint];
  /** What should be sent, by sorting: by severity, then distance from the edit, then place; in document order. */
  function chosen(all: ReturnType<typeof reference>, limit: number, focus: number) {
    const order = all.map((d, i) => ({ d, i })).sort((a, b) => RANK.indexOf(a.d.severity) - RANK.indexOf(b.d.severity) || Math.abs(a.d.range.start.line - focus) - Math.abs(b.d.range.start.line - focus) || a.i - b.i);
    return order.slice(0, limit - 1).sort((a, b) => a.i - b.i).map((x) => x.d);
  }

  it('sends errors first, then the problems nearest the last edit, and a note of how many there are', async () => {
    const text = longDraft(120);
    const limit = 400;
    const expected = reference(text);
    // More errors and notes than hints fit: all of them are sent, and some hints.
    const loudCount = expected.filter((d) => d.severity !== DiagnosticSeverity.Hint).length;
    expect(loudCount).toBeLessThan(limit - 1);
    expect(expected.length).toBeGreaterThan(limit);
    const { ws, client } = await session({}, { settings: { maxProblems: limit } });
    const uri = ws.uri('many.md');
    const opened = client.waitForDiagnostics(uri, (p) => p.version === 1);
    client.open(uri, text);
    const first = await opened;
    expect(first.diagnostics).toHaveLength(limit);
    const [note, ...rest] = first.diagnostics;
    expect(note.code).toBe('not-shown');
    expect(note.severity).toBe(DiagnosticSeverity.Information);
    expect(note.message).toContain(`found ${expected.length} problems`);
    expect(note.message).toContain(`shows ${limit - 1}`);
    // Just opened: the hints nearest the start.
    expect(essentials(rest)).toEqual(chosen(expected, limit, 0));

    // An edit near the end (a letter typed before "says source"): the hints sent are those around it.
    const at = positionOf(text, 'says source', text.length - 600);
    const v = client.change(uri, [{ range: { start: at, end: at }, text: 'x' }]);
    const edited = await client.waitForDiagnostics(uri, (p) => p.version === v);
    const now = reference(client.text(uri));
    expect(essentials(edited.diagnostics.slice(1))).toEqual(chosen(now, limit, at.line));
    const hintLines = edited.diagnostics.filter((d) => d.severity === DiagnosticSeverity.Hint).map((d) => d.range.start.line);
    expect(Math.min(...hintLines)).toBeGreaterThan(first.diagnostics.filter((d) => d.severity === DiagnosticSeverity.Hint).map((d) => d.range.start.line).reduce((a, b) => Math.max(a, b)));
  });

  it('sends 1,000 by default, the note included, also for a long draft checked in parts', async () => {
    const text = longDraft(200);
    expect(text.length).toBeGreaterThan(PARTS_MIN_LENGTH);
    const expected = reference(text);
    expect(expected.length).toBeGreaterThan(1000);
    const { ws, client } = await session({});
    const uri = ws.uri('default.md');
    const done = client.waitForDiagnostics(uri, (p) => p.version === 1 && String(p.diagnostics[0]?.message ?? '').includes(`found ${expected.length.toLocaleString('en-US')} problems`), 60_000);
    client.open(uri, text);
    const final = await done;
    expect(final.diagnostics).toHaveLength(1000);
    expect(essentials(final.diagnostics.slice(1))).toEqual(chosen(expected, 1000, 0));
    expect(client.published.get(uri)!.every((p) => p.diagnostics.length <= 1000)).toBe(true);
  });
});

describe('pull diagnostics', () => {
  it('answers textDocument/diagnostic with a resultId and "unchanged" when nothing changed', async () => {
    const { ws, client } = await session({}, { pull: true });
    const uri = ws.uri('p.md');
    client.open(uri, MIXED);
    const full = await client.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri } });
    expect(full.kind).toBe('full');
    if (full.kind !== 'full') return;
    expect(full.resultId).toBeTruthy();
    expect(loud(full.items)).toEqual(['contradicted-qualifier', 'wrong-date', 'wrong-value']);
    const again = await client.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri }, previousResultId: full.resultId });
    expect(again).toEqual({ kind: 'unchanged', resultId: full.resultId });
    // An edit that moves no diagnostic (text added at the end) is 'unchanged' too.
    const end = positionOf(MIXED, 'January 29.');
    client.change(uri, [{ range: { start: { line: end.line + 1, character: 0 }, end: { line: end.line + 1, character: 0 } }, text: '\nA closing line.\n' }]);
    const tail = await client.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri }, previousResultId: full.resultId });
    expect(tail).toEqual({ kind: 'unchanged', resultId: full.resultId });
    // An edit that changes the findings gives a new result.
    client.change(uri, [{ range: { start: positionOf(MIXED, '$40'), end: { ...positionOf(MIXED, '$40'), character: positionOf(MIXED, '$40').character + 3 } }, text: '$50' }]);
    const after = await client.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri }, previousResultId: full.resultId });
    expect(after.kind).toBe('full');
    if (after.kind === 'full') expect(loud(after.items)).toEqual(['contradicted-qualifier', 'wrong-date']);
    // Nothing is pushed for open documents in pull mode.
    expect(client.published.get(uri) ?? []).toEqual([]);
  });
});

describe('pull diagnostics and cancellation', () => {
  it('honours a cancelled pull request', async () => {
    const { ws, client } = await session({}, { pull: true, settings: { debounce: 10_000 } });
    await client.request('factlint/status', {}); // the facts are loaded
    const uri = ws.uri('cancel.md');
    client.open(uri, MIXED);
    client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'x' }]);
    // The pull waits for 10 s of quiet after the edit; cancelling it ends the wait at once.
    // Cancelled while waiting, and cancelled before the server even dispatched it.
    for (const delay of [50, 0]) {
      const source = new CancellationTokenSource();
      const pending = client.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri } }, source.token);
      if (delay) setTimeout(() => source.cancel(), delay);
      else source.cancel();
      const t0 = Date.now();
      await expect(pending).rejects.toMatchObject({ code: -32800 });
      expect(Date.now() - t0).toBeLessThan(5000);
    }
  });
});

describe('robustness', () => {
  it('checks an untitled buffer against the first folder\'s facts', async () => {
    const { client } = await session({});
    const uri = 'untitled:Untitled-1';
    const got = client.waitForDiagnostics(uri);
    client.open(uri, MIXED);
    expect(loud((await got).diagnostics)).toEqual(['contradicted-qualifier', 'wrong-date', 'wrong-value']);
  });

  it('answers requests for unknown documents and out-of-range positions with null or empty, and keeps serving', async () => {
    const { ws, client } = await session({});
    const unknown = ws.uri('nope.md');
    const pos = { line: 3, character: 4 };
    expect(await client.request('textDocument/hover', { textDocument: { uri: unknown }, position: pos })).toBeNull();
    expect(await client.request('textDocument/definition', { textDocument: { uri: unknown }, position: pos })).toBeNull();
    expect(await client.request('textDocument/references', { textDocument: { uri: unknown }, position: pos, context: { includeDeclaration: true } })).toEqual([]);
    expect(await client.request('textDocument/completion', { textDocument: { uri: unknown }, position: pos })).toBeNull();
    expect(
      await client.request('textDocument/codeAction', { textDocument: { uri: unknown }, range: { start: pos, end: pos }, context: { diagnostics: [] } }),
    ).toEqual([]);
    expect(await client.request('textDocument/diagnostic', { textDocument: { uri: unknown } })).toEqual({ kind: 'full', items: [] });

    const uri = ws.uri('r.md');
    const opened = client.waitForDiagnostics(uri);
    client.open(uri, MIXED);
    await opened;
    for (const position of [{ line: 999, character: 0 }, { line: 2, character: 5000 }, { line: -1, character: -1 }]) {
      expect(await client.request('textDocument/hover', { textDocument: { uri }, position })).toBeNull();
      expect(await client.request('textDocument/definition', { textDocument: { uri }, position })).toBeNull();
    }
    // Malformed params and a change for a document that was never opened do not kill the server.
    await client.request('textDocument/hover', { textDocument: {}, position: null }).catch(() => undefined);
    void client.conn.sendNotification('textDocument/didChange', { textDocument: { uri: ws.uri('ghost.md'), version: 2 }, contentChanges: [{ text: 'x' }] });
    void client.conn.sendNotification('textDocument/didOpen', { textDocument: null });
    const hover = await client.request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri }, position: positionOf(MIXED, '$100 billion') });
    expect(hover?.contents.value).toContain('openai-round-size');
    expect(client.logs.filter((l) => /unhandled rejection|uncaught exception/.test(l))).toEqual([]);
  });

  it('shuts down cleanly in the middle of checking a long draft', async () => {
    const ws = makeWorkspace({});
    cleanups.push(() => ws.dispose());
    const client = await startClient({ server: server.file, workspace: ws.dir, settings: { debounce: 0 } });
    const long = `${MIXED}\n${'Amazon is discussing a $40 billion stake in OpenAI, sources said on January 29.\n\n'.repeat(4000)}`;
    client.open(ws.uri('long.md'), long);
    // Edits and a hover while it checks, then shutdown before the diagnostics come.
    client.change(ws.uri('long.md'), [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'x' }]);
    void client.request('textDocument/hover', { textDocument: { uri: ws.uri('long.md') }, position: { line: 2, character: 25 } }).catch(() => undefined);
    expect(await client.shutdown()).toBe(0);
    expect(client.logs.filter((l) => /unhandled rejection|uncaught exception/.test(l))).toEqual([]);
  });

  it('loads with the code cache made after its first check, and without a usable one', async () => {
    const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'factlint-code-cache-'));
    cleanups.push(() => fs.rmSync(cacheDir, { recursive: true, force: true }));
    const ws = makeWorkspace({});
    cleanups.push(() => ws.dispose());
    const uri = ws.uri('cached.md');
    async function run(): Promise<{ logs: string[]; diagnostics: Diagnostic[] }> {
      const client = await startClient({ server: server.file, workspace: ws.dir, cacheDir });
      try {
        const got = client.waitForDiagnostics(uri);
        client.open(uri, MIXED);
        const { diagnostics } = await got;
        return { logs: client.logs, diagnostics };
      } finally {
        await client.shutdown();
      }
    }
    const caches = () => fs.readdirSync(cacheDir).filter((n) => n.endsWith('.v8cache'));
    const client = await startClient({ server: server.file, workspace: ws.dir, cacheDir });
    cleanups.push(() => client.shutdown());
    const got = client.waitForDiagnostics(uri);
    client.open(uri, MIXED);
    const first = (await got).diagnostics;
    expect(client.logs.some((l) => l.includes('code cache: made later'))).toBe(true);
    await expect.poll(caches, { timeout: 15_000 }).toHaveLength(1);
    const second = await run();
    expect(second.logs.some((l) => l.includes('code cache: used'))).toBe(true);
    expect(second.diagnostics).toEqual(first);
    fs.writeFileSync(path.join(cacheDir, caches()[0]), 'not a code cache');
    const third = await run();
    expect(third.logs.some((l) => l.includes('code cache: rejected'))).toBe(true);
    expect(third.diagnostics).toEqual(first);
  });

  it('leaves a start-up code cache when it shuts down before checking, and the warm one replaces it', async () => {
    const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'factlint-code-cache-'));
    cleanups.push(() => fs.rmSync(cacheDir, { recursive: true, force: true }));
    const ws = makeWorkspace({});
    cleanups.push(() => ws.dispose());
    const caches = () => fs.readdirSync(cacheDir).filter((n) => n.endsWith('.v8cache')).sort();
    // A session that checks nothing: the start-up cache at shutdown.
    const idle = await startClient({ server: server.file, workspace: ws.dir, cacheDir });
    await expect.poll(() => idle.logs.some((l) => l.includes('code cache: made later'))).toBe(true);
    expect(await idle.shutdown()).toBe(0);
    expect(caches()).toHaveLength(1);
    expect(caches()[0]).toMatch(/\.start\.v8cache$/);
    // The next loads it, checks as ever, and writes the warm cache in its place.
    const uri = ws.uri('started.md');
    const client = await startClient({ server: server.file, workspace: ws.dir, cacheDir });
    cleanups.push(() => client.shutdown());
    await expect.poll(() => client.logs.some((l) => l.includes('code cache: used (start-up only)'))).toBe(true);
    const got = client.waitForDiagnostics(uri);
    client.open(uri, MIXED);
    expect((await got).diagnostics.length).toBeGreaterThan(0);
    await expect.poll(caches, { timeout: 15_000 }).toEqual([expect.not.stringMatching(/\.start\./)]);
    expect(await client.shutdown()).toBe(0);
    // A session that loaded the warm cache writes none at shutdown.
    const warm = caches();
    const third = await startClient({ server: server.file, workspace: ws.dir, cacheDir });
    await expect.poll(() => third.logs.some((l) => l.includes('code cache: used') && !l.includes('start-up'))).toBe(true);
    expect(await third.shutdown()).toBe(0);
    expect(caches()).toEqual(warm);
  });

  it('shuts down and exits with code 0', async () => {
    const ws = makeWorkspace({});
    cleanups.push(() => ws.dispose());
    const client = await startClient({ server: server.file, workspace: ws.dir });
    expect(await client.shutdown()).toBe(0);
  });
});
