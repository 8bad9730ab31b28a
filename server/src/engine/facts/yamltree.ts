// Linear-time helpers for YAML trees written by hand (facts files and configs). The `yaml`
// package's own duplicate-key check (`uniqueKeys`) compares each key with every earlier key of
// its mapping, and a lookup by key scans the mapping: a file of 20,000 keys took 30 s. Here a
// mapping's keys are indexed once, and the nesting is bounded before the recursive parser sees it.
import { isAlias, isMap, isScalar, isSeq, type Document, type Pair, type YAMLMap } from 'yaml';

/** A duplicate key, as the `yaml` package reports it with `uniqueKeys: true`. */
export interface DuplicateKeyError {
  pos: [number, number];
  code: 'DUPLICATE_KEY';
  message: string;
}

const NULL_KEY = Symbol('null key');

/** What two keys compare by (the `yaml` package: equal scalar values; other keys never equal). */
function identity(key: unknown): unknown {
  if (key === null || key === undefined) return NULL_KEY;
  if (isScalar(key)) return key.value === null || key.value === undefined ? NULL_KEY : key.value;
  return undefined;
}

/**
 * Every later occurrence of a key in the same mapping, in document order, at the key. Walks the
 * tree without recursion (no stack limit) and never follows aliases.
 */
export function duplicateKeys(doc: Document, limit = Infinity): DuplicateKeyError[] {
  const out: DuplicateKeyError[] = [];
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0 && out.length < limit) {
    const node = stack.pop();
    if (isMap(node)) {
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        const id = identity(pair.key);
        if (id !== undefined) {
          if (seen.has(id)) {
            const r = isScalar(pair.key) ? pair.key.range : undefined;
            const at = r ? r[0] : (pair.value as { range?: [number, number] } | null)?.range?.[0] ?? 0;
            out.push({ pos: [at, r ? r[1] : at + 1], code: 'DUPLICATE_KEY', message: 'Map keys must be unique' });
          } else seen.add(id);
        }
        if (pair.value && !isAlias(pair.value)) stack.push(pair.value);
        if (pair.key && !isScalar(pair.key) && !isAlias(pair.key)) stack.push(pair.key);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) if (item && !isAlias(item)) stack.push(item);
    }
  }
  return out.sort((a, b) => a.pos[0] - b.pos[0]);
}

const INDEX = new WeakMap<YAMLMap, Map<string, Pair<unknown, unknown>>>();

/** The first pair of `map` whose key reads as `key` (String of the scalar value), via an index. */
export function pairByKey(map: YAMLMap, key: string): Pair<unknown, unknown> | undefined {
  if (map.items.length < 16) return map.items.find((it) => keyString(it.key) === key) as Pair<unknown, unknown> | undefined;
  let index = INDEX.get(map);
  if (!index) {
    index = new Map();
    for (const it of map.items) {
      const k = keyString(it.key);
      if (k !== undefined && !index.has(k)) index.set(k, it as Pair<unknown, unknown>);
    }
    INDEX.set(map, index);
  }
  return index.get(key);
}

function keyString(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  if (key === null || key === undefined) return undefined;
  return String(key);
}

/** Far past any facts file or config, and well short of the parser's stack limit. */
export const MAX_YAML_NESTING = 400;

const isBlank = (c: number) => c === 32 || c === 9;
const isBreak = (c: number) => c === 10 || c === 13;

/**
 * Where `text` nests deeper than `max` levels (flow brackets, indentation, `- ` items opened on
 * one line), or -1. A cheap scan that may under-count (then the parser's own limit is met and
 * reported), never over-counts an ordinary file: brackets count only where a flow collection can
 * start, and not inside quotes or comments.
 */
export function tooDeepAt(text: string, max = MAX_YAML_NESTING): number {
  let flow = 0;
  let quote = 0; // the open quote character
  let lineStart = true;
  let indent = 0;
  let dashes = 0;
  let prev = 32; // the last character that is not white space on this line, or a space
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isBreak(c)) {
      lineStart = true;
      indent = 0;
      dashes = 0;
      prev = 32;
      continue;
    }
    if (quote) {
      if (c === 92 /* \ */ && quote === 34) i++;
      else if (c === quote) {
        if (quote === 39 && text.charCodeAt(i + 1) === 39) i++; // '' inside single quotes
        else quote = 0;
      }
      continue;
    }
    if (lineStart) {
      if (isBlank(c)) {
        if (++indent > 2 * max) return i;
        continue;
      }
      if ((c === 45 || c === 63) && isBlank(text.charCodeAt(i + 1))) {
        // `- ` and `? ` open nested collections on the same line
        if (++dashes > max) return i;
        i++;
        continue;
      }
      lineStart = false;
    }
    if (isBlank(c)) continue;
    const valueStart = prev === 32 || prev === 58 /* : */ || prev === 45 /* - */ || prev === 44 /* , */ || prev === 91 || prev === 123 || prev === 63;
    if ((c === 91 || c === 123) && (flow > 0 || valueStart)) {
      if (++flow > max) return i;
    } else if ((c === 93 || c === 125) && flow > 0) flow--;
    else if ((c === 34 || c === 39) && valueStart) quote = c;
    else if (c === 35 && isBlank(text.charCodeAt(i - 1) || 32)) {
      // a comment: skip to the line end
      while (i + 1 < text.length && !isBreak(text.charCodeAt(i + 1))) i++;
      continue;
    }
    prev = c;
  }
  return -1;
}
