// Runs the real CommonMark + GFM parser (micromark via mdast-util-from-markdown) on one piece of
// Markdown and returns the mdast tree plus the source ranges, inside text nodes, that are not
// prose: container prefixes on continuation lines (`>`, list indentation), line prefixes and
// suffixes, escape backslashes, and character references (replaced by their decoded character).
//
// A text node's position spans its source, which includes those tokens: from-markdown merges
// consecutive data tokens into one text node and the tokens in between have no node of their
// own. The hooks below record them as the parser compiles the tree (token types the default
// compiler does not handle, so no default handler is replaced).
import { fromMarkdown, type CompileContext, type Extension, type Handle, type Token } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import { frontmatter } from 'micromark-extension-frontmatter';
import type { Root } from 'mdast';
import { capNesting } from './nesting.js';
import { frontMatterEnd } from './chunks.js';
import { applyNeutral, defuse, MARKER_LIMIT } from './defuse.js';

/** A source range [start, end) that is not prose; `text` (same length) replaces it if given, else spaces. */
export interface Replacement {
  start: number;
  end: number;
  text?: string;
}

export interface SyntaxResult {
  tree: Root;
  /** Sorted by start. */
  replacements: Replacement[];
}

const FRONTMATTER = ['yaml', 'toml'] as const;

// GFM without its autolink-literal extension: that one hooks into every word of every paragraph
// and took about a third of micromark's time on news-style drafts. Bare URLs and e-mail addresses
// stay text and are masked by maskInlineNoise (mask.ts), which stops where GFM would.
const micromarkGfm = [gfmFootnote(), gfmStrikethrough(), gfmTable(), gfmTaskListItem()];
const micromarkWithFrontmatter = [...micromarkGfm, frontmatter([...FRONTMATTER])];

// The GFM autolink-literal transform re-finds URLs and e-mails in text nodes and splits them
// into nodes without positions; the masking pass hides URLs (above), so the transform is dropped.
const mdastGfm: Extension[] = gfmFromMarkdown().map((ext) => {
  const copy: Extension = { ...ext };
  delete copy.transforms;
  return copy;
});
const mdastFrontmatter = frontmatterFromMarkdown([...FRONTMATTER]);

/** Token types inside (or between) text nodes whose source is markup, not prose. */
const MASKED_TOKENS = [
  'escapeMarker',
  'blockQuotePrefix',
  'listItemIndent',
  'linePrefix',
  'lineSuffix',
  'whitespace',
  'gfmFootnoteDefinitionIndent',
] as const;

const SPACE_LIKE = /\s/g;

// micromark resolves emphasis and link labels in time quadratic in their count per paragraph
// (50,000 `*a` take a minute). Past MARKER_LIMIT (defuse.ts) in one paragraph those constructs are
// turned off for the piece: its `*`, `_`, `~`, `[`, `]` then read as text. In a table, each cell
// is resolved on its own and counted on its own.
const EMPHASIS_CONSTRUCTS = ['attention', 'strikethrough'];
const LABEL_CONSTRUCTS = ['labelStartLink', 'labelStartImage', 'labelEnd', 'gfmFootnoteCall', 'gfmPotentialFootnoteCall'];

/** Construct names to disable for `src` (usually none). */
export function constructsToDisable(src: string): string[] {
  const [emphasis, labels] = markerCounts(src);
  return offFor(emphasis, labels);
}

/** Construct names to disable for the given most emphasis and link markers in a paragraph. */
export function offFor(maxEmphasis: number, maxLabels: number): string[] {
  const off: string[] = [];
  if (maxEmphasis > MARKER_LIMIT) off.push(...EMPHASIS_CONSTRUCTS);
  if (maxLabels > MARKER_LIMIT) off.push(...LABEL_CONSTRUCTS);
  return off;
}

/** The most emphasis markers (`*`, `_`, `~`) and link markers (`[`, `]`) in one paragraph of `src`. */
export function markerCounts(src: string): [number, number] {
  let emphasis = 0;
  let labels = 0;
  let maxEmphasis = 0;
  let maxLabels = 0;
  let lineStart = true;
  let blank = true;
  let inTable = false;
  const commit = () => {
    if (emphasis > maxEmphasis) maxEmphasis = emphasis;
    if (labels > maxLabels) maxLabels = labels;
    emphasis = 0;
    labels = 0;
  };
  for (let i = 0; i < src.length; i++) {
    const c = src.charCodeAt(i);
    if (c === 10 || c === 13) {
      if (c === 13 && src.charCodeAt(i + 1) === 10) i++; // \r\n is one line break
      if (blank) {
        // A blank line ends the paragraph (and a table).
        commit();
        inTable = false;
      }
      lineStart = true;
      blank = true;
      continue;
    }
    if (c === 32 || c === 9) continue;
    if (lineStart) {
      lineStart = false;
      // A table is a header row followed by a delimiter row: its cells are resolved one by one.
      // (A paragraph that merely starts with `|` is not one.)
      if (!inTable && delimiterRowFollows(src, i)) {
        commit();
        inTable = true;
      }
      if (!inTable && listItemAt(src, i)) {
        // A list item starts a new paragraph too (a long tight list is many short paragraphs).
        commit();
      }
    }
    blank = false;
    if (inTable && c === 124) {
      commit(); // the next cell
      continue;
    }
    if (c === 42 || c === 95 || c === 126) emphasis++;
    else if (c === 91 || c === 93) labels++;
  }
  if (emphasis > maxEmphasis) maxEmphasis = emphasis;
  if (labels > maxLabels) maxLabels = labels;
  return [maxEmphasis, maxLabels];
}

/** Decoded named references, by source (a few thousand names exist). */
const NAMED = new Map<string, string>();

/** The text of a character reference (`&amp;`, `&#36;`, `&#x24;`) as CommonMark decodes it. */
export function decodeReference(ref: string): string {
  const numeric = /^&#([xX]?)([0-9a-fA-F]{1,8});$/.exec(ref);
  if (numeric) {
    const code = parseInt(numeric[2], numeric[1] ? 16 : 10);
    // As micromark-util-decode-numeric-character-reference: controls, surrogates, noncharacters
    // and values past Unicode become U+FFFD.
    if (
      code < 9 || code === 11 || (code > 13 && code < 32) || (code > 126 && code < 160) || (code > 55295 && code < 57344) ||
      (code > 64975 && code < 65008) || (code & 65535) === 65535 || (code & 65535) === 65534 || code > 1114111
    ) {
      return '\uFFFD';
    }
    return String.fromCodePoint(code);
  }
  let text = NAMED.get(ref);
  if (text === undefined) {
    // The parser knows the names: parse the reference alone (once per name).
    const para = fromMarkdown(ref).children[0];
    const node = para && para.type === 'paragraph' && para.children.length === 1 ? para.children[0] : undefined;
    text = node && node.type === 'text' && node.value !== ref ? node.value : '';
    if (NAMED.size < 5000) NAMED.set(ref, text);
  }
  return text;
}

const DELIMITER_ROW = /^[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;

/** The line after the one containing `i` is a table delimiter row (`|---|:--:|`). */
function delimiterRowFollows(src: string, i: number): boolean {
  let eol = i;
  while (eol < src.length && src.charCodeAt(eol) !== 10 && src.charCodeAt(eol) !== 13) eol++;
  if (eol >= src.length) return false;
  const start = eol + (src.charCodeAt(eol) === 13 && src.charCodeAt(eol + 1) === 10 ? 2 : 1);
  if (src.charCodeAt(start) === 10 || src.charCodeAt(start) === 13) return false;
  let end = start;
  while (end < src.length && end - start < 4096 && src.charCodeAt(end) !== 10 && src.charCodeAt(end) !== 13) end++;
  const line = src.slice(start, end);
  return line.includes('-') && DELIMITER_ROW.test(line);
}

/** A list item marker at `i` (`-`, `*`, `+`, `1.`, `1)` followed by a space or a tab). */
function listItemAt(src: string, i: number): boolean {
  let k = i;
  const c = src.charCodeAt(k);
  if (c === 45 || c === 42 || c === 43) k++;
  else {
    while (k < src.length && k - i < 9 && src.charCodeAt(k) >= 48 && src.charCodeAt(k) <= 57) k++;
    if (k === i || (src.charCodeAt(k) !== 46 && src.charCodeAt(k) !== 41)) return false;
    k++;
  }
  const d = src.charCodeAt(k);
  return d === 32 || d === 9;
}

/**
 * Parses `src`. `atDocumentStart`: src starts the document, so it may open with front matter (a
 * later piece of a document starting with `---` has a thematic break there, not front matter).
 */
export function parseSyntax(src: string, atDocumentStart = true, off: string[] = constructsToDisable(src)): SyntaxResult {
  const replacements: Replacement[] = [];
  const record: Handle = (token: Token) => {
    const start = token.start.offset;
    const end = token.end.offset;
    if (end > start) replacements.push({ start, end });
  };
  const exit: Record<string, Handle> = {};
  for (const type of MASKED_TOKENS) exit[type] = record;

  // `&amp;` compiles to a text node value of "&": note where the reference opens at `&` and decode
  // its source at the closing `;`. (Reading the decoded text back from the text node's value would
  // flatten that growing string at every reference: quadratic in a paragraph of references.)
  let refStart = -1;
  exit.characterReferenceMarker = function (this: CompileContext, token: Token) {
    if (src.charCodeAt(token.start.offset) === 38 /* & */) {
      refStart = token.start.offset;
      return;
    }
    if (refStart < 0) return;
    const start = refStart;
    const end = token.end.offset;
    const decoded = decodeReference(src.slice(start, end));
    refStart = -1;
    const width = end - start;
    const shown = decoded.replace(SPACE_LIKE, ' ');
    // Right-aligned so "&#36;50" reads "    $50".
    const text = shown.length > 0 && shown.length <= width ? ' '.repeat(width - shown.length) + shown : undefined;
    replacements.push(text === undefined ? { start, end } : { start, end, text });
  };

  // Front matter only where it closes: micromark's front matter construct, given an opening fence
  // it never closes (a draft opening with a `---` rule), reads the rest of the document without
  // its lists and block quotes (their markers end up in paragraphs).
  const withFront = atDocumentStart && frontMatterEnd(src) > 0;
  const syntax = withFront ? micromarkWithFrontmatter : micromarkGfm;
  // Markers nested past MAX_NESTING, and the shapes defuse() finds, are handed over as text
  // (same offsets) and masked.
  const capped = capNesting(src);
  for (const r of capped.replacements) replacements.push(r);
  const defused = defuse(capped.text);
  for (const r of defused) replacements.push({ start: r.start, end: r.end });
  const tree = fromMarkdown(applyNeutral(capped.text, defused), {
    extensions: off.length > 0 ? [...syntax, { disable: { null: off } }] : syntax,
    mdastExtensions: withFront ? [...mdastGfm, mdastFrontmatter, { exit }] : [...mdastGfm, { exit }],
  });

  let sorted = true;
  for (let i = 1; i < replacements.length; i++) {
    if (replacements[i].start < replacements[i - 1].start) {
      sorted = false;
      break;
    }
  }
  if (!sorted) replacements.sort((a, b) => a.start - b.start || b.end - a.end);
  return { tree, replacements };
}
