// Where things are in a facts file: a field path ("facts[3].variants[0].quote") to the YAML node
// that holds it, and offsets to 1-based line/column ranges. Pure: works on the `yaml` package's
// document tree (which has the source offsets of every node), no file system.
import { isAlias, isCollection, isMap, isScalar, isSeq, type Document, type Node, type Pair } from 'yaml';
import { LineIndex } from '../text/positions.js';
import { pairByKey } from './yamltree.js';

export type PathSegment = string | number;

/** A span of the file text, [start, end) UTF-16 offsets. */
export interface Span {
  start: number;
  end: number;
}

/** 1-based line/column range; endColumn exclusive. */
export interface LineRange {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** "facts[3].variants[0].sources[1].quote"; keys that are not identifiers are written ["a b"]. */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(seg)) out += out ? `.${seg}` : seg;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

/** Offsets -> 1-based ranges. A range that runs over several lines is cut at the end of its first line. */
export function spanToRange(lines: LineIndex, span: Span, firstLineOnly = true): LineRange {
  const start = Math.max(0, Math.min(span.start, lines.text.length));
  let end = Math.max(start, Math.min(span.end, lines.text.length));
  const a = lines.positionAt(start);
  if (firstLineOnly) end = Math.min(end, lines.lineEnd(a.line));
  const b = lines.positionAt(end);
  return { line: a.line + 1, column: a.character + 1, endLine: b.line + 1, endColumn: b.character + 1 };
}

/** The first line of the text from `start` (used for "somewhere in this file" problems). */
export function lineSpan(lines: LineIndex, start = 0): Span {
  const line = lines.lineOf(Math.max(0, Math.min(start, lines.text.length)));
  const end = lines.lineEnd(line);
  return { start, end: Math.max(start, end) };
}

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  if (key === null || key === undefined) return undefined;
  // A mapping or sequence as a key (no facts file has one): named by its kind, not serialized
  // (a mangled file can make it the whole document, and every problem's path would print it).
  if (isMap(key)) return '{…}';
  if (isSeq(key)) return '[…]';
  return String(key);
}

function nodeSpan(node: Node | null | undefined): Span | undefined {
  const r = node?.range;
  if (!r) return undefined;
  return { start: r[0], end: r[1] };
}

function resolveAlias(doc: Document, node: unknown): unknown {
  // One step per path segment: never expands anything, so alias bombs cost nothing here.
  for (let i = 0; i < 8 && isAlias(node); i++) {
    try {
      node = node.resolve(doc as Document);
    } catch {
      return undefined;
    }
  }
  return node;
}

export interface Resolved {
  /** How many path segments were found. */
  depth: number;
  /** The deepest node found (undefined if the document is empty). */
  node?: Node | null;
  /** The pair whose value `node` is, when it is a map value. */
  pair?: Pair<unknown, unknown>;
}

/** Walks `path` down the document as far as it exists. */
export function resolvePath(doc: Document, path: readonly PathSegment[]): Resolved {
  let node: unknown = doc.contents;
  let pair: Pair<unknown, unknown> | undefined;
  let depth = 0;
  for (const seg of path) {
    const cur = resolveAlias(doc, node);
    if (isMap(cur)) {
      const p = pairByKey(cur, String(seg));
      if (!p) break;
      pair = p as Pair<unknown, unknown>;
      node = p.value;
    } else if (isSeq(cur) && typeof seg === 'number' && seg >= 0 && seg < cur.items.length) {
      pair = undefined;
      node = cur.items[seg];
    } else break;
    depth++;
    if (node === null || node === undefined) {
      // `key:` with nothing after it (or `{ key }`): there is no value node.
      return { depth, node: null, pair };
    }
  }
  return { depth, node: node as Node, pair };
}

/** Where to point for a pair's key. */
function keySpan(pair: Pair<unknown, unknown> | undefined): Span | undefined {
  return pair && isScalar(pair.key) ? nodeSpan(pair.key) : pair ? nodeSpan(pair.key as Node) : undefined;
}

export type LocateMode =
  /** The value at the path (a bad value). */
  | 'value'
  /** The key of the last segment (an unknown key, a duplicate key). */
  | 'key';

/**
 * The span to report for `path`: the value node for a bad value; for a missing path, the deepest
 * node that exists (a missing required key is reported at its parent map: the map's key when the
 * map is a map value, else the map's first line). A block collection that is a map value is
 * reported at its key, so that the squiggle is a word and not twenty lines.
 */
export function locatePath(doc: Document | undefined, lines: LineIndex, path: readonly PathSegment[], mode: LocateMode = 'value'): Span {
  if (!doc) return lineSpan(lines, 0);
  const r = resolvePath(doc, path);
  const complete = r.depth === path.length;
  if (complete && mode === 'key' && r.pair) {
    const k = keySpan(r.pair);
    if (k) return k;
  }
  const node = r.node;
  if (node === null || node === undefined) {
    const k = keySpan(r.pair);
    if (k) return k;
    return lineSpan(lines, 0);
  }
  const span = nodeSpan(node);
  if (!span) return keySpan(r.pair) ?? lineSpan(lines, 0);
  if (span.end <= span.start) return keySpan(r.pair) ?? span;
  if (isCollection(node)) {
    const multiLine = lines.lineOf(span.start) !== lines.lineOf(Math.max(span.start, span.end - 1));
    if (r.pair && (multiLine || !complete)) return keySpan(r.pair) ?? span;
    if (!complete || multiLine) return { start: span.start, end: Math.min(span.end, lines.lineEnd(lines.lineOf(span.start))) };
  }
  return span;
}

/** The path of the innermost node at `offset` (for parser errors, which come with an offset only). */
export function pathAtOffset(doc: Document | undefined, offset: number): PathSegment[] {
  const path: PathSegment[] = [];
  if (!doc) return path;
  let node: unknown = doc.contents;
  const within = (n: unknown): boolean => {
    const r = (n as Node | null)?.range;
    return !!r && offset >= r[0] && offset < Math.max(r[2], r[0] + 1);
  };
  for (let guard = 0; guard < 10_000; guard++) {
    if (isMap(node)) {
      let next: unknown;
      // Items are in source order: start at the last one beginning at or before the offset.
      for (let j = Math.max(0, lastStartingBefore(node.items, offset, pairStart) - 1); j < node.items.length; j++) {
        const it = node.items[j];
        const at = pairStart(it);
        if (at !== undefined && at > offset) break;
        const k = keyText(it.key);
        if (k === undefined) continue;
        if (within(it.key)) {
          path.push(k);
          return path;
        }
        if (within(it.value)) {
          path.push(k);
          next = it.value;
          break;
        }
      }
      if (next === undefined) return path;
      node = next;
    } else if (isSeq(node)) {
      let i = -1;
      for (let j = Math.max(0, lastStartingBefore(node.items, offset, nodeStart) - 1); j < node.items.length; j++) {
        const at = nodeStart(node.items[j]);
        if (at !== undefined && at > offset) break;
        if (within(node.items[j])) {
          i = j;
          break;
        }
      }
      if (i < 0) return path;
      path.push(i);
      node = node.items[i];
    } else return path;
  }
  return path;
}

/** Index of the last item starting at or before `offset` (items in source order), or 0. */
function lastStartingBefore<T>(items: readonly T[], offset: number, start: (it: T) => number | undefined): number {
  let lo = 0;
  let hi = items.length - 1;
  let best = 0;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = start(items[mid]);
    if (s === undefined) return 0; // no position: scan from the start
    if (s <= offset) {
      best = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return best;
}

const pairStart = (it: { key?: unknown; value?: unknown }): number | undefined => (it.key as Node | null)?.range?.[0] ?? (it.value as Node | null)?.range?.[0];
const nodeStart = (it: unknown): number | undefined => (it as Node | null)?.range?.[0];

/** The first alias node in document order, if any (for "too many aliases"). */
export function firstAlias(doc: Document | undefined): Node | undefined {
  if (!doc) return undefined;
  const stack: unknown[] = [doc.contents];
  let best: Node | undefined;
  for (let guard = 0; stack.length && guard < 1_000_000; guard++) {
    const n = stack.pop();
    if (isAlias(n)) {
      if (!best || (n.range?.[0] ?? Infinity) < (best.range?.[0] ?? Infinity)) best = n;
    } else if (isMap(n)) for (const it of n.items) stack.push(it.key, it.value);
    else if (isSeq(n)) for (const it of n.items) stack.push(it);
  }
  return best;
}
