// A worker thread running the engine for the fuzzer and the timed tests (bundled by strict.mjs, so
// exceptions swallowed by the engine's safety nets count as crashes). A hung check can then be
// stopped from outside: the caller terminates the worker (runner.ts).
//
// Messages in: Job; out: Outcome (ms: the time of the operation itself).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import * as engine from './engine.js';
import { draftProblems, factsProblems } from './invariants.js';

export interface Job {
  id: number;
  /**
   * draft:*  every invariant of a draft (invariants.ts);
   * facts:*  the facts parser's contract, then drafts checked against the facts if they load;
   * time     analyzeDocument only (for timing).
   */
  kind: string;
  text: string;
  /** For facts jobs: the file name (decides YAML or JSON). */
  file?: string;
  /** Also check determinism and pieces-versus-whole (twice the work). */
  deep?: boolean;
}

export interface Outcome {
  id: number;
  ms: number;
  problems: string[];
}

const { root } = workerData as { root: string };
const loaded = engine.loadFactsFiles([path.join(root, 'facts')]);
if (!loaded.data) throw new Error('the bundled facts do not load');
const base = engine.buildFactBase(loaded.data, loaded.locations);
const example = fs.readFileSync(path.join(root, 'test', 'fixtures', 'drafts', 'example.md'), 'utf8');
const bundledName = 'amazon-openai.facts.yaml';
const bundledParsed = engine.parseFactsText(fs.readFileSync(path.join(root, 'facts', bundledName), 'utf8'), bundledName);

const errorText = (e: unknown) => (e instanceof Error ? (e.stack ?? e.message) : String(e));

parentPort!.on('message', (job: Job) => {
  let problems: string[] = [];
  let ms = 0;
  try {
    if (job.kind === 'time') {
      engine.clearPieceCache();
      const t0 = performance.now();
      engine.analyzeDocument(job.text, base);
      ms = performance.now() - t0;
    } else {
      const t0 = performance.now();
      problems = job.kind.startsWith('facts:') ? factsJob(job) : draftProblems(engine, base, job.text, { determinism: job.deep });
      ms = performance.now() - t0;
    }
  } catch (e) {
    problems = [`worker: ${errorText(e)}`];
  }
  parentPort!.postMessage({ id: job.id, ms, problems } satisfies Outcome);
});

/** A facts file: parsed, merged with the bundled one, and if usable, a draft checked against it. */
function factsJob(job: Job): string[] {
  const file = job.file ?? 'fuzz.facts.yaml';
  let parsed: ReturnType<typeof engine.parseFactsText>;
  try {
    parsed = engine.parseFactsText(job.text, file);
  } catch (e) {
    return [`parseFactsText threw: ${errorText(e)}`];
  }
  const out = factsProblems(engine, job.text, file, parsed);
  try {
    const merged = engine.mergeFacts([parsed, bundledParsed]);
    if (merged.problems.some((p) => p.code === 'internal')) out.push('mergeFacts: internal error');
  } catch (e) {
    out.push(`mergeFacts threw: ${errorText(e)}`);
  }
  if (parsed.data && !parsed.problems.some((p) => p.severity === 'error')) {
    let fb;
    try {
      fb = engine.buildFactBase(parsed.data, parsed.locations);
    } catch (e) {
      out.push(`buildFactBase threw on facts the loader accepted: ${errorText(e)}`);
    }
    if (fb) out.push(...draftProblems(engine, fb, example, { figures: false, determinism: false }).map((p) => `example draft with these facts: ${p}`));
  }
  return out;
}
