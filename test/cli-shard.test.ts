import * as fs from 'node:fs';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { parseArgs, USAGE } from '../server/src/cli/args.js';
import { parseShard, selectShard } from '../server/src/cli/shard.js';
import { fakeEngine, run, tree } from './fixtures/cli/harness.js';

const temps: string[] = [];
function t(files: Record<string, string>): string {
  const d = tree(files);
  temps.push(d);
  return d;
}
afterEach(() => {
  for (const d of temps.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const files = (stdout: string) => (JSON.parse(stdout) as { file: string }[]).map((e) => e.file);
const names = (n: number) => Array.from({ length: n }, (_, i) => `drafts/${String.fromCharCode(97 + (i % 26))}/${i}.md`);

describe('--shard parsing', () => {
  it('reads INDEX/COUNT, 1-based', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    expect(parseShard('1/1')).toEqual({ index: 1, count: 1 });
    const p = parseArgs(['--shard', '3/3', 'a.md']);
    expect(p.ok && p.options.shard).toEqual({ index: 3, count: 3 });
    const q = parseArgs(['--shard=1/2']);
    expect(q.ok && q.options.shard).toEqual({ index: 1, count: 2 });
  });

  it.each([['0/4'], ['5/4'], ['1/0'], ['2'], ['a/b'], ['-1/2'], ['1/2/3']])('rejects --shard %s (exit 2, usage)', async (v) => {
    const cwd = t({ 'a.md': 'x\n' });
    const r = await run(['--shard', v, 'a.md'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^factlint: --shard/);
    expect(r.stderr).toContain(USAGE);
  });

  it('needs a value', async () => {
    const r = await run(['--shard'], { cwd: t({ 'a.md': 'x\n' }) });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--shard needs INDEX/COUNT');
  });

  it('is documented in --help', () => {
    expect(USAGE).toMatch(/--shard I\/N/);
  });
});

describe('selectShard', () => {
  it('the shards partition the drafts: union = all, no overlap, sizes within one, order kept', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ minLength: 1, maxLength: 12 }), { maxLength: 60 }), fc.integer({ min: 1, max: 9 }), (paths, count) => {
        const parts = Array.from({ length: count }, (_, i) => selectShard(paths, { index: i + 1, count }, (p) => p));
        const all = parts.flat();
        expect(all.length).toBe(paths.length);
        expect(new Set(all)).toEqual(new Set(paths));
        const sizes = parts.map((p) => p.length);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
        for (const p of parts) expect(p).toEqual(paths.filter((x) => p.includes(x)));
      }),
    );
  });

  it('does not depend on the order the drafts were found in', () => {
    const paths = names(40);
    const shuffled = [...paths].reverse();
    for (let i = 1; i <= 4; i++) {
      const a = selectShard(paths, { index: i, count: 4 }, (p) => p);
      const b = selectShard(shuffled, { index: i, count: 4 }, (p) => p);
      expect(new Set(b)).toEqual(new Set(a));
    }
  });

  it('a new draft moves at most one other draft per boundary', () => {
    const paths = names(200);
    const count = 5;
    const shardOf = (list: string[]) => {
      const m = new Map<string, number>();
      for (let i = 1; i <= count; i++) for (const p of selectShard(list, { index: i, count }, (x) => x)) m.set(p, i);
      return m;
    };
    const before = shardOf(paths);
    const after = shardOf([...paths, 'drafts/new/extra.md']);
    const moved = paths.filter((p) => before.get(p) !== after.get(p));
    expect(moved.length).toBeLessThanOrEqual(count - 1);
  });
});

describe('factlint --shard i/n', () => {
  const drafts = Object.fromEntries(names(23).map((n, i) => [n, i % 3 ? 'fine\n' : 'WARN\n']));

  it('the n runs together check every draft exactly once', async () => {
    const cwd = t(drafts);
    const whole = await run(['--format', 'json'], { cwd });
    expect(files(whole.stdout)).toHaveLength(23);
    for (const count of [1, 2, 3, 7]) {
      const seen: string[] = [];
      for (let i = 1; i <= count; i++) {
        const engine = fakeEngine();
        const r = await run(['--format', 'json', '--shard', `${i}/${count}`], { cwd, deps: engine.deps });
        expect(r.code).toBe(0);
        const part = files(r.stdout);
        // Only this shard's drafts are read and checked.
        expect(engine.checks).toHaveLength(part.length);
        seen.push(...part);
      }
      expect([...seen].sort()).toEqual([...files(whole.stdout)].sort());
      expect(new Set(seen).size).toBe(seen.length);
    }
  });

  it('an empty shard is not an error', async () => {
    const cwd = t({ 'a.md': 'fine\n', 'b.md': 'fine\n' });
    const outs: string[][] = [];
    for (let i = 1; i <= 5; i++) {
      const r = await run(['--format', 'json', '--shard', `${i}/5`, 'a.md', 'b.md'], { cwd });
      expect(r).toMatchObject({ code: 0, stderr: '' });
      outs.push(files(r.stdout));
    }
    expect(outs.filter((o) => o.length === 0)).toHaveLength(3);
    expect(outs.flat().sort()).toEqual(['a.md', 'b.md']);
  });

  it('still fails when the paths match nothing at all', async () => {
    const r = await run(['--shard', '1/2', 'nothing/*.md'], { cwd: t({ 'a.md': 'x\n' }) });
    expect(r.code).toBe(2);
  });

  it('the exit code follows the shard\'s own findings', async () => {
    const cwd = t({ 'a.md': 'fine\n', 'b.md': 'Amazon $40 billion\n' });
    const codes: number[] = [];
    for (let i = 1; i <= 2; i++) codes.push((await run(['--shard', `${i}/2`, 'a.md', 'b.md'], { cwd })).code);
    expect(codes.sort()).toEqual([0, 1]);
  });
});
