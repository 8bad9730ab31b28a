// CPU time of the Markdown front end alone (parseMarkdown, server/src/engine/markdown/parse.ts)
// over a corpus folder: bundled like the CLI (micromark mended), each file parsed once per round,
// the median round reported. Also the share of the corpus bytes the shortcuts take (plain.ts).
//   node bench/markdown.mjs [DIR] [--rounds N] [--no-shortcut]
import { build } from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { micromarkMends } from '../server/build/micromark-mends.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.dirname(HERE);
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const value = (name, d) => (args.includes(name) ? args[args.indexOf(name) + 1] : d);
const dir = args.find((a, i) => !a.startsWith('--') && !(i > 0 && args[i - 1] === '--rounds')) ?? '/tmp/factlint-bench-corpus/v2-s20260130/files-1000';
const rounds = Number(value('--rounds', 5));

const out = path.join(HERE, '.profile', 'markdown-bench.cjs');
await build({
  stdin: {
    contents: `export { parseMarkdown } from './server/src/engine/markdown/parse.ts'; export { clearPieceCache } from './server/src/engine/markdown/cache.ts';`,
    resolveDir: ROOT,
    loader: 'ts',
  },
  outfile: out,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: true,
  sourcemap: true,
  plugins: [micromarkMends],
  define: { 'import.meta.url': '__importMetaUrl' },
  banner: { js: "var __importMetaUrl=require('url').pathToFileURL(__filename).href;" },
  logLevel: 'warning',
});
const { parseMarkdown, clearPieceCache } = createRequire(import.meta.url)(out);

const files = [];
const walk = (d) => {
  for (const e of fs.readdirSync(d, { withFileTypes: true })) {
    const p = path.join(d, e.name);
    if (e.isDirectory()) walk(p);
    else if (e.name.endsWith('.md')) files.push(fs.readFileSync(p, 'utf8'));
  }
};
walk(dir);
const options = { shortcut: !flag('--no-shortcut') };
const times = [];
for (let r = 0; r < rounds; r++) {
  clearPieceCache();
  const t0 = process.cpuUsage();
  for (const f of files) parseMarkdown(f, options);
  const t = process.cpuUsage(t0);
  times.push((t.user + t.system) / 1000);
}
times.sort((a, b) => a - b);
console.log(`${files.length} files, ${rounds} rounds: median ${times[rounds >> 1].toFixed(0)} ms CPU (min ${times[0].toFixed(0)}, max ${times[rounds - 1].toFixed(0)})`);
