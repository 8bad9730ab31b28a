// Planning a long document's pieces after an edit from those of the text before it
// (server/src/engine/markdown/pieces.ts) gives the pieces planned from scratch, and takes over
// the pieces away from the edit.
import { describe, expect, it } from 'vitest';
import { planPieces, replanPieces, type Piece } from '../server/src/engine/markdown/pieces.js';
import { commonPrefix, commonSuffix } from '../server/src/engine/text/common.js';
import { mulberry32, randomDraft } from './helpers/random-draft.js';


const view = (pieces: readonly Piece[]) => pieces.map((p) => ({ start: p.start, end: p.end, shift: p.shift, labels: p.labels, open: p.open, result: p.result }));

const SNIPPETS = ['x', ' ', '\n', '\n\n', '\r\n', '\r', '```', '~~~', '<!--', '-->', '</pre>', '# ', '- ', '1. ', '| a |', '[r1]', '[r1]: http://x', ']:', '[^f1]: n', '[zz]', '[zz]: http://z', '\n\n[zz]: http://z\n\n', '$5 billion', '---', '\ufeff', '  ', '\t'];

/** An edit anywhere, or near a piece's start (where the cuts are chosen). */
function edit(doc: string, rnd: () => number, starts: readonly number[]): string {
  const near = starts[Math.floor(rnd() * starts.length)] + Math.floor(rnd() * 80) - 40;
  const r = rnd();
  const at = r < 0.45 ? Math.max(0, Math.min(doc.length, near)) : r < 0.55 ? Math.max(0, doc.length - Math.floor(rnd() * 700)) : Math.floor(rnd() * (doc.length + 1));
  // Now and then a paste of a few kB (as long as pieces are).
  if (rnd() < 0.08) return doc.slice(0, at) + randomDraft(Math.floor(rnd() * 1000), 2000 + rnd() * 6000).slice(40) + doc.slice(at);
  const cut = rnd() < 0.4 ? Math.floor(rnd() * (rnd() < 0.1 ? 3000 : 40)) : 0;
  const add = rnd() < 0.8 ? SNIPPETS[Math.floor(rnd() * SNIPPETS.length)] : '';
  return doc.slice(0, at) + add + doc.slice(Math.min(doc.length, at + cut));
}

describe('replanning pieces after an edit', () => {
  it('finds the common start and end of two texts', () => {
    const a = 'abc'.repeat(5000);
    const b = a.slice(0, 7000) + 'XY' + a.slice(7001);
    expect(commonPrefix(a, b)).toBe(7000);
    expect(commonSuffix(a, b, 7000)).toBe(a.length - 7001);
    expect(commonPrefix(a, a + 'z')).toBe(a.length);
    expect(commonSuffix(a, 'c' + a, a.length)).toBe(0);
    expect(commonSuffix('aaaa', 'aa', 1)).toBe(1);
  });

  it('gives the pieces planned from scratch, edit after edit', () => {
    let edited = 0;
    for (let seed = 1; seed <= 6; seed++) {
      const rnd = mulberry32(seed * 7919);
      let doc = randomDraft(seed, 30_000 + seed * 4000);
      let plan = planPieces(doc);
      for (let step = 0; step < 60; step++) {
        doc = step === 20 ? doc.slice(0, 500) : edit(doc, rnd, plan.cuts);
        if (step === 21) doc = randomDraft(seed + 100, 20_000);
        plan = replanPieces(plan, doc);
        const fresh = planPieces(doc);
        expect(view(plan.pieces), `seed ${seed} step ${step}`).toEqual(view(fresh.pieces));
        expect(plan.cuts).toEqual(fresh.cuts);
        expect(plan.doc).toBe(doc);
        if (plan.made === 'edit') edited++;
      }
    }
    // Most edits are planned from the text before (not from scratch).
    expect(edited).toBeGreaterThan(6 * 60 * 0.5);
  });

  it('takes over the pieces away from an edit (the same parses)', () => {
    const doc = randomDraft(3, 80_000).replace(/\]:/g, ')');
    const plan = planPieces(doc);
    expect(plan.pieces.length).toBeGreaterThan(8);
    const mid = plan.pieces[Math.floor(plan.pieces.length / 2)];
    const at = mid.start + 10;
    const next = replanPieces(plan, doc.slice(0, at) + 'typed' + doc.slice(at));
    const same = next.pieces.filter((p, i) => plan.pieces.includes(p) || p.result === plan.pieces[i]?.result || plan.pieces.some((q) => q.result === p.result && q.start + 5 === p.start));
    expect(same.length).toBeGreaterThanOrEqual(plan.pieces.length - 3);
    // Those after the edit moved by the five characters typed.
    const last = next.pieces[next.pieces.length - 1];
    expect(last.result).toBe(plan.pieces[plan.pieces.length - 1].result);
    expect(last.start).toBe(plan.pieces[plan.pieces.length - 1].start + 5);
  });
});
