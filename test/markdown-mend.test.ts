// The build-time mends of micromark (server/build/micromark-mends.mjs): they apply to the
// installed micromark, refuse code they do not know, and give the same events as the original on
// random documents. That it is in force (vitest.config.mts, esbuild.mjs) is tested by
// robust-markdown.test.ts: the paragraphs it makes linear.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, postprocess, preprocess } from 'micromark';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { mendMicromark } from '../server/build/micromark-mends.mjs';

const ROOT = path.resolve(__dirname, '..');
const INITIALIZE = path.join(ROOT, 'node_modules', 'micromark', 'lib', 'initialize');
const TEXT_JS = path.join(INITIALIZE, 'text.js');
const DOCUMENT_JS = path.join(INITIALIZE, 'document.js');
const devOf = (file: string) => file.replace(`${path.sep}lib${path.sep}`, `${path.sep}dev${path.sep}lib${path.sep}`);

/** Events as plain data: enter/exit, type, start and end offsets. */
const SERIALIZE = `(doc) => postprocess(parse({ extensions: [gfmTable(), gfmStrikethrough(), gfmFootnote()] }).document().write(preprocess()(doc, undefined, true)))
  .map(([kind, token]) => [kind, token.type, token.start.offset, token.end.offset])`;

/** The same serialization in this process: micromark as vitest loads it, mended. */
const eventsHere = (doc: string): unknown[] =>
  postprocess(parse({ extensions: [gfmTable(), gfmStrikethrough(), gfmFootnote()] }).document().write(preprocess()(doc, undefined, true))).map(
    ([kind, token]) => [kind, token.type, token.start.offset, token.end.offset],
  );

/** Events of each document from micromark as Node loads it: the original resolver. */
function eventsOriginal(docs: string[]): unknown[][] {
  const script = `
    import { parse, postprocess, preprocess } from 'micromark';
    import { gfmTable } from 'micromark-extension-gfm-table';
    import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
    import { gfmFootnote } from 'micromark-extension-gfm-footnote';
    import { readFileSync } from 'node:fs';
    const serialize = ${SERIALIZE};
    const docs = JSON.parse(readFileSync(0, 'utf8'));
    process.stdout.write(JSON.stringify(docs.map(serialize)));`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, input: JSON.stringify(docs), encoding: 'utf8', maxBuffer: 1 << 28 });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout);
}

describe("micromark's text resolver, mended to run in linear time", () => {
  it('apply to the installed micromark and refuse code they do not know', () => {
    const text = fs.readFileSync(TEXT_JS, 'utf8');
    const mended = mendMicromark(text, TEXT_JS);
    expect(mended).not.toContain('events.splice(enter + 2');
    expect(mended).toContain('events.length = write');
    const document = fs.readFileSync(DOCUMENT_JS, 'utf8');
    const moved = mendMicromark(document, DOCUMENT_JS);
    expect(moved).not.toContain('new EditMap()');
    expect(moved.match(/self\.events\.splice\(indexBeforeFlow \+ 1\)/g)).toHaveLength(2);
    // The development builds (other formatting, `types.data`) are recognised too.
    expect(mendMicromark(fs.readFileSync(devOf(TEXT_JS), 'utf8'), devOf(TEXT_JS))).toContain('events[index][1].type !== types.data');
    expect(mendMicromark(fs.readFileSync(devOf(DOCUMENT_JS), 'utf8'), devOf(DOCUMENT_JS))).not.toContain('new EditMap()');
    // An upgrade that changed the code stops the build, as does a mend applied twice.
    expect(() => mendMicromark(text.replace('index - enter - 2', 'index - enter - 3'), TEXT_JS)).toThrow(/not the one/);
    expect(() => mendMicromark(mended, TEXT_JS)).toThrow(/not the one/);
    expect(() => mendMicromark(document.replace('editMap.consume(self.events);', 'editMap.consume(self.events, 1);'), DOCUMENT_JS)).toThrow(/found 1, expected 2/);
  });

  it('gives the same events as the original on random documents', () => {
    // Lines built from pieces that split text into several data events (characters that may start
    // a construct but do not), constructs that do, and block syntax.
    const piece = fc.constantFrom('a', 'b c', ' ', '\\', '\\*', '&', '&amp;', '&#36;', '<', '<b', '<!--', '-->', '!', '![', '[', ']', '](u)', '*', '_', '~~', '`', '$40bn', '\t', '  ', 'é', '😀');
    const line = fc.array(piece, { maxLength: 12 }).map((p) => p.join(''));
    const start = fc.constantFrom('', '', '', '> ', '- ', '1. ', '1. 1. ', '  - ', '> - ', '# ', '    ', '  ', '| ', '```', '~~~', '[^1]: ');
    const doc = fc.array(fc.tuple(start, line, fc.constantFrom('\n', '\n', '\r\n', '\n\n')), { maxLength: 30 }).map((ls) => ls.map(([s, l, e]) => s + l + e).join(''));
    const docs = fc.sample(doc, { numRuns: 400, seed: 20261123 });
    docs.push(Array.from({ length: 500 }, (_, i) => `a\\b &x <c !d ]e ${i}`).join('\n'));
    // List items that each close a fenced code block, and lazy lines: the document tokenizer's moves.
    docs.push(`- ~~~\n${'1. 1. ~~~\n'.repeat(300)}`, `> a\n${'lazy line\n'.repeat(300)}`, `- a\n  - b\n${'  ```\nx\n'.repeat(100)}- c\n`);
    const original = eventsOriginal(docs);
    docs.forEach((d, i) => expect(eventsHere(d), JSON.stringify(d)).toEqual(original[i]));
  });
});
