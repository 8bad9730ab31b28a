// Facts sets: the facts one draft is checked against (a list of files or folders), loaded once
// and shared by every draft that resolves to the same list. A facts file open in the editor is
// read from its buffer (unsaved edits count), else from disk. When a reload finds errors (or no
// data), the last good facts stay in force and the problems are reported in the facts files.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildFactBase, type FactBase } from '../engine/claims/factbase.js';
import { FACTS_FILE_RE, loadFactsFiles } from '../engine/facts/fsload.js';
import { MAX_FACTS_TEXT, mergeFacts, parseFactsText, type FactsProblem, type ParsedFacts } from '../engine/facts/load.js';
import { readTextBounded } from '../engine/facts/readfile.js';
import { FactsCache, factsCacheDir } from '../engine/facts/diskcache.js';
import type { FactsStatus } from './protocol.js';
import { errorText, type Logger } from './safe.js';
import { pathKey } from './uri.js';

/** Text of a facts file open in the editor, by absolute path. */
export type OpenText = (file: string) => string | undefined;

export class FactsSet {
  /** Facts files read at the last load (absolute). */
  files: string[] = [];
  /** Folders named by `paths`: a new facts file in one of them joins the set. */
  dirs: string[] = [];
  /** The facts in force: the last good load. */
  base?: FactBase;
  /** Problems of the last load (errors and warnings). */
  problems: FactsProblem[] = [];
  /** The last load had errors or gave no data. */
  broken = false;
  /** Bumped each time `base` is replaced. */
  generation = 0;
  loaded = false;

  constructor(
    readonly key: string,
    readonly paths: string[],
    readonly bundled: boolean,
  ) {}

  status(): FactsStatus {
    return {
      facts: this.base?.facts.size ?? 0,
      factsFiles: [...this.files],
      problems: this.problems.length,
      usingBundled: this.bundled,
      lastGoodInForce: this.broken && this.base !== undefined,
    };
  }

  /** Whether a facts file belongs (or, when created, would belong) to this set. */
  covers(file: string): boolean {
    const k = pathKey(file);
    if (this.files.some((f) => pathKey(f) === k) || this.paths.some((p) => pathKey(p) === k)) return true;
    return FACTS_FILE_RE.test(file) && this.dirs.some((d) => pathKey(path.dirname(file)) === pathKey(d));
  }
}

export interface ReloadOutcome {
  /** A new good fact base replaced the old one. */
  replaced: boolean;
}

export class FactsRegistry {
  private readonly sets = new Map<string, FactsSet>();

  constructor(
    private readonly openText: OpenText,
    private readonly log: Logger,
    private readonly cache: FactsCache = new FactsCache(factsCacheDir()),
  ) {}

  static keyOf(paths: string[]): string {
    return [...paths].map(pathKey).sort().join('\0');
  }

  /** The set for these paths, loaded on first use. */
  get(paths: string[], bundled: boolean): FactsSet {
    const key = FactsRegistry.keyOf(paths);
    let set = this.sets.get(key);
    if (!set) {
      set = new FactsSet(key, paths.map((p) => path.resolve(p)), bundled);
      this.sets.set(key, set);
      this.reload(set);
    }
    return set;
  }

  all(): FactsSet[] {
    return [...this.sets.values()];
  }

  /** Sets a facts file belongs to. */
  using(file: string): FactsSet[] {
    return this.all().filter((s) => s.covers(file));
  }

  /** Forget every set (config or settings changed); they load again on next use. */
  clear(): void {
    this.sets.clear();
  }

  /** Reads the set's files again. Never throws. */
  reload(set: FactsSet): ReloadOutcome {
    let parsed: ParsedFacts;
    let files: string[] = [];
    let dirs: string[] = [];
    try {
      ({ parsed, files, dirs } = this.read(set.paths));
    } catch (err) {
      parsed = { data: undefined, problems: [], locations: new Map(), file: set.paths.join(', ') };
      this.log.error(`factlint: cannot load the facts (${set.paths.join(', ')}): ${errorText(err)}`);
    }
    set.loaded = true;
    set.files = files;
    set.dirs = dirs;
    set.problems = parsed.problems;
    // Problems not in a facts file (a missing path, an empty folder) have no document to show in.
    const fileKeys = new Set(files.map(pathKey));
    for (const p of parsed.problems) if (!fileKeys.has(pathKey(p.file))) this.log.warn(`factlint: ${p.file}: ${p.message}`);
    const errors = parsed.problems.filter((p) => p.severity === 'error');
    let base: FactBase | undefined;
    if (parsed.data && errors.length === 0) {
      try {
        base = buildFactBase(parsed.data, parsed.locations);
      } catch (err) {
        this.log.error(`factlint: cannot use the facts (${set.paths.join(', ')}): ${errorText(err)}`);
      }
    }
    if (!base) {
      set.broken = true;
      const why = errors.length ? `${errors.length} error${errors.length === 1 ? '' : 's'}` : 'no facts';
      if (set.base) this.log.warn(`factlint: the facts files have ${why} (${set.paths.join(', ')}); the last good facts (${set.base.facts.size} facts) stay in force`);
      else this.log.warn(`factlint: no usable facts in ${set.paths.join(', ')} (${why}); drafts using them are not checked`);
      return { replaced: false };
    }
    set.broken = false;
    set.base = base;
    set.generation++;
    this.log.info(`factlint: loaded ${base.facts.size} facts from ${files.join(', ')}`);
    return { replaced: true };
  }

  private read(paths: string[]): { parsed: ParsedFacts; files: string[]; dirs: string[] } {
    /** A file's text (from its buffer or the disk), or how to load it with its problems. */
    const sources: { file: string; text?: string; open?: boolean; load?: () => ParsedFacts }[] = [];
    const files: string[] = [];
    const dirs: string[] = [];
    const seen = new Set<string>();
    const one = (file: string) => {
      const k = pathKey(file);
      if (seen.has(k)) return;
      seen.add(k);
      files.push(file);
      const text = this.openText(file);
      if (text !== undefined) return void sources.push({ file, text, open: true });
      try {
        sources.push({ file, text: readTextBounded(file, MAX_FACTS_TEXT) });
      } catch {
        // Not readable: the loader says why.
        sources.push({ file, load: () => loadFactsFiles([file]) });
      }
    };
    for (const p of paths) {
      let isDir = false;
      try {
        isDir = fs.statSync(p).isDirectory();
      } catch {
        isDir = false;
      }
      if (!isDir) {
        one(p);
        continue;
      }
      dirs.push(p);
      let names: string[] = [];
      try {
        names = fs.readdirSync(p).filter((n) => FACTS_FILE_RE.test(n)).sort();
      } catch {
        names = [];
      }
      // An empty or unreadable folder: the loader reports it.
      if (!names.length) sources.push({ file: p, load: () => loadFactsFiles([p]) });
      for (const n of names) one(path.join(p, n));
    }
    // Files that all read: facts parsed from the same texts before are remembered.
    const texts = sources.every((s) => s.text !== undefined) ? (sources as { file: string; text: string }[]) : undefined;
    const key = texts ? this.cache.key(texts) : undefined;
    const remembered = key ? this.cache.get(key) : undefined;
    if (remembered) return { parsed: remembered, files, dirs };
    const parsed = mergeFacts(sources.map((s) => (s.text !== undefined ? parseFactsText(s.text, s.file) : s.load!())));
    // Remembered from the disk only (a buffer being edited would leave an entry per pause).
    if (key && !sources.some((s) => s.open)) this.cache.put(key, parsed);
    return { parsed, files, dirs };
  }
}

/** Problems of one facts file, gathered across sets (a file in two sets is reported once). */
export function problemsByFile(sets: FactsSet[]): Map<string, { file: string; problems: FactsProblem[] }> {
  const out = new Map<string, { file: string; problems: FactsProblem[]; seen: Set<string> }>();
  for (const set of sets) {
    for (const file of set.files) {
      const k = pathKey(file);
      if (!out.has(k)) out.set(k, { file, problems: [], seen: new Set() });
    }
    const fileKeys = new Set(set.files.map(pathKey));
    for (const p of set.problems) {
      // The bundled facts' warnings are the package's business, not the writer's.
      if (set.bundled && p.severity !== 'error') continue;
      const k = pathKey(p.file);
      const entry = out.get(k);
      if (!entry || !fileKeys.has(k)) continue;
      const id = `${p.line}:${p.column}:${p.code}:${p.message}`;
      if (entry.seen.has(id)) continue;
      entry.seen.add(id);
      entry.problems.push(p);
    }
  }
  return new Map([...out].map(([k, v]) => [k, { file: v.file, problems: v.problems }]));
}

/** Whether a path names a facts file by its name. */
export function isFactsFileName(file: string): boolean {
  return FACTS_FILE_RE.test(file);
}

