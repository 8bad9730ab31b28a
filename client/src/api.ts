// What `activate` returns (vscode.extensions.getExtension('factlint.factlint').exports): used by
// the end-to-end tests and open to other extensions.
import type * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { FactsStatus } from '../../server/src/lsp/protocol';
import type { ActivationTimes } from './activation';

export interface FactlintApi {
  /** Asks the server (`factlint/status`) for the facts in force for a document (default: the active one). */
  status(uri?: vscode.Uri): Promise<FactsStatus | undefined>;
  /** The status last shown in the language status item. */
  lastStatus(): FactsStatus | undefined;
  /** Fires when the language status item shows a new status. */
  readonly onDidChangeStatus: vscode.Event<FactsStatus>;
  /** How long this activation took (also written to the factlint output channel). */
  activation(): ActivationTimes;
  /** The running client, if any. */
  client(): LanguageClient | undefined;
}
