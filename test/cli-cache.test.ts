import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseArgs, USAGE } from '../server/src/cli/args.js';
import type { CliDeps } from '../server/src/cli/main.js';
import { checkDocument } from '../server/src/engine/check.js';
import { fakeEngine, run, tree } from './fixtures/cli/harness.js';

const ROOT = path.join(__dirname, '..');
const FACTS = fs.readFileSync(path.join(ROOT, 'facts', 'amazon-openai.facts.yaml'), 'utf8');

const temps: string[] = [];
function t(files: Record<string, string>): string {
  const d = tree(files);
  temps.push(d);
  return d;
}
afterEach(() => {
  for (const d of temps.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const WRONG = '# Draft\n\nAmazon is negotiating a $40 billion stake in OpenAI.\n';
const RIGHT = '# Draft\n\nAmazon is negotiating to invest up to $50 billion in OpenAI.\n';

/** The real engine, counting the drafts it checks. */
function counting() {
  const checked: string[] = [];
  const deps: Partial<CliDeps> = {
    check: (text, facts, options) => {
      checked.push(text);
      return checkDocument(text, facts as Parameters<typeof checkDocument>[1], options);
    },
  };
  return { deps, checked };
}

/** A project with its own copy of the facts, so a test can change them. */
function project(extra: Record<string, string> = {}): string {
  return t({ 'facts/story.facts.yaml': FACTS, 'a.md': WRONG, 'b.md': RIGHT, ...extra });
}

async function lint(cwd: string, args: string[] = []) {
  const engine = counting();
  const r = await run(['--format', 'json', '--facts', 'facts', ...args, 'a.md', 'b.md'], { cwd, deps: engine.deps });
  return { ...r, checked: engine.checked.length };
}

describe('--cache options', () => {
  it('parses --cache and --cache-location', () => {
    const p = parseArgs(['--cache', '--cache-location', 'tmp/c.json']);
    expect(p.ok && p.options.cache).toBe(true);
    expect(p.ok && p.options.cacheLocation).toBe('tmp/c.json');
    const q = parseArgs([]);
    expect(q.ok && q.options.cache).toBe(false);
    expect(parseArgs(['--cache=yes']).ok).toBe(false);
    expect(parseArgs(['--cache-location']).ok).toBe(false);
  });

  it('is documented in --help', () => {
    expect(USAGE).toContain('--cache ');
    expect(USAGE).toContain('--cache-location PATH');
    expect(USAGE).toContain('.factlintcache');
  });
});

describe('factlint --cache (real engine)', () => {
  it('same drafts, facts and rules: a hit, no checking, the same report', async () => {
    const cwd = project();
    const plain = await lint(cwd);
    const first = await lint(cwd, ['--cache']);
    expect(first.checked).toBe(2);
    expect(fs.existsSync(path.join(cwd, '.factlintcache'))).toBe(true);
    const second = await lint(cwd, ['--cache']);
    expect(second.checked).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    expect(second.stdout).toBe(plain.stdout);
    expect(second.code).toBe(first.code);
    expect(second.stderr).toBe('');
    // The report does have findings (it is not trivially equal).
    expect(JSON.parse(second.stdout)[0].diagnostics.length).toBeGreaterThan(0);
  });

  it('a changed draft is checked again, the others are not', async () => {
    const cwd = project();
    await lint(cwd, ['--cache']);
    fs.writeFileSync(path.join(cwd, 'b.md'), `${RIGHT}\nMore text.\n`);
    const r = await lint(cwd, ['--cache']);
    expect(r.checked).toBe(1);
  });

  it('changed facts: a miss, and the report follows the new facts', async () => {
    const cwd = project();
    const before = await lint(cwd, ['--cache']);
    const facts = path.join(cwd, 'facts', 'story.facts.yaml');
    // The sources now say $40 billion instead of $50 billion for every figure of that fact.
    const edited = FACTS.replace(/amount: 50000000000/g, 'amount: 40000000000');
    expect(edited).not.toBe(FACTS);
    fs.writeFileSync(facts, edited);
    const after = await lint(cwd, ['--cache']);
    expect(after.checked).toBe(2);
    expect(after.stdout).not.toBe(before.stdout);
    const fresh = await lint(cwd);
    expect(after.stdout).toBe(fresh.stdout);
    // And back: a miss again (the entry now holds the other facts' results), then a hit.
    fs.writeFileSync(facts, FACTS);
    expect((await lint(cwd, ['--cache'])).checked).toBe(2);
    expect((await lint(cwd, ['--cache'])).checked).toBe(0);
  });

  it('changed rules (--rule or the config file): a miss', async () => {
    const cwd = project();
    await lint(cwd, ['--cache']);
    const ruled = await lint(cwd, ['--cache', '--rule', 'wrong-value=warning']);
    expect(ruled.checked).toBe(2);
    expect(JSON.parse(ruled.stdout)[0].diagnostics.map((d: { severity: string }) => d.severity)).not.toContain('error');
    expect((await lint(cwd, ['--cache', '--rule', 'wrong-value=warning'])).checked).toBe(0);

    fs.writeFileSync(path.join(cwd, '.factlintrc.yaml'), 'rules:\n  disputed: off\n');
    expect((await lint(cwd, ['--cache', '--rule', 'wrong-value=warning'])).checked).toBe(2);
    expect((await lint(cwd, ['--cache', '--rule', 'wrong-value=warning'])).checked).toBe(0);
  });

  it('--quiet output comes from the same entries (stored unfiltered)', async () => {
    const cwd = project();
    await lint(cwd, ['--cache', '--quiet']);
    const loud = await lint(cwd, ['--cache']);
    expect(loud.checked).toBe(0);
    expect(loud.stdout).toBe((await lint(cwd)).stdout);
  });

  it('a cache from another factlint version is not used', async () => {
    const cwd = project();
    await lint(cwd, ['--cache']);
    const file = path.join(cwd, '.factlintcache');
    const data = JSON.parse(fs.readFileSync(file, 'utf8'));
    data.version = '0.0.0-old';
    fs.writeFileSync(file, JSON.stringify(data));
    const r = await lint(cwd, ['--cache']);
    expect(r.checked).toBe(2);
    expect(r.stderr).toBe('');
  });
});

describe('factlint --cache: a bad cache file is ignored with a warning, never a crash', () => {
  it.each([
    ['not JSON', '{"format": 1, "entr'],
    ['binary', '\u0000\u0001\u0002garbage'],
    ['wrong shape', '[1, 2, 3]'],
    ['no entries', '{"format": 1, "version": "0.1.0"}'],
  ])('%s', async (_, text) => {
    const cwd = project({ '.factlintcache': text });
    const fresh = await lint(cwd);
    const r = await lint(cwd, ['--cache']);
    expect(r.code).toBe(fresh.code);
    expect(r.stdout).toBe(fresh.stdout);
    expect(r.checked).toBe(2);
    expect(r.stderr).toMatch(/^factlint: ignoring the cache .*\.factlintcache: .*; it will be rewritten\n$/);
    // Rewritten: the next run hits, silently.
    const again = await lint(cwd, ['--cache']);
    expect(again).toMatchObject({ checked: 0, stderr: '', stdout: fresh.stdout });
  });

  it('damaged entries are dropped one by one', async () => {
    const cwd = project();
    await lint(cwd, ['--cache']);
    const file = path.join(cwd, '.factlintcache');
    const data = JSON.parse(fs.readFileSync(file, 'utf8'));
    const [first] = Object.keys(data.entries);
    data.entries[first].diagnostics = [{ line: 'one' }];
    fs.writeFileSync(file, JSON.stringify(data));
    const r = await lint(cwd, ['--cache']);
    expect(r.checked).toBe(1);
    expect(r.stdout).toBe((await lint(cwd)).stdout);
  });

  it('an unreadable or unwritable location warns and the run still reports', async () => {
    const cwd = project();
    const fresh = await lint(cwd);
    // A cache "file" below a regular file can be neither read nor written.
    const r = await lint(cwd, ['--cache', '--cache-location', 'a.md/cache']);
    expect(r.code).toBe(fresh.code);
    expect(r.stdout).toBe(fresh.stdout);
    expect(r.stderr).toContain('ignoring the cache');
    expect(r.stderr).toContain('cannot write the cache');
  });
});

describe('--cache-location', () => {
  it('a file path', async () => {
    const cwd = project();
    await lint(cwd, ['--cache', '--cache-location', 'out/lint-cache.json']);
    expect(fs.existsSync(path.join(cwd, 'out', 'lint-cache.json'))).toBe(true);
    expect(fs.existsSync(path.join(cwd, '.factlintcache'))).toBe(false);
    expect((await lint(cwd, ['--cache', '--cache-location', 'out/lint-cache.json'])).checked).toBe(0);
  });

  it('a folder gets a .factlintcache inside it', async () => {
    const cwd = project({ 'cachedir/keep': '' });
    await lint(cwd, ['--cache', '--cache-location', 'cachedir']);
    expect(fs.existsSync(path.join(cwd, 'cachedir', '.factlintcache'))).toBe(true);
  });

  it('a path ending in a slash is a folder, created if needed', async () => {
    const cwd = project();
    await lint(cwd, ['--cache', '--cache-location', 'new-dir/']);
    expect(fs.existsSync(path.join(cwd, 'new-dir', '.factlintcache'))).toBe(true);
    expect((await lint(cwd, ['--cache', '--cache-location', 'new-dir/'])).checked).toBe(0);
  });

  it('without --cache nothing is read or written', async () => {
    const cwd = project();
    await lint(cwd, ['--cache-location', 'c.json']);
    expect(fs.existsSync(path.join(cwd, 'c.json'))).toBe(false);
    expect((await lint(cwd, ['--cache-location', 'c.json'])).checked).toBe(2);
  });

  it('entries follow the drafts, not the working folder', async () => {
    const cwd = project();
    await lint(cwd, ['--cache']);
    // The same drafts named from another folder, with the same cache file: hits.
    const engine = counting();
    const sub = path.join(cwd, 'sub');
    fs.mkdirSync(sub);
    const r = await run(['--format', 'json', '--facts', '../facts', '--cache', '--cache-location', '../.factlintcache', '../a.md', '../b.md'], { cwd: sub, deps: engine.deps });
    expect(r.stderr).toBe('');
    expect(engine.checked).toHaveLength(0);
  });
});

describe('--cache with facts that have no fingerprint', () => {
  it('is never used (every draft is checked)', async () => {
    const cwd = t({ 'a.md': 'WARN\n' });
    for (let i = 0; i < 2; i++) {
      const engine = fakeEngine();
      await run(['--cache', 'a.md'], { cwd, deps: engine.deps });
      expect(engine.checks).toHaveLength(1);
    }
  });

  it('with a fingerprint, a hit skips the check (fake engine)', async () => {
    const cwd = t({ 'a.md': 'WARN\n' });
    const counts: number[] = [];
    for (const fp of ['one', 'one', 'two']) {
      const engine = fakeEngine();
      const deps = { ...engine.deps, buildFactBase: () => ({ fingerprint: fp }) };
      const r = await run(['--cache', '--format', 'json', 'a.md'], { cwd, deps });
      expect(JSON.parse(r.stdout)[0].diagnostics).toHaveLength(1);
      counts.push(engine.checks.length);
    }
    expect(counts).toEqual([1, 0, 1]);
  });
});
