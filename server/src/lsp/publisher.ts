// Where diagnostics go. With pull diagnostics (the client asks per open document), open documents
// are answered by the pull handler and only files that are not open get pushed; without it,
// everything is pushed. Problems of facts and config files are kept here for both paths.
import type { Connection, Diagnostic } from 'vscode-languageserver/node';
import { pathKey } from './uri.js';

export interface FileDiagnostics {
  uri: string;
  diagnostics: Diagnostic[];
  resultId: string;
  key: string;
}

export class Publisher {
  /** URIs with pushed diagnostics (non-empty), to clear them when a pull takes over. */
  private readonly pushed = new Set<string>();
  private readonly files = new Map<string, FileDiagnostics>();
  private refreshQueued = false;
  private counter = 0;

  constructor(
    private readonly connection: Connection,
    private readonly mode: { pull: () => boolean; refresh: () => boolean; openUri: (file: string) => string | undefined },
  ) {}

  push(uri: string, diagnostics: Diagnostic[], version?: number): void {
    void this.connection.sendDiagnostics(version === undefined ? { uri, diagnostics } : { uri, version, diagnostics });
    if (diagnostics.length) this.pushed.add(uri);
    else this.pushed.delete(uri);
  }

  /** A pull now answers for this document: drop what was pushed for it. */
  clearPushed(uri: string): void {
    if (this.pushed.has(uri)) this.push(uri, []);
  }

  wasPushed(uri: string): boolean {
    return this.pushed.has(uri);
  }

  /** Problems of a facts or config file; pushed (or refreshed) only when they changed. */
  setFile(file: string, fallbackUri: string, diagnostics: Diagnostic[]): void {
    const k = pathKey(file);
    const key = JSON.stringify(diagnostics);
    const old = this.files.get(k);
    if (old && old.key === key) return;
    const openUri = this.mode.openUri(file);
    const uri = openUri ?? old?.uri ?? fallbackUri;
    if (!diagnostics.length && !old) return;
    const entry: FileDiagnostics = { uri, diagnostics, key, resultId: `f${++this.counter}` };
    this.files.set(k, entry);
    if (this.mode.pull() && openUri) {
      this.clearPushed(openUri);
      this.requestRefresh();
    } else this.push(uri, diagnostics);
  }

  file(file: string): FileDiagnostics | undefined {
    return this.files.get(pathKey(file));
  }

  knownFiles(): string[] {
    return [...this.files.keys()];
  }

  /** A facts or config file opened or closed: route its problems to the pull or push side. */
  reroute(file: string, uri: string, open: boolean): void {
    const entry = this.files.get(pathKey(file));
    if (!this.mode.pull()) return;
    if (open) this.clearPushed(uri);
    else if (entry && entry.diagnostics.length) this.push(uri, entry.diagnostics);
  }

  /** Asks a pulling client to pull again (coalesced). */
  requestRefresh(): void {
    if (!this.mode.pull() || !this.mode.refresh() || this.refreshQueued) return;
    this.refreshQueued = true;
    setTimeout(() => {
      this.refreshQueued = false;
      this.connection.languages.diagnostics.refresh().catch(() => undefined);
    }, 0);
  }
}
