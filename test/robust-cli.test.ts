// The CLI on hostile inputs and trees (issue 6): special files, paths that change under it,
// configs and facts that are not what they claim. Each gets a clear message, the run goes on with
// the rest, and the exit code says what happened; nothing hangs. And configs are data only: no
// JavaScript config in the tree is ever loaded. Complements test/cli-main.test.ts (binary, not
// UTF-8, too large, symbolic link loops, unreadable drafts, globs matching nothing).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_DRAFT_BYTES, nodeDraftFs } from '../server/src/cli/read.js';
import { fakeEngine, run, tree } from './fixtures/cli/harness.js';

const ROOT = path.join(__dirname, '..');
const BIN = path.join(ROOT, 'bin', 'factlint.js');
const DIST = path.join(ROOT, 'dist', 'cli.js');
const BUNDLED = path.join(ROOT, 'facts');
const unix = process.platform !== 'win32';

const temps: string[] = [];
function t(files: Record<string, string | Buffer>): string {
  const d = tree(files);
  temps.push(d);
  return d;
}
afterEach(() => {
  for (const d of temps.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const json = (s: string) => JSON.parse(s) as { file: string; diagnostics: Record<string, unknown>[] }[];
const files = (stdout: string) => json(stdout).map((e) => e.file);
const mkfifo = (p: string) => spawnSync('mkfifo', [p]).status === 0;

describe('special files and paths that change under the run', () => {
  it.runIf(unix)('a FIFO or /dev/zero named explicitly is skipped at once, the rest checked', async () => {
    const cwd = t({ 'good.md': '$40 billion\n' });
    const fifo = mkfifo(path.join(cwd, 'pipe.md'));
    const started = Date.now();
    const r = await run(['--format', 'json', ...(fifo ? ['pipe.md'] : []), '/dev/zero', 'good.md'], { cwd });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(r.code).toBe(1);
    expect(files(r.stdout)).toEqual(['good.md']);
    expect(r.stderr).toContain('/dev/zero: skipped: not a regular file');
    if (fifo) expect(r.stderr).toContain('pipe.md: skipped: not a regular file');
  });

  it.runIf(unix)('a FIFO named like a draft in a walked folder is passed over', async () => {
    const cwd = t({ 'good.md': 'fine\n' });
    mkfifo(path.join(cwd, 'pipe.md'));
    const r = await run(['--format', 'json'], { cwd });
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(files(r.stdout)).toEqual(['good.md']);
  });

  it('a folder named like a draft is walked as a folder; an empty one gives nothing to check', async () => {
    const cwd = t({ 'notes.md/inner.md': '$40 billion\n', 'empty.md/readme.txt': 'x', 'good.md': 'fine\n' });
    const walked = await run(['--format', 'json', 'notes.md'], { cwd });
    expect(walked.code).toBe(1);
    expect(files(walked.stdout)).toEqual(['notes.md/inner.md']);
    const empty = await run(['--format', 'json', 'empty.md'], { cwd });
    expect(empty).toMatchObject({ code: 2, stdout: '' });
    expect(empty.stderr).toContain('nothing to check');
    const both = await run(['--format', 'json', 'empty.md', 'good.md'], { cwd });
    expect(both.code).toBe(0);
    expect(files(both.stdout)).toEqual(['good.md']);
    // By default the folder is walked like any other.
    expect(files((await run(['--format', 'json'], { cwd })).stdout)).toEqual(['good.md', 'notes.md/inner.md']);
  });

  it('a draft deleted between listing and reading is skipped with a message; the others are checked', async () => {
    const cwd = t({ 'a.md': 'fine\n', 'gone.md': '$40 billion\n', 'z.md': 'fine\n' });
    const { deps } = fakeEngine();
    deps.fs = {
      statSync: (p) => fs.statSync(p),
      readFileSync: (p) => {
        if (p.endsWith('gone.md')) fs.rmSync(p);
        return nodeDraftFs.readFileSync(p);
      },
    };
    const r = await run(['--format', 'json'], { cwd, deps });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('gone.md: skipped: no such file or folder\n');
    expect(files(r.stdout)).toEqual(['a.md', 'z.md']);
  });

  it('a draft that grows past the limit after its size was checked is not read past the limit', async () => {
    const cwd = t({ 'a.md': '$40 billion\n', 'growing.md': 'small\n' });
    const { deps } = fakeEngine();
    deps.fs = {
      statSync: (p) => {
        const st = fs.statSync(p);
        if (p.endsWith('growing.md')) fs.appendFileSync(p, Buffer.alloc(MAX_DRAFT_BYTES, 0x61));
        return st;
      },
      readFileSync: (p) => nodeDraftFs.readFileSync(p),
    };
    const r = await run(['--format', 'json'], { cwd, deps });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('growing.md: skipped: too large (10 MB; the limit is 10 MB)\n');
    expect(files(r.stdout)).toEqual(['a.md']);
  });

  it('invalid UTF-8 after the first 8 kB is still caught; NUL past them in valid text is checked', async () => {
    const cwd = t({
      'late.md': Buffer.concat([Buffer.from('a'.repeat(9000)), Buffer.from([0xc3, 0x28]), Buffer.from('\n')]),
      'nul.md': Buffer.concat([Buffer.from('b'.repeat(9000)), Buffer.from([0]), Buffer.from(' $40 billion\n')]),
    });
    const r = await run(['--format', 'json'], { cwd });
    expect(r.stderr).toBe('late.md: skipped: binary or not UTF-8\n');
    expect(files(r.stdout)).toEqual(['nul.md']);
    expect(r.code).toBe(1);
  });

  it('paths that cannot be drafts: through a file, a broken link; each said once, the run goes on', async () => {
    const cwd = t({ 'good.md': '$40 billion\n' });
    fs.symlinkSync('missing.md', path.join(cwd, 'broken.md'));
    const r = await run(['--format', 'json', 'good.md/x.md', 'broken.md', 'good.md'], { cwd });
    expect(r.code).toBe(1);
    expect(files(r.stdout)).toEqual(['good.md']);
    expect(r.stderr.split('\n').filter(Boolean).sort()).toEqual(['broken.md: no such file or folder', 'good.md/x.md: no such file or folder']);
  });

  it('when every draft is skipped, nothing was checked: exit 2, not a pass', async () => {
    const cwd = t({ 'bin.md': Buffer.from([0x23, 0, 1, 2]), 'latin1.md': Buffer.from('caf\xe9\n', 'latin1') });
    const r = await run(['--format', 'json'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('[]\n');
    expect(r.stderr).toContain('bin.md: skipped: binary or not UTF-8');
    expect(r.stderr).toContain('factlint: nothing was checked (all 2 drafts were skipped)');
    const one = await run(['bin.md'], { cwd });
    expect(one.code).toBe(2);
    expect(one.stderr).toContain('nothing was checked (the draft was skipped)');
  });

  it.runIf(unix)('a FIFO as .gitignore or as the cache file does not hang the run', async () => {
    const cwd = t({ 'a.md': '$40 billion\n' });
    const made = mkfifo(path.join(cwd, '.gitignore')) && mkfifo(path.join(cwd, '.factlintcache'));
    if (!made) return;
    fs.mkdirSync(path.join(cwd, '.git'));
    const started = Date.now();
    const r = await run(['--format', 'json', '--cache'], { cwd });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(r.code).toBe(1);
    expect(files(r.stdout)).toEqual(['a.md']);
  });
});

describe('configs that are not what they claim', () => {
  it.runIf(unix)('--config naming a FIFO or /dev/zero: exit 2 with the reason, no hang', async () => {
    const cwd = t({ 'a.md': 'fine\n' });
    const fifo = mkfifo(path.join(cwd, 'fifo.yaml'));
    for (const config of [...(fifo ? ['fifo.yaml'] : []), '/dev/zero']) {
      const r = await run(['--config', config, 'a.md'], { cwd });
      expect(r).toMatchObject({ code: 2, stdout: '' });
      expect(r.stderr).toMatch(/:1:1 cannot read the config file: not a regular file/);
    }
  });

  it.runIf(unix)('a FIFO named .factlintrc.yaml is not taken for a config', async () => {
    const cwd = t({ 'a.md': '$40 billion\n' });
    if (!mkfifo(path.join(cwd, '.factlintrc.yaml'))) return;
    const { deps, loads } = fakeEngine();
    const r = await run(['--format', 'json', 'a.md'], { cwd, deps });
    expect(r.code).toBe(1);
    expect(loads).toEqual([[path.join(cwd, 'bundled-facts')]]);
  });

  it('an alias bomb, nesting 100,000 deep, or 20,000 keys: located problems, exit 2, quickly', async () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 12; i++) bomb.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${String.fromCharCode(96 + i)}`).join(', ')}]`);
    const configs: [string, RegExp][] = [
      [bomb.join('\n'), /^\.factlintrc\.yaml:2:8 invalid YAML: Excessive alias count/m],
      ['['.repeat(100_000), /^\.factlintrc\.yaml:1:\d+ invalid config: nesting too deep/m],
      [`rules:\n${Array.from({ length: 20_000 }, (_, i) => `  r${i}: error`).join('\n')}`, /more than 100 problems; the rest are not shown/],
    ];
    for (const [text, expected] of configs) {
      const cwd = t({ '.factlintrc.yaml': text, 'a.md': 'fine\n' });
      const started = Date.now();
      const r = await run(['a.md'], { cwd });
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(r).toMatchObject({ code: 2, stdout: '' });
      expect(r.stderr).toMatch(expected);
      expect(r.stderr).not.toMatch(/internal error/);
    }
  });
});

describe('configs and facts are data only', () => {
  /** JavaScript that leaves a marker file when executed. */
  const payload = (marker: string) => `require('fs').writeFileSync(${JSON.stringify(marker)}, 'executed');\nmodule.exports = { facts: ['x.facts.yaml'] };\n`;
  const JS_CONFIGS = ['.factlintrc.js', '.factlintrc.cjs', '.factlintrc.mjs', '.factlintrc.ts', 'factlint.config.js', 'factlint.config.cjs', '.factlintrc'];

  function jsTree(): { cwd: string; markers: string[] } {
    const cwd = t({ 'drafts/a.md': '# Draft\n\nAmazon is negotiating a $40 billion stake in OpenAI.\n' });
    const markers: string[] = [];
    for (const name of JS_CONFIGS) {
      for (const dir of ['', 'drafts']) {
        const marker = path.join(cwd, `${dir || 'root'}-${name}.marker`);
        markers.push(marker);
        fs.writeFileSync(path.join(cwd, dir, name), payload(marker));
      }
    }
    fs.writeFileSync(path.join(cwd, 'package.json'), JSON.stringify({ factlint: { facts: ['x'] }, scripts: { prefactlint: 'touch hacked' } }));
    return { cwd, markers };
  }

  it('no JavaScript config in the tree is loaded (in-process run)', async () => {
    const { cwd, markers } = jsTree();
    const { deps, loads } = fakeEngine();
    const r = await run(['--format', 'json'], { cwd, deps });
    expect(r.code).toBe(1);
    expect(files(r.stdout)).toEqual(['drafts/a.md']);
    expect(loads).toEqual([[path.join(cwd, 'bundled-facts')]]);
    for (const m of markers) expect(fs.existsSync(m), m).toBe(false);
  });

  it.runIf(fs.existsSync(DIST))('no JavaScript config in the tree is loaded (the built CLI)', () => {
    const { cwd, markers } = jsTree();
    const r = spawnSync(process.execPath, [BIN, '--format', 'json'], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(r.stderr).not.toMatch(/internal error/);
    expect([0, 1]).toContain(r.status);
    expect(JSON.parse(r.stdout).map((e: { file: string }) => e.file)).toEqual(['drafts/a.md']);
    for (const m of markers) expect(fs.existsSync(m), m).toBe(false);
    expect(fs.existsSync(path.join(cwd, 'hacked'))).toBe(false);
  });

  it('--config naming a JavaScript file reads it as YAML data and refuses it', async () => {
    const cwd = t({ 'a.md': 'fine\n' });
    const marker = path.join(cwd, 'marker');
    fs.writeFileSync(path.join(cwd, 'evil.js'), payload(marker));
    const r = await run(['--config', 'evil.js', 'a.md'], { cwd });
    expect(r).toMatchObject({ code: 2, stdout: '' });
    expect(r.stderr).toMatch(/^evil\.js:\d+:\d+ /m);
    expect(fs.existsSync(marker)).toBe(false);
  });

  it('facts named in a config outside its folder are read (the user ran the CLI on this tree), and the resolved path is reported', async () => {
    // Decision: a config may name facts anywhere (a shared facts folder next to the project is a
    // normal layout); the CLI reads them and says so on stderr with the absolute path, unless
    // --quiet. --facts on the command line is the user's own choice and is not reported.
    const cwd = t({
      'project/.factlintrc.yaml': 'facts:\n  - ../shared/x.facts.yaml\n  - local.facts.yaml\n',
      'project/local.facts.yaml': 'version: 1\n',
      'project/a.md': '$40 billion\n',
      'shared/x.facts.yaml': 'version: 1\n',
    });
    const project = path.join(cwd, 'project');
    const shared = path.join(cwd, 'shared', 'x.facts.yaml');
    const { deps, loads } = fakeEngine();
    const r = await run(['--format', 'json', 'a.md'], { cwd: project, deps });
    expect(r.code).toBe(1);
    expect(loads).toEqual([[shared, path.join(project, 'local.facts.yaml')]]);
    expect(r.stderr).toBe(`.factlintrc.yaml: note: facts "../shared/x.facts.yaml" are outside the config's folder; reading ${shared}\n`);
    expect((await run(['--format', 'json', '--quiet', 'a.md'], { cwd: project, deps: fakeEngine().deps })).stderr).toBe('');
    expect((await run(['--format', 'json', '--facts', '../shared/x.facts.yaml', 'a.md'], { cwd: project, deps: fakeEngine().deps })).stderr).toBe('');
  });

  it.runIf(fs.existsSync(DIST))('the built CLI checks drafts against the bundled facts with a JavaScript file posing as facts around', () => {
    const cwd = t({ 'a.md': 'Amazon is negotiating a $40 billion stake in OpenAI.\n' });
    const marker = path.join(cwd, 'marker');
    fs.writeFileSync(path.join(cwd, 'x.facts.js'), payload(marker));
    fs.writeFileSync(path.join(cwd, '.factlintrc.yaml'), 'facts:\n  - x.facts.js\n');
    const r = spawnSync(process.execPath, [BIN, '--format', 'json', 'a.md'], { cwd, encoding: 'utf8' });
    // Named explicitly, the file is read as a facts file (YAML data) and refused; never run.
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/x\.facts\.js:\d+:\d+ /);
    expect(fs.existsSync(marker)).toBe(false);
    expect(fs.existsSync(BUNDLED)).toBe(true);
  });
});
