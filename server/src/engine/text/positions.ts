// Offsets <-> (line, character) positions. Characters are UTF-16 code units, as in LSP and in
// JavaScript strings; lines end at \n, \r\n or a lone \r.
import { commonPrefix, commonSuffix } from './common.js';

export interface Position {
  /** 0-based line. */
  line: number;
  /** 0-based UTF-16 code unit within the line. */
  character: number;
}

export class LineIndex {
  /** Offset of the first character of each line. */
  readonly starts: number[];

  constructor(
    readonly text: string,
    starts?: number[],
    /** Made by `after`: the offset of the first character that differs from the previous text. */
    readonly editedAt?: number,
  ) {
    if (starts) {
      this.starts = starts;
      return;
    }
    this.starts = [0];
    scanLines(text, 0, text.length, this.starts);
  }

  /**
   * The index of `text`, an edited version of `prev.text`: the lines before the edit are kept,
   * those after it moved, and only the edited ones found again. The same as new LineIndex(text).
   */
  static after(prev: LineIndex, text: string): LineIndex {
    const old = prev.text;
    if (old === text) return prev;
    const p = commonPrefix(old, text);
    const s = commonSuffix(old, text, p);
    const delta = text.length - old.length;
    const newEnd = text.length - s;
    // Starts before p depend on the text before p only (a line break and the character after it).
    const olds = prev.starts;
    let k = olds.length;
    while (k > 1 && olds[k - 1] >= p) k--;
    const starts = olds.slice(0, k);
    // Scanned again from the character before p (a \r there may pair with a \n at p) until past
    // the edit and the character after it: from there (the same characters, and the same one
    // before, in both texts) the old starts, moved, follow.
    let i = Math.max(0, p - 1);
    while (i < text.length && i < newEnd + 1) i = scanLine(text, i, starts);
    if (i < text.length) {
      let j = olds.length;
      while (j > 0 && olds[j - 1] > i - delta) j--;
      for (; j < olds.length; j++) starts.push(olds[j] + delta);
    }
    return new LineIndex(text, starts, p);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** The line holding `offset` (binary search). */
  lineOf(offset: number): number {
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    const line = this.lineOf(o);
    return { line, character: o - this.starts[line] };
  }

  offsetAt(pos: Position): number {
    if (pos.line < 0) return 0;
    if (pos.line >= this.starts.length) return this.text.length;
    const start = this.starts[pos.line];
    const end = this.lineEnd(pos.line);
    return Math.max(start, Math.min(start + pos.character, end));
  }

  /** Offset just past the line's content, before its line break. */
  lineEnd(line: number): number {
    const next = line + 1 < this.starts.length ? this.starts[line + 1] : this.text.length;
    let end = next;
    if (end > this.starts[line] && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > this.starts[line] && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }
}

/** Examines text[i] (a line break adds the next line's start); gives the next index to examine. */
function scanLine(text: string, i: number, starts: number[]): number {
  const c = text.charCodeAt(i);
  if (c === 10) starts.push(i + 1);
  else if (c === 13) {
    if (text.charCodeAt(i + 1) === 10) i++;
    starts.push(i + 1);
  }
  return i + 1;
}

function scanLines(text: string, from: number, to: number, starts: number[]): void {
  for (let i = from; i < to; ) i = scanLine(text, i, starts);
}
