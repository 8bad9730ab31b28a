// Checks one draft: read it, compare its cache key, run the engine, turn findings into
// diagnostics. The same code runs in the main thread (--jobs 1, few drafts) and in the workers,
// so both give the same outcome for the same draft.
import type { CheckOptions } from '../engine/check.js';
import type { Finding, Severity } from '../engine/types.js';
import { draftKey } from './cache.js';
import { readDraft, type DraftFs } from './read.js';
import { toDiagnostics, type Diagnostic } from './report.js';

export type RuleMap = Record<string, Severity | 'off'>;

export type CheckFn = (text: string, facts: unknown, options: CheckOptions) => Finding[];

/** What checking one draft gave; no diagnostics when the cache already holds them (`hit`). */
export type DraftOutcome =
  | { skipped: string }
  | { crashed: string }
  | { key?: string; hit: true }
  | { key?: string; diagnostics: Diagnostic[] };

export interface DraftJob {
  abs: string;
  rules: RuleMap;
  /** The key the cache holds for this draft (--cache): a draft with this key is not checked again. */
  storedKey?: string;
}

export interface DraftEnv {
  fs: DraftFs;
  check: CheckFn;
  /** The cache's key salt (--cache), else no key is computed. */
  salt?: string;
}

export function checkDraft(job: DraftJob, facts: unknown, env: DraftEnv): DraftOutcome {
  const read = readDraft(job.abs, env.fs);
  if ('skipped' in read) return { skipped: read.skipped };
  const options: CheckOptions = { rules: job.rules };
  const key = env.salt === undefined ? undefined : draftKey(env.salt, read.text, facts, options);
  if (key !== undefined && key === job.storedKey) return { key, hit: true };
  try {
    const findings = applyRules(env.check(read.text, facts, options), job.rules);
    return { key, diagnostics: toDiagnostics(read.text, findings) };
  } catch (err) {
    return { crashed: errorText(err) };
  }
}

/**
 * `{ key, hit: true }` when the cache holds the draft as it is now (its key is the stored one),
 * else undefined: the draft is to be checked (checkDraft, which also reports an unreadable one).
 */
export function cachedOutcome(job: DraftJob, facts: unknown, env: DraftEnv): DraftOutcome | undefined {
  if (env.salt === undefined || job.storedKey === undefined) return undefined;
  const read = readDraft(job.abs, env.fs);
  if ('skipped' in read) return undefined;
  const options: CheckOptions = { rules: job.rules };
  const key = draftKey(env.salt, read.text, facts, options);
  return key !== undefined && key === job.storedKey ? { key, hit: true } : undefined;
}

/** Applies severities set by config or --rule: 'off' drops a finding. */
export function applyRules(findings: Finding[], rules: RuleMap): Finding[] {
  const out: Finding[] = [];
  for (const f of findings) {
    const s = rules[f.rule];
    if (s === 'off') continue;
    out.push(s && s !== f.severity ? { ...f, severity: s } : f);
  }
  return out;
}

export function errorText(err: unknown): string {
  return err instanceof Error ? (err.stack ?? err.message) : String(err);
}
