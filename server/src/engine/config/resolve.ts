// Config discovery: the nearest `.factlintrc.{yaml,yml,json}` above a draft, searched upward
// from the draft's folder to the file-system root, cached per folder. Used by the CLI and the
// language server alike.
import * as fs from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import { parseConfig, type ConfigProblem, type ParsedConfig } from './parse.js';
import { CONFIG_FILE_NAMES, type FactlintConfig } from './schema.js';
import { readTextBounded } from '../facts/readfile.js';

/** Config files are a few lines; anything past this is not one. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

export interface ResolvedConfig {
  /** The config that applies ({} when there is no config file or it is broken). */
  config: FactlintConfig;
  /** Absolute path of the config file, if one applies. */
  configFile?: string;
  /** Absolute facts files or folders: the config's `facts`, else the bundled facts folder. */
  factsPaths: string[];
  /** Problems of the config file (errors make `config` {}); [] without a config file. */
  problems: ConfigProblem[];
}

export interface ConfigResolverOptions {
  /** The facts folder shipped with the package, used when no config names facts. */
  bundledFactsDir: string;
  /** `--config PATH`: use this file for every draft instead of searching. */
  configFile?: string;
  /** Only for tests: read a file's text (default fs.readFileSync utf8). */
  readFile?: (file: string) => string;
  /** Only for tests: whether a path exists as a file (default fs.statSync). */
  isFile?: (file: string) => boolean;
}

interface LoadedConfig {
  file: string;
  parsed: ParsedConfig;
  config: FactlintConfig;
  problems: ConfigProblem[];
  factsPaths: string[];
  isIgnored: (absFile: string) => boolean;
}

export class ConfigResolver {
  private readonly configForDir = new Map<string, string | null>();
  private readonly loaded = new Map<string, LoadedConfig>();
  private readonly readFile: (file: string) => string;
  private readonly isFile: (file: string) => boolean;

  constructor(private readonly options: ConfigResolverOptions) {
    // Only a regular file, read up to a limit: `--config /dev/zero` or a FIFO must not hang.
    this.readFile = options.readFile ?? ((f) => readTextBounded(f, MAX_CONFIG_BYTES));
    this.isFile = options.isFile ?? defaultIsFile;
  }

  /** Forget cached folders and configs (the language server calls this when a config changes). */
  clearCache(): void {
    this.configForDir.clear();
    this.loaded.clear();
  }

  /** The config that applies to a draft (an absolute or cwd-relative path). */
  resolveConfigFor(file: string): ResolvedConfig {
    const configFile = this.options.configFile
      ? path.resolve(this.options.configFile)
      : this.findConfigFile(path.dirname(path.resolve(file)));
    if (!configFile) {
      return { config: {}, factsPaths: [path.resolve(this.options.bundledFactsDir)], problems: [] };
    }
    const loaded = this.load(configFile);
    return { config: loaded.config, configFile, factsPaths: loaded.factsPaths, problems: loaded.problems };
  }

  /** Whether a config's `ignore` globs exclude a draft. */
  isIgnored(file: string): boolean {
    const abs = path.resolve(file);
    const { configFile } = this.resolveConfigFor(abs);
    return configFile ? this.load(configFile).isIgnored(abs) : false;
  }

  /** The nearest config file at or above `dir` (absolute), or undefined. */
  findConfigFile(dir: string): string | undefined {
    const visited: string[] = [];
    let found: string | null = null;
    let cur = path.resolve(dir);
    for (;;) {
      const cached = this.configForDir.get(cur);
      if (cached !== undefined) {
        found = cached;
        break;
      }
      visited.push(cur);
      const here = CONFIG_FILE_NAMES.map((n) => path.join(cur, n)).find((f) => this.isFile(f));
      if (here) {
        found = here;
        break;
      }
      const parent = path.dirname(cur);
      if (parent === cur) break;
      cur = parent;
    }
    for (const d of visited) this.configForDir.set(d, found);
    return found ?? undefined;
  }

  private load(configFile: string): LoadedConfig {
    const cached = this.loaded.get(configFile);
    if (cached) return cached;
    const dir = path.dirname(configFile);
    const problems: ConfigProblem[] = [];
    let text: string | undefined;
    try {
      text = this.readFile(configFile);
    } catch (err) {
      problems.push({
        file: configFile, line: 1, column: 1, endLine: 1, endColumn: 1, path: '', severity: 'error',
        message: `cannot read the config file: ${errorText(err)}`,
      });
    }
    const parsed = parseConfig(text ?? '', configFile);
    problems.push(...parsed.problems);
    const others = CONFIG_FILE_NAMES.map((n) => path.join(dir, n)).filter((f) => f !== configFile && this.isFile(f));
    if (!this.options.configFile && others.length) {
      problems.push({
        ...parsed.locate([]), severity: 'warning',
        message: `several config files in one folder: using ${path.basename(configFile)}, ignoring ${others.map((f) => path.basename(f)).join(', ')}`,
      });
    }
    let config: FactlintConfig = {};
    if (parsed.config && !problems.some((p) => p.severity === 'error')) {
      config = parsed.config;
      (config.facts ?? []).forEach((f, i) => {
        if (!fs.existsSync(path.resolve(dir, f))) {
          problems.push({ ...parsed.locate(['facts', i]), severity: 'error', message: `facts[${i}]: no such file or folder: ${f}` });
        }
      });
      if (problems.some((p) => p.severity === 'error')) config = {};
    }
    const factsPaths = config.facts?.length
      ? config.facts.map((f) => path.resolve(dir, f))
      : [path.resolve(this.options.bundledFactsDir)];
    const loaded: LoadedConfig = {
      file: configFile,
      parsed,
      config,
      problems,
      factsPaths,
      isIgnored: ignoreMatcher(dir, config.ignore ?? []),
    };
    this.loaded.set(configFile, loaded);
    return loaded;
  }
}

/** One-shot resolution (no cache kept between calls): prefer a ConfigResolver for many files. */
export function resolveConfigFor(file: string, options: ConfigResolverOptions): ResolvedConfig {
  return new ConfigResolver(options).resolveConfigFor(file);
}

/**
 * A matcher for `ignore` globs relative to `baseDir`. A glob matches a draft if it matches the
 * draft's path or one of its folders ("archive" and "archive/" both ignore archive/**).
 */
export function ignoreMatcher(baseDir: string, globs: string[]): (absFile: string) => boolean {
  if (!globs.length) return () => false;
  const patterns = globs.map((g) => g.replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/+$/, ''));
  const match = picomatch(patterns, { dot: true });
  return (absFile) => {
    const rel = path.relative(baseDir, absFile).split(path.sep).join('/');
    if (!rel || rel.startsWith('../') || path.isAbsolute(rel)) return false;
    const parts = rel.split('/');
    for (let i = parts.length; i >= 1; i--) if (match(parts.slice(0, i).join('/'))) return true;
    return false;
  };
}

function defaultIsFile(f: string): boolean {
  try {
    return fs.statSync(f).isFile();
  } catch {
    return false;
  }
}

function errorText(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  if (e?.code === 'ENOTREG') return 'not a regular file';
  if (e?.code === 'EISDIR') return 'is a directory';
  if (e?.code === 'EFBIG') return `larger than ${MAX_CONFIG_BYTES / 1024 / 1024} MB`;
  return e?.code ? `${e.code}: ${e.message}` : String(err);
}
