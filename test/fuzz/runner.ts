// Runs jobs in a worker thread (worker.ts, bundled by strict.mjs) with a time limit: a job that
// does not answer in time is a hang, and the worker is terminated and replaced.
import { Worker } from 'node:worker_threads';
import type { Job, Outcome } from './worker.js';

export type { Job, Outcome };

export class Runner {
  private w?: Worker;
  private pending?: (o: Outcome) => void;
  private next = 0;

  /** `script`: the bundled worker (strict.mjs buildStrict); `root`: the repository. */
  constructor(
    private readonly script: string,
    private readonly root: string,
  ) {}

  private start(): Worker {
    const w = new Worker(this.script, { workerData: { root: this.root }, resourceLimits: { maxOldGenerationSizeMb: 2048 } });
    // Events of a worker terminated after a hang are not about the current job.
    const fail = (problem: string) => this.w === w && this.pending?.({ id: -1, ms: 0, problems: [problem] });
    w.on('message', (m: Outcome) => this.w === w && this.pending?.(m));
    w.on('error', (err) => fail(`worker died: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`));
    w.on('exit', (code) => {
      fail(`worker exited with code ${code}`);
      if (this.w === w) this.w = undefined;
    });
    w.unref();
    this.w = w;
    return w;
  }

  /** Runs a job; 'hang' if it takes longer than `timeout` ms (the worker is then replaced). */
  run(job: Omit<Job, 'id'>, timeout: number): Promise<Outcome | 'hang'> {
    const w = this.w ?? this.start();
    const id = this.next++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending = undefined;
        this.w = undefined;
        void w.terminate();
        resolve('hang');
      }, timeout);
      this.pending = (o) => {
        clearTimeout(timer);
        this.pending = undefined;
        resolve(o);
      };
      w.postMessage({ ...job, id } satisfies Job);
    });
  }

  async stop(): Promise<void> {
    const w = this.w;
    this.w = undefined;
    this.pending = undefined;
    if (w) await w.terminate();
  }
}
