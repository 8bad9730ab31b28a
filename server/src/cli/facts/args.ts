// A small argument parser for the facts subcommands: --flag, --flag value, --flag=value, -h, --.

export type FlagKind = 'boolean' | 'string' | 'strings';

export interface ParsedArgs {
  positionals: string[];
  flags: Record<string, string | string[] | boolean | undefined>;
}

export type ParseResult = ({ ok: true } & ParsedArgs) | { ok: false; error: string };

/** `spec` maps long flag names (without --) to their kind; `-h` is --help. */
export function parseFlags(argv: string[], spec: Record<string, FlagKind>): ParseResult {
  const out: ParsedArgs = { positionals: [], flags: {} };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      out.positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '-h') {
      out.flags.help = true;
      continue;
    }
    if (!arg.startsWith('-') || arg === '-') {
      out.positionals.push(arg);
      continue;
    }
    if (!arg.startsWith('--')) return { ok: false, error: `unknown option ${arg}` };
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    const kind = name === 'help' ? 'boolean' : spec[name];
    if (!kind) return { ok: false, error: `unknown option --${name}` };
    if (kind === 'boolean') {
      if (eq >= 0) return { ok: false, error: `--${name} takes no value` };
      out.flags[name] = true;
      continue;
    }
    let value: string;
    if (eq >= 0) value = arg.slice(eq + 1);
    else {
      if (i + 1 >= argv.length || (argv[i + 1].startsWith('--') && argv[i + 1].length > 2)) return { ok: false, error: `--${name} needs a value` };
      value = argv[++i];
    }
    if (value === '') return { ok: false, error: `--${name} needs a value` };
    if (kind === 'strings') out.flags[name] = [...((out.flags[name] as string[] | undefined) ?? []), value];
    else out.flags[name] = value;
  }
  return { ok: true, ...out };
}
