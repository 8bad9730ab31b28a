// Reading facts files and source articles from disk (with diskcache.ts, the only parts of engine/facts
// that touch the file system); everything it finds wrong becomes a located problem, never a throw.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LineIndex } from '../text/positions.js';
import { readTextBounded } from './readfile.js';
import { MAX_FACTS_TEXT, mergeFacts, parseFactsText, problemAtSpan, type FactsProblem, type ParsedFacts } from './load.js';

/** Names of facts files in a directory. */
export const FACTS_FILE_RE = /\.facts\.(ya?ml|json)$/i;

export type LoadedFacts = ParsedFacts & { sourceTexts?: Map<string, string> };

function errorText(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err?.code) {
    case 'ENOENT':
      return 'not found';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'ENOTREG':
      return 'not a regular file';
    case 'ELOOP':
      return 'symbolic link loop';
    default:
      return String(err?.message ?? e);
  }
}

function fileProblem(file: string, message: string, code: string, severity: 'error' | 'warning' = 'error'): FactsProblem {
  return problemAtSpan({ file, lines: new LineIndex('') }, { start: 0, end: 0 }, [], message, code, severity);
}

/** A ParsedFacts for a file that could not be read. */
function failed(file: string, message: string, code: string): ParsedFacts {
  return { data: undefined, problems: [fileProblem(file, message, code)], locations: new Map(), file };
}

/** The facts files named by `p`: itself, or every *.facts.yaml/.yml/.json in it when a directory. */
function expand(p: string): { files: string[]; problem?: ParsedFacts } {
  let st: fs.Stats;
  try {
    st = fs.statSync(p);
  } catch (e) {
    return { files: [], problem: failed(p, `cannot read facts file: ${errorText(e)}`, 'unreadable') };
  }
  if (!st.isDirectory()) return { files: [p] };
  let names: string[];
  try {
    names = fs.readdirSync(p);
  } catch (e) {
    return { files: [], problem: failed(p, `cannot read facts folder: ${errorText(e)}`, 'unreadable') };
  }
  const files = names.filter((n) => FACTS_FILE_RE.test(n)).sort().map((n) => path.join(p, n));
  if (!files.length) return { files, problem: failed(p, 'no facts files (*.facts.yaml, *.facts.yml, *.facts.json) in this folder', 'no-facts-files') };
  return { files };
}

/** A facts file's text, or why it could not be read. */
function readText(file: string): { text: string } | { failure: ParsedFacts } {
  try {
    // Only a regular file, read up to the limit (a FIFO or /dev/zero must not hang the run).
    return { text: readTextBounded(file, MAX_FACTS_TEXT) };
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { size?: number };
    if (err?.code === 'EFBIG') {
      const mb = ((err.size ?? MAX_FACTS_TEXT + 1) / 1024 / 1024).toFixed(1);
      return { failure: failed(file, `facts file too large (${mb} MB; the limit is ${MAX_FACTS_TEXT / 1024 / 1024} MB)`, 'too-large') };
    }
    return { failure: failed(file, `cannot read facts file: ${errorText(e)}`, 'unreadable') };
  }
}

/**
 * Facts parsed earlier from the same files and texts (the CLI's and the language server's facts
 * cache on disk, FactsCache): `key` names a set of files with their texts; `put` keeps only facts
 * that loaded without a problem.
 */
export interface ParsedFactsCache {
  key(files: readonly { file: string; text: string }[]): string;
  get(key: string): ParsedFacts | undefined;
  put(key: string, parsed: ParsedFacts): void;
}

/**
 * Reads and merges facts files (a directory stands for every facts file in it). With `sourcesDir`,
 * also reads the article of every source (by its `file`, inside that folder) into `sourceTexts`.
 */
export function loadFactsFiles(paths: string[], opts: { sourcesDir?: string; cache?: ParsedFactsCache } = {}): LoadedFacts {
  const reads: ({ file: string; text: string } | { failure: ParsedFacts })[] = [];
  const seen = new Set<string>();
  for (const p of paths) {
    const { files, problem } = expand(p);
    if (problem) reads.push({ failure: problem });
    for (const f of files) {
      const key = path.resolve(f);
      if (seen.has(key)) continue;
      seen.add(key);
      const read = readText(f);
      reads.push('text' in read ? { file: f, text: read.text } : read);
    }
  }
  // The texts just read are the ones parsed and the ones the cache entry is found by.
  const allRead = reads.every((r) => 'text' in r) ? (reads as { file: string; text: string }[]) : undefined;
  const key = opts.cache && allRead ? opts.cache.key(allRead) : undefined;
  let merged: LoadedFacts | undefined = key ? opts.cache!.get(key) : undefined;
  if (!merged) {
    merged = mergeFacts(reads.map((r) => ('text' in r ? parseFactsText(r.text, r.file) : r.failure)));
    if (key) opts.cache!.put(key, merged);
  }
  if (opts.sourcesDir === undefined) return merged;

  const dir = opts.sourcesDir;
  let isDir = false;
  try {
    isDir = fs.statSync(dir).isDirectory();
  } catch {
    isDir = false;
  }
  if (!isDir) {
    merged.problems.push(fileProblem(dir, 'sources folder not found: quotes not checked against articles', 'sources-missing', 'warning'));
    return merged;
  }
  const texts = new Map<string, string>();
  const root = path.resolve(dir);
  for (const s of merged.data?.sources ?? []) {
    if (texts.has(s.file)) continue;
    const full = path.resolve(root, s.file);
    if (full !== root && !full.startsWith(root + path.sep)) continue; // outside the folder: reported as missing
    try {
      texts.set(s.file, readTextBounded(full, MAX_FACTS_TEXT));
    } catch {
      // missing: checkQuotes reports it at the source's `file:`
    }
  }
  merged.sourceTexts = texts;
  return merged;
}
