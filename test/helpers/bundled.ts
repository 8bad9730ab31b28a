// The bundled facts, loaded once for the engine tests.
import * as path from 'node:path';
import { loadFactsFiles } from '../../server/src/engine/facts/fsload.js';
import { buildFactBase, type FactBase } from '../../server/src/engine/claims/factbase.js';
import { checkDocument, type CheckOptions } from '../../server/src/engine/check.js';
import type { Finding } from '../../server/src/engine/types.js';

export const ROOT = path.resolve(__dirname, '..', '..');
export const FACTS_DIR = path.join(ROOT, 'facts');

let cached: FactBase | undefined;
export function bundledFacts(): FactBase {
  if (!cached) {
    const loaded = loadFactsFiles([FACTS_DIR]);
    const errors = loaded.problems.filter((p) => p.severity === 'error');
    if (!loaded.data || errors.length) throw new Error('bundled facts do not load: ' + errors.map((e) => e.message).join('; '));
    cached = buildFactBase(loaded.data, loaded.locations);
  }
  return cached;
}

/** Loud findings (error/warning) of a draft with the bundled facts. */
export function loud(text: string, options?: CheckOptions): Finding[] {
  return checkDocument(text, bundledFacts(), options).filter((f) => f.severity === 'error' || f.severity === 'warning');
}

export function all(text: string, options?: CheckOptions): Finding[] {
  return checkDocument(text, bundledFacts(), options);
}

/** The finding whose range covers `needle` (first occurrence) in `text`. */
export function findingAt(findings: Finding[], text: string, needle: string): Finding | undefined {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`"${needle}" not in the draft`);
  return findings.find((f) => f.start <= at && f.end >= at + needle.length);
}
