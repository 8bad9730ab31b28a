// The engine's entry point: Markdown text in, findings out. Pure: no file system, no editor.
//   text -> prose blocks -> figures -> claims -> findings
// Each block is checked on its own (with its headings and table row as context), so an editor
// can re-check only the blocks that changed: results are cached per block content.
import type { FootnoteRef, Finding, Figure, ParsedMarkdown, ProseBlock, Severity } from './types.js';
import type { FactBase } from './claims/factbase.js';
import { parseMarkdown } from './markdown/parse.js';
import { directiveFilter } from './markdown/directives.js';
import { extractFigures, extractFiguresFromTokens, mayHoldFigure } from './figures/extract.js';
import { buildContext, spanOf, tokenAt } from './claims/context.js';
import { blockPhrases, matchFigure, type Claim } from './claims/match.js';
import { claimFindings } from './rules/findings.js';
import { unknownFactFinding } from './rules/bindings.js';
import { checkDerived, findDerived } from './rules/derived.js';
import { RULE_BY_CODE } from './rules/catalog.js';
import { LineIndex } from './text/positions.js';
import { firstAtOrAfter } from './text/sorted.js';

export interface CheckOptions {
  /** Per-rule severity; 'off' drops the rule. Rules not named keep their default severity. */
  rules?: Record<string, Severity | 'off'>;
  /** Per-block results, reused while a block's text and context are unchanged. */
  cache?: BlockCache;
}

/** A figure tied to a fact (for hover, go to definition, references). */
export interface Binding {
  start: number;
  end: number;
  /** End of the figure with a qualifier written after it ("$50 billion or more"): where `[^id]` goes. */
  fullEnd: number;
  factId: string;
  /** Bound explicitly by a `[^fact-id]` footnote reference. */
  explicit: boolean;
}

export interface BlockResult {
  findings: Finding[];
  bindings: Binding[];
}

export interface DocumentResult extends BlockResult {
  parsed: ParsedMarkdown;
}

/**
 * Cache of block results, keyed by the block's text and then its context; each kept where the
 * block was last asked for, and moved (as a copy) when it is asked for elsewhere. Lookups are by
 * the block's text string: blocks of pieces the parser reused are the same strings as last time,
 * so finding them costs no hashing of the document. A block found where it was last time gets the
 * very same result objects back (no copies after an edit elsewhere).
 */
export class BlockCache {
  private map = new Map<string, CacheEntry[]>();
  private entries = 0;
  private used = 0;
  private kept = 0;
  private generation = 0;
  hits = 0;
  misses = 0;

  /** The result for `context` of a block with this text, at document offset `start`. */
  lookup(text: string, context: string, start: number): BlockResult | undefined {
    const list = this.map.get(text);
    const e = list?.find((x) => x.context === context);
    if (!e) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    if (e.generation !== this.generation) {
      e.generation = this.generation;
      this.used++;
    }
    if (e.at !== start) {
      e.placed = shift(e.placed, start - e.at);
      e.at = start;
    }
    return e.placed;
  }

  store(text: string, context: string, start: number, placed: BlockResult): void {
    const entry: CacheEntry = { context, placed, at: start, generation: this.generation };
    const list = this.map.get(text);
    if (list) {
      const i = list.findIndex((x) => x.context === context);
      if (i >= 0) list[i] = entry;
      else {
        list.push(entry);
        this.entries++;
      }
    } else {
      this.map.set(text, [entry]);
      this.entries++;
    }
    this.used++;
  }

  /**
   * Counts `n` blocks as used in this check without looking them up (blocks whose results were
   * taken from elsewhere: see DocumentChecker), so the sweep weighs the cache against all of the
   * draft's blocks.
   */
  keep(n: number): void {
    this.kept += n;
  }

  /**
   * Ends a full check: entries not used in it may be dropped. They are, once they outnumber the
   * used (or kept) ones (so an edit that changes a block or two does not walk the whole cache).
   */
  sweep(): void {
    if (this.entries > 2 * (this.used + this.kept) + 256) {
      let left = 0;
      for (const [text, list] of this.map) {
        const kept = list.filter((e) => e.generation === this.generation);
        left += kept.length;
        if (kept.length === 0) this.map.delete(text);
        else if (kept.length !== list.length) this.map.set(text, kept);
      }
      this.entries = left;
    }
    this.generation++;
    this.used = 0;
    this.kept = 0;
  }

  get size(): number {
    return this.entries;
  }
}

interface CacheEntry {
  /** The block's context besides its text (unitContext). */
  context: string;
  /**
   * The result placed at `at`, the block's start when last asked for. Never changed in place
   * (those who move results move copies: see DocumentChecker), so it is moved by making a copy.
   */
  placed: BlockResult;
  at: number;
  generation: number;
}

interface Unit {
  block: ProseBlock;
  row?: ProseBlock[];
  refs: FootnoteRef[];
  /** The question just before an answer paragraph (FAQ style: "**How much is Amazon putting in?**"). */
  question?: string;
}

/** Figures checked in one block at most. */
const MAX_FIGURES_PER_BLOCK = 1000;

/** Cells on each side of a table cell that give it context. */
const ROW_CONTEXT = 8;

/** The units of blocks [from, to) (the blocks around them give their context). */
function units(parsed: ParsedMarkdown, from = 0, to = parsed.blocks.length): Unit[] {
  const out: Unit[] = [];
  const blocks = parsed.blocks;
  const refs = parsed.footnoteRefs;
  let r = 0;
  for (let i = from; i < to; i++) {
    const b = blocks[i];
    const mine: FootnoteRef[] = [];
    while (r < refs.length && refs[r].start < b.start) r++;
    let k = r;
    while (k < refs.length && refs[k].start < b.end) mine.push(refs[k++]);
    let row: ProseBlock[] | undefined;
    if (b.table) {
      // The cells of the same row, the nearest ROW_CONTEXT on each side: a row of thousands of
      // cells must not make every cell read all the others.
      row = [];
      let j = i;
      while (j > 0 && i - j < ROW_CONTEXT && blocks[j - 1].table && blocks[j - 1].table!.row === b.table.row && blocks[j - 1].table!.column < blocks[j].table!.column) j--;
      for (; j < blocks.length && j - i <= ROW_CONTEXT && blocks[j].table && blocks[j].table!.row === b.table.row && (row.length === 0 || blocks[j].table!.column > row[row.length - 1].table!.column); j++) row.push(blocks[j]);
    }
    const prev = blocks[i - 1];
    const question = b.kind === 'paragraph' && prev && prev.kind === 'paragraph' && prev.text.trimEnd().endsWith('?') ? prev.text.trim() : undefined;
    out.push({ block: b, row, refs: mine, question });
  }
  return out;
}

/** Everything besides the block's text that its result depends on. */
function unitContext(u: Unit, base: FactBase, draftDate: string | undefined): string {
  const b = u.block;
  const row = u.row ? u.row.map((c) => c.text).join('\u0001') : '';
  const refs = u.refs.length ? u.refs.map((f) => `${f.start - b.start}:${f.label}`).join(',') : '';
  return `${base.fingerprint}\u0000${u.question ?? ''}\u0000${b.footnote ?? ''}\u0000${b.kind}\u0000${headingsKey(b.headings)}\u0000${b.leadIn ?? ''}\u0000${b.table ? `${b.table.rowLabel}\u0003${b.table.columnHeader}\u0003${b.table.column}\u0003${b.table.isHeader}` : ''}\u0000${row}\u0000${refs}\u0000${draftDate ?? ''}\u0000${b.inList}\u0000${b.inQuote}`;
}

/** Blocks of a section share one headings array: its key is made once. */
const headingKeys = new WeakMap<string[], string>();
function headingsKey(headings: string[]): string {
  if (headings.length === 0) return '';
  let k = headingKeys.get(headings);
  if (k === undefined) headingKeys.set(headings, (k = headings.join('\u0002')));
  return k;
}

/** A block's result moved by `delta`: new objects, or the same result when nothing moves (results are shared, never changed). */
export function shift(r: BlockResult, delta: number): BlockResult {
  if (delta === 0 || (r.findings.length === 0 && r.bindings.length === 0)) return r;
  const findings = new Array<Finding>(r.findings.length);
  for (let i = 0; i < findings.length; i++) {
    const f = r.findings[i];
    // The same keys in the same order as `f` (the moved ones keep their places).
    const g = { ...f, start: f.start + delta, end: f.end + delta };
    if (f.fix) g.fix = { ...f.fix, start: f.fix.start + delta, end: f.fix.end + delta };
    findings[i] = g;
  }
  const bindings = new Array<Binding>(r.bindings.length);
  for (let i = 0; i < bindings.length; i++) {
    const b = r.bindings[i];
    bindings[i] = { ...b, start: b.start + delta, end: b.end + delta, fullEnd: b.fullEnd + delta };
  }
  return { findings, bindings };
}

/** Figures of a table cell, found once per parse (each cell of a row reads the others'). */
const cellFigures = new WeakMap<ProseBlock, Figure[]>();

function figuresOfCell(c: ProseBlock): Figure[] {
  let figs = cellFigures.get(c);
  if (!figs) cellFigures.set(c, (figs = mayHoldFigure(c.text) ? extractFigures(c.text, c.start) : []));
  return figs;
}

/** The figures of other cells of the same table row, for sibling context. */
function rowFigures(u: Unit): Figure[] {
  if (!u.row) return [];
  return u.row.filter((c) => c !== u.block).flatMap(figuresOfCell);
}

/** Per cell: the facts its amounts, counts and percentages state correctly, with the row and question they were read in. */
const cellFacts = new WeakMap<ProseBlock, { row: ProseBlock[]; question?: string; base: FactBase; ids: string[] }>();

function sameCells(a: ProseBlock[], b: ProseBlock[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Facts that the amounts, counts and percentages of the row's other cells state correctly. */
function rowFacts(u: Unit, base: FactBase): Set<string> {
  const ids = new Set<string>();
  if (!u.row) return ids;
  for (const cell of u.row) {
    if (cell === u.block) continue;
    const known = cellFacts.get(cell);
    if (known && known.base === base && known.question === u.question && sameCells(known.row, u.row)) {
      for (const id of known.ids) ids.add(id);
      continue;
    }
    const found: string[] = [];
    const figs = figuresOfCell(cell).filter((f) => f.type === 'money' || f.type === 'count' || f.type === 'percent');
    if (figs.length) {
      const ctx = buildContext(cell, base, u.row, u.question);
      const phrases = blockPhrases(base, ctx);
      for (const fig of figs) {
        const at = tokenAt(ctx.tokens, fig.start - cell.start);
        const end = tokenAt(ctx.tokens, fig.end - cell.start);
        const claim = matchFigure({ base, ctx, phrases, figure: fig, at, end, siblings: new Set(), siblingDates: [] });
        if (claim.best?.ev.ok) found.push(claim.best.facet.fact.id);
      }
    }
    cellFacts.set(cell, { row: u.row, question: u.question, base, ids: found });
    for (const id of found) ids.add(id);
  }
  return ids;
}

/** Multiples written without a number ("twice Google's", "doubled") are derived figures too. */
const MULTIPLE_WORD = /\b(?:twice|double[ds]?|doubling|tripled?|trebled?|quadrupled?|[a-z]+fold)\b/i;

function checkUnit(u: Unit, base: FactBase): BlockResult {
  const { block } = u;
  // A footnote that cites a fact (`[^fact-id]: statement, sources`) restates the facts file.
  if (block.footnote !== undefined && base.facts.has(block.footnote)) return { findings: [], bindings: [] };
  // Most table cells and headings hold no figure: nothing to read their context for.
  if (u.refs.length === 0 && !mayHoldFigure(block.text) && !MULTIPLE_WORD.test(block.text)) return { findings: [], bindings: [] };
  const ctx = buildContext(block, base, u.row, u.question);
  let figures = extractFiguresFromTokens(block.text, ctx.tokens, block.start);
  // No paragraph a writer drafts holds thousands of figures; past that, check the first ones and
  // say so, so hostile or generated text cannot stall the checker.
  const capped = figures.length > MAX_FIGURES_PER_BLOCK ? figures.length : 0;
  if (capped) figures = figures.slice(0, MAX_FIGURES_PER_BLOCK);
  if (figures.length === 0 && u.refs.length === 0 && !MULTIPLE_WORD.test(block.text)) return { findings: [], bindings: [] };
  const phrases = blockPhrases(base, ctx);
  const findings: Finding[] = [];
  const bindings: Binding[] = [];
  // `[^fact-id]` right after a figure binds it.
  const boundTo = new Map<Figure, string>();
  for (const ref of u.refs) {
    const fig = figures.find((f) => ref.start >= f.fullEnd && ref.start - f.fullEnd <= 1);
    if (!base.facts.has(ref.label)) {
      // Footnote labels that are not fact-like (plain notes such as [^1]) are ordinary footnotes.
      // A citation after a figure ("$50bn[^kim]") is fine; only a fact-like id must exist.
      if (/^[a-z0-9]+(-[a-z0-9]+)+$/.test(ref.label)) findings.push(unknownFactFinding(ref, base));
      continue;
    }
    if (fig) boundTo.set(fig, ref.label);
  }
  const others = rowFigures(u);
  const located = figures.map((fig) => {
    const at = tokenAt(ctx.tokens, fig.start - block.start);
    return { fig, at, end: tokenAt(ctx.tokens, fig.end - block.start), sentence: sentenceIndex(ctx, at) };
  });
  // Multiples, shares and differences are checked by arithmetic, not as plain figures.
  const derived = findDerived(ctx, located, block.start);
  const derivedResult = derived.length ? checkDerived(base, ctx, phrases, derived, located) : undefined;
  const inDerived = derivedResult?.handled ?? new Set<Figure>();
  const claims: Claim[] = [];
  const bySentence = new Map<number, { fact: string; fig: Figure; nearest?: Figure }[]>();
  // Confirmed facets per sentence and figure type ("16,000 jobs ... 1.5 million employees").
  const confirmedBy = new Map<string, Set<string>>();
  // Per sentence: its dates and its quantities, in order, so each figure finds its neighbours by
  // binary search (a block of thousands of dates must stay linear-ish).
  const quantity = (f: Figure) => f.type === 'money' || f.type === 'count' || f.type === 'percent';
  const datesOf = new Map<number, Figure[]>();
  const quantitiesOf = new Map<number, number[]>();
  for (const l of located) {
    if (l.fig.type === 'date') (datesOf.get(l.sentence) ?? datesOf.set(l.sentence, []).get(l.sentence)!).push(l.fig);
    else if (quantity(l.fig)) (quantitiesOf.get(l.sentence) ?? quantitiesOf.set(l.sentence, []).get(l.sentence)!).push(l.fig.start);
  }
  const dateStarts = new Map<number, number[]>();
  const dateStartsOf = (key: number): number[] => {
    let xs = dateStarts.get(key);
    if (!xs) dateStarts.set(key, (xs = (datesOf.get(key) ?? []).map((d) => d.start)));
    return xs;
  };
  // A date belongs to the amount nearest to it: "Amazon's 2027 plan of $125bn ... booked out to 2029".
  const nearestDate = (fig: Figure, sentenceKey: number): Figure | undefined => {
    const dates = datesOf.get(sentenceKey) ?? [];
    const k = firstAtOrAfter(dateStartsOf(sentenceKey), fig.start);
    const a = dates[k - 1];
    const b = dates[k];
    if (!a) return b;
    if (!b) return a;
    return Math.abs(a.start - fig.start) <= Math.abs(b.start - fig.start) ? a : b;
  };
  /** The sentence's dates with no other quantity between them and `fig`, nearest first (at most 3). */
  const datesFor = (fig: Figure, sentenceKey: number): Figure[] => {
    const dates = datesOf.get(sentenceKey) ?? [];
    const qs = quantitiesOf.get(sentenceKey) ?? [];
    const k = firstAtOrAfter(qs, fig.start);
    const lo = qs[k - 1] !== undefined && qs[k - 1] !== fig.start ? qs[k - 1] : (qs[k - 2] ?? -Infinity);
    const hi = qs[k] !== undefined && qs[k] !== fig.start ? qs[k] : (qs[k + 1] ?? Infinity);
    // Walk outward from the figure's place among the dates, nearest first.
    const out: Figure[] = [];
    let left = firstAtOrAfter(dateStartsOf(sentenceKey), fig.start) - 1;
    let right = left + 1;
    while (out.length < 3 && (left >= 0 || right < dates.length)) {
      const a = dates[left];
      const b = dates[right];
      const takeLeft = a && (!b || fig.start - a.start <= b.start - fig.start);
      const d = takeLeft ? a : b;
      if (takeLeft) left--;
      else right++;
      if (d.start <= lo || d.start >= hi) {
        if (takeLeft) left = -1;
        else right = dates.length;
        continue;
      }
      if (d !== fig) out.push(d);
    }
    return out;
  };
  const order = located.filter((l) => !inDerived.has(l.fig)).sort((a, b) => rank(a.fig) - rank(b.fig));
  const rowDates = others.filter((f) => f.type === 'date');
  let rowSiblings: Set<string> | undefined;
  for (const { fig, at, end, sentence: sentenceKey } of order) {
    const siblings = new Set((bySentence.get(sentenceKey) ?? []).filter((c) => !(fig.type === 'date' && c.nearest !== fig)).map((c) => c.fact));
    if (u.row && (fig.type === 'date' || fig.type === 'duration')) {
      rowSiblings ??= rowFacts(u, base);
      for (const id of rowSiblings) siblings.add(id);
    }
    // Dates of the sentence that belong to this figure: no other quantity stands between them.
    const siblingDates = datesFor(fig, sentenceKey).concat(rowDates);
    const confirmKey = `${sentenceKey}:${fig.type}`;
    const confirmed = confirmedBy.get(confirmKey) ?? new Set<string>();
    const claim = matchFigure({ base, ctx, phrases, figure: fig, at, end, siblings, siblingDates, onlyFact: boundTo.get(fig), confirmed });
    claims.push(claim);
    if (claim.best?.ev.ok) confirmedBy.set(confirmKey, new Set(confirmed).add(claim.best.facet.key));
    const id = claim.best?.facet.fact.id;
    if (id && (claim.best!.ev.ok || claim.best!.cue > 0.5)) {
      const list = bySentence.get(sentenceKey) ?? [];
      list.push({ fact: id, fig, nearest: nearestDate(fig, sentenceKey) });
      bySentence.set(sentenceKey, list);
    }
  }
  for (const claim of claims) {
    const explicit = boundTo.has(claim.figure);
    const fact = claim.best?.facet.fact.id ?? claim.other?.facet.fact.id;
    if (fact) bindings.push({ start: claim.figure.start, end: claim.figure.end, fullEnd: claim.figure.fullEnd, factId: fact, explicit });
    findings.push(...claimFindings(claim, base));
  }
  if (derivedResult) findings.push(...derivedResult.findings);
  if (capped) {
    findings.push({
      rule: 'unsupported',
      severity: 'hint',
      message: `This block holds ${capped} figures; only the first ${MAX_FIGURES_PER_BLOCK} were checked.`,
      start: figures[MAX_FIGURES_PER_BLOCK - 1].end,
      end: block.end,
    });
  }
  findings.sort((a, b) => a.start - b.start || a.end - b.end);
  bindings.sort((a, b) => a.start - b.start);
  return { findings, bindings };
}

/** Dates and durations are matched after money and counts, so they can lean on the facts those claim. */
function rank(f: Figure): number {
  return f.type === 'date' || f.type === 'duration' ? 1 : 0;
}

function sentenceIndex(ctx: ReturnType<typeof buildContext>, at: number): number {
  const s = spanOf(ctx.sentences, at);
  return s ? ctx.sentences.indexOf(s) : -1;
}

/** The findings with their configured severities, less those turned off: `findings` itself when that changes none. */
function applySeverities(findings: Finding[], rules: CheckOptions['rules']): Finding[] {
  // Made at the first finding that changes (a long draft's thousands usually keep theirs).
  let out: Finding[] | undefined;
  for (let i = 0; i < findings.length; i++) {
    const f = findings[i];
    const configured = rules?.[f.rule];
    const severity = configured === 'off' ? undefined : (configured ?? RULE_BY_CODE.get(f.rule)?.severity ?? f.severity);
    if (!out && severity === f.severity) continue;
    out ??= findings.slice(0, i);
    if (severity !== undefined) out.push(severity === f.severity ? f : { ...f, severity });
  }
  return out ?? findings;
}

/**
 * The results of blocks [from, to) of a parse, one per block, each checked in its context (the
 * blocks around it), through the cache if there is one. Raw: severities and directives are
 * applied by `finishFindings`.
 */
export function checkBlocks(parsed: ParsedMarkdown, base: FactBase, cache: BlockCache | undefined, from = 0, to = parsed.blocks.length): BlockResult[] {
  const out: BlockResult[] = [];
  for (const u of units(parsed, from, to)) {
    let r: BlockResult;
    try {
      if (cache) {
        const context = unitContext(u, base, parsed.draftDate);
        const hit = cache.lookup(u.block.text, context, u.block.start);
        if (hit) r = hit;
        else {
          r = checkUnit(u, base);
          cache.store(u.block.text, context, u.block.start, r);
        }
      } else r = checkUnit(u, base);
    } catch {
      // A bug must never take the checker down on some text; the block is skipped.
      r = { findings: [], bindings: [] };
    }
    out.push(r);
  }
  return out;
}

/** The document's findings (raw, in block order) with the configured severities, less those its directives turn off (may be `findings` itself). */
export function finishFindings(text: string, directives: ParsedMarkdown['directives'], findings: Finding[], rules: CheckOptions['rules']): Finding[] {
  let result = applySeverities(findings, rules);
  if (directives.length) {
    const lines = new LineIndex(text);
    const suppressed = directiveFilter(directives, lines.lineCount);
    result = result.filter((f) => !suppressed(f.rule, lines.lineOf(f.start)));
  }
  return result;
}

/** Checks a parsed document; `checkDocument` parses first. */
export function checkParsed(text: string, parsed: ParsedMarkdown, base: FactBase, options: CheckOptions = {}): DocumentResult {
  const findings: Finding[] = [];
  const bindings: Binding[] = [];
  for (const r of checkBlocks(parsed, base, options.cache)) {
    findings.push(...r.findings);
    bindings.push(...r.bindings);
  }
  options.cache?.sweep();
  return { findings: finishFindings(text, parsed.directives, findings, options.rules), bindings, parsed };
}

export function checkDocument(text: string, facts: FactBase, options: CheckOptions = {}): Finding[] {
  return analyzeDocument(text, facts, options).findings;
}

export function analyzeDocument(text: string, facts: FactBase, options: CheckOptions = {}): DocumentResult {
  let parsed: ParsedMarkdown;
  try {
    parsed = parseMarkdown(text);
  } catch {
    parsed = { blocks: [], footnoteRefs: [], directives: [] };
  }
  return checkParsed(text, parsed, facts, options);
}
