// The language status item of Markdown files ("{} Markdown" in the status bar): how many facts are
// in force and whether the facts file has problems. Quiet unless something needs attention.
import * as vscode from 'vscode';
import type { FactsStatus } from '../../server/src/lsp/protocol';

export const OPEN_FACTS_COMMAND = 'factlint.openFactsFile';
export const RESTART_COMMAND = 'factlint.restartServer';

export class FactsStatusItem implements vscode.Disposable {
  private readonly item: vscode.LanguageStatusItem;
  private readonly changed = new vscode.EventEmitter<FactsStatus>();
  /** Fires with every status shown (from `factlint/statusChanged` or a `factlint/status` answer). */
  readonly onDidChange = this.changed.event;
  status: FactsStatus | undefined;

  constructor() {
    this.item = vscode.languages.createLanguageStatusItem('factlint.facts', [
      { language: 'markdown', scheme: 'file' },
      { language: 'markdown', scheme: 'untitled' },
    ]);
    this.item.name = 'factlint';
    this.showStarting();
  }

  showStarting(): void {
    this.item.text = 'factlint';
    this.item.detail = 'starting…';
    this.item.busy = true;
    this.item.severity = vscode.LanguageStatusSeverity.Information;
    this.item.command = undefined;
  }

  showStopped(): void {
    this.status = undefined;
    this.item.text = 'factlint: stopped';
    this.item.detail = 'the language server is not running';
    this.item.busy = false;
    this.item.severity = vscode.LanguageStatusSeverity.Error;
    this.item.command = { title: 'Restart', command: RESTART_COMMAND, tooltip: 'Restart the factlint language server' };
  }

  update(status: FactsStatus): void {
    this.status = status;
    const problems = problemCount(status.problems);
    this.item.busy = false;
    this.item.text = `factlint: ${status.facts} ${status.facts === 1 ? 'fact' : 'facts'}`;
    const details: string[] = [];
    if (status.lastGoodInForce) details.push('facts file broken: using the last good facts');
    if (problems > 0) details.push(`${problems} ${problems === 1 ? 'problem' : 'problems'} in the facts file`);
    if (status.usingBundled) details.push('bundled facts');
    else if (status.factsFiles.length) details.push(status.factsFiles.map(baseName).join(', '));
    this.item.detail = details.join(' · ');
    this.item.severity =
      problems > 0 || status.lastGoodInForce ? vscode.LanguageStatusSeverity.Warning : vscode.LanguageStatusSeverity.Information;
    this.item.command = { title: 'Open Facts File', command: OPEN_FACTS_COMMAND, tooltip: 'Open the facts file in force' };
    this.changed.fire(status);
  }

  dispose(): void {
    this.item.dispose();
    this.changed.dispose();
  }
}

/** `problems` is a count; tolerate a list too. */
function problemCount(problems: unknown): number {
  if (typeof problems === 'number') return problems;
  if (Array.isArray(problems)) return problems.length;
  return 0;
}

function baseName(file: string): string {
  return file.split(/[\\/]/).pop() ?? file;
}
