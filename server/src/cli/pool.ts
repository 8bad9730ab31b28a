// `--jobs N`: drafts checked on N threads, the main thread and N-1 workers. Each worker is the CLI
// bundle itself started again (bin.ts sees the worker data and runs `runWorker` instead of the
// CLI), loads each set of facts once, says it is ready, and then takes drafts from a queue in small
// batches, so a few long drafts do not hold up the rest. The main thread checks drafts one at a
// time from the start (the workers take a moment to load), and hands every outcome on strictly in
// the drafts' order; it alone prints and writes the cache.
import { Worker, parentPort } from 'node:worker_threads';
import { checkDraft, errorText, type CheckFn, type DraftOutcome, type RuleMap } from './checkdraft.js';
import { nodeDraftFs } from './read.js';

const TAG = 'factlint-worker/1';

/** What a worker is started with. */
export interface WorkerSetup {
  tag: typeof TAG;
  /** Each distinct set of facts paths. */
  factsSets: string[][];
  /** Each distinct (facts set, rules) pair a draft is checked with. */
  profiles: { facts: number; rules: RuleMap }[];
  /** The cache's key salt (--cache). */
  salt?: string;
}

/** One draft to check: its place in the list of tasks, path, profile and stored cache key. */
export interface PoolTask {
  index: number;
  abs: string;
  profile: number;
  storedKey?: string;
}

/** A batch of drafts for a worker; it answers with the batch's id and one outcome per draft. */
export type ToWorker = { batch: number; tasks: PoolTask[] };
/** A worker's answer to a batch, or word that it has loaded the facts and takes batches. */
export type FromWorker = { batch: number; done: [number, DraftOutcome][] } | { ready: true };

export function workerSetup(factsSets: string[][], profiles: WorkerSetup['profiles'], salt: string | undefined): WorkerSetup {
  return { tag: TAG, factsSets, profiles, salt };
}

export function isWorkerSetup(data: unknown): data is WorkerSetup {
  return !!data && typeof data === 'object' && (data as { tag?: unknown }).tag === TAG;
}

export interface RunOptions {
  tasks: readonly PoolTask[];
  /** Called once per task, in the tasks' order. */
  deliver: (task: PoolTask, outcome: DraftOutcome) => void;
  /** Checks a task in this thread (with `helpHere`, and for what is left when no worker is left). */
  local: (task: PoolTask) => DraftOutcome;
  /**
   * This thread checks drafts too, one at a time between the workers' answers: from the start,
   * while the workers are still loading, and alongside them after.
   */
  helpHere?: boolean;
  /** At most this many tasks past the first undelivered one are handed out (bounds memory). */
  window?: number;
}

interface Slot {
  worker: Worker;
  /** It has loaded the facts (batches go to ready workers only). */
  ready: boolean;
  /** Batches sent and not answered yet. */
  batches: Map<number, PoolTask[]>;
  /** Why it stopped, once it has. */
  lost?: string;
}

/**
 * Worker threads started early (they load the bundle and the facts while the main thread loads
 * its own copy of the facts), then given the drafts once with `run`.
 */
export class WorkerPool {
  private readonly slots: Slot[] = [];
  /** The running `run`'s reaction to a worker's answer, readiness or loss. */
  private onChange?: (slot: Slot, msg?: FromWorker) => void;
  private closed = false;

  constructor(script: string, workers: number, setup: WorkerSetup) {
    for (let i = 0; i < workers; i++) {
      // Whatever a worker would print to stdout is dropped: only the main thread writes the report.
      const worker = new Worker(script, { workerData: setup, stdout: true });
      worker.stdout.resume();
      const slot: Slot = { worker, ready: false, batches: new Map() };
      this.slots.push(slot);
      worker.on('message', (msg: FromWorker) => {
        if (slot.lost) return;
        if ('ready' in msg) slot.ready = true;
        this.onChange?.(slot, msg);
      });
      const lost = (why: string) => {
        if (slot.lost || this.closed) return;
        slot.lost = why;
        void worker.terminate().catch(() => 0);
        this.onChange?.(slot);
      };
      worker.on('error', (err) => lost(err instanceof Error ? err.message : String(err)));
      worker.on('exit', (code) => lost(`exit code ${code}`));
    }
  }

  /** Stops the workers. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate().catch(() => 0)));
  }

  /** Checks the tasks; resolves when every task is delivered (the workers stay up until `close`), with how many were checked in this thread. */
  run(o: RunOptions): Promise<{ here: number }> {
    const tasks = o.tasks;
    const n = tasks.length;
    if (tasks.some((t, i) => t.index !== i)) throw new Error("WorkerPool: each task's index must be its place in the list");
    const window = Math.max(1, o.window ?? 1024);
    // Small batches balance the work; two per worker in flight hide the round trips.
    const batchSize = Math.max(1, Math.min(8, Math.ceil(n / (Math.max(1, this.slots.length) * 16))));
    const inFlightPerWorker = 2;
    const pending = new Map<number, DraftOutcome>();
    let nextOut = 0;
    let nextIn = 0;
    let batchIds = 0;
    let here = 0;

    return new Promise<{ here: number }>((resolve, reject) => {
      let settled = false;
      let localQueued = false;
      const finish = (err?: unknown) => {
        if (settled) return;
        settled = true;
        this.onChange = undefined;
        if (err === undefined) resolve({ here });
        else reject(err);
      };
      const alive = () => this.slots.filter((s) => !s.lost);
      const open = () => nextIn < n && nextIn < nextOut + window;

      const flush = () => {
        while (pending.has(nextOut)) {
          const outcome = pending.get(nextOut)!;
          pending.delete(nextOut);
          o.deliver(tasks[nextOut], outcome);
          nextOut++;
        }
      };

      const feed = () => {
        for (const slot of alive()) {
          if (!slot.ready) continue;
          while (slot.batches.size < inFlightPerWorker && open()) {
            const batch = tasks.slice(nextIn, Math.min(n, nextIn + batchSize, nextOut + window));
            nextIn += batch.length;
            const id = batchIds++;
            slot.batches.set(id, batch);
            slot.worker.postMessage({ batch: id, tasks: batch } satisfies ToWorker);
          }
        }
      };

      // This thread's share: one draft, then back to the event loop for the workers' answers.
      const helpLater = () => {
        if (!o.helpHere || localQueued || settled || !open()) return;
        localQueued = true;
        setImmediate(() => {
          localQueued = false;
          if (settled) return;
          if (open()) {
            const task = tasks[nextIn++];
            here++;
            try {
              pending.set(task.index, o.local(task));
            } catch (err) {
              finish(err);
              return;
            }
          }
          step();
        });
      };

      const step = () => {
        if (settled) return;
        try {
          flush();
          if (!alive().length) {
            // No worker left: check what is left here.
            while (nextIn < n) {
              const task = tasks[nextIn++];
              here++;
              pending.set(task.index, o.local(task));
              flush();
            }
          }
          feed();
          helpLater();
          if (nextOut >= n) finish();
        } catch (err) {
          finish(err);
        }
      };

      this.onChange = (slot, msg) => {
        if (slot.lost) {
          // The drafts it held are reported as internal errors; the other workers go on.
          for (const batch of slot.batches.values()) for (const t of batch) pending.set(t.index, { crashed: `worker stopped: ${slot.lost}` });
          slot.batches.clear();
        } else if (msg && 'batch' in msg) {
          const batch = slot.batches.get(msg.batch);
          if (!batch) return;
          slot.batches.delete(msg.batch);
          // Only the batch's own drafts; one the worker left out is an internal error.
          const done = new Map(msg.done);
          for (const t of batch) pending.set(t.index, done.get(t.index) ?? { crashed: 'the worker gave no outcome' });
        }
        step();
      };
      step();
    });
  }
}

/** Starts `workers` workers, checks the tasks on them (and here with `helpHere`), and stops them. */
export async function runPool(o: RunOptions & { script: string; workers: number; setup: WorkerSetup }): Promise<{ here: number }> {
  const pool = new WorkerPool(o.script, o.workers, o.setup);
  try {
    return await pool.run(o);
  } finally {
    await pool.close();
  }
}

/** The worker's side: checks the batches it is sent and posts the outcomes back. */
export async function runWorker(setup: WorkerSetup): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('not a worker');
  const { checkDocument } = await import('../engine/check.js');
  const { loadFactsFiles } = await import('../engine/facts/fsload.js');
  const { buildFactBase } = await import('../engine/claims/factbase.js');
  const { FactsCache, factsCacheDir } = await import('../engine/facts/diskcache.js');
  const cache = new FactsCache(factsCacheDir());
  const check = checkDocument as CheckFn;
  const bases = new Map<number, unknown>();
  const factsOf = (set: number): unknown => {
    if (!bases.has(set)) {
      const loaded = loadFactsFiles(setup.factsSets[set], { cache });
      if (loaded.data === undefined || loaded.problems.some((p) => p.severity === 'error')) {
        throw new Error(`the facts (${setup.factsSets[set].join(', ')}) did not load in a worker`);
      }
      type Args = Parameters<typeof buildFactBase>;
      bases.set(set, buildFactBase(loaded.data as Args[0], loaded.locations as Args[1]));
    }
    return bases.get(set);
  };
  const env = { fs: nodeDraftFs, check, salt: setup.salt };
  port.on('message', (msg: ToWorker) => {
    const done: [number, DraftOutcome][] = [];
    for (const task of msg.tasks) {
      let outcome: DraftOutcome;
      try {
        const profile = setup.profiles[task.profile];
        outcome = checkDraft({ abs: task.abs, rules: profile.rules, storedKey: task.storedKey }, factsOf(profile.facts), env);
      } catch (err) {
        outcome = { crashed: errorText(err) };
      }
      done.push([task.index, outcome]);
    }
    port.postMessage({ batch: msg.batch, done } satisfies FromWorker);
  });
  // Load the facts now, while the main thread loads its own copy; a failure is reported per draft.
  for (let i = 0; i < setup.factsSets.length; i++) {
    try {
      factsOf(i);
    } catch {
      // reported with each draft that needs these facts
    }
  }
  port.postMessage({ ready: true } satisfies FromWorker);
}
