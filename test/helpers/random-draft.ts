// Seeded random long Markdown drafts for the tests of pieces (markdown-pieces, markdown-replan).

export function mulberry32(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A long random draft mixing every construct, including ones that run across blank lines. */
export function randomDraft(seed: number, size: number): string {
  const rnd = mulberry32(seed);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)];
  const words = [
    'Amazon', 'put', '$50 billion', 'into', 'OpenAI', '16,000 roles', 'on', 'January 29', '**bold**', '*em*',
    '`code 1`', '[link 2](http://x/3)', '[ref one][r1]', '[r2]', '[r9]', '[^f1]', '<!-- c -->', 'https://x.com/4',
    'a@b.com', '&amp;', '\\*', '😀', '\t', '~~del~~',
  ];
  const para = (): string =>
    Array.from({ length: 5 + Math.floor(rnd() * 30) }, () => pick(words))
      .join(' ')
      .replace(/(.{60,80}?) /g, (_m, a: string) => a + pick([' ', '\n', '\r\n']));
  const blocks: (() => string)[] = [
    () => '# ' + para().replace(/[\r\n]+/g, ' '),
    () => '## Section ' + Math.floor(rnd() * 100),
    () => para(),
    () => '- ' + para().replace(/\n/g, '\n  ') + '\n- **Lead**: ' + para().replace(/\n/g, '\n  '),
    () => '> ' + para().replace(/\n/g, '\n> '),
    () => '```\ncode\n\nInside fence $9 billion\n\n[r9]: http://not-a-definition\n```',
    () => '```\nstill code\n\n' + para() + '\n\n```',
    () => '<!--\n\nhtml comment $7 billion\n\nfactlint-disable-next-line x\n-->',
    () => '<!-- factlint-disable wrong-value -->',
    () => '| a | b |\n|---|---|\n| ' + pick(words) + ' | ' + pick(words) + ' |',
    () => '[r1]: http://def/1\n[R2]: http://def/2',
    () => '[^f1]: foot ' + para(),
    () => '<pre>\n\n$1 pre\n\n</pre>',
    () => '---',
    () => '+++',
    () => '    indented code 5',
    () => (rnd() < 0.1 ? '~~~~\nunclosed fence $3\n\nmore' : 'Setext ' + para().split('\n')[0] + '\n==='),
    () => (rnd() < 0.1 ? '<!-- unclosed\n\nstill comment $4' : '> 1. item ' + para().replace(/\n/g, '\n>    ')),
    () => '- a\n\n  ```\n  x\n\n  ```\n\n  para ' + para().replace(/\n/g, '\n  '),
    () => '> [r3]: http://d/3\n\nuse [r3] and [x][r3]',
    () => '<script>\n\n$5 script\n\n</script>',
  ];
  let doc = '---\ndate: 2026-02-01\n\ntitle: x\n---\n';
  while (doc.length < size) doc += pick(blocks)() + pick(['\n\n', '\n\n\n', '\r\n\r\n', '\n \n', '\r\r']);
  return doc;
}
