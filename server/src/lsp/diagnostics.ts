// Engine findings and facts/config problems as LSP diagnostics. Ranges are UTF-16 positions from
// the engine's offsets (LineIndex). Diagnostics carry no `data`: code actions find the finding a
// diagnostic stands for in the draft's last result.
//
// What a diagnostic carries besides its range, code and message is kept to what the message does
// not already say, since a long draft's thousands of diagnostics are sent (and parsed by the
// editor) on every edit:
// - relatedInformation (when the client shows it) points at the facts a finding involves whose
//   statement the message does not quote. Most messages quote their fact's statement ("... not
//   $40 billion. (Amazon is negotiating ...)"): for those, the fact's place in the facts file is
//   what the hover on the figure links to and where go-to-definition jumps, and is not repeated.
// - codeDescription (the rule's docs link) is left out of hints: editors show hints as a faint
//   mark, not in their problems list (VS Code), and they are most of a long draft's diagnostics
//   (`unsupported`).
//
// A long draft has thousands of diagnostics and each edit publishes them all, so they are made
// cheaply: the parts that do not depend on the position (severity, code, docs link, message,
// related information) are made once per message and shared, together with their JSON text
// (under the TAIL symbol, which JSON.stringify does not see), which the stdio transport and the
// resultId comparison use instead of serialising them again.
import { DiagnosticSeverity, type CodeDescription, type Diagnostic, type DiagnosticRelatedInformation, type Range } from 'vscode-languageserver/node';
import type { FactBase } from '../engine/claims/factbase.js';
import type { ConfigProblem } from '../engine/config/index.js';
import type { FactsProblem } from '../engine/facts/load.js';
import { ruleDocsUrl } from '../engine/rules/catalog.js';
import type { LineIndex } from '../engine/text/positions.js';
import type { Finding, Severity } from '../engine/types.js';
import { pathToUri } from './uri.js';

export const SOURCE = 'factlint';

export const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/**
 * The JSON of a diagnostic without its range: `"severity":1,...}` (see diagnosticJson). A symbol
 * key: JSON.stringify leaves it out. Diagnostics that carry it are never modified (nor copied
 * with changes: a copy made with spread syntax would carry the old text).
 */
export const TAIL = Symbol('factlint.diagnosticTail');

/** A diagnostic that may carry the JSON text of everything but its range. */
export type FastDiagnostic = Diagnostic & { [TAIL]?: string };

/** What the client shows of a diagnostic (its publishDiagnostics capabilities). */
export interface DiagnosticShape {
  codeDescription: boolean;
  relatedInformation: boolean;
}

export const FULL_SHAPE: DiagnosticShape = Object.freeze({ codeDescription: true, relatedInformation: true });

export function rangeOf(lines: LineIndex, start: number, end: number): Range {
  return { start: lines.positionAt(start), end: lines.positionAt(Math.max(start, end)) };
}

/** Where a fact's id is in its facts file, as an LSP location. */
export function factLocation(base: FactBase, factId: string): { uri: string; range: Range } | undefined {
  const loc = base.locations.get(factId);
  if (!loc) return undefined;
  const line = Math.max(0, loc.line - 1);
  const character = Math.max(0, loc.column - 1);
  return { uri: pathToUri(loc.file), range: { start: { line, character }, end: { line, character: character + factId.length } } };
}

/** Where the facts a finding involves are, for those whose statement its message does not quote. */
export function relatedInformation(base: FactBase, factId: string | undefined, related: readonly string[] | undefined, message: string): DiagnosticRelatedInformation[] | undefined {
  const out: DiagnosticRelatedInformation[] = [];
  for (const id of [factId, ...(related ?? [])]) {
    if (!id) continue;
    const location = factLocation(base, id);
    const fact = base.facts.get(id);
    if (!location || !fact || (fact.statement && message.includes(fact.statement))) continue;
    out.push({ location, message: id === factId ? fact.statement : `Also involved: ${fact.statement}` });
  }
  return out.length ? out : undefined;
}

/** The JSON text of a diagnostic: its range, then its tail. */
export function diagnosticJson(d: FastDiagnostic): string {
  const tail = d[TAIL];
  if (tail === undefined) return JSON.stringify(d);
  const { start, end } = d.range;
  return `{"range":{"start":{"line":${start.line},"character":${start.character}},"end":{"line":${end.line},"character":${end.character}}},${tail}`;
}

/** Gives a diagnostic its TAIL (for diagnostics made one by one). */
export function withTail(d: Diagnostic): FastDiagnostic {
  const { range, ...rest } = d;
  (d as FastDiagnostic)[TAIL] = JSON.stringify(rest).slice(1);
  return d;
}

/** Whether two diagnostics serialise the same (ranges and tails; key order aside). */
export function sameDiagnostic(x: FastDiagnostic, y: FastDiagnostic): boolean {
  if (x === y) return true;
  const tx = x[TAIL];
  const ty = y[TAIL];
  if (tx === undefined || ty === undefined) return JSON.stringify(x) === JSON.stringify(y);
  const r = x.range;
  const s = y.range;
  return r.start.line === s.start.line && r.start.character === s.start.character && r.end.line === s.end.line && r.end.character === s.end.character && tx === ty;
}

/** Whether two lists of diagnostics serialise the same. */
export function sameDiagnostics(a: readonly FastDiagnostic[], b: readonly FastDiagnostic[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!sameDiagnostic(a[i], b[i])) return false;
  return true;
}

/**
 * On a list of diagnostics: the DiagnosticListText that remembers the text of its lists. Only a
 * DiagnosticMaker's lists carry it (every item with its TAIL; the lists are never changed).
 */
export const LIST_TEXT = Symbol('factlint.diagnosticListText');

export type FastDiagnosticList = FastDiagnostic[] & { [LIST_TEXT]?: DiagnosticListText };

/** Diagnostics starting in the same this-many lines are one run of a list's text. */
const RUN_LINES = 64;
const COMMA = Buffer.from(',');

function runText(list: readonly FastDiagnostic[], from: number, to: number): string {
  let s = '';
  for (let i = from; i < to; i++) s += i === from ? diagnosticJson(list[i]) : `,${diagnosticJson(list[i])}`;
  return s;
}

/**
 * The UTF-8 JSON text of one document's successive lists of diagnostics, kept in runs of the
 * diagnostics starting in the same RUN_LINES lines: a run with the same diagnostics as in the
 * last list keeps its bytes, so after an edit only the runs around it are written again.
 */
export class DiagnosticListText {
  private runs = new Map<number, { diagnostics: FastDiagnostic[]; bytes: Buffer }>();
  /** Runs of the last list that kept their bytes, and all its runs. */
  reused = 0;
  total = 0;

  /** The list's items as JSON, comma-separated (no brackets), in pieces to concatenate. */
  pieces(list: readonly FastDiagnostic[]): Buffer[] {
    const out: Buffer[] = [];
    const next = new Map<number, { diagnostics: FastDiagnostic[]; bytes: Buffer }>();
    this.reused = this.total = 0;
    for (let i = 0; i < list.length; ) {
      const run = Math.floor(list[i].range.start.line / RUN_LINES);
      let j = i + 1;
      while (j < list.length && Math.floor(list[j].range.start.line / RUN_LINES) === run) j++;
      // Diagnostics are in document order; a run seen twice (out of order) is written each time.
      const old = next.has(run) ? undefined : this.runs.get(run);
      let same = !!old && old.diagnostics.length === j - i;
      for (let k = i; same && k < j; k++) same = sameDiagnostic(old!.diagnostics[k - i], list[k]);
      const entry = same ? old! : { diagnostics: list.slice(i, j), bytes: Buffer.from(runText(list, i, j), 'utf-8') };
      this.total++;
      if (same) this.reused++;
      if (!next.has(run)) next.set(run, entry);
      if (out.length) out.push(COMMA);
      out.push(entry.bytes);
      i = j;
    }
    this.runs = next;
    return out;
  }
}

/** The UTF-8 JSON text of a list of diagnostics (items with their TAIL), in pieces. */
export function diagnosticListPieces(list: FastDiagnosticList): Buffer[] {
  const text = list[LIST_TEXT];
  return text ? text.pieces(list) : [Buffer.from(runText(list, 0, list.length), 'utf-8')];
}

interface Part {
  message: string;
  rule: string;
  severity: Severity;
  factId: string | undefined;
  related: readonly string[] | undefined;
  /** The diagnostic's fields other than its range. */
  lspSeverity: DiagnosticSeverity;
  codeDescription: CodeDescription | undefined;
  relatedInformation: DiagnosticRelatedInformation[] | undefined;
  tail: string;
  /** The batch that last used it. */
  used: number;
  /** The facts it was made with (DiagnosticMaker.generation). */
  generation: number;
}

/** On diagnostics made by a DiagnosticMaker: their Part. */
const PART = Symbol('factlint.diagnosticPart');
type MadeDiagnostic = FastDiagnostic & { [PART]?: Part };

function sameList(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Makes the diagnostics of findings, sharing what does not depend on the position between
 * diagnostics and between checks of the same draft (keyed by message).
 */
export class DiagnosticMaker {
  private base: FactBase | undefined;
  private parts = new Map<string, Part>();
  private readonly docs = new Map<string, CodeDescription>();
  private batch = 0;
  private generation = 0;
  /** The text of the lists made here (one document's). */
  private readonly text = new DiagnosticListText();
  /** The last list made by `diagnostics`. */
  private last: readonly MadeDiagnostic[] = [];

  constructor(readonly shape: DiagnosticShape = FULL_SHAPE) {}

  private part(f: Finding, base: FactBase | undefined): Part {
    const factId = f.factId ?? f.expected?.factId;
    let p = this.parts.get(f.message);
    if (p && p.rule === f.rule && p.severity === f.severity && p.factId === factId && sameList(p.related, f.related)) {
      p.used = this.batch;
      return p;
    }
    let codeDescription: CodeDescription | undefined;
    if (this.shape.codeDescription && f.severity !== 'hint') {
      codeDescription = this.docs.get(f.rule);
      if (!codeDescription) this.docs.set(f.rule, (codeDescription = { href: ruleDocsUrl(f.rule) }));
    }
    const relatedInfo = this.shape.relatedInformation && base ? relatedInformation(base, factId, f.related, f.message) : undefined;
    const lspSeverity = SEVERITY[f.severity] ?? DiagnosticSeverity.Warning;
    // Keys in the order of the diagnostic objects (see `diagnostic`): both ways give the same text.
    const json = JSON.stringify({ severity: lspSeverity, source: SOURCE, code: f.rule, message: f.message, codeDescription, relatedInformation: relatedInfo });
    p = { message: f.message, rule: f.rule, severity: f.severity, factId, related: f.related, lspSeverity, codeDescription, relatedInformation: relatedInfo, tail: json.slice(1), used: this.batch, generation: this.generation };
    this.parts.set(f.message, p);
    return p;
  }

  private useBase(base: FactBase | undefined): void {
    if (base === this.base) return;
    // Related information points into the facts: made again for other facts.
    this.base = base;
    this.parts.clear();
    this.generation++;
  }

  private make(p: Part, f: Finding, range: Range): FastDiagnostic {
    // Fields that are left out are absent, not undefined (and every diagnostic is built the same
    // way, so they share their hidden class).
    const d: MadeDiagnostic = { range, severity: p.lspSeverity, source: SOURCE, code: f.rule, message: f.message };
    if (p.codeDescription) d.codeDescription = p.codeDescription;
    if (p.relatedInformation) d.relatedInformation = p.relatedInformation;
    d[TAIL] = p.tail;
    d[PART] = p;
    return d;
  }

  /** The diagnostic of one finding. */
  diagnostic(f: Finding, lines: LineIndex, base: FactBase | undefined): FastDiagnostic {
    this.useBase(base);
    return this.make(this.part(f, base), f, rangeOf(lines, f.start, f.end));
  }

  /**
   * The diagnostics of a draft's findings (in document order). A diagnostic equal to one of the
   * last list (same range, same parts) is that same object: after an edit that moves no line,
   * nearly all are, and nothing new is made for them.
   */
  diagnostics(findings: readonly Finding[], lines: LineIndex, base: FactBase | undefined): FastDiagnosticList {
    this.batch++;
    this.useBase(base);
    const prev = this.last;
    const out: FastDiagnosticList = new Array<FastDiagnostic>(findings.length);
    out[LIST_TEXT] = this.text;
    const { starts } = lines;
    const length = lines.text.length;
    // Lines are found walking forward (findings come in document order), by search otherwise.
    let line = 0;
    const lineOf = (o: number, from: number): number => {
      if (o < starts[from]) return lines.lineOf(o);
      let l = from;
      for (let steps = 0; l + 1 < starts.length && starts[l + 1] <= o; l++) if (++steps > 64) return lines.lineOf(o);
      return l;
    };
    let k = 0;
    for (let i = 0; i < findings.length; i++) {
      const f = findings[i];
      // The range, as rangeOf computes it, without making it yet.
      const s = Math.max(0, Math.min(f.start, length));
      const e = Math.max(0, Math.min(Math.max(f.start, f.end), length));
      const sl = (line = lineOf(s, line));
      const sc = s - starts[sl];
      const el = e === s ? sl : lineOf(e, sl);
      const ec = e - starts[el];
      while (k < prev.length && (prev[k].range.start.line < sl || (prev[k].range.start.line === sl && prev[k].range.start.character < sc))) k++;
      // The same diagnostic in the last list: same range, made from an equal finding.
      let d: MadeDiagnostic | undefined;
      const factId = f.factId ?? f.expected?.factId;
      for (let j = k; j < prev.length; j++) {
        const r = prev[j].range;
        if (r.start.line !== sl || r.start.character !== sc) break;
        const p = prev[j][PART];
        if (r.end.line === el && r.end.character === ec && p && p.generation === this.generation && p.message === f.message && p.rule === f.rule && p.severity === f.severity && p.factId === factId && sameList(p.related, f.related)) {
          d = prev[j];
          p.used = this.batch;
          break;
        }
      }
      out[i] = d ?? this.make(this.part(f, base), f, { start: { line: sl, character: sc }, end: { line: el, character: ec } });
    }
    if (this.parts.size > 2 * findings.length + 256) {
      for (const [key, part] of this.parts) if (part.used !== this.batch) this.parts.delete(key);
    }
    this.last = out;
    return out;
  }
}

/** The diagnostic of one finding (made on its own; see DiagnosticMaker for many). */
export function findingToDiagnostic(f: Finding, lines: LineIndex, base: FactBase | undefined, shape: DiagnosticShape = FULL_SHAPE): FastDiagnostic {
  return new DiagnosticMaker(shape).diagnostic(f, lines, base);
}

/** A 1-based problem (facts or config file) as a diagnostic in that file. */
export function problemToDiagnostic(p: FactsProblem | ConfigProblem): Diagnostic {
  const start = { line: Math.max(0, p.line - 1), character: Math.max(0, p.column - 1) };
  let end = { line: Math.max(0, (p.endLine ?? p.line) - 1), character: Math.max(0, (p.endColumn ?? p.column) - 1) };
  if (end.line < start.line || (end.line === start.line && end.character < start.character)) end = start;
  const d: Diagnostic = {
    range: { start, end },
    severity: p.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    source: SOURCE,
    message: p.message,
  };
  if ('code' in p && p.code) d.code = p.code;
  return d;
}

/** The one diagnostic of a document that is not checked (too large, binary). */
export function skippedDiagnostic(reason: string): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    source: SOURCE,
    code: 'skipped',
    message: `factlint did not check this document: ${reason}.`,
  };
}
