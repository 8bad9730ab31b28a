// Language servers over stdio, measured the way an editor sees them: a minimal LSP client
// (Content-Length framing, JSON-RPC) that times spawn → initialize result, didOpen → first
// publishDiagnostics and → the last of that version (a server may publish a long draft's
// diagnostics in steps), single-character edits → the diagnostics of that version, and hovers.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { median, percentile, vmHwmKb } from './lib.mjs';

const WAIT_MS = 30_000;
/** No further publishDiagnostics of the opened version for this long: the open is complete. */
const OPEN_QUIET_MS = 3000;

class Client {
  constructor(cmd, args, { cwd, settings }) {
    this.settings = settings;
    this.child = spawn(cmd, args, { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    this.pid = this.child.pid;
    this.nextId = 1;
    this.pending = new Map();
    this.diagWaiters = [];
    this.diagnostics = new Map(); // uri -> last params
    this.chunks = [];
    this.have = 0;
    this.need = undefined;
    this.stderr = '';
    this.exited = new Promise((resolve) => this.child.on('exit', (code, signal) => resolve({ code, signal })));
    this.child.stdout.on('data', (d) => this.onData(d));
    this.child.stderr.on('data', (d) => {
      this.stderr = (this.stderr + d).slice(-4000);
    });
    this.child.on('exit', () => {
      for (const p of this.pending.values()) p.reject(new Error(`server exited; stderr: ${this.stderr}`));
      this.pending.clear();
    });
  }

  // Chunks are kept in a list and joined once a whole message is there, as editors' JSON-RPC
  // readers do (vscode-jsonrpc's MessageBuffer): joining on every chunk would copy a message of
  // n chunks n times, a cost of this client and not of the server.
  onData(d) {
    this.chunks.push(d);
    this.have += d.length;
    for (;;) {
      if (this.need === undefined) {
        if (this.chunks.length > 1) this.chunks = [Buffer.concat(this.chunks)];
        const buf = this.chunks[0];
        if (!buf) return;
        const head = buf.indexOf('\r\n\r\n');
        if (head < 0) return;
        const m = /Content-Length:\s*(\d+)/i.exec(buf.subarray(0, head).toString('ascii'));
        if (!m) throw new Error('bad LSP header');
        this.need = Number(m[1]);
        this.chunks = [buf.subarray(head + 4)];
        this.have = buf.length - head - 4;
      }
      if (this.have < this.need) return;
      const buf = this.chunks.length > 1 ? Buffer.concat(this.chunks) : this.chunks[0];
      const body = buf.subarray(0, this.need).toString('utf8');
      const rest = buf.subarray(this.need);
      this.chunks = rest.length ? [rest] : [];
      this.have = rest.length;
      this.need = undefined;
      this.onMessage(JSON.parse(body), performance.now());
    }
  }

  onMessage(msg, at) {
    if (msg.id !== undefined && msg.method === undefined) {
      const p = this.pending.get(msg.id);
      if (p) {
        this.pending.delete(msg.id);
        if (msg.error) p.reject(new Error(`${p.method}: ${msg.error.message}`));
        else p.resolve({ result: msg.result, at });
      }
      return;
    }
    if (msg.id !== undefined) {
      // A request from the server: answer what an editor would.
      let result = null;
      if (msg.method === 'workspace/configuration') {
        result = (msg.params?.items ?? []).map((it) => (it.section === 'factlint' ? this.settings : it.section ? null : { factlint: this.settings }));
      }
      this.send({ jsonrpc: '2.0', id: msg.id, result });
      return;
    }
    if (msg.method === 'textDocument/publishDiagnostics') {
      const p = msg.params;
      this.diagnostics.set(p.uri, p);
      this.diagWaiters = this.diagWaiters.filter((w) => {
        if (w.uri !== p.uri || (w.version !== undefined && p.version !== undefined && p.version < w.version)) return true;
        w.resolve({ params: p, at });
        return false;
      });
    }
  }

  send(msg) {
    const body = Buffer.from(JSON.stringify(msg), 'utf8');
    this.child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.child.stdin.write(body);
  }

  request(method, params) {
    const id = this.nextId++;
    const sent = performance.now();
    const p = new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, method });
      setTimeout(() => reject(new Error(`${method}: no answer in ${WAIT_MS} ms`)), WAIT_MS).unref();
    });
    this.send({ jsonrpc: '2.0', id, method, params });
    return p.then((r) => ({ ...r, ms: r.at - sent }));
  }

  notify(method, params) {
    this.send({ jsonrpc: '2.0', method, params });
  }

  /** The next publishDiagnostics for `uri` (of `version` or later, when the server sends versions). */
  nextDiagnostics(uri, version) {
    return new Promise((resolve, reject) => {
      const w = { uri, version, resolve };
      this.diagWaiters.push(w);
      setTimeout(() => {
        if (this.diagWaiters.includes(w)) reject(new Error(`no diagnostics for version ${version} in ${WAIT_MS} ms`));
      }, WAIT_MS).unref();
    });
  }

  async stop() {
    try {
      await Promise.race([this.request('shutdown', null), new Promise((r) => setTimeout(r, 3000))]);
      this.notify('exit', null);
    } catch {
      // already gone
    }
    const t = setTimeout(() => this.child.kill('SIGKILL'), 3000);
    await this.exited;
    clearTimeout(t);
  }
}

function initializeParams(root, settings) {
  const uri = pathToFileURL(root).href;
  return {
    processId: process.pid,
    clientInfo: { name: 'factlint-bench' },
    rootUri: uri,
    workspaceFolders: [{ uri, name: path.basename(root) }],
    initializationOptions: { factlint: settings },
    capabilities: {
      workspace: { configuration: true, workspaceFolders: true, didChangeConfiguration: { dynamicRegistration: true } },
      textDocument: {
        synchronization: { dynamicRegistration: false, didSave: true },
        // What VS Code declares: a server that honours these sends what VS Code would get.
        publishDiagnostics: { versionSupport: true, relatedInformation: true, codeDescriptionSupport: true, dataSupport: true, tagSupport: { valueSet: [1, 2] } },
        hover: { contentFormat: ['markdown', 'plaintext'] },
      },
      window: { workDoneProgress: false },
    },
  };
}

/** Deterministic pseudo-random numbers (mulberry32). */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function positionAt(text, offset) {
  let line = 0;
  let start = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, character: offset - start };
}

/** Offsets of `count` places to type at: the start of a lower-case word in prose lines, spread over the draft. */
function editPlaces(text, count, seed) {
  const cands = [];
  const re = /(?<=^[A-Z][^\n|`>#-]*? )[a-z]{3,}/gm;
  for (const m of text.matchAll(re)) cands.push(m.index);
  const r = rng(seed);
  const picks = [];
  for (let i = 0; i < count; i++) {
    // One pick in each of `count` equal slices of the candidates: the whole document is covered.
    const lo = Math.floor((i * cands.length) / count);
    const hi = Math.floor(((i + 1) * cands.length) / count);
    picks.push(cands[lo + Math.floor(r() * Math.max(1, hi - lo))]);
  }
  return shuffle(picks, r);
}

function shuffle(a, r) {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

/** Offsets inside `count` figures ("$50 billion", "16,000", "2.1%") spread over the draft. */
function hoverPlaces(text, count) {
  const re = /\$\d[\d,.]*(?:[ -]?(?:billion|million|bn|B|m))?|\b\d{1,3}(?:,\d{3})+\b|\b\d+(?:\.\d+)?%/g;
  const all = [...text.matchAll(re)].map((m) => m.index + Math.floor(m[0].length / 2));
  const out = [];
  for (let i = 0; i < count && all.length; i++) out.push(all[Math.floor((i * all.length) / count)]);
  return out;
}

function latencies(ms) {
  return { n: ms.length, p50: percentile(ms, 50), p95: percentile(ms, 95), max: Math.max(...ms) };
}

/**
 * One server's editing sessions (benchServer results, the first with the cold starts) as one
 * result: latencies over the edits and hovers of all sessions, the median open, the largest RSS,
 * and each session's edit p95 (`sessionP95`) to show the spread.
 */
export function combineSessions(results) {
  const [first] = results;
  if (results.length === 1 || results.some((r) => !r.ok)) return results.find((r) => !r.ok) ?? { ...first, sessions: 1, sessionP95: [first.edit.p95] };
  const editAll = results.flatMap((r) => r.editAll);
  const hoverAll = results.flatMap((r) => r.hoverAll);
  return {
    ...first,
    sessions: results.length,
    openMs: median(results.map((r) => r.openMs)),
    openFullMs: median(results.map((r) => r.openFullMs)),
    edit: latencies(editAll),
    hover: { ...latencies(hoverAll), hits: results.reduce((n, r) => n + r.hover.hits, 0) },
    editAll,
    hoverAll,
    sessionP95: results.map((r) => r.edit.p95),
    rssMB: Math.max(...results.map((r) => r.rssMB)),
  };
}

/**
 * Measures one server. `cmd args` starts it on stdio; `draft` is the file to open.
 * Returns cold starts, open → diagnostics, edit and hover latencies and peak RSS.
 */
export async function benchServer({ name, cmd, args, draft, coldStarts = 5, edits = 50, hovers = 50, settings = {}, log = () => {} }) {
  const root = path.dirname(draft);
  const uri = pathToFileURL(draft).href;
  const init = initializeParams(root, settings);

  // Cold starts: spawn → initialize result, each in a fresh process.
  const cold = [];
  for (let i = 0; i < coldStarts; i++) {
    const t0 = performance.now();
    const c = new Client(cmd, args, { cwd: root, settings });
    const r = await c.request('initialize', init);
    cold.push(r.at - t0);
    c.notify('initialized', {});
    await c.stop();
  }

  // One editing session.
  const t0 = performance.now();
  const c = new Client(cmd, args, { cwd: root, settings });
  try {
    const initResult = await c.request('initialize', init);
    cold.push(initResult.at - t0);
    const caps = initResult.result?.capabilities ?? {};
    const syncKind = typeof caps.textDocumentSync === 'number' ? caps.textDocumentSync : (caps.textDocumentSync?.change ?? 1);
    c.notify('initialized', {});

    let text = fs.readFileSync(draft, 'utf8');
    let version = 1;
    const opened = c.nextDiagnostics(uri, version);
    const openSent = performance.now();
    c.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version, text } });
    const first = await opened;
    const openMs = first.at - openSent;
    const openDiagnostics = first.params.diagnostics.length;
    // A server may publish the diagnostics of a long draft in steps (the first part first): the
    // open is complete at the last publish of the version before OPEN_QUIET_MS without another.
    // Edits start after that.
    let last = first;
    for (;;) {
      const next = await Promise.race([c.nextDiagnostics(uri, version).catch(() => undefined), new Promise((r) => setTimeout(r, OPEN_QUIET_MS))]);
      if (!next) break;
      last = next;
    }
    const openFullMs = last.at - openSent;
    const openFullDiagnostics = last.params.diagnostics.length;
    log(`  ${name}: open → ${openDiagnostics} diagnostics in ${openMs.toFixed(0)} ms${last === first ? '' : `, all ${openFullDiagnostics} in ${openFullMs.toFixed(0)} ms`}`);

    // Edits: type one character at a different place each time, wait for that version's diagnostics.
    const editMs = [];
    const typed = [];
    for (const place of editPlaces(text, edits, 42)) {
      version++;
      // Places are offsets in the opened text: shift past the characters typed before them.
      const offset = place + typed.filter((p) => p < place).length;
      typed.push(place);
      const pos = positionAt(text, offset);
      text = `${text.slice(0, offset)}x${text.slice(offset)}`;
      const change = syncKind === 2 ? { range: { start: pos, end: pos }, text: 'x' } : { text };
      const next = c.nextDiagnostics(uri, version);
      const sent = performance.now();
      c.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
      const d = await next;
      editMs.push(d.at - sent);
    }

    // Hovers on figures.
    const hoverMs = [];
    let hoverHits = 0;
    for (const offset of hoverPlaces(text, hovers)) {
      const r = await c.request('textDocument/hover', { textDocument: { uri }, position: positionAt(text, offset) });
      hoverMs.push(r.ms);
      if (r.result) hoverHits++;
    }

    const rssMB = vmHwmKb(c.pid) / 1024 || NaN;
    return {
      name,
      ok: true,
      coldMs: median(cold),
      coldAll: cold,
      syncKind,
      openMs,
      openDiagnostics,
      openFullMs,
      openFullDiagnostics,
      edit: latencies(editMs),
      hover: { ...latencies(hoverMs), hits: hoverHits },
      editAll: editMs,
      hoverAll: hoverMs,
      rssMB,
    };
  } finally {
    await c.stop();
  }
}
