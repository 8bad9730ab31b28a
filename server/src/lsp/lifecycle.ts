// initialize / initialized / shutdown, settings and file-system events, workspace folders.
import * as path from 'node:path';
import {
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  TextDocumentSyncKind,
  type InitializeParams,
  type InitializeResult,
  type ServerCapabilities,
} from 'vscode-languageserver/node';
import { CONFIG_FILE_NAMES } from '../engine/config/index.js';
import { CODE_ACTION_KINDS } from './actions.js';
import { isFactsFileName } from './facts.js';
import { CHECK_WORKSPACE_COMMAND } from './protocol.js';
import { guardVoid } from './safe.js';
import { MARKDOWN_FILE, type Session } from './session.js';
import { SettingsStore } from './settings.js';
import { uriToPath } from './uri.js';
import { codeCache, shuttingDown } from './warm.js';
export function registerLifecycle(session: Session): void {
  const { connection, caps, log, workspace, registry } = session;

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const c = params.capabilities ?? {};
    const init = (params.initializationOptions ?? {}) as { diagnosticMode?: string; workspaceTrusted?: boolean };
    caps.trusted = init.workspaceTrusted !== false;
    caps.pull = !!c.textDocument?.diagnostic && init.diagnosticMode !== 'push';
    caps.refresh = !!c.workspace?.diagnostics?.refreshSupport;
    caps.configuration = !!c.workspace?.configuration;
    caps.workspaceFolders = !!c.workspace?.workspaceFolders;
    caps.documentChanges = !!c.workspace?.workspaceEdit?.documentChanges;
    caps.watchRegistration = !!c.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    caps.configurationRegistration = !!c.workspace?.didChangeConfiguration?.dynamicRegistration;
    caps.progress = !!c.window?.workDoneProgress;
    const shown = c.textDocument?.publishDiagnostics;
    caps.diagnostics = { codeDescription: !!shown?.codeDescriptionSupport, relatedInformation: !!shown?.relatedInformation };
    session.settings = new SettingsStore(
      caps.configuration ? { fetch: (scopeUri) => connection.workspace.getConfiguration(scopeUri ? { scopeUri, section: 'factlint' } : { section: 'factlint' }) } : {},
      params.initializationOptions,
      log,
    );
    const folders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: '' }] : []);
    workspace.setFolders(folders.map((f) => ({ uri: f.uri, name: f.name || undefined })));

    const capabilities: ServerCapabilities = {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      hoverProvider: true,
      definitionProvider: true,
      referencesProvider: true,
      completionProvider: { triggerCharacters: ['^'], resolveProvider: false },
      codeActionProvider: { codeActionKinds: CODE_ACTION_KINDS, resolveProvider: false },
      executeCommandProvider: { commands: [CHECK_WORKSPACE_COMMAND] },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    };
    if (caps.pull) capabilities.diagnosticProvider = { identifier: 'factlint', interFileDependencies: true, workspaceDiagnostics: false };
    return { capabilities, serverInfo: { name: 'factlint' } };
  });

  connection.onInitialized(
    guardVoid(log, 'initialized', async () => {
      log.info(`factlint: language server started (code cache: ${codeCache()})`);
      // Each folder's facts load up front (first of all: a draft opened now waits for them), so
      // their problems and the status show before a draft opens.
      setImmediate(
        guardVoid(log, 'loading facts', async () => {
          const folders = workspace.list();
          if (!folders.length) await session.contextForPath(undefined);
          for (const f of folders) await session.contextForPath(path.join(f.path, 'untitled.md'));
        }),
      );
      if (caps.configurationRegistration) {
        await connection.client.register(DidChangeConfigurationNotification.type, { section: 'factlint' }).catch(() => undefined);
      }
      if (caps.watchRegistration) {
        const watchers = ['**/*.facts.{yaml,yml,json}', '**/.factlintrc.{yaml,yml,json}', '**/*.{md,markdown}'].map((globPattern) => ({ globPattern }));
        await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers }).catch(() => undefined);
      }
      if (caps.workspaceFolders) {
        connection.workspace.onDidChangeWorkspaceFolders(
          guardVoid(log, 'workspace folders', (e) => {
            workspace.addFolders(e.added, e.removed);
            session.configChanged();
          }),
        );
      }
    }),
  );

  connection.onShutdown(() => {
    session.dispose();
    shuttingDown();
  });

  connection.onDidChangeConfiguration(guardVoid(log, 'configuration', (params) => session.settingsChanged(params?.settings)));

  connection.onDidChangeWatchedFiles(
    guardVoid(log, 'watched files', (params) => {
      let config = false;
      const facts = new Set<string>();
      for (const change of params?.changes ?? []) {
        const file = uriToPath(change.uri);
        if (!file) continue;
        if ((CONFIG_FILE_NAMES as readonly string[]).includes(path.basename(file))) config = true;
        else if (isFactsFileName(file) || registry.using(file).length) {
          // A facts file appeared or went away: the facts a folder uses may change.
          if (change.type !== FileChangeType.Changed && isFactsFileName(file)) config = true;
          // An open facts file is read from its buffer: the disk does not matter while it is open.
          if (!session.openUri(file) || change.type === FileChangeType.Deleted) facts.add(file);
        } else if (MARKDOWN_FILE.test(file)) {
          session.references.forget(file);
          if (change.type !== FileChangeType.Changed) workspace.invalidateDrafts();
        }
      }
      for (const f of facts) session.factsFileChanged(f);
      if (config) session.configChanged();
    }),
  );
}
