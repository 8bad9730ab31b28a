// Facts in the language server: which facts apply (config, workspace facts files, settings,
// bundled), live reload from the editor buffer and from disk, broken facts files (problems in the
// facts file, last good facts kept), the status request and notification, and checking the workspace.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import type { FactsStatus } from '../server/src/lsp/protocol.js';
import { buildServer, makeWorkspace, positionOf, startClient, uriOf } from './fixtures/lsp/harness.js';

const FACTS = fs.readFileSync(path.join(__dirname, 'fixtures', 'lsp', 'tidewater.facts.yaml'), 'utf8');
const DRAFT = 'Harbor Capital could invest up to $700 million in Tidewater.\n\nTidewater employs 2,400 people.\n';

let server: { file: string; dispose: () => void };
beforeAll(async () => {
  server = await buildServer();
});
afterAll(() => server?.dispose());

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function session(files: Record<string, string>, opts: { settings?: Record<string, unknown>; pull?: boolean; initializationOptions?: unknown; cacheDir?: string } = {}) {
  const ws = makeWorkspace(files);
  const client = await startClient({ server: server.file, workspace: ws.dir, ...opts });
  cleanups.push(() => ws.dispose());
  cleanups.push(() => client.shutdown());
  return { ws, client };
}

const codes = (ds: Diagnostic[]) => ds.map((d) => d.code).sort();

/** The range of the first `needle` in `text`. */
function rangeOf(text: string, needle: string) {
  const start = positionOf(text, needle);
  const lines = needle.split('\n');
  const end = lines.length === 1 ? { line: start.line, character: start.character + needle.length } : { line: start.line + lines.length - 1, character: lines[lines.length - 1].length };
  return { start, end };
}

describe('which facts apply', () => {
  it('uses a facts file found in the workspace, and reports it in factlint/status', async () => {
    const { ws, client } = await session({ 'data/tidewater.facts.yaml': FACTS });
    const uri = ws.uri('draft.md');
    const got = client.waitForDiagnostics(uri);
    client.open(uri, DRAFT);
    const { diagnostics } = await got;
    expect(codes(diagnostics)).toEqual(['wrong-value']);
    // The figure leads to its fact in that facts file (go-to-definition; the message quotes the
    // fact's statement, so the diagnostic has no related information repeating it).
    const def = await client.request<{ uri: string; range: { start: unknown } } | null>('textDocument/definition', { textDocument: { uri }, position: diagnostics[0].range.start });
    expect(def?.uri).toBe(ws.uri('data/tidewater.facts.yaml'));
    expect(def?.range.start).toEqual(positionOf(FACTS, 'harbor-tidewater-investment'));
    const status = await client.request<FactsStatus>('factlint/status', { uri });
    expect(status).toEqual({ facts: 2, factsFiles: [ws.file('data/tidewater.facts.yaml')], problems: 0, usingBundled: false, lastGoodInForce: false });
  });

  it('reads no workspace facts in an untrusted workspace: only the bundled facts apply', async () => {
    const { client } = await session({ 'data/tidewater.facts.yaml': FACTS }, { initializationOptions: { workspaceTrusted: false } });
    const status = await client.request<FactsStatus>('factlint/status', {});
    expect(status.usingBundled).toBe(true);
    expect(status.factsFiles.map((f) => path.basename(f))).toEqual(['amazon-openai.facts.yaml']);
  });

  it('uses the bundled facts with no config and no facts file, and says so', async () => {
    const { client } = await session({});
    const status = await client.request<FactsStatus>('factlint/status', {});
    expect(status.usingBundled).toBe(true);
    expect(status.facts).toBeGreaterThan(20);
    expect(status.factsFiles.map((f) => path.basename(f))).toEqual(['amazon-openai.facts.yaml']);
  });

  it('follows the config file (facts paths, rules) and reports its problems in the config file', async () => {
    const config = 'facts: [facts/tidewater.facts.yaml]\nrules:\n  wrong-value: warning\n';
    const { ws, client } = await session({ 'facts/tidewater.facts.yaml': FACTS, 'other/unused.facts.yaml': 'version: 1\n', '.factlintrc.yaml': config });
    const uri = ws.uri('sub/draft.md');
    const first = client.waitForDiagnostics(uri);
    client.open(uri, DRAFT);
    const { diagnostics } = await first;
    expect(codes(diagnostics)).toEqual(['wrong-value']);
    expect(diagnostics[0].severity).toBe(DiagnosticSeverity.Warning);
    expect((await client.request<FactsStatus>('factlint/status', { uri })).factsFiles).toEqual([ws.file('facts/tidewater.facts.yaml')]);

    // The config changes on disk: a typo in a rule code is reported in the config file.
    fs.writeFileSync(ws.file('.factlintrc.yaml'), config.replace('wrong-value', 'wrong-valu'));
    const problems = client.waitForDiagnostics(ws.uri('.factlintrc.yaml'), (p) => p.diagnostics.length > 0);
    const rechecked = client.waitForDiagnostics(uri, (p) => p.diagnostics.length === 0);
    void client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: ws.uri('.factlintrc.yaml'), type: 2 }] });
    const [problem] = (await problems).diagnostics;
    expect(problem.message).toContain('unknown rule "wrong-valu"');
    expect(problem.range.start.line).toBe(2);
    // A broken config names no facts: the workspace's facts files apply, and the broken one breaks them.
    await rechecked;
    expect((await client.request<FactsStatus>('factlint/status', { uri })).factsFiles).toHaveLength(2);
  });

  it('takes facts paths from settings, and refuses paths outside the workspace folder', async () => {
    const outside = makeWorkspace({ 'evil.facts.yaml': FACTS });
    cleanups.push(() => outside.dispose());
    const { ws, client } = await session(
      { 'mine/tidewater.facts.yaml': FACTS },
      { settings: { facts: ['mine/tidewater.facts.yaml', outside.file('evil.facts.yaml'), '../x.facts.yaml'] } },
    );
    const status = await client.request<FactsStatus>('factlint/status', { uri: ws.uri('d.md') });
    expect(status.factsFiles).toEqual([ws.file('mine/tidewater.facts.yaml')]);
    expect(client.logs.filter((l) => l.includes('outside the workspace folder')).length).toBe(2);
  });

  it('takes a facts path outside the workspace folder when the user allows it', async () => {
    const shared = makeWorkspace({ 'desk.facts.yaml': FACTS });
    cleanups.push(() => shared.dispose());
    const { ws, client } = await session({}, { settings: { facts: [shared.file('desk.facts.yaml')], allowFactsOutsideWorkspace: true } });
    const status = await client.request<FactsStatus>('factlint/status', { uri: ws.uri('d.md') });
    expect(status.factsFiles).toEqual([shared.file('desk.facts.yaml')]);
    expect(client.logs.filter((l) => l.includes('outside the workspace folder'))).toEqual([]);
    const diags = client.waitForDiagnostics(ws.uri('d.md'));
    client.open(ws.uri('d.md'), DRAFT);
    expect(codes((await diags).diagnostics)).toEqual(['wrong-value']);
  });

  it('gives each workspace folder its own facts (multi-root)', async () => {
    const a = makeWorkspace({ 'tidewater.facts.yaml': FACTS });
    const b = makeWorkspace({ 'tidewater.facts.yaml': FACTS.replace(/900000000/g, '700000000').replace('$900 million', '$700 million') });
    cleanups.push(() => a.dispose(), () => b.dispose());
    const client = await startClient({ server: server.file, folders: [a.dir, b.dir] });
    cleanups.push(() => client.shutdown());
    const pa = client.waitForDiagnostics(a.uri('d.md'));
    const pb = client.waitForDiagnostics(b.uri('d.md'));
    client.open(a.uri('d.md'), DRAFT);
    client.open(b.uri('d.md'), DRAFT);
    expect(codes((await pa).diagnostics)).toEqual(['wrong-value']);
    expect(codes((await pb).diagnostics)).toEqual([]);
  });
});

describe('live facts', () => {
  it('reloads when the facts document is edited (unsaved) and re-checks the open drafts', async () => {
    const { ws, client } = await session({ 'tidewater.facts.yaml': FACTS });
    const draft = ws.uri('draft.md');
    const facts = ws.uri('tidewater.facts.yaml');
    const first = client.waitForDiagnostics(draft);
    client.open(draft, DRAFT);
    expect(codes((await first).diagnostics)).toEqual(['wrong-value']);
    client.open(facts, FACTS, 'yaml');
    const rechecked = client.waitForDiagnostics(draft, (p) => p.diagnostics.length === 0);
    const status = client.waitForNotification<FactsStatus>('factlint/statusChanged', (s) => s.facts === 2 && !s.lastGoodInForce);
    client.change(facts, [{ range: rangeOf(FACTS, '{amount: 900000000'), text: '{amount: 700000000' }]);
    await rechecked;
    await status;
    // Nothing was written to disk.
    expect(fs.readFileSync(ws.file('tidewater.facts.yaml'), 'utf8')).toBe(FACTS);
  });

  it('reports a broken facts file in the facts file and keeps the last good facts for the drafts', async () => {
    const { ws, client } = await session({ 'tidewater.facts.yaml': FACTS });
    const draft = ws.uri('draft.md');
    const facts = ws.uri('tidewater.facts.yaml');
    const first = client.waitForDiagnostics(draft);
    client.open(draft, DRAFT);
    const good = (await first).diagnostics;
    client.open(facts, FACTS, 'yaml');

    // A schema error: an unknown kind on the second fact.
    const broken = FACTS.replace('kind: count', 'kind: headcount');
    const problems = client.waitForDiagnostics(facts, (p) => p.diagnostics.length > 0);
    const status = client.waitForNotification<FactsStatus>('factlint/statusChanged', (s) => s.lastGoodInForce);
    client.change(facts, [{ range: rangeOf(FACTS, 'kind: count'), text: 'kind: headcount' }]);
    const { diagnostics } = await problems;
    const error = diagnostics.find((d) => d.severity === DiagnosticSeverity.Error)!;
    expect(error.range.start.line).toBe(positionOf(broken, 'headcount').line);
    expect(error.source).toBe('factlint');
    expect(await status).toMatchObject({ lastGoodInForce: true, facts: 2, problems: diagnostics.length });
    expect(client.logs.some((l) => l.includes('last good facts'))).toBe(true);

    // The draft is still checked against the last good facts, also after an edit.
    const v = client.change(draft, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'Intro.\n\n' }]);
    const after = await client.waitForDiagnostics(draft, (p) => p.version === v);
    expect(codes(after.diagnostics)).toEqual(codes(good));

    // A YAML syntax error, reported at its line.
    const syntaxText = client.text(facts).replace('  - id: tidewater-staff', '  - id: [tidewater-staff');
    const syntax = client.waitForDiagnostics(facts, (p) => p.diagnostics.some((d) => /yaml|flow|collection|bracket/i.test(d.message + String(d.code))));
    client.change(facts, [{ text: syntaxText }]);
    const syntaxProblem = (await syntax).diagnostics[0];
    expect(syntaxProblem.range.start.line).toBeGreaterThanOrEqual(positionOf(syntaxText, '[tidewater-staff').line);

    // Fixed: the problems go away and the facts are in force again.
    const cleared = client.waitForDiagnostics(facts, (p) => p.diagnostics.length === 0);
    const ok = client.waitForNotification<FactsStatus>('factlint/statusChanged', (s) => !s.lastGoodInForce && s.problems === 0);
    client.change(facts, [{ text: FACTS }]);
    await cleared;
    await ok;
  });

  it('reloads facts changed on disk (workspace/didChangeWatchedFiles) when the file is not open', async () => {
    const { ws, client } = await session({ 'tidewater.facts.yaml': FACTS });
    const draft = ws.uri('draft.md');
    const first = client.waitForDiagnostics(draft);
    client.open(draft, DRAFT);
    expect(codes((await first).diagnostics)).toEqual(['wrong-value']);
    fs.writeFileSync(ws.file('tidewater.facts.yaml'), FACTS.replace('{amount: 900000000', '{amount: 700000000'));
    const rechecked = client.waitForDiagnostics(draft, (p) => p.diagnostics.length === 0);
    void client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: ws.uri('tidewater.facts.yaml'), type: 2 }] });
    await rechecked;
  });

  it('with no good facts at all, checks nothing and keeps serving', async () => {
    const { ws, client } = await session({ 'bad.facts.yaml': 'version: 1\nfacts: [\n' });
    const draft = ws.uri('draft.md');
    const factsProblems = client.waitForDiagnostics(ws.uri('bad.facts.yaml'), (p) => p.diagnostics.length > 0);
    client.open(draft, DRAFT);
    await factsProblems;
    const status = await client.request<FactsStatus>('factlint/status', { uri: draft });
    expect(status).toMatchObject({ facts: 0, lastGoodInForce: false, usingBundled: false });
    expect(await client.request('textDocument/hover', { textDocument: { uri: draft }, position: { line: 0, character: 35 } })).toBeNull();
  });
});

describe('pull mode and facts', () => {
  it('answers pulls for an open facts file with its problems, and asks for a refresh when facts reload', async () => {
    const { ws, client } = await session({ 'tidewater.facts.yaml': FACTS }, { pull: true });
    const draft = ws.uri('draft.md');
    const facts = ws.uri('tidewater.facts.yaml');
    client.open(draft, DRAFT);
    const before = await client.request<{ kind: string; items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri: draft } });
    expect(codes(before.items)).toEqual(['wrong-value']);
    client.open(facts, FACTS, 'yaml');
    const refreshesBefore = client.refreshes;
    client.change(facts, [{ range: rangeOf(FACTS, 'kind: count'), text: 'kind: headcount' }]);
    const start = Date.now();
    while (client.refreshes === refreshesBefore && Date.now() - start < 3000) await new Promise((r) => setTimeout(r, 10));
    expect(client.refreshes).toBeGreaterThan(refreshesBefore);
    const pulled = await client.request<{ kind: string; items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri: facts } });
    expect(pulled.items.some((d) => d.severity === DiagnosticSeverity.Error)).toBe(true);
    // Nothing pushed for the open facts file.
    expect((client.published.get(facts) ?? []).every((p) => p.diagnostics.length === 0)).toBe(true);
  });
});

describe('factlint.checkWorkspace', () => {
  it('checks every draft of the workspace and publishes their diagnostics', async () => {
    const { ws, client } = await session({
      'tidewater.facts.yaml': FACTS,
      'a.md': DRAFT,
      'notes/b.markdown': 'Tidewater employs 2,100 people.\n',
      'clean.md': 'Nothing to see.\n',
      'node_modules/x/readme.md': DRAFT,
      '.cache/c.md': DRAFT,
    });
    const a = client.waitForDiagnostics(ws.uri('a.md'));
    const b = client.waitForDiagnostics(ws.uri('notes/b.markdown'));
    const result = await client.request<{ files: number; diagnostics: number }>('workspace/executeCommand', { command: 'factlint.checkWorkspace', arguments: [] });
    expect(result).toEqual({ files: 3, diagnostics: 2, skipped: 0 });
    expect(codes((await a).diagnostics)).toEqual(['wrong-value']);
    expect(codes((await b).diagnostics)).toEqual(['wrong-value']);
    expect(client.published.has(uriOf(ws.file('node_modules/x/readme.md')))).toBe(false);
    expect(client.published.has(uriOf(ws.file('.cache/c.md')))).toBe(false);
  });
});

describe('facts remembered between sessions', () => {
  it('reads back facts that loaded without a problem; a changed facts file is parsed again', async () => {
    const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'factlint-cache-'));
    cleanups.push(() => fs.rmSync(cacheDir, { recursive: true, force: true }));
    const ws = makeWorkspace({ 'data/tidewater.facts.yaml': FACTS });
    cleanups.push(() => ws.dispose());
    const uri = ws.uri('draft.md');
    const entries = () => fs.readdirSync(cacheDir).filter((n) => n.endsWith('.json'));
    /** The draft's diagnostics in a new session, which ends once the cache holds `expected` entries. */
    async function diagnosticsOnce(expected: number): Promise<Diagnostic[]> {
      const client = await startClient({ server: server.file, workspace: ws.dir, cacheDir });
      try {
        const got = client.waitForDiagnostics(uri);
        client.open(uri, DRAFT);
        const { diagnostics } = await got;
        // Entries are written in the background.
        await expect.poll(entries, { timeout: 15_000 }).toHaveLength(expected);
        return diagnostics;
      } finally {
        await client.shutdown();
      }
    }
    const first = await diagnosticsOnce(1);
    expect(codes(first)).toEqual(['wrong-value']);
    // The next session reads the entry: one altered by hand shows.
    const file = path.join(cacheDir, entries()[0]);
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('"amount":900000000', '"amount":700000000'));
    expect(await diagnosticsOnce(1)).toEqual([]);
    // The facts file changed: parsed again, and remembered under another key.
    fs.writeFileSync(ws.file('data/tidewater.facts.yaml'), FACTS.replace('amount: 900000000', 'amount: 800000000'));
    const third = await diagnosticsOnce(2);
    expect(codes(third)).toEqual(['wrong-value']);
    expect(third[0].message).toContain('$800 million');
  });

  it('does not remember facts with problems', async () => {
    const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'factlint-cache-'));
    cleanups.push(() => fs.rmSync(cacheDir, { recursive: true, force: true }));
    const broken = FACTS.replace('statement: "Tidewater Grid employs 2,400 people."', 'statement: 42');
    const { ws, client } = await session({ 'data/tidewater.facts.yaml': broken }, { cacheDir });
    const got = client.waitForDiagnostics(ws.uri('data/tidewater.facts.yaml'));
    client.open(ws.uri('draft.md'), DRAFT);
    expect((await got).diagnostics.length).toBeGreaterThan(0);
    await client.request('factlint/status', {});
    expect(fs.readdirSync(cacheDir)).toEqual([]);
  });
});
