// Builds the engine into one temporary ES module for the fuzzer and the property tests, with the
// engine's safety nets instrumented: check.ts and markdown/parse.ts catch any exception so that a
// bug never takes the checker down (a block or a piece is skipped). That keeps the editor up but
// hides the bug from a fuzzer, so here every such catch first reports the error to
// globalThis.__factlintSwallowed (behaviour is otherwise unchanged).
import { build } from 'esbuild';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { micromarkMends } from '../../server/build/micromark-mends.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(HERE, '..', '..');

/** Files whose `catch {` blocks are instrumented. */
const NETS = /[\\/]server[\\/]src[\\/]engine[\\/](check|markdown[\\/]parse)\.ts$/;

export const strictPlugin = {
  name: 'factlint-strict',
  setup(b) {
    b.onLoad({ filter: NETS }, async (args) => {
      const src = await fs.promises.readFile(args.path, 'utf8');
      const where = path.relative(ROOT, args.path).split(path.sep).join('/');
      let n = 0;
      const contents = src.replace(/\bcatch \{/g, () => {
        n++;
        return `catch (__swallowed) { globalThis.__factlintSwallowed?.(__swallowed, ${JSON.stringify(`${where}#${n}`)});`;
      });
      if (n === 0) throw new Error(`strict build: no catch found in ${where}`);
      return { contents, loader: 'ts' };
    });
  },
};

const BANNER = "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);";

/**
 * Bundles `entry` (a TypeScript file) with the strict plugin into an ES module, `outfile` or a new
 * temporary file; returns its path.
 */
export async function buildStrict(entry, outfile) {
  const out = outfile ?? path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'factlint-strict-')), `${path.basename(entry, '.ts')}.mjs`);
  await build({
    entryPoints: [entry],
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'inline',
    logLevel: 'error',
    // The bundles' mend of micromark (esbuild.mjs) too: the fuzzer tests what ships.
    plugins: [strictPlugin, micromarkMends],
    // CommonJS dependencies bundled into ESM need a require.
    banner: { js: BANNER },
  });
  return out;
}

/** Bundles `entry` (see buildStrict) into a temporary file, imports it and deletes the file. */
export async function importStrict(entry) {
  const file = await buildStrict(entry);
  try {
    return await import(pathToFileURL(file).href);
  } finally {
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
}
