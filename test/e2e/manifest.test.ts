// The extension manifest (package.json contributes) against the code it describes: run with the
// unit tests (vitest), so a new rule or setting cannot ship without its editor contribution.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../server/src/engine/rules/catalog';
import { RULE_SETTINGS } from '../../server/src/engine/config/schema';
import { DEFAULT_SETTINGS } from '../../server/src/lsp/settings';

/** Runs Node with these options on a script (a file, or `-e` code); its stdout, a number. Node must print nothing on stderr. */
function nodeNumber(flags: string[], script: string[]): number {
  const r = spawnSync(process.execPath, [...flags, ...script], { encoding: 'utf8' });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return Number(r.stdout);
}

const ROOT = path.resolve(__dirname, '../..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const props = pkg.contributes.configuration.properties as Record<string, Record<string, unknown>>;

describe('extension manifest', () => {
  it('targets VS Code ^1.91.0 (vscode-languageclient 11) and @types/vscode is not newer', () => {
    expect(pkg.engines.vscode).toBe('^1.91.0');
    const types = pkg.devDependencies['@types/vscode'].replace(/^[\^~]/, '');
    expect(types.split('.').map(Number)[1]).toBeLessThanOrEqual(91);
    expect(pkg.main).toBe('./dist/client.js');
  });

  it('factlint.rules lists every rule code with the five severities', () => {
    const rules = props['factlint.rules'].properties as Record<string, { enum: string[]; description: string }>;
    expect(Object.keys(rules)).toEqual(RULES.map((r) => r.code));
    for (const r of RULES) {
      expect(rules[r.code].enum).toEqual([...RULE_SETTINGS]);
      expect(rules[r.code].description).toBe(`${r.summary} (default: ${r.severity})`);
    }
  });

  it("contributes exactly the server's settings, with its defaults", () => {
    const keys = Object.keys(props).filter((k) => k !== 'factlint.trace.server');
    expect(keys.sort()).toEqual(Object.keys(DEFAULT_SETTINGS).map((k) => `factlint.${k}`).sort());
    for (const [k, v] of Object.entries(DEFAULT_SETTINGS)) expect(props[`factlint.${k}`].default).toEqual(v);
    for (const [k, v] of Object.entries(props)) expect(v.description ?? v.markdownDescription, k).toBeTruthy();
    expect(props['factlint.trace.server'].enum).toEqual(['off', 'messages', 'verbose']);
  });

  it('every contributed command is registered by the client, in the factlint category', () => {
    const sources = ['commands.ts', 'status.ts'].map((f) => fs.readFileSync(path.join(ROOT, 'client/src', f), 'utf8')).join('\n');
    for (const c of pkg.contributes.commands) {
      expect(c.category).toBe('factlint');
      expect(sources).toContain(`'${c.command}'`);
    }
  });

  it('the schemas it points the JSON and YAML editors at exist', () => {
    for (const v of [...pkg.contributes.jsonValidation, ...pkg.contributes.yamlValidation]) {
      expect(fs.existsSync(path.join(ROOT, v.url)), v.url).toBe(true);
    }
  });

  it('client/schemas/factlintrc.schema.json is generated from the current config schema', async () => {
    // @ts-expect-error: a plain .mjs script without types
    const { generate, OUT } = await import('../../client/scripts/config-schema.mjs');
    expect(fs.readFileSync(OUT, 'utf8'), 'run npm run schema:config').toBe(await generate());
  });

  it('declares limited support in untrusted workspaces and none in virtual ones', () => {
    expect(pkg.capabilities.untrustedWorkspaces.supported).toBe('limited');
    expect(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations).toEqual(['factlint.facts']);
    expect(pkg.capabilities.virtualWorkspaces.supported).toBe(false);
  });

  it("starts the server with Node options that Node accepts and that bound the young generation", () => {
    // The client (and the benchmark) start the server with these; a bad option would keep it from starting.
    const argv: unknown = pkg.factlint?.serverExecArgv;
    expect(Array.isArray(argv) && argv.every((a) => typeof a === 'string' && a.startsWith('--'))).toBe(true);
    // Allocates ~100 MB of short-lived objects, then prints the young generation's size in MB.
    const probe = `let a=[];for(let i=0;i<3e6;i++){a.push({i});if(a.length>2e5)a=[]}
      process.stdout.write(String(require('v8').getHeapSpaceStatistics().find((s)=>s.space_name==='new_space').space_size/2**20))`;
    const withFlags = nodeNumber(argv as string[], ['-e', probe]);
    expect(withFlags).toBeGreaterThan(0);
    expect(withFlags).toBeLessThan(nodeNumber([], ['-e', probe]));
  });

  it('starts the server with an old generation that grows less than by default', () => {
    const argv = pkg.factlint.serverExecArgv as string[];
    // 40 MB that stays, and a 0.8 MB text made anew 200 times (a draft's text at each keystroke):
    // prints the largest heap it took, in MB.
    const probe = `const live=Array.from({length:4e5},(_,i)=>({i,s:'k'+i}));let last,max=0;const b=Buffer.alloc(8e5,120);
      for(let i=0;i<200;i++){b[i]=65+(i%26);last=b.toString('latin1');Array.from({length:5000},(_,j)=>({j,i}));max=Math.max(max,process.memoryUsage().heapTotal)}
      process.stdout.write(String(live.length&&last.length&&max/2**20))`;
    // Run from a file (V8 sized the heap of the same code given with -e differently), with
    // collections on the main thread only: their timing then does not depend on how busy the
    // machine is (with helper threads a loaded CI machine can finish marking late).
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'factlint-heap-')), 'probe.js');
    fs.writeFileSync(file, probe);
    const heap = (flags: string[]) => nodeNumber([...flags, '--single-threaded-gc'], [file]);
    const growing = argv.filter((a) => a.startsWith('--heap-growing-percent='));
    expect(growing).toHaveLength(1);
    try {
      expect(heap(argv)).toBeLessThan(heap(argv.filter((a) => !growing.includes(a))));
    } finally {
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    }
  });

  it.runIf(process.platform === 'linux')('starts the server with one V8 helper thread, not one per CPU', () => {
    const argv = pkg.factlint.serverExecArgv as string[];
    expect(argv).toContain('--v8-pool-size=1');
    // The process's threads, once V8's platform has started its workers.
    const probe = "setTimeout(()=>process.stdout.write(String(require('fs').readdirSync('/proc/self/task').length)),50)";
    const threads = (flags: string[]) => nodeNumber(flags, ['-e', probe]);
    const pooled = threads(argv);
    expect(pooled).toBeGreaterThan(0);
    expect(pooled).toBeLessThan(threads(argv.filter((a) => !a.startsWith('--v8-pool-size'))));
  });
});
