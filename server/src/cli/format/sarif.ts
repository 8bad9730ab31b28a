// `--format sarif`: a SARIF 2.1.0 log (for GitHub code scanning and other SARIF viewers), written
// as a stream so that only one draft's results are held at a time.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DOCS_BASE, RULES, ruleDocsUrl, type RuleInfo } from '../../engine/rules/catalog.js';
import type { Severity } from '../../engine/types.js';
import type { FileReport, Region } from '../report.js';
import { indentedJson } from './json.js';
import type { ReportStream } from './stream.js';

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
  let out = '';
  const stream = new SarifStream((s) => (out += s), options);
  for (const r of reports) stream.file(r);
  stream.end();
  return out;
}

/**
 * The log written as a stream: everything up to `"results": [`, each draft's results as soon as
 * they are known, then the rest; byte for byte what JSON.stringify(buildSarif(...), null, 2) gives.
 */
export class SarifStream implements ReportStream {
  private readonly tail: string;
  /** Depth of the results array's items. */
  private readonly depth: number;
  private count = 0;
  private readonly ruleIndex: Map<string, number>;

  constructor(
    private readonly write: (s: string) => void,
    private readonly options: SarifOptions,
  ) {
    this.ruleIndex = ruleIndexOf(RULES);
    const whole = `${JSON.stringify(buildSarif([], options), null, 2)}\n`;
    // "results" is the last key of the only run, so its last occurrence is the array.
    const open = '"results": [';
    const at = whole.lastIndexOf(`${open}]`);
    if (at < 0) throw new Error('SARIF skeleton without results');
    const lineStart = whole.lastIndexOf('\n', at) + 1;
    this.depth = (at - lineStart) / 2 + 1;
    this.tail = whole.slice(at + open.length + 1);
    this.write(whole.slice(0, at + open.length));
  }

  file(report: FileReport): void {
    const results = sarifResults(report, this.ruleIndex, this.options.cwd !== undefined);
    if (!results.length) return;
    this.write(results.map((r) => `${this.count++ ? ',\n' : '\n'}${indentedJson(r, this.depth)}`).join(''));
  }

  end(): void {
    this.write(`${this.count ? `\n${'  '.repeat(this.depth - 1)}` : ''}]${this.tail}`);
  }
}

export function buildSarif(reports: FileReport[], options: SarifOptions): Record<string, unknown> {
  const rules: readonly RuleInfo[] = RULES;
  const ruleIndex = ruleIndexOf(rules);
  const results: Record<string, unknown>[] = [];
  for (const report of reports) results.push(...sarifResults(report, ruleIndex, options.cwd !== undefined));
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

function ruleIndexOf(rules: readonly RuleInfo[]): Map<string, number> {
  return new Map(rules.map((r, i) => [r.code, i]));
}

/** One draft's SARIF results. */
function sarifResults(report: FileReport, ruleIndex: Map<string, number>, withBase: boolean): Record<string, unknown>[] {
  const artifact = artifactLocation(report.file, withBase);
  return report.diagnostics.map((d) => {
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
    return result;
  });
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
