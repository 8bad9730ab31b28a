// What the differential tests of the parser's shortcuts (markdown-plain*.test.ts) share: a draft
// parsed with a shortcut must give what the parser alone gives.
import { expect } from 'vitest';
import { parseMarkdown } from '../../server/src/engine/markdown/parse.js';
import { clearPieceCache } from '../../server/src/engine/markdown/cache.js';

/** The draft parsed by the parser alone (no shortcut, nothing cached). */
export function strip(d: string) {
  clearPieceCache();
  return parseMarkdown(d, { shortcut: false });
}

/** Parsed with the shortcuts, from an empty cache, the draft gives what the parser alone gives. */
export function expectSameAsParser(d: string): void {
  const expected = strip(d);
  clearPieceCache();
  expect(parseMarkdown(d)).toEqual(expected);
}

/** The drafts joined into a long one: parsed in pieces and whole, the same as the parser alone. */
export function expectSameInPieces(docs: string[]): void {
  const d = docs.join('\n\n');
  const expected = strip(d);
  clearPieceCache();
  expect(parseMarkdown(d)).toEqual(expected);
  expect(parseMarkdown(d, { whole: true })).toEqual(expected);
}
