// The line index of an edited text, made from the index of the text before the edit
// (LineIndex.after), is the index made afresh: line breaks \n, \r\n and a lone \r, edits that
// split or join a \r\n pair, at the start, at the end, anywhere.
import { describe, expect, it } from 'vitest';
import { LineIndex } from '../server/src/engine/text/positions.js';

function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PARTS = ['\n', '\r', '\r\n', 'a', 'bc', ' ', '\n\n', '\r\r', 'x'.repeat(5000), '😀'];

describe('LineIndex.after', () => {
  it('equals the index made afresh, edit after edit', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const rnd = rng(seed);
      const piece = () => PARTS[Math.floor(rnd() * (rnd() < 0.05 ? PARTS.length : PARTS.length - 2))];
      let text = Array.from({ length: 20 + Math.floor(rnd() * 300) }, piece).join('');
      let lines = new LineIndex(text);
      for (let step = 0; step < 80; step++) {
        const at = rnd() < 0.1 ? (rnd() < 0.5 ? 0 : text.length) : Math.floor(rnd() * (text.length + 1));
        const cut = rnd() < 0.5 ? Math.floor(rnd() * 6) : 0;
        const add = rnd() < 0.8 ? Array.from({ length: 1 + Math.floor(rnd() * 3) }, piece).join('') : '';
        const before = text;
        text = text.slice(0, at) + add + text.slice(Math.min(text.length, at + cut));
        lines = LineIndex.after(lines, text);
        if (text !== before) {
          // Where the texts first differ (the edited line is the language server's focus).
          let p = 0;
          while (p < text.length && p < before.length && text[p] === before[p]) p++;
          expect(lines.editedAt).toBe(p);
        }
        expect(lines.text).toBe(text);
        expect(lines.starts, `seed ${seed} step ${step}`).toEqual(new LineIndex(text).starts);
      }
    }
  });

  it('keeps the index of an unchanged text', () => {
    const lines = new LineIndex('a\nb');
    expect(LineIndex.after(lines, 'a\nb')).toBe(lines);
  });
});
