// `factlint facts schema`: the JSON Schema of the facts format, generated from the zod schema.
import { z } from 'zod';
import { FactsFile } from '../../engine/facts/schema.js';
import { parseFlags } from './args.js';
import type { FactsIO } from './common.js';

export const SCHEMA_USAGE = `usage: factlint facts schema

Prints the JSON Schema (draft 2020-12) of facts files, generated from the format's definition.
facts/facts.schema.json is this output.
`;

/** The JSON Schema text, pretty-printed, with a final newline. */
export function factsJsonSchemaText(): string {
  return `${JSON.stringify(z.toJSONSchema(FactsFile, { io: 'input' }), null, 2)}\n`;
}

export async function runSchema(argv: string[], io: FactsIO): Promise<number> {
  const args = parseFlags(argv, {});
  if (!args.ok || args.positionals.length) {
    io.stderr(`factlint facts schema: ${args.ok ? `unexpected argument ${args.positionals[0]}` : args.error}\n\n${SCHEMA_USAGE}`);
    return 2;
  }
  if (args.flags.help) {
    io.stdout(SCHEMA_USAGE);
    return 0;
  }
  io.stdout(factsJsonSchemaText());
  return 0;
}
