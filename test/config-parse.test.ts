import { describe, expect, it } from 'vitest';
import { parseConfig } from '../server/src/engine/config/index.js';

describe('parseConfig', () => {
  it('reads a valid YAML config', () => {
    const r = parseConfig('facts: [a.facts.yaml, more/]\nrules:\n  unsupported: hint\nignore: ["old/**"]\nroot: true\n', '.factlintrc.yaml');
    expect(r.problems).toEqual([]);
    expect(r.config).toEqual({ facts: ['a.facts.yaml', 'more/'], rules: { unsupported: 'hint' }, ignore: ['old/**'], root: true });
  });

  it('reads a valid JSON config', () => {
    const r = parseConfig('{ "rules": { "wrong-value": "off" } }', '.factlintrc.json');
    expect(r.problems).toEqual([]);
    expect(r.config).toEqual({ rules: { 'wrong-value': 'off' } });
  });

  it('treats an empty file as an empty config', () => {
    expect(parseConfig('', '.factlintrc.yaml')).toMatchObject({ config: {}, problems: [] });
    expect(parseConfig('# only a comment\n', '.factlintrc.yml')).toMatchObject({ config: {}, problems: [] });
  });

  it('locates an unknown rule code at its key, with a suggestion', () => {
    const r = parseConfig('rules:\n  wrong-valu: error\n', 'c.yaml');
    expect(r.config).toBeUndefined();
    expect(r.problems).toEqual([
      {
        file: 'c.yaml',
        line: 2,
        column: 3,
        endLine: 2,
        endColumn: 13,
        path: 'rules.wrong-valu',
        severity: 'error',
        message: 'rules.wrong-valu: unknown rule "wrong-valu" (did you mean "wrong-value"?)',
      },
    ]);
  });

  it('locates a bad severity at its value', () => {
    const r = parseConfig('rules:\n  wrong-date:   loud\n', 'c.yaml');
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ line: 2, column: 17, endLine: 2, endColumn: 21, path: 'rules.wrong-date' });
    expect(r.problems[0].message).toContain('"error", "warning", "info", "hint", "off"');
  });

  it('locates unknown settings and wrong types', () => {
    const r = parseConfig('colour: true\nfacts: one.yaml\nignore:\n  - 3\nroot: yes please\n', 'c.yaml');
    const byPath = Object.fromEntries(r.problems.map((p) => [p.path, p]));
    expect(byPath['colour']).toMatchObject({ line: 1, column: 1, endColumn: 7 });
    expect(byPath['colour'].message).toContain('unknown setting "colour"');
    expect(byPath['facts']).toMatchObject({ line: 2, column: 8, message: 'facts: must be a list of paths' });
    expect(byPath['ignore[0]']).toMatchObject({ line: 4, column: 5 });
    expect(byPath['root']).toMatchObject({ line: 5, column: 7, message: 'root: must be true or false' });
    // Sorted by position.
    expect(r.problems.map((p) => p.line)).toEqual([1, 2, 4, 5]);
  });

  it('locates a whole-file type error', () => {
    const r = parseConfig('- a\n- b\n', 'c.yaml');
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ line: 1, column: 1, path: '' });
  });

  it('locates YAML syntax errors', () => {
    const r = parseConfig('rules:\n  wrong-value: error\n  bad: [unclosed\n', 'c.yaml');
    expect(r.config).toBeUndefined();
    expect(r.problems.length).toBeGreaterThan(0);
    expect(r.problems[0].message).toMatch(/^invalid YAML: /);
    expect(r.problems[0].line).toBeGreaterThanOrEqual(3);
  });

  it('reports duplicate keys', () => {
    const r = parseConfig('root: true\nroot: false\n', 'c.yaml');
    expect(r.config).toBeUndefined();
    expect(r.problems[0]).toMatchObject({ line: 2, column: 1 });
  });

  it('locates JSON syntax errors (JSON is strict)', () => {
    const r = parseConfig('{\n  "rules": {\n    "wrong-value": "off",\n  }\n}\n', '.factlintrc.json');
    expect(r.config).toBeUndefined();
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0].message).toMatch(/^invalid JSON: /);
    expect(r.problems[0]).toMatchObject({ line: 4, column: 3 });
  });

  it('locates schema errors in JSON files', () => {
    const r = parseConfig('{\n  "rules": { "wrong-value": "loud" }\n}\n', '.factlintrc.json');
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ line: 2, column: 29, endColumn: 35, path: 'rules.wrong-value' });
  });

  it('counts columns in UTF-16 code units', () => {
    // "😀😀" is 6 UTF-16 code units: x starts at column 24 (22 in code points).
    const r = parseConfig('rules: {"😀😀": error, x: off}\n', 'c.yaml');
    expect(r.problems.map((p) => [p.column, p.endColumn])).toEqual([
      [9, 15],
      [24, 25],
    ]);
  });

  it('locate() gives ranges for later problems', () => {
    const r = parseConfig('facts:\n  - a.yaml\n  - b.yaml\n', 'c.yaml');
    expect(r.locate(['facts', 1])).toMatchObject({ line: 3, column: 5, endLine: 3, endColumn: 11, path: 'facts[1]' });
  });
});
