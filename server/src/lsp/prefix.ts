// Checking the first part of a long draft on its own, so its diagnostics can be shown while the
// rest is still being checked. A part ends where a blank line is followed by a line starting in
// column 0 (every block is closed there, except a fenced code or HTML block, which then runs to
// the part's end and holds no prose). Link reference and footnote definitions found later in the
// draft get stand-ins after the part (`[LABEL]: #`), so its references parse as in the whole
// draft; the stand-ins hold no figures. Blocks are checked with the draft's BlockCache, so what
// is checked for a part is reused by the next part and by the whole draft.
import type { FactBase } from '../engine/claims/factbase.js';
import { checkParsed, type BlockCache, type DocumentResult } from '../engine/check.js';
import { definitionLines, frontMatterEnd, scanDefinitions } from '../engine/markdown/chunks.js';
import { parseMarkdown } from '../engine/markdown/parse.js';
import type { Severity } from '../engine/types.js';

/** A blank line, then a character other than white space in column 0. */
const BOUNDARY = /(?:\r\n|\r(?!\n)|\n)[ \t]*(?:\r\n|\r(?!\n)|\n)(?=\S)/g;

/** Where a part of `text` reaching at least `min` may end: the start of a line (or the text's end). */
export function partEnd(text: string, min: number): number {
  if (min >= text.length) return text.length;
  // Never inside front matter.
  BOUNDARY.lastIndex = Math.max(0, min - 1, frontMatterEnd(text));
  const m = BOUNDARY.exec(text);
  return m ? m.index + m[0].length : text.length;
}

/** Whether the draft can be checked in parts (a `factlint-disable-file` anywhere applies to all of it). */
export function checkableInParts(text: string): boolean {
  return !/factlint-disable-file/.test(text);
}

/** The stand-in definitions for a draft's labels (scanned once per draft text). */
export function standIns(text: string): string {
  const labels = [...scanDefinitions(text)];
  return labels.length ? `\n\n${definitionLines(labels)}` : '';
}

/** Checks text[0, end) as the first part of `text` (findings, bindings and blocks before `end` only). */
export function checkPart(text: string, end: number, stand: string, base: FactBase, options: { rules?: Record<string, Severity | 'off'>; cache?: BlockCache }): DocumentResult {
  const src = end >= text.length ? text : text.slice(0, end) + stand;
  let parsed;
  try {
    parsed = parseMarkdown(src);
  } catch {
    parsed = { blocks: [], footnoteRefs: [], directives: [] };
  }
  if (src !== text) {
    parsed = {
      ...parsed,
      blocks: parsed.blocks.filter((b) => b.start < end),
      footnoteRefs: parsed.footnoteRefs.filter((r) => r.start < end),
    };
  }
  const r = checkParsed(src, parsed, base, options);
  return { findings: r.findings.filter((f) => f.start < end), bindings: r.bindings.filter((b) => b.start < end), parsed: r.parsed };
}
