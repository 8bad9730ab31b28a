import { describe, expect, it } from 'vitest';
import { buildSarif, formatSarif, SARIF_SCHEMA } from '../server/src/cli/format/sarif.js';
import { RULES, ruleDocsUrl } from '../server/src/engine/rules/catalog.js';
import { EXPECTED_AMAZON, REPORTS } from './fixtures/cli/reports.js';
import { sarifValidator } from './fixtures/cli/sarif-validator.js';

describe('sarif format', () => {
  const validate = sarifValidator();
  const log = JSON.parse(formatSarif(REPORTS, { version: '1.2.3', cwd: '/home/me/project dir' }));
  const run = log.runs[0];

  it('is valid SARIF 2.1.0', () => {
    const ok = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    expect(log.$schema).toBe(SARIF_SCHEMA);
    expect(log.version).toBe('2.1.0');
  });

  it('the validator catches broken logs (so the check above means something)', () => {
    const broken = structuredClone(log);
    broken.runs[0].results[0].level = 'info';
    delete broken.runs[0].tool.driver.name;
    expect(validate(broken)).toBe(false);
    expect(validate({ version: '2.0.0', runs: [] })).toBe(false);
  });

  it('describes the tool and every rule of the catalog', () => {
    const driver = run.tool.driver;
    expect(driver).toMatchObject({ name: 'factlint', version: '1.2.3' });
    expect(driver.informationUri).toMatch(/^https:\/\//);
    expect(driver.rules.map((r: { id: string }) => r.id)).toEqual(RULES.map((r) => r.code));
    const wrongValue = driver.rules[0];
    expect(wrongValue).toMatchObject({
      id: 'wrong-value',
      shortDescription: { text: RULES[0].summary },
      fullDescription: { text: RULES[0].help },
      helpUri: ruleDocsUrl('wrong-value'),
      defaultConfiguration: { level: 'error' },
    });
    expect(wrongValue.help.text).toContain(RULES[0].help);
    expect(wrongValue.help.markdown).toContain(`(${ruleDocsUrl('wrong-value')})`);
    const level = (code: string) => driver.rules.find((r: { id: string }) => r.id === code).defaultConfiguration.level;
    expect(level('overstated-qualifier')).toBe('warning');
    expect(level('disputed')).toBe('note');
    expect(level('unsupported')).toBe('note');
  });

  it('says columns are UTF-16 code units and roots relative paths at %SRCROOT%', () => {
    expect(run.columnKind).toBe('utf16CodeUnits');
    expect(run.originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: 'file:///home/me/project%20dir/' } });
  });

  it('maps each diagnostic to a result', () => {
    expect(run.results).toHaveLength(5);
    const [first, warning, info, hint, odd] = run.results;
    expect(first).toEqual({
      ruleId: 'wrong-value',
      ruleIndex: 0,
      level: 'error',
      message: { text: 'Amazon is in talks to invest up to $50 billion, not $40 billion.' },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'drafts/news.md', uriBaseId: '%SRCROOT%' },
            region: { startLine: 3, startColumn: 21, endLine: 3, endColumn: 32 },
          },
        },
      ],
      properties: { factId: 'amazon-openai-investment', expected: EXPECTED_AMAZON },
      fixes: [
        {
          description: { text: 'Use the sourced figure: up to $50 billion' },
          artifactChanges: [
            {
              artifactLocation: { uri: 'drafts/news.md', uriBaseId: '%SRCROOT%' },
              replacements: [
                { deletedRegion: { startLine: 3, startColumn: 21, endLine: 3, endColumn: 32 }, insertedContent: { text: 'up to $50 billion' } },
              ],
            },
          ],
        },
      ],
    });
    expect(warning).toMatchObject({ level: 'warning', ruleIndex: RULES.findIndex((r) => r.code === 'overstated-qualifier') });
    expect(warning.fixes).toBeUndefined();
    expect(info).toMatchObject({ level: 'note', ruleId: 'disputed' });
    expect(hint).toMatchObject({ level: 'note', ruleId: 'unsupported' });
    expect(hint.properties).toBeUndefined();
    for (const r of run.results) expect(run.tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
    expect(odd.locations[0].physicalLocation.artifactLocation.uri).toBe('odd%20dir/100%25%2C%20done%3A%20ok.md');
  });

  it('uses file URIs for absolute paths and omits ruleIndex for unknown rules', () => {
    const log2 = buildSarif(
      [{ file: '/abs/x.md', diagnostics: [{ ...REPORTS[0].diagnostics[3], code: 'from-the-future' }] }],
      { version: '0.0.0' },
    ) as { runs: { results: Record<string, unknown>[]; originalUriBaseIds?: unknown }[] };
    const result = log2.runs[0].results[0] as { ruleIndex?: number; locations: { physicalLocation: { artifactLocation: unknown } }[] };
    expect(result.ruleIndex).toBeUndefined();
    expect(result.locations[0].physicalLocation.artifactLocation).toEqual({ uri: 'file:///abs/x.md' });
    expect(log2.runs[0].originalUriBaseIds).toBeUndefined();
    expect(validate(log2)).toBe(true);
  });

  it('is valid with no results', () => {
    const empty = JSON.parse(formatSarif([], { version: '1.0.0', cwd: '/' }));
    expect(empty.runs[0].results).toEqual([]);
    expect(validate(empty)).toBe(true);
  });
});
