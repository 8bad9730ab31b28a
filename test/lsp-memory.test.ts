// When the language server collects its heap in full (memory.ts): after a check once the heap grew
// past the budget, after a quiet moment once it grew past the slack, and never while edits keep
// coming below the budget. With a stand-in heap and collector, and fake timers (no timing).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fullCollection, heldBytes, MemoryKeeper } from '../server/src/lsp/memory.js';

const MB = 1024 * 1024;

function keeper() {
  const heap = { held: 10 * MB };
  const collected: number[] = [];
  const k = new MemoryKeeper({
    budget: 16 * MB,
    quietMs: 300,
    quietSlack: 4 * MB,
    held: () => heap.held,
    collect: () => {
      collected.push(heap.held);
      heap.held = 10 * MB;
    },
  });
  return { heap, collected, k };
}

describe('MemoryKeeper', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('collects after a check once the heap grew past the budget, not before', () => {
    const { heap, collected, k } = keeper();
    heap.held += 15 * MB;
    k.checked();
    expect(collected).toEqual([]);
    heap.held += 2 * MB;
    k.checked();
    expect(collected).toEqual([27 * MB]);
    expect(k.collections).toBe(1);
    k.dispose();
  });

  it('collects after a quiet moment once the heap grew past the slack; edits put it off', () => {
    const { heap, collected, k } = keeper();
    heap.held += 5 * MB;
    k.checked();
    expect(collected).toEqual([]);
    vi.advanceTimersByTime(200);
    k.busy();
    vi.advanceTimersByTime(200);
    expect(collected).toEqual([]);
    vi.advanceTimersByTime(100);
    expect(collected).toEqual([15 * MB]);
    // Nothing grew since: no second collection on the next quiet moment.
    k.busy();
    vi.advanceTimersByTime(1000);
    expect(collected).toEqual([15 * MB]);
    heap.held += 3 * MB;
    k.busy();
    vi.advanceTimersByTime(1000);
    expect(collected).toEqual([15 * MB]);
    k.dispose();
  });

  it('forgets its timer when disposed', () => {
    const { heap, collected, k } = keeper();
    heap.held += 8 * MB;
    k.busy();
    k.dispose();
    vi.advanceTimersByTime(1000);
    expect(collected).toEqual([]);
  });
});

describe('full collection', () => {
  it('is at hand without --expose-gc, and frees what nothing holds', () => {
    const gc = fullCollection();
    expect(typeof gc).toBe('function');
    // Large arrays, kept through one collection (they move to the old generation) ...
    let junk: number[][] | undefined = Array.from({ length: 20 }, () => new Array<number>(128 * 1024).fill(1.5));
    gc!();
    const before = heldBytes();
    expect(junk.length).toBe(20);
    // ... and let go: the next one frees them.
    junk = undefined;
    gc!();
    expect(heldBytes()).toBeLessThan(before - 5 * MB);
  });
});
