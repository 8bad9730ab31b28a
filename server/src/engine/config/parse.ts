// Parses a config file's text into a FactlintConfig, with every problem located at
// file:line:column. Pure: no file system.
import type { LocatedProblem } from '../types.js';
import { isMap, isSeq, parseDocument, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import { LineIndex } from '../text/positions.js';
import { ConfigSchema, type FactlintConfig } from './schema.js';
import { duplicateKeys, MAX_YAML_NESTING, pairByKey, tooDeepAt } from '../facts/yamltree.js';
import { firstAlias } from '../facts/locate.js';

/** A problem in a config file. */
export type ConfigProblem = LocatedProblem;

export interface ParsedConfig {
  /** The config, present when there are no errors (an empty file gives {}). */
  config?: FactlintConfig;
  problems: ConfigProblem[];
  /** The 1-based range of the value (or, with `key`, the key) at a path, for later problems. */
  locate(path: (string | number)[], key?: boolean): Omit<ConfigProblem, 'message' | 'severity'>;
}

type Range = { start: number; end: number };

/**
 * Parses config text. JSON files (by name) must be strict JSON; YAML files are YAML 1.2.
 * `file` is only used to label problems and to choose the syntax.
 */
export function parseConfig(text: string, file: string): ParsedConfig {
  try {
    return parseConfigUnsafe(text, file);
  } catch (err) {
    // Never throws: whatever went wrong is a problem of the file.
    const why = err instanceof RangeError ? 'nesting too deep' : err instanceof Error ? err.message : String(err);
    const at = { file, line: 1, column: 1, endLine: 1, endColumn: 1, path: '' };
    return { problems: [{ ...at, severity: 'error', message: `cannot read the config: ${why}` }], locate: () => at };
  }
}

/** Past this many problems the rest are not listed (a config has a handful of settings). */
const MAX_PROBLEMS = 100;

function parseConfigUnsafe(text: string, file: string): ParsedConfig {
  const index = new LineIndex(text);
  const problems: ConfigProblem[] = [];
  const toProblem = (r: Range, path: string, message: string, severity: 'error' | 'warning' = 'error'): ConfigProblem => {
    const s = index.positionAt(r.start);
    const e = index.positionAt(Math.max(r.end, r.start));
    return { file, line: s.line + 1, column: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1, path, message, severity };
  };

  let doc: Document.Parsed | undefined;
  const locate = (path: (string | number)[], key = false) => {
    const { message: _m, severity: _s, ...where } = toProblem(rangeAt(doc, path, key, text), pathString(path), '');
    return where;
  };
  const result = (config?: FactlintConfig): ParsedConfig => ({
    config: problems.some((p) => p.severity === 'error') ? undefined : config,
    problems,
    locate,
  });

  if (/\.json$/i.test(file)) {
    try {
      JSON.parse(text);
    } catch (err) {
      const at = jsonErrorOffset(err, text);
      problems.push(toProblem({ start: at, end: Math.min(at + 1, text.length) }, '', `invalid JSON: ${jsonErrorMessage(err)}`));
      return result();
    }
  }

  const deep = tooDeepAt(text);
  if (deep >= 0) {
    problems.push(toProblem({ start: deep, end: deep + 1 }, '', `invalid config: nesting too deep (more than ${MAX_YAML_NESTING} levels)`));
    return result();
  }
  // Duplicate keys are found by duplicateKeys (linear; the parser's own check is quadratic).
  doc = parseDocument(text, { prettyErrors: false, uniqueKeys: false });
  const errors = [...doc.errors, ...duplicateKeys(doc, MAX_PROBLEMS)].sort((a, b) => a.pos[0] - b.pos[0]);
  for (const e of errors.slice(0, MAX_PROBLEMS)) {
    problems.push(toProblem({ start: e.pos[0], end: e.pos[1] }, '', `invalid YAML: ${firstLine(e.message)}`));
  }
  for (const w of doc.warnings) {
    problems.push(toProblem({ start: w.pos[0], end: w.pos[1] }, '', firstLine(w.message), 'warning'));
  }
  if (problems.some((p) => p.severity === 'error')) return result();

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 }) ?? {};
  } catch (err) {
    // An alias bomb ("billion laughs"): refused at the first alias.
    const alias = firstAlias(doc);
    const r = alias?.range;
    problems.push(toProblem(r ? { start: r[0], end: r[1] } : { start: 0, end: firstLine(text).length }, '', `invalid YAML: ${firstLine(err instanceof Error ? err.message : String(err))}`));
    return result();
  }
  const parsed = ConfigSchema.safeParse(data);
  if (parsed.success) return result(parsed.data);
  let truncated = false;
  for (const issue of parsed.error.issues) {
    problems.push(...issueProblems(issue, doc, text, toProblem));
    if (problems.length > MAX_PROBLEMS) {
      problems.length = MAX_PROBLEMS;
      truncated = true;
      break;
    }
  }
  problems.sort((a, b) => a.line - b.line || a.column - b.column);
  if (truncated) problems.push(toProblem({ start: 0, end: firstLine(text).length }, '', `more than ${MAX_PROBLEMS} problems; the rest are not shown`));
  return result();
}

function issueProblems(
  issue: z.core.$ZodIssue,
  doc: Document.Parsed,
  text: string,
  toProblem: (r: Range, path: string, message: string) => ConfigProblem,
): ConfigProblem[] {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  if (issue.code === 'unrecognized_keys') {
    const known = 'facts, rules, ignore, root';
    return issue.keys.map((k) =>
      toProblem(rangeAt(doc, [...path, k], true, text), pathString([...path, k]), `unknown setting "${k}" (known settings: ${known})`),
    );
  }
  const onKey = (issue.code === 'custom' && (issue.params as { at?: string } | undefined)?.at === 'key') || false;
  const where = pathString(path);
  return [toProblem(rangeAt(doc, path, onKey, text), where, where ? `${where}: ${issue.message}` : issue.message)];
}

/** The source range of the node at `path` (or of its key); the deepest existing ancestor if missing. */
function rangeAt(doc: Document.Parsed | undefined, path: (string | number)[], key: boolean, text: string): Range {
  const whole = { start: 0, end: Math.min(text.length, firstLine(text).length) };
  if (!doc) return whole;
  let node: unknown = doc.contents;
  let found: Range = rangeOf(node) ?? whole;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = pairByKey(node, String(seg));
      if (!pair) return found;
      if (last && key) return rangeOf(pair.key) ?? found;
      node = pair.value;
      found = rangeOf(node) ?? rangeOf(pair.key) ?? found;
    } else if (isSeq(node) && typeof seg === 'number') {
      node = node.items[seg];
      if (node === undefined) return found;
      found = rangeOf(node) ?? found;
    } else return found;
  }
  return found;
}

function rangeOf(node: unknown): Range | undefined {
  const r = (node as Node | null | undefined)?.range;
  return r ? { start: r[0], end: r[1] } : undefined;
}

function pathString(path: (string | number)[]): string {
  let s = '';
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : s ? `.${p}` : p;
  return s;
}

function firstLine(s: string): string {
  const i = s.search(/\r?\n|\r/);
  return i < 0 ? s : s.slice(0, i);
}

function jsonErrorMessage(err: unknown): string {
  const m = err instanceof Error ? err.message : String(err);
  return m.replace(/\s*in JSON at position \d+.*$/, '').replace(/\s*\(line \d+ column \d+\)$/, '');
}

/** The offset a JSON.parse error points at (V8 reports "at position N" or "line L column C"). */
function jsonErrorOffset(err: unknown, text: string): number {
  const m = err instanceof Error ? err.message : '';
  const pos = /at position (\d+)/.exec(m);
  if (pos) return Math.min(Number(pos[1]), text.length);
  const lc = /line (\d+) column (\d+)/.exec(m);
  if (lc) return new LineIndex(text).offsetAt({ line: Number(lc[1]) - 1, character: Number(lc[2]) - 1 });
  return text.length;
}
