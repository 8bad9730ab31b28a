// The readable text of an mdast node: what a reader sees, with markup, images, HTML and footnote
// references dropped and whitespace collapsed. Used for heading paths, table labels and lead-ins.
import type { Nodes } from 'mdast';

/** `[^label]` left as text (no definition in the document). */
const FOOTNOTE_TEXT = /\[\^[^\]\s[]+\]/g;

export function plainText(node: Nodes | undefined): string {
  if (!node) return '';
  const parts: string[] = [];
  collect(node, parts, 0);
  return parts.join('').replace(FOOTNOTE_TEXT, '').replace(/\s+/g, ' ').trim();
}

function collect(node: Nodes, parts: string[], depth: number): void {
  if (depth > 200) return;
  switch (node.type) {
    case 'text':
    case 'inlineCode':
      parts.push(node.value);
      return;
    case 'break':
      parts.push(' ');
      return;
    case 'html':
    case 'image':
    case 'imageReference':
    case 'footnoteReference':
    case 'definition':
    case 'code':
    case 'yaml':
    case 'thematicBreak':
      return;
    default:
      if ('children' in node) {
        for (const child of node.children) {
          collect(child as Nodes, parts, depth + 1);
          // Keep words of adjacent blocks (list items, cells) apart.
          if (!isPhrasing(child as Nodes)) parts.push(' ');
        }
      }
  }
}

function isPhrasing(node: Nodes): boolean {
  switch (node.type) {
    case 'text':
    case 'emphasis':
    case 'strong':
    case 'delete':
    case 'link':
    case 'linkReference':
    case 'inlineCode':
    case 'break':
    case 'html':
    case 'image':
    case 'imageReference':
    case 'footnoteReference':
      return true;
    default:
      return false;
  }
}
