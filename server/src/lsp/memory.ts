// The server's memory. Two things make a long draft's server big, neither of them what it keeps:
// - V8 doubles the young generation (two semi-spaces) up to 2 x 16 MB once much survives a
//   scavenge, which checking a long draft makes happen; the server keeps it at its initial size
//   (keepYoungGenerationSmall: the flag is read each time V8 would grow it, so it can be set from
//   inside; the maximum size cannot).
// - V8 collects the old generation only once it has grown well past what survived the last full
//   collection, and every edit leaves garbage there: each version's text (a flat copy of the whole
//   draft, in large-object space, kept until a full collection), the last check's findings and
//   diagnostics; about a megabyte per edit of a 0.8 MB draft.
// So the server collects in full itself, at moments when no one waits for it: after `quietMs` of
// quiet (no edit, no check) once the heap holds `quietSlack` bytes more than after the last full
// collection, and, while edits come without a pause, right after a check's diagnostics are written
// (the editor is reading them) once it holds `budget` bytes more.
// Not part of the engine: only the language server, a long-running process, does this.
import * as v8 from 'node:v8';
import * as vm from 'node:vm';

/** Bytes in use in the old generation and large-object space (what only a full collection frees). */
export function heldBytes(): number {
  let n = 0;
  for (const s of v8.getHeapSpaceStatistics()) if (s.space_name === 'old_space' || s.space_name === 'large_object_space') n += s.space_used_size;
  return n;
}

let gcFunction: (() => void) | null | undefined;

/**
 * V8's full collection (`gc`, as with --expose-gc), taken without starting node with the flag;
 * undefined when it cannot be had.
 */
export function fullCollection(): (() => void) | undefined {
  if (gcFunction === undefined) {
    const given = (globalThis as { gc?: unknown }).gc;
    gcFunction = typeof given === 'function' ? (given as () => void) : null;
    if (!gcFunction) {
      try {
        v8.setFlagsFromString('--expose-gc');
        const gc: unknown = vm.runInNewContext('gc');
        gcFunction = typeof gc === 'function' ? (gc as () => void) : null;
      } catch {
        gcFunction = null;
      } finally {
        v8.setFlagsFromString('--no-expose-gc');
      }
    }
  }
  return gcFunction ?? undefined;
}

/** Keeps V8's young generation at its initial size (see above). */
export function keepYoungGenerationSmall(): void {
  try {
    v8.setFlagsFromString('--semi-space-growth-factor=1');
  } catch {
    // an engine without the flag: nothing to keep
  }
}

export interface MemoryOptions {
  /** Collect after a check once the heap holds this many more bytes than after the last collection. */
  budget: number;
  /** Collect after this many milliseconds of quiet ... */
  quietMs: number;
  /** ... once the heap holds this many more bytes than after the last collection. */
  quietSlack: number;
  /** A full collection (default: V8's). */
  collect?: () => void;
  /** What the heap holds (default: heldBytes). */
  held?: () => number;
}

const MB = 1024 * 1024;
export const MEMORY_DEFAULTS: MemoryOptions = Object.freeze({ budget: 16 * MB, quietMs: 300, quietSlack: 4 * MB });

export class MemoryKeeper {
  private readonly collectFn: (() => void) | undefined;
  private readonly held: () => number;
  /** What the heap held after the last collection (or at the start). */
  private baseline: number;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Full collections made here. */
  collections = 0;

  constructor(private readonly options: MemoryOptions = MEMORY_DEFAULTS) {
    this.collectFn = options.collect ?? fullCollection();
    this.held = options.held ?? heldBytes;
    this.baseline = this.held();
  }

  /** Something happened (an edit, a request): the collection on quiet waits for the next quiet. */
  busy(): void {
    if (!this.collectFn) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.collectIfGrown(this.options.quietSlack);
    }, this.options.quietMs);
    this.timer.unref?.();
  }

  /** A check's diagnostics are written: collect now if the heap grew past the budget. */
  checked(): void {
    this.collectIfGrown(this.options.budget);
    this.busy();
  }

  private collectIfGrown(slack: number): void {
    if (!this.collectFn || this.held() - this.baseline < slack) return;
    this.collectFn();
    this.collections++;
    this.baseline = this.held();
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
