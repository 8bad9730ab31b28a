// The VS Code extension: starts factlint's language server (dist/server.js) over IPC and adds the
// editor parts the protocol has no place for: commands, the language status item, workspace trust.
// First import: it notes when the bundle's code started to run (activation.ts).
import { ActivationClock, describeActivation, type ActivationTimes } from './activation';
import * as vscode from 'vscode';
import {
  LanguageClient,
  State,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { STATUS_CHANGED_NOTIFICATION, STATUS_REQUEST, type FactsStatus } from '../../server/src/lsp/protocol';
import { registerCommands } from './commands';
import { FactsStatusItem } from './status';
import type { FactlintApi } from './api';
import { errorText } from './util';

/** Markdown drafts (saved and unsaved) and facts files. */
export const DOCUMENT_SELECTOR = [
  { scheme: 'file', language: 'markdown' },
  { scheme: 'untitled', language: 'markdown' },
  { scheme: 'file', language: 'yaml', pattern: '**/*.facts.{yaml,yml}' },
  { scheme: 'file', language: 'json', pattern: '**/*.facts.json' },
];

export const FACTS_GLOB = '**/*.facts.{yaml,yml,json}';
export const CONFIG_GLOB = '**/.factlintrc.{yaml,yml,json}';

let controller: ClientController | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<FactlintApi> {
  const clock = new ActivationClock();
  const output = vscode.window.createOutputChannel('factlint', { log: true });
  context.subscriptions.push(output);
  controller = new ClientController(context, output);
  context.subscriptions.push(controller);
  registerCommands(context, controller, output);

  // Trust can only be granted, never withdrawn, in a running window: restart so the server stops
  // limiting itself to the bundled facts.
  context.subscriptions.push(
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      output.info('workspace trusted: restarting the factlint server to use the workspace facts');
      void controller?.restart();
    }),
  );

  try {
    await controller.start();
    clock.serverStarted();
  } catch (err) {
    // Activation must not fail: the status item and the Restart command stay usable.
    output.error(`factlint: the language server did not start: ${errorText(err)}`);
  }
  const c = controller;
  const times: ActivationTimes = clock.finished();
  output.info(`factlint ${describeActivation(times)}`);
  return {
    activation: () => ({ ...times }),
    status: (uri?: vscode.Uri) => c.requestStatus(uri),
    lastStatus: () => c.statusItem.status,
    onDidChangeStatus: c.statusItem.onDidChange,
    client: () => c.client,
  };
}

export async function deactivate(): Promise<void> {
  await controller?.stop();
  controller = undefined;
}

/** Owns the LanguageClient: start, stop, restart, status. */
export class ClientController implements vscode.Disposable {
  client: LanguageClient | undefined;
  readonly statusItem: FactsStatusItem;
  private readonly clientDisposables: vscode.Disposable[] = [];

  constructor(
    private readonly context: vscode.ExtensionContext,
    readonly output: vscode.LogOutputChannel,
  ) {
    this.statusItem = new FactsStatusItem();
  }

  /** The server's bundled module, from the extension's install folder. */
  get serverModule(): string {
    return this.context.asAbsolutePath('dist/server.js');
  }

  /**
   * Node options the server is started with (`factlint.serverExecArgv` in package.json, where
   * the benchmark reads them too): a young generation of at most 3 MB per semi-space (V8's
   * default grows to 16 MB), an old generation that grows by 30% between full collections (each
   * keystroke leaves the draft's old text behind, 0.8 MB in the bench's long draft), and one V8
   * helper thread instead of one per CPU (the server shares the machine with the editor). On that
   * draft: peak memory 127-132 MB against 203-216 MB with the first option alone (README, Speed).
   */
  get serverExecArgv(): string[] {
    const argv: unknown = this.context.extension.packageJSON?.factlint?.serverExecArgv;
    return Array.isArray(argv) ? argv.filter((a): a is string => typeof a === 'string') : [];
  }

  /** The facts shipped with the extension. */
  get bundledFactsDir(): vscode.Uri {
    return vscode.Uri.file(this.context.asAbsolutePath('facts'));
  }

  async start(): Promise<void> {
    if (this.client) return;
    const serverOptions: ServerOptions = {
      run: { module: this.serverModule, transport: TransportKind.ipc, options: { execArgv: this.serverExecArgv } },
      debug: {
        module: this.serverModule,
        transport: TransportKind.ipc,
        options: { execArgv: [...this.serverExecArgv, '--nolazy', '--inspect=6011'] },
      },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: DOCUMENT_SELECTOR,
      outputChannel: this.output,
      synchronize: {
        // Pushes didChangeConfiguration with the section; the server also pulls per folder.
        configurationSection: 'factlint',
        fileEvents: [
          vscode.workspace.createFileSystemWatcher(FACTS_GLOB),
          vscode.workspace.createFileSystemWatcher(CONFIG_GLOB),
        ],
      },
      initializationOptions: () => ({
        // In an untrusted workspace the server reads only the bundled facts.
        workspaceTrusted: vscode.workspace.isTrusted,
        factlint: currentSettings(),
      }),
      markdown: { isTrusted: false, supportHtml: false },
    };
    const client = new LanguageClient('factlint', 'factlint', serverOptions, clientOptions);
    this.client = client;
    this.clientDisposables.push(
      client.onDidChangeState((e) => {
        if (e.newState === State.Stopped) this.statusItem.showStopped();
        if (e.newState === State.Starting) this.statusItem.showStarting();
      }),
    );
    this.statusItem.showStarting();
    await client.start();
    this.clientDisposables.push(
      client.onNotification(STATUS_CHANGED_NOTIFICATION, (status: FactsStatus) => this.statusItem.update(status)),
      vscode.window.onDidChangeActiveTextEditor(() => void this.refreshStatus()),
    );
    await this.refreshStatus();
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    for (const d of this.clientDisposables.splice(0)) d.dispose();
    if (client) {
      try {
        if (client.isRunning()) await client.stop(5000);
      } catch (err) {
        this.output.warn(`factlint: stopping the server: ${errorText(err)}`);
      }
      await client.dispose().catch(() => undefined);
    }
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  /** Asks the server for the facts in force for a document (default: the active editor's). */
  async requestStatus(uri?: vscode.Uri): Promise<FactsStatus | undefined> {
    const client = this.client;
    if (!client || !client.isRunning()) return undefined;
    const target = uri ?? activeDraftUri();
    return client.sendRequest<FactsStatus>(STATUS_REQUEST, target ? { uri: target.toString() } : {});
  }

  private async refreshStatus(): Promise<void> {
    try {
      const status = await this.requestStatus();
      if (status) this.statusItem.update(status);
    } catch (err) {
      this.output.warn(`factlint: ${STATUS_REQUEST} failed: ${errorText(err)}`);
    }
  }

  dispose(): void {
    void this.stop();
    this.statusItem.dispose();
  }
}

/** The `factlint.*` settings of the window, as plain JSON for initializationOptions. */
function currentSettings(): Record<string, unknown> {
  const config = vscode.workspace.getConfiguration('factlint');
  const out: Record<string, unknown> = {};
  for (const key of ['facts', 'rules', 'run', 'maxFileSize', 'maxProblems', 'debounce']) {
    const value = config.get(key);
    if (value !== undefined) out[key] = value;
  }
  return out;
}

function activeDraftUri(): vscode.Uri | undefined {
  const doc = vscode.window.activeTextEditor?.document;
  return doc && vscode.languages.match(DOCUMENT_SELECTOR, doc) > 0 ? doc.uri : undefined;
}
