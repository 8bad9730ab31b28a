// `factlint facts <command>`: the facts subcommands (validate, list, show, schema, draw).
import { runList, LIST_USAGE } from './list.js';
import { runSchema, SCHEMA_USAGE } from './schema.js';
import { runShow, SHOW_USAGE } from './show.js';
import { runValidate, VALIDATE_USAGE } from './validate.js';
import { runDraw, DRAW_USAGE } from './draw.js';
import type { FactsIO } from './common.js';

export type { FactsIO };

export const FACTS_USAGE = `usage: factlint facts <command> [options]

Commands:
  validate [path...]   check facts files: syntax, schema, ids, references, quotes
  list                 list the facts in a table
  show ID              everything about one fact
  schema               print the JSON Schema of facts files
  draw ARTICLE...      candidate facts for the figures of new articles (--uncovered: list them)

Run \`factlint facts <command> --help\` for a command's options.
`;

const COMMANDS: Record<string, { run: (argv: string[], io: FactsIO) => Promise<number>; usage: string }> = {
  validate: { run: runValidate, usage: VALIDATE_USAGE },
  list: { run: runList, usage: LIST_USAGE },
  show: { run: runShow, usage: SHOW_USAGE },
  schema: { run: runSchema, usage: SCHEMA_USAGE },
  draw: { run: runDraw, usage: DRAW_USAGE },
};

/** Runs `factlint facts ...`; argv is what follows `facts`. Returns the exit code. */
export async function runFactsCommand(argv: string[], io: FactsIO): Promise<number> {
  const [cmd, ...rest] = argv;
  if (cmd === undefined) {
    io.stderr(FACTS_USAGE);
    return 2;
  }
  if (cmd === '--help' || cmd === '-h') {
    io.stdout(FACTS_USAGE);
    return 0;
  }
  if (cmd === 'help') {
    const target = rest[0] ? COMMANDS[rest[0]] : undefined;
    if (rest[0] && !target) {
      io.stderr(`factlint facts: unknown command "${rest[0]}"\n\n${FACTS_USAGE}`);
      return 2;
    }
    io.stdout(target ? target.usage : FACTS_USAGE);
    return 0;
  }
  const command = Object.prototype.hasOwnProperty.call(COMMANDS, cmd) ? COMMANDS[cmd] : undefined;
  if (!command) {
    io.stderr(`factlint facts: unknown command "${cmd}"\n\n${FACTS_USAGE}`);
    return 2;
  }
  try {
    return await command.run(rest, io);
  } catch (err) {
    io.stderr(`factlint facts ${cmd}: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return 2;
  }
}
