// What applies to one draft: which facts (settings > config file > facts files in the workspace
// folder > the bundled facts), which rule severities (config file, then settings), and whether a
// config's `ignore` globs exclude it. Config discovery is the CLI's (engine/config).
import * as path from 'node:path';
import type { ConfigProblem, ConfigResolver } from '../engine/config/index.js';
import type { Severity } from '../engine/types.js';
import type { Settings } from './settings.js';
import type { Logger } from './safe.js';
import { isInside } from './uri.js';
import type { Folder, Workspace } from './workspace.js';

export type FactsOrigin = 'settings' | 'config' | 'workspace' | 'bundled';

export interface DraftSetup {
  factsPaths: string[];
  origin: FactsOrigin;
  rules: Record<string, Severity | 'off'>;
  ignored: boolean;
  configFile?: string;
  configProblems: ConfigProblem[];
}

export interface SetupDeps {
  resolver: ConfigResolver;
  workspace: Workspace;
  bundledFactsDir: string;
  log: Logger;
  /** An untrusted workspace: its settings, config facts and facts files are not read. */
  trusted?: boolean;
}

const refusedOnce = new Set<string>();

/**
 * Settings paths resolved against the workspace folder; paths leading outside it are refused
 * unless the user's own settings allow it (factlint.allowFactsOutsideWorkspace).
 */
export function settingsFactsPaths(settings: Settings, folder: Folder | undefined, log: Logger): string[] {
  if (!settings.facts.length) return [];
  if (!folder) return [];
  const out: string[] = [];
  for (const p of settings.facts) {
    const abs = path.resolve(folder.path, p);
    if (isInside(abs, folder.path) || settings.allowFactsOutsideWorkspace) out.push(abs);
    else {
      const msg = `factlint: setting factlint.facts: "${p}" is outside the workspace folder ${folder.path}; ignored (allow it in your user settings with factlint.allowFactsOutsideWorkspace)`;
      if (!refusedOnce.has(msg)) {
        refusedOnce.add(msg);
        log.warn(msg);
      }
    }
  }
  return out;
}

/**
 * @param file the draft's path (undefined for an unsaved, untitled buffer)
 */
export function resolveSetup(file: string | undefined, folder: Folder | undefined, settings: Settings, deps: SetupDeps): DraftSetup {
  const anchor = file ?? (folder ? path.join(folder.path, 'untitled.md') : undefined);
  let configRules: Record<string, Severity | 'off'> = {};
  let configFile: string | undefined;
  let configProblems: ConfigProblem[] = [];
  let configFacts: string[] | undefined;
  let ignored = false;
  if (anchor) {
    const resolved = deps.resolver.resolveConfigFor(anchor);
    if (resolved.configFile) {
      configFile = resolved.configFile;
      configProblems = resolved.problems;
      configRules = (resolved.config.rules ?? {}) as Record<string, Severity | 'off'>;
      if (resolved.config.facts?.length) configFacts = resolved.factsPaths;
      if (file) ignored = deps.resolver.isIgnored(file);
    }
  }
  const rules = { ...configRules, ...settings.rules };
  const base = { rules, ignored, configFile, configProblems };

  if (deps.trusted === false) return { ...base, factsPaths: [path.resolve(deps.bundledFactsDir)], origin: 'bundled' };
  const fromSettings = settingsFactsPaths(settings, folder, deps.log);
  if (fromSettings.length) return { ...base, factsPaths: fromSettings, origin: 'settings' };
  if (configFacts) return { ...base, factsPaths: configFacts, origin: 'config' };
  const discovered = folder ? deps.workspace.discoverFacts(folder) : [];
  if (discovered.length) return { ...base, factsPaths: discovered, origin: 'workspace' };
  return { ...base, factsPaths: [path.resolve(deps.bundledFactsDir)], origin: 'bundled' };
}
