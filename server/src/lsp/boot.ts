// The language server's entry (bundled to dist/server.js): loads the server itself
// (dist/server-core.js, bundled from main.ts) with V8's code cache, so a new session does not
// compile the ~1 MB bundle again (~40 ms of every start). The cache is made once per build, after
// the first draft is checked (it then holds the functions checking needs, compiled), and kept in
// the user's cache folder (factsCache.ts); a missing, rejected or unreadable cache only means
// compiling as usual. Nothing else of the server runs here.
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { factsCacheDir } from './factsCache.js';

const core = path.join(__dirname, 'server-core.js');
const source = fs.readFileSync(core, 'utf8');
const st = fs.statSync(core);
const dir = factsCacheDir();
// One file per build (the size and time of the bundle, and the V8 version).
const cacheFile = dir ? path.join(dir, `server-core-${st.size}-${Math.round(st.mtimeMs)}-${process.versions.v8}.v8cache`) : undefined;

let cachedData: Buffer | undefined;
try {
  if (cacheFile) cachedData = fs.readFileSync(cacheFile);
} catch {
  cachedData = undefined;
}

const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: core, cachedData });
const used = cachedData !== undefined && !script.cachedDataRejected;

/** Writes the code cache (once, when the server is warm): see CODE_CACHE in main.ts. */
function saveCodeCache(): void {
  if (used || !cacheFile || !dir) return;
  try {
    const data = script.createCachedData();
    const temp = `${cacheFile}.${process.pid}.tmp`;
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    fs.writeFileSync(temp, data, { mode: 0o600 });
    fs.renameSync(temp, cacheFile);
    // Caches of other builds go.
    for (const name of fs.readdirSync(dir)) {
      if (name.startsWith('server-core-') && path.join(dir, name) !== cacheFile) fs.rmSync(path.join(dir, name), { force: true });
    }
  } catch {
    // no cache then
  }
}

const shared = globalThis as { [k: symbol]: unknown };
shared[Symbol.for('factlint.saveCodeCache')] = saveCodeCache;
shared[Symbol.for('factlint.codeCache')] = !cacheFile ? 'none' : used ? 'used' : cachedData ? 'rejected' : 'made later';
const module_ = { exports: {} };
(script.runInThisContext() as (...args: unknown[]) => void).call(module_.exports, module_.exports, createRequire(core), module_, core, __dirname);
