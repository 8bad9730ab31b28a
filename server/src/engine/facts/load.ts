// Facts file text -> checked FactsFile, with every problem located at file:line:column of the node
// it is about. Pure (no file system); never throws. See fsload.ts for reading files.
import type { LocatedProblem } from '../types.js';
import { parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { LineIndex } from '../text/positions.js';
import { Entity, Exclusion, Fact, FactsFile, KIND_VALUE_FORM, KINDS, Source, Value } from './schema.js';
import { firstAlias, formatPath, lineSpan, locatePath, pathAtOffset, spanToRange, type LocateMode, type PathSegment, type Span } from './locate.js';
import { didYouMean } from './suggest.js';
import { duplicateKeys, MAX_YAML_NESTING, tooDeepAt } from './yamltree.js';
import { findJsonError } from './jsonsyntax.js';
import { identicalValue } from './disputes.js';
import { valueType } from './format.js';

export type { FactsFile };

export interface FactsProblem extends LocatedProblem {
  /**
   * yaml-syntax | json-syntax | duplicate-key | too-large | too-many-aliases | not-a-mapping |
   * too-deep | schema | duplicate-id | unknown-source | unknown-entity | duplicate-alias | kind-mismatch |
   * duplicate-variant | duplicate-source-file | too-many-problems | internal |
   * (validate.ts) quote-missing-figure | quote-not-in-source | quote-too-long | source-file-missing |
   * exclusion-text-not-in-quote | (fsload.ts) unreadable | no-facts-files | sources-missing
   */
  code: string;
}

export interface FactLocation {
  file: string;
  /** 1-based. */
  line: number;
  column: number;
  offset: number;
}

/** One parsed file, kept so that merged results and quote checks can still locate nodes. */
export interface FactsUnit {
  file: string;
  text: string;
  lines: LineIndex;
  /** The YAML tree (undefined when the text was refused before parsing). */
  doc?: Document;
  /** The plain data (undefined when the file could not be read as data). */
  raw?: unknown;
}

/** Internal: the parsed files behind a ParsedFacts, for mergeFacts and checkQuotes. */
export const FACTS_UNITS: unique symbol = Symbol('factlint.factsUnits');
/** Internal: the problems that are not cross-file checks (recomputed by mergeFacts). */
const BASE_PROBLEMS: unique symbol = Symbol('factlint.baseProblems');

export interface ParsedFacts {
  /**
   * The checked data; undefined when the file can't be used (syntax error, not a mapping, top-level
   * fields wrong). A fact, source, entity or exclusion with a schema error is left out and the rest
   * is kept, so one bad entry being edited does not switch off the whole file. Later duplicates of
   * an id are left out too.
   */
  data?: FactsFile;
  problems: FactsProblem[];
  /** Fact id -> where its `id:` value is. */
  locations: Map<string, FactLocation>;
  file: string;
  [FACTS_UNITS]?: FactsUnit[];
  [BASE_PROBLEMS]?: FactsProblem[];
}

export const MAX_FACTS_TEXT = 5 * 1024 * 1024;
export const MAX_ALIAS_COUNT = 100;
const MAX_PROBLEMS = 1000;

// ---------------------------------------------------------------------------------------------
// Problems

export function problemAtSpan(
  unit: Pick<FactsUnit, 'file' | 'lines'>,
  span: Span,
  path: readonly PathSegment[],
  message: string,
  code: string,
  severity: 'error' | 'warning' = 'error',
): FactsProblem {
  return { file: unit.file, ...spanToRange(unit.lines, span), path: formatPath(path), message, severity, code };
}

/** A problem at the node of `path` in `unit` (see locatePath for which node). */
export function problemAt(
  unit: FactsUnit,
  path: readonly PathSegment[],
  message: string,
  code: string,
  severity: 'error' | 'warning' = 'error',
  mode: LocateMode = 'value',
): FactsProblem {
  let span: Span;
  try {
    span = locatePath(unit.doc, unit.lines, path, mode);
  } catch {
    span = lineSpan(unit.lines, 0);
  }
  return problemAtSpan(unit, span, path, message, code, severity);
}

/** Internal accessor for validate.ts. */
export function factsUnits(parsed: ParsedFacts): FactsUnit[] {
  return parsed[FACTS_UNITS] ?? [];
}

// ---------------------------------------------------------------------------------------------
// Small helpers on raw data

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function getAt(raw: unknown, path: readonly PathSegment[]): unknown {
  let cur = raw;
  for (const seg of path) {
    if (Array.isArray(cur) && typeof seg === 'number') cur = cur[seg];
    else if (isObj(cur)) cur = Object.prototype.hasOwnProperty.call(cur, seg) ? cur[seg as string] : undefined;
    else return undefined;
  }
  return cur;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
  return `${typeof v} ${String(v)}`;
}

// ---------------------------------------------------------------------------------------------
// Schema issues -> problems

const VALUE_FORMS =
  'a value must be one of: { amount, currency? } (money), { count, unit }, { percent }, { date, precision, part? }, { duration, unit }';

/** Keys the schema allows at `path` (for "did you mean" on unknown keys). */
function allowedKeys(path: readonly PathSegment[], raw: unknown): string[] {
  let schema: unknown = FactsFile;
  for (let i = 0; i <= path.length; i++) {
    // unwrap
    for (let guard = 0; guard < 10; guard++) {
      const s = schema as { unwrap?: () => unknown; options?: unknown[]; shape?: unknown; element?: unknown };
      if (s && typeof s.unwrap === 'function' && !s.shape && !s.element) schema = s.unwrap();
      else break;
    }
    const s = schema as { options?: unknown[]; shape?: Record<string, unknown>; element?: unknown };
    if (Array.isArray(s?.options)) {
      // a union (Value): the option whose keys overlap the input most
      const input = getAt(raw, path.slice(0, i));
      const keys = isObj(input) ? Object.keys(input) : [];
      let best: unknown;
      let bestScore = -1;
      for (const o of s.options as { shape?: Record<string, unknown> }[]) {
        const score = keys.filter((k) => o.shape && k in o.shape).length;
        if (score > bestScore) {
          best = o;
          bestScore = score;
        }
      }
      schema = best;
      i--; // re-examine this level with the chosen option
      if (bestScore < 0) return [];
      continue;
    }
    if (i === path.length) return s?.shape ? Object.keys(s.shape) : [];
    const seg = path[i];
    if (typeof seg === 'number' && s?.element) schema = s.element;
    else if (typeof seg === 'string' && s?.shape) schema = s.shape[seg];
    else return [];
    if (!schema) return [];
  }
  return [];
}

type Issue = z.core.$ZodIssue;

function issueProblems(unit: FactsUnit, issues: readonly Issue[], base: readonly PathSegment[], out: FactsProblem[]): void {
  for (const issue of issues) {
    if (out.length > MAX_PROBLEMS) return;
    const path = [...base, ...(issue.path as PathSegment[])];
    const input = getAt(unit.raw, path);
    const last = path[path.length - 1];
    switch (issue.code) {
      case 'unrecognized_keys': {
        const allowed = allowedKeys(path, unit.raw);
        for (const key of issue.keys) {
          out.push(problemAt(unit, [...path, key], `unknown key "${key}"${didYouMean(key, allowed, 2)}`, 'schema', 'error', 'key'));
        }
        break;
      }
      case 'invalid_union': {
        // Report the issues of the form the input comes closest to; if none is clearly closest,
        // list the forms.
        const scored = issue.errors.map((errs) => ({
          errs,
          score: errs.reduce((n, e) => n + (e.code === 'unrecognized_keys' ? 1 + e.keys.length : 1), 0),
        }));
        const min = Math.min(...scored.map((s) => s.score));
        const best = scored.filter((s) => s.score === min);
        if (best.length === 1 && isObj(input)) issueProblems(unit, best[0].errs, path, out);
        else out.push(problemAt(unit, path, `${isObj(input) ? 'not a valid value' : `expected a mapping, got ${describe(input)}`}: ${VALUE_FORMS}`, 'schema'));
        break;
      }
      case 'invalid_type': {
        if (input === undefined && typeof last === 'string') {
          out.push(problemAt(unit, path, `missing required key "${last}"`, 'schema'));
        } else {
          const expected = issue.expected === 'object' ? 'a mapping' : issue.expected === 'array' ? 'a list' : `a ${issue.expected}`;
          out.push(problemAt(unit, path, `expected ${expected}, got ${describe(input)}`, 'schema'));
        }
        break;
      }
      case 'invalid_value': {
        const values = issue.values.map((v) => JSON.stringify(v));
        if (values.length === 1 && input === undefined && typeof last === 'string') {
          out.push(problemAt(unit, path, `missing required key "${last}" (must be ${values[0]})`, 'schema'));
        } else if (values.length === 1) {
          out.push(problemAt(unit, path, `must be ${values[0]}, got ${describe(input)}`, 'schema'));
        } else {
          const hint = typeof input === 'string' ? didYouMean(input, issue.values.map(String), 1) : '';
          out.push(problemAt(unit, path, `${describe(input)} is not one of ${values.join(', ')}${hint}`, 'schema'));
        }
        break;
      }
      case 'too_small': {
        let msg = issue.message;
        if (issue.origin === 'array') msg = `needs at least ${issue.minimum} ${Number(issue.minimum) === 1 ? 'entry' : 'entries'}`;
        else if (issue.origin === 'string') msg = 'must not be empty';
        else if (issue.origin === 'number') msg = `must be ${issue.inclusive ? 'at least' : 'greater than'} ${issue.minimum}, got ${describe(input)}`;
        out.push(problemAt(unit, path, msg, 'schema'));
        break;
      }
      case 'invalid_format':
        out.push(
          problemAt(
            unit,
            path,
            /^Invalid/.test(issue.message) ? `${describe(input)} does not match ${(issue as { pattern?: string }).pattern ?? issue.format}` : `${describe(input)}: ${issue.message}`,
            'schema',
          ),
        );
        break;
      default:
        out.push(problemAt(unit, path, issue.message, 'schema'));
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Parsing

function jsonErrorOffset(message: string, text: string): number | undefined {
  const m = message.match(/at position (\d+)/);
  if (m) return Math.min(+m[1], text.length);
  const lc = message.match(/line (\d+) column (\d+)/);
  if (lc) return new LineIndex(text).offsetAt({ line: +lc[1] - 1, character: +lc[2] - 1 });
  if (/end of (JSON )?input/i.test(message)) return text.length;
  return undefined;
}

function cleanParserMessage(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '').replace(/\s*\(line \d+ column \d+\)/, '').trim();
}

function emptyResult(file: string, problems: FactsProblem[], units: FactsUnit[]): ParsedFacts {
  return { data: undefined, problems, locations: new Map(), file, [FACTS_UNITS]: units, [BASE_PROBLEMS]: problems.slice() };
}

/**
 * Parses a facts file: YAML (comments allowed), or JSON when the name ends in .json. Every problem
 * is located at the node it is about, with the field path. Never throws.
 */
export function parseFactsText(text: string, file: string): ParsedFacts {
  try {
    return parseUnsafe(typeof text === 'string' ? text : String(text ?? ''), file);
  } catch (e) {
    const unit: FactsUnit = { file, text: '', lines: new LineIndex('') };
    if (e instanceof RangeError) {
      // The parser's recursion ran out of stack on a nesting tooDeepAt did not see.
      return emptyResult(file, [problemAtSpan(unit, { start: 0, end: 0 }, [], `cannot read the facts file: nesting too deep`, 'too-deep')], [unit]);
    }
    return emptyResult(file, [problemAtSpan(unit, { start: 0, end: 0 }, [], `could not read the facts file: ${(e as Error)?.message ?? e}`, 'internal')], [unit]);
  }
}

function parseUnsafe(text: string, file: string): ParsedFacts {
  const isJson = /\.json$/i.test(file);
  if (text.length > MAX_FACTS_TEXT) {
    const head = text.slice(0, 200);
    const unit: FactsUnit = { file, text: head, lines: new LineIndex(head) };
    const mb = (text.length / 1024 / 1024).toFixed(1);
    return emptyResult(file, [problemAtSpan(unit, lineSpan(unit.lines, 0), [], `facts file too large (${mb} MB; the limit is ${MAX_FACTS_TEXT / 1024 / 1024} MB)`, 'too-large')], [unit]);
  }
  // A byte-order mark becomes a space: offsets stay the same and both parsers accept it.
  const src = text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text;
  const lines = new LineIndex(text);
  const problems: FactsProblem[] = [];
  const unit: FactsUnit = { file, text, lines };
  const units = [unit];
  // Nesting past any facts file would only exhaust the parser's stack: refuse it at the spot.
  const deep = tooDeepAt(src);
  if (deep >= 0) {
    const message = `nesting too deep (more than ${MAX_YAML_NESTING} levels here; a facts file nests a few)`;
    return emptyResult(file, [problemAtSpan(unit, { start: deep, end: Math.min(deep + 1, lines.lineEnd(lines.lineOf(deep))) }, [], message, 'too-deep')], units);
  }

  let jsonValue: unknown;
  if (isJson) {
    try {
      jsonValue = JSON.parse(src);
    } catch (e) {
      const msg = String((e as Error)?.message ?? e);
      const found = findJsonError(src);
      const off = found?.offset ?? jsonErrorOffset(msg, text) ?? 0;
      const line = lines.lineOf(off);
      problems.push(
        problemAtSpan(unit, { start: off, end: Math.min(off + 1, lines.lineEnd(line)) }, [], `invalid JSON: ${found?.message ?? cleanParserMessage(msg)}`, 'json-syntax'),
      );
      return emptyResult(file, problems, units);
    }
  }

  // Duplicate keys are found by duplicateKeys (linear; the parser's own check is quadratic).
  const doc = parseDocument(src, { uniqueKeys: false, prettyErrors: false, strict: true, logLevel: 'error' });
  unit.doc = doc;
  let fatal = false;
  const errors = [...doc.errors, ...duplicateKeys(doc, MAX_PROBLEMS + 1)].sort((x, y) => x.pos[0] - y.pos[0]);
  for (const err of errors) {
    const [a, b] = err.pos;
    const dup = err.code === 'DUPLICATE_KEY';
    if (isJson && !dup) continue; // JSON.parse accepted it; the YAML reading is only for positions
    if (!dup) fatal = true;
    const path = pathAtOffset(doc, a);
    // The parser marks one character; a duplicate key is marked whole.
    const keyText = dup ? (/^(?:"(?:[^"\\\n]|\\.)*"|'(?:[^'\n]|'')*'|[^\n:{},[\]]*?(?=\s*:))/.exec(src.slice(a, a + 1000))?.[0] ?? '') : '';
    const end = dup && keyText.trim() ? a + keyText.trimEnd().length : Math.max(b, a);
    const key = JSON.stringify(keyText.trim().replace(/^["']|["']$/g, ''));
    problems.push(
      problemAtSpan(
        unit,
        { start: a, end },
        path,
        dup ? `duplicate key ${key}: keys must be unique in a mapping` : `${isJson ? 'invalid JSON' : 'invalid YAML'}: ${cleanParserMessage(err.message)}`,
        dup ? 'duplicate-key' : isJson ? 'json-syntax' : 'yaml-syntax',
      ),
    );
    if (problems.length > MAX_PROBLEMS) break;
  }
  for (const w of doc.warnings) {
    const [a, b] = w.pos;
    problems.push(problemAtSpan(unit, { start: a, end: Math.max(b, a) }, pathAtOffset(doc, a), `YAML: ${cleanParserMessage(w.message)}`, 'yaml-syntax', 'warning'));
  }
  if (fatal) return emptyResult(file, problems, units);

  let raw: unknown;
  if (isJson) raw = jsonValue; // JSON has no aliases
  else {
    try {
      raw = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (e) {
      const alias = firstAlias(doc);
      const r = alias?.range;
      const span = r ? { start: r[0], end: r[1] } : lineSpan(lines, 0);
      const msg = String((e as Error)?.message ?? e);
      const bomb = /alias|resource exhaustion/i.test(msg);
      problems.push(
        problemAtSpan(
          unit,
          span,
          r ? pathAtOffset(doc, r[0]) : [],
          bomb ? `too many aliases (more than ${MAX_ALIAS_COUNT} expansions): refused as a possible "billion laughs" attack` : `could not read the YAML: ${cleanParserMessage(msg)}`,
          bomb ? 'too-many-aliases' : 'yaml-syntax',
        ),
      );
      return emptyResult(file, problems, units);
    }
  }
  unit.raw = raw;

  if (!isObj(raw)) {
    const what = raw === null || raw === undefined ? 'the file is empty' : `the top level is ${describe(raw)}`;
    problems.push(problemAt(unit, [], `${what}: a facts file is a mapping with version, sources, entities and facts`, 'not-a-mapping'));
    unit.raw = undefined;
    return emptyResult(file, problems, units);
  }

  const parsed = FactsFile.safeParse(raw);
  let data: FactsFile | undefined;
  if (parsed.success) data = parsed.data;
  else {
    issueProblems(unit, parsed.error.issues, [], problems);
    data = salvage(raw);
  }
  if (problems.length > MAX_PROBLEMS) {
    problems.length = MAX_PROBLEMS;
    problems.push(problemAtSpan(unit, lineSpan(lines, 0), [], `more than ${MAX_PROBLEMS} problems; the rest are not shown`, 'too-many-problems', 'warning'));
  }

  const base = problems.slice();
  const cross = crossCheck(units);
  const result: ParsedFacts = {
    data: data && dedupe([data]),
    problems: sortProblems([...base, ...cross], [file]),
    locations: factLocations(units),
    file,
    [FACTS_UNITS]: units,
    [BASE_PROBLEMS]: base,
  };
  return result;
}

/** The usable part of a file with schema errors: entries that fail are left out. */
function salvage(raw: Obj): FactsFile | undefined {
  const lists: [string, z.ZodType][] = [
    ['sources', Source],
    ['entities', Entity],
    ['facts', Fact],
    ['exclusions', Exclusion],
  ];
  const picked: Obj = {};
  for (const key of Object.keys(FactsFile.shape)) if (key in raw) picked[key] = raw[key];
  for (const [key, schema] of lists) {
    if (Array.isArray(raw[key])) picked[key] = raw[key].filter((el) => schema.safeParse(el).success);
  }
  const r = FactsFile.safeParse(picked);
  return r.success ? r.data : undefined;
}

// ---------------------------------------------------------------------------------------------
// Cross-checks (ids and references), over one file or several merged

interface Def {
  unit: FactsUnit;
  path: PathSegment[];
}

function where(def: Def, from: FactsUnit): string {
  let line = 1;
  try {
    line = spanToRange(def.unit.lines, locatePath(def.unit.doc, def.unit.lines, def.path)).line;
  } catch {
    /* keep 1 */
  }
  return def.unit === from || def.unit.file === from.file ? `line ${line}` : `${def.unit.file}:${line}`;
}


function crossCheck(units: FactsUnit[]): FactsProblem[] {
  const out: FactsProblem[] = [];
  const defs = { sources: new Map<string, Def>(), entities: new Map<string, Def>(), facts: new Map<string, Def>() };
  const label = { sources: 'source', entities: 'entity', facts: 'fact' } as const;

  // Definitions, in file order: a later duplicate is the problem.
  for (const unit of units) {
    if (!isObj(unit.raw)) continue;
    for (const list of ['sources', 'entities', 'facts'] as const) {
      arr(unit.raw[list]).forEach((el, i) => {
        const id = isObj(el) ? str(el.id) : undefined;
        if (!id) return;
        const prev = defs[list].get(id);
        const path = [list, i, 'id'];
        if (prev) out.push(problemAt(unit, path, `duplicate ${label[list]} id "${id}" (first defined at ${where(prev, unit)})`, 'duplicate-id'));
        else defs[list].set(id, { unit, path });
      });
    }
  }
  const sourceIds = [...defs.sources.keys()];
  const entityIds = [...defs.entities.keys()];
  const unknownSource = (unit: FactsUnit, path: PathSegment[], id: string) =>
    out.push(problemAt(unit, path, `unknown source "${id}"${didYouMean(id, sourceIds)}`, 'unknown-source'));
  const unknownEntity = (unit: FactsUnit, path: PathSegment[], id: string) =>
    out.push(problemAt(unit, path, `unknown entity "${id}"${didYouMean(id, entityIds)}`, 'unknown-entity'));

  const aliases = new Map<string, { entity: string; def: Def; isName: boolean; text: string }>();
  const sourceFiles = new Map<string, Def & { id: string }>();

  for (const unit of units) {
    const raw = unit.raw;
    if (!isObj(raw)) continue;

    arr(raw.sources).forEach((s, i) => {
      if (!isObj(s)) return;
      const f = str(s.file);
      if (!f) return;
      const prev = sourceFiles.get(f);
      if (prev && prev.id !== s.id) {
        out.push(problemAt(unit, ['sources', i, 'file'], `source "${str(s.id) ?? i}" names the same article as source "${prev.id}" (${where(prev, unit)})`, 'duplicate-source-file', 'warning'));
      } else if (!prev) sourceFiles.set(f, { unit, path: ['sources', i, 'file'], id: str(s.id) ?? '' });
    });

    // Entity names first (so an alias equal to a later entity's name is still caught), then aliases.
    arr(raw.entities).forEach((e, i) => {
      if (!isObj(e)) return;
      const name = str(e.name);
      const id = str(e.id) ?? `#${i}`;
      if (name && !aliases.has(name.trim().toLowerCase())) aliases.set(name.trim().toLowerCase(), { entity: id, def: { unit, path: ['entities', i, 'name'] }, isName: true, text: name });
    });
  }
  for (const unit of units) {
    const raw = unit.raw;
    if (!isObj(raw)) continue;
    arr(raw.entities).forEach((e, i) => {
      if (!isObj(e)) return;
      const id = str(e.id) ?? `#${i}`;
      const of = str(e.of);
      if (of !== undefined && of !== '') {
        if (!defs.entities.has(of)) unknownEntity(unit, ['entities', i, 'of'], of);
        else if (of === id) out.push(problemAt(unit, ['entities', i, 'of'], `entity "${id}" cannot stand for itself`, 'unknown-entity'));
      }
      arr(e.aliases).forEach((a, j) => {
        const alias = str(a);
        if (!alias) return;
        const key = alias.trim().toLowerCase();
        const prev = aliases.get(key);
        const path = ['entities', i, 'aliases', j];
        if (!prev) aliases.set(key, { entity: id, def: { unit, path }, isName: false, text: alias });
        else if (prev.entity === id) {
          const as = prev.text !== alias ? ` (as "${prev.text}"; aliases match without regard to case)` : '';
          if (!prev.isName) out.push(problemAt(unit, path, `alias "${alias}" is listed twice${as}`, 'duplicate-alias', 'warning'));
        } else {
          out.push(
            problemAt(unit, path, `alias "${alias}" is also ${prev.isName ? 'the name' : 'an alias'} of entity "${prev.entity}" (${where(prev.def, unit)})`, 'duplicate-alias', 'warning'),
          );
        }
      });
    });

    arr(raw.facts).forEach((f, i) => {
      if (!isObj(f)) return;
      for (const list of ['subject', 'entities'] as const) {
        arr(f[list]).forEach((ref, j) => {
          const id = str(ref);
          if (id && !defs.entities.has(id)) unknownEntity(unit, ['facts', i, list, j], id);
        });
      }
      const kind = str(f.kind) as (typeof KINDS)[number] | undefined;
      const seen: { value: Value; qualifier: unknown; j: number }[] = [];
      arr(f.variants).forEach((v, j) => {
        if (!isObj(v)) return;
        arr(v.sources).forEach((sr, k) => {
          const id = isObj(sr) ? str(sr.source) : undefined;
          if (id && !defs.sources.has(id)) unknownSource(unit, ['facts', i, 'variants', j, 'sources', k, 'source'], id);
        });
        const val = Value.safeParse(v.value);
        if (!val.success) return;
        const t = valueType(val.data);
        if (kind && KIND_VALUE_FORM[kind as keyof typeof KIND_VALUE_FORM] && KIND_VALUE_FORM[kind as keyof typeof KIND_VALUE_FORM] !== t) {
          out.push(problemAt(unit, ['facts', i, 'variants', j, 'value'], `a ${t} value in a fact of kind "${kind}" (expected ${KIND_VALUE_FORM[kind as keyof typeof KIND_VALUE_FORM]})`, 'kind-mismatch', 'warning'));
        }
        const q = v.qualifier ?? 'exact';
        const twin = seen.find((s) => s.qualifier === q && identicalValue(s.value, val.data));
        if (twin) {
          out.push(problemAt(unit, ['facts', i, 'variants', j], `same value and qualifier as variants[${twin.j}]: put the sources in one variant`, 'duplicate-variant', 'warning'));
        } else seen.push({ value: val.data, qualifier: q, j });
      });
    });

    arr(raw.exclusions).forEach((x, i) => {
      const id = isObj(x) ? str(x.source) : undefined;
      if (id && !defs.sources.has(id)) unknownSource(unit, ['exclusions', i, 'source'], id);
    });
  }
  return out;
}

function factLocations(units: FactsUnit[]): Map<string, FactLocation> {
  const map = new Map<string, FactLocation>();
  for (const unit of units) {
    if (!isObj(unit.raw)) continue;
    arr(unit.raw.facts).forEach((f, i) => {
      const id = isObj(f) ? str(f.id) : undefined;
      if (!id || map.has(id)) return;
      let span: Span;
      try {
        span = locatePath(unit.doc, unit.lines, ['facts', i, 'id']);
      } catch {
        span = { start: 0, end: 0 };
      }
      const pos = unit.lines.positionAt(span.start);
      map.set(id, { file: unit.file, line: pos.line + 1, column: pos.character + 1, offset: span.start });
    });
  }
  return map;
}

/** Drops later duplicates of a source, entity or fact id (first wins). */
function dedupe(datas: FactsFile[]): FactsFile | undefined {
  if (!datas.length) return undefined;
  const first = datas[0];
  const pick = <T extends { id: string }>(lists: T[][]): T[] => {
    const seen = new Set<string>();
    const out: T[] = [];
    for (const list of lists)
      for (const el of list) {
        if (seen.has(el.id)) continue;
        seen.add(el.id);
        out.push(el);
      }
    return out;
  };
  let period = first.period;
  for (const d of datas.slice(1)) {
    if (!d.period) continue;
    if (!period) period = d.period;
    else period = { from: d.period.from < period.from ? d.period.from : period.from, to: d.period.to > period.to ? d.period.to : period.to };
  }
  const out: FactsFile = {
    version: 1,
    sources: pick(datas.map((d) => d.sources)),
    entities: pick(datas.map((d) => d.entities)),
    facts: pick(datas.map((d) => d.facts)),
    exclusions: datas.flatMap((d) => d.exclusions),
  };
  const title = datas.find((d) => d.title)?.title;
  if (title !== undefined) out.title = title;
  if (period) out.period = period;
  if (datas.length === 1 && first.$schema !== undefined) out.$schema = first.$schema;
  return out;
}

function sortProblems(problems: FactsProblem[], files: string[]): FactsProblem[] {
  const order = new Map(files.map((f, i) => [f, i]));
  return problems
    .map((p, i) => ({ p, i }))
    .sort(
      (a, b) =>
        (order.get(a.p.file) ?? files.length) - (order.get(b.p.file) ?? files.length) ||
        a.p.line - b.p.line ||
        a.p.column - b.p.column ||
        a.i - b.i,
    )
    .map((x) => x.p);
}

/**
 * Several facts files as one: sources, entities, facts and exclusions concatenated. References may
 * cross files; an id defined again in a later file is a duplicate-id problem located there, and
 * the later entry is left out of the data.
 */
export function mergeFacts(parts: ParsedFacts[]): ParsedFacts {
  try {
    const units = parts.flatMap((p) => p[FACTS_UNITS] ?? []);
    const files = parts.map((p) => p.file);
    // A part made elsewhere (no units) keeps its problems as they are.
    const base = parts.flatMap((p) => (p[FACTS_UNITS] && p[BASE_PROBLEMS] ? p[BASE_PROBLEMS] : p.problems));
    const cross = crossCheck(units);
    const datas = parts.map((p) => p.data).filter((d): d is FactsFile => !!d);
    const locations = new Map<string, FactLocation>();
    for (const p of parts) for (const [id, loc] of p.locations) if (!locations.has(id)) locations.set(id, loc);
    return {
      data: dedupe(datas),
      problems: sortProblems([...base, ...cross], files),
      locations,
      file: files.length === 1 ? files[0] : files.join(', '),
      [FACTS_UNITS]: units,
      [BASE_PROBLEMS]: base,
    };
  } catch {
    return { data: undefined, problems: parts.flatMap((p) => p.problems), locations: new Map(), file: parts.map((p) => p.file).join(', ') };
  }
}
