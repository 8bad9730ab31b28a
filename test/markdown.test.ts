import { describe, expect, it } from 'vitest';
import { parseMarkdown, plainText } from '../server/src/engine/markdown/parse.js';
import { fromMarkdown } from 'mdast-util-from-markdown';
import fc from 'fast-check';
import { draftDateByYaml, draftDateFromYaml } from '../server/src/engine/markdown/frontmatter.js';
import type { ParsedMarkdown, ProseBlock } from '../server/src/engine/types.js';

/** The block whose span holds the first occurrence of `needle`. */
function blockWith(parsed: ParsedMarkdown, doc: string, needle: string, from = 0): ProseBlock {
  const at = doc.indexOf(needle, from);
  expect(at, `${JSON.stringify(needle)} in the document`).toBeGreaterThanOrEqual(0);
  const block = parsed.blocks.find((b) => b.start <= at && at + needle.length <= b.end);
  expect(block, `a block holding ${JSON.stringify(needle)}`).toBeDefined();
  return block!;
}

/** Asserts `needle` survives as prose at its exact document offset. */
function expectProse(parsed: ParsedMarkdown, doc: string, needle: string, from = 0): ProseBlock {
  const at = doc.indexOf(needle, from);
  const block = blockWith(parsed, doc, needle, from);
  expect(block.text.slice(at - block.start, at - block.start + needle.length)).toBe(needle);
  return block;
}

/** Asserts the source of `needle` is masked (spaces, line breaks kept) wherever a block covers it. */
function expectMasked(parsed: ParsedMarkdown, doc: string, needle: string, from = 0): void {
  const at = doc.indexOf(needle, from);
  expect(at, `${JSON.stringify(needle)} in the document`).toBeGreaterThanOrEqual(0);
  for (const b of parsed.blocks) {
    const s = Math.max(at, b.start);
    const e = Math.min(at + needle.length, b.end);
    if (s >= e) continue;
    const seen = b.text.slice(s - b.start, e - b.start);
    expect(seen, `${JSON.stringify(needle)} masked in ${JSON.stringify(b.text)}`).toBe(
      doc.slice(s, e).replace(/[^\r\n]/g, ' '),
    );
  }
}

/** No block's text contains `needle`. */
function expectNoProse(parsed: ParsedMarkdown, needle: string): void {
  for (const b of parsed.blocks) expect(b.text, `block text`).not.toContain(needle);
}

/** Every block: text as long as its span, line breaks in place, other characters kept or blanked. */
function expectWellFormed(doc: string, parsed: ParsedMarkdown, allowDecoded = false): void {
  let previous = -1;
  for (const b of parsed.blocks) {
    expect(b.start).toBeGreaterThanOrEqual(previous);
    expect(b.end).toBeGreaterThanOrEqual(b.start);
    expect(b.end).toBeLessThanOrEqual(doc.length);
    previous = b.start;
    expect(b.text.length).toBe(b.end - b.start);
    for (let i = 0; i < b.text.length; i++) {
      const d = doc[b.start + i];
      const t = b.text[i];
      if (d === '\n' || d === '\r') expect(t).toBe(d);
      else if (t !== ' ' && t !== d && !allowDecoded) {
        throw new Error(`offset ${b.start + i}: ${JSON.stringify(t)} for ${JSON.stringify(d)} in ${JSON.stringify(b.text)}`);
      }
    }
  }
}

describe('paragraphs and headings', () => {
  const doc = [
    '# Amazon weighs a *record* bet',
    '',
    'Amazon is negotiating to put **as much as $50 billion** into _OpenAI_, a ~~$40bn~~ move.',
    '',
    'Second paragraph with 16,000 roles',
    'on a second line.',
    '',
  ].join('\n');
  const parsed = parseMarkdown(doc);

  it('emits one block per paragraph and heading, in order', () => {
    expect(parsed.blocks.map((b) => b.kind)).toEqual(['heading', 'paragraph', 'paragraph']);
    expectWellFormed(doc, parsed);
  });

  it('keeps prose at its document offsets', () => {
    expectProse(parsed, doc, '$50 billion');
    expectProse(parsed, doc, 'OpenAI');
    expectProse(parsed, doc, '$40bn');
    expectProse(parsed, doc, 'record');
    expectProse(parsed, doc, 'on a second line.');
  });

  it('masks emphasis, strong, strikethrough and heading markup', () => {
    const [h, p] = parsed.blocks;
    expect(h.text).toBe('  Amazon weighs a  record  bet');
    expect(p.text.startsWith('Amazon is negotiating to put   as much as $50 billion   into  OpenAI , a   $40bn   move.')).toBe(
      true,
    );
  });

  it('keeps line breaks inside a paragraph', () => {
    const b = blockWith(parsed, doc, '16,000 roles');
    expect(b.text).toBe('Second paragraph with 16,000 roles\non a second line.');
  });

  it('setext headings: the underline is masked', () => {
    const d = 'Cuts at home\n------------\n\nText.\n';
    const r = parseMarkdown(d);
    expect(r.blocks[0].kind).toBe('heading');
    expect(r.blocks[0].text).toBe('Cuts at home\n            ');
    expect(r.blocks[1].headings).toEqual(['Cuts at home']);
  });

  it('closing # sequences of ATX headings are masked', () => {
    const r = parseMarkdown('## Capex: $125B ##\n');
    expect(r.blocks[0].text).toBe('   Capex: $125B   ');
  });
});

describe('what is not prose', () => {
  it('inline code is masked whole, backticks included', () => {
    const doc = 'Reviewed up to `2026-01-30` and ``$40 `bn` `` here.';
    const r = parseMarkdown(doc);
    expectMasked(r, doc, '`2026-01-30`');
    expectMasked(r, doc, '``$40 `bn` ``');
    expectProse(r, doc, 'Reviewed up to');
    expectProse(r, doc, 'here.');
    expectNoProse(r, '2026');
    expectNoProse(r, '$40');
  });

  it('fenced and indented code, HTML blocks, thematic breaks and definitions produce no blocks', () => {
    const doc = [
      'Intro $1.',
      '',
      '```yaml',
      'amazon_openai_usd_bn: 40',
      '```',
      '',
      '~~~',
      'tilde fence 41',
      '~~~',
      '',
      '    indented code 42',
      '',
      '<div>',
      'html block 43',
      '</div>',
      '',
      '***',
      '',
      '[cnbc]: https://example.com/2026/44 "Title 45"',
      '',
      'Outro $2.',
    ].join('\n');
    const r = parseMarkdown(doc);
    expect(r.blocks.map((b) => b.text)).toEqual(['Intro $1.', 'Outro $2.']);
  });

  it('front matter produces no blocks (YAML and TOML)', () => {
    const yaml = '---\ntitle: "The $40bn question"\ndate: 2026-02-01\n---\n\n# Title\n';
    const r = parseMarkdown(yaml);
    expect(r.blocks.map((b) => b.text)).toEqual(['  Title']);
    expect(r.blocks[0].start).toBe(yaml.indexOf('# Title'));
    const toml = '+++\ntitle = "The $40bn question"\n+++\n\nBody.\n';
    expect(parseMarkdown(toml).blocks.map((b) => b.text)).toEqual(['Body.']);
  });

  it('a draft opening with a rule (front matter that never closes) keeps its lists and quotes', () => {
    for (const doc of ['---\n\n> Amazon may invest $50bn.\n\n- Item with $8bn\n', '---\ntitle: x\n\n> Amazon may invest $50bn.\n\n- Item with $8bn\n']) {
      for (const r of [parseMarkdown(doc), parseMarkdown(doc, { shortcut: false })]) {
        const quote = r.blocks.find((b) => b.text.includes('$50bn'));
        const item = r.blocks.find((b) => b.text.includes('$8bn'));
        expect(quote, doc).toMatchObject({ inQuote: true, text: 'Amazon may invest $50bn.' });
        expect(item, doc).toMatchObject({ inList: true, text: 'Item with $8bn' });
      }
    }
  });

  it('HTML comments and inline HTML are masked', () => {
    const doc = 'Amazon <!-- TODO: check the $60bn total --> put <span class="x">$8 billion</span> in.\n\n<!-- block comment $61bn -->\n';
    const r = parseMarkdown(doc);
    expect(r.blocks).toHaveLength(1);
    expectMasked(r, doc, '<!-- TODO: check the $60bn total -->');
    expectMasked(r, doc, '<span class="x">');
    expectMasked(r, doc, '</span>');
    expectProse(r, doc, '$8 billion');
    expectNoProse(r, '$60bn');
    expectNoProse(r, '$61bn');
  });

  it('links keep their text and mask brackets, URL and title', () => {
    const doc =
      'Amazon is discussing a $50bn deal ([CNBC via our wire partner](https://news.example.com/2026/01/29/amazon-openai-talks "Posted 29 January")).';
    const r = parseMarkdown(doc);
    const b = expectProse(r, doc, 'CNBC via our wire partner');
    expectMasked(r, doc, '](https://news.example.com/2026/01/29/amazon-openai-talks "Posted 29 January")');
    expect(b.text[doc.indexOf('[CNBC') - b.start]).toBe(' ');
    expectNoProse(r, '2026');
    expectNoProse(r, 'Posted');
  });

  it('reference links keep their text; labels and definitions are masked', () => {
    const doc = 'See [the filing][sec 10] and [Reuters] or [full][].\n\n[sec 10]: https://sec.gov/2026\n[reuters]: https://reuters.com/9\n[full]: /x\n';
    const r = parseMarkdown(doc);
    expect(r.blocks).toHaveLength(1);
    expectProse(r, doc, 'the filing');
    expectProse(r, doc, 'Reuters');
    expectProse(r, doc, 'full');
    expectMasked(r, doc, '][sec 10]');
    expectNoProse(r, '10');
  });

  it('autolinks, bare URLs, www hosts and e-mail addresses are masked', () => {
    const doc =
      'Sources: <https://x.com/2026/01/29/story>, https://news.example.com/2026/01/29/amazon?id=42 and www.example.com/2026/5 or ir@amazon.com today; <mailto:desk@example.com>.';
    const r = parseMarkdown(doc);
    expectMasked(r, doc, '<https://x.com/2026/01/29/story>');
    expectMasked(r, doc, 'https://news.example.com/2026/01/29/amazon?id=42');
    expectMasked(r, doc, 'www.example.com/2026/5');
    expectMasked(r, doc, 'ir@amazon.com');
    expectMasked(r, doc, '<mailto:desk@example.com>');
    expectProse(r, doc, 'Sources:');
    expectProse(r, doc, 'today;');
    for (const n of ['2026', '42', 'amazon.com', 'example']) expectNoProse(r, n);
  });


  it('a bare URL ends where GFM ends it: trailing punctuation and unbalanced parentheses stay prose', () => {
    const doc =
      'Read https://example.com/a/b. Amazon may invest $50bn (see www.example.com/q?x=1), or https://en.example.org/wiki/Deal_(2026)! Then ask ir@amazon.com.';
    const r = parseMarkdown(doc);
    expectMasked(r, doc, 'https://example.com/a/b');
    expectProse(r, doc, '. Amazon may invest $50bn (see');
    expectMasked(r, doc, 'www.example.com/q?x=1');
    expectProse(r, doc, '), or');
    // Balanced parentheses belong to the URL.
    expectMasked(r, doc, 'https://en.example.org/wiki/Deal_(2026)');
    expectProse(r, doc, '! Then ask');
    expectMasked(r, doc, 'ir@amazon.com');
    expect(r.blocks[0].text.endsWith('.')).toBe(true);
  });
  it('images are masked, alt text and URL both', () => {
    const doc = 'Chart: ![Capex of $125 billion](https://x.com/capex-2026.png "Capex 2026") above.';
    const r = parseMarkdown(doc);
    expectMasked(r, doc, '![Capex of $125 billion](https://x.com/capex-2026.png "Capex 2026")');
    expectNoProse(r, '$125');
    expectProse(r, doc, 'above.');
  });

  it('escapes: the backslash is masked, the escaped character kept', () => {
    const doc = 'Costs \\$5 \\*each\\* and a \\\\ backslash.';
    const r = parseMarkdown(doc);
    const b = r.blocks[0];
    expect(b.text).toBe('Costs  $5  *each * and a  \\ backslash.');
    expectProse(r, doc, '$5');
  });

  it('character references: decoded character right-aligned, the rest blank, offsets kept', () => {
    const doc = 'AT&amp;T paid &#36;50 and&nbsp;more &#x1F600; x';
    const r = parseMarkdown(doc);
    const b = r.blocks[0];
    expect(b.text.length).toBe(doc.length);
    expect(b.text).toBe('AT    &T paid     $50 and      more ' + ' '.repeat(7) + '😀 x');
    expectProse(r, doc, 'T paid');
    expectProse(r, doc, '50 and');
  });

  it('hard breaks are masked, the line break kept', () => {
    const doc = 'line one\\\nline two  \nline three';
    const r = parseMarkdown(doc);
    expect(r.blocks[0].text).toBe('line one \nline two  \nline three');
  });
});

describe('containers', () => {
  it('list items: paragraphs with inList, markers and indentation masked', () => {
    const doc = '- first item $1\n  continued here\n- second\n\n  with a second paragraph $2\n\n1. ordered $3\n   more\n';
    const r = parseMarkdown(doc);
    expect(r.blocks.map((b) => b.text)).toEqual([
      'first item $1\n  continued here',
      'second',
      'with a second paragraph $2',
      'ordered $3\n   more',
    ]);
    expect(r.blocks.every((b) => b.inList && !b.inQuote)).toBe(true);
    expectProse(r, doc, 'continued here');
    expectProse(r, doc, '$3');
  });

  it('task list items: the check box is not prose', () => {
    const doc = '- [x] Layoffs: 16,000 roles\n- [ ] Capex $125B\n';
    const r = parseMarkdown(doc);
    expect(r.blocks.map((b) => b.text)).toEqual(['Layoffs: 16,000 roles', 'Capex $125B']);
    expectProse(r, doc, 'Layoffs: 16,000 roles');
  });

  it('block quotes: inQuote, `>` masked on every line', () => {
    const doc = '> "Shifting money from headcount\n> to compute," an analyst said.\n';
    const r = parseMarkdown(doc);
    expect(r.blocks).toHaveLength(1);
    const b = r.blocks[0];
    expect(b.inQuote).toBe(true);
    expect(b.inList).toBe(false);
    expect(b.text).toBe('"Shifting money from headcount\n  to compute," an analyst said.');
    expectProse(r, doc, 'to compute,');
  });

  it('a paragraph in a list in a block quote: prefixes and indentation inside the span are masked', () => {
    const doc = '> Intro.\n>\n> 1. Amazon put $8 billion\n>    into Anthropic and\n>    - nested **$2 billion** from\n>      Google.\n';
    const r = parseMarkdown(doc);
    expectWellFormed(doc, r);
    const outer = expectProse(r, doc, '$8 billion');
    expect(outer.inList && outer.inQuote).toBe(true);
    expect(outer.text).toBe('Amazon put $8 billion\n     into Anthropic and');
    const inner = expectProse(r, doc, '$2 billion');
    expect(inner.text).toBe('nested   $2 billion   from\n       Google.');
    expectProse(r, doc, 'Google.');
    expectProse(r, doc, 'into Anthropic and');
    for (const b of r.blocks) expect(b.text).not.toContain('>');
  });

  it('lazy continuation lines belong to the paragraph', () => {
    const doc = '> quoted $1\nlazy line $2\n';
    const r = parseMarkdown(doc);
    expect(r.blocks).toHaveLength(1);
    expect(r.blocks[0].text).toBe('quoted $1\nlazy line $2');
  });

  it('footnote definitions: their paragraphs are prose', () => {
    const doc = 'Claim $50bn.[^s1]\n\n[^s1]: Reported by CNBC on 29 January,\n    citing people familiar.\n';
    const r = parseMarkdown(doc);
    const note = expectProse(r, doc, 'Reported by CNBC on 29 January,');
    expect(note.text).toBe('Reported by CNBC on 29 January,\n    citing people familiar.');
    expectProse(r, doc, 'citing people familiar.');
    expectNoProse(r, '[^s1]');
  });
});

describe('CRLF, tabs and astral characters', () => {
  it('keeps offsets exact', () => {
    const doc = [
      '# Deal 😀 watch',
      '',
      '> - **SoftBank** 🚀: at least\t$30bn',
      '>   and 😀😀 $20bn\tmore',
      '',
      '| Backer 😀 | Money\t|',
      '|---|---|',
      '| Nvidia 🚀 | up to $30B |',
      '',
      'Text with 𝟘 math digit and $5 end.',
    ].join('\r\n');
    const r = parseMarkdown(doc);
    expectWellFormed(doc, r);
    for (const needle of ['Deal 😀 watch', '$30bn', '😀😀 $20bn\tmore', 'Nvidia 🚀', 'up to $30B', '$5 end.', 'SoftBank']) {
      expectProse(r, doc, needle);
    }
    const quote = blockWith(r, doc, '$30bn');
    expect(quote.text).toContain('\r\n');
    expect(quote.text).toBe('  SoftBank   🚀: at least\t$30bn\r\n    and 😀😀 $20bn\tmore');
  });

  it('a lone CR is a line break too', () => {
    const doc = 'first $1\rsecond $2\r\rthird $3';
    const r = parseMarkdown(doc);
    expect(r.blocks.map((b) => b.text)).toEqual(['first $1\rsecond $2', 'third $3']);
    expectProse(r, doc, 'third $3');
  });

  it('a byte order mark does not shift offsets', () => {
    const doc = '\ufeff---\ndate: 2026-03-04\n---\n\n# Title $5\n\nPara $6.\n';
    const r = parseMarkdown(doc);
    expect(r.draftDate).toBe('2026-03-04');
    expectWellFormed(doc, r);
    expectProse(r, doc, 'Title $5');
    expectProse(r, doc, 'Para $6.');
    const bare = '\ufeff# Title $5\n';
    expectProse(parseMarkdown(bare), bare, 'Title $5');
  });

  it('tabs as list indentation are masked, not shifted', () => {
    const doc = '-\tAmazon $8B\n\tcontinues $2B\n';
    const r = parseMarkdown(doc);
    expectWellFormed(doc, r);
    expectProse(r, doc, 'Amazon $8B');
    expectProse(r, doc, 'continues $2B');
  });
});

describe('tables', () => {
  const doc = [
    '## Who owns what',
    '',
    '| Backer | Lab | Money in |',
    '|---|:-:|--:|',
    '| Amazon | Anthropic | $8B |',
    '| **Google** \\| Alphabet | Anthropic | `x` $2B |',
    '| Microsoft |',
  ].join('\n');
  const r = parseMarkdown(doc);
  const cells = r.blocks.filter((b) => b.kind === 'table-cell');

  it('one block per cell with row, column and header flags', () => {
    expect(cells.map((c) => [c.table!.row, c.table!.column, c.table!.isHeader])).toEqual([
      [0, 0, true],
      [0, 1, true],
      [0, 2, true],
      [1, 0, false],
      [1, 1, false],
      [1, 2, false],
      [2, 0, false],
      [2, 1, false],
      [2, 2, false],
      [3, 0, false],
    ]);
    expectWellFormed(doc, r);
  });

  it('rowLabel and columnHeader are plain texts', () => {
    const money = blockWith(r, doc, '$8B');
    expect(money.table).toMatchObject({ rowLabel: 'Amazon', columnHeader: 'Money in', row: 1, column: 2 });
    const google = blockWith(r, doc, '$2B');
    expect(google.table).toMatchObject({ rowLabel: 'Google | Alphabet', columnHeader: 'Money in' });
    expect(blockWith(r, doc, 'Lab').table).toMatchObject({ rowLabel: 'Backer', columnHeader: 'Lab', isHeader: true });
  });

  it('pipes, delimiter row and code are masked; cell text at its offsets', () => {
    expectProse(r, doc, '$8B');
    expectProse(r, doc, '$2B');
    expectProse(r, doc, 'Google');
    expectMasked(r, doc, '`x`');
    // The only pipe left is the escaped one (its backslash masked).
    for (const c of cells) {
      for (let i = c.text.indexOf('|'); i >= 0; i = c.text.indexOf('|', i + 1)) {
        expect(doc[c.start + i - 1]).toBe('\\');
        expect(c.text[i - 1]).toBe(' ');
      }
    }
    expect(r.blocks.some((b) => b.text.includes('---'))).toBe(false);
    expect(cells.every((c) => c.headings.join('/') === 'Who owns what')).toBe(true);
  });
});

describe('headings path', () => {
  const doc = [
    '# Brief',
    'intro para',
    '## Who owns what',
    'owners para',
    '### Detail',
    'detail para',
    '## The rest',
    'rest para',
    '# Appendix',
    'end para',
  ].join('\n\n');
  const r = parseMarkdown(doc);
  const path = (needle: string) => blockWith(r, doc, needle).headings;

  it('lists the enclosing headings, outermost first', () => {
    expect(path('intro para')).toEqual(['Brief']);
    expect(path('owners para')).toEqual(['Brief', 'Who owns what']);
    expect(path('detail para')).toEqual(['Brief', 'Who owns what', 'Detail']);
    expect(path('rest para')).toEqual(['Brief', 'The rest']);
    expect(path('end para')).toEqual(['Appendix']);
  });

  it("a heading's own path excludes itself", () => {
    expect(path('Brief')).toEqual([]);
    expect(path('Detail')).toEqual(['Brief', 'Who owns what']);
    expect(path('The rest')).toEqual(['Brief']);
  });

  it('heading texts are plain (markup, code and footnote calls dropped)', () => {
    const d = '# The *$40bn* `q` question[^1]\n\nbody\n\n[^1]: n\n';
    expect(blockWith(parseMarkdown(d), d, 'body').headings).toEqual(['The $40bn q question']);
  });
});

describe('lead-ins of list items', () => {
  const doc = [
    '- **SoftBank**: at least $30bn',
    '- **Amazon\'s potential stake:** $50 billion',
    '- Layoffs: 16,000 roles',
    '- *Capex*: $125B',
    '- At 10:30 the shares fell 2%',
    '- Earnings next week, where the layoffs: dominate',
    '- plain item $5',
    '',
    'Layoffs: not in a list',
  ].join('\n');
  const r = parseMarkdown(doc);
  const lead = (needle: string) => blockWith(r, doc, needle).leadIn;

  it('bold and colon lead-ins', () => {
    expect(lead('at least $30bn')).toBe('SoftBank');
    expect(lead('$50 billion')).toBe("Amazon's potential stake");
    expect(lead('16,000 roles')).toBe('Layoffs');
    expect(lead('$125B')).toBe('Capex');
  });

  it('no lead-in without one, or outside lists', () => {
    expect(lead('the shares fell')).toBeUndefined();
    expect(lead('Earnings next week')).toBeUndefined();
    expect(lead('plain item')).toBeUndefined();
    expect(lead('not in a list')).toBeUndefined();
  });
});

describe('footnote references', () => {
  it('records calls with and without definitions, and masks them', () => {
    const doc = 'Amazon may invest $50 billion[^amazon-stake] and SoftBank $30bn [^sb].\n\n| A | B |\n|---|---|\n| x | $8B[^sb] |\n\n[^sb]: SoftBank note.\n';
    const r = parseMarkdown(doc);
    expect(r.footnoteRefs).toEqual([
      { label: 'amazon-stake', start: doc.indexOf('[^amazon-stake]'), end: doc.indexOf('[^amazon-stake]') + 15 },
      { label: 'sb', start: doc.indexOf('[^sb]'), end: doc.indexOf('[^sb]') + 5 },
      { label: 'sb', start: doc.indexOf('[^sb]', doc.indexOf('$8B')), end: doc.indexOf('[^sb]', doc.indexOf('$8B')) + 5 },
    ]);
    expectMasked(r, doc, '[^amazon-stake]');
    expectMasked(r, doc, '[^sb]');
    expectProse(r, doc, '$50 billion');
    expectProse(r, doc, '$8B');
    expectNoProse(r, 'amazon-stake');
  });

  it('no references from code or URLs', () => {
    const doc = 'Use `[^x]` literally.\n\n```\n[^y]\n```\n';
    expect(parseMarkdown(doc).footnoteRefs).toEqual([]);
  });
});

describe('plainText', () => {
  it('reads what a reader sees', () => {
    const tree = fromMarkdown('**Amazon**\'s *$50* `bn` ![img](x.png) [CNBC](https://x) <b>html</b>\\\nnext &amp; line');
    expect(plainText(tree)).toBe("Amazon's $50 bn CNBC html next & line");
    expect(plainText(undefined)).toBe('');
  });
});

describe('draftDate from front matter', () => {
  const date = (fm: string) => parseMarkdown(`---\n${fm}\n---\n\nBody.\n`).draftDate;

  it('normalises dates', () => {
    expect(date('date: 2026-02-01')).toBe('2026-02-01');
    expect(date('date: 2026-2-1')).toBe('2026-02-01');
    expect(date('date: "2026-02-01T09:30:00Z"')).toBe('2026-02-01');
    expect(date('date: February 1, 2026')).toBe('2026-02-01');
    expect(date('date: !!timestamp 2026-02-01')).toBe('2026-02-01');
    expect(date('title: x\ndate: 2026-01-30\ntags: [a, b]')).toBe('2026-01-30');
  });

  it('ignores what is not a date, and never throws on bad YAML', () => {
    expect(date('date: banana')).toBeUndefined();
    expect(date('date: 2026-02-30')).toBeUndefined();
    expect(date('date: 42')).toBeUndefined();
    expect(date('title: no date')).toBeUndefined();
    expect(date('date: [unclosed')).toBeUndefined();
    expect(date(': : :\n  - ][')).toBeUndefined();
    const bomb = ['a: &a ["x","x"]', ...Array.from({ length: 12 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`), 'date: 2026-01-01'].join('\n');
    expect(() => date(bomb)).not.toThrow();
    expect(parseMarkdown('date: 2026-02-01\n').draftDate).toBeUndefined();
  });

  it('the shortcut for simple front matter reads what the YAML parser reads', () => {
    const lines = [
      'date: 2026-01-15', 'date: 2026-02-30', 'date:  2026-01-05  ', 'Date: 2026-01-15', 'date: 2026-1-5', 'date: "2026-01-15"',
      'title: Amazon and OpenAI', 'title: Amazon: the deal', 'title: "Amazon, OpenAI"', "title: 'quoted'", 'title: a # comment',
      'title: -5 things', 'title: ? odd', 'tags: [ai, cloud]', 'tags: [ai, [x]]', 'author: Gareth Price', 'draft:', 'slug: a-b-c',
      '  nested: 2026-01-01', '- item', 'date: 2026-01-15 # note', 'x: y: z', 'weird key: 1', 'k: &a v', 'k: *a', '{a: 1}',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...lines), { maxLength: 6 }), (picked) => {
        const source = picked.join('\n');
        expect(draftDateFromYaml(source)).toBe(draftDateByYaml(source));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('never throws', () => {
  const inputs: [string, string][] = [
    ['unbalanced fences', '```\nopen\n~~~\n````\n```js\n'.repeat(200)],
    ['deep block quotes', '>'.repeat(200) + ' deep $1\n' + '>'.repeat(200) + ' deeper\n'],
    ['100k brackets', '['.repeat(100_000)],
    ['100k closing brackets and parens', ']('.repeat(50_000)],
    ['50k emphasis markers in one paragraph', '*a'.repeat(50_000)],
    ['deep nesting of lists in quotes', Array.from({ length: 100 }, (_, i) => '> '.repeat(i) + '- x $' + i).join('\n')],
    ['deep lists', Array.from({ length: 300 }, (_, i) => ' '.repeat(i * 2) + '- item ' + i).join('\n')],
    ['many emphasis markers', '*a **'.repeat(20_000)],
    ['unclosed html comment', '<!-- ' + 'x\n\n'.repeat(1000)],
    ['lone surrogates', 'a \ud800 b \udc00 $5 \ud83d'],
    ['NUL and control characters', 'a\u0000b\u0001\u0008 $5\u000b\f'],
    ['only front matter fence', '---'],
    ['empty', ''],
    ['footnote soup', '[^'.repeat(20_000) + ']'.repeat(20_000)],
    ['table soup', '|\n|-|\n' + '|'.repeat(5000)],
  ];
  for (const [name, text] of inputs) {
    it(name, () => {
      let r: ParsedMarkdown | undefined;
      const started = performance.now();
      expect(() => (r = parseMarkdown(text))).not.toThrow();
      // Pathological input must not hang the editor (micromark is quadratic on some of it).
      expect(performance.now() - started).toBeLessThan(10_000);
      expect(Array.isArray(r!.blocks)).toBe(true);
      for (const b of r!.blocks) expect(b.text.length).toBe(b.end - b.start);
    });
  }

  it('random Markdown-ish input keeps the block invariants', () => {
    let seed = 12345;
    const rnd = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const alphabet = ['#', '*', '_', '~', '`', '>', '-', '+', '1.', '|', '[', ']', '(', ')', '!', '<', '>', '\\', '&', ';', '^', ':', ' ', ' ', '\t', '\n', '\n', '\r\n', 'a', 'b', '$5', '😀', 'http://x.y/z', '<!--', '-->', '---', '```'];
    for (let n = 0; n < 300; n++) {
      let doc = '';
      const len = Math.floor(rnd() * 120);
      for (let i = 0; i < len; i++) doc += alphabet[Math.floor(rnd() * alphabet.length)];
      const r = parseMarkdown(doc);
      expectWellFormed(doc, r, /&/.test(doc));
    }
  });
});
