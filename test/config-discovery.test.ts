import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigResolver, ignoreMatcher, resolveConfigFor } from '../server/src/engine/config/index.js';

const FIX = path.join(__dirname, 'fixtures', 'cli', 'config');
const BUNDLED = '/opt/factlint/facts';

const temps: string[] = [];
function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'factlint-config-'));
  temps.push(d);
  return d;
}
afterEach(() => {
  for (const d of temps.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('config discovery', () => {
  it('finds the config above a draft and resolves facts relative to it', () => {
    const r = resolveConfigFor(path.join(FIX, 'proj', 'drafts', 'a.md'), { bundledFactsDir: BUNDLED });
    expect(r.configFile).toBe(path.join(FIX, 'proj', '.factlintrc.yaml'));
    expect(r.problems).toEqual([]);
    expect(r.factsPaths).toEqual([path.join(FIX, 'proj', 'facts')]);
    expect(r.config.rules).toEqual({ 'wrong-date': 'warning', unsupported: 'hint' });
  });

  it('uses the nearest config (no cascading): a nested config wins', () => {
    const r = resolveConfigFor(path.join(FIX, 'proj', 'sub', 'deep', 'b.md'), { bundledFactsDir: BUNDLED });
    expect(r.configFile).toBe(path.join(FIX, 'proj', 'sub', '.factlintrc.json'));
    expect(r.config).toEqual({ rules: { 'overstated-qualifier': 'off' } });
    // That config names no facts: the bundled facts apply.
    expect(r.factsPaths).toEqual([BUNDLED]);
  });

  it('uses the bundled facts when there is no config', () => {
    const dir = tempDir();
    const r = resolveConfigFor(path.join(dir, 'x.md'), { bundledFactsDir: BUNDLED });
    expect(r).toEqual({ config: {}, factsPaths: [BUNDLED], problems: [] });
  });

  it('--config overrides discovery', () => {
    const alt = path.join(FIX, 'alt', 'custom.yaml');
    const r = resolveConfigFor(path.join(FIX, 'proj', 'drafts', 'a.md'), { bundledFactsDir: BUNDLED, configFile: alt });
    expect(r.configFile).toBe(alt);
    expect(r.config).toEqual({ rules: { 'wrong-value': 'warning' } });
  });

  it('locates the problems of a broken config and applies none of it', () => {
    const r = resolveConfigFor(path.join(FIX, 'broken', 'c.md'), { bundledFactsDir: BUNDLED });
    const file = path.join(FIX, 'broken', '.factlintrc.yaml');
    expect(r.configFile).toBe(file);
    expect(r.config).toEqual({});
    expect(r.problems.map((p) => [p.file, p.line, p.column, p.path])).toEqual([
      [file, 2, 3, 'rules.wrong-valu'],
      [file, 3, 15, 'rules.wrong-date'],
      [file, 4, 1, 'colour'],
    ]);
  });

  it('reports a facts path that does not exist at its place in the config', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, '.factlintrc.yml'), 'facts:\n  - here.facts.yaml\n  - missing.facts.yaml\n');
    fs.writeFileSync(path.join(dir, 'here.facts.yaml'), 'version: 1\n');
    const r = resolveConfigFor(path.join(dir, 'd.md'), { bundledFactsDir: BUNDLED });
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ line: 3, column: 5, severity: 'error' });
    expect(r.problems[0].message).toContain('missing.facts.yaml');
  });

  it('prefers .yaml over .yml over .json in one folder and warns', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, '.factlintrc.json'), '{"root": true}');
    fs.writeFileSync(path.join(dir, '.factlintrc.yml'), 'root: false\n');
    const r = resolveConfigFor(path.join(dir, 'd.md'), { bundledFactsDir: BUNDLED });
    expect(r.configFile).toBe(path.join(dir, '.factlintrc.yml'));
    expect(r.config).toEqual({ root: false });
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ severity: 'warning' });
    expect(r.problems[0].message).toContain('.factlintrc.json');
  });

  it('caches per folder: one search per folder, one parse per config file', () => {
    const probes: string[] = [];
    const reads: string[] = [];
    const resolver = new ConfigResolver({
      bundledFactsDir: BUNDLED,
      isFile: (f) => {
        probes.push(f);
        return fs.existsSync(f) && fs.statSync(f).isFile();
      },
      readFile: (f) => {
        reads.push(f);
        return fs.readFileSync(f, 'utf8');
      },
    });
    const a = path.join(FIX, 'proj', 'drafts', 'a.md');
    resolver.resolveConfigFor(a);
    const after = probes.length;
    resolver.resolveConfigFor(a);
    resolver.resolveConfigFor(path.join(FIX, 'proj', 'drafts', 'other.md'));
    expect(probes.length).toBe(after);
    // A sibling folder searches itself, then finds proj/ cached.
    resolver.resolveConfigFor(path.join(FIX, 'proj', 'archive', 'old.md'));
    expect(probes.slice(after).every((p) => path.dirname(p) === path.join(FIX, 'proj', 'archive'))).toBe(true);
    expect(reads).toEqual([path.join(FIX, 'proj', '.factlintrc.yaml')]);
    resolver.clearCache();
    resolver.resolveConfigFor(a);
    expect(reads).toHaveLength(2);
  });

  it('stops at the file-system root', () => {
    const resolver = new ConfigResolver({ bundledFactsDir: BUNDLED, isFile: () => false });
    expect(resolver.findConfigFile('/a/b/c')).toBeUndefined();
  });

  it('applies ignore globs relative to the config folder', () => {
    const resolver = new ConfigResolver({ bundledFactsDir: BUNDLED });
    expect(resolver.isIgnored(path.join(FIX, 'proj', 'archive', 'old.md'))).toBe(true);
    expect(resolver.isIgnored(path.join(FIX, 'proj', 'drafts', 'a.md'))).toBe(false);
    // sub/ has its own config without ignore globs.
    expect(resolver.isIgnored(path.join(FIX, 'proj', 'sub', 'deep', 'b.md'))).toBe(false);
  });
});

describe('ignoreMatcher', () => {
  const m = ignoreMatcher('/p', ['archive', 'drafts/*.tmp.md', './notes/', '**/private-*.md']);
  it.each([
    ['/p/archive/x.md', true],
    ['/p/archive/deep/y.md', true],
    ['/p/drafts/a.tmp.md', true],
    ['/p/drafts/a.md', false],
    ['/p/notes/n.md', true],
    ['/p/x/private-1.md', true],
    ['/p/private-2.md', true],
    ['/elsewhere/archive/x.md', false],
  ])('%s → %s', (file, ignored) => {
    expect(m(file)).toBe(ignored);
  });
});
