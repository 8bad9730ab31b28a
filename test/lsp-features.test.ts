// Hover, code actions, go to definition, find references and completion over a real connection.
import * as fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CodeAction, CompletionList, Diagnostic, Hover, Location } from 'vscode-languageserver/node';
import { FOOTNOTES, MIXED } from './fixtures/lsp/drafts.js';
import { buildServer, makeWorkspace, positionOf, startClient, uriOf, type TestClient } from './fixtures/lsp/harness.js';

let server: { file: string; dispose: () => void };
let ws: ReturnType<typeof makeWorkspace>;
let client: TestClient;
let factsUri: string;
let factsLines: string[];

const TWO = [
  '# Second draft',
  '',
  'Its backers hope OpenAI can raise up to $100 billion this time.',
  '',
  'The company wants $100 billion[^openai-round-size] from investors.',
  '',
].join('\n');

beforeAll(async () => {
  server = await buildServer();
  ws = makeWorkspace({ 'drafts/two.md': TWO, 'node_modules/pkg/readme.md': TWO, '.hidden/x.md': TWO });
  client = await startClient({ server: server.file, workspace: ws.dir });
  const factsFile = server.file.replace(/dist[\\/]server\.js$/, 'facts/amazon-openai.facts.yaml');
  factsUri = uriOf(factsFile);
  factsLines = fs.readFileSync(factsFile, 'utf8').split('\n');
});
afterAll(async () => {
  await client?.shutdown();
  ws?.dispose();
  server?.dispose();
});

let n = 0;
/** Opens a fresh draft and waits for its first diagnostics. */
async function openDraft(text: string): Promise<{ uri: string; diagnostics: Diagnostic[] }> {
  const uri = ws.uri(`draft-${++n}.md`);
  const got = client.waitForDiagnostics(uri, (p) => p.version === 1);
  client.open(uri, text);
  return { uri, diagnostics: (await got).diagnostics };
}

/** The facts file line (0-based) of a fact's `- id:`. */
function idLine(id: string): number {
  return factsLines.findIndex((l) => l.trim() === `- id: ${id}`);
}

const unescape = (s: string) => s.replace(/\\([\\`*_[\]<>#|~])/g, '$1');

describe('hover', () => {
  it('shows the statement, sourced values, sources with quotes, status and a link on a bound figure', async () => {
    const { uri } = await openDraft(MIXED);
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: positionOf(MIXED, '100 billion') });
    const md = (hover.contents as { kind: string; value: string });
    expect(md.kind).toBe('markdown');
    const text = unescape(md.value);
    expect(text).toContain('openai-round-size');
    expect(text).toContain("OpenAI's current fundraising aims to bring in as much as $100 billion.");
    expect(text).toContain('status: proposed');
    expect(text).toContain('up to $100 billion');
    expect(text).toContain('Amazon in Talks to Invest Up to $50 Billion in OpenAI as AI Race Intensifies');
    expect(text).toContain('David Kim, AI & Quantum Computing Editor · 2026-01-30');
    expect(text).toContain('“OpenAI is seeking to raise up to $100 billion in total funding”');
    expect(md.value).toContain(`(${factsUri}#L${idLine('openai-round-size') + 1})`);
    // The hover covers the figure.
    const at = positionOf(MIXED, '$100 billion');
    expect(hover.range).toEqual({ start: at, end: { line: at.line, character: at.character + '$100 billion'.length } });
  });

  it('lists every variant of a disputed fact', async () => {
    const { uri } = await openDraft(MIXED);
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: positionOf(MIXED, '$40 billion') });
    const text = unescape((hover.contents as { value: string }).value);
    expect(text).toContain('sources disagree');
    expect(text).toContain('The sources give 3 versions');
    for (const v of ['up to $50 billion', 'at least $50 billion', '**$50 billion**']) expect(text).toContain(v);
  });

  it('works on a [^fact-id] reference, with the period of a fact that has one', async () => {
    const draft = `${FOOTNOTES}\nThe deal should close soon[^amazon-openai-deal-close].\n`;
    const { uri } = await openDraft(draft);
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: positionOf(draft, 'openai-round-valuation]') });
    expect(unescape((hover.contents as { value: string }).value)).toContain("The new round would put OpenAI's worth at roughly $830 billion.");
    const timed = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: positionOf(draft, 'amazon-openai-deal-close') });
    const text = unescape((timed.contents as { value: string }).value);
    expect(text).toContain('**When:** by the end of Q1 2026');
    expect(text).toContain('status: forecast');
  });

  it('is null away from figures', async () => {
    const { uri } = await openDraft(MIXED);
    expect(await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 2 } })).toBeNull();
  });
});

describe('code actions', () => {
  async function actionsFor(uri: string, d: Diagnostic | undefined, range = d!.range, only?: string[]): Promise<CodeAction[]> {
    return client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: d ? [d] : [], ...(only ? { only } : {}) } });
  }

  it('replaces a wrong figure with the sourced one (preferred quick fix)', async () => {
    const { uri, diagnostics } = await openDraft(MIXED);
    const d = diagnostics.find((x) => x.code === 'wrong-value')!;
    const fix = (await actionsFor(uri, d)).find((a) => a.title === 'Replace with $50 billion');
    expect(fix).toMatchObject({ kind: 'quickfix', isPreferred: true });
    expect(client.applyEdit(uri, fix!.edit)).toBe(MIXED.replace('$40 billion', '$50 billion'));
  });

  it('fixes the qualifier together with the figure', async () => {
    const { uri, diagnostics } = await openDraft(MIXED);
    const d = diagnostics.find((x) => x.code === 'contradicted-qualifier')!;
    const fix = (await actionsFor(uri, d)).find((a) => a.isPreferred);
    expect(client.applyEdit(uri, fix!.edit)).toBe(MIXED.replace('more than $10 billion', 'less than $10 billion'));
  });

  it('binds a figure to its fact: [^id] after it and a footnote citing the sources', async () => {
    const { uri, diagnostics } = await openDraft(MIXED);
    const d = diagnostics.find((x) => x.code === 'wrong-value')!;
    const bind = (await actionsFor(uri, d)).find((a) => a.title.startsWith('Bind $40 billion to fact amazon-openai-investment'));
    expect(bind?.kind).toBe('quickfix');
    const text = client.applyEdit(uri, bind!.edit);
    expect(text).toContain('a $40 billion[^amazon-openai-investment] stake');
    const def = text.split('\n').find((l) => l.startsWith('[^amazon-openai-investment]: '))!;
    expect(def).toContain('Amazon is negotiating to put about $50 billion into OpenAI; nothing has been agreed yet. Sources: ');
    expect(def).toContain('Amazon in Talks to Invest Up to $50 Billion in OpenAI as AI Race Intensifies (David Kim, AI & Quantum Computing Editor, 2026-01-30)');
    expect(text.endsWith('\n')).toBe(true);
    expect(text.startsWith(MIXED)).toBe(false);
  });

  it('offers to bind a correct figure under the cursor, and the bound draft checks the same', async () => {
    const draft = '# Jobs\n\nAmazon cut 16,000 corporate jobs in January.\n';
    const { uri, diagnostics } = await openDraft(draft);
    expect(diagnostics).toEqual([]);
    const at = positionOf(draft, '000');
    const actions = await actionsFor(uri, undefined, { start: at, end: at });
    const bind = actions.find((a) => a.title.startsWith('Bind 16,000 to fact amazon-layoffs'));
    expect(bind?.kind).toBe('refactor.rewrite');
    const text = client.applyEdit(uri, bind!.edit);
    expect(text).toMatch(/^# Jobs\n\nAmazon cut 16,000\[\^amazon-layoffs\] corporate jobs in January\.\n\n\[\^amazon-layoffs\]: Amazon eliminated 16,000 corporate jobs in January 2026\. Sources: .+\.\n$/);
    // The server sees the edit: the figure is now bound explicitly and the draft has no errors.
    // (Only the prose above the footnote is compared: the engine also reads the footnote's own
    // text, whose statement and source titles hold figures.)
    const v = client.change(uri, [{ text }]);
    const after = await client.waitForDiagnostics(uri, (p) => p.version === v);
    const defLine = positionOf(text, '[^amazon-layoffs]:').line;
    expect(after.diagnostics.filter((x) => x.range.start.line < defLine)).toEqual([]);
    // An explicitly bound figure is not offered again.
    const again = await actionsFor(uri, undefined, { start: positionOf(text, '000'), end: positionOf(text, '000') });
    expect(again.some((a) => a.title.startsWith('Bind 16,000'))).toBe(false);
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: positionOf(text, '000') });
    expect((hover.contents as { value: string }).value).toContain('amazon-layoffs');
  });

  it('reuses an existing footnote definition instead of adding another', async () => {
    const draft = 'The round would value OpenAI at about $830 billion.\n\n[^openai-round-valuation]: Our own note.\n';
    const { uri } = await openDraft(draft);
    const at = positionOf(draft, '830');
    const bind = (await actionsFor(uri, undefined, { start: at, end: at })).find((a) => a.title.startsWith('Bind'));
    expect(client.applyEdit(uri, bind!.edit)).toBe(draft.replace('$830 billion.', '$830 billion[^openai-round-valuation].'));
  });

  it('disables factlint for one line with a comment above it', async () => {
    const { uri, diagnostics } = await openDraft(MIXED);
    const d = diagnostics.find((x) => x.code === 'wrong-date')!;
    const disable = (await actionsFor(uri, d)).find((a) => a.title === 'Disable factlint wrong-date for this line');
    const text = client.applyEdit(uri, disable!.edit);
    expect(text).toContain('\n<!-- factlint-disable-next-line wrong-date -->\nAmazon announced 16,000 job cuts on January 29.');
    const v = client.change(uri, [{ text }]);
    const after = await client.waitForDiagnostics(uri, (p) => p.version === v);
    expect(after.diagnostics.filter((x) => x.code === 'wrong-date')).toEqual([]);
    expect(after.diagnostics.map((x) => x.code)).toEqual(expect.arrayContaining(['contradicted-qualifier', 'wrong-value']));
  });

  it('fixes everything at once with source.fixAll.factlint', async () => {
    const { uri } = await openDraft(MIXED);
    const all = await actionsFor(uri, undefined, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, ['source.fixAll.factlint']);
    expect(all).toHaveLength(1);
    expect(all[0].kind).toBe('source.fixAll.factlint');
    const text = client.applyEdit(uri, all[0].edit);
    expect(text).toBe(MIXED.replace('$40 billion', '$50 billion').replace('more than $10 billion', 'less than $10 billion').replace('January 29', 'January 28'));
    const v = client.change(uri, [{ text }]);
    const after = await client.waitForDiagnostics(uri, (p) => p.version === v);
    expect(after.diagnostics.filter((x) => x.severity === 1 || x.severity === 2)).toEqual([]);
  });

  it('finds the finding of a diagnostic the editor moved with later edits, and offers nothing for a stale one', async () => {
    const { uri, diagnostics } = await openDraft(MIXED);
    const d = diagnostics.find((x) => x.code === 'wrong-value')!;
    // Two lines added above: the editor shows the diagnostic two lines lower until the next publish.
    const v = client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'A new first line.\n\n' }]);
    const moved = { ...d, range: { start: { ...d.range.start, line: d.range.start.line + 2 }, end: { ...d.range.end, line: d.range.end.line + 2 } } };
    const fix = (await actionsFor(uri, moved)).find((a) => a.isPreferred);
    expect(fix?.title).toBe('Replace with $50 billion');
    expect(client.applyEdit(uri, fix!.edit)).toBe(`A new first line.\n\n${MIXED.replace('$40 billion', '$50 billion')}`);
    // The figure itself edited: the old diagnostic stands for nothing now.
    const text = client.text(uri);
    const at = positionOf(text, '$40 billion');
    client.change(uri, [{ range: { start: at, end: { ...at, character: at.character + 3 } }, text: '$50' }]);
    await client.waitForDiagnostics(uri, (p) => p.version === v + 1);
    // (The range now holds a correct figure: binding it is offered, as for any range.)
    expect((await actionsFor(uri, moved)).filter((a) => a.kind === 'quickfix')).toEqual([]);
  });

  it('fixes a mistyped fact id', async () => {
    const { uri, diagnostics } = await openDraft(FOOTNOTES);
    const d = diagnostics.find((x) => x.code === 'unknown-fact')!;
    const fix = (await actionsFor(uri, d)).find((a) => a.isPreferred);
    expect(fix?.title).toBe('Change to [^amazon-openai-investment]');
    expect(client.applyEdit(uri, fix!.edit)).toBe(FOOTNOTES.replace('investmnt', 'investment'));
  });
});

describe('navigation', () => {
  it('goes from a figure and from a [^id] to the fact in the facts file', async () => {
    const { uri } = await openDraft(`${MIXED}\nAt about $830 billion[^openai-round-valuation], says one report.\n`);
    const text = client.text(uri);
    const fromFigure = await client.request<Location>('textDocument/definition', { textDocument: { uri }, position: positionOf(text, '$100 billion') });
    const line = idLine('openai-round-size');
    expect(fromFigure).toEqual({ uri: factsUri, range: { start: { line, character: 8 }, end: { line, character: 8 + 'openai-round-size'.length } } });
    const fromRef = await client.request<Location>('textDocument/definition', { textDocument: { uri }, position: positionOf(text, 'round-valuation]') });
    expect(fromRef.range.start.line).toBe(idLine('openai-round-valuation'));
  });

  it('finds references of a fact across the drafts of the workspace (open and on disk)', async () => {
    const { uri } = await openDraft(MIXED);
    const refs = await client.request<Location[]>('textDocument/references', {
      textDocument: { uri },
      position: positionOf(MIXED, '$100 billion'),
      context: { includeDeclaration: true },
    });
    const two = ws.uri('drafts/two.md');
    const summary = refs.map((r) => `${r.uri === factsUri ? 'facts' : r.uri === two ? 'two' : r.uri === uri ? 'open' : r.uri}:${r.range.start.line}:${r.range.start.character}`);
    expect(summary[0]).toBe(`facts:${idLine('openai-round-size')}:8`);
    expect(summary).toContain(`open:${positionOf(MIXED, '$100 billion').line}:${positionOf(MIXED, '$100 billion').character}`);
    // Both figures of two.md and its [^openai-round-size].
    expect(summary).toContain(`two:${positionOf(TWO, '$100 billion').line}:${positionOf(TWO, '$100 billion').character}`);
    expect(summary).toContain(`two:${positionOf(TWO, '$100 billion[').line}:${positionOf(TWO, '$100 billion[').character}`);
    expect(summary).toContain(`two:${positionOf(TWO, '[^openai').line}:${positionOf(TWO, '[^openai').character}`);
    // Not from node_modules or dot-folders.
    expect(refs.some((r) => r.uri.includes('node_modules') || r.uri.includes('.hidden'))).toBe(false);
    // Another draft with the same figure open in the editor counts with its buffer.
    const { uri: other } = await openDraft('Nothing here.\n');
    const again = await client.request<Location[]>('textDocument/references', { textDocument: { uri }, position: positionOf(MIXED, '$100 billion'), context: { includeDeclaration: false } });
    expect(again.some((r) => r.uri === factsUri)).toBe(false);
    expect(again.filter((r) => r.uri === other)).toEqual([]);
  });
});

describe('completion', () => {
  it('completes fact ids after [^ with the sourced figure and the statement', async () => {
    const draft = 'OpenAI may raise up to $100 billion[^openai-ro';
    const { uri } = await openDraft(draft);
    const list = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: { line: 0, character: draft.length } });
    const item = list.items.find((i) => i.label === 'openai-round-size')!;
    expect(item.detail).toBe('up to $100 billion | $100 billion');
    expect(item.documentation).toEqual({ kind: 'plaintext', value: "OpenAI's current fundraising aims to bring in as much as $100 billion." });
    expect(item.textEdit).toEqual({ range: { start: { line: 0, character: draft.length - 'openai-ro'.length }, end: { line: 0, character: draft.length } }, newText: 'openai-round-size]' });
    expect(list.items.length).toBeGreaterThan(20);
    // Nothing outside a footnote reference.
    expect(await client.request('textDocument/completion', { textDocument: { uri }, position: { line: 0, character: 5 } })).toBeNull();
  });
});
