import { describe, expect, it } from 'vitest';
import { escapeData, escapeProperty, formatGithub } from '../server/src/cli/format/github.js';
import { REPORTS } from './fixtures/cli/reports.js';

describe('github format', () => {
  const lines = formatGithub(REPORTS).trimEnd().split('\n');

  it('writes one workflow command per diagnostic, by severity', () => {
    expect(lines).toHaveLength(5);
    expect(lines[0]).toBe(
      '::error file=drafts/news.md,line=3,col=21,endLine=3,endColumn=32,title=factlint wrong-value::' +
        'Amazon is in talks to invest up to $50 billion, not $40 billion.%0Asources: up to $50 billion (s000, s002)',
    );
    expect(lines[1]).toMatch(/^::warning file=drafts\/news\.md,line=12,col=5,endLine=12,endColumn=17,title=factlint overstated-qualifier::/);
    // info and hint become notices; a multi-line range gives no columns.
    expect(lines[2]).toBe(
      '::notice file=drafts/news.md,line=20,endLine=21,title=factlint disputed::The sources disagree on this valuation.' +
        '%0Asources disagree: $350 billion (s000); $183 billion (s002)',
    );
    expect(lines[3]).toBe('::notice file=drafts/news.md,line=104,col=10,endLine=104,endColumn=22,title=factlint unsupported::No fact supports "$638 billion".');
  });

  it('escapes % CR LF in messages and also , : in properties', () => {
    expect(lines[4]).toBe(
      '::error file=odd dir/100%25%2C done%3A ok.md,line=1,col=1,endLine=1,endColumn=5,title=factlint wrong-year::Growth of 50%25 a year,%0D%0Asaid: "no"',
    );
    expect(escapeData('a%b\r\nc:d,e')).toBe('a%25b%0D%0Ac:d,e');
    expect(escapeProperty('a%b\r\nc:d,e')).toBe('a%25b%0D%0Ac%3Ad%2Ce');
  });

  it('prints nothing without diagnostics', () => {
    expect(formatGithub([{ file: 'a.md', diagnostics: [] }])).toBe('');
  });
});
