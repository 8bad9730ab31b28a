import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as check from '../server/src/engine/check.js';
import { run, tree } from './fixtures/cli/harness.js';
import { sarifValidator } from './fixtures/cli/sarif-validator.js';

const ROOT = path.join(__dirname, '..');
const BIN = path.join(ROOT, 'bin', 'factlint.js');
const DIST = path.join(ROOT, 'dist', 'cli.js');
const BUNDLED = path.join(ROOT, 'facts');
const engineReady = typeof (check as { checkDocument?: unknown }).checkDocument === 'function';

const temps: string[] = [];
afterEach(() => {
  for (const d of temps.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
function t(files: Record<string, string>): string {
  const d = tree(files);
  temps.push(d);
  return d;
}

describe('bin/factlint.js', () => {
  it('says how to build when dist/cli.js is missing, and exits 2', () => {
    const pkg = fs.mkdtempSync(path.join(os.tmpdir(), 'factlint-bin-'));
    temps.push(pkg);
    fs.mkdirSync(path.join(pkg, 'bin'));
    fs.copyFileSync(BIN, path.join(pkg, 'bin', 'factlint.js'));
    const r = spawnSync(process.execPath, [path.join(pkg, 'bin', 'factlint.js'), '--version'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('dist/cli.js is missing');
    expect(r.stderr).toContain('npm install');
  });

  it('starts with a node shebang', () => {
    expect(fs.readFileSync(BIN, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  });

  it.runIf(fs.existsSync(DIST))('runs the built CLI: --version, --help, a usage error', () => {
    const version = spawnSync(process.execPath, [BIN, '--version'], { encoding: 'utf8' });
    expect(version.status).toBe(0);
    expect(version.stdout.trim()).toBe(JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version);
    const help = spawnSync(process.execPath, [BIN, '--help'], { encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: factlint');
    const bad = spawnSync(process.execPath, [BIN, '--nope'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe('');
  });

  it.runIf(fs.existsSync(DIST) && engineReady)('checks a draft end to end with the bundled facts', () => {
    const cwd = t({ 'draft.md': '# Draft\n\nAmazon is negotiating a $40 billion stake in OpenAI.\n' });
    const r = spawnSync(process.execPath, [BIN, '--format', 'json', 'draft.md'], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect([0, 1]).toContain(r.status);
    const report = JSON.parse(r.stdout);
    expect(report).toHaveLength(1);
    expect(report[0].file).toBe('draft.md');
    expect(Array.isArray(report[0].diagnostics)).toBe(true);
  });
});

describe('the facts cache of the built CLI', () => {
  it.runIf(fs.existsSync(DIST) && engineReady)('reads back facts it checked before, and never a stale entry', () => {
    const facts = fs.readFileSync(path.join(BUNDLED, 'amazon-openai.facts.yaml'), 'utf8');
    const cwd = t({ 'draft.md': 'Amazon is negotiating a $40 billion stake in OpenAI.\n', 'my.facts.yaml': facts });
    const cacheDir = path.join(cwd, 'cache');
    const lint = () => {
      const r = spawnSync(process.execPath, [BIN, '--jobs', '1', '--facts', 'my.facts.yaml', '--format', 'json', 'draft.md'], { cwd, encoding: 'utf8', env: { ...process.env, FACTLINT_CACHE_DIR: cacheDir } });
      expect(r.stderr).toBe('');
      return JSON.parse(r.stdout)[0].diagnostics.map((d: { code: string }) => d.code);
    };
    const entries = () => fs.readdirSync(cacheDir).filter((n) => n.startsWith('facts-'));
    expect(lint()).toContain('wrong-value');
    expect(entries()).toHaveLength(1);
    // The second run reads the entry: made to hold no facts, it finds nothing to check against.
    const entry = path.join(cacheDir, entries()[0]);
    const data = JSON.parse(fs.readFileSync(entry, 'utf8'));
    fs.writeFileSync(entry, JSON.stringify({ ...data, data: { ...data.data, facts: [] } }));
    expect(lint()).toEqual([]);
    // A changed facts file is another entry: checked afresh.
    fs.writeFileSync(path.join(cwd, 'my.facts.yaml'), `${facts}\n# edited\n`);
    expect(lint()).toContain('wrong-value');
    expect(entries()).toHaveLength(2);
  });
});

describe('main() with the real engine modules', () => {
  it('reports a broken facts file from the real loader at file:line:col, nothing on stdout', async () => {
    const cwd = t({ 'a.md': 'fine\n', 'broken.facts.yaml': 'version: 1\nsources: [\n' });
    const r = await run(['--facts', 'broken.facts.yaml', '--format', 'json', 'a.md'], {
      cwd,
      deps: { check: () => [] },
    });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^broken\.facts\.yaml:\d+:\d+ /m);
  });

  it('a facts folder without facts files is an error', async () => {
    const cwd = t({ 'a.md': 'fine\n', 'empty/readme.txt': '' });
    const r = await run(['--facts', 'empty', 'a.md'], { cwd, deps: { check: () => [] } });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('empty:1:1 ');
  });

  it.runIf(engineReady)('checks drafts with the bundled facts and the real checker', async () => {
    const cwd = t({ 'draft.md': '# Draft\n\nAmazon is negotiating a $40 billion stake in OpenAI.\n', 'clean.md': '# Nothing\n\nNo figures here.\n' });
    const r = await run(['--format', 'json'], { cwd, deps: {}, bundledFactsDir: BUNDLED });
    expect(r.stderr).not.toMatch(/internal error/);
    const report = JSON.parse(r.stdout);
    expect(report.map((e: { file: string }) => e.file)).toEqual(['clean.md', 'draft.md']);
    expect(report[0].diagnostics).toEqual([]);
    expect([0, 1]).toContain(r.code);
    expect(report[1].diagnostics.length).toBeGreaterThan(0);

    const sarif = await run(['--format', 'sarif'], { cwd, deps: {}, bundledFactsDir: BUNDLED });
    const validate = sarifValidator();
    const log = JSON.parse(sarif.stdout);
    validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(log.runs[0].results.length).toBe(report[1].diagnostics.length);
  });
});
