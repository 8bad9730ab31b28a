// Facts files that loaded without a single problem, remembered on disk between sessions: a new
// language server or CLI run reads the checked facts back instead of parsing and checking the same
// files again (for a 50 KB facts file that takes ~100-200 ms: most of the time between opening a
// draft and its first diagnostics, and of a CLI run over one draft). An entry is found by a hash
// of the build and of the files' paths and texts, so it is never stale: a changed file, or
// another build, is another entry. Used by the language server (lsp/facts.ts) and through
// loadFactsFiles (fsload.ts) by the CLI.
//
// The folder is the user's cache folder ($XDG_CACHE_HOME/factlint, ~/.cache/factlint,
// ~/Library/Caches/factlint, %LOCALAPPDATA%\factlint\Cache), or FACTLINT_CACHE_DIR (empty: no
// cache). Entries are written after the parse, atomically; anything unreadable is a miss; the
// oldest entries go past MAX_ENTRIES.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { FactLocation, FactsFile, ParsedFacts } from './load.js';

const FORMAT = 'factlint facts cache 1';
const MAX_ENTRIES = 32;
const PREFIX = 'facts-';

export function factsCacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.FACTLINT_CACHE_DIR !== undefined) return env.FACTLINT_CACHE_DIR === '' ? undefined : path.resolve(env.FACTLINT_CACHE_DIR);
  try {
    if (process.platform === 'win32') return env.LOCALAPPDATA ? path.join(env.LOCALAPPDATA, 'factlint', 'Cache') : undefined;
    if (process.platform === 'darwin') return path.join(os.homedir(), 'Library', 'Caches', 'factlint');
    return path.join(env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'factlint');
  } catch {
    return undefined;
  }
}

let build: string | undefined;
/** The server build (its bundle's size and time): another build may check facts differently. */
function buildId(): string {
  if (build === undefined) {
    try {
      const st = fs.statSync(__filename);
      build = `${st.size}:${st.mtimeMs}`;
    } catch {
      build = '';
    }
  }
  return build;
}

interface Entry {
  format: string;
  key: string;
  data: FactsFile;
  locations: [string, FactLocation][];
  file: string;
}

export class FactsCache {
  /** @param dir the cache folder (factsCacheDir()); undefined: no cache. */
  constructor(readonly dir: string | undefined) {}

  /** The key of these files with these texts. */
  key(files: readonly { file: string; text: string }[]): string {
    const h = createHash('sha256').update(`${FORMAT}\0${buildId()}\0`);
    for (const { file, text } of files) h.update(`${file}\0${text.length}\0`).update(text).update('\0');
    return h.digest('hex').slice(0, 40);
  }

  private fileOf(key: string): string {
    return path.join(this.dir!, `${PREFIX}${key}.json`);
  }

  /** The facts parsed from these files earlier, if remembered. */
  get(key: string): ParsedFacts | undefined {
    if (!this.dir) return undefined;
    try {
      const entry = JSON.parse(fs.readFileSync(this.fileOf(key), 'utf8')) as Entry;
      if (entry?.format !== FORMAT || entry.key !== key || !entry.data || !Array.isArray(entry.data.facts) || !Array.isArray(entry.locations)) return undefined;
      // Used: the entry is kept (the oldest go first). A callback, not fs.promises: loading that
      // module costs a start several milliseconds.
      const now = new Date();
      fs.utimes(this.fileOf(key), now, now, () => undefined);
      return { data: entry.data, problems: [], locations: new Map(entry.locations), file: entry.file };
    } catch {
      return undefined;
    }
  }

  /**
   * Remembers facts that loaded without a problem. Written at once (a few kB of JSON, a
   * millisecond or two after the parse it saves): a session that ends right after loading, as a
   * short one may, still leaves it for the next.
   */
  put(key: string, parsed: ParsedFacts): void {
    if (!this.dir || !parsed.data || parsed.problems.length) return;
    const entry: Entry = { format: FORMAT, key, data: parsed.data, locations: [...parsed.locations], file: parsed.file };
    const dir = this.dir;
    const target = this.fileOf(key);
    const temp = `${target}.${process.pid}.tmp`;
    try {
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
      fs.writeFileSync(temp, JSON.stringify(entry), { mode: 0o600 });
      fs.renameSync(temp, target);
    } catch {
      try {
        fs.rmSync(temp, { force: true });
      } catch {
        // nothing to clean up
      }
      return;
    }
    prune(dir);
  }
}

function prune(dir: string): void {
  try {
    const names = fs.readdirSync(dir).filter((n) => n.startsWith(PREFIX) && n.endsWith('.json'));
    if (names.length <= MAX_ENTRIES) return;
    const time = (n: string) => {
      try {
        return fs.statSync(path.join(dir, n)).mtimeMs;
      } catch {
        return 0;
      }
    };
    const dated = names.map((n) => ({ n, t: time(n) })).sort((a, b) => a.t - b.t);
    for (const { n } of dated.slice(0, dated.length - MAX_ENTRIES)) fs.rmSync(path.join(dir, n), { force: true });
  } catch {
    // pruned next time
  }
}
