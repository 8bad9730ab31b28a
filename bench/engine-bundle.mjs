// What the bench's engine-only scripts (markdown.mjs, markdown-share.mjs) share: engine modules
// bundled to CommonJS as the CLI is (server/build/bundle-options.mjs), and the Markdown files of a corpus folder.
import { build } from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { nodeBundle } from '../server/build/bundle-options.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.dirname(HERE);

/** Bundles `contents` (export lines from the sources, paths from the project root) to bench/.profile/NAME.cjs and loads it. */
export async function loadEngine(contents, name) {
  const out = path.join(HERE, '.profile', `${name}.cjs`);
  await build({ ...nodeBundle, stdin: { contents, resolveDir: ROOT, loader: 'ts' }, outfile: out, minify: true, sourcemap: true, logLevel: 'warning' });
  return createRequire(import.meta.url)(out);
}

/** The texts of the .md files under `dir`. */
export function readMarkdownFiles(dir) {
  const files = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.md')) files.push(fs.readFileSync(p, 'utf8'));
    }
  };
  walk(dir);
  return files;
}
