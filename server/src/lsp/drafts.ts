// Open drafts: when to check them (debounced while typing, or on save), the last result of each
// (findings, bindings, diagnostics for one document version), and dropping stale work. Each
// draft keeps a DocumentChecker (engine/incremental.ts) with a BlockCache, so a re-check after an
// edit only re-checks the pieces it touched and takes over the results of the others.
//
// A long draft checked from scratch (just opened, or the facts changed) is checked in parts, a
// growing first part at a time (prefix.ts), yielding between parts so that edits, hovers and
// cancellations are served: the diagnostics of the first part are out within a moment, and the
// full set follows when the whole draft is checked. An edit meanwhile starts over on the new
// text, with what was checked kept in the BlockCache.
import type { Diagnostic } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { FactBase } from '../engine/claims/factbase.js';
import { type Binding, type DocumentResult } from '../engine/check.js';
import { DocumentChecker } from '../engine/incremental.js';
import { LineIndex } from '../engine/text/positions.js';
import type { Finding, ParsedMarkdown } from '../engine/types.js';
import { DiagnosticMaker, sameDiagnostics, skippedDiagnostic, withTail, type DiagnosticShape } from './diagnostics.js';
import { shownDiagnostics } from './shown.js';
import type { FactsSet } from './facts.js';
import { skipReason } from './guard.js';
import { checkableInParts, DraftBlockCache, partEnd, PartsCheck } from './prefix.js';
import { errorText, type Logger } from './safe.js';
import type { Settings } from './settings.js';
import { warmedUp } from './warm.js';
import type { DraftSetup } from './setup.js';

/** What applies to a draft at the moment (resolved by the server). */
export interface DraftContext {
  settings: Settings;
  setup: DraftSetup;
  /** Undefined when the draft is ignored by its config. */
  facts?: FactsSet;
  /** Changes whenever settings or config files change. */
  generation: number;
}

export interface DraftResult {
  /** Document version the result is for. */
  version: number;
  /** Identifies the inputs: version, facts generation, settings generation. */
  stamp: string;
  lines: LineIndex;
  findings: Finding[];
  bindings: Binding[];
  parsed: ParsedMarkdown;
  base?: FactBase;
  context: DraftContext;
  skipped?: string;
  /** What is sent: at most `factlint.maxProblems` of the draft's diagnostics (shown.ts). */
  diagnostics: Diagnostic[];
  /** How many diagnostics the draft has, sent or not. */
  problems: number;
  /** Milliseconds the engine took. */
  elapsed: number;
  /** Only the draft up to this offset is checked (a long draft being checked in parts). */
  partial?: number;
}

/** A long draft being checked in parts (one version, one context). */
interface PartsJob {
  stamp: string;
  /** The result of the part checked last. */
  partial?: DraftResult;
  /** The first part's result (or the whole draft's, or undefined when given up). */
  first: Promise<DraftResult | undefined>;
  /** The whole draft's result; undefined when given up (the draft changed, or was closed). */
  done: Promise<DraftResult | undefined>;
}

export class DraftState {
  readonly cache = new DraftBlockCache();
  /** Checks the whole draft, taking over the results of the pieces an edit did not touch. */
  readonly document = new DocumentChecker(this.cache);
  readonly maker: DiagnosticMaker;
  timer?: ReturnType<typeof setTimeout>;
  /** Bumped on every change: a check started for an older value is dropped. */
  seq = 0;
  lastChange = 0;
  /** The line of the last edit (0 until an edit): the diagnostics sent are those nearest it (shown.ts). */
  focusLine = 0;
  /** Version at open or last save (for run: onSave). */
  savedVersion = -1;
  result?: DraftResult;
  /** A check in parts under way. */
  job?: PartsJob;
  /** How far the last check in parts got (where the next one may start). */
  reached = 0;
  /** The diagnostics of the last resultId handed out, and that id. */
  private served?: { diagnostics: Diagnostic[]; id: string };
  private idOf?: { result: DraftResult; id: string };

  constructor(
    readonly uri: string,
    shape?: DiagnosticShape,
  ) {
    this.maker = new DiagnosticMaker(shape);
  }

  /**
   * The resultId of a result for pull diagnostics: the same as the last one served when the
   * diagnostics are the same (so a pull answers 'unchanged'). Computed only when asked (push
   * clients never need it).
   */
  resultIdOf(r: DraftResult): string {
    if (this.idOf?.result === r) return this.idOf.id;
    if (!this.served || !sameDiagnostics(this.served.diagnostics, r.diagnostics)) this.served = { diagnostics: r.diagnostics, id: nextResultId() };
    this.idOf = { result: r, id: this.served.id };
    return this.served.id;
  }
}

export interface DraftCheckerDeps {
  document(uri: string): TextDocument | undefined;
  context(uri: string): Promise<DraftContext>;
  log: Logger;
  /** What the client shows of diagnostics (default: everything). */
  shape?(): DiagnosticShape;
  /** A new result for an open draft (push it, or tell a pulling client). */
  onResult(uri: string, result: DraftResult): void;
  /** The result of a first part of a long draft (being checked in parts; see onPartsDone). */
  onPartial?(uri: string, result: DraftResult): void;
  /** A check in parts finished with the whole draft's result (also given to those who asked). */
  onPartsDone?(uri: string, result: DraftResult): void;
}

/** Identifies the facts and settings a result is made with. */
export function contextStamp(ctx: DraftContext): string {
  return `${ctx.facts ? `${ctx.facts.key}#${ctx.facts.generation}` : '-'}|${ctx.generation}`;
}

function stampOf(version: number, ctx: DraftContext): string {
  return `${version}|${contextStamp(ctx)}`;
}

/** Checks slower than this are logged. */
const SLOW_CHECK_MS = 500;

/** Drafts at least this long (UTF-16 code units) are checked in parts when checked from scratch. */
export const PARTS_MIN_LENGTH = 48 * 1024;
/** The first part is about this long ... */
const FIRST_PART = 2 * 1024;
/** ... and each next part is sized to take about this long. */
const PART_MS = 100;
/** Partial results are published at most this often (the first at once). */
const PARTIAL_EVERY_MS = 750;

/**
 * Lets the event loop run what waits: incoming messages, and replies being written (the JSON-RPC
 * writer and message queue go through setImmediate too: yielding twice lets the ones queued
 * after this yield go first).
 */
const yieldNow = () => new Promise<void>((resolve) => setImmediate(() => setImmediate(resolve)));

let resultCounter = 0;
const nextResultId = () => `r${++resultCounter}`;

export class DraftChecker {
  private readonly states = new Map<string, DraftState>();
  private readonly skippedLogged = new Map<string, string>();

  constructor(private readonly deps: DraftCheckerDeps) {}

  state(uri: string): DraftState {
    let s = this.states.get(uri);
    if (!s) {
      s = new DraftState(uri, this.deps.shape?.());
      this.states.set(uri, s);
    }
    return s;
  }

  peek(uri: string): DraftState | undefined {
    return this.states.get(uri);
  }

  uris(): string[] {
    return [...this.states.keys()];
  }

  opened(uri: string, version: number): void {
    const s = this.state(uri);
    s.savedVersion = version;
    // No debounce for the first check of a document.
    s.seq++;
    s.lastChange = 0;
  }

  saved(uri: string, version: number): void {
    this.state(uri).savedVersion = version;
  }

  /** An edit: older checks are dropped. */
  changed(uri: string): void {
    this.touch(this.state(uri));
  }

  closed(uri: string): void {
    const s = this.states.get(uri);
    if (!s) return;
    if (s.timer) clearTimeout(s.timer);
    s.seq++;
    this.states.delete(uri);
    this.skippedLogged.delete(uri);
  }

  private touch(s: DraftState): void {
    s.seq++;
    s.lastChange = Date.now();
  }

  /** Checks the draft after `delay` ms of quiet, then reports the result. */
  schedule(uri: string, delay: number): void {
    const s = this.state(uri);
    if (s.timer) clearTimeout(s.timer);
    const seq = s.seq;
    s.timer = setTimeout(() => {
      s.timer = undefined;
      if (s.seq !== seq || this.states.get(uri) !== s) return; // changed again meanwhile: that change scheduled its own check
      this.current(uri).then(
        (r) => {
          if (r && s.seq === seq && this.states.get(uri) === s) this.deps.onResult(uri, r);
        },
        (err: unknown) => this.deps.log.error(`factlint: checking ${uri} failed: ${String(err)}`),
      );
    }, Math.max(0, delay));
  }

  /**
   * The result for the document as it is now: the last one if nothing changed, else a new check.
   * Undefined when the document is not open (or closed while its settings were read). While a
   * long draft is checked in parts, `partial` takes the result of the part checked so far.
   */
  async current(uri: string, options: { partial?: boolean } = {}): Promise<DraftResult | undefined> {
    for (;;) {
      const doc = this.deps.document(uri);
      if (!doc) return undefined;
      const s = this.state(uri);
      const ctx = await this.deps.context(uri);
      const now = this.deps.document(uri);
      if (!now || this.states.get(uri) !== s) return undefined;
      const stamp = stampOf(now.version, ctx);
      if (s.result?.stamp === stamp) return s.result;
      let job = s.job?.stamp === stamp ? s.job : undefined;
      if (!job && this.inParts(s, now, ctx)) job = this.checkInParts(s, now, ctx, stamp);
      if (!job) {
        // A check in parts of other settings or facts is pointless now.
        if (s.job) {
          s.job = undefined;
          s.cache.held = false;
        }
        // The document may have changed while the settings were read: check what it is now, once.
        const r = this.compute(s, now, ctx, stamp);
        if (s.timer && r.version === now.version) {
          // A pending debounced check of this very version is now pointless.
          clearTimeout(s.timer);
          s.timer = undefined;
          queueMicrotask(() => this.deps.onResult(uri, r));
        }
        return r;
      }
      if (options.partial) {
        const p = job.partial ?? (await job.first);
        if (p) return p;
      }
      const r = await job.done;
      if (r) return r;
      // Given up: the draft changed meanwhile. Check what it is now.
    }
  }

  /** Whether to check the draft in parts: long, and its blocks not checked with these facts yet. */
  private inParts(s: DraftState, doc: TextDocument, ctx: DraftContext): boolean {
    const base = ctx.facts?.base;
    if (!base || ctx.setup.ignored) return false;
    if (s.result && s.result.base === base && !s.result.skipped) return false;
    const text = doc.getText();
    return text.length >= PARTS_MIN_LENGTH && !skipReason(text, ctx.settings.maxFileSize) && checkableInParts(text);
  }

  private checkInParts(s: DraftState, doc: TextDocument, ctx: DraftContext, stamp: string): PartsJob {
    const version = doc.version;
    let settle!: (r: DraftResult | undefined) => void;
    const job: PartsJob = { stamp, first: new Promise((resolve) => (settle = resolve)), done: Promise.resolve(undefined) };
    s.job = job;
    const alive = () => s.job === job && this.states.get(s.uri) === s && this.deps.document(s.uri)?.version === version;
    job.done = (async () => {
      try {
        const text = doc.getText();
        const base = ctx.facts!.base!;
        const t0 = performance.now();
        const lines = new LineIndex(text);
        const parts = new PartsCheck(text, base, { rules: ctx.setup.rules, cache: s.cache });
        // The blocks of all parts stay in the cache until the whole draft is checked.
        s.cache.held = true;
        let published = -Infinity;
        let from = 0;
        // Start where the last check in parts got: those blocks are in the cache.
        let end = partEnd(text, Math.max(FIRST_PART, s.reached));
        while (end < text.length) {
          const t = performance.now();
          let body: DocumentResult;
          try {
            body = parts.next(end);
          } catch (err) {
            this.deps.log.error(`factlint: checking the first part of ${s.uri} failed: ${errorText(err)}`);
            break;
          }
          const partial = this.resultOf(s, version, stamp, lines, body, ctx, t0, end);
          job.partial = partial;
          s.reached = end;
          settle(partial);
          if (performance.now() - published >= PARTIAL_EVERY_MS) {
            published = performance.now();
            this.deps.onPartial?.(s.uri, partial);
          }
          const took = performance.now() - t;
          await yieldNow();
          if (!alive()) return undefined;
          // Size the next part by how fast this one went, at most 5 times as long; at least an
          // eighth longer (each part parses all of it: a slow machine must not make many parts).
          const perMs = (end - from) / Math.max(1, took);
          from = end;
          end = partEnd(text, end + Math.max(FIRST_PART, end / 8, Math.min(4 * end, perMs * PART_MS)));
        }
        s.cache.held = false;
        const r = this.compute(s, doc, ctx, stamp);
        r.elapsed = performance.now() - t0;
        if (r.elapsed > SLOW_CHECK_MS) this.deps.log.info(`factlint: checked ${s.uri} in ${Math.round(r.elapsed)} ms, in parts (${text.length} characters)`);
        settle(r);
        this.deps.onPartsDone?.(s.uri, r);
        return r;
      } finally {
        if (s.job === job) {
          s.job = undefined;
          s.cache.held = false;
        }
        settle(undefined);
      }
    })();
    return job;
  }

  private resultOf(s: DraftState, version: number, stamp: string, lines: LineIndex, body: DocumentResult, ctx: DraftContext, t0: number, partial: number): DraftResult {
    const base = ctx.facts?.base;
    return {
      version,
      stamp,
      lines,
      findings: body.findings,
      bindings: body.bindings,
      parsed: body.parsed,
      base,
      context: ctx,
      ...this.sent(s, body.findings, lines, ctx),
      elapsed: performance.now() - t0,
      partial,
    };
  }

  /** The diagnostics of a draft's findings that are sent (those nearest its last edit), and how many it has. */
  private sent(s: DraftState, findings: readonly Finding[], lines: LineIndex, ctx: DraftContext): { diagnostics: Diagnostic[]; problems: number } {
    const all = s.maker.diagnostics(findings, lines, ctx.facts?.base);
    return { diagnostics: shownDiagnostics(all, ctx.settings.maxProblems, s.focusLine), problems: all.length };
  }

  private compute(s: DraftState, doc: TextDocument, ctx: DraftContext, stamp: string): DraftResult {
    const text = doc.getText();
    const t0 = performance.now();
    // After an edit, the lines of the last result, with the edited ones found again.
    const lines = s.result ? LineIndex.after(s.result.lines, text) : new LineIndex(text);
    if (lines.editedAt !== undefined) s.focusLine = lines.lineOf(lines.editedAt);
    const empty = { findings: [] as Finding[], bindings: [] as Binding[], parsed: { blocks: [], footnoteRefs: [], directives: [] } as ParsedMarkdown };
    let body = empty;
    let skipped: string | undefined;
    let diagnostics: Diagnostic[] = [];
    let problems = 0;
    const base = ctx.facts?.base;
    const reason = skipReason(text, ctx.settings.maxFileSize);
    if (reason) {
      skipped = reason;
      diagnostics = [withTail(skippedDiagnostic(reason))];
      problems = 1;
      if (this.skippedLogged.get(s.uri) !== reason) {
        this.skippedLogged.set(s.uri, reason);
        this.deps.log.info(`factlint: ${s.uri} not checked: ${reason}`);
      }
    } else if (base && !ctx.setup.ignored) {
      this.skippedLogged.delete(s.uri);
      try {
        body = s.document.check(text, base, { rules: ctx.setup.rules });
      } catch (err) {
        this.deps.log.error(`factlint: checking ${s.uri} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
        body = empty;
      }
      ({ diagnostics, problems } = this.sent(s, body.findings, lines, ctx));
    }
    const result: DraftResult = {
      version: doc.version,
      stamp,
      lines,
      findings: body.findings,
      bindings: body.bindings,
      parsed: body.parsed,
      base,
      context: ctx,
      skipped,
      diagnostics,
      problems,
      elapsed: performance.now() - t0,
    };
    s.result = result;
    s.reached = 0;
    if (base && !skipped) warmedUp();
    if (result.elapsed > SLOW_CHECK_MS) this.deps.log.info(`factlint: checked ${s.uri} in ${Math.round(result.elapsed)} ms (${text.length} characters)`);
    return result;
  }
}
