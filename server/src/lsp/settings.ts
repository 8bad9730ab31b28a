// `factlint.*` settings: read per workspace folder with workspace/configuration when the client
// supports it, else from initializationOptions and didChangeConfiguration. Every field is parsed
// on its own: a bad value falls back to its default (with a logged message), never breaks the rest.
import { z } from 'zod';
import { RULE_BY_CODE } from '../engine/rules/catalog.js';
import type { Severity } from '../engine/types.js';
import type { Logger } from './safe.js';
import { DEFAULT_MAX_PROBLEMS } from './shown.js';

export type RunMode = 'onType' | 'onSave';

export interface Settings {
  /** Facts files or folders, relative to the workspace folder; [] = use the config / workspace / bundled facts. */
  facts: string[];
  /** Rule severities, over the config file's. */
  rules: Record<string, Severity | 'off'>;
  /** Check while typing (debounced) or only when saved. */
  run: RunMode;
  /** Drafts larger than this many bytes are not checked. */
  maxFileSize: number;
  /** Milliseconds of quiet after an edit before a draft is checked. */
  debounce: number;
  /** At most this many diagnostics are sent per draft (shown.ts). */
  maxProblems: number;
  /**
   * `factlint.facts` may name files outside the workspace folder. A machine-scoped setting: VS Code
   * takes it from the user's own settings only, never from a workspace's.
   */
  allowFactsOutsideWorkspace: boolean;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  facts: [],
  rules: {},
  run: 'onType',
  maxFileSize: 5 * 1024 * 1024,
  debounce: 150,
  maxProblems: DEFAULT_MAX_PROBLEMS,
  allowFactsOutsideWorkspace: false,
});

const FIELDS = {
  facts: z.array(z.string().min(1)),
  rules: z.record(z.string(), z.enum(['error', 'warning', 'info', 'hint', 'off'])),
  run: z.enum(['onType', 'onSave']),
  maxFileSize: z.number().int().positive(),
  debounce: z.number().int().min(0).max(10_000),
  maxProblems: z.number().int().positive(),
  allowFactsOutsideWorkspace: z.boolean(),
} as const;

/** Parses raw `factlint` settings over `base`; problems go to `warn`. */
export function parseSettings(raw: unknown, base: Readonly<Settings> = DEFAULT_SETTINGS, warn: (msg: string) => void = () => {}): Settings {
  const out: Settings = { ...base, facts: [...base.facts], rules: { ...base.rules } };
  if (raw === undefined || raw === null) return out;
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    warn('factlint: settings: expected an object; using defaults');
    return out;
  }
  const obj = raw as Record<string, unknown>;
  for (const key of Object.keys(FIELDS) as (keyof typeof FIELDS)[]) {
    if (obj[key] === undefined || obj[key] === null) continue;
    const r = FIELDS[key].safeParse(obj[key]);
    if (!r.success) {
      warn(`factlint: setting factlint.${key} ignored: ${r.error.issues[0]?.message ?? 'invalid value'}`);
      continue;
    }
    (out as unknown as Record<string, unknown>)[key] = r.data;
  }
  for (const rule of Object.keys(out.rules)) {
    if (!RULE_BY_CODE.has(rule)) warn(`factlint: setting factlint.rules: unknown rule "${rule}"`);
  }
  return out;
}

/** The `factlint` section of whatever shape a client sends: {settings: {factlint}}, {factlint} or the section itself. */
export function factlintSection(raw: unknown): unknown {
  if (!raw || typeof raw !== 'object') return undefined;
  const o = raw as Record<string, unknown>;
  const settings = o.settings as Record<string, unknown> | undefined;
  if (settings && typeof settings === 'object' && 'factlint' in settings) return settings.factlint;
  if ('factlint' in o) return o.factlint;
  return raw;
}

export interface ConfigurationSource {
  /** workspace/configuration for one scope, or undefined when the client has no such capability. */
  fetch?: (scopeUri: string | undefined) => Promise<unknown>;
}

/** Settings per workspace folder, cached until the client says they changed. */
export class SettingsStore {
  private global: Settings;
  private readonly perScope = new Map<string, Promise<Settings>>();
  private readonly warned = new Set<string>();
  generation = 0;

  constructor(
    private readonly source: ConfigurationSource,
    initializationOptions: unknown,
    private readonly log: Logger,
  ) {
    this.global = parseSettings(factlintSection(initializationOptions), DEFAULT_SETTINGS, (m) => this.warn(m));
  }

  /** Settings for a workspace folder (URI) or the window (undefined). */
  get(scopeUri: string | undefined): Promise<Settings> {
    if (!this.source.fetch) return Promise.resolve(this.global);
    const key = scopeUri ?? '';
    let p = this.perScope.get(key);
    if (!p) {
      p = this.source
        .fetch(scopeUri)
        .then((raw) => parseSettings(raw, this.global, (m) => this.warn(m)))
        .catch((err: unknown) => {
          this.log.warn(`factlint: cannot read settings: ${String(err)}; using defaults`);
          return this.global;
        });
      this.perScope.set(key, p);
    }
    return p;
  }

  /** didChangeConfiguration: forget cached settings; without the capability, take the pushed ones. */
  changed(pushed: unknown): void {
    this.perScope.clear();
    this.warned.clear();
    this.generation++;
    if (!this.source.fetch) {
      const section = factlintSection(pushed);
      if (section !== undefined) this.global = parseSettings(section, DEFAULT_SETTINGS, (m) => this.warn(m));
    }
  }

  private warn(message: string): void {
    if (this.warned.has(message)) return;
    this.warned.add(message);
    this.log.warn(message);
  }
}
