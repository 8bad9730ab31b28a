// `--format sarif`: a SARIF 2.1.0 log (for GitHub code scanning and other SARIF viewers).
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DOCS_BASE, RULES, ruleDocsUrl, type RuleInfo } from '../../engine/rules/catalog.js';
import type { Severity } from '../../engine/types.js';
import type { FileReport, Region } from '../report.js';

export const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
export const INFORMATION_URI = DOCS_BASE.replace(/\/blob\/.*$/, '');

export interface SarifOptions {
  /** The tool's version (package.json). */
  version: string;
  /** The folder report paths are relative to; becomes %SRCROOT%. */
  cwd?: string;
}

type Level = 'error' | 'warning' | 'note';
const LEVEL: Record<Severity, Level> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

export function sarifLevel(severity: Severity): Level {
  return LEVEL[severity];
}

export function formatSarif(reports: FileReport[], options: SarifOptions): string {
  return `${JSON.stringify(buildSarif(reports, options), null, 2)}\n`;
}

export function buildSarif(reports: FileReport[], options: SarifOptions): Record<string, unknown> {
  const rules: readonly RuleInfo[] = RULES;
  const ruleIndex = new Map(rules.map((r, i) => [r.code, i]));
  const results: Record<string, unknown>[] = [];
  for (const report of reports) {
    const artifact = artifactLocation(report.file, options.cwd !== undefined);
    for (const d of report.diagnostics) {
      const result: Record<string, unknown> = {
        ruleId: d.code,
        ...(ruleIndex.has(d.code) ? { ruleIndex: ruleIndex.get(d.code) } : {}),
        level: sarifLevel(d.severity),
        message: { text: d.message },
        locations: [{ physicalLocation: { artifactLocation: artifact, region: region(d) } }],
      };
      const properties: Record<string, unknown> = {};
      if (d.factId) properties.factId = d.factId;
      if (d.expected) properties.expected = d.expected;
      if (Object.keys(properties).length) result.properties = properties;
      if (d.fix) {
        result.fixes = [
          {
            description: { text: d.fix.title },
            artifactChanges: [
              { artifactLocation: artifact, replacements: [{ deletedRegion: region(d.fix), insertedContent: { text: d.fix.text } }] },
            ],
          },
        ];
      }
      results.push(result);
    }
  }
  const run: Record<string, unknown> = {
    tool: {
      driver: {
        name: 'factlint',
        informationUri: INFORMATION_URI,
        version: options.version,
        semanticVersion: options.version,
        rules: rules.map(ruleDescriptor),
      },
    },
  };
  if (options.cwd !== undefined) {
    run.originalUriBaseIds = { '%SRCROOT%': { uri: dirUri(options.cwd) } };
  }
  run.columnKind = 'utf16CodeUnits';
  run.results = results;
  return { $schema: SARIF_SCHEMA, version: '2.1.0', runs: [run] };
}

function ruleDescriptor(r: RuleInfo): Record<string, unknown> {
  const url = ruleDocsUrl(r.code);
  return {
    id: r.code,
    name: r.code.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase()),
    shortDescription: { text: r.summary },
    fullDescription: { text: r.help },
    help: {
      text: `${r.help}\n\nExample: ${r.example.draft} (${r.example.says})\n\n${url}`,
      markdown: `${r.help}\n\n**Example:** ${r.example.draft}  \n_${r.example.says}_\n\n[Documentation](${url})`,
    },
    helpUri: url,
    defaultConfiguration: { level: sarifLevel(r.severity) },
  };
}

function region(r: Region): Record<string, number> {
  return { startLine: r.line, startColumn: r.column, endLine: r.endLine, endColumn: r.endColumn };
}

/** A report path as a SARIF artifact location: relative (forward slashes) against %SRCROOT%. */
function artifactLocation(file: string, withBase: boolean): Record<string, string> {
  if (path.isAbsolute(file) || /^[a-zA-Z]:[\\/]/.test(file)) return { uri: pathToFileURL(file).href };
  const uri = file
    .split(/[\\/]+/)
    .map((seg) => encodeURIComponent(seg))
    .join('/');
  return withBase ? { uri, uriBaseId: '%SRCROOT%' } : { uri };
}

function dirUri(dir: string): string {
  const href = pathToFileURL(dir).href;
  return href.endsWith('/') ? href : `${href}/`;
}
