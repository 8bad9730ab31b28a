// CPU time of the Markdown front end alone (parseMarkdown, server/src/engine/markdown/parse.ts)
// over a corpus folder: bundled like the CLI (micromark mended), each file parsed once per round,
// the median round reported. Also the share of the corpus bytes the shortcuts take (plain.ts).
//   node bench/markdown.mjs [DIR] [--rounds N] [--no-shortcut]
import { loadEngine, readMarkdownFiles } from './engine-bundle.mjs';

const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const value = (name, d) => (args.includes(name) ? args[args.indexOf(name) + 1] : d);
const dir = args.find((a, i) => !a.startsWith('--') && !(i > 0 && args[i - 1] === '--rounds')) ?? '/tmp/factlint-bench-corpus/v2-s20260130/files-1000';
const rounds = Number(value('--rounds', 5));

const { parseMarkdown, clearPieceCache } = await loadEngine(
  `export { parseMarkdown } from './server/src/engine/markdown/parse.ts'; export { clearPieceCache } from './server/src/engine/markdown/cache.ts';`,
  'markdown-bench',
);
const files = readMarkdownFiles(dir);
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
