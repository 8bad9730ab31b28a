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
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import { frontmatter } from 'micromark-extension-frontmatter';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { mendMicromark } from '../server/build/micromark-mends.mjs';

const ROOT = path.resolve(__dirname, '..');
const INITIALIZE = path.join(ROOT, 'node_modules', 'micromark', 'lib', 'initialize');
const TEXT_JS = path.join(INITIALIZE, 'text.js');
const DOCUMENT_JS = path.join(INITIALIZE, 'document.js');
const SUBTOKENIZE_JS = path.join(ROOT, 'node_modules', 'micromark-util-subtokenize', 'index.js');
const FROM_MARKDOWN_JS = path.join(ROOT, 'node_modules', 'mdast-util-from-markdown', 'lib', 'index.js');
const devOf = (file: string) =>
  file.includes(`${path.sep}lib${path.sep}`) ? file.replace(`${path.sep}lib${path.sep}`, `${path.sep}dev${path.sep}lib${path.sep}`) : file.replace(`${path.sep}index.js`, `${path.sep}dev${path.sep}index.js`);

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
    // micromark-util-subtokenize's jumps, in Maps: every part of the mend is found once.
    const subtokenize = fs.readFileSync(SUBTOKENIZE_JS, 'utf8');
    const mapped = mendMicromark(subtokenize, SUBTOKENIZE_JS);
    expect(mapped).not.toMatch(/Object\.assign\(jumps|in jumps|gaps\[/);
    expect(mapped.match(/jumps\.(?:has|get|set)\(|gaps\.set\(/g)).toHaveLength(5);
    expect(mendMicromark(fs.readFileSync(devOf(SUBTOKENIZE_JS), 'utf8'), devOf(SUBTOKENIZE_JS)).match(/jumps\.(?:has|get|set)\(|gaps\.set\(/g)).toHaveLength(5);
    expect(() => mendMicromark(subtokenize.replace('while (index in jumps)', 'while (jumps[index] !== undefined)'), SUBTOKENIZE_JS)).toThrow(/found 0, expected 1/);
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

/** The mdast tree as JSON, built as factlint builds it (GFM, front matter). */
const TREE = `(doc) => JSON.stringify(fromMarkdown(doc, {
    extensions: [gfmTable(), gfmStrikethrough(), gfmFootnote(), gfmTaskListItem(), frontmatter()],
    mdastExtensions: [gfmFromMarkdown(), frontmatterFromMarkdown()],
  }))`;

/** The same trees in this process: mdast-util-from-markdown as vitest loads it, mended. */
const treeHere = (doc: string): string =>
  JSON.stringify(
    fromMarkdown(doc, {
      extensions: [gfmTable(), gfmStrikethrough(), gfmFootnote(), gfmTaskListItem(), frontmatter()],
      mdastExtensions: [gfmFromMarkdown(), frontmatterFromMarkdown()],
    }),
  );

/** Trees of each document from the original packages, as Node loads them. */
function treesOriginal(docs: string[]): string[] {
  const script = `
    import { fromMarkdown } from 'mdast-util-from-markdown';
    import { gfmFromMarkdown } from 'mdast-util-gfm';
    import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
    import { gfmTable } from 'micromark-extension-gfm-table';
    import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
    import { gfmFootnote } from 'micromark-extension-gfm-footnote';
    import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
    import { frontmatter } from 'micromark-extension-frontmatter';
    import { readFileSync } from 'node:fs';
    const tree = ${TREE};
    const docs = JSON.parse(readFileSync(0, 'utf8'));
    process.stdout.write(JSON.stringify(docs.map(tree)));`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, input: JSON.stringify(docs), encoding: 'utf8', maxBuffer: 1 << 28 });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout);
}

describe("mdast-util-from-markdown's handler calls, mended to share one context", () => {
  it('apply to the installed package and refuse code they do not know', () => {
    const source = fs.readFileSync(FROM_MARKDOWN_JS, 'utf8');
    const mended = mendMicromark(source, FROM_MARKDOWN_JS);
    expect(source).toContain('.call(Object.assign({');
    expect(mended).not.toContain('.call(Object.assign({');
    expect(mended.match(/eventContext/g)).toHaveLength(3);
    expect(mendMicromark(fs.readFileSync(devOf(FROM_MARKDOWN_JS), 'utf8'), devOf(FROM_MARKDOWN_JS)).match(/eventContext/g)).toHaveLength(3);
    expect(() => mendMicromark(mended, FROM_MARKDOWN_JS)).toThrow(/not the one/);
    expect(() => mendMicromark(source.replace('}, context), events[index][1]);', '}, context), events[index]);'), FROM_MARKDOWN_JS)).toThrow(/not the one/);
  });

  it('gives the same trees as the original on random documents', () => {
    // Every kind of node the handlers build: blocks, inlines, GFM, front matter, references.
    const piece = fc.constantFrom('a', 'b c', ' ', '**s**', '*e*', '_e_', '~~d~~', '`c`', '[l](u "t")', '[r][x]', '![i](p)', '<https://x.y>', '<b>', '&amp;', '&#36;', '\\*', '[^1]', '$40bn', '  \n', 'é', '😀');
    const line = fc.array(piece, { maxLength: 10 }).map((p) => p.join(''));
    const start = fc.constantFrom('', '', '', '> ', '- ', '- [x] ', '1. ', '  - ', '# ', '## ', '    ', '| ', '```', '~~~', '[x]: /u', '[^1]: ', '***', '---', '<div>');
    const doc = fc.array(fc.tuple(start, line, fc.constantFrom('\n', '\n', '\r\n', '\n\n')), { maxLength: 30 }).map((ls) => ls.map(([s, l, e]) => s + l + e).join(''));
    const docs = fc.sample(doc, { numRuns: 300, seed: 20261124 });
    docs.push('---\ntitle: x\n---\n\n| a | b |\n| - | :-: |\n| 1 | $2bn |\n\nText[^1].\n\n[^1]: Note.\n', '1. a\n\n   b\n2. c\n\n- x\n- y\n');
    const original = treesOriginal(docs);
    docs.forEach((d, i) => expect(treeHere(d), JSON.stringify(d)).toBe(original[i]));
  });
});
