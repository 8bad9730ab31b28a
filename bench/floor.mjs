// The floor: what any Node linter must at least do. Starts Node, walks the folders given, reads
// every Markdown file and runs one regular expression (dollar amounts and percentages) over it.
//   node bench/floor.mjs DIR...
import * as fs from 'node:fs';
import * as path from 'node:path';

const FIGURE = /\$\d[\d,.]*(?:\s?(?:billion|million|bn|m))?|\d+(?:\.\d+)?\s?(?:%|percent|per cent)/g;

let files = 0;
let matches = 0;
const walk = (dir) => {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p);
    else if (e.name.endsWith('.md')) {
      const text = fs.readFileSync(p, 'utf8');
      files++;
      for (const _ of text.matchAll(FIGURE)) matches++;
    }
  }
};
for (const d of process.argv.slice(2)) walk(d);
process.stdout.write(`${files} files, ${matches} figures\n`);
