import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { USAGE } from '../server/src/cli/args.js';
import { VERSION } from '../server/src/cli/main.js';
import { fakeEngine, run, tree } from './fixtures/cli/harness.js';

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

describe('exit codes and the JSON report', () => {
  it('exits 0 on a clean draft and still lists it', async () => {
    const cwd = t({ 'a.md': '# Clean\n\nNothing wrong.\n' });
    const r = await run(['--format', 'json', 'a.md'], { cwd });
    expect(r).toEqual({ code: 0, stdout: '[\n  {\n    "file": "a.md",\n    "diagnostics": []\n  }\n]\n', stderr: '' });
  });

  it('exits 1 on an error, with 1-based UTF-16 positions (endColumn exclusive)', async () => {
    // "😀" is two UTF-16 code units: the figure starts at column 10, not 9.
    const cwd = t({ 'a.md': '# Title\r\n\r\n😀 Amazon $40 billion.\n' });
    const r = await run(['--format', 'json', 'a.md'], { cwd });
    expect(r.code).toBe(1);
    const [entry] = json(r.stdout);
    expect(entry.diagnostics).toEqual([
      {
        line: 3, column: 11, endLine: 3, endColumn: 22, severity: 'error', code: 'wrong-value',
        message: 'The sources say up to $50 billion.', factId: 'amazon-openai-investment', expected: fakeEngine().expected,
      },
    ]);
  });

  it('warnings alone exit 0; --max-warnings N fails above N', async () => {
    const cwd = t({ 'a.md': 'WARN and WARN\n' });
    expect((await run(['a.md'], { cwd })).code).toBe(0);
    expect((await run(['--max-warnings', '2', 'a.md'], { cwd })).code).toBe(0);
    const over = await run(['--max-warnings=1', 'a.md'], { cwd });
    expect(over.code).toBe(1);
    expect(over.stderr).toContain('too many warnings (2; the maximum is 1)');
    expect((await run(['--max-warnings', '-1', 'a.md'], { cwd })).code).toBe(0);
  });

  it('--quiet reports errors only', async () => {
    const cwd = t({ 'a.md': 'WARN INFO\n', 'b.md': 'WARN $40 billion\n' });
    const r = await run(['--quiet', '--format', 'json', '--max-warnings', '0', 'a.md', 'b.md'], { cwd });
    expect(json(r.stdout).map((e) => [e.file, e.diagnostics.map((d) => d.code)])).toEqual([
      ['a.md', []],
      ['b.md', ['wrong-value']],
    ]);
    expect(r.code).toBe(1);
    expect((await run(['-q', '--max-warnings', '0', 'a.md'], { cwd })).code).toBe(0);
  });

  it('info and hint never fail the run', async () => {
    const cwd = t({ 'a.md': 'INFO UNSUP\n' });
    const r = await run(['--rule', 'unsupported=hint', '--format', 'json', 'a.md'], { cwd });
    expect(r.code).toBe(0);
    expect(json(r.stdout)[0].diagnostics.map((d) => d.severity)).toEqual(['info', 'hint']);
  });
});

describe('usage', () => {
  it.each([
    [['--bogus']],
    [['--format', 'xml']],
    [['--format']],
    [['--max-warnings', 'many']],
    [['--rule', 'wrong-valu=error']],
    [['--rule', 'wrong-value=loud']],
    [['--rule', 'wrong-value']],
    [['--facts']],
    [['--quiet=yes']],
  ])('%j is a usage error: exit 2, usage on stderr, nothing on stdout', async (argv) => {
    const cwd = t({ 'a.md': '$40 billion\n' });
    const r = await run(argv, { cwd });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^factlint: /);
    expect(r.stderr).toContain(USAGE);
  });

  it('suggests a rule name', async () => {
    const r = await run(['--rule', 'wrong-valu=error'], { cwd: t({}) });
    expect(r.stderr).toContain('did you mean "wrong-value"?');
  });

  it('--help and --version', async () => {
    const cwd = t({});
    expect(await run(['--help'], { cwd })).toEqual({ code: 0, stdout: USAGE, stderr: '' });
    expect(await run(['-v'], { cwd })).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: '' });
    expect(VERSION).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('hands `facts ...` to the facts subcommands', async () => {
    const cwd = t({});
    const calls: unknown[] = [];
    const { deps } = fakeEngine();
    deps.runFactsCommand = async (argv, io) => {
      calls.push({ argv, cwd: io.cwd, color: io.color, bundled: io.bundledFactsDir });
      io.stdout('checked\n');
      return 3;
    };
    const r = await run(['facts', 'check', '--format', 'json', 'x.facts.yaml'], { cwd, deps, bundledFactsDir: '/b' });
    expect(r).toEqual({ code: 3, stdout: 'checked\n', stderr: '' });
    expect(calls).toEqual([{ argv: ['check', '--format', 'json', 'x.facts.yaml'], cwd, color: false, bundled: '/b' }]);
  });
});

describe('facts and config problems stop the run before any output', () => {
  it('broken facts: exit 2, located problems on stderr, nothing on stdout', async () => {
    const cwd = t({ 'a.md': '$40 billion\n', 'broken.facts.yaml': 'x' });
    for (const format of ['stylish', 'json', 'sarif', 'github']) {
      const r = await run(['--facts', 'broken.facts.yaml', '--format', format, 'a.md'], { cwd });
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe('broken.facts.yaml:2:1 warning: alias listed twice\nbroken.facts.yaml:7:3 id must be kebab-case\n');
    }
  });

  it('broken facts for only some drafts still stop everything', async () => {
    const cwd = t({
      'good/a.md': '$40 billion\n',
      'bad/.factlintrc.yaml': 'facts: [broken.facts.yaml]\n',
      'bad/broken.facts.yaml': 'x',
      'bad/b.md': 'fine\n',
    });
    const r = await run(['--format', 'json'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('bad/broken.facts.yaml:7:3 id must be kebab-case');
  });

  it('a broken config: exit 2, located on stderr, nothing on stdout', async () => {
    const cwd = t({ '.factlintrc.yaml': 'rules:\n  wrong-value: loud\n', 'a.md': '$40 billion\n' });
    const r = await run(['--format', 'json'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^\.factlintrc\.yaml:2:16 rules\.wrong-value: must be one of /);
  });

  it('a missing --config file: exit 2', async () => {
    const cwd = t({ 'a.md': 'fine\n' });
    const r = await run(['--config', 'nope.yaml', 'a.md'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('nope.yaml:1:1 cannot read the config file');
  });
});

describe('facts loading', () => {
  it('loads each distinct set of facts once and hands the fact base to the checker', async () => {
    const cwd = t({
      'a.md': 'one\n',
      'b.md': 'two\n',
      'other/.factlintrc.yml': 'facts: [other.facts.yaml]\n',
      'other/other.facts.yaml': '',
      'other/c.md': 'three\n',
      'other/d.md': 'four\n',
    });
    const engine = fakeEngine();
    const r = await run([], { cwd, deps: engine.deps, bundledFactsDir: '/bundled' });
    expect(r.code).toBe(0);
    expect(engine.loads).toEqual([['/bundled'], [path.join(cwd, 'other', 'other.facts.yaml')]]);
    expect(engine.checks.map((c) => c.facts)).toEqual([
      { base: ['/bundled'] },
      { base: ['/bundled'] },
      { base: [path.join(cwd, 'other', 'other.facts.yaml')] },
      { base: [path.join(cwd, 'other', 'other.facts.yaml')] },
    ]);
  });

  it('--facts overrides the config facts (relative to the working folder)', async () => {
    const cwd = t({ '.factlintrc.yaml': 'facts: [x.facts.yaml]\n', 'x.facts.yaml': '', 'a.md': 'one\n' });
    const engine = fakeEngine();
    await run(['--facts', 'mine.facts.yaml', '--facts', 'more/'], { cwd, deps: engine.deps });
    expect(engine.loads).toEqual([[path.join(cwd, 'mine.facts.yaml'), path.join(cwd, 'more')]]);
  });

  it('prints facts warnings (not with --quiet, not for the bundled facts) and goes on', async () => {
    const cwd = t({ 'a.md': 'fine\n' });
    const r = await run(['--facts', 'warned.facts.yaml', '--format', 'json', 'a.md'], { cwd });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('warned.facts.yaml:4:2 warning: alias listed twice\n');
    expect(files(r.stdout)).toEqual(['a.md']);
    expect((await run(['-q', '--facts', 'warned.facts.yaml', 'a.md'], { cwd })).stderr).toBe('');
    const bundled = await run(['a.md'], { cwd, bundledFactsDir: path.join(cwd, 'warned') });
    expect(bundled).toMatchObject({ code: 0, stderr: '' });
  });

  it('loads no facts when there is nothing to check', async () => {
    const cwd = t({ 'notes.txt': 'x' });
    const engine = fakeEngine();
    const r = await run(['--format', 'json'], { cwd, deps: engine.deps });
    expect(r).toEqual({ code: 0, stdout: '[]\n', stderr: '' });
    expect(engine.loads).toEqual([]);
  });
});

describe('rule severities', () => {
  it('unsupported is off by default; config and --rule set severities (--rule wins)', async () => {
    const cwd = t({ 'a.md': 'UNSUP WARN $40 billion\n' });
    const engine = fakeEngine();
    let r = await run(['--format', 'json', 'a.md'], { cwd, deps: engine.deps });
    expect(json(r.stdout)[0].diagnostics.map((d) => d.code)).toEqual(['overstated-qualifier', 'wrong-value']);
    expect(engine.checks[0].options).toEqual({ rules: { unsupported: 'off' } });

    fs.writeFileSync(path.join(cwd, '.factlintrc.yaml'), 'rules:\n  unsupported: info\n  wrong-value: warning\n');
    r = await run(['--format', 'json', '--rule', 'overstated-qualifier=off', '--rule', 'wrong-value=error', 'a.md'], { cwd, deps: engine.deps });
    expect(engine.checks[1].options).toEqual({ rules: { unsupported: 'info', 'wrong-value': 'error', 'overstated-qualifier': 'off' } });
    expect(json(r.stdout)[0].diagnostics.map((d) => [d.code, d.severity])).toEqual([
      ['unsupported', 'info'],
      ['wrong-value', 'error'],
    ]);
  });

  it('a config severity turns an error into a warning (exit 0)', async () => {
    const cwd = t({ '.factlintrc.json': '{"rules": {"wrong-value": "warning"}}', 'a.md': '$40 billion\n' });
    const r = await run(['--format', 'json'], { cwd });
    expect(r.code).toBe(0);
    expect(json(r.stdout)[0].diagnostics[0].severity).toBe('warning');
  });

  it('--config applies one config file to every draft', async () => {
    const cwd = t({
      'sub/.factlintrc.yaml': 'rules: {wrong-value: "off"}\n',
      'sub/a.md': '$40 billion\n',
      'strict.yaml': 'rules: {wrong-value: error}\n',
    });
    expect((await run(['sub/a.md'], { cwd })).code).toBe(0);
    expect((await run(['--config', 'strict.yaml', 'sub/a.md'], { cwd })).code).toBe(1);
  });
});

describe('which drafts are checked', () => {
  it('by default: *.md and *.markdown under the working folder, no node_modules, dot-folders or gitignored files', async () => {
    const cwd = t({
      'a.md': 'x',
      'b.markdown': 'x',
      'c.txt': 'x',
      'docs/d.md': 'x',
      'docs/.e.md': 'x',
      'node_modules/pkg/readme.md': 'x',
      '.hidden/f.md': 'x',
      '.gitignore': 'build/\n*.draft.md\n',
      'build/g.md': 'x',
      'h.draft.md': 'x',
      'nested/.gitignore': 'private.md\n!keep.draft.md\n',
      'nested/private.md': 'x',
      'nested/public.md': 'x',
      'nested/keep.draft.md': 'x',
    });
    const r = await run(['--format', 'json'], { cwd });
    expect(r.stderr).toBe('');
    expect(files(r.stdout)).toEqual(['a.md', 'b.markdown', 'docs/.e.md', 'docs/d.md', 'nested/keep.draft.md', 'nested/public.md']);
  });

  it('respects the .gitignore of the git work tree above the working folder', async () => {
    const cwd = t({ '.git/HEAD': 'ref: refs/heads/main\n', '.gitignore': 'site/out/\n', 'site/out/a.md': 'x', 'site/b.md': 'x' });
    const r = await run(['--format', 'json'], { cwd: path.join(cwd, 'site') });
    expect(files(r.stdout)).toEqual(['b.md']);
  });

  it('explicit files are always checked (any name, even gitignored or config-ignored)', async () => {
    const cwd = t({
      '.gitignore': 'ignored.md\n',
      '.factlintrc.yaml': 'ignore: ["archive/**"]\n',
      'ignored.md': 'x',
      'notes.txt': 'x',
      'archive/old.md': 'x',
      'archive/older.md': 'x',
    });
    const r = await run(['--format', 'json', 'ignored.md', './notes.txt', 'archive/old.md'], { cwd });
    expect(files(r.stdout)).toEqual(['ignored.md', 'notes.txt', 'archive/old.md']);
    const walked = await run(['--format', 'json'], { cwd });
    expect(files(walked.stdout)).toEqual([]);
  });

  it('folders are walked; globs are expanded; each file once', async () => {
    const cwd = t({ 'docs/a.md': 'x', 'docs/sub/b.md': 'x', 'docs/c.txt': 'x', 'other/d.md': 'x', '.gitignore': 'other/skip.md\n', 'other/skip.md': 'x' });
    const r = await run(['--format', 'json', 'docs', 'other/*.md', 'docs/a.md'], { cwd });
    expect(files(r.stdout)).toEqual(['docs/a.md', 'docs/sub/b.md', 'other/d.md']);
  });

  it('a glob matching nothing is reported and the run goes on', async () => {
    const cwd = t({ 'a.md': '$40 billion\n' });
    const r = await run(['--format', 'json', 'drafts/**/*.md', 'a.md'], { cwd });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('drafts/**/*.md: no files match this pattern\n');
    expect(files(r.stdout)).toEqual(['a.md']);
  });

  it('exit 2 when the named paths give nothing to check', async () => {
    const cwd = t({ 'a.md': 'x' });
    const r = await run(['--format', 'json', 'drafts/*.md', 'missing.md'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('drafts/*.md: no files match this pattern\nmissing.md: no such file or folder\nfactlint: nothing to check\n');
  });

  it('exit 0 with an empty report when the working folder has no drafts', async () => {
    const r = await run(['--format', 'json'], { cwd: t({ 'x.txt': '' }) });
    expect(r).toEqual({ code: 0, stdout: '[]\n', stderr: '' });
  });
});

describe('drafts that cannot be checked are skipped with a message; the run goes on', () => {
  it('binary, not UTF-8, too large, a symbolic link loop', async () => {
    const cwd = t({
      'good.md': '$40 billion\n',
      'binary.md': Buffer.from([0x23, 0x20, 0x00, 0x01, 0x02]),
      'latin1.md': Buffer.from('caf\xe9 $40 billion\n', 'latin1'),
    });
    const fd = fs.openSync(path.join(cwd, 'huge.md'), 'w');
    fs.ftruncateSync(fd, 10 * 1024 * 1024 + 1);
    fs.closeSync(fd);
    fs.symlinkSync('loop-b.md', path.join(cwd, 'loop-a.md'));
    fs.symlinkSync('loop-a.md', path.join(cwd, 'loop-b.md'));
    fs.mkdirSync(path.join(cwd, 'sub'));
    fs.symlinkSync('..', path.join(cwd, 'sub', 'up'));

    const r = await run(['--format', 'json'], { cwd });
    expect(r.code).toBe(1);
    expect(files(r.stdout)).toEqual(['good.md']);
    expect(r.stderr.split('\n').sort()).toEqual(
      [
        '',
        'binary.md: skipped: binary or not UTF-8',
        'huge.md: skipped: too large (10 MB; the limit is 10 MB)',
        'latin1.md: skipped: binary or not UTF-8',
        'loop-a.md: skipped: symbolic link loop',
        'loop-b.md: skipped: symbolic link loop',
        'sub/up: skipped: symbolic link loop',
      ].sort(),
    );

    const explicit = await run(['--format', 'json', 'loop-a.md', 'huge.md', 'good.md'], { cwd });
    expect(explicit.code).toBe(1);
    expect(explicit.stderr).toContain('loop-a.md: skipped: symbolic link loop');
    expect(explicit.stderr).toContain('huge.md: skipped: too large');
    expect(files(explicit.stdout)).toEqual(['good.md']);
  });

  it('an unreadable draft', async () => {
    const cwd = t({ 'a.md': '$40 billion\n', 'secret.md': 'x' });
    const { deps } = fakeEngine();
    deps.fs = {
      statSync: (p) => fs.statSync(p),
      readFileSync: (p) => {
        if (p.endsWith('secret.md')) throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
        return fs.readFileSync(p);
      },
    };
    const r = await run(['--format', 'json'], { cwd, deps });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('secret.md: skipped: cannot read (permission denied)\n');
    expect(files(r.stdout)).toEqual(['a.md']);
  });

  it('an engine crash on one draft is reported, the others are checked, exit 2', async () => {
    const cwd = t({ 'a.md': 'CRASH\n', 'b.md': '$40 billion\n' });
    const r = await run(['--format', 'json'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^a\.md: internal error: Error: engine exploded/);
    expect(files(r.stdout)).toEqual(['b.md']);
  });

  it('accepts a UTF-8 byte order mark', async () => {
    const cwd = t({ 'a.md': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('$40 billion\n')]) });
    const r = await run(['--format', 'json'], { cwd });
    expect(json(r.stdout)[0].diagnostics[0]).toMatchObject({ line: 1, column: 1 });
  });
});

describe('output formats and colour', () => {
  const draft = { 'a.md': '# A\n\nAmazon $40 billion and WARN.\n' };

  it('stylish by default, without colour when not a terminal', async () => {
    const r = await run([], { cwd: t(draft) });
    expect(r.code).toBe(1);
    expect(r.stdout).not.toMatch(/\x1b\[/);
    expect(r.stdout).toContain('  3:8   error    The sources say up to $50 billion.  wrong-value');
    expect(r.stdout).toContain('sources: up to $50 billion (s000)');
    expect(r.stdout).toContain('✖ 2 problems (1 error, 1 warning)');
  });

  it('colour on a terminal, unless NO_COLOR or --no-color; --color forces it', async () => {
    const cwd = t(draft);
    expect((await run([], { cwd, isTTY: true })).stdout).toMatch(/\x1b\[31m/);
    expect((await run([], { cwd, isTTY: true, env: { NO_COLOR: '1' } })).stdout).not.toMatch(/\x1b\[/);
    expect((await run(['--no-color'], { cwd, isTTY: true })).stdout).not.toMatch(/\x1b\[/);
    expect((await run(['--color'], { cwd })).stdout).toMatch(/\x1b\[31m/);
    expect((await run([], { cwd, env: { FORCE_COLOR: '1' } })).stdout).toMatch(/\x1b\[31m/);
  });

  it('sarif and github', async () => {
    const cwd = t(draft);
    const sarif = JSON.parse((await run(['--format', 'sarif'], { cwd })).stdout);
    expect(sarif.runs[0].results.map((x: { ruleId: string }) => x.ruleId)).toEqual(['wrong-value', 'overstated-qualifier']);
    expect(sarif.runs[0].results[0].fixes[0].artifactChanges[0].replacements[0]).toEqual({
      deletedRegion: { startLine: 3, startColumn: 8, endLine: 3, endColumn: 19 },
      insertedContent: { text: 'up to $50 billion' },
    });
    const gh = (await run(['--format', 'github'], { cwd })).stdout;
    expect(gh.split('\n')[0]).toBe(
      '::error file=a.md,line=3,col=8,endLine=3,endColumn=19,title=factlint wrong-value::The sources say up to $50 billion.%0Asources: up to $50 billion (s000)',
    );
  });
});
