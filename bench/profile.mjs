// CPU profile of the factlint CLI: `node --cpu-prof dist/cli.js` over a corpus folder, then the
// self time per function, mapped back through dist/cli.js.map to the TypeScript (or dependency)
// source, its file and line. Function names come from the original source line (the bundle is
// minified).
//   node bench/profile.mjs [DIR]        default: the 1,000-file corpus
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { SourceMap } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.dirname(HERE);
export const PROFILE_DIR = path.join(HERE, '.profile');
const OUT = PROFILE_DIR;

/** Runs the CLI under --cpu-prof; returns the profile's path. */
export function recordProfile(dir, { cli = path.join(ROOT, 'dist', 'cli.js') } = {}) {
  fs.mkdirSync(OUT, { recursive: true });
  const name = `cli-${Date.now()}.cpuprofile`;
  const r = spawnSync(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${OUT}`, `--cpu-prof-name=${name}`, cli, "--format", "json", "-j", "1", "."], {
    cwd: dir,
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0 && r.status !== 1) throw new Error(`factlint exited with ${r.status}: ${r.stderr.slice(-1000)}`);
  return path.join(OUT, name);
}

/** Self time per function (and per source file / area) of a .cpuprofile of `bundle`. */
export function summarize(file, { bundle = path.join(ROOT, 'dist', 'cli.js'), top = 20 } = {}) {
  const prof = JSON.parse(fs.readFileSync(file, 'utf8'));
  const mapFile = `${bundle}.map`;
  const payload = fs.existsSync(mapFile) ? JSON.parse(fs.readFileSync(mapFile, 'utf8')) : undefined;
  const map = payload ? new SourceMap(payload) : undefined;
  const bundleUrl = pathToFileURL(bundle).href;
  const sourceLines = new Map();
  const linesOf = (src) => {
    if (!sourceLines.has(src)) {
      const i = payload.sources.indexOf(src);
      sourceLines.set(src, (payload.sourcesContent?.[i] ?? '').split('\n'));
    }
    return sourceLines.get(src);
  };

  // Self time of each node: the time from each of its samples to the next one.
  const self = new Map();
  const { samples, timeDeltas } = prof;
  let t = prof.startTime;
  const times = samples.map((_, i) => (t += timeDeltas[i]));
  for (let i = 0; i < samples.length; i++) {
    const dt = (i + 1 < samples.length ? times[i + 1] : prof.endTime) - times[i];
    self.set(samples[i], (self.get(samples[i]) ?? 0) + dt);
  }
  // Idle time (waiting for input) is not work: it is left out of the shares.
  const idleIds = new Set(prof.nodes.filter((n) => n.callFrame.functionName === '(idle)').map((n) => n.id));
  let idle = 0;
  for (const id of idleIds) {
    idle += self.get(id) ?? 0;
    self.delete(id);
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0);

  const byFn = new Map();
  const byFile = new Map();
  const byArea = new Map();
  const add = (m, k, v, extra) => {
    const e = m.get(k) ?? { us: 0, ...extra };
    e.us += v;
    m.set(k, e);
  };
  for (const node of prof.nodes) {
    const us = self.get(node.id);
    if (!us) continue;
    const cf = node.callFrame;
    let fn = cf.functionName || '(anonymous)';
    let where = cf.url ? `${cf.url.replace(/^file:\/\//, '')}:${cf.lineNumber + 1}` : '';
    let src = cf.url || cf.functionName;
    if (map && cf.url === bundleUrl) {
      const e = map.findEntry(cf.lineNumber, cf.columnNumber);
      if (e && e.originalSource) {
        src = normalizeSource(e.originalSource);
        where = `${src}:${e.originalLine + 1}`;
        fn = nameAt(linesOf(e.originalSource), e.originalLine, e.originalColumn) ?? fn;
      }
    } else if (!cf.url) {
      // (garbage collector), (program), or native code V8 does not name.
      if (!cf.functionName) fn = '(native)';
      src = fn;
    }
    add(byFn, `${fn}\u0000${where}`, us, { fn, where });
    add(byFile, src, us);
    add(byArea, areaOf(src), us);
  }
  const rank = (m) => [...m.entries()].map(([k, v]) => ({ key: k, ...v, ms: v.us / 1000, share: v.us / total })).sort((a, b) => b.us - a.us);
  return {
    totalMs: total / 1000,
    idleMs: idle / 1000,
    wallMs: (prof.endTime - prof.startTime) / 1000,
    functions: rank(byFn).slice(0, top),
    files: rank(byFile).slice(0, top),
    areas: rank(byArea),
  };
}

function normalizeSource(s) {
  return s.replace(/^(\.\.\/)+/, '');
}

/** server/src/engine/<part>, a dependency's name, node internals, or V8's own buckets. */
function areaOf(src) {
  if (!src) return '(unknown)';
  let m = /^server\/src\/(engine\/[^/]+|cli)/.exec(src);
  if (m) return m[1];
  m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(src);
  if (m) return `dep: ${m[1]}`;
  if (src.startsWith('node:')) return 'node internals';
  return src;
}

/** The function declared at (line, column) of a source: `function f(`, `f(...) {`, `f = (`, `class C`. */
function nameAt(lines, line, column) {
  const text = lines[line] ?? '';
  const at = text.slice(column);
  const before = text.slice(0, column);
  let m = /^(?:export\s+)?(?:default\s+)?(?:async\s+)?function\s*\*?\s*([\w$]+)/.exec(at);
  if (m) return m[1];
  m = /^(?:(?:static|private|public|protected|async|get|set|override|readonly)\s+)*\*?\s*(#?[\w$]+)\s*(?:<[^>]*>)?\s*\(/.exec(at);
  if (m && !['if', 'for', 'while', 'switch', 'catch', 'function', 'return'].includes(m[1])) return m[1];
  m = /(?:const|let|var)\s+([\w$]+)\s*(?::[^=]+)?=\s*(?:async\s*)?$/.exec(before) ?? /([\w$.]+)\s*[:=]\s*(?:async\s*)?$/.exec(before);
  if (m) return `${m[1]} (arrow)`;
  m = /\.(\w+)\(\s*(?:async\s*)?$/.exec(before) ?? /\.(\w+)\([^()]*,\s*(?:async\s*)?$/.exec(before);
  if (m) return `callback of .${m[1]}()`;
  m = /^(?:export\s+)?class\s+([\w$]+)/.exec(at);
  if (m) return `${m[1]} (class)`;
  return undefined;
}

export function profileMarkdown(s, top = 15) {
  const pct = (x) => `${(x * 100).toFixed(1)}%`;
  const lines = [];
  lines.push(`Sampled busy time ${(s.totalMs / 1000).toFixed(2)} s (profile span ${(s.wallMs / 1000).toFixed(2)} s, idle ${(s.idleMs / 1000).toFixed(2)} s left out); shares are of the busy time.`, '');
  lines.push('| Self time | Share | Function | Source |', '| ---: | ---: | --- | --- |');
  for (const f of s.functions.slice(0, top)) lines.push(`| ${f.ms.toFixed(0)} ms | ${pct(f.share)} | \`${f.fn}\` | ${f.where || '—'} |`);
  lines.push('', '| By area | Self time | Share |', '| --- | ---: | ---: |');
  for (const a of s.areas.slice(0, 12)) lines.push(`| ${a.key} | ${a.ms.toFixed(0)} ms | ${pct(a.share)} |`);
  lines.push('', '| By source file | Self time | Share |', '| --- | ---: | ---: |');
  for (const f of s.files.slice(0, 10)) lines.push(`| ${f.key} | ${f.ms.toFixed(0)} ms | ${pct(f.share)} |`);
  return lines.join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { ensureCorpus } = await import('./corpus.mjs');
  const dir = process.argv[2] ? path.resolve(process.argv[2]) : ensureCorpus({ log: console.log }).sets[1000];
  const file = recordProfile(dir);
  console.log(`profile: ${path.relative(process.cwd(), file)}\n`);
  console.log(profileMarkdown(summarize(file), 25));
}
