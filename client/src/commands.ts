// The commands factlint contributes (package.json `contributes.commands`, category "factlint").
import * as vscode from 'vscode';
import { ExecuteCommandRequest } from 'vscode-languageclient/node';
import { CHECK_WORKSPACE_COMMAND, type CheckWorkspaceResult } from '../../server/src/lsp/protocol';
import type { ClientController } from './extension';
import { errorText } from './util';
import { OPEN_FACTS_COMMAND, RESTART_COMMAND } from './status';

export const CHECK_ALL_COMMAND = 'factlint.checkAllDrafts';
export const SHOW_OUTPUT_COMMAND = 'factlint.showOutput';

export function registerCommands(context: vscode.ExtensionContext, controller: ClientController, output: vscode.LogOutputChannel): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(CHECK_ALL_COMMAND, () => checkAllDrafts(controller)),
    vscode.commands.registerCommand(OPEN_FACTS_COMMAND, () => openFactsFile(controller)),
    vscode.commands.registerCommand(SHOW_OUTPUT_COMMAND, () => output.show(true)),
    vscode.commands.registerCommand(RESTART_COMMAND, () =>
      vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'factlint: restarting' }, async () => {
        try {
          await controller.restart();
          output.info('factlint: language server restarted');
        } catch (err) {
          output.error(`factlint: restart failed: ${errorText(err)}`);
          void vscode.window.showErrorMessage(`factlint: the language server did not start: ${errorText(err)}`);
        }
      }),
    ),
  );
}

/** Asks the server to check every draft in the workspace; the results land in the Problems panel. */
async function checkAllDrafts(controller: ClientController): Promise<CheckWorkspaceResult | undefined> {
  const client = controller.client;
  if (!client || !client.isRunning()) {
    void vscode.window.showWarningMessage('factlint: the language server is not running.', 'Restart').then((pick) => {
      if (pick) void vscode.commands.executeCommand(RESTART_COMMAND);
    });
    return undefined;
  }
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'factlint: checking the drafts in the workspace…' },
    () => client.sendRequest(ExecuteCommandRequest.type, { command: CHECK_WORKSPACE_COMMAND, arguments: [] }),
  );
  const r = result as CheckWorkspaceResult | null | undefined;
  if (r && typeof r.files === 'number') {
    const message =
      `factlint checked ${r.files} ${r.files === 1 ? 'draft' : 'drafts'}: ` +
      `${r.diagnostics} ${r.diagnostics === 1 ? 'problem' : 'problems'}` +
      (r.skipped ? ` (${r.skipped} skipped)` : '') + '.';
    void vscode.window.showInformationMessage(message, 'Show Problems').then((pick) => {
      if (pick) void vscode.commands.executeCommand('workbench.actions.view.problems');
    });
    return r;
  }
  return undefined;
}

/** Opens the facts file in force for the active draft (a pick when there are several); else the bundled one. */
async function openFactsFile(controller: ClientController): Promise<void> {
  let files: string[] = [];
  try {
    files = (await controller.requestStatus())?.factsFiles ?? [];
  } catch (err) {
    controller.output.warn(`factlint: cannot ask the server for the facts files: ${errorText(err)}`);
  }
  let uris = files.map(toUri);
  if (!uris.length) uris = await bundledFactsFiles(controller.bundledFactsDir);
  if (!uris.length) {
    void vscode.window.showWarningMessage('factlint: no facts file is in force.');
    return;
  }
  let target = uris[0];
  if (uris.length > 1) {
    const pick = await vscode.window.showQuickPick(
      uris.map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri })),
      { placeHolder: 'Facts file to open' },
    );
    if (!pick) return;
    target = pick.uri;
  }
  await vscode.window.showTextDocument(target, { preview: false });
}

function toUri(file: string): vscode.Uri {
  return /^[a-z][a-z0-9+.-]+:\/\//i.test(file) ? vscode.Uri.parse(file) : vscode.Uri.file(file);
}

async function bundledFactsFiles(dir: vscode.Uri): Promise<vscode.Uri[]> {
  try {
    const entries = await vscode.workspace.fs.readDirectory(dir);
    return entries
      .filter(([name, type]) => type === vscode.FileType.File && /\.facts\.(ya?ml|json)$/i.test(name))
      .map(([name]) => vscode.Uri.joinPath(dir, name));
  } catch {
    return [];
  }
}
