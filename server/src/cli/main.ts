// `factlint [options] [paths|globs...]`: checks Markdown drafts against the facts and prints a
// report; `factlint facts ...` hands over to the facts subcommands.
//
// The run goes in phases: collect drafts, resolve their configs, load each distinct set of facts
// once, then read and check each draft (on worker threads with --jobs) and print its part of the
// report as soon as it and every draft before it are done. Config or facts problems stop the run
// (exit 2) before anything reaches stdout.
import * as os from 'node:os';
import * as path from 'node:path';
import pkg from '../../../package.json';
import { ConfigResolver, type ConfigProblem, type ResolvedConfig } from '../engine/config/index.js';
import type { CheckOptions } from '../engine/check.js';
import type { Finding } from '../engine/types.js';
import { parseArgs, USAGE, type CliOptions } from './args.js';
import { cacheSalt, DEFAULT_CACHE_FILE, DraftCache } from './cache.js';
import { collectFiles, displayPath, type DraftFile } from './files.js';
import { cachedOutcome, checkDraft, type DraftOutcome, type RuleMap } from './checkdraft.js';
import { GithubStream } from './format/github.js';
import { JsonStream } from './format/json.js';
import { SarifStream } from './format/sarif.js';
import type { ReportStream } from './format/stream.js';
import { StylishStream } from './format/stylish.js';
import { WorkerPool, workerSetup, type PoolTask } from './pool.js';
import { nodeDraftFs, type DraftFs } from './read.js';
import { addCounts, type Counts, type Diagnostic, type FileReport } from './report.js';
import { selectShard } from './shard.js';

export { applyRules } from './checkdraft.js';

export const VERSION: string = (pkg as { version: string }).version;

export interface CliIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  /** The working folder: relative paths and the default search start here. */
  cwd: string;
  /** Environment (NO_COLOR, FORCE_COLOR, TERM); default none. */
  env?: Record<string, string | undefined>;
  /** Whether stdout is a terminal (colours by default). */
  isTTY?: boolean;
  /** The facts folder shipped with the package (dist/../facts). */
  bundledFactsDir: string;
  /** The CLI bundle, which worker threads run again (--jobs); without it drafts are checked in this thread. */
  workerScript?: string;
}

/** One facts problem, 1-based (the facts loader's FactsProblem). */
export interface FactsProblemLike {
  file: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  path?: string;
  message: string;
  severity: 'error' | 'warning';
  code?: string;
}

/** What loading facts files gives (the facts loader's ParsedFacts). */
export interface ParsedFactsLike {
  data?: unknown;
  problems: FactsProblemLike[];
  locations: Map<string, unknown>;
  file?: string;
}

export interface FactsCommandIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  cwd: string;
  color: boolean;
  bundledFactsDir: string;
}

/** The engine and the file system, injectable for tests; missing ones are the real modules. */
export interface CliDeps {
  loadFacts(paths: string[]): ParsedFactsLike;
  buildFactBase(loaded: ParsedFactsLike): unknown;
  check(text: string, facts: unknown, options: CheckOptions): Finding[];
  runFactsCommand(argv: string[], io: FactsCommandIO): Promise<number>;
  fs: DraftFs;
}

/** Rules whose default in the CLI differs from the catalog. */
export const CLI_RULE_DEFAULTS: RuleMap = { unsupported: 'off' };

export async function main(argv: string[], io: CliIO, deps: Partial<CliDeps> = {}): Promise<number> {
  const env = io.env ?? {};
  if (argv[0] === 'facts') {
    const run = deps.runFactsCommand ?? (await import('./facts/index.js')).runFactsCommand;
    return run(argv.slice(1), {
      stdout: io.stdout,
      stderr: io.stderr,
      cwd: io.cwd,
      color: useColor(undefined, env, io.isTTY),
      bundledFactsDir: io.bundledFactsDir,
    });
  }

  const parsed = parseArgs(argv);
  if (!parsed.ok) {
    io.stderr(`factlint: ${parsed.error}\n\n${USAGE}`);
    return 2;
  }
  const opts = parsed.options;
  if (opts.help) {
    io.stdout(USAGE);
    return 0;
  }
  if (opts.version) {
    io.stdout(`${VERSION}\n`);
    return 0;
  }
  try {
    return await lint(opts, io, deps);
  } catch (err) {
    io.stderr(`factlint: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return 2;
  }
}

async function lint(opts: CliOptions, io: CliIO, deps: Partial<CliDeps>): Promise<number> {
  const cwd = path.resolve(io.cwd);
  const color = useColor(opts.color, io.env ?? {}, io.isTTY);
  const warn = (s: string) => io.stderr(`${s}\n`);

  // 1. The drafts.
  const collected = collectFiles(opts.patterns, cwd);
  collected.messages.forEach(warn);
  const named = opts.patterns.length > 0;

  // 2. Their configs.
  const resolver = new ConfigResolver({
    bundledFactsDir: io.bundledFactsDir,
    configFile: opts.config ? path.resolve(cwd, opts.config) : undefined,
  });
  const configProblems = new Map<string, ConfigProblem[]>();
  let drafts: { file: DraftFile; resolved: ResolvedConfig }[] = [];
  for (const file of collected.files) {
    const resolved = resolver.resolveConfigFor(file.abs);
    if (resolved.configFile && !configProblems.has(resolved.configFile)) configProblems.set(resolved.configFile, resolved.problems);
    if (!file.explicit && resolver.isIgnored(file.abs)) continue;
    drafts.push({ file, resolved });
  }
  if (opts.config && !collected.files.length) {
    const resolved = resolver.resolveConfigFor(path.join(cwd, 'x.md'));
    if (resolved.configFile) configProblems.set(resolved.configFile, resolved.problems);
  }
  const allConfigProblems = [...configProblems.values()].flat();
  for (const p of allConfigProblems) warn(locatedProblem(cwd, p));
  if (allConfigProblems.some((p) => p.severity === 'error')) return 2;
  // Configs are data, but a config in a checked-out tree can still name any file: the CLI reads
  // facts outside the config's folder (the user ran it on this tree) and says which.
  if (!opts.facts.length && !opts.quiet) {
    const told = new Set<string>();
    for (const { resolved } of drafts) {
      if (!resolved.configFile || told.has(resolved.configFile)) continue;
      told.add(resolved.configFile);
      const dir = path.dirname(resolved.configFile);
      for (const f of resolved.config.facts ?? []) {
        const abs = path.resolve(dir, f);
        const rel = path.relative(dir, abs);
        if (rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) {
          warn(`${displayPath(cwd, resolved.configFile)}: note: facts "${f}" are outside the config's folder; reading ${abs}`);
        }
      }
    }
  }

  if (!drafts.length) {
    if (named) {
      warn('factlint: nothing to check');
      return 2;
    }
    io.stdout(formatReports([], opts, color, cwd));
    return 0;
  }
  // This job's part of the drafts (an empty part is not an error).
  if (opts.shard) drafts = selectShard(drafts, opts.shard, (d) => displayPath(cwd, d.file.abs));

  // 3. The facts: each distinct set loaded once (a folder stands for the *.facts.* files in it).
  const cliFacts = opts.facts.map((f) => path.resolve(cwd, f));
  const factsFor = new Map<string, unknown>();
  const draftFacts: string[] = [];
  let factsFailed = false;
  const sets = new Map<string, string[]>();
  for (const { resolved } of drafts) {
    const paths = cliFacts.length ? cliFacts : resolved.factsPaths;
    const key = [...paths].sort().join('\0');
    if (!sets.has(key)) sets.set(key, paths);
    draftFacts.push(key);
  }

  // Each distinct (facts, rules) pair a draft is checked with.
  const profiles: { facts: number; rules: RuleMap }[] = [];
  const profileIds = new Map<string, number>();
  const factsSetIds = new Map([...sets.keys()].map((k, i) => [k, i]));
  const tasks: (PoolTask & { file: DraftFile })[] = drafts.map(({ file, resolved }, index) => {
    const rules: RuleMap = { ...CLI_RULE_DEFAULTS, ...(resolved.config.rules ?? {}), ...opts.rules };
    const facts = factsSetIds.get(draftFacts[index])!;
    const id = `${facts}\0${JSON.stringify(rules)}`;
    let profile = profileIds.get(id);
    if (profile === undefined) {
      profile = profiles.length;
      profileIds.set(id, profile);
      profiles.push({ facts, rules });
    }
    return { index, abs: file.abs, profile, file };
  });

  // With --jobs, the workers start now and load the facts while this thread does the same. With
  // --cache they start later, and only for the drafts the cache does not hold (see below).
  const canUseWorkers = io.workerScript !== undefined && !injected(deps);
  let threads = threadCount(opts.jobs, tasks.length, canUseWorkers);
  // FACTLINT_DEBUG=jobs says how the drafts were checked; with workers-only the main thread
  // leaves the checking to the workers (for tests and benchmarks).
  const debug = (io.env ?? {}).FACTLINT_DEBUG ?? '';
  const startPool = (n: number) => new WorkerPool(io.workerScript!, n - 1, workerSetup([...sets.values()], profiles, opts.cache ? cacheSalt(VERSION) : undefined));
  let pool = threads > 1 && !opts.cache ? startPool(threads) : undefined;
  let here = 0;
  try {
    return await checkAndReport();
  } finally {
    await pool?.close();
    if (/\bjobs\b/.test(debug)) {
      const how = threads > 1 ? `${threads} threads (main and ${threads - 1} worker${threads > 2 ? 's' : ''})` : 'main thread only';
      warn(`factlint: ${tasks.length} drafts, ${how}: ${here} checked in the main thread`);
    }
  }

  async function checkAndReport(): Promise<number> {
    for (const [key, paths] of sets) {
      // Warnings of the bundled facts are the package's business, not the writer's.
      const bundled = paths.length === 1 && paths[0] === path.resolve(io.bundledFactsDir);
      const base = await loadFactBase(paths, cwd, deps, warn, !opts.quiet && !bundled);
      if (base === undefined) factsFailed = true;
      else factsFor.set(key, base);
    }
    if (factsFailed) return 2;

    // 4. Check each draft (in this thread, or on worker threads), and 5. report each one as soon
    // as it and every draft before it are done, in the drafts' order; nothing is kept per draft.
    const check = deps.check ?? ((await import('../engine/check.js')).checkDocument as CliDeps['check']);
    const fsys = deps.fs ?? nodeDraftFs;
    const cache = opts.cache ? DraftCache.open(opts.cacheLocation ?? DEFAULT_CACHE_FILE, cwd, VERSION, warn) : undefined;
    if (cache) for (const task of tasks) task.storedKey = cache.storedKey(task.abs);
    const factsList = [...sets.keys()].map((k) => factsFor.get(k));
    const env = { fs: fsys, check, salt: cache?.keySalt };
    // A task's draft, rules and facts, checked here, or looked up in the cache here.
    const inThread = (task: PoolTask, run: typeof checkDraft | typeof cachedOutcome) => {
      const profile = profiles[task.profile];
      return run({ abs: task.abs, rules: profile.rules, storedKey: task.storedKey }, factsList[profile.facts], env);
    };
    const local = (task: PoolTask): DraftOutcome => inThread(task, checkDraft)!;

    const stream = reportStream(io.stdout, opts, color, cwd);
    const counts: Counts = { errors: 0, warnings: 0, infos: 0, hints: 0 };
    let crashed = false;
    let skipped = 0;
    const deliver = (task: PoolTask, outcome: DraftOutcome) => {
      const file = tasks[task.index].file;
      if ('skipped' in outcome) {
        warn(`${file.display}: skipped: ${outcome.skipped}`);
        skipped++;
        return;
      }
      if ('crashed' in outcome) {
        warn(`${file.display}: internal error: ${outcome.crashed}`);
        crashed = true;
        return;
      }
      let diagnostics: Diagnostic[] | undefined = cache?.get(file.abs, outcome.key);
      if (!diagnostics) {
        if (!('diagnostics' in outcome)) {
          warn(`${file.display}: internal error: its cache entry is gone`);
          crashed = true;
          return;
        }
        diagnostics = outcome.diagnostics;
        cache?.set(file.abs, outcome.key, diagnostics);
      }
      if (opts.quiet) diagnostics = diagnostics.filter((d) => d.severity === 'error');
      const report: FileReport = { file: file.display, diagnostics };
      addCounts(counts, report);
      stream.file(report);
    };

    // With --cache, the drafts the cache holds are found here first (read and hashed), so that
    // workers start only when enough drafts are left to check: a CI re-run that changed a few
    // drafts checks them in this thread. The search stops once that many are found to check (the
    // workers find the cached ones among the rest themselves).
    const known = new Array<DraftOutcome | undefined>(tasks.length);
    let rest = tasks;
    if (cache && threads > 1) {
      let left = 0;
      for (let i = 0; i < tasks.length && left < CACHE_SEARCH_STOP; i++) {
        const outcome = inThread(tasks[i], cachedOutcome);
        if (outcome) known[i] = outcome;
        else left++;
      }
      rest = tasks.filter((_, i) => known[i] === undefined);
      threads = threadCount(opts.jobs, rest.length, canUseWorkers);
      if (threads > 1) pool = startPool(threads);
    }
    // Delivers the drafts found in the cache up to (not including) draft `upTo`, in order.
    let next = 0;
    const deliverKnown = (upTo: number) => {
      for (; next < upTo; next++) if (known[next]) deliver(tasks[next], known[next]!);
    };
    const deliverRest = (task: PoolTask, outcome: DraftOutcome) => {
      deliverKnown(task.index);
      deliver(task, outcome);
      next = task.index + 1;
    };
    if (pool) {
      // The pool numbers its tasks from 0.
      const numbered = rest.map((t, i) => ({ ...t, index: i }));
      ({ here } = await pool.run({
        tasks: numbered,
        deliver: (t, outcome) => deliverRest(rest[t.index], outcome),
        local: (t) => local(rest[t.index]),
        helpHere: !/\bworkers-only\b/.test(debug),
      }));
    } else {
      for (const task of rest) deliverRest(task, local(task));
      here = rest.length;
    }
    deliverKnown(tasks.length);

    cache?.save(warn);
    stream.end();

    let code = counts.errors > 0 ? 1 : 0;
    if (opts.maxWarnings !== undefined && counts.warnings > opts.maxWarnings) {
      warn(`factlint: too many warnings (${counts.warnings}; the maximum is ${opts.maxWarnings})`);
      code = 1;
    }
    if (skipped > 0 && skipped === drafts.length) {
      // Every draft was skipped: nothing was checked, which is not a pass.
      warn(`factlint: nothing was checked (${skipped === 1 ? 'the draft was' : `all ${skipped} drafts were`} skipped)`);
      return 2;
    }
    return crashed ? 2 : code;
  }
}

/** With --cache, the search for cached drafts before the workers start stops at this many to check. */
const CACHE_SEARCH_STOP = 32;

/** Below this many drafts the workers' start-up costs more than they save. */
export const MIN_DRAFTS_FOR_WORKERS = 16;
/** Drafts per thread at least (fewer drafts use fewer threads). */
const DRAFTS_PER_THREAD = 4;

/** How many threads check `drafts` drafts: the main thread and (result - 1) workers; 1 is the main thread alone. */
export function threadCount(jobs: number | undefined, drafts: number, canUseWorkers: boolean): number {
  if (!canUseWorkers || drafts < MIN_DRAFTS_FOR_WORKERS) return 1;
  const wanted = jobs ?? defaultJobs();
  return Math.max(1, Math.min(wanted, Math.ceil(drafts / DRAFTS_PER_THREAD)));
}

/** The default never starts more threads than this: each loads its own facts and engine (~150 MB). */
export const MAX_DEFAULT_JOBS = 8;

/** --jobs default: the CPUs this process may use, at most MAX_DEFAULT_JOBS. */
export function defaultJobs(cpus: number = os.availableParallelism()): number {
  return Math.max(1, Math.min(MAX_DEFAULT_JOBS, cpus));
}

/** Whether tests replaced part of the engine or the file system (workers would not see it). */
function injected(deps: Partial<CliDeps>): boolean {
  return !!(deps.check || deps.fs || deps.loadFacts || deps.buildFactBase);
}

/** Loads facts files and builds the fact base; prints problems; undefined on any error. */
async function loadFactBase(
  files: string[],
  cwd: string,
  deps: Partial<CliDeps>,
  warn: (s: string) => void,
  showWarnings: boolean,
): Promise<unknown> {
  let loaded: ParsedFactsLike;
  try {
    const load = deps.loadFacts ?? (await defaultLoadFacts());
    loaded = load(files);
  } catch (err) {
    warn(`factlint: cannot load the facts (${files.join(', ')}): ${err instanceof Error ? err.message : String(err)}`);
    return undefined;
  }
  const problems = [...loaded.problems].sort(
    (a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column,
  );
  const failed = problems.some((p) => p.severity === 'error');
  for (const p of problems) if (failed || showWarnings || p.severity === 'error') warn(locatedProblem(cwd, p));
  if (failed) return undefined;
  if (loaded.data === undefined) {
    warn(`factlint: no facts loaded from ${files.map((f) => displayPath(cwd, f)).join(', ')}`);
    return undefined;
  }
  try {
    const build = deps.buildFactBase ?? (await defaultBuildFactBase());
    return build(loaded);
  } catch (err) {
    warn(`factlint: cannot use the facts (${files.join(', ')}): ${err instanceof Error ? err.message : String(err)}`);
    return undefined;
  }
}

async function defaultLoadFacts(): Promise<CliDeps['loadFacts']> {
  const { loadFactsFiles } = await import('../engine/facts/fsload.js');
  // Facts that loaded without a problem before are read back from the user's cache folder.
  const { FactsCache, factsCacheDir } = await import('../engine/facts/diskcache.js');
  const cache = new FactsCache(factsCacheDir());
  return (paths) => loadFactsFiles(paths, { cache });
}

async function defaultBuildFactBase(): Promise<CliDeps['buildFactBase']> {
  const { buildFactBase } = await import('../engine/claims/factbase.js');
  type Args = Parameters<typeof buildFactBase>;
  return (loaded) => buildFactBase(loaded.data as Args[0], loaded.locations as Args[1]);
}

export function formatReports(reports: FileReport[], opts: Pick<CliOptions, 'format'>, color: boolean, cwd: string): string {
  let out = '';
  const stream = reportStream((s) => (out += s), opts, color, cwd);
  for (const r of reports) stream.file(r);
  stream.end();
  return out;
}

/** The report in the chosen format, written through `write` draft by draft. */
export function reportStream(write: (s: string) => void, opts: Pick<CliOptions, 'format'>, color: boolean, cwd: string): ReportStream {
  switch (opts.format) {
    case 'json':
      return new JsonStream(write);
    case 'sarif':
      return new SarifStream(write, { version: VERSION, cwd });
    case 'github':
      return new GithubStream(write);
    default:
      return new StylishStream(write, { color });
  }
}

/** `file:line:col message` (warnings say so). */
function locatedProblem(cwd: string, p: { file: string; line: number; column: number; message: string; severity: 'error' | 'warning' }): string {
  return `${displayPath(cwd, path.resolve(cwd, p.file))}:${p.line}:${p.column} ${p.severity === 'warning' ? 'warning: ' : ''}${p.message}`;
}

/** --color/--no-color, else NO_COLOR (no colour), FORCE_COLOR, else whether stdout is a terminal. */
export function useColor(flag: boolean | undefined, env: Record<string, string | undefined>, isTTY: boolean | undefined): boolean {
  if (flag !== undefined) return flag;
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return !!isTTY && env.TERM !== 'dumb';
}
