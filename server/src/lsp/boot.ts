// The language server's entry (bundled to dist/server.js): loads the server itself
// (dist/server-core.js, bundled from main.ts) with V8's code cache, so a new session does not
// compile the ~1 MB bundle again (~40 ms of every start, and as much again on the first check).
// The cache is made once per build and kept in the user's cache folder (engine/facts/diskcache.ts): a warm one
// after the first draft is checked (it then holds the functions checking needs, compiled), and,
// by a session that shuts down before it checked a draft (and found no cache), a start-up one at
// shutdown (the functions of starting and loading facts), which the next session loads until it
// makes the warm one. A missing, rejected or unreadable cache only means compiling as usual.
// Nothing else of the server runs here.
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { factsCacheDir } from '../engine/facts/diskcache.js';

const core = path.join(__dirname, 'server-core.js');
const source = fs.readFileSync(core, 'utf8');
const st = fs.statSync(core);
const dir = factsCacheDir();
// Files per build (the size and time of the bundle, and the V8 version): the warm cache, and the
// start-up one.
const base = dir ? path.join(dir, `server-core-${st.size}-${Math.round(st.mtimeMs)}-${process.versions.v8}`) : undefined;
const warmFile = base ? `${base}.v8cache` : undefined;
const startFile = base ? `${base}.start.v8cache` : undefined;

type Stage = 'warm' | 'start';
function read(file: string | undefined): Buffer | undefined {
  try {
    return file ? fs.readFileSync(file) : undefined;
  } catch {
    return undefined;
  }
}
let cachedData = read(warmFile);
let stage: Stage | undefined = cachedData ? 'warm' : undefined;
if (!cachedData) {
  cachedData = read(startFile);
  if (cachedData) stage = 'start';
}

const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: core, cachedData });
const used: Stage | undefined = cachedData !== undefined && !script.cachedDataRejected ? stage : undefined;
let saved: Stage | undefined;

/**
 * Writes the code cache: 'warm' once the server is warm (see warm.ts), unless it loaded the warm
 * one; 'start' at shutdown, only when it loaded no cache and wrote none.
 */
function saveCodeCache(want: Stage = 'warm'): void {
  if (!base || !dir || saved === 'warm' || used === 'warm') return;
  if (want === 'start' && (used || saved)) return;
  const file = want === 'warm' ? warmFile! : startFile!;
  try {
    const data = script.createCachedData();
    const temp = `${file}.${process.pid}.tmp`;
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    fs.writeFileSync(temp, data, { mode: 0o600 });
    fs.renameSync(temp, file);
    saved = want;
    // The others go: of other builds, and the start-up one once the warm one is there.
    for (const name of fs.readdirSync(dir)) {
      if (name.startsWith('server-core-') && path.join(dir, name) !== file) fs.rmSync(path.join(dir, name), { force: true });
    }
  } catch {
    // no cache then
  }
}

const shared = globalThis as { [k: symbol]: unknown };
shared[Symbol.for('factlint.saveCodeCache')] = saveCodeCache;
shared[Symbol.for('factlint.codeCache')] = !base ? 'none' : used === 'warm' ? 'used' : used ? 'used (start-up only)' : cachedData ? 'rejected' : 'made later';
const module_ = { exports: {} };
(script.runInThisContext() as (...args: unknown[]) => void).call(module_.exports, module_.exports, createRequire(core), module_, core, __dirname);
