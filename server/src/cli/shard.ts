// `--shard i/n`: checks the i-th of n parts of the drafts, so a CI matrix can split the work.
// Drafts are ordered by a hash of their path (relative to the working folder, forward slashes;
// ties by the path itself) and cut into n contiguous parts whose sizes differ by at most one.
// Every draft lands in exactly one part, the same one on every machine, and adding or removing a
// draft moves only the few drafts at the parts' edges to another part (so per-shard caches keep
// hitting).
import { createHash } from 'node:crypto';

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

/** "2/4" → {index: 2, count: 4}; a message for anything else. */
export function parseShard(value: string): Shard | string {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(value);
  if (!m) return `--shard needs INDEX/COUNT, e.g. --shard 1/4 (got "${value}")`;
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1) return `--shard ${value}: the count must be at least 1`;
  if (index < 1 || index > count) return `--shard ${value}: the index must be between 1 and ${count}`;
  return { index, count };
}

/** The items of `shard`, in their original order; `key` gives each item's path. */
export function selectShard<T>(items: readonly T[], shard: Shard, key: (item: T) => string): T[] {
  const keyed = items.map((item, at) => {
    const k = key(item);
    return { at, k, h: createHash('sha1').update(k).digest('hex') };
  });
  keyed.sort((a, b) => (a.h < b.h ? -1 : a.h > b.h ? 1 : a.k < b.k ? -1 : a.k > b.k ? 1 : a.at - b.at));
  const from = Math.floor(((shard.index - 1) * keyed.length) / shard.count);
  const to = Math.floor((shard.index * keyed.length) / shard.count);
  return keyed
    .slice(from, to)
    .map((e) => e.at)
    .sort((a, b) => a - b)
    .map((at) => items[at]);
}
