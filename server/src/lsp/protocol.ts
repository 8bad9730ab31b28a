// factlint's own messages between the language server and its client (plain names and payloads,
// no dependencies, so the client can import this file as well).

/** Request `factlint/status` (params: optional document URI) -> FactsStatus of the facts in force there. */
export const STATUS_REQUEST = 'factlint/status';
/** Notification `factlint/statusChanged` (server -> client) with a FactsStatus, whenever facts reload. */
export const STATUS_CHANGED_NOTIFICATION = 'factlint/statusChanged';
/** `workspace/executeCommand`: check every draft in the workspace and publish their diagnostics. */
export const CHECK_WORKSPACE_COMMAND = 'factlint.checkWorkspace';

export interface StatusParams {
  /** The document whose facts are wanted (the active editor); default: the first workspace folder's. */
  uri?: string;
}

export interface FactsStatus {
  /** Facts in force (0 when none could be loaded). */
  facts: number;
  /** The facts files loaded (absolute paths). */
  factsFiles: string[];
  /** Problems (errors and warnings) found in those files at the last load. */
  problems: number;
  /** The facts shipped with the extension apply (no config and no facts file in the workspace). */
  usingBundled: boolean;
  /** The facts files are broken now; the facts of the last good load are still used. */
  lastGoodInForce: boolean;
}

/** Result of factlint.checkWorkspace. */
export interface CheckWorkspaceResult {
  files: number;
  diagnostics: number;
  skipped: number;
}
