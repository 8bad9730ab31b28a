import { describe, expect, it } from 'vitest';
import { formatJson } from '../server/src/cli/format/json.js';
import { EXPECTED_AMAZON, EXPECTED_DISPUTED, REPORTS } from './fixtures/cli/reports.js';

describe('json format', () => {
  it('is exactly an array of { file, diagnostics } with the documented fields, one entry per file', () => {
    const out = formatJson(REPORTS);
    expect(out.endsWith('\n')).toBe(true);
    expect(JSON.parse(out)).toStrictEqual([
      {
        file: 'drafts/news.md',
        diagnostics: [
          {
            line: 3,
            column: 21,
            endLine: 3,
            endColumn: 32,
            severity: 'error',
            code: 'wrong-value',
            message: 'Amazon is in talks to invest up to $50 billion, not $40 billion.',
            factId: 'amazon-openai-investment',
            expected: EXPECTED_AMAZON,
          },
          {
            line: 12,
            column: 5,
            endLine: 12,
            endColumn: 17,
            severity: 'warning',
            code: 'overstated-qualifier',
            message: 'The sources give a ceiling: up to $50 billion.',
            factId: 'amazon-openai-investment',
            expected: EXPECTED_AMAZON,
          },
          {
            line: 20,
            column: 1,
            endLine: 21,
            endColumn: 4,
            severity: 'info',
            code: 'disputed',
            message: 'The sources disagree on this valuation.',
            factId: 'anthropic-valuation',
            expected: EXPECTED_DISPUTED,
          },
          {
            line: 104,
            column: 10,
            endLine: 104,
            endColumn: 22,
            severity: 'hint',
            code: 'unsupported',
            message: 'No fact supports "$638 billion".',
            factId: null,
            expected: null,
          },
        ],
      },
      { file: 'clean.md', diagnostics: [] },
      {
        file: 'odd dir/100%, done: ok.md',
        diagnostics: [
          {
            line: 1,
            column: 1,
            endLine: 1,
            endColumn: 5,
            severity: 'error',
            code: 'wrong-year',
            message: 'Growth of 50% a year,\r\nsaid: "no"',
            factId: null,
            expected: null,
          },
        ],
      },
    ]);
  });

  it('keeps the key order of the documented shape', () => {
    const [first] = JSON.parse(formatJson(REPORTS));
    expect(Object.keys(first)).toEqual(['file', 'diagnostics']);
    expect(Object.keys(first.diagnostics[0])).toEqual([
      'line', 'column', 'endLine', 'endColumn', 'severity', 'code', 'message', 'factId', 'expected',
    ]);
  });

  it('prints [] for no files', () => {
    expect(formatJson([])).toBe('[]\n');
  });
});
