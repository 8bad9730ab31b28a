// Incremental equals from scratch, through the language server (issue 6): random sequences of
// incremental edits (one or several changes per notification, some versions waited for, some
// not) end with the same diagnostics as a fresh open of the final text.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMOJI_CRLF, FOOTNOTES, MIXED } from './fixtures/lsp/drafts.js';
import { buildServer, comparable, makeWorkspace, startClient, type TestClient } from './fixtures/lsp/harness.js';
import { TextDocument } from 'vscode-languageserver-textdocument';

let server: { file: string; dispose: () => void };
let ws: ReturnType<typeof makeWorkspace>;
let client: TestClient;

beforeAll(async () => {
  server = await buildServer();
  ws = makeWorkspace({});
  client = await startClient({ server: server.file, workspace: ws.dir, settings: { debounce: 0 } });
}, 60_000);

afterAll(async () => {
  await client?.shutdown();
  ws?.dispose();
  server?.dispose();
});

/** Pieces of text an edit inserts: figures, markup, line breaks of every kind, emoji. */
const SNIPPETS = [
  '$40 billion', '$50bn', 'up to ', 'more than ', '16,000', '2.1%', 'January 29', '30 January 2026', ' OpenAI ', 'Amazon ',
  '\n', '\r\n', '\n\n', '\n\n# Heading\n\n', '- item $10bn\n', '> quoted $8bn\n', '| a | b |\n| --- | --- |\n| Amazon | $40bn |\n',
  '```\ncode $1bn\n```\n', '<!-- factlint-disable-next-line -->\n', '[^openai-round-valuation]', '**', '*', '`', '🚀', '👩‍💻', '\t', 'é', '',
];

const BASE = [MIXED, EMOJI_CRLF, FOOTNOTES, `${MIXED}\n${'Filler prose about the cloud business, with nothing to check.\n\n'.repeat(120)}${EMOJI_CRLF}`];

interface Edit {
  /** Where, as fractions of the current text's length. */
  at: number;
  del: number;
  text: string;
}

const edit = fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), del: fc.integer({ min: 0, max: 40 }), text: fc.constantFrom(...SNIPPETS) });
const step = fc.record({ changes: fc.array(edit, { minLength: 1, maxLength: 3 }), wait: fc.boolean() });

let run = 0;

describe('incremental edits through the language server', () => {
  it('end with the diagnostics of a fresh open of the final text', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...BASE), fc.array(step, { minLength: 1, maxLength: 12 }), async (base, steps) => {
        const uri = ws.uri(`edited-${run}.md`);
        const freshUri = ws.uri(`fresh-${run}.md`);
        run++;
        const opened = client.waitForDiagnostics(uri, (p) => p.version === 1);
        client.open(uri, base);
        await opened;
        let version = 1;
        let waited = true;
        for (const s of steps) {
          // Each change's range is in the text as left by the changes before it (LSP order).
          const doc = TextDocument.create(uri, 'markdown', 0, client.text(uri));
          const changes = s.changes.map((e: Edit) => {
            const text = doc.getText();
            const start = Math.min(text.length, Math.floor(e.at * text.length));
            const end = Math.min(text.length, start + e.del);
            const range = { start: doc.positionAt(start), end: doc.positionAt(end) };
            TextDocument.update(doc, [{ range, text: e.text }], doc.version + 1);
            return { range, text: e.text };
          });
          version = client.change(uri, changes);
          waited = s.wait;
          if (s.wait) await client.waitForDiagnostics(uri, (p) => p.version === version);
        }
        if (!waited) await client.waitForDiagnostics(uri, (p) => p.version === version);
        const last = client.published.get(uri)!.at(-1)!;
        expect(last.version).toBe(version);
        const fresh = client.waitForDiagnostics(freshUri, (p) => p.version === 1);
        client.open(freshUri, client.text(uri));
        const expected = await fresh;
        client.close(uri);
        client.close(freshUri);
        expect(comparable(last.diagnostics)).toEqual(comparable(expected.diagnostics));
      }),
      { numRuns: 100 },
    );
  }, 240_000);
});
