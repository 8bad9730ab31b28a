// The CLI and server bundles are pure ASCII. V8 keeps a script's source for as long as the script
// lives (it compiles functions lazily from it), and one character above U+00FF anywhere in the
// ~1 MB bundle makes that a two-byte string: twice the memory, for the life of every server and
// CLI worker. esbuild escapes such characters in strings but not in regular expression literals,
// so a literal "…" in a pattern is enough (write "\u2026").
import * as path from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { nodeBundle } from '../server/build/bundle-options.mjs';

const ROOT = path.resolve(__dirname, '..');

/** Each non-ASCII character of a bundle, with some of the code around it. */
async function nonAscii(entry: string): Promise<string[]> {
  const result = await build({ ...nodeBundle, entryPoints: [path.join(ROOT, entry)], write: false, minify: true, logLevel: 'silent' });
  const text = result.outputFiles[0].text;
  const out: string[] = [];
  for (const m of text.matchAll(/[^\x00-\x7f]/g)) out.push(text.slice(Math.max(0, m.index - 40), m.index + 20));
  return out;
}

describe('bundles', () => {
  it.each(['server/src/lsp/main.ts', 'server/src/lsp/boot.ts', 'server/src/cli/bin.ts'])('%s bundles to ASCII only', async (entry) => {
    expect(await nonAscii(entry)).toEqual([]);
  });
});
