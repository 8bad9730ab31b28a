import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergeFacts, parseFactsText, type FactsProblem, type ParsedFacts } from '../server/src/engine/facts/load.js';
import { loadFactsFiles } from '../server/src/engine/facts/fsload.js';
import { formatPath } from '../server/src/engine/facts/locate.js';
import { findJsonError } from '../server/src/engine/facts/jsonsyntax.js';

const FIX = path.join(__dirname, 'fixtures', 'facts');
const read = (p: string) => readFileSync(path.join(FIX, p), 'utf8');

/** Every problem lies inside the text, with a sane range. */
function expectInBounds(text: string, problems: FactsProblem[]) {
  const lines = text.split(/\r\n|\r|\n/);
  for (const p of problems) {
    expect(p.line, JSON.stringify(p)).toBeGreaterThanOrEqual(1);
    expect(p.line, JSON.stringify(p)).toBeLessThanOrEqual(lines.length);
    expect(p.column).toBeGreaterThanOrEqual(1);
    expect(p.column).toBeLessThanOrEqual(lines[p.line - 1].length + 1);
    expect(p.endLine * 1e6 + p.endColumn).toBeGreaterThanOrEqual(p.line * 1e6 + p.column);
    expect(p.endColumn).toBeLessThanOrEqual(lines[p.endLine - 1].length + 1);
    expect(['error', 'warning']).toContain(p.severity);
    expect(p.message.length).toBeGreaterThan(0);
  }
}

function parse(text: string, file = 't.facts.yaml'): ParsedFacts {
  const r = parseFactsText(text, file);
  expectInBounds(text, r.problems);
  return r;
}

/** The one problem with `code` (fails if there is not exactly one). */
function only(r: ParsedFacts, code: string): FactsProblem {
  const ps = r.problems.filter((p) => p.code === code);
  expect(ps, JSON.stringify(r.problems, null, 1)).toHaveLength(1);
  return ps[0];
}

const at = (p: FactsProblem) => [p.line, p.column, p.endLine, p.endColumn];

/** A minimal valid file; `facts` replaces the facts list (indented as a list under `facts:`). */
function minimal(facts?: string, extra = ''): string {
  return `version: 1
sources:
  - id: s1
    file: a.txt
entities:
  - id: acme
    name: Acme Rockets
facts:
${
  facts ??
  `  - id: acme-raise
    statement: Acme raises money.
    kind: amount
    measure: fundraise
    subject: [acme]
    variants:
      - value: { amount: 5000000000 }
        sources:
          - source: s1
            quote: Acme raised $5 billion
`
}${extra}`;
}

describe('parseFactsText: valid input', () => {
  it('reads the YAML fixture with no problems and locates fact ids', () => {
    const text = read('borealis/borealis.facts.yaml');
    const r = parse(text, 'borealis.facts.yaml');
    expect(r.problems).toEqual([]);
    expect(r.data?.facts.map((f) => f.id)).toEqual([
      'borealis-raise',
      'borealis-valuation',
      'borealis-hires',
      'borealis-margin',
      'borealis-filing',
      'borealis-contract-length',
    ]);
    // defaults applied
    expect(r.data?.facts[0].variants[1].qualifier).toBe('exact');
    expect(r.data?.entities[0].type).toBe('company');
    const loc = r.locations.get('borealis-raise')!;
    const lineNo = text.split('\n').findIndex((l) => l.includes('- id: borealis-raise')) + 1;
    expect(loc).toEqual({ file: 'borealis.facts.yaml', line: lineNo, column: 9, offset: text.indexOf('borealis-raise\n') });
  });

  it('reads JSON by extension, giving the same data as the YAML', () => {
    const y = parse(read('borealis/borealis.facts.yaml'));
    const j = parse(read('borealis.facts.json'), 'borealis.facts.json');
    expect(j.problems).toEqual([]);
    const { $schema: _drop, ...yData } = y.data!;
    void _drop;
    expect(j.data).toEqual(yData);
    // JSON locations point into the JSON text
    const jsonText = read('borealis.facts.json');
    expect(j.locations.get('borealis-margin')!.offset).toBe(jsonText.indexOf('"borealis-margin"'));
  });

  it('accepts JSON in a .yaml file, comments, a byte-order mark and CRLF line ends', () => {
    expect(parse(JSON.stringify(parse(minimal()).data)).problems).toEqual([]);
    const crlf = `\uFEFF# comment\r\n${minimal().replace(/\n/g, '\r\n')}`;
    const r = parse(crlf);
    expect(r.problems).toEqual([]);
    expect(r.locations.get('acme-raise')).toMatchObject({ line: 10, column: 9 });
  });

  it('allows a few aliases (anchors reused)', () => {
    const fact = minimal().split('facts:\n')[1];
    const two = fact.replace('    subject: [acme]\n', '    subject: [acme]\n    cues: &money-cues [raise, funding]\n') + fact.replace('acme-raise', 'acme-raise-2').replace('    subject: [acme]\n', '    subject: [acme]\n    cues: *money-cues\n');
    const r = parse(minimal(two));
    expect(r.problems).toEqual([]);
    expect(r.data?.facts[1].cues).toEqual(['raise', 'funding']);
  });
});

describe('parseFactsText: syntax and safety', () => {
  it('reports a YAML syntax error at the parser position', () => {
    const r = parse('version: 1\nsources: [a, b\nentities: []\n');
    // the parser notices the unclosed list where the next key starts
    const p = only(r, 'yaml-syntax');
    expect(p.severity).toBe('error');
    expect(at(p)).toEqual([3, 1, 3, 2]);
    expect(p.message).toMatch(/^invalid YAML: Flow sequence/);
    expect(r.data).toBeUndefined();
  });

  it('reports a bad indentation at its line and column', () => {
    const r = parse('version: 1\nsources:\n  - id: s1\n   file: a.txt\n');
    const p = only(r, 'yaml-syntax');
    expect([p.line, p.column, p.path]).toEqual([4, 1, 'sources']);
    expect(r.data).toBeUndefined();
  });

  it('reports a JSON syntax error with line and column', () => {
    const text = '{\n  "version": 1,\n  "sources": [}\n}\n';
    const r = parse(text, 'x.facts.json');
    const p = only(r, 'json-syntax');
    expect([p.line, p.column]).toEqual([3, 15]);
    expect(p.message).toBe('invalid JSON: unexpected "}"');
    expect(r.data).toBeUndefined();
  });

  it('reports truncated JSON at the end', () => {
    const r = parse('{"version": 1,\n "sources": [', 'x.json');
    expect(at(only(r, 'json-syntax')).slice(0, 2)).toEqual([2, 14]);
  });

  it('rejects JSON-looking YAML extras in a .json file (comments, trailing commas)', () => {
    const comment = only(parse('{"version": 1, // no\n "a": 2}', 'x.json'), 'json-syntax');
    expect([comment.line, comment.column, comment.message]).toEqual([1, 16, 'invalid JSON: comments are not allowed in JSON']);
    const comma = only(parse('{"version": 1,\n "a": [1,2,]}', 'x.json'), 'json-syntax');
    expect([comma.line, comma.column, comma.message]).toEqual([2, 12, 'invalid JSON: trailing comma before ]']);
    const quote = only(parse("{'version': 1}", 'x.json'), 'json-syntax');
    expect([quote.line, quote.column]).toEqual([1, 2]);
  });

  it('reports duplicate keys in YAML at the second key, with its path', () => {
    const text = minimal().replace('    statement: Acme raises money.\n', '    statement: Acme raises money.\n    statement: again\n');
    const r = parse(text);
    const p = only(r, 'duplicate-key');
    expect(at(p)).toEqual([11, 5, 11, 14]);
    expect(p.path).toBe('facts[0].statement');
    expect(p.message).toContain('"statement"');
  });

  it('reports duplicate keys in JSON', () => {
    const r = parse('{"version": 1,\n "version": 1}', 'x.json');
    expect(at(only(r, 'duplicate-key'))).toEqual([2, 2, 2, 11]);
  });

  it('refuses a top level that is not a mapping, and an empty file', () => {
    const list = only(parse('- a\n- b\n'), 'not-a-mapping');
    expect(at(list)).toEqual([1, 1, 1, 4]);
    expect(list.message).toMatch(/a list/);
    expect(only(parse(''), 'not-a-mapping').message).toMatch(/empty/);
    expect(only(parse('# only a comment\n'), 'not-a-mapping').line).toBe(1);
    expect(only(parse('"just a string"', 'x.json'), 'not-a-mapping').message).toMatch(/string/);
  });

  it('refuses text over 5 MB without parsing it', () => {
    const big = `version: 1\n# ${'x'.repeat(5 * 1024 * 1024)}\n`;
    const t = Date.now();
    const r = parseFactsText(big, 'big.facts.yaml');
    expect(Date.now() - t).toBeLessThan(1000);
    const p = only(r, 'too-large');
    expect([p.line, p.column, p.endLine]).toEqual([1, 1, 1]);
    expect(r.data).toBeUndefined();
  });

  it('refuses an alias bomb fast, at the first alias', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 12; i++) {
      const prev = String.fromCharCode(96 + i);
      const cur = String.fromCharCode(97 + i);
      levels.push(`${cur}: &${cur} [${Array(10).fill(`*${prev}`).join(', ')}]`);
    }
    const text = `${levels.join('\n')}\n`;
    const t = Date.now();
    const r = parseFactsText(text, 'bomb.facts.yaml');
    expect(Date.now() - t).toBeLessThan(2000);
    const p = only(r, 'too-many-aliases');
    expect(p.severity).toBe('error');
    expect(at(p)).toEqual([2, 8, 2, 10]);
    expect(p.path).toBe('b[0]');
    expect(r.data).toBeUndefined();
  });

  it('never throws, and keeps every position in the text', () => {
    const good = read('borealis/borealis.facts.yaml');
    const inputs = [
      '',
      '\0\0\0',
      '[[[[[[[[[[',
      '['.repeat(5000),
      '{"a":'.repeat(3000),
      '- '.repeat(2000),
      'a: !!binary ZZZ\nb: !custom 1\n',
      '\t\tversion: 1',
      '---\na: 1\n---\nb: 2\n',
      '? [a, b]\n: c\n',
      'version: 1\nsources: *nothing\n',
      'x: "unterminated',
      '\uD800\uDC00: 1\n\uD800: 2',
      good.replace(/: /g, ':'),
      good.slice(0, 1234),
      good.replace(/ {4}/g, '\t'),
    ];
    // random mutations of the good fixture
    let seed = 42;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const junk = ['', ':', '-', '[', ']', '{', '}', '"', "'", '&a', '*a', '\n', '  ', '#', '|', '>', '!', '%', '@'];
    for (let i = 0; i < 150; i++) {
      const pos = rnd(good.length);
      inputs.push(good.slice(0, pos) + junk[rnd(junk.length)] + good.slice(pos + rnd(4)));
    }
    for (const text of inputs) {
      for (const file of ['f.facts.yaml', 'f.facts.json']) {
        let r: ParsedFacts | undefined;
        expect(() => (r = parseFactsText(text, file))).not.toThrow();
        expectInBounds(text, r!.problems);
        if (!r!.data) expect(r!.problems.some((p) => p.severity === 'error')).toBe(true);
      }
    }
  });
});

describe('parseFactsText: schema problems are located at the node', () => {
  it('a missing required key: at the first line of the list item', () => {
    const r = parse(minimal().replace('    statement: Acme raises money.\n', ''));
    const p = only(r, 'schema');
    expect(p.path).toBe('facts[0].statement');
    expect(p.message).toBe('missing required key "statement"');
    expect(at(p)).toEqual([9, 5, 9, 19]);
  });

  it('a missing required key in a mapping value: at the mapping\'s key', () => {
    const r = parse(minimal().replace('      - value: { amount: 5000000000 }\n', '      - value:\n          currency: USD\n'));
    const p = only(r, 'schema');
    expect(p.path).toBe('facts[0].variants[0].value.amount');
    expect(at(p)).toEqual([15, 9, 15, 14]);
  });

  it('a wrong type: at the value', () => {
    const r = parse(minimal().replace('amount: 5000000000', 'amount: "5 billion"'));
    const p = only(r, 'schema');
    expect(p.path).toBe('facts[0].variants[0].value.amount');
    expect(at(p)).toEqual([15, 26, 15, 37]);
    expect(p.message).toMatch(/expected a number, got the string "5 billion"/);
  });

  it('an unknown key: at the key, with a suggestion', () => {
    const r = parse(minimal().replace('    subject: [acme]\n', '    subject: [acme]\n    entitys: []\n'));
    const p = only(r, 'schema');
    expect(p.path).toBe('facts[0].entitys');
    expect(at(p)).toEqual([14, 5, 14, 12]);
    expect(p.message).toBe('unknown key "entitys" (did you mean "entities"?)');
  });

  it('an unknown key inside a value form: suggestion from that form', () => {
    const r = parse(minimal().replace('{ amount: 5000000000 }', '{ amount: 5000000000, curency: USD }'));
    const p = only(r, 'schema');
    expect(p.path).toBe('facts[0].variants[0].value.curency');
    expect(p.message).toBe('unknown key "curency" (did you mean "currency"?)');
    expect(at(p)).toEqual([15, 38, 15, 45]);
  });

  it('a bad enum value: at the value, with the closest option', () => {
    const r = parse(minimal().replace('      - value: { amount: 5000000000 }\n', '      - value: { amount: 5000000000 }\n        qualifier: up_to\n'));
    const p = only(r, 'schema');
    expect(p.path).toBe('facts[0].variants[0].qualifier');
    expect(at(p)).toEqual([16, 20, 16, 25]);
    expect(p.message).toMatch(/did you mean "up-to"\?/);
  });

  it('a value that fits no form: the form list, at the value', () => {
    const r = parse(minimal().replace('{ amount: 5000000000 }', '{ dollars: 5 }'));
    const p = only(r, 'schema');
    expect(p.path).toBe('facts[0].variants[0].value');
    expect(at(p)).toEqual([15, 16, 15, 30]);
    expect(p.message).toMatch(/amount.*count.*percent.*date.*duration/);
  });

  it('a date that does not match its precision: at the date', () => {
    const r = parse(minimal().replace('{ amount: 5000000000 }', "{ date: '2026-13', precision: day }").replace('kind: amount', 'kind: date'));
    const p = only(r, 'schema');
    expect(p.path).toBe('facts[0].variants[0].value.date');
    expect(at(p)).toEqual([15, 24, 15, 33]);
    expect(p.message).toMatch(/not a day/);
  });

  it('a bad id, an empty list, a wrong version', () => {
    const r = parse(
      minimal()
        .replace('version: 1', 'version: 2')
        .replace('  - id: acme-raise', '  - id: Acme_Raise')
        .replace('    subject: [acme]', '    subject: []'),
    );
    const byPath = Object.fromEntries(r.problems.map((p) => [p.path, p]));
    expect(at(byPath['version'])).toEqual([1, 10, 1, 11]);
    expect(byPath['version'].message).toBe('must be 1, got number 2');
    expect(at(byPath['facts[0].id'])).toEqual([9, 9, 9, 19]);
    expect(byPath['facts[0].id'].message).toMatch(/kebab-case/);
    expect(at(byPath['facts[0].subject'])).toEqual([13, 14, 13, 16]);
    expect(byPath['facts[0].subject'].message).toBe('needs at least 1 entry');
    expect(r.data).toBeUndefined(); // the version is wrong: nothing usable
  });

  it('a block list of the wrong type is reported at its key, one line wide', () => {
    const r = parse(minimal().replace('    subject: [acme]\n', '    subject:\n      a: 1\n      b: 2\n'));
    const p = only(r, 'schema');
    expect(p.path).toBe('facts[0].subject');
    expect(at(p)).toEqual([13, 5, 13, 12]);
    expect(p.message).toBe('expected a list, got a mapping');
  });

  it('keeps the usable facts when one fact is broken', () => {
    const second = `  - id: acme-broken
    statement: Broken.
    kind: amount
    measure: fundraise
    subject: [acme]
    variants: []
`;
    const r = parse(minimal(`${minimal().split('facts:\n')[1]}${second}`));
    expect(only(r, 'schema').path).toBe('facts[1].variants');
    expect(r.data?.facts.map((f) => f.id)).toEqual(['acme-raise']);
    expect(r.locations.has('acme-broken')).toBe(true);
  });

  it('gives paths in the documented form', () => {
    expect(formatPath(['facts', 3, 'variants', 0, 'sources', 1, 'quote'])).toBe('facts[3].variants[0].sources[1].quote');
    expect(formatPath([])).toBe('');
    expect(formatPath(['$schema'])).toBe('$schema');
    expect(formatPath(['a b', 0])).toBe('["a b"][0]');
  });
});

describe('parseFactsText: cross-checks', () => {
  const fact = (id: string, more = '', source = 's1') => `  - id: ${id}
    statement: A fact.
    kind: amount
    measure: fundraise
    subject: [acme]
${more}    variants:
      - value: { amount: 5000000000 }
        sources:
          - source: ${source}
            quote: Acme raised $5 billion
`;

  it('duplicate fact ids: at the second id, naming the first line', () => {
    const r = parse(minimal(fact('acme-raise') + fact('acme-raise')));
    const p = only(r, 'duplicate-id');
    expect(at(p)).toEqual([19, 9, 19, 19]);
    expect(p.path).toBe('facts[1].id');
    expect(p.message).toBe('duplicate fact id "acme-raise" (first defined at line 9)');
    expect(r.data?.facts).toHaveLength(1);
    expect(r.locations.get('acme-raise')?.line).toBe(9);
  });

  it('duplicate source and entity ids', () => {
    const text = minimal()
      .replace('    file: a.txt\n', '    file: a.txt\n  - id: s1\n    file: b.txt\n')
      .replace('    name: Acme Rockets\n', '    name: Acme Rockets\n  - id: acme\n    name: Acme Again\n');
    const r = parse(text);
    const ps = r.problems.filter((p) => p.code === 'duplicate-id');
    expect(ps.map((p) => [p.path, p.line, p.column])).toEqual([
      ['sources[1].id', 5, 9],
      ['entities[1].id', 10, 9],
    ]);
    expect(ps[0].message).toBe('duplicate source id "s1" (first defined at line 3)');
    expect(ps[1].message).toBe('duplicate entity id "acme" (first defined at line 8)');
  });

  it('unknown sources and entities, at the reference', () => {
    const text = minimal(fact('acme-raise', '    entities: [acme, acmee]\n', 's2'), `exclusions:\n  - source: s9\n    text: $1\n    quote: a $1 thing\n    reason: none\n`);
    const r = parse(text);
    const src = r.problems.filter((p) => p.code === 'unknown-source');
    expect(src.map((p) => [p.path, ...at(p)])).toEqual([
      ['facts[0].variants[0].sources[0].source', 18, 21, 18, 23],
      ['exclusions[0].source', 21, 13, 21, 15],
    ]);
    expect(src[0].message).toBe('unknown source "s2" (did you mean "s1"?)');
    const ent = only(r, 'unknown-entity');
    expect([ent.path, ...at(ent)]).toEqual(['facts[0].entities[1]', 14, 22, 14, 27]);
    expect(ent.message).toBe('unknown entity "acmee" (did you mean "acme"?)');
    expect(r.data).toBeDefined(); // references do not make the file unusable
  });

  it('unknown subject and an entity `of` that is unknown', () => {
    const text = minimal(fact('acme-raise').replace('subject: [acme]', 'subject: [zeta]')).replace('    name: Acme Rockets\n', '    name: Acme Rockets\n    of: parent-co\n');
    const r = parse(text);
    const ps = r.problems.filter((p) => p.code === 'unknown-entity');
    expect(ps.map((p) => [p.path, p.line, p.column])).toEqual([
      ['entities[0].of', 8, 9],
      ['facts[0].subject[0]', 14, 15],
    ]);
  });

  it('an alias used by two entities, or equal to another entity\'s name, is a warning', () => {
    const text = minimal().replace(
      '    name: Acme Rockets\n',
      '    name: Acme Rockets\n    aliases: [Acme, ACR]\n  - id: acme-labs\n    name: Acme Labs\n    aliases: [acme, Acme Rockets]\n',
    );
    const r = parse(text);
    const ps = r.problems.filter((p) => p.code === 'duplicate-alias');
    expect(ps.map((p) => [p.severity, p.path, ...at(p)])).toEqual([
      ['warning', 'entities[1].aliases[0]', 11, 15, 11, 19],
      ['warning', 'entities[1].aliases[1]', 11, 21, 11, 33],
    ]);
    expect(ps[0].message).toBe('alias "acme" is also an alias of entity "acme" (line 8)');
    expect(ps[1].message).toBe('alias "Acme Rockets" is also the name of entity "acme" (line 7)');
    expect(r.problems.every((p) => p.severity === 'warning')).toBe(true);
  });

  it('a value form that does not fit the kind is a warning', () => {
    const r = parse(minimal().replace('kind: amount', 'kind: percent'));
    const p = only(r, 'kind-mismatch');
    expect(p.severity).toBe('warning');
    expect(p.path).toBe('facts[0].variants[0].value');
  });

  it('two variants with the same value and qualifier are a warning', () => {
    const text = minimal().replace(
      '            quote: Acme raised $5 billion\n',
      '            quote: Acme raised $5 billion\n      - value: { amount: 5000000000, currency: USD }\n        qualifier: exact\n        sources:\n          - source: s1\n            quote: again $5 billion\n',
    );
    const p = only(parse(text), 'duplicate-variant');
    expect([p.path, p.line]).toEqual(['facts[0].variants[1]', 19]);
  });
});

describe('mergeFacts and loadFactsFiles', () => {
  const one = (id: string, entity = 'acme', source = 's1') =>
    minimal(undefined).replace('acme-raise', id).replace('  - id: acme\n', `  - id: ${entity}\n`).replace('subject: [acme]', `subject: [${entity}]`).replace(/s1/g, source).replace('a.txt', `${source}.txt`);

  it('concatenates, lets references cross files, and reports duplicates in the later file', () => {
    const a = parseFactsText(one('fact-a', 'acme', 's1'), 'a.facts.yaml');
    // b refers to entity "acme" and source "s1" which only a defines; b redefines s1's fact id
    const bText = one('fact-a', 'beta', 's2').replace('subject: [beta]', 'subject: [acme]').replace('- source: s2', '- source: s1');
    const b = parseFactsText(bText, 'b.facts.yaml');
    expect(b.problems.map((p) => p.code).sort()).toEqual(['unknown-entity', 'unknown-source']);
    const m = mergeFacts([a, b]);
    expectInBounds(bText, m.problems.filter((p) => p.file === 'b.facts.yaml'));
    expect(m.problems.map((p) => [p.file, p.code, p.path, p.line])).toEqual([['b.facts.yaml', 'duplicate-id', 'facts[0].id', 9]]);
    expect(m.problems[0].message).toBe('duplicate fact id "fact-a" (first defined at a.facts.yaml:9)');
    expect(m.data?.facts.map((f) => f.id)).toEqual(['fact-a']);
    expect(m.data?.sources.map((s) => s.id)).toEqual(['s1', 's2']);
    expect(m.data?.entities.map((s) => s.id)).toEqual(['acme', 'beta']);
    expect(m.locations.get('fact-a')?.file).toBe('a.facts.yaml');
    expect(m.file).toBe('a.facts.yaml, b.facts.yaml');
    // merging is stable: merging the merge again changes nothing
    expect(mergeFacts([m]).problems).toEqual(m.problems);
  });

  it('keeps problems of a file that could not be parsed and the data of the others', () => {
    const a = parseFactsText(one('fact-a'), 'a.facts.yaml');
    const bad = parseFactsText('version: [', 'bad.facts.yaml');
    const m = mergeFacts([a, bad]);
    expect(m.data?.facts).toHaveLength(1);
    expect(m.problems.map((p) => p.file)).toEqual(['bad.facts.yaml']);
    expect(mergeFacts([]).data).toBeUndefined();
  });

  it('loads a folder of facts files, merging them', () => {
    const r = loadFactsFiles([path.join(FIX, 'split')]);
    expect(r.problems.map((p) => [path.basename(p.file), p.code, p.path, p.line, p.column])).toEqual([['two.facts.yaml', 'duplicate-id', 'entities[0].id', 6, 9]]);
    expect(r.data?.facts.map((f) => f.id)).toEqual(['borealis-hires', 'borealis-margin']);
    expect(r.sourceTexts).toBeUndefined();
  });

  it('reads the articles of the sources when given a sources folder', () => {
    const r = loadFactsFiles([path.join(FIX, 'borealis')], { sourcesDir: path.join(FIX, 'sources') });
    expect(r.problems).toEqual([]);
    expect([...r.sourceTexts!.keys()].sort()).toEqual(['alpha.txt', 'beta.txt']);
  });

  it('reads facts back from a cache, found by the files and texts it just read', () => {
    const stored = new Map<string, ParsedFacts>();
    const keys: string[] = [];
    const cache = {
      key: (files: readonly { file: string; text: string }[]) => {
        const key = files.map((f) => `${path.basename(f.file)}:${f.text.length}`).join('|');
        keys.push(key);
        return key;
      },
      get: (key: string) => stored.get(key),
      put: (key: string, parsed: ParsedFacts) => void stored.set(key, parsed),
    };
    const folder = path.join(FIX, 'split');
    const first = loadFactsFiles([folder], { cache });
    // Both files of the folder, in order, make the key; a miss is parsed and offered to the cache.
    expect(keys).toEqual([`one.facts.yaml:${readFileSync(path.join(folder, 'one.facts.yaml'), 'utf8').length}|two.facts.yaml:${readFileSync(path.join(folder, 'two.facts.yaml'), 'utf8').length}`]);
    expect(stored.get(keys[0])).toBe(first);
    // A hit is the remembered result itself, not parsed again.
    expect(loadFactsFiles([folder], { cache })).toBe(first);
    // A file that cannot be read: no key, no lookup (the problem is reported as usual).
    const missing = loadFactsFiles([folder, path.join(FIX, 'nope.facts.yaml')], { cache });
    expect(keys).toHaveLength(2);
    expect(missing.problems.map((p) => p.code)).toContain('unreadable');
  });

  it('reports a missing file, an empty folder and a missing sources folder as located problems', () => {
    const missing = path.join(FIX, 'nope.facts.yaml');
    const r = loadFactsFiles([missing, path.join(FIX, 'sources')], { sourcesDir: path.join(FIX, 'no-such-dir') });
    expect(r.problems.map((p) => [p.file, p.line, p.column, p.code])).toEqual([
      [missing, 1, 1, 'unreadable'],
      [path.join(FIX, 'sources'), 1, 1, 'no-facts-files'],
      [path.join(FIX, 'no-such-dir'), 1, 1, 'sources-missing'],
    ]);
    expect(r.problems[0].message).toMatch(/not found/);
    expect(r.data).toBeUndefined();
  });
});

describe('findJsonError', () => {
  it('agrees with JSON.parse on valid and invalid texts', () => {
    const samples = [
      '{}',
      '[]',
      '{"a": [1, -2.5e3, true, false, null, "x\\n\\u00e9"]}',
      ' \n 1 ',
      '"s"',
      '{"a": {"b": [[], {}]}}',
      '{"a" 1}',
      '{"a": 01}',
      '{"a": .5}',
      '{"a": "\\x"}',
      '{"a": "line\nbreak"}',
      '[1 2]',
      '{"a": 1}}',
      '{"a": 1,}',
      '[1,]',
      '{,}',
      'tru',
      '',
      '  ',
      '[',
      '{"a":',
      '"unterminated',
      'NaN',
      '{"a": -}',
      '[1] x',
    ];
    let seed = 7;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const base = read('borealis.facts.json');
    const junk = ['', ',', '"', ':', '[', ']', '{', '}', ' ', '\\', '1', '-', 'e', '.'];
    for (let i = 0; i < 300; i++) {
      const pos = rnd(base.length);
      samples.push(base.slice(0, pos) + junk[rnd(junk.length)] + base.slice(pos + rnd(3)));
    }
    for (const s of samples) {
      let ok = true;
      try {
        JSON.parse(s);
      } catch {
        ok = false;
      }
      const e = findJsonError(s);
      expect(e === undefined, `${JSON.stringify(s.slice(0, 80))}: ${e?.message}`).toBe(ok);
      if (e) expect(e.offset).toBeLessThanOrEqual(s.length);
    }
  });

  it('handles deep nesting without recursion', () => {
    expect(findJsonError('['.repeat(200_000) + ']'.repeat(200_000))).toBeUndefined();
    expect(findJsonError('['.repeat(200_000))?.message).toMatch(/end of input/);
  });
});
