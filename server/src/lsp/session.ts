// The server's state and the decisions shared by its handlers: what kind a document is, what
// applies to it (settings, config, facts), and what happens when facts or configs change.
import * as path from 'node:path';
import { TextDocuments } from 'vscode-languageserver/node';
import type { Connection } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CONFIG_FILE_NAMES, ConfigResolver } from '../engine/config/index.js';
import { parseFactsText } from '../engine/facts/load.js';
import { FULL_SHAPE, problemToDiagnostic, type DiagnosticShape } from './diagnostics.js';
import { contextStamp, DraftChecker, type DraftContext, type DraftResult } from './drafts.js';
import { FactsRegistry, isFactsFileName, problemsByFile, type FactsSet } from './facts.js';
import { ReferenceIndex, occurrencesOf, type Occurrences } from './navigation.js';
import { STATUS_CHANGED_NOTIFICATION, type FactsStatus } from './protocol.js';
import { Publisher } from './publisher.js';
import { guardVoid, type Logger } from './safe.js';
import { SettingsStore, type Settings } from './settings.js';
import { resolveSetup } from './setup.js';
import { pathKey, pathToUri, uriToPath } from './uri.js';
import { Workspace, type Folder } from './workspace.js';
import { checkFile } from './workspaceCheck.js';

export type DocKind = 'draft' | 'facts' | 'config' | 'other';

export const MARKDOWN_FILE = /\.(md|markdown)$/i;

/** What the client can do (from initialize). */
export interface Capabilities {
  pull: boolean;
  refresh: boolean;
  configuration: boolean;
  workspaceFolders: boolean;
  documentChanges: boolean;
  watchRegistration: boolean;
  configurationRegistration: boolean;
  progress: boolean;
  /** The client says the workspace is trusted (default); untrusted: only the bundled facts apply. */
  trusted: boolean;
  /** What the client shows of a diagnostic: fields it cannot show are not sent. */
  diagnostics: DiagnosticShape;
}

export interface SessionOptions {
  bundledFactsDir: string;
}

export class Session {
  readonly log: Logger;
  readonly documents = new TextDocuments(TextDocument);
  readonly workspace = new Workspace();
  readonly resolver: ConfigResolver;
  readonly caps: Capabilities = {
    pull: false,
    refresh: false,
    configuration: false,
    workspaceFolders: false,
    documentChanges: false,
    watchRegistration: false,
    configurationRegistration: false,
    progress: false,
    trusted: true,
    diagnostics: FULL_SHAPE,
  };
  settings: SettingsStore;
  readonly publisher: Publisher;
  readonly registry: FactsRegistry;
  readonly checker: DraftChecker;
  readonly references: ReferenceIndex;
  /** Bumped when config files, workspace folders or discovered facts change. */
  private configGeneration = 0;
  /** Path key -> URI of the open document. */
  private readonly openByPath = new Map<string, string>();
  private readonly factsTimers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Path keys of open facts files that no facts set uses: validated on their own. */
  private readonly standalone = new Set<string>();
  private readonly configFiles = new Set<string>();

  constructor(
    readonly connection: Connection,
    readonly options: SessionOptions,
  ) {
    this.log = connection.console;
    this.resolver = new ConfigResolver({ bundledFactsDir: options.bundledFactsDir });
    this.settings = new SettingsStore({}, undefined, this.log);
    this.publisher = new Publisher(connection, {
      pull: () => this.caps.pull,
      refresh: () => this.caps.refresh,
      openUri: (file) => this.openUri(file),
    });
    this.registry = new FactsRegistry((file) => this.openText(file), this.log);
    this.checker = new DraftChecker({
      document: (uri) => this.documents.get(uri),
      context: (uri) => this.contextFor(uri),
      log: this.log,
      shape: () => this.caps.diagnostics,
      onResult: (uri, r) => {
        if (!this.caps.pull) this.publisher.push(uri, r.diagnostics, r.version);
      },
      onPartial: (uri, r) => {
        if (!this.caps.pull) this.publisher.push(uri, r.diagnostics, r.version);
      },
      // A pulling client may hold a partial result: it pulls again.
      onPartsDone: () => this.publisher.requestRefresh(),
    });
    this.references = new ReferenceIndex({
      drafts: () => this.workspace.drafts(),
      openDrafts: () => this.documents.all().filter((d) => this.kindOf(d) === 'draft').map((d) => d.uri),
      openByUri: (uri) => this.openOccurrences(uri),
      open: async (file) => {
        const uri = this.openUri(file);
        if (!uri || !this.documents.get(uri)) return undefined;
        return { uri, occurrences: await this.openOccurrences(uri) };
      },
      stamp: async (file) => {
        const ctx = await this.contextForPath(file);
        return ctx.facts?.base && !ctx.setup.ignored ? contextStamp(ctx) : undefined;
      },
      check: (file) => checkFile(this, file),
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Open documents

  openUri(file: string): string | undefined {
    return this.openByPath.get(pathKey(file));
  }

  private openText(file: string): string | undefined {
    const uri = this.openUri(file);
    return uri ? this.documents.get(uri)?.getText() : undefined;
  }

  trackOpen(uri: string, open: boolean): void {
    const file = uriToPath(uri);
    if (!file) return;
    const k = pathKey(file);
    if (open) this.openByPath.set(k, uri);
    else if (this.openByPath.get(k) === uri) this.openByPath.delete(k);
  }

  kindOf(doc: TextDocument): DocKind {
    const file = uriToPath(doc.uri);
    if (file && (CONFIG_FILE_NAMES as readonly string[]).includes(path.basename(file))) return 'config';
    if (file && (isFactsFileName(file) || this.registry.using(file).length > 0)) return 'facts';
    if (doc.languageId === 'markdown' || MARKDOWN_FILE.test(file ?? doc.uri)) return 'draft';
    return 'other';
  }

  /** The settings of the folder holding a document (or of the window). */
  settingsFor(uri: string): Promise<Settings> {
    return this.settings.get(this.workspace.folderOfUri(uri)?.uri);
  }

  // ---------------------------------------------------------------------------------------------
  // What applies to a document

  private generation(): number {
    return this.settings.generation * 1_000_003 + this.configGeneration;
  }

  private setFor(setup: DraftContext['setup']): FactsSet {
    const known = this.registry.all().length;
    const set = this.registry.get(setup.factsPaths, setup.origin === 'bundled');
    if (this.registry.all().length !== known) this.factsLoaded(set);
    return set;
  }

  private contextWith(file: string | undefined, folder: Folder | undefined, s: Settings): DraftContext {
    const setup = resolveSetup(file, folder, s, { resolver: this.resolver, workspace: this.workspace, bundledFactsDir: this.options.bundledFactsDir, log: this.log, trusted: this.caps.trusted });
    if (setup.configFile) {
      this.configFiles.add(pathKey(setup.configFile));
      this.publisher.setFile(setup.configFile, pathToUri(setup.configFile), setup.configProblems.map(problemToDiagnostic));
    }
    return { settings: s, setup, facts: setup.ignored ? undefined : this.setFor(setup), generation: this.generation() };
  }

  /** What applies to a file (undefined: an untitled buffer, which belongs to the first folder). */
  async contextForPath(file: string | undefined): Promise<DraftContext> {
    const folder = file !== undefined ? this.workspace.folderOf(file) : this.workspace.list()[0];
    const s = await this.settings.get(folder?.uri);
    return this.contextWith(file, folder, s);
  }

  contextFor(uri: string): Promise<DraftContext> {
    return this.contextForPath(uriToPath(uri));
  }

  private async openOccurrences(uri: string): Promise<Occurrences> {
    const r = await this.checker.current(uri);
    const base = r?.base;
    return r && base ? occurrencesOf(r, r.lines, (id) => base.facts.has(id)) : new Map();
  }

  // ---------------------------------------------------------------------------------------------
  // Facts and configs changing

  status(set: FactsSet | undefined): FactsStatus {
    return set?.status() ?? { facts: 0, factsFiles: [], problems: 0, usingBundled: false, lastGoodInForce: false };
  }

  /** After a set (re)loaded: its problems in the facts files, and the status for the client. */
  private factsLoaded(set: FactsSet): void {
    this.publishFactsProblems();
    void this.connection.sendNotification(STATUS_CHANGED_NOTIFICATION, this.status(set));
  }

  publishFactsProblems(): void {
    const byFile = problemsByFile(this.registry.all());
    for (const [k, { file, problems }] of byFile) {
      this.standalone.delete(k);
      this.publisher.setFile(file, pathToUri(file), problems.map(problemToDiagnostic));
    }
    for (const k of this.standalone) {
      const uri = this.openByPath.get(k);
      const doc = uri ? this.documents.get(uri) : undefined;
      const file = uri ? uriToPath(uri) : undefined;
      if (doc && file) this.publisher.setFile(file, doc.uri, parseFactsText(doc.getText(), file).problems.map(problemToDiagnostic));
    }
    // Files that had problems and are no longer part of anything are cleared.
    for (const k of this.publisher.knownFiles()) {
      if (byFile.has(k) || this.standalone.has(k) || this.configFiles.has(k)) continue;
      const entry = this.publisher.file(k);
      if (entry && entry.diagnostics.length) this.publisher.setFile(k, entry.uri, []);
    }
  }

  /** A facts file changed (buffer or disk): reload the sets using it and re-check their drafts. */
  factsFileChanged(file: string): void {
    const sets = this.registry.using(file);
    if (!sets.length) {
      if (this.openUri(file)) this.standalone.add(pathKey(file));
      this.publishFactsProblems();
      return;
    }
    for (const set of sets) {
      const outcome = this.registry.reload(set);
      this.factsLoaded(set);
      if (outcome.replaced) this.recheckDrafts((r) => !r || r.context.facts === set);
    }
  }

  /** A facts file opened that no set uses: validate it on its own. */
  factsFileOpened(file: string): void {
    if (this.registry.using(file).length) return;
    this.standalone.add(pathKey(file));
    this.publishFactsProblems();
  }

  /** A facts file closed: forget it if nothing uses it, else read it from disk again. */
  factsFileClosed(file: string, uri: string): void {
    if (this.standalone.delete(pathKey(file))) this.publisher.setFile(file, uri, []);
    else if (this.registry.using(file).length) this.factsFileChanged(file);
  }

  scheduleFactsReload(file: string, delay: number): void {
    const k = pathKey(file);
    const old = this.factsTimers.get(k);
    if (old) clearTimeout(old);
    const run = guardVoid(this.log, 'reloading facts', () => {
      this.factsTimers.delete(k);
      this.factsFileChanged(file);
    });
    this.factsTimers.set(k, setTimeout(run, delay));
  }

  /** Config files, workspace folders or the facts files of a folder changed. */
  configChanged(): void {
    this.resolver.clearCache();
    this.workspace.invalidate();
    this.configGeneration++;
    this.references.clear();
    this.recheckDrafts(() => true);
  }

  settingsChanged(pushed: unknown): void {
    this.settings.changed(pushed);
    this.references.clear();
    this.recheckDrafts(() => true);
  }

  /** Re-checks the open drafts whose last result `which` selects (push), or asks the client to pull. */
  recheckDrafts(which: (r: DraftResult | undefined) => boolean): void {
    let any = false;
    for (const doc of this.documents.all()) {
      if (this.kindOf(doc) !== 'draft') continue;
      if (!which(this.checker.peek(doc.uri)?.result)) continue;
      any = true;
      if (!this.caps.pull) this.checker.schedule(doc.uri, 0);
    }
    if (any) this.publisher.requestRefresh();
  }

  dispose(): void {
    for (const t of this.factsTimers.values()) clearTimeout(t);
    this.factsTimers.clear();
    for (const uri of this.checker.uris()) this.checker.closed(uri);
  }
}
