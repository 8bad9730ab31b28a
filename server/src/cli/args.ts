// Command-line arguments of `factlint [options] [paths|globs...]`.
import { RULE_CODES } from '../engine/rules/catalog.js';
import { closest, RULE_SETTINGS, type RuleSetting } from '../engine/config/schema.js';
import { parseShard, type Shard } from './shard.js';

export const FORMATS = ['stylish', 'json', 'sarif', 'github'] as const;
export type Format = (typeof FORMATS)[number];

export interface CliOptions {
  patterns: string[];
  facts: string[];
  config?: string;
  format: Format;
  maxWarnings?: number;
  quiet: boolean;
  /** --color / --no-color; undefined: decide from NO_COLOR, FORCE_COLOR and the terminal. */
  color?: boolean;
  rules: Record<string, RuleSetting>;
  /** --shard i/n: check only the i-th of n parts of the drafts. */
  shard?: Shard;
  /** --cache: reuse the diagnostics of drafts unchanged since the last run. */
  cache: boolean;
  /** --cache-location PATH (default .factlintcache in the working folder). */
  cacheLocation?: string;
  /** --jobs N: check drafts on N threads (default: the available CPUs; 1: in the main thread). */
  jobs?: number;
  help: boolean;
  version: boolean;
}

export const USAGE = `Usage: factlint [options] [paths|globs...]
       factlint facts <command> [options]

Checks the figures in Markdown drafts against a sourced facts file. Without paths, every
*.md and *.markdown file under the current folder is checked (skipping node_modules,
dot-folders and .gitignore'd files).

Options:
  --facts PATH           facts file or folder (repeatable; overrides the config's facts)
  --config PATH          use this config file instead of searching for .factlintrc.*
  -f, --format NAME      stylish (default), json, sarif or github
  --max-warnings N       exit 1 when there are more than N warnings
  -q, --quiet            report errors only
  --rule CODE=SEVERITY   set a rule's severity: error, warning, info, hint or off (repeatable)
  --color, --no-color    force or disable colours (NO_COLOR is honoured)
  --shard I/N            check only part I of N (1-based), e.g. one job of a CI matrix; drafts are
                         split by a hash of their path, so the N parts cover each draft once
  --cache                reuse the results of drafts unchanged since the last run (same text,
                         facts, rules and factlint version)
  --cache-location PATH  cache file or folder for --cache (default .factlintcache)
  -j, --jobs N           check drafts on N threads (default: the CPUs, at most 8; 1: one thread);
                         the report is the same whatever N is
  -h, --help             show this help
  -v, --version          show the version

Exit codes: 0 no errors, 1 errors (or too many warnings), 2 usage, config or facts problems.
Rules: ${RULE_CODES.join(', ')}.
`;

export type ParseResult = { ok: true; options: CliOptions } | { ok: false; error: string };

export function parseArgs(argv: string[]): ParseResult {
  const o: CliOptions = { patterns: [], facts: [], format: 'stylish', quiet: false, rules: {}, cache: false, help: false, version: false };
  const fail = (error: string): ParseResult => ({ ok: false, error });
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      o.patterns.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      o.patterns.push(arg);
      continue;
    }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq >= 0 ? arg.slice(0, eq) : arg;
    const inline = eq >= 0 ? arg.slice(eq + 1) : undefined;
    const value = (): string | undefined => {
      if (inline !== undefined) return inline;
      const next = argv[i + 1];
      if (next === undefined || (next.startsWith('-') && next !== '-' && !/^-\d/.test(next))) return undefined;
      i++;
      return next;
    };
    const flag = (): boolean => inline === undefined;
    switch (name) {
      case '--facts': {
        const v = value();
        if (!v) return fail('--facts needs a path');
        o.facts.push(v);
        break;
      }
      case '--config':
      case '-c': {
        const v = value();
        if (!v) return fail('--config needs a path');
        o.config = v;
        break;
      }
      case '--format':
      case '-f': {
        const v = value();
        if (!v) return fail(`--format needs one of ${FORMATS.join(', ')}`);
        if (!(FORMATS as readonly string[]).includes(v)) return fail(`unknown format "${v}" (use ${FORMATS.join(', ')})`);
        o.format = v as Format;
        break;
      }
      case '--max-warnings': {
        const v = value();
        if (v === undefined || !/^-?\d+$/.test(v)) return fail('--max-warnings needs a whole number');
        const n = Number(v);
        o.maxWarnings = n < 0 ? undefined : n;
        break;
      }
      case '--rule': {
        const v = value();
        const m = v ? /^\s*([^=:\s]+)\s*[=:]\s*(\S+)\s*$/.exec(v) : null;
        if (!m) return fail('--rule needs CODE=SEVERITY, e.g. --rule unsupported=hint');
        const [, code, sev] = m;
        if (!(RULE_CODES as readonly string[]).includes(code)) {
          const near = closest(code, RULE_CODES);
          return fail(`unknown rule "${code}"${near ? ` (did you mean "${near}"?)` : ''}`);
        }
        if (!(RULE_SETTINGS as readonly string[]).includes(sev)) return fail(`bad severity "${sev}" for ${code} (use ${RULE_SETTINGS.join(', ')})`);
        o.rules[code] = sev as RuleSetting;
        break;
      }
      case '--shard': {
        const v = value();
        if (!v) return fail('--shard needs INDEX/COUNT, e.g. --shard 1/4');
        const shard = parseShard(v);
        if (typeof shard === 'string') return fail(shard);
        o.shard = shard;
        break;
      }
      case '--cache':
        if (!flag()) return fail(`${name} takes no value`);
        o.cache = true;
        break;
      case '--cache-location': {
        const v = value();
        if (!v) return fail('--cache-location needs a path');
        o.cacheLocation = v;
        break;
      }
      case '--jobs':
      case '-j': {
        const v = value();
        if (v === undefined || !/^\d+$/.test(v) || Number(v) < 1) return fail(`${name} needs a whole number of threads, 1 or more`);
        o.jobs = Number(v);
        break;
      }
      case '--quiet':
      case '-q':
        if (!flag()) return fail(`${name} takes no value`);
        o.quiet = true;
        break;
      case '--color':
        if (!flag()) return fail(`${name} takes no value`);
        o.color = true;
        break;
      case '--no-color':
        if (!flag()) return fail(`${name} takes no value`);
        o.color = false;
        break;
      case '--help':
      case '-h':
        o.help = true;
        break;
      case '--version':
      case '-v':
        o.version = true;
        break;
      default:
        return fail(`unknown option ${name}`);
    }
  }
  return { ok: true, options: o };
}
