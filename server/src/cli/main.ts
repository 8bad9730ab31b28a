// `factlint [options] [paths|globs...]`: checks Markdown drafts against the facts and prints a
// report; `factlint facts ...` hands over to the facts subcommands.
//
// The run goes in phases so that nothing is half-printed: collect drafts, resolve their configs,
// load each distinct set of facts once, then read and check each draft, then print one report.
// Config or facts problems stop the run (exit 2) before anything reaches stdout.
import * as path from 'node:path';
import pkg from '../../../package.json';
import { ConfigResolver, type ConfigProblem, type ResolvedConfig } from '../engine/config/index.js';
import type { CheckOptions } from '../engine/check.js';
import type { Finding, Severity } from '../engine/types.js';
import { parseArgs, USAGE, type CliOptions } from './args.js';
import { DEFAULT_CACHE_FILE, DraftCache } from './cache.js';
import { collectFiles, displayPath, type DraftFile } from './files.js';
import { formatGithub } from './format/github.js';
import { formatJson } from './format/json.js';
import { formatSarif } from './format/sarif.js';
import { formatStylish } from './format/stylish.js';
import { nodeDraftFs, readDraft, type DraftFs } from './read.js';
import { countSeverities, toDiagnostics, type Diagnostic, type FileReport } from './report.js';
import { selectShard } from './shard.js';

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

type RuleMap = Record<string, Severity | 'off'>;

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
  for (const [key, paths] of sets) {
    // Warnings of the bundled facts are the package's business, not the writer's.
    const bundled = paths.length === 1 && paths[0] === path.resolve(io.bundledFactsDir);
    const base = await loadFactBase(paths, cwd, deps, warn, !opts.quiet && !bundled);
    if (base === undefined) factsFailed = true;
    else factsFor.set(key, base);
  }
  if (factsFailed) return 2;

  // 4. Check each draft.
  const check = deps.check ?? ((await import('../engine/check.js')).checkDocument as CliDeps['check']);
  const fsys = deps.fs ?? nodeDraftFs;
  const cache = opts.cache ? DraftCache.open(opts.cacheLocation ?? DEFAULT_CACHE_FILE, cwd, VERSION, warn) : undefined;
  const reports: FileReport[] = [];
  let crashed = false;
  let skipped = 0;
  drafts.forEach(({ file, resolved }, i) => {
    const read = readDraft(file.abs, fsys);
    if ('skipped' in read) {
      warn(`${file.display}: skipped: ${read.skipped}`);
      skipped++;
      return;
    }
    const rules: RuleMap = { ...CLI_RULE_DEFAULTS, ...(resolved.config.rules ?? {}), ...opts.rules };
    const facts = factsFor.get(draftFacts[i]);
    const key = cache?.key(read.text, facts, { rules });
    let diagnostics: Diagnostic[] | undefined = cache?.get(file.abs, key);
    if (!diagnostics) {
      let findings: Finding[];
      try {
        findings = applyRules(check(read.text, facts, { rules }), rules);
      } catch (err) {
        warn(`${file.display}: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
        crashed = true;
        return;
      }
      diagnostics = toDiagnostics(read.text, findings);
      cache?.set(file.abs, key, diagnostics);
    }
    if (opts.quiet) diagnostics = diagnostics.filter((d) => d.severity === 'error');
    reports.push({ file: file.display, diagnostics });
  });

  cache?.save(warn);

  // 5. One report.
  io.stdout(formatReports(reports, opts, color, cwd));
  const counts = countSeverities(reports);
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
  return (paths) => loadFactsFiles(paths);
}

async function defaultBuildFactBase(): Promise<CliDeps['buildFactBase']> {
  const { buildFactBase } = await import('../engine/claims/factbase.js');
  type Args = Parameters<typeof buildFactBase>;
  return (loaded) => buildFactBase(loaded.data as Args[0], loaded.locations as Args[1]);
}

/** Applies severities set by config or --rule: 'off' drops a finding. */
export function applyRules(findings: Finding[], rules: RuleMap): Finding[] {
  const out: Finding[] = [];
  for (const f of findings) {
    const s = rules[f.rule];
    if (s === 'off') continue;
    out.push(s && s !== f.severity ? { ...f, severity: s } : f);
  }
  return out;
}

export function formatReports(reports: FileReport[], opts: Pick<CliOptions, 'format'>, color: boolean, cwd: string): string {
  switch (opts.format) {
    case 'json':
      return formatJson(reports);
    case 'sarif':
      return formatSarif(reports, { version: VERSION, cwd });
    case 'github':
      return formatGithub(reports);
    default:
      return formatStylish(reports, { color });
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
