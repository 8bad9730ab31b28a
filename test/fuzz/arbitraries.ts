// Generators of hostile drafts and facts files, shared by the property tests (test/robust-*.test.ts)
// and the fuzzer (test/fuzz/fuzz.mjs). All are fast-check arbitraries, so every input is
// reproducible from a seed.
import fc from 'fast-check';

// ---------------------------------------------------------------------------------------------
// Pieces

/** Any UTF-16 code unit, lone surrogates and NUL included. */
export const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));

const LINE_ENDS = ['\n', '\r\n', '\r'] as const;
export const lineEnd = fc.constantFrom(...LINE_ENDS);

/** Words and marks that matter to the engine: figures, dates, qualifiers, entities, Markdown. */
const VOCAB = [
  // figures
  '$50 billion', '$40bn', 'US$38 billion', '€1.2 trillion', '$0.83 trillion', '16,000', '30,000 jobs', '14,000 roles',
  '10%', '4.5 percent', 'fifty billion dollars', 'two', 'twenty-one', 'a dozen', 'hundreds of', '$30-50 billion',
  '$', '$$', '%', '1', '1,', ',000', '1.', '.5', '2026', '1999', '2099', '3x', 'three times', 'half', 'a third',
  'billion', 'million', 'bn', 'B', 'trillion', 'thousand', 'dollars', 'USD', 'per cent', 'years', 'months',
  // dates
  'January', 'Jan.', 'January 28', '28 January 2026', 'Q1 2026', 'the first quarter', 'late 2025', 'mid-2026',
  'the 1990s', 'since 2019', 'by 2030', 'November', 'May', 'March 3rd', '2026-01-30', 'early', 'end of',
  // qualifiers, negation, status
  'up to', 'about', 'more than', 'less than', 'at least', 'nearly', 'as much as', 'not', 'no', 'never',
  'in talks', 'agreed', 'plans to', 'completed', 'is negotiating', 'invested',
  // entities and prose
  'Amazon', 'OpenAI', 'AWS', 'Microsoft', 'SoftBank', 'Nvidia', 'Anthropic', 'stake', 'investment', 'layoffs',
  'valuation', 'the', 'a', 'of', 'in', 'and', 'with', 'to', '.', ',', ';', ':', '?', '!', '(', ')', '"', "'", '—', '–', '-',
  // markdown
  '*', '**', '_', '__', '`', '```', '~~~', '~~', '#', '##', '>', '- ', '1. ', '|', '---', '[', ']', '(', ')', '[^1]',
  '[^amazon-openai-investment]', '[^no-such-fact]', '[^1]: note', '[link](http://x.y)', '<http://a.b>', '![img](x.png)',
  '<!-- factlint-disable -->', '<!-- factlint-disable-next-line wrong-value -->', '<!-- factlint-enable -->', '<!--', '-->',
  '<div>', '</div>', '<br>', '<span title="$50 billion">', '&amp;', '&#36;', '\\$', '\\', '$$\n', '$x$', '\t', '    ',
  // scripts and oddities
  'مليار دولار', 'أمازون', '\u200f', '\u200e', '\u202e', 'שקל', '😀', '👨‍👩‍👧', '🇺🇸', 'é', 'e\u0301', '\u00a0', '\u2009', '\u3000',
  '５０億ドル', '\u0000', '\ufeff', '\ud800', '\udc00', '\uffff', '\u2028', '\u2029', '\u000b', '\u000c',
];
export const vocab = fc.constantFrom(...VOCAB);
const SEPARATORS = [' ', ' ', ' ', '', '\n', '\n\n', '\r\n', '\r', '  ', '\t'];
const separator = fc.constantFrom(...SEPARATORS);

/** A soup of engine-relevant tokens, separators and stray code units. */
export function tokenSoup(maxTokens = 80): fc.Arbitrary<string> {
  const piece = fc.oneof(
    { weight: 12, arbitrary: fc.tuple(vocab, separator).map(([a, b]) => a + b) },
    { weight: 1, arbitrary: codeUnit },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: 1e7 }).map(String) },
  );
  return fc.array(piece, { maxLength: maxTokens, size: 'max' }).map((a) => a.join(''));
}

/** Arbitrary strings: printable, any code point, any code unit (lone surrogates), ASCII controls. */
export function anyString(maxLength = 300): fc.Arbitrary<string> {
  const size = 'max' as const;
  return fc.oneof(
    fc.string({ maxLength, size }),
    fc.string({ unit: 'grapheme', maxLength, size }),
    fc.string({ unit: 'binary', maxLength, size }),
    fc.string({ unit: 'binary-ascii', maxLength, size }),
    fc.string({ unit: codeUnit, maxLength, size }),
    fc.string({ unit: fc.constantFrom('$', '1', ',', '.', ' ', '\n', '*', '[', ']', '(', ')', '|', '>', '-', '#', '`', '^', '<', '%'), maxLength, size }),
  );
}

// ---------------------------------------------------------------------------------------------
// Adversarial shapes

/** Patterns repeated to a length: the shapes that make regular expressions and parsers slow. */
export const ADVERSARIAL_UNITS = [
  '$', '$1', '1,', '1', '0', 'January ', '[', '](', '*', '_', '**a', '`', '```\n', '~~~\n', '> ', '- ', '1. ', '  - ',
  '|', '| a ', '<', '<!--', '&', '\\', '![', '[^', '[^a]', '$1 billion ', '1 billion ', 'up to ', 'not ', 'about $',
  '1.1.', '1-1-', '$1-$', 'Q1 ', '2026 ', 'the ', '. ', '? ', '\u0000', '\r', '\r\n', '\t', '😀', '\ud800', 'مليار ',
  '<div>', '#', '# ', '=\n', '-\n', 'http://', 'www.', 'a@b.', '^', '+', ':', '"', "'", '(', ')', '—',
] as const;

/** One line (or block) made of a unit repeated `count` times, with optional prefix/suffix. */
export function adversarial(maxCount = 3000): fc.Arbitrary<string> {
  return fc
    .record({
      units: fc.array(fc.constantFrom(...ADVERSARIAL_UNITS), { minLength: 1, maxLength: 3 }),
      count: fc.integer({ min: 1, max: maxCount }),
      prefix: fc.constantFrom('', '# ', '> ', '- ', '| ', '```\n', 'Amazon invested ', '---\ndate: 2026-01-30\n---\n'),
      suffix: fc.constantFrom('', '\n', ' $50 billion.', '|\n|---|\n', '\n```'),
    })
    .map(({ units, count, prefix, suffix }) => prefix + units.join('').repeat(count) + suffix);
}

/** Deeply nested quotes and lists. */
export function deepNesting(maxDepth = 400): fc.Arbitrary<string> {
  return fc
    .record({
      depth: fc.integer({ min: 1, max: maxDepth }),
      unit: fc.constantFrom('> ', '- ', '* ', '1. ', '> - ', '  ', '- > '),
      text: fc.constantFrom('Amazon may invest $50 billion.', '$40bn', 'x', '', '| a | $1 |\n| - | - |'),
      stairs: fc.boolean(),
    })
    .map(({ depth, unit, text, stairs }) =>
      stairs
        ? Array.from({ length: Math.min(depth, 200) }, (_, i) => unit.repeat(i + 1) + text).join('\n')
        : unit.repeat(depth) + text,
    );
}

// ---------------------------------------------------------------------------------------------
// Markdown from a grammar

const inlineText = fc.oneof(
  { weight: 6, arbitrary: tokenSoup(12) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.string({ unit: codeUnit, maxLength: 6 }) },
);

/** Inline Markdown: emphasis, code, links, images, footnote references, HTML, math, figures. */
export const inline: fc.Arbitrary<string> = fc.letrec<{ inl: string }>((tie) => ({
  inl: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 8, arbitrary: inlineText },
    { weight: 1, arbitrary: tie('inl').map((s) => `*${s}*`) },
    { weight: 1, arbitrary: tie('inl').map((s) => `**${s}**`) },
    { weight: 1, arbitrary: tie('inl').map((s) => `~~${s}~~`) },
    { weight: 1, arbitrary: fc.tuple(tie('inl'), fc.constantFrom('http://x.y', 'https://a.b/$50', '', '<>', 'x y', '#a')).map(([t, u]) => `[${t}](${u})`) },
    { weight: 1, arbitrary: tie('inl').map((s) => `[${s}]`) },
    { weight: 1, arbitrary: inlineText.map((s) => `\`${s}\``) },
    { weight: 1, arbitrary: inlineText.map((s) => `<span>${s}</span>`) },
    { weight: 1, arbitrary: inlineText.map((s) => `$${s}$`) },
    { weight: 1, arbitrary: fc.constantFrom('[^1]', '[^amazon-openai-investment]', '[^no-such-fact]', '[^]', '[^a b]', '[^x-y-z]') },
    { weight: 1, arbitrary: fc.tuple(tie('inl'), tie('inl')).map(([a, b]) => `${a} ${b}`) },
  ),
})).inl;

const paragraph = fc.array(inline, { minLength: 1, maxLength: 4 }).map((a) => a.join(' '));

/** Block Markdown: headings, paragraphs, lists, quotes, tables, code, footnotes, HTML, directives. */
export const block: fc.Arbitrary<string> = fc.letrec<{ blk: string }>((tie) => ({
  blk: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 6, arbitrary: paragraph },
    { weight: 2, arbitrary: fc.tuple(fc.integer({ min: 1, max: 7 }), inline).map(([n, t]) => `${'#'.repeat(n)} ${t}`) },
    { weight: 1, arbitrary: fc.tuple(inline, fc.constantFrom('===', '---', '-')).map(([t, u]) => `${t}\n${u}`) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.constantFrom('- ', '* ', '+ ', '1. ', '2) ', '- [ ] ', '- [x] '), fc.array(tie('blk'), { minLength: 1, maxLength: 3 }), fc.constantFrom('  ', '   ', '    ', '\t'))
        .map(([m, items, ind]) => items.map((it) => m + it.split('\n').join('\n' + ind)).join('\n')),
    },
    { weight: 1, arbitrary: tie('blk').map((b) => b.split('\n').map((l) => `> ${l}`).join('\n')) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.integer({ min: 1, max: 4 }), fc.array(fc.array(inline, { minLength: 1, maxLength: 4 }), { minLength: 0, maxLength: 4 }), fc.constantFrom('---', ':--', '--:', ':-:', '-'), fc.boolean())
        .map(([cols, rows, sep, pipes]) => {
          const row = (cells: string[]) => {
            const body = cells.map((c) => c.replace(/\n/g, ' ')).join(' | ');
            return pipes ? `| ${body} |` : body;
          };
          const head = row(Array.from({ length: cols }, (_, i) => `Col ${i}`));
          return [head, row(Array(cols).fill(sep)), ...rows.map(row)].join('\n');
        }),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom('```', '~~~', '````', '```js', '~~~ md'), tokenSoup(10), fc.constantFrom('```', '~~~', '', '``', '````'))
        .map(([open, body, close]) => `${open}\n${body}\n${close}`),
    },
    { weight: 1, arbitrary: tokenSoup(10).map((s) => `    ${s}`) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom('1', 'amazon-openai-investment', 'note', 'x-y'), inline).map(([l, t]) => `[^${l}]: ${t}`) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom('a', 'ref'), fc.constantFrom('http://x', '<y>', '')).map(([l, u]) => `[${l}]: ${u}`) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom('<div>', '<table>', '<pre>', '<!--', '<script>', '<?php'), tokenSoup(8), fc.constantFrom('</div>', '</table>', '</pre>', '-->', '', '</script>', '?>')).map(([o, b, c]) => `${o}\n${b}\n${c}`) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom('disable', 'enable', 'disable-line', 'disable-next-line', 'disable-file'), fc.constantFrom('', ' wrong-value', ' unsupported, wrong-date', ' nope'))
        .map(([k, r]) => `<!-- factlint-${k}${r} -->`),
    },
    { weight: 1, arbitrary: fc.constantFrom('---', '***', '___', '$$\nx\n$$', '$$', '\\', '<br/>', '') },
  ),
})).blk;

/** A whole draft: optional front matter, blocks, mixed line ends. */
export function markdownDoc(maxBlocks = 12): fc.Arbitrary<string> {
  return fc
    .record({
      front: fc.option(fc.constantFrom('---\ndate: 2026-01-30\n---', '---\ntitle: x\ndate: 2026-13-45\n---', '---\n: : :\n---', '---\ndate: [1, 2\n', '+++\ndate = 2026\n+++'), { nil: undefined }),
      blocks: fc.array(block, { maxLength: maxBlocks }),
      seps: fc.array(fc.constantFrom('\n\n', '\n', '\r\n\r\n', '\r\r', '\n\r\n', '\n   \n'), { minLength: 1, maxLength: 4 }),
      ends: fc.constantFrom('keep', 'crlf', 'cr', 'mixed'),
    })
    .map(({ front, blocks, seps, ends }) => {
      let doc = (front ? [front, ...blocks] : blocks).map((b, i) => (i ? seps[i % seps.length] : '') + b).join('');
      if (ends === 'crlf') doc = doc.replace(/\r?\n/g, '\r\n');
      else if (ends === 'cr') doc = doc.replace(/\r?\n/g, '\r');
      else if (ends === 'mixed') {
        let k = 0;
        doc = doc.replace(/\n/g, () => LINE_ENDS[k++ % 3]);
      }
      return doc;
    });
}

/** A long draft (past the size parsed in pieces): many documents, and sometimes a long tight list. */
export function longDoc(): fc.Arbitrary<string> {
  const list = fc
    .record({ marker: fc.constantFrom('- ', '* ', '1. ', '- - ', '> - ', '  - '), items: fc.array(inline, { minLength: 50, maxLength: 400 }) })
    .map(({ marker, items }) => items.map((it) => marker + it.replace(/[\r\n]+/g, ' ')).join('\n'));
  return fc
    .array(fc.oneof({ weight: 4, arbitrary: markdownDoc(16) }, { weight: 1, arbitrary: list }), { minLength: 20, maxLength: 60 })
    .map((docs) => docs.join('\n\n'));
}

/** Any of the above. */
export function anyDraft(size: 'small' | 'large' = 'small'): fc.Arbitrary<string> {
  const big = size === 'large';
  return fc.oneof(
    { weight: 3, arbitrary: markdownDoc(big ? 40 : 12) },
    { weight: 2, arbitrary: tokenSoup(big ? 400 : 80) },
    { weight: 2, arbitrary: anyString(big ? 2000 : 300) },
    { weight: 1, arbitrary: adversarial(big ? 20000 : 2000) },
    { weight: 1, arbitrary: deepNesting(big ? 1000 : 200) },
  );
}

// ---------------------------------------------------------------------------------------------
// Edits

export interface Edit {
  /** Position as a fraction of the current length (so edits stay valid on any text). */
  at: number;
  /** How many code units to delete, as a fraction of what follows. */
  del: number;
  insert: string;
}

export const edit: fc.Arbitrary<Edit> = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  del: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 0.3, noNaN: true })),
  insert: fc.oneof(
    fc.constant(''),
    vocab,
    lineEnd,
    fc.constantFrom('\n\n', '```\n', '| ', '> ', '# ', '- ', '[^1]', '$', '1', '0', ' ', '*', '<!--', '-->'),
    block.map((b) => `\n\n${b}\n\n`),
    tokenSoup(6),
  ),
});

export function applyEdit(text: string, e: Edit): string {
  const at = Math.min(text.length, Math.floor(e.at * (text.length + 1)));
  const del = Math.floor(e.del * (text.length - at));
  return text.slice(0, at) + e.insert + text.slice(at + del);
}

// ---------------------------------------------------------------------------------------------
// Facts files

/** Mutations of a facts file's text: the typos and half-edits of a person editing by hand. */
const FACTS_JUNK = [
  '', ':', ': ', '-', '- ', '[', ']', '{', '}', '"', "'", ',', '&a', '*a', '&a [1]', '*b', '\n', '  ', '\t', '#', '|', '>', '!', '!!str',
  '!!binary', '%YAML 1.1\n', '---\n', '...\n', '? ', '@', '`', '\\', '\u0000', '\ufeff', '\ud800', '😀', 'null', '~', '1e999', '-0',
  '0x10', '.inf', '.nan', 'yes', 'no', '2026-02-30', '2026-01-30', '"2026-01-30"', '{ amount: 5 }', '{ amount: -1 }', '{ percent: 1e308 }',
  'id: x', 'id: amazon', 'id: s000', '- id: s000', 'source: s999', 'subject: [nobody]', 'kind: nope', 'value: {}', 'quote: ""',
  '\n  - id: dup\n', '<<: *a', '&x { a: 1 }', '"\\u0000"', '"\\ud800"', "'''", '{{{{', '[[[[', ']]]]',
];
export const factsJunk = fc.constantFrom(...FACTS_JUNK);

export interface TextMutation {
  at: number;
  del: number;
  insert: string;
}

const textMutation: fc.Arbitrary<TextMutation> = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  del: fc.integer({ min: 0, max: 40 }),
  insert: fc.oneof({ weight: 5, arbitrary: factsJunk }, { weight: 1, arbitrary: fc.string({ unit: codeUnit, maxLength: 4 }) }),
});

/** 1-6 random edits of `good` (a facts file's text). */
export function factsTextMutation(good: string): fc.Arbitrary<string> {
  return fc.array(textMutation, { minLength: 1, maxLength: 6 }).map((ms) => {
    let t = good;
    for (const m of ms) {
      const at = Math.floor(m.at * t.length);
      t = t.slice(0, at) + m.insert + t.slice(at + m.del);
    }
    return t;
  });
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** A structural mutation of parsed facts data: a value replaced, removed, duplicated or retyped. */
export function factsDataMutation(data: Json): fc.Arbitrary<Json> {
  const paths: (string | number)[][] = [];
  const walk = (v: Json, p: (string | number)[]) => {
    paths.push(p);
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...p, i]));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...p, k]);
  };
  walk(data, []);
  const replacement: fc.Arbitrary<Json> = fc.oneof(
    fc.constantFrom<Json>(null, true, false, 0, -1, 1e308, 0.5, '', 'x', 'amazon', 's000', '2026-01-30', '2026-02-30', [], {}, [null], { amount: 1 }),
    fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>,
  );
  const op = fc.record({
    path: fc.constantFrom(...paths),
    kind: fc.constantFrom('replace', 'delete', 'duplicate', 'wrap'),
    value: replacement,
  });
  return fc.array(op, { minLength: 1, maxLength: 4 }).map((ops) => {
    const copy = JSON.parse(JSON.stringify(data)) as Json;
    for (const o of ops) {
      if (o.path.length === 0) continue;
      const parent = getPath(copy, o.path.slice(0, -1));
      const key = o.path[o.path.length - 1];
      if (parent === undefined || parent === null || typeof parent !== 'object') continue;
      const obj = parent as Record<string | number, Json>;
      if (!(key in obj)) continue;
      if (o.kind === 'replace') obj[key] = o.value;
      else if (o.kind === 'wrap') obj[key] = [obj[key]];
      else if (o.kind === 'delete') {
        if (Array.isArray(parent)) parent.splice(key as number, 1);
        else delete obj[key];
      } else if (Array.isArray(parent)) parent.splice(key as number, 0, JSON.parse(JSON.stringify(parent[key as number])) as Json);
    }
    return copy;
  });
}

function getPath(v: Json, path: (string | number)[]): Json | undefined {
  let cur: Json | undefined = v;
  for (const k of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, Json>)[k];
  }
  return cur;
}
