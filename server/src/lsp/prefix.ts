// Checking the first part of a long draft on its own, so its diagnostics can be shown while the
// rest is still being checked. A part ends where a blank line is followed by a line starting in
// column 0 (every block is closed there, except a fenced code or HTML block, which then runs to
// the part's end and holds no prose). Link reference and footnote definitions found later in the
// draft get stand-ins after the part (`[LABEL]: #`), so its references parse as in the whole
// draft; the stand-ins hold no figures. Blocks are checked with the draft's BlockCache, so what
// is checked for a part is reused when the whole draft is checked.
import type { FactBase } from '../engine/claims/factbase.js';
import { BlockCache, checkParsed, type Binding, type DocumentResult } from '../engine/check.js';
import { definitionLines, frontMatterEnd, scanDefinitions } from '../engine/markdown/chunks.js';
import { parseMarkdown } from '../engine/markdown/parse.js';
import type { Finding, ParsedMarkdown, Severity } from '../engine/types.js';

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

/**
 * A draft's BlockCache that can hold its sweeps: while a draft is checked in parts, each part's
 * check would otherwise drop the blocks of the parts before it.
 */
export class DraftBlockCache extends BlockCache {
  held = false;

  override sweep(): void {
    if (!this.held) super.sweep();
  }
}

type PartOptions = { rules?: Record<string, Severity | 'off'>; cache?: BlockCache };

/**
 * A draft checked one growing first part at a time: each part is parsed whole (the pieces parsed
 * before are cached), and only its blocks not checked yet are checked (with the block before
 * them, whose question may be their context). Parts end at blank lines, so a table is never
 * split. The draft's cache must hold its sweeps meanwhile (DraftBlockCache).
 */
export class PartsCheck {
  private readonly stand: string;
  private findings: Finding[] = [];
  private bindings: Binding[] = [];
  /** Blocks starting before this offset are checked. */
  private checked = 0;

  constructor(
    private readonly text: string,
    private readonly base: FactBase,
    private readonly options: PartOptions,
  ) {
    this.stand = standIns(text);
  }

  /** Checks text[0, end) (its blocks not checked yet): the findings and bindings of all of it. */
  next(end: number): DocumentResult {
    const { text } = this;
    const src = end >= text.length ? text : text.slice(0, end) + this.stand;
    let parsed: ParsedMarkdown;
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
    const blocks = parsed.blocks;
    let from = 0;
    while (from < blocks.length && blocks[from].start < this.checked) from++;
    if (from < blocks.length) {
      const first = blocks[from].start;
      const r = checkParsed(text, { ...parsed, blocks: blocks.slice(Math.max(0, from - 1)) }, this.base, this.options);
      for (const f of r.findings) if (f.start >= first) this.findings.push(f);
      for (const b of r.bindings) if (b.start >= first) this.bindings.push(b);
    }
    this.checked = end;
    return { findings: this.findings.slice(), bindings: this.bindings.slice(), parsed };
  }
}
