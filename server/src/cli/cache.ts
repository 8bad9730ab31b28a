// `--cache`: remembers each draft's diagnostics under a content hash, so an unchanged draft is not
// checked again. The key is sha256 of the draft's text, the facts' fingerprint, the check options
// (the effective rule severities), the factlint version and the running bundle itself, so any
// change to the draft, the facts, the config or factlint is a miss. Entries are stored per draft
// path (relative to the cache file's folder); a cache file that cannot be read or parsed is
// ignored with a warning and rewritten, never fatal.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic } from './report.js';
import { readTextBounded } from '../engine/facts/readfile.js';

export const DEFAULT_CACHE_FILE = '.factlintcache';
const FORMAT = 1;

interface CacheFile {
  format: number;
  version: string;
  entries: Record<string, { key: string; diagnostics: Diagnostic[] }>;
}

export class DraftCache {
  hits = 0;
  misses = 0;
  private readonly dir: string;
  private entries: CacheFile['entries'] = Object.create(null);
  private dirty = false;

  private constructor(
    readonly file: string,
    private readonly salt: string,
    private readonly version: string,
  ) {
    this.dir = path.dirname(file);
  }

  /**
   * Opens the cache at `location` (relative to `cwd`): a file, or a folder (existing, or written
   * with a trailing slash) to hold `.factlintcache`. Problems with the file are reported through
   * `warn` and give an empty cache.
   */
  static open(location: string, cwd: string, version: string, warn: (s: string) => void): DraftCache {
    let file = path.resolve(cwd, location);
    try {
      if (/[\\/]$/.test(location) || fs.statSync(file).isDirectory()) file = path.join(file, DEFAULT_CACHE_FILE);
    } catch {
      // no such file yet: it is the file
    }
    const cache = new DraftCache(file, cacheSalt(version), version);
    let text: string | undefined;
    try {
      text = readTextBounded(cache.file, 256 * 1024 * 1024);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT') warn(`factlint: ignoring the cache ${cache.file}: cannot read it (${code ?? String(err)})`);
    }
    if (text !== undefined) {
      const data = parse(text);
      if (typeof data === 'string') {
        warn(`factlint: ignoring the cache ${cache.file}: ${data}; it will be rewritten`);
        cache.dirty = true;
      } else if (data.version === version) cache.entries = data.entries;
      else cache.dirty = true;
    }
    return cache;
  }

  /** What salts every key (the factlint version and build); workers checking drafts for this cache compute keys with it. */
  get keySalt(): string {
    return this.salt;
  }

  /** The key of a draft's text checked against `facts` with `options`; undefined when the facts have no fingerprint (not cacheable). */
  key(text: string, facts: unknown, options: unknown): string | undefined {
    return draftKey(this.salt, text, facts, options);
  }

  /** The key stored for the draft at `abs`, if any (a worker compares it with the draft's key before checking). */
  storedKey(abs: string): string | undefined {
    return this.entries[this.rel(abs)]?.key;
  }

  /** The stored diagnostics of the draft at `abs` if they were stored under `key`. */
  get(abs: string, key: string | undefined): Diagnostic[] | undefined {
    const e = key === undefined ? undefined : this.entries[this.rel(abs)];
    if (e && e.key === key) {
      this.hits++;
      return e.diagnostics;
    }
    this.misses++;
    return undefined;
  }

  set(abs: string, key: string | undefined, diagnostics: Diagnostic[]): void {
    if (key === undefined) return;
    this.entries[this.rel(abs)] = { key, diagnostics };
    this.dirty = true;
  }

  /** Writes the cache if it changed (dropping entries of drafts that no longer exist); problems go to `warn`. */
  save(warn: (s: string) => void): void {
    if (!this.dirty) return;
    for (const rel of Object.keys(this.entries)) {
      if (!fs.existsSync(path.resolve(this.dir, rel))) delete this.entries[rel];
    }
    const data: CacheFile = { format: FORMAT, version: this.version, entries: this.entries };
    const tmp = `${this.file}.${process.pid}.tmp`;
    try {
      fs.mkdirSync(this.dir, { recursive: true });
      fs.writeFileSync(tmp, JSON.stringify(data));
      fs.renameSync(tmp, this.file);
      this.dirty = false;
    } catch (err) {
      try {
        fs.rmSync(tmp, { force: true });
      } catch {
        // nothing to clean up
      }
      warn(`factlint: cannot write the cache ${this.file}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  private rel(abs: string): string {
    return path.relative(this.dir, path.resolve(abs)).split(path.sep).join('/');
  }
}

/** What salts every key: the factlint version and a hash of the running bundle. */
export function cacheSalt(version: string): string {
  return `${version}\0${buildId()}`;
}

/** A cache key (see DraftCache.key) with the cache's salt. */
export function draftKey(salt: string, text: string, facts: unknown, options: unknown): string | undefined {
  const fingerprint = factsFingerprint(facts);
  if (fingerprint === undefined) return undefined;
  return createHash('sha256')
    .update(salt)
    .update('\0')
    .update(fingerprint)
    .update('\0')
    .update(stableJson(options))
    .update('\0')
    .update(text)
    .digest('hex');
}

const fingerprints = new WeakMap<object, string>();
/**
 * The fact base's `fingerprint` (a 32-bit hash) strengthened with a sha256 of the facts data it
 * was built from, computed once per fact base; undefined without a fingerprint.
 */
function factsFingerprint(facts: unknown): string | undefined {
  if (!facts || typeof facts !== 'object') return undefined;
  let fp = fingerprints.get(facts);
  if (fp === undefined) {
    const base = facts as { fingerprint?: unknown; file?: unknown };
    if (typeof base.fingerprint !== 'string' || !base.fingerprint) return undefined;
    let data = '';
    try {
      data = base.file === undefined ? '' : createHash('sha256').update(JSON.stringify(base.file) ?? '').digest('hex');
    } catch {
      // not serialisable: the fingerprint alone
    }
    fp = `${base.fingerprint}:${data}`;
    fingerprints.set(facts, fp);
  }
  return fp;
}

/** The cache file's contents, or why they are unusable. */
function parse(text: string): CacheFile | string {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return 'it is not valid JSON';
  }
  const d = data as Partial<CacheFile> | null;
  if (!d || typeof d !== 'object' || d.format !== FORMAT || typeof d.version !== 'string') return 'it is not a factlint cache (or an older format)';
  if (!d.entries || typeof d.entries !== 'object' || Array.isArray(d.entries)) return 'it has no entries';
  const entries: CacheFile['entries'] = Object.create(null);
  for (const [rel, e] of Object.entries(d.entries)) {
    // A damaged entry is dropped on its own; the rest of the cache stays usable.
    if (e && typeof e === 'object' && typeof e.key === 'string' && Array.isArray(e.diagnostics) && e.diagnostics.every(isDiagnostic)) entries[rel] = e;
  }
  return { format: FORMAT, version: d.version, entries };
}

function isDiagnostic(d: unknown): d is Diagnostic {
  const o = d as Record<string, unknown> | null;
  return (
    !!o &&
    typeof o === 'object' &&
    ['line', 'column', 'endLine', 'endColumn'].every((k) => Number.isInteger(o[k])) &&
    ['severity', 'code', 'message'].every((k) => typeof o[k] === 'string')
  );
}

/** JSON with object keys sorted, so equal options give equal keys. */
function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v)
      .sort()
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${stableJson((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

let build: string | undefined;
/** A hash of the running factlint bundle: a rebuilt engine invalidates the cache even when the version number did not change. */
function buildId(): string {
  if (build === undefined) {
    try {
      build = typeof __filename === 'string' ? createHash('sha256').update(fs.readFileSync(__filename)).digest('hex').slice(0, 16) : '';
    } catch {
      build = '';
    }
  }
  return build;
}
