// The fuzzer proper (bundled and started by fuzz.mjs; see there for the options).
//
// This process generates inputs from the seed (fast-check arbitraries, in batches of 100) and hands
// them one by one to a worker thread (worker.ts) that runs the engine and checks the invariants
// (invariants.ts). A worker that does not answer in time is a hang: it is terminated, the input
// saved, and a fresh worker carries on (runner.ts).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import fc from 'fast-check';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { adversarial, anyDraft, anyString, deepNesting, factsDataMutation, factsTextMutation, longDoc, markdownDoc, tokenSoup } from './arbitraries.js';
import { Runner, type Job } from './runner.js';

const BATCH = 100;
/** ms per 10 kB (at least this much for any input). */
const BUDGET_PER_10KB = 200;
/** Wall time after which a worker that has not answered is taken to hang. */
const HANG_MS = 10_000;

// ---------------------------------------------------------------------------------------------
// Main thread

interface Options {
  seed: number;
  count: number;
  root: string;
  failures: string;
  replay?: string;
  quiet: boolean;
}

function parseOptions(argv: string[]): Options {
  const root = process.env.FACTLINT_ROOT ?? process.cwd();
  const o: Options = { seed: 20260130, count: 100_000, root, failures: path.join(root, 'test', 'fuzz', 'failures'), quiet: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = () => inline ?? argv[++i];
    if (flag === '--seed') o.seed = Number(value());
    else if (flag === '--count') o.count = Number(value());
    else if (flag === '--replay') o.replay = value();
    else if (flag === '--failures') o.failures = path.resolve(value());
    else if (flag === '--quiet') o.quiet = true;
    else if (flag === '--help' || flag === '-h') {
      process.stdout.write(USAGE);
      process.exit(0);
    } else {
      process.stderr.write(`fuzz: unknown option ${a}\n${USAGE}`);
      process.exit(2);
    }
  }
  if (!Number.isSafeInteger(o.seed) || !Number.isSafeInteger(o.count) || o.count < 0) {
    process.stderr.write(`fuzz: --seed and --count take whole numbers\n`);
    process.exit(2);
  }
  return o;
}

const USAGE = `Usage: npm run fuzz -- [--seed N] [--count N] [--replay FILE] [--failures DIR] [--quiet]
  --seed N       first seed (default 20260130); inputs are generated in batches of ${BATCH}, batch k from seed N+k
  --count N      inputs to try (default 100000)
  --replay FILE  run one saved input (a .txt from the failures folder; its .json says the kind)
  --failures DIR where failing inputs go (default test/fuzz/failures, gitignored)
`;

/** The input generators, by kind; each batch draws a kind per input from this weighted list. */
function generators(good: { yaml: string; json: string; data: unknown }): { kind: string; weight: number; arb: fc.Arbitrary<Omit<Job, 'id' | 'deep'>> }[] {
  const draft = (arb: fc.Arbitrary<string>) => arb.map((text) => ({ kind: 'draft', text }));
  return [
    { kind: 'draft:markdown', weight: 34, arb: draft(markdownDoc(16)).map((j) => ({ ...j, kind: 'draft:markdown' })) },
    { kind: 'draft:soup', weight: 18, arb: draft(tokenSoup(150)).map((j) => ({ ...j, kind: 'draft:soup' })) },
    { kind: 'draft:string', weight: 18, arb: draft(anyString(500)).map((j) => ({ ...j, kind: 'draft:string' })) },
    { kind: 'draft:adversarial', weight: 5, arb: draft(adversarial(1500)).map((j) => ({ ...j, kind: 'draft:adversarial' })) },
    { kind: 'draft:nesting', weight: 3, arb: draft(deepNesting(300)).map((j) => ({ ...j, kind: 'draft:nesting' })) },
    { kind: 'draft:long', weight: 1, arb: draft(longDoc()).map((j) => ({ ...j, kind: 'draft:long' })) },
    { kind: 'draft:large', weight: 1, arb: draft(anyDraft('large')).map((j) => ({ ...j, kind: 'draft:large' })) },
    { kind: 'facts:yaml-text', weight: 7, arb: factsTextMutation(good.yaml).map((text) => ({ kind: 'facts:yaml-text', text, file: 'fuzz.facts.yaml' })) },
    { kind: 'facts:json-text', weight: 4, arb: factsTextMutation(good.json).map((text) => ({ kind: 'facts:json-text', text, file: 'fuzz.facts.json' })) },
    {
      kind: 'facts:data',
      weight: 6,
      arb: fc
        .tuple(factsDataMutation(good.data as never), fc.boolean())
        .map(([data, json]) => ({ kind: 'facts:data', text: json ? JSON.stringify(data, null, 2) : stringifyYaml(data), file: json ? 'fuzz.facts.json' : 'fuzz.facts.yaml' })),
    },
  ];
}

async function main(): Promise<void> {
  const o = parseOptions(process.argv.slice(2));
  const factsFile = path.join(o.root, 'facts', 'amazon-openai.facts.yaml');
  const yaml = fs.readFileSync(factsFile, 'utf8');
  const data = parseYaml(yaml);
  const good = { yaml, data, json: JSON.stringify(data, null, 2) };
  const gens = generators(good);
  const pick = fc.oneof(...gens.map((g) => ({ weight: g.weight, arbitrary: g.arb })));

  if (o.replay) {
    const text = fs.readFileSync(o.replay, 'utf8');
    const metaFile = o.replay.replace(/\.txt$/, '.json');
    const meta = fs.existsSync(metaFile) ? (JSON.parse(fs.readFileSync(metaFile, 'utf8')) as Partial<Job>) : {};
    const job: Job = { id: 0, kind: meta.kind ?? 'draft', text, file: meta.file, deep: true };
    const runner = new Runner(workerScript(), o.root);
    // Once with every invariant checked (its problems are reported), then timed as the fuzzer
    // times an input: a warm worker, the invariants that double the work off, the best of three.
    const checked = await runner.run(job, HANG_MS);
    let out = checked;
    for (let k = 0; k < 3 && out !== 'hang'; k++) {
      const again = await runner.run({ ...job, deep: false }, HANG_MS);
      if (again === 'hang') out = again;
      else if (again.ms < out.ms) out = { ...again, problems: out.problems };
    }
    await runner.stop();
    const budget = budgetFor(job);
    process.stdout.write(`${job.kind}, ${text.length} chars: ${out === 'hang' ? 'HANG' : `${out.ms.toFixed(1)} ms, best of 3 warm runs (budget ${budget} ms)`}\n`);
    if (out !== 'hang') for (const p of out.problems) process.stdout.write(`  ${p}\n`);
    process.exitCode = out === 'hang' || out.problems.length || out.ms > budget ? 1 : 0;
    return;
  }

  const signatures = new Map<string, number>();
  const stats = { tried: 0, chars: 0, crashes: 0, slow: 0, hangs: 0, byKind: new Map<string, { n: number; ms: number }>(), worst: { ratio: 0, kind: '', ms: 0, length: 0 } };
  const started = performance.now();
  const runner = new Runner(workerScript(), o.root);
  const saved: string[] = [];
  let lastReport = started;
  const progress = (force = false) => {
    const now = performance.now();
    if (o.quiet || (!force && now - lastReport < 10_000)) return;
    lastReport = now;
    process.stderr.write(`fuzz: ${stats.tried}/${o.count} inputs, ${stats.crashes} crashes, ${stats.slow} slow, ${stats.hangs} hangs, ${((now - started) / 1000).toFixed(0)} s\n`);
  };

  for (let batch = 0; stats.tried < o.count; batch++) {
    const n = Math.min(BATCH, o.count - stats.tried);
    const seed = o.seed + batch;
    const inputs = fc.sample(pick, { seed, numRuns: n });
    for (let index = 0; index < inputs.length; index++) {
      const input = inputs[index];
      const id = stats.tried;
      // Determinism and the piece-vs-whole comparison on every 10th input (they double the work),
      // and on every long draft (parsed in pieces).
      const job: Job = { id, ...input, deep: id % 10 === 0 || input.kind === 'draft:long' };
      stats.tried++;
      stats.chars += job.text.length;
      const budget = budgetFor(job);
      let out = await runner.run(job, HANG_MS + budget);
      const save = (what: string, details: string[]) => {
        saved.push(saveFailure(o.failures, { seed, batch, index, id, what, job, details }));
      };
      const kind = stats.byKind.get(job.kind) ?? { n: 0, ms: 0 };
      stats.byKind.set(job.kind, kind);
      kind.n++;
      kind.ms += out === 'hang' ? HANG_MS + budget : out.ms;
      if (out === 'hang') {
        stats.hangs++;
        save('hang', [`no answer in ${HANG_MS + budget} ms`]);
        continue;
      }
      if (out.problems.length) {
        stats.crashes++;
        save('crash', out.problems);
        const sig = signature(out.problems[0]);
        signatures.set(sig, (signatures.get(sig) ?? 0) + 1);
      }
      if (out.ms > budget) {
        // A busy machine can stall one run: time it again (unless far over) and keep the faster.
        const again = out.ms > 3 * budget ? out : await runner.run({ ...job, deep: false }, HANG_MS + budget);
        const ms = again === 'hang' ? Infinity : Math.min(out.ms, again.ms);
        if (ms > budget) {
          stats.slow++;
          save('slow', [`${ms.toFixed(0)} ms for ${job.text.length} chars (budget ${budget} ms)`]);
        }
        out = { ...out, ms };
      }
      const ratio = out.ms / budget;
      if (ratio > stats.worst.ratio) stats.worst = { ratio, kind: job.kind, ms: out.ms, length: job.text.length };
      progress();
    }
  }
  await runner.stop();
  const secs = (performance.now() - started) / 1000;
  const kinds = [...stats.byKind].sort().map(([k, v]) => `${k} ${v.n} (${(v.ms / v.n).toFixed(1)} ms each)`).join(', ');
  process.stdout.write(
    [
      `fuzz: seed ${o.seed}, ${stats.tried} inputs (${(stats.chars / 1e6).toFixed(1)} M chars) in ${secs.toFixed(0)} s`,
      `  kinds: ${kinds}`,
      `  crashes (thrown, swallowed or broken invariants): ${stats.crashes}`,
      ...[...signatures].sort((a, b) => b[1] - a[1]).map(([sig, n]) => `    ${n} x ${sig}`),
      `  slow (over ${BUDGET_PER_10KB} ms per 10 kB, twice): ${stats.slow}`,
      `  hangs (no answer in ${HANG_MS / 1000} s): ${stats.hangs}`,
      `  slowest relative to budget: ${stats.worst.kind}, ${stats.worst.length} chars, ${stats.worst.ms.toFixed(1)} ms (${(stats.worst.ratio * 100).toFixed(0)}% of budget)`,
      ...(saved.length ? [`  saved ${saved.length} failing inputs under ${o.failures}:`, ...saved.slice(0, 20).map((s) => `    ${s}`)] : []),
      '',
    ].join('\n'),
  );
  process.exitCode = stats.crashes || stats.slow || stats.hangs ? 1 : 0;
}

/** What a crash is about: its first line and the first engine frame, without positions. */
function signature(problem: string): string {
  const lines = problem.split('\n');
  const frame = lines.slice(1).find((l) => /^\s+at .*server\/src\//.test(l))?.trim().replace(/:\d+:\d+\)?$/, '') ?? '';
  return `${lines[0].slice(0, 140)}${frame ? ` (${frame})` : ''}`;
}

function workerScript(): string {
  const script = process.env.FACTLINT_FUZZ_WORKER;
  if (!script) throw new Error('start the fuzzer with `npm run fuzz` (node test/fuzz/fuzz.mjs)');
  return script;
}

function budgetFor(job: Pick<Job, 'text' | 'kind'>): number {
  // Facts inputs also check a draft against the facts when they load.
  const extra = job.kind.startsWith('facts:') ? 400 : 0;
  return Math.max(BUDGET_PER_10KB, Math.ceil((BUDGET_PER_10KB * job.text.length) / 10_240)) + extra;
}

function saveFailure(dir: string, f: { seed: number; batch: number; index: number; id: number; what: string; job: Job; details: string[] }): string {
  fs.mkdirSync(dir, { recursive: true });
  const name = `${f.what}-seed${f.seed}-${f.index}`;
  const txt = path.join(dir, `${name}.txt`);
  fs.writeFileSync(txt, f.job.text);
  const meta = { what: f.what, kind: f.job.kind, file: f.job.file, seed: f.seed, index: f.index, input: f.id, length: f.job.text.length, details: f.details.map((d) => d.slice(0, 4000)) };
  fs.writeFileSync(path.join(dir, `${name}.json`), JSON.stringify(meta, null, 2) + '\n');
  return `${path.basename(txt)}: ${f.details[0]?.split('\n')[0].slice(0, 160) ?? ''}`;
}

await main();
