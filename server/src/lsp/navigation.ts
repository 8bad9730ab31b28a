// Go to definition (a bound figure or `[^id]` -> the fact in the facts file) and find references
// (every figure and `[^id]` tied to a fact, across the workspace's drafts).
import * as fs from 'node:fs';
import type { CancellationToken, Location, Range } from 'vscode-languageserver/node';
import type { FactBase } from '../engine/claims/factbase.js';
import type { DocumentResult } from '../engine/check.js';
import { LineIndex } from '../engine/text/positions.js';
import { factLocation, rangeOf } from './diagnostics.js';
import type { DraftResult } from './drafts.js';
import { factIdAt } from './lookup.js';
import { pathKey, pathToUri } from './uri.js';

export function definitionAt(result: DraftResult, offset: number): Location | null {
  const base = result.base;
  if (!base) return null;
  const at = factIdAt(result, offset, (id) => base.facts.has(id));
  if (!at) return null;
  return factLocation(base, at.factId) ?? null;
}

/** The fact whose `id:` is on a line of a facts file (1-based line), if any. */
export function factIdOnLine(base: FactBase, file: string, line: number): string | undefined {
  const k = pathKey(file);
  for (const [id, loc] of base.locations) if (loc.line === line && pathKey(loc.file) === k) return id;
  return undefined;
}

/** Figures and references per fact id in one draft. */
export type Occurrences = Map<string, Range[]>;

export function occurrencesOf(result: Pick<DocumentResult, 'bindings' | 'parsed'>, lines: LineIndex, isFact: (id: string) => boolean): Occurrences {
  const out: Occurrences = new Map();
  const add = (id: string, start: number, end: number) => {
    const list = out.get(id) ?? [];
    list.push(rangeOf(lines, start, end));
    out.set(id, list);
  };
  for (const b of result.bindings) add(b.factId, b.start, b.end);
  for (const r of result.parsed.footnoteRefs) if (isFact(r.label)) add(r.label, r.start, r.end);
  for (const list of out.values()) list.sort((a, b) => a.start.line - b.start.line || a.start.character - b.start.character);
  return out;
}

/** A closed draft checked from disk. */
export interface FileCheck {
  result: DocumentResult;
  lines: LineIndex;
  base: FactBase;
  /** Identifies the facts and settings used. */
  stamp: string;
}

export interface ReferenceSources {
  /** Drafts in the workspace (absolute paths). */
  drafts(): string[];
  /** Drafts open in the editor (URIs), including unsaved and untitled ones. */
  openDrafts(): string[];
  /** Occurrences in an open draft (by URI). */
  openByUri(uri: string): Promise<Occurrences | undefined>;
  /** URI and occurrences of a draft open in the editor (by path), or undefined when it is not open. */
  open(file: string): Promise<{ uri: string; occurrences: Occurrences } | undefined>;
  /** The stamp (facts and settings) a closed draft would be checked with, or undefined when it is not checked. */
  stamp(file: string): Promise<string | undefined>;
  /** Checks a closed draft from disk. */
  check(file: string): Promise<FileCheck | undefined>;
}

interface Cached {
  mtimeMs: number;
  size: number;
  stamp: string;
  occurrences: Occurrences;
}

/** Occurrences of closed drafts, kept while the file and the facts are unchanged. */
export class ReferenceIndex {
  private readonly cache = new Map<string, Cached>();

  constructor(private readonly sources: ReferenceSources) {}

  forget(file: string): void {
    this.cache.delete(pathKey(file));
  }

  clear(): void {
    this.cache.clear();
  }

  async references(factId: string, token?: CancellationToken): Promise<Location[]> {
    const out: Location[] = [];
    let n = 0;
    const seen = new Set<string>();
    for (const uri of this.sources.openDrafts()) {
      if (token?.isCancellationRequested) break;
      seen.add(uri);
      const occ = await this.sources.openByUri(uri);
      for (const range of occ?.get(factId) ?? []) out.push({ uri, range });
    }
    for (const file of this.sources.drafts()) {
      if (token?.isCancellationRequested) break;
      // Let other messages through on long scans.
      if (++n % 20 === 0) await new Promise((r) => setImmediate(r));
      const open = await this.sources.open(file);
      if (open) {
        if (!seen.has(open.uri)) for (const range of open.occurrences.get(factId) ?? []) out.push({ uri: open.uri, range });
        continue;
      }
      const occ = await this.closed(file);
      for (const range of occ?.get(factId) ?? []) out.push({ uri: pathToUri(file), range });
    }
    return out;
  }

  private async closed(file: string): Promise<Occurrences | undefined> {
    let st: fs.Stats;
    try {
      st = fs.statSync(file);
    } catch {
      this.forget(file);
      return undefined;
    }
    const stamp = await this.sources.stamp(file);
    if (stamp === undefined) return undefined;
    const k = pathKey(file);
    const hit = this.cache.get(k);
    if (hit && hit.mtimeMs === st.mtimeMs && hit.size === st.size && hit.stamp === stamp) return hit.occurrences;
    const checked = await this.sources.check(file);
    if (!checked) return undefined;
    const occurrences = occurrencesOf(checked.result, checked.lines, (id) => checked.base.facts.has(id));
    this.cache.set(k, { mtimeMs: st.mtimeMs, size: st.size, stamp: checked.stamp, occurrences });
    return occurrences;
  }
}
