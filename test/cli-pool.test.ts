// The worker pool (--jobs) hands outcomes on in the drafts' order even when workers answer out of
// order or die. The workers here are stand-ins speaking the pool's protocol.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DraftOutcome } from '../server/src/cli/checkdraft.js';
import { runPool, type PoolTask, type WorkerSetup } from '../server/src/cli/pool.js';

const temps: string[] = [];
afterAll(() => {
  for (const d of temps.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/**
 * A stand-in worker speaking the pool's protocol: says it is ready (after `slowStart` ms), answers
 * each batch after a random delay (so answers come back out of order, also within one worker),
 * with a diagnostic naming the task; stops dead (exit 3) on a draft whose path contains "die".
 */
function fakeWorker(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'factlint-pool-'));
  temps.push(dir);
  const file = path.join(dir, 'worker.js');
  fs.writeFileSync(
    file,
    `const { parentPort, workerData, threadId } = require('node:worker_threads');
if (workerData.slowStart) setTimeout(() => parentPort.postMessage({ ready: true }), workerData.slowStart);
else parentPort.postMessage({ ready: true });
parentPort.on('message', ({ batch, tasks }) => {
  if (tasks.some((t) => t.abs.includes('die'))) process.exit(3);
  setTimeout(() => {
    parentPort.postMessage({ batch, done: tasks.map((t) => [t.index, { diagnostics: [{ message: t.abs + ' p' + t.profile + ' ' + workerData.salt, thread: threadId }] }]) });
  }, Math.floor(Math.random() * 15));
});
`,
  );
  return file;
}

const setup = { tag: 'factlint-worker/1', factsSets: [], profiles: [], salt: 'S' } as unknown as WorkerSetup;

function tasksOf(names: string[]): PoolTask[] {
  return names.map((abs, index) => ({ index, abs, profile: index % 3 }));
}

function message(o: DraftOutcome): string {
  return 'diagnostics' in o ? o.diagnostics[0].message : 'crashed' in o ? `crashed: ${o.crashed}` : 'other';
}

describe('worker pool', () => {
  it('delivers every outcome once, in the tasks\' order, from several workers', async () => {
    const script = fakeWorker();
    const names = Array.from({ length: 300 }, (_, i) => `f${i}`);
    const seen: string[] = [];
    const threads = new Set<number>();
    await runPool({
      script,
      workers: 3,
      setup,
      tasks: tasksOf(names),
      window: 40,
      deliver: (task, outcome) => {
        seen.push(`${task.index}:${message(outcome)}`);
        if ('diagnostics' in outcome) threads.add((outcome.diagnostics[0] as unknown as { thread: number }).thread);
      },
      local: () => {
        throw new Error('no local checks expected');
      },
    });
    expect(seen).toEqual(names.map((n, i) => `${i}:${n} p${i % 3} S`));
    expect(threads.size).toBe(3);
  });

  it('a worker that dies: its drafts are internal errors, the rest are still checked, in order', async () => {
    const script = fakeWorker();
    const names = Array.from({ length: 60 }, (_, i) => (i === 17 ? 'die-17' : `f${i}`));
    const seen: string[] = [];
    await runPool({
      script,
      workers: 2,
      setup,
      tasks: tasksOf(names),
      deliver: (task, outcome) => seen.push(`${task.index}:${message(outcome)}`),
      local: (task) => ({ diagnostics: [{ message: `local ${task.abs}` }] }) as unknown as DraftOutcome,
    });
    expect(seen).toHaveLength(60);
    expect(seen.map((s) => Number(s.split(':')[0]))).toEqual(names.map((_, i) => i));
    expect(seen[17]).toBe('17:crashed: worker stopped: exit code 3');
    for (const [i, s] of seen.entries()) {
      if (s.includes('crashed')) continue;
      expect(s === `${i}:f${i} p${i % 3} S` || s === `${i}:local f${i}`).toBe(true);
    }
    expect(seen.filter((s) => s.includes('crashed')).length).toBeLessThanOrEqual(16);
  });

  it('when every worker dies, what is left is checked in this thread', async () => {
    const script = fakeWorker();
    // Batches of 2, two in flight per worker: the first batch of each worker holds a "die".
    const names = Array.from({ length: 40 }, (_, i) => (i < 8 ? `die-${i}` : `f${i}`));
    const seen: string[] = [];
    await runPool({
      script,
      workers: 2,
      setup,
      tasks: tasksOf(names),
      deliver: (task, outcome) => seen.push(message(outcome)),
      local: (task) => ({ diagnostics: [{ message: `local ${task.abs}` }] }) as unknown as DraftOutcome,
    });
    expect(seen).toHaveLength(40);
    expect(seen.slice(0, 8).every((s) => s.startsWith('crashed: worker stopped'))).toBe(true);
    expect(seen.slice(8)).toEqual(names.slice(8).map((n) => `local ${n}`));
  });

  it('with helpHere, this thread checks drafts from the start and alongside the workers, in order', async () => {
    const script = fakeWorker();
    const names = Array.from({ length: 200 }, (_, i) => `f${i}`);
    const seen: string[] = [];
    const { here } = await runPool({
      script,
      workers: 2,
      setup: { ...setup, slowStart: 100 } as WorkerSetup,
      tasks: tasksOf(names),
      helpHere: true,
      deliver: (task, outcome) => seen.push(`${task.index}:${message(outcome)}`),
      local: (task) => {
        const until = Date.now() + 2;
        while (Date.now() < until); // a draft takes a moment
        return { diagnostics: [{ message: `local ${task.abs}` }] } as unknown as DraftOutcome;
      },
    });
    expect(seen).toHaveLength(200);
    for (const [i, s] of seen.entries()) expect(s === `${i}:f${i} p${i % 3} S` || s === `${i}:local f${i}`).toBe(true);
    // The workers were not ready for 100 ms: the first drafts were checked here.
    expect(seen[0]).toBe('0:local f0');
    expect(here).toBe(seen.filter((s) => s.includes(':local ')).length);
    expect(here).toBeLessThan(200);
  });

  it('an error thrown while delivering stops the pool and rejects', async () => {
    const script = fakeWorker();
    const run = runPool({
      script,
      workers: 2,
      setup,
      tasks: tasksOf(['a', 'b', 'c', 'd']),
      deliver: (task) => {
        if (task.index === 2) throw new Error('stdout is gone');
      },
      local: () => ({ skipped: 'x' }),
    });
    await expect(run).rejects.toThrow('stdout is gone');
  });
});
