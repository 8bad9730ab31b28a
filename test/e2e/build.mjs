// Bundles the in-editor mocha suite (test/e2e/suite/*.ts) to test/e2e/out/suite/*.js (CommonJS;
// `vscode` comes from the editor, `mocha` from node_modules).
import { build } from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const SUITE_OUT = path.join(HERE, 'out/suite');
export const SUITE_INDEX = path.join(SUITE_OUT, 'index.js');

export async function buildSuite() {
  const dir = path.join(HERE, 'suite');
  const entries = readdirSync(dir)
    .filter((f) => f === 'index.ts' || f.endsWith('.e2e.ts'))
    .map((f) => path.join(dir, f));
  rmSync(SUITE_OUT, { recursive: true, force: true });
  await build({
    entryPoints: entries,
    outdir: SUITE_OUT,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
  return SUITE_INDEX;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildSuite();
  console.log(`built ${path.relative(process.cwd(), SUITE_OUT)}`);
}
