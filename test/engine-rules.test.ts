// Each rule on drafts written for these tests, in several styles. The facts are the bundled ones.
import { describe, expect, it } from 'vitest';
import { all, findingAt, loud } from './helpers/bundled.js';
import { checkDocument, analyzeDocument, BlockCache } from '../server/src/engine/check.js';
import { bundledFacts } from './helpers/bundled.js';
import { LineIndex } from '../server/src/engine/text/positions.js';

function expectRule(text: string, needle: string, rule: string, factId?: string) {
  const f = findingAt(all(text), text, needle);
  expect(f, `a finding on "${needle}"`).toBeDefined();
  expect(f!.rule).toBe(rule);
  if (factId) expect(f!.factId).toBe(factId);
  return f!;
}

function expectQuiet(text: string, needle: string) {
  const f = findingAt(loud(text), text, needle);
  expect(f, `no error or warning on "${needle}", got ${f?.rule}: ${f?.message}`).toBeUndefined();
}

describe('correct figures stay quiet', () => {
  const draft = [
    '# What Amazon is weighing',
    '',
    'Per people familiar with the matter, the e-commerce giant is negotiating a stake in OpenAI worth $50bn.',
    'The ChatGPT maker hopes to collect up to $100 billion in the round, which would value it at about $830 billion.',
    'Nvidia is mulling up to $30 billion; Microsoft, less than $10 billion.',
    'Amazon will also keep backing Anthropic, into which it has put roughly $8 billion.',
    'Amazon told staff it was cutting 16,000 corporate jobs, and its shares slid 2.1% that day.',
    'Amazon guided to $125 billion of capital expenditure for 2026.',
  ].join('\n');
  for (const needle of ['$50bn', '$100 billion', '$830 billion', '$30 billion', '$10 billion', '$8 billion', '16,000', '2.1%', '$125 billion', '2026']) {
    it(needle, () => expectQuiet(draft, needle));
  }
});

describe('wrong-value', () => {
  it('flags a changed amount and offers the sourced one in the writer style', () => {
    const text = 'Sources say Amazon is in talks to invest $40bn in OpenAI.';
    const f = expectRule(text, '$40bn', 'wrong-value', 'amazon-openai-investment');
    expect(f.fix?.text).toBe('$50bn');
    expect(f.expected?.variants.map((v) => v.text)).toContain('up to $50 billion');
  });

  it('flags transposed digits in a valuation', () => {
    const text = 'OpenAI was valued at $175 billion in October 2024, according to the report.';
    expectRule(text, '$175 billion', 'wrong-value', 'openai-valuation-2024');
    expectQuiet(text, 'October 2024');
  });

  it('flags a wrong count', () => {
    const text = 'The round may close in three tranches, strategic partners first.';
    expectRule(text, 'three', 'wrong-value', 'openai-round-tranches');
  });
});

describe('wrong-magnitude', () => {
  it('million for billion', () => {
    const text = 'Microsoft has invested more than $13 million in OpenAI since 2019.';
    const f = expectRule(text, '$13 million', 'wrong-magnitude', 'microsoft-openai-total-investment');
    expect(f.fix?.text).toBe('$13 billion');
  });

  it('a misplaced decimal point', () => {
    const text = 'Amazon opened a $1.1 billion data centre campus in Indiana for Anthropic.';
    expectRule(text, '$1.1 billion', 'wrong-magnitude', 'amazon-indiana-campus');
  });

  it('in a table with the entity in a heading', () => {
    const text = ['## Amazon job cuts', '', '| Item | Number |', '|---|---|', '| Corporate layoffs | 1,600 |'].join('\n');
    expectRule(text, '1,600', 'wrong-magnitude', 'amazon-layoffs');
  });
});

describe('wrong-date and wrong-year', () => {
  it('a wrong day without a year', () => {
    const text = 'Amazon confirmed on Jan. 27 that it was eliminating 16,000 corporate roles.';
    const f = expectRule(text, 'Jan. 27', 'wrong-date', 'amazon-layoffs-date');
    expect(f.fix?.text).toBe('Jan. 28');
  });

  it('a wrong year for a quarter', () => {
    const text = 'OpenAI is eyeing an IPO in the fourth quarter of 2027 that could value it at $1 trillion.';
    expectRule(text, 'the fourth quarter of 2027', 'wrong-year', 'openai-ipo-timing');
  });

  it('a wrong year for the period of a figure', () => {
    const text = "Amazon's capital expenditure forecast of $125 billion is for 2025.";
    expectRule(text, '2025', 'wrong-year', 'amazon-capex-2026');
  });

  it('a wrong "since" year', () => {
    const text = 'Microsoft has been the lead investor in OpenAI since 2017.';
    expectRule(text, '2017', 'wrong-year');
  });
});

describe('wrong-entity', () => {
  it('another investor gets Amazon’s figure', () => {
    const text = 'SoftBank is said to be ready to commit as much as $50 billion.';
    const f = expectRule(text, '$50 billion', 'wrong-entity', 'softbank-openai-investment');
    expect(f.related).toContain('amazon-openai-investment');
  });

  it('a deal given to the wrong counterparty', () => {
    const text = 'OpenAI also signed a $10 billion computing agreement with Broadcom.';
    expectRule(text, '$10 billion', 'wrong-entity', 'openai-cerebras-deal');
  });

  it('swapped figures in one sentence', () => {
    const text = 'Google has put $8 billion into Anthropic and Amazon $2 billion.';
    expect(findingAt(loud(text), text, '$8 billion')).toBeDefined();
    expect(findingAt(loud(text), text, '$2 billion')).toBeDefined();
  });
});

describe('qualifiers', () => {
  it('contradicted: more than where the sources say less than', () => {
    const text = 'Microsoft is weighing a new investment of more than $10 billion.';
    const f = expectRule(text, '$10 billion', 'contradicted-qualifier', 'microsoft-openai-new-investment');
    expect(text.slice(f.start, f.end)).toBe('more than $10 billion');
    expect(f.fix?.text).toBe('less than $10 billion');
  });

  it('overstated: a firm figure where the sources give a ceiling below it', () => {
    const text = 'Microsoft will put $10 billion into the new round.';
    const f = expectRule(text, '$10 billion', 'overstated-qualifier', 'microsoft-openai-new-investment');
    expect(f.severity).toBe('warning');
  });

  it('negation of a sourced figure', () => {
    const text = 'Nvidia is not weighing $30 billion for OpenAI.';
    expectRule(text, '$30 billion', 'contradicted-qualifier', 'nvidia-openai-investment');
  });
});

describe('overstated-status', () => {
  it('talks presented as a done investment', () => {
    const text = 'Amazon has invested $50 billion in OpenAI, making it the largest backer.';
    expectRule(text, '$50 billion', 'overstated-status', 'amazon-openai-investment');
  });

  it('a completed investment may be stated as done', () => {
    const text = 'Amazon has invested approximately $8 billion in Anthropic.';
    expectQuiet(text, '$8 billion');
  });

  it('hedged wording is fine', () => {
    expectQuiet('Amazon could invest $50 billion in OpenAI if talks succeed.', '$50 billion');
  });
});

describe('disputed', () => {
  it('names every variant with its sources', () => {
    const text = "Anthropic's latest valuation is $183 billion.";
    const f = expectRule(text, '$183 billion', 'disputed', 'anthropic-valuation');
    expect(f.severity).toBe('info');
    expect(f.message).toContain('$350 billion');
    expect(f.message).toContain('$183 billion');
  });

  it('a qualifier only some sources use', () => {
    const text = 'Amazon is discussing an investment of at least $50 billion in OpenAI.';
    expectRule(text, '$50 billion', 'disputed', 'amazon-openai-investment');
  });
});

describe('unsupported', () => {
  it('a figure no fact covers is a hint, never an error', () => {
    const text = "Amazon's 2024 revenue was $638 billion.";
    expect(loud(text)).toEqual([]);
    expectRule(text, '$638 billion', 'unsupported');
  });

  it('is not forced onto the nearest fact', () => {
    const text = 'OpenAI says ChatGPT now has 800 million weekly users.';
    expect(loud(text)).toEqual([]);
  });
});

describe('fact bindings with footnotes', () => {
  it('checks a bound figure against its fact alone', () => {
    const text = 'The figure under discussion is $30 billion[^softbank-openai-investment].\n\n[^softbank-openai-investment]: Source list.';
    expect(loud(text)).toEqual([]);
    const wrong = 'The figure under discussion is $40 billion[^softbank-openai-investment].\n\n[^softbank-openai-investment]: Source list.';
    expectRule(wrong, '$40 billion', 'wrong-value', 'softbank-openai-investment');
  });

  it('an unknown id is an error with a did-you-mean', () => {
    const text = 'Amazon may invest $50 billion[^amazon-openai-invest].\n\n[^amazon-openai-invest]: x';
    const f = expectRule(text, '[^amazon-openai-invest]', 'unknown-fact');
    expect(f.message).toContain('amazon-openai-investment');
  });
});

describe('inline control comments', () => {
  const wrong = 'Amazon is in talks to invest $40bn in OpenAI.';
  it('disable-next-line', () => {
    expect(loud(`<!-- factlint-disable-next-line -->\n${wrong}`)).toEqual([]);
    expect(loud(`<!-- factlint-disable-next-line wrong-date -->\n${wrong}`)).toHaveLength(1);
  });
  it('disable / enable', () => {
    const text = `<!-- factlint-disable -->\n\n${wrong}\n\n<!-- factlint-enable -->\n\n${wrong}`;
    const found = loud(text);
    expect(found).toHaveLength(1);
    expect(new LineIndex(text).lineOf(found[0].start)).toBe(6);
  });
  it('disable-line', () => {
    expect(loud(`${wrong} <!-- factlint-disable-line -->`)).toEqual([]);
  });
});

describe('rule severities', () => {
  it('can be changed or turned off', () => {
    const text = 'Amazon is in talks to invest $40bn in OpenAI.';
    expect(checkDocument(text, bundledFacts(), { rules: { 'wrong-value': 'off' } }).filter((f) => f.rule === 'wrong-value')).toEqual([]);
    expect(checkDocument(text, bundledFacts(), { rules: { 'wrong-value': 'warning' } })[0].severity).toBe('warning');
  });
});

describe('Markdown that is not prose is never checked', () => {
  it('code, front matter, comments, URLs', () => {
    const text = [
      '---',
      'title: Amazon puts $40bn into OpenAI',
      '---',
      '',
      '```',
      'amazon_openai = 40 # $40bn',
      '```',
      '',
      'Inline `$40bn` code and <!-- $40bn --> comment and [a link](https://example.com/$40bn/2019).',
    ].join('\n');
    expect(loud(text)).toEqual([]);
  });
});

describe('positions', () => {
  const body = 'Amazon is in talks to invest $40bn in OpenAI.';
  for (const [name, prefix] of [
    ['CRLF', '# Title\r\n\r\n'],
    ['emoji', '# 🚀 Title 🚀\n\n😀😀 '],
    ['tabs', '# Title\n\nNote:\t\t'],
  ] as const) {
    it(`are exact after ${name}`, () => {
      const text = prefix + body;
      const f = loud(text)[0];
      expect(text.slice(f.start, f.end)).toBe('$40bn');
    });
  }
});

describe('incremental checking', () => {
  it('a cached re-check equals a fresh check after edits', () => {
    const cache = new BlockCache();
    const v1 = ['# Deal', '', 'Amazon is in talks to invest $40bn in OpenAI.', '', 'SoftBank may add up to $30 billion.', '', 'Nvidia could add $3 billion.'].join('\n');
    const v2 = v1.replace('SoftBank may add up to $30 billion.', 'SoftBank may add up to $35 billion, sources said.');
    const base = bundledFacts();
    analyzeDocument(v1, base, { cache });
    const cached = analyzeDocument(v2, base, { cache });
    const fresh = analyzeDocument(v2, base);
    expect(cached.findings).toEqual(fresh.findings);
    expect(cache.hits).toBeGreaterThan(0);
  });

  it('keeps the results of blocks that did not move, moves the others, and stays bounded', () => {
    const cache = new BlockCache();
    const base = bundledFacts();
    const para = (i: number) => `Paragraph ${i}: Amazon is in talks to invest $40bn in OpenAI.`;
    let doc = Array.from({ length: 400 }, (_, i) => para(i)).join('\n\n');
    const first = analyzeDocument(doc, base, { cache });
    // An edit in the middle: the findings before it are the same objects, those after it move.
    const at = doc.indexOf(para(200));
    doc = `${doc.slice(0, at)}New ${doc.slice(at)}`;
    const second = analyzeDocument(doc, base, { cache });
    expect(second.findings).toEqual(analyzeDocument(doc, base).findings);
    expect(second.findings[0]).toBe(first.findings[0]);
    const last = second.findings[second.findings.length - 1];
    expect(doc.slice(last.start, last.end)).toBe('$40bn');
    // Many edits that each change one block: the cache holds about the document's blocks, not every version.
    for (let k = 0; k < 600; k++) {
      const p = doc.indexOf(para(k % 400));
      doc = `${doc.slice(0, p)}x${doc.slice(p)}`;
      analyzeDocument(doc, base, { cache });
    }
    expect(cache.size).toBeLessThanOrEqual(2 * 400 + 256);
    expect(analyzeDocument(doc, base, { cache }).findings).toEqual(analyzeDocument(doc, base).findings);
  });
});

describe('wrong-derived', () => {
  it('checks a multiple against the two sourced figures', () => {
    const wrong = 'The new round would value OpenAI at ten times its 2024 valuation.';
    const f = expectRule(wrong, 'ten times', 'wrong-derived');
    expect(f.message).toContain('5.3 times');
    expect(loud('The new round would value OpenAI at five times its 2024 valuation.')).toEqual([]);
    expect(loud('At $830 billion, OpenAI would be worth more than five times its October 2024 valuation.')).toEqual([]);
  });

  it('checks a difference', () => {
    expect(loud("Amazon's proposed stake is $20 billion more than SoftBank's.")).toEqual([]);
    expectRule("Amazon's proposed stake is $30 billion more than SoftBank's.", '$30 billion', 'wrong-derived');
  });

  it('checks a multiple written as a word', () => {
    expect(loud("Amazon's Anthropic stake is four times Google's.")).toEqual([]);
    expectRule("Amazon's Anthropic stake is twice Google's.", 'twice', 'wrong-derived');
  });

  it('checks a gap between two amounts of the sentence', () => {
    expect(loud('The cheques run from $30bn (SoftBank) to $50bn (Amazon), a gap of $20bn.')).toEqual([]);
    expectRule('The cheques run from $30bn (SoftBank) to $50bn (Amazon), a gap of $25bn.', '$25bn', 'wrong-derived');
  });

  it('checks a sum over the companies named', () => {
    expectRule('Amazon and SoftBank together could bring as much as $70bn to OpenAI.', '$70bn', 'wrong-derived');
    expect(loud('Amazon and SoftBank together could bring as much as $80bn to OpenAI.')).toEqual([]);
  });

  it('leaves a difference it cannot resolve alone, rather than reading it as an amount', () => {
    expect(loud('The offer is $20 billion more than analysts expected.')).toEqual([]);
  });
});

describe('corrections and citations', () => {
  it('a retracted figure in a correction is not checked', () => {
    expect(loud('An earlier version of this article said Amazon had invested $40bn in OpenAI.')).toEqual([]);
  });
  it('a citation footnote after a figure is not an unknown fact', () => {
    const text = 'OpenAI was valued at $157 billion in October 2024.[^kim]\n\n[^kim]: Kim, January 2026.';
    expect(loud(text)).toEqual([]);
  });
});

describe('fact footnotes', () => {
  it('a footnote definition that cites a fact is not checked as prose', () => {
    const text = 'Amazon may invest $50 billion[^amazon-openai-investment].\n\n[^amazon-openai-investment]: Amazon is in talks to invest up to $40 billion. Sources: s000.';
    expect(all(text).filter((f) => f.start > text.indexOf(']:'))).toEqual([]);
    const other = 'Amazon may invest $50 billion.[^note]\n\n[^note]: Amazon is in talks to invest up to $40 billion in OpenAI.';
    expect(loud(other).map((f) => other.slice(f.start, f.end))).toEqual(['$40 billion']);
  });
});

describe('derived figures between two numbers of the draft', () => {
  it('are left alone (no sourced fact to settle them), and never throw', () => {
    const text = 'The company earned $7 billion last year, five times the $1 billion it earned before.';
    expect(() => all(text)).not.toThrow();
    expect(loud(text)).toEqual([]);
  });
});
