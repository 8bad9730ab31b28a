// Which share of a corpus's bytes still reaches micromark, by construct: each file is cut into
// pieces as parseMarkdown does, each piece compressed by the shortcuts (plain.ts), and the lines
// of what is left are sorted by what they look like (a rough line-by-line guess, for deciding
// what to shortcut next; not the parser's reading).
//   node bench/markdown-share.mjs [DIR]
import { loadEngine, readMarkdownFiles } from './engine-bundle.mjs';

const dir = process.argv[2] ?? '/tmp/factlint-bench-corpus/v2-s20260130/files-1000';
const { compressPlain, planCuts, frontMatterEnd } = await loadEngine(
  `export { compressPlain } from './server/src/engine/markdown/plain.ts'; export { planCuts, frontMatterEnd } from './server/src/engine/markdown/chunks.ts';`,
  'markdown-share',
);
const files = readMarkdownFiles(dir);

const by = new Map();
const add = (k, n) => by.set(k, (by.get(k) ?? 0) + n);
let total = 0;
let left = 0;
for (const doc of files) {
  total += doc.length;
  const cuts = planCuts(doc);
  for (let i = 0; i + 1 < cuts.length; i++) {
    const start = cuts[i];
    const end = cuts[i + 1];
    const text = compressPlain(doc.slice(start, end), 0, end - start, start === 0 ? frontMatterEnd(doc) : 0).text;
    left += text.length;
    let fence = null;
    let front = start === 0 && text.startsWith('---');
    let first = true;
    for (const line of text.split(/(?<=\n)/)) {
      const n = line.length;
      const t = line.trimEnd();
      let kind;
      if (front) {
        kind = 'front matter';
        if (!first && /^(---|\.\.\.)$/.test(t)) front = false;
      } else if (fence) {
        kind = 'fenced code';
        if (t.startsWith(fence)) fence = null;
      } else if (/^ {0,3}(`{3,}|~{3,})/.test(t)) {
        kind = 'fenced code';
        fence = /^ {0,3}(`{3,}|~{3,})/.exec(t)[1];
      } else if (t === '' ) kind = 'blank';
      else if (t === 'x' || /^([-+*]|\d+[.)]) x$/.test(t)) kind = 'placeholder';
      else if (/^\s*\|/.test(t)) kind = 'table';
      else if (/^#{1,6} /.test(t)) kind = 'heading';
      else if (/^>/.test(t)) kind = 'blockquote';
      else if (/^([-+*]|\d+[.)]) /.test(t)) kind = /[*_]/.test(t.replace(/^\S+ /, '')) ? 'list item, emphasis' : 'list item, other';
      else if (/^<!--/.test(t)) kind = 'html comment';
      else if (/^</.test(t)) kind = 'html';
      else if (/[*_]/.test(t)) kind = 'paragraph line, emphasis';
      else kind = 'paragraph line, other';
      first = false;
      add(kind, n);
    }
  }
}
console.log(`${files.length} files, ${total} bytes; reaching micromark ${left} (${((100 * left) / total).toFixed(1)}%)`);
for (const [k, n] of [...by].sort((a, b) => b[1] - a[1])) console.log(`  ${k.padEnd(26)} ${String(n).padStart(9)}  ${((100 * n) / total).toFixed(1)}% of all`);
