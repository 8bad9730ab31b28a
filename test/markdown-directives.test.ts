import { describe, expect, it } from 'vitest';
import { directiveFilter, parseMarkdown } from '../server/src/engine/markdown/parse.js';
import type { Directive } from '../server/src/engine/types.js';

/** 0-based line of the first occurrence of `needle`. */
function lineOf(doc: string, needle: string): number {
  const at = doc.indexOf(needle);
  expect(at).toBeGreaterThanOrEqual(0);
  return doc.slice(0, at).split(/\r\n|\r|\n/).length - 1;
}

describe('directives', () => {
  it('finds every kind with its rules and lines', () => {
    const doc = [
      '# Title', // 0
      '', // 1
      '<!-- factlint-disable wrong-value, stale-date  unknown-fact -->', // 2
      '', // 3
      'Amazon put $50bn in. <!-- factlint-disable-line -->', // 4
      '', // 5
      '<!-- factlint-enable wrong-value -->', // 6
      '', // 7
      '<!--', // 8
      '  factlint-disable-next-line', // 9
      '  wrong-value', // 10
      '-->', // 11
      'Next line $5.', // 12
      '', // 13
      '<!-- factlint-disable-file -->', // 14
      '<!-- factlint-enable -->', // 15
    ].join('\n');
    expect(parseMarkdown(doc).directives).toEqual([
      { kind: 'disable', rules: ['wrong-value', 'stale-date', 'unknown-fact'], line: 2, endLine: 2 },
      { kind: 'disable-line', rules: [], line: 4, endLine: 4 },
      { kind: 'enable', rules: ['wrong-value'], line: 6, endLine: 6 },
      { kind: 'disable-next-line', rules: ['wrong-value'], line: 8, endLine: 11 },
      { kind: 'disable-file', rules: [], line: 14, endLine: 14 },
      { kind: 'enable', rules: [], line: 15, endLine: 15 },
    ]);
  });

  it('counts lines across CRLF and lone CR', () => {
    const doc = 'a\r\n\r\nb\r\r<!-- factlint-disable-next-line x -->\r\nc $1\r\n';
    expect(parseMarkdown(doc).directives).toEqual([{ kind: 'disable-next-line', rules: ['x'], line: 4, endLine: 4 }]);
  });

  it('finds comments in containers and tables', () => {
    const doc = '> quote\n> <!-- factlint-disable-next-line a -->\n> $1\n\n- item <!-- factlint-disable-line b -->\n\n| x | y <!-- factlint-disable-line c --> |\n|---|---|\n';
    const found = parseMarkdown(doc).directives;
    expect(found.map((d) => [d.kind, d.rules[0], d.line])).toEqual([
      ['disable-next-line', 'a', 1],
      ['disable-line', 'b', 4],
      ['disable-line', 'c', 6],
    ]);
  });

  it('ignores look-alikes: code, other words, other tools', () => {
    const doc = [
      'Write `<!-- factlint-disable -->` to turn it off.',
      '',
      '```html',
      '<!-- factlint-disable-file -->',
      '```',
      '',
      '    <!-- factlint-enable -->',
      '',
      '<!-- factlint-disabled -->',
      '<!-- factlint-disable-lines -->',
      '<!-- markdownlint-disable -->',
      '<!-- TODO factlint-disable -->',
    ].join('\n');
    expect(parseMarkdown(doc).directives).toEqual([]);
  });

  it('several comments in one HTML block', () => {
    const doc = '<!-- factlint-disable a -->\n<!-- factlint-enable a -->\n';
    expect(parseMarkdown(doc).directives.map((d) => [d.kind, d.line])).toEqual([
      ['disable', 0],
      ['enable', 1],
    ]);
  });
});

describe('directiveFilter', () => {
  const d = (kind: Directive['kind'], line: number, rules: string[] = [], endLine = line): Directive => ({
    kind,
    rules,
    line,
    endLine,
  });

  it('nothing is suppressed without directives', () => {
    const off = directiveFilter([], 10);
    expect(off('wrong-value', 0)).toBe(false);
  });

  it('disable / enable ranges, all rules', () => {
    const off = directiveFilter([d('disable', 3), d('enable', 7)], 20);
    expect([2, 3, 5, 6, 7, 8].map((l) => off('wrong-value', l))).toEqual([false, true, true, true, false, false]);
  });

  it('disable / enable of named rules, case-insensitive', () => {
    const off = directiveFilter([d('disable', 2, ['Wrong-Value']), d('enable', 9, ['wrong-value'])], 20);
    expect(off('wrong-value', 5)).toBe(true);
    expect(off('WRONG-VALUE', 5)).toBe(true);
    expect(off('stale-date', 5)).toBe(false);
    expect(off('wrong-value', 9)).toBe(false);
    expect(off('wrong-value', 1)).toBe(false);
  });

  it('enable one rule inside a disable-all range', () => {
    const off = directiveFilter([d('disable', 0), d('enable', 4, ['wrong-value']), d('enable', 8)], 12);
    expect(off('stale-date', 5)).toBe(true);
    expect(off('wrong-value', 5)).toBe(false);
    expect(off('wrong-value', 3)).toBe(true);
    expect(off('stale-date', 8)).toBe(false);
  });

  it('disable-line covers the comment lines; disable-next-line the line after its end', () => {
    const off = directiveFilter([d('disable-line', 2, [], 3), d('disable-next-line', 5, ['a'], 6)], 10);
    expect([1, 2, 3, 4].map((l) => off('x', l))).toEqual([false, true, true, false]);
    expect([5, 6, 7, 8].map((l) => off('a', l))).toEqual([false, false, true, false]);
    expect(off('b', 7)).toBe(false);
  });

  it('disable-file suppresses everywhere, for its rules or all', () => {
    expect(directiveFilter([d('disable-file', 9)], 10)('x', 0)).toBe(true);
    const some = directiveFilter([d('disable-file', 9, ['a'])], 10);
    expect(some('a', 3)).toBe(true);
    expect(some('b', 3)).toBe(false);
  });

  it('lines past totalLines still answer', () => {
    const off = directiveFilter([d('disable', 2)], 3);
    expect(off('x', 50)).toBe(true);
    expect(off('x', 1)).toBe(false);
  });

  it('works on parsed directives end to end', () => {
    const doc = [
      'Amazon put $50bn in.',
      '<!-- factlint-disable-next-line wrong-value -->',
      'SoftBank put $30bn in.',
      'Nvidia put $20bn in. <!-- factlint-disable-line -->',
      'Microsoft put $10bn in.',
    ].join('\n');
    const parsed = parseMarkdown(doc);
    const off = directiveFilter(parsed.directives, doc.split('\n').length);
    expect(off('wrong-value', lineOf(doc, '$50bn'))).toBe(false);
    expect(off('wrong-value', lineOf(doc, '$30bn'))).toBe(true);
    expect(off('stale-date', lineOf(doc, '$30bn'))).toBe(false);
    expect(off('stale-date', lineOf(doc, '$20bn'))).toBe(true);
    expect(off('wrong-value', lineOf(doc, '$10bn'))).toBe(false);
  });
});
