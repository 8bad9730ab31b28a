// Walks one parsed mdast tree and emits its prose blocks (paragraphs, headings, table cells),
// footnote references and directives. Offsets are relative to the parsed source.
import type { Nodes, Paragraph, Parents, Root, RootContent, Table } from 'mdast';
import type { FootnoteRef, ProseBlock } from '../types.js';
import { normaliseLabel } from './chunks.js';
import { findDirectives, type DirectiveMatch } from './directives.js';
import { maskedText, maskInlineNoise } from './mask.js';
import { plainText } from './plain-text.js';
import type { Replacement } from './syntax.js';

export interface ChunkBlock extends Omit<ProseBlock, 'headings'> {
  /** A heading at the top level of the document opens a section of this depth (1-6). */
  section?: number;
  /** The heading's plain text (for the section path). */
  plain?: string;
}

export interface ChunkDirective extends DirectiveMatch {
  /** Offset of the HTML node holding the comment. */
  nodeStart: number;
}

export interface ChunkResult {
  blocks: ChunkBlock[];
  footnoteRefs: FootnoteRef[];
  directives: ChunkDirective[];
  /** Front matter source (YAML), if the piece starts with some. */
  yaml?: string;
  /** Normalised labels of the link reference definitions found. */
  definitions: string[];
}

interface Context {
  inList: boolean;
  inQuote: boolean;
  /** Label of the footnote definition the block belongs to. */
  footnote?: string;
}

/** Deeper nesting than this is not walked (the parser itself copes with a few hundred levels). */
const MAX_DEPTH = 1000;

export function collectBlocks(
  src: string,
  /** Nodes starting before `from` or at or after `to` are stand-ins (added definitions): skipped. */
  from: number,
  to: number,
  tree: Root,
  replacements: Replacement[],
): ChunkResult {
  const result: ChunkResult = { blocks: [], footnoteRefs: [], directives: [], definitions: [] };

  const span = (node: Nodes): [number, number] | undefined => {
    const p = node.position;
    if (!p || typeof p.start.offset !== 'number' || typeof p.end.offset !== 'number') return undefined;
    const s = p.start.offset;
    if (s < from || s >= to) return undefined;
    return [s, Math.min(p.end.offset, to)];
  };

  const directivesOf = (node: Nodes & { value: string }): void => {
    const at = span(node);
    if (!at) return;
    for (const d of findDirectives(node.value)) result.directives.push({ ...d, nodeStart: at[0] });
  };

  /** Text-node ranges of a phrasing parent, in order; records footnote calls and directives. */
  const proseOf = (root: Parents): number[] => {
    const prose: number[] = [];
    const stack: { node: Parents; i: number }[] = [{ node: root, i: 0 }];
    while (stack.length > 0) {
      const frame = stack[stack.length - 1];
      if (frame.i >= frame.node.children.length) {
        stack.pop();
        continue;
      }
      const child = frame.node.children[frame.i++] as Nodes;
      switch (child.type) {
        case 'text': {
          const at = span(child);
          if (at && at[1] > at[0]) prose.push(at[0], at[1]);
          break;
        }
        case 'link': {
          // `<https://...>` and literal autolinks are URLs, not prose; `[text](url)` keeps its text.
          const at = span(child);
          if (at && src.charCodeAt(at[0]) === 91 /* [ */ && stack.length < MAX_DEPTH) {
            stack.push({ node: child, i: 0 });
          }
          break;
        }
        case 'emphasis':
        case 'strong':
        case 'delete':
        case 'linkReference':
          if (stack.length < MAX_DEPTH) stack.push({ node: child, i: 0 });
          break;
        case 'footnoteReference': {
          const at = span(child);
          if (at) result.footnoteRefs.push({ label: child.label ?? child.identifier, start: at[0], end: at[1] });
          break;
        }
        case 'html':
          directivesOf(child);
          break;
        default:
          // inlineCode, image, imageReference, break: masked.
          break;
      }
    }
    return prose;
  };

  const emit = (
    kind: ProseBlock['kind'],
    node: Parents,
    ctx: Context,
    extra: Partial<ChunkBlock> = {},
  ): void => {
    const at = span(node);
    if (!at) return;
    const [start, end] = at;
    const prose = proseOf(node);
    const masked = maskInlineNoise(maskedText(src, start, end, prose, replacements));
    for (const ref of masked.refs) {
      result.footnoteRefs.push({ label: ref.label, start: start + ref.start, end: start + ref.end });
    }
    result.blocks.push({ kind, start, end, text: masked.text, inList: ctx.inList, inQuote: ctx.inQuote, ...(ctx.footnote !== undefined ? { footnote: ctx.footnote } : {}), ...extra });
  };

  const emitTable = (table: Table, ctx: Context): void => {
    const headers = (table.children[0]?.children ?? []).map((cell) => plainText(cell));
    table.children.forEach((row, r) => {
      const rowLabel = plainText(row.children[0]);
      row.children.forEach((cell, c) => {
        const columnHeader = headers[c] ?? '';
        emit('table-cell', cell, ctx, { table: { rowLabel, columnHeader, row: r, column: c, isHeader: r === 0 } });
      });
    });
  };

  const walk = (nodes: RootContent[], ctx: Context, top: boolean, inItem: boolean, depth: number): void => {
    if (depth > MAX_DEPTH) return;
    for (const node of nodes) {
      switch (node.type) {
        case 'paragraph': {
          const leadIn = inItem ? leadInOf(node) : undefined;
          emit('paragraph', node, ctx, leadIn ? { leadIn } : {});
          break;
        }
        case 'heading':
          emit('heading', node, ctx, top ? { section: node.depth, plain: plainText(node) } : {});
          break;
        case 'table':
          emitTable(node, ctx);
          break;
        case 'list':
          for (const item of node.children) {
            walk(item.children, { ...ctx, inList: true }, false, true, depth + 1);
          }
          break;
        case 'blockquote':
          walk(node.children, { ...ctx, inQuote: true }, false, false, depth + 1);
          break;
        case 'html':
          directivesOf(node);
          break;
        case 'yaml':
          if (top && result.yaml === undefined && span(node)?.[0] === 0) result.yaml = node.value;
          break;
        case 'definition':
          if (span(node)) result.definitions.push(normaliseLabel(node.label ?? node.identifier));
          break;
        case 'code':
        case 'thematicBreak':
          break;
        case 'footnoteDefinition':
          // Kept with the link definitions (as `^label`) for the stand-ins of pieces (chunks.ts).
          if (span(node)) result.definitions.push(normaliseLabel(`^${node.label ?? node.identifier}`));
          walk(node.children, { ...ctx, footnote: node.label ?? node.identifier }, false, false, depth + 1);
          break;
        default:
          // Any other container: walk its children as they are.
          if ('children' in node && Array.isArray(node.children)) {
            walk(node.children as RootContent[], ctx, false, false, depth + 1);
          }
      }
    }
  };

  walk(tree.children, { inList: false, inQuote: false }, true, false, 0);
  return result;
}

/** Lead-in label: `**SoftBank**: ...`, `**Valuation:** ...`, `Layoffs: 16,000 roles`. */
const LABEL = /^([^:\n]{1,60}?)\s*:(?=\s|$)/;

export function leadInOf(paragraph: Paragraph): string | undefined {
  const children = paragraph.children;
  let first = 0;
  while (first < children.length) {
    const c = children[first];
    if (c.type === 'text' && c.value.trim() === '') first++;
    else break;
  }
  const head = children[first];
  if (!head) return undefined;
  if (head.type === 'strong') {
    const label = plainText(head).replace(/\s*[:\uFF1A]\s*$/, '').trim();
    return label.length > 0 ? label : undefined;
  }
  return labelLeadIn(plainText(paragraph));
}

/** The lead-in label of a paragraph that does not open with strong text, from its plain text. */
export function labelLeadIn(plain: string): string | undefined {
  const m = LABEL.exec(plain);
  if (!m) return undefined;
  const label = m[1].trim();
  if (label.length === 0 || /[,;]|[.!?]\s/.test(label) || label.split(/\s+/).length > 6) return undefined;
  return label;
}
