import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import Ajv2020 from 'ajv/dist/2020';
import { runFactsCommand } from '../server/src/cli/facts/index.js';
import { factsJsonSchemaText } from '../server/src/cli/facts/schema.js';
import { parseFactsText } from '../server/src/engine/facts/load.js';

const ROOT = path.join(__dirname, '..');
const FIX = path.join(__dirname, 'fixtures', 'facts');
const SOURCES = path.join(FIX, 'sources');
const tmpRoot = mkdtempSync(path.join(os.tmpdir(), 'factlint-facts-cli-'));
afterAll(() => rmSync(tmpRoot, { recursive: true, force: true }));

async function run(argv: string[], opts: { cwd?: string; bundled?: string; color?: boolean } = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runFactsCommand(argv, {
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    cwd: opts.cwd ?? FIX,
    color: opts.color ?? false,
    bundledFactsDir: opts.bundled ?? path.join(FIX, 'borealis'),
  });
  return { code, stdout, stderr };
}

describe('factlint facts (dispatcher)', () => {
  it('--help lists the commands; help CMD shows its usage', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    for (const c of ['validate', 'list', 'show', 'schema']) expect(r.stdout).toContain(c);
    const h = await run(['help', 'show']);
    expect([h.code, h.stdout.split('\n')[0]]).toEqual([0, 'usage: factlint facts show ID [--facts PATH]...']);
    expect((await run(['show', '--help'])).stdout).toBe(h.stdout);
  });
  it('no command or an unknown one: usage error', async () => {
    const none = await run([]);
    expect([none.code, none.stdout]).toEqual([2, '']);
    expect(none.stderr).toMatch(/^usage: factlint facts/);
    const bad = await run(['draw-me']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown command "draw-me"/);
    expect((await run(['help', 'nope'])).code).toBe(2);
    expect((await run(['toString'])).code).toBe(2);
  });
});

describe('factlint facts validate', () => {
  it('a clean file: exit 0 and a one-line summary', async () => {
    const r = await run(['validate', 'borealis', '--sources', SOURCES]);
    expect(r).toEqual({ code: 0, stdout: '6 facts, 2 sources, 3 entities: no problems\n', stderr: '' });
  });

  it('defaults to the bundled facts', async () => {
    const r = await run(['validate', '--no-sources']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('6 facts, 2 sources, 3 entities: no problems\n');
    expect(r.stderr).toBe('quotes not checked against articles: --no-sources\n');
  });

  it('prints every problem as file:line:column  severity  message  (path) [code], exit 1', async () => {
    const r = await run(['validate', 'bad/bad.facts.yaml', '--sources', SOURCES]);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')).toEqual([
      'bad/bad.facts.yaml:18:21  error    unknown source "a9" (did you mean "a1"?)  (facts[0].variants[0].sources[0].source) [unknown-source]',
      'bad/bad.facts.yaml:19:20  error    quote does not contain the figure $9 billion  (facts[0].variants[0].sources[0].quote) [quote-missing-figure]',
      'bad/bad.facts.yaml:25:5   error    unknown key "colour"  (facts[1].colour) [schema]',
      '',
      '3 problems (3 errors, 0 warnings) in 1 fact, 1 source, 1 entity',
      '',
    ]);
    expect(r.stderr).toBe('');
  });

  it('colours severities when asked', async () => {
    const r = await run(['validate', 'bad/bad.facts.yaml', '--no-sources'], { color: true });
    expect(r.stdout).toContain('\x1b[31merror  \x1b[39m');
  });

  it('--format json', async () => {
    const r = await run(['validate', 'bad', '--format', 'json', '--no-sources']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ files: ['bad/bad.facts.yaml'], sourcesDir: null, errors: 3, warnings: 0, facts: 1 });
    expect(report.problems[0]).toEqual({
      file: 'bad/bad.facts.yaml',
      line: 18,
      column: 21,
      endLine: 18,
      endColumn: 23,
      path: 'facts[0].variants[0].sources[0].source',
      message: 'unknown source "a9" (did you mean "a1"?)',
      severity: 'error',
      code: 'unknown-source',
    });
  });

  it('warnings alone exit 0', async () => {
    const dir = path.join(tmpRoot, 'warn');
    mkdirSync(dir, { recursive: true });
    const text = readFileSync(path.join(FIX, 'borealis', 'borealis.facts.yaml'), 'utf8').replace('aliases: [Quillfeather, QFC]', 'aliases: [Quillfeather, QFC, Borealis]');
    writeFileSync(path.join(dir, 'w.facts.yaml'), text);
    const r = await run(['validate', dir, '--sources', SOURCES]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\[duplicate-alias\]\n\n1 problem \(0 errors, 1 warning\) in 6 facts/);
  });

  it('finds ../shared/sources by default, and says when there is none', async () => {
    const base = path.join(tmpRoot, 'layout');
    const work = path.join(base, 'main');
    mkdirSync(work, { recursive: true });
    cpSync(SOURCES, path.join(base, 'shared', 'sources'), { recursive: true });
    const text = readFileSync(path.join(FIX, 'borealis', 'borealis.facts.yaml'), 'utf8').replace('robot maker at roughly', 'robot firm at roughly');
    writeFileSync(path.join(work, 'x.facts.yaml'), text);
    const withSources = await run(['validate', 'x.facts.yaml'], { cwd: work });
    expect(withSources.code).toBe(1);
    expect(withSources.stdout).toMatch(/^x\.facts\.yaml:\d+:20 +error +quote not found in alpha\.txt \(source "a1"\); it matches up to "valuing the robot"/);
    expect(withSources.stderr).toBe('');

    const lonely = path.join(tmpRoot, 'lonely', 'main');
    mkdirSync(lonely, { recursive: true });
    writeFileSync(path.join(lonely, 'x.facts.yaml'), text);
    const without = await run(['validate', 'x.facts.yaml'], { cwd: lonely });
    expect(without.code).toBe(0);
    expect(without.stderr).toBe('quotes not checked against articles: no sources folder\n');
  });

  it('missing files are located problems, not crashes', async () => {
    const r = await run(['validate', 'nope.facts.yaml', '--no-sources']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^nope\.facts\.yaml:1:1  error    cannot read facts file: not found \[unreadable\]\n/);
  });

  it('usage errors exit 2 with the usage', async () => {
    for (const argv of [
      ['validate', '--format', 'xml'],
      ['validate', '--format'],
      ['validate', '--sources'],
      ['validate', '--nope'],
      ['validate', '-x'],
      ['validate', '--no-sources=1'],
      ['validate', '--sources', SOURCES, '--no-sources'],
    ]) {
      const r = await run(argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain('usage: factlint facts validate');
    }
    const missing = await run(['validate', '--sources', 'no/such/dir']);
    expect([missing.code, missing.stderr]).toEqual([2, 'factlint facts validate: sources folder not found: no/such/dir\n']);
  });
});

describe('factlint facts list', () => {
  it('prints an aligned table', async () => {
    const r = await run(['list']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(7);
    const header = lines[0];
    expect(header.split(/ {2,}/)).toEqual(['ID', 'SUBJECT', 'FIGURE', 'QUALIFIER', 'SOURCES', 'DISPUTED']);
    const raise = lines.find((l) => l.startsWith('borealis-raise '))!;
    expect(raise.split(/ {2,}/)).toEqual(['borealis-raise', 'Quillfeather Capital', 'up to $7.5 billion | $7 billion', 'up-to | exact', 'a1,b1', 'yes']);
    // columns line up with the header
    for (const col of ['SUBJECT', 'FIGURE', 'QUALIFIER', 'SOURCES', 'DISPUTED']) {
      const at = header.indexOf(col);
      for (const l of lines.slice(1)) {
        expect(l[at - 1], `${col} in ${l}`).toBe(' ');
        expect(l[at], `${col} in ${l}`).not.toBe(' ');
      }
    }
    const rows = Object.fromEntries(lines.slice(1).map((l) => [l.split(/ +/)[0], l.split(/ {2,}/)]));
    expect(rows['borealis-valuation'].slice(1)).toEqual(['Borealis Robotics', 'about $40 billion', 'about', 'a1,b1', 'no']);
    expect(rows['borealis-hires'][2]).toBe('1,200 engineers');
    expect(rows['borealis-margin'][2]).toBe('3.5%');
    expect(rows['borealis-filing'][2]).toBe('March 2, 2031');
    expect(rows['borealis-contract-length'][2]).toBe('5 years');
  });

  it('--json, and --facts', async () => {
    const r = await run(['list', '--json', '--facts', 'borealis.facts.json']);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout);
    expect(rows).toHaveLength(6);
    expect(rows[0]).toEqual({
      id: 'borealis-raise',
      statement: 'Quillfeather may put money into Borealis.',
      subject: ['Quillfeather Capital'],
      figure: 'up to $7.5 billion | $7 billion',
      qualifier: 'up-to | exact',
      sources: ['a1', 'b1'],
      disputed: true,
    });
  });

  it('unreadable facts: problems on stderr, exit 1; usage errors exit 2', async () => {
    const file = path.join(tmpRoot, 'broken.facts.yaml');
    writeFileSync(file, 'version: 1\nsources: [\n');
    const r = await run(['list', '--facts', file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/broken\.facts\.yaml:3:1 +error +invalid YAML/);
    expect(r.stderr).toMatch(/the facts could not be read/);
    expect((await run(['list', 'extra'])).code).toBe(2);
    expect((await run(['list', '--facts'])).code).toBe(2);
  });

  it('lists usable facts of a file with errors, with a note', async () => {
    const r = await run(['list', '--facts', 'bad']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('borealis-raise');
    expect(r.stderr).toBe('note: the facts have 2 errors; run `factlint facts validate`\n');
  });
});

describe('factlint facts show', () => {
  it('shows everything about one fact', async () => {
    const r = await run(['show', 'borealis-raise']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        'borealis-raise  borealis/borealis.facts.yaml:29:9',
        '  Quillfeather may put money into Borealis.',
        '  kind:      amount / investment',
        '  subject:   Quillfeather Capital (quillfeather)',
        '  entities:  Borealis Robotics (borealis)',
        '  status:    proposed',
        '  cues:      invest, stake',
        '  disputed:  yes: the sources disagree',
        '  variants:',
        '    1. up to $7.5 billion  [up-to]',
        '       a1  "Borealis Robotics Seeks Fresh Capital", The Invented Ledger, 2031-03-04',
        '           “Quillfeather could invest up to $7.5 billion in Borealis”',
        '    2. $7 billion  [exact]',
        '       b1  beta.txt',
        '           “a $7bn cheque from Quillfeather”',
        '',
      ].join('\n'),
    );
  });

  it('shows time and span', async () => {
    const r = await run(['show', 'borealis-hires']);
    expect(r.stdout).toContain('  time:      in 2031\n');
    expect(r.stdout).toContain('  disputed:  no\n');
  });

  it('an unknown id: did you mean, exit 1', async () => {
    const r = await run(['show', 'borealis-rase']);
    expect(r).toEqual({ code: 1, stdout: '', stderr: 'factlint facts show: no fact "borealis-rase"; did you mean borealis-raise?\n' });
    const far = await run(['show', 'zzz-qqq']);
    expect(far.stderr).toBe('factlint facts show: no fact "zzz-qqq"\n');
  });

  it('no id or two: usage error', async () => {
    expect((await run(['show'])).code).toBe(2);
    expect((await run(['show', 'a', 'b'])).code).toBe(2);
  });
});

describe('factlint facts schema', () => {
  it('prints a draft 2020-12 JSON Schema of the format', async () => {
    const r = await run(['schema']);
    expect(r.code).toBe(0);
    const schema = JSON.parse(r.stdout);
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(Object.keys(schema.properties)).toEqual(['$schema', 'version', 'title', 'period', 'sources', 'entities', 'facts', 'exclusions']);
    expect(schema.required).toEqual(['version', 'sources', 'entities', 'facts']);
    expect(schema.properties.facts.items.properties.variants.items.properties.qualifier.enum).toContain('up-to');
    expect((await run(['schema', 'x'])).code).toBe(2);
  });

  it('facts/facts.schema.json is the current generation (run `npm run schema` after changing schema.ts)', () => {
    expect(readFileSync(path.join(ROOT, 'facts', 'facts.schema.json'), 'utf8')).toBe(factsJsonSchemaText());
  });

  it('the JSON Schema accepts the fixture and rejects what the loader rejects', () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    const validate = ajv.compile(JSON.parse(factsJsonSchemaText()));
    const good = parseYaml(readFileSync(path.join(FIX, 'borealis', 'borealis.facts.yaml'), 'utf8'));
    expect(validate(good), JSON.stringify(validate.errors)).toBe(true);
    const bad = structuredClone(good);
    bad.facts[0].variants[0].qualifier = 'up_to';
    expect(validate(bad)).toBe(false);
    const extra = structuredClone(good);
    extra.facts[0].colour = 'blue';
    expect(validate(extra)).toBe(false);
  });
});

describe('the bundled facts', () => {
  const dir = path.join(ROOT, 'facts');
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => /\.facts\.(ya?ml|json)$/.test(f)) : [];
  it('load without errors', () => {
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const r = parseFactsText(readFileSync(path.join(dir, f), 'utf8'), f);
      expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
      expect(r.data).toBeDefined();
    }
  });
});
