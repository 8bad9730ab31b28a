// Open drafts: when to check them (debounced while typing, or on save), the last result of each
// (findings, bindings, diagnostics for one document version), and dropping stale work. Each
// draft keeps a BlockCache, so a re-check after an edit only re-checks the blocks that changed.
import type { Diagnostic } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { FactBase } from '../engine/claims/factbase.js';
import { analyzeDocument, BlockCache, type Binding } from '../engine/check.js';
import { LineIndex } from '../engine/text/positions.js';
import type { Finding, ParsedMarkdown } from '../engine/types.js';
import { DiagnosticMaker, sameDiagnostics, skippedDiagnostic, withTail, type DiagnosticShape } from './diagnostics.js';
import type { FactsSet } from './facts.js';
import { skipReason } from './guard.js';
import type { Logger } from './safe.js';
import type { Settings } from './settings.js';
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
  diagnostics: Diagnostic[];
  /** Milliseconds the engine took. */
  elapsed: number;
}

export class DraftState {
  readonly cache = new BlockCache();
  readonly maker: DiagnosticMaker;
  timer?: ReturnType<typeof setTimeout>;
  /** Bumped on every change: a check started for an older value is dropped. */
  seq = 0;
  lastChange = 0;
  /** Version at open or last save (for run: onSave). */
  savedVersion = -1;
  result?: DraftResult;
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
   * Undefined when the document is not open (or closed while its settings were read).
   */
  async current(uri: string): Promise<DraftResult | undefined> {
    const doc = this.deps.document(uri);
    if (!doc) return undefined;
    const s = this.state(uri);
    const ctx = await this.deps.context(uri);
    const now = this.deps.document(uri);
    if (!now || this.states.get(uri) !== s) return undefined;
    const stamp = stampOf(now.version, ctx);
    if (s.result?.stamp === stamp) return s.result;
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

  private compute(s: DraftState, doc: TextDocument, ctx: DraftContext, stamp: string): DraftResult {
    const text = doc.getText();
    const t0 = performance.now();
    const lines = new LineIndex(text);
    const empty = { findings: [] as Finding[], bindings: [] as Binding[], parsed: { blocks: [], footnoteRefs: [], directives: [] } as ParsedMarkdown };
    let body = empty;
    let skipped: string | undefined;
    let diagnostics: Diagnostic[] = [];
    const base = ctx.facts?.base;
    const reason = skipReason(text, ctx.settings.maxFileSize);
    if (reason) {
      skipped = reason;
      diagnostics = [withTail(skippedDiagnostic(reason))];
      if (this.skippedLogged.get(s.uri) !== reason) {
        this.skippedLogged.set(s.uri, reason);
        this.deps.log.info(`factlint: ${s.uri} not checked: ${reason}`);
      }
    } else if (base && !ctx.setup.ignored) {
      this.skippedLogged.delete(s.uri);
      try {
        body = analyzeDocument(text, base, { rules: ctx.setup.rules, cache: s.cache });
      } catch (err) {
        this.deps.log.error(`factlint: checking ${s.uri} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
        body = empty;
      }
      diagnostics = s.maker.diagnostics(body.findings, lines, base);
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
      elapsed: performance.now() - t0,
    };
    s.result = result;
    if (result.elapsed > SLOW_CHECK_MS) this.deps.log.info(`factlint: checked ${s.uri} in ${Math.round(result.elapsed)} ms (${text.length} characters)`);
    return result;
  }
}
