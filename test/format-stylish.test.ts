import { describe, expect, it } from 'vitest';
import { stripAnsi } from '../server/src/cli/format/ansi.js';
import { formatStylish } from '../server/src/cli/format/stylish.js';
import { REPORTS } from './fixtures/cli/reports.js';

describe('stylish format', () => {
  const plain = formatStylish(REPORTS, { color: false });
  const lines = plain.split('\n');

  it('groups by file, aligned rows with a sources line, and a summary', () => {
    expect(plain).not.toMatch(/\x1b\[/);
    expect(lines).toEqual([
      '',
      'drafts/news.md',
      '    3:21  error    Amazon is in talks to invest up to $50 billion, not $40 billion.  wrong-value',
      '                   sources: up to $50 billion (s000, s002)',
      '   12:5   warning  The sources give a ceiling: up to $50 billion.                    overstated-qualifier',
      '                   sources: up to $50 billion (s000, s002)',
      '   20:1   info     The sources disagree on this valuation.                           disputed',
      '                   sources disagree: $350 billion (s000); $183 billion (s002)',
      '  104:10  hint     No fact supports "$638 billion".                                  unsupported',
      '',
      'odd dir/100%, done: ok.md',
      '  1:1  error  Growth of 50% a year, said: "no"  wrong-year',
      '',
      '✖ 5 problems (2 errors, 1 warning, 1 info, 1 hint)',
      '',
      '',
    ]);
  });

  it('lists no file without problems', () => {
    expect(plain).not.toContain('clean.md');
  });

  it('colours only when asked, with the same text', () => {
    const colored = formatStylish(REPORTS, { color: true });
    expect(colored).toContain('\x1b[4mdrafts/news.md\x1b[24m');
    expect(colored).toContain('\x1b[31merror  \x1b[39m');
    expect(colored).toContain('\x1b[2m                   sources: up to $50 billion (s000, s002)\x1b[22m');
    expect(stripAnsi(colored)).toBe(plain);
  });

  it('prints nothing when there are no problems, and counts singular/plural', () => {
    expect(formatStylish([{ file: 'a.md', diagnostics: [] }])).toBe('');
    const one = formatStylish([{ file: 'a.md', diagnostics: [REPORTS[0].diagnostics[0]] }]);
    expect(one).toContain('✖ 1 problem (1 error, 0 warnings)');
  });
});
