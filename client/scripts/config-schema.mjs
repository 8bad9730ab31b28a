// Generates client/schemas/factlintrc.schema.json (the JSON schema of `.factlintrc.{yaml,yml,json}`
// that the extension contributes to the JSON and YAML editors) from the zod schema the CLI and the
// language server validate config files with.
//   node client/scripts/config-schema.mjs           write the file
//   node client/scripts/config-schema.mjs --check   exit 1 when the committed file is stale
import { build } from 'esbuild';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const OUT = path.join(ROOT, 'client/schemas/factlintrc.schema.json');

/** The schema as text (stable key order, trailing newline). */
export async function generate() {
  const result = await build({
    stdin: {
      contents: [
        "import { z } from 'zod';",
        "import { ConfigSchema, RULE_SETTINGS } from './server/src/engine/config/schema';",
        "import { RULES } from './server/src/engine/rules/catalog';",
        'export const schema = z.toJSONSchema(ConfigSchema, { target: "draft-7", unrepresentable: "any" });',
        'export { RULES, RULE_SETTINGS };',
      ].join('\n'),
      resolveDir: ROOT,
      loader: 'ts',
      sourcefile: 'config-schema-entry.ts',
    },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    write: false,
    logLevel: 'warning',
    define: { 'import.meta.url': '"file:///config-schema-entry.js"' },
  });
  const mod = { exports: {} };
  new Function('module', 'exports', 'require', result.outputFiles[0].text)(mod, mod.exports, createRequire(import.meta.url));
  const { schema, RULES, RULE_SETTINGS } = mod.exports;

  const { $schema: _draft, ...rest } = schema;
  const out = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://github.com/factlint/factlint/blob/main/client/schemas/factlintrc.schema.json',
    title: 'factlint config (.factlintrc.yaml, .factlintrc.yml, .factlintrc.json)',
    description: 'Data only: a config file is never executed. The nearest config file above a draft applies.',
    ...rest,
  };
  const props = out.properties;
  props.$schema = { type: 'string', description: 'The JSON schema of this file (for editors).' };
  props.facts = { ...props.facts, description: 'Facts files (*.facts.yaml|yml|json) or folders of them, relative to this file\'s folder.' };
  props.ignore = { ...props.ignore, description: 'Globs, relative to this file\'s folder, of drafts not to check.' };
  props.root = { ...props.root, description: 'Marks the top of a project (configs do not cascade: the nearest config file always wins).' };
  // zod gives the rules as a record of the severity enum; list the rule codes so editors complete them.
  props.rules = {
    type: 'object',
    description: 'Severity per rule code; "off" drops the rule.',
    properties: Object.fromEntries(
      RULES.map((r) => [r.code, { description: `${r.summary} (default: ${r.severity})`, enum: [...RULE_SETTINGS] }]),
    ),
    additionalProperties: false,
  };
  return JSON.stringify(out, null, 2) + '\n';
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const text = await generate();
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(OUT, 'utf8');
    } catch {}
    if (current !== text) {
      console.error(`${path.relative(ROOT, OUT)} is stale: run npm run schema:config`);
      process.exit(1);
    }
    console.log(`${path.relative(ROOT, OUT)} is up to date`);
  } else {
    mkdirSync(path.dirname(OUT), { recursive: true });
    writeFileSync(OUT, text);
    console.log(`wrote ${path.relative(ROOT, OUT)}`);
  }
}
