// --jobs: the built CLI (dist/cli.js) checking drafts on worker threads must print exactly what it
// prints in one thread, whatever the format, and exit the same way.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseArgs, USAGE } from '../server/src/cli/args.js';
import { defaultJobs, MAX_DEFAULT_JOBS, MIN_DRAFTS_FOR_WORKERS, threadCount } from '../server/src/cli/main.js';

const ROOT = path.join(__dirname, '..');
const DIST = path.join(ROOT, 'dist', 'cli.js');
const FACTS = fs.readFileSync(path.join(ROOT, 'facts', 'amazon-openai.facts.yaml'), 'utf8');

/** The Markdown fixtures of the repository (held-out drafts and the example). */
function fixtureDrafts(): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  for (const dir of ['drafts', 'heldout', 'heldout2', 'heldout3']) {
    const abs = path.join(ROOT, 'test', 'fixtures', dir);
    for (const f of fs.readdirSync(abs).sort()) if (f.endsWith('.md')) out.push({ name: `${dir}-${f}`, text: fs.readFileSync(abs + path.sep + f, 'utf8') });
  }
  return out;
}

const temps: string[] = [];
function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'factlint-jobs-'));
  temps.push(d);
  return d;
}
afterAll(() => {
  for (const d of temps.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function write(root: string, rel: string, content: string | Buffer): void {
  const abs = path.join(root, rel);
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  fs.writeFileSync(abs, content);
}

/**
 * A folder of well over MIN_DRAFTS_FOR_WORKERS drafts: the fixtures in three folders, one of them
 * with its own config (own copy of the facts, other rule severities), so the workers see two facts
 * sets and several rule sets; plus a clean draft and one with CRLF line ends.
 */
function corpus(): string {
  const root = tempDir();
  const drafts = fixtureDrafts();
  for (const [i, d] of drafts.entries()) {
    write(root, `news/${d.name}`, d.text);
    if (i % 5 === 0) write(root, `archive/${String(i).padStart(2, '0')}/${d.name}`, d.text.replace(/\n/g, '\r\n'));
    if (i % 3 === 0) write(root, `desk/${d.name}`, d.text);
  }
  write(root, 'desk/.factlintrc.yaml', 'facts: [facts]\nrules:\n  wrong-date: warning\n  disputed: error\n  unsupported: hint\n');
  write(root, 'desk/facts/story.facts.yaml', FACTS);
  write(root, 'clean.md', '# Nothing here\n\nNo figures at all.\n');
  return root;
}

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI; by default with the main thread leaving the drafts to the workers, so their outcomes are what is compared. */
function cli(cwd: string, args: string[], debug = 'jobs workers-only'): Run {
  const r = spawnSync(process.execPath, [DIST, ...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: '1', FACTLINT_DEBUG: debug },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** stderr without the FACTLINT_DEBUG line, and that line. */
function split(stderr: string): { rest: string; how: string } {
  const lines = stderr.split('\n');
  const how = lines.filter((l) => /^factlint: \d+ drafts, /.test(l));
  expect(how).toHaveLength(1);
  return { rest: lines.filter((l) => !/^factlint: \d+ drafts, /.test(l)).join('\n'), how: how[0] };
}

/** Runs with --jobs 1 and --jobs 2; expects the same stdout, stderr and exit code, and that the second used a worker. */
function same(cwd: string, args: string[]): Run {
  const one = cli(cwd, ['--jobs', '1', ...args]);
  const two = cli(cwd, ['--jobs', '2', ...args]);
  const a = split(one.stderr);
  const b = split(two.stderr);
  expect(a.how).toMatch(/main thread only: \d+ checked in the main thread$/);
  expect(b.how).toMatch(/2 threads \(main and 1 worker\): 0 checked in the main thread$/);
  expect(two.status).toBe(one.status);
  expect(b.rest).toBe(a.rest);
  expect(two.stdout === one.stdout).toBe(true);
  return one;
}

// Each test spawns the CLI a few times; a busy machine makes that slow.
vi.setConfig({ testTimeout: 180_000 });

beforeAll(() => {
  if (!fs.existsSync(DIST)) throw new Error(`${DIST} is missing: run node esbuild.mjs before these tests`);
});

describe('--jobs option', () => {
  it('parses --jobs N and -j N; rejects 0, words and a missing number', () => {
    const p = parseArgs(['--jobs', '3']);
    expect(p.ok && p.options.jobs).toBe(3);
    const q = parseArgs(['-j=2', 'a.md']);
    expect(q.ok).toBe(false); // short options take no `=`
    const r = parseArgs(['-j', '2', 'a.md']);
    expect(r.ok && r.options.jobs).toBe(2);
    expect(r.ok && r.options.patterns).toEqual(['a.md']);
    const s = parseArgs(['--jobs=4']);
    expect(s.ok && s.options.jobs).toBe(4);
    for (const bad of [['--jobs', '0'], ['--jobs', 'many'], ['--jobs'], ['--jobs', '-2'], ['--jobs=1.5']]) expect(parseArgs(bad).ok).toBe(false);
    expect(parseArgs([]).ok && (parseArgs([]) as { options: { jobs?: number } }).options.jobs).toBeUndefined();
    expect(USAGE).toContain('--jobs N');
  });

  it('uses workers only for enough drafts, never more threads than asked, one per few drafts', () => {
    expect(threadCount(4, MIN_DRAFTS_FOR_WORKERS - 1, true)).toBe(1);
    expect(threadCount(4, 1000, false)).toBe(1);
    expect(threadCount(1, 1000, true)).toBe(1);
    expect(threadCount(4, 1000, true)).toBe(4);
    expect(threadCount(64, MIN_DRAFTS_FOR_WORKERS, true)).toBeLessThanOrEqual(MIN_DRAFTS_FOR_WORKERS / 2);
    expect(threadCount(undefined, 1000, true)).toBe(Math.min(os.availableParallelism(), MAX_DEFAULT_JOBS, 250));
  });

  it('starts at most 8 threads by default, however many CPUs there are', () => {
    expect(MAX_DEFAULT_JOBS).toBe(8);
    expect(defaultJobs(64)).toBe(8);
    expect(defaultJobs(2)).toBe(2);
    expect(defaultJobs(0)).toBe(1);
    expect(defaultJobs()).toBe(Math.min(os.availableParallelism(), 8));
  });
});

describe('--jobs 2 prints what --jobs 1 prints', () => {
  let root = '';
  beforeAll(() => {
    root = corpus();
  });

  for (const format of ['json', 'sarif', 'stylish', 'github']) {
    it(`--format ${format}`, () => {
      const r = same(root, ['--format', format]);
      expect(r.status).toBe(1);
      expect(r.stdout.length).toBeGreaterThan(1000);
      if (format === 'json') {
        const files = (JSON.parse(r.stdout) as { file: string }[]).map((e) => e.file);
        expect(files.length).toBeGreaterThanOrEqual(2 * MIN_DRAFTS_FOR_WORKERS);
        expect(files).toContain('clean.md');
        // The walk's order: archive/, clean.md, desk/, news/.
        expect(files[0].startsWith('archive/')).toBe(true);
        expect(files.at(-1)!.startsWith('news/')).toBe(true);
      }
    });
  }

  it('the main thread and a worker sharing the drafts (the default) print the same', () => {
    const one = cli(root, ['--jobs', '1', '--format', 'json']);
    for (const jobs of ['2', '3']) {
      const mixed = cli(root, ['--jobs', jobs, '--format', 'json'], 'jobs');
      expect(split(mixed.stderr).how).toMatch(new RegExp(`${jobs} threads \\(main and ${Number(jobs) - 1} workers?\\)`));
      expect(mixed.status).toBe(one.status);
      expect(mixed.stdout === one.stdout).toBe(true);
    }
  });

  it('--color', () => {
    expect(same(root, ['--color', 'desk', 'news']).stdout).toContain('\x1b[');
  });

  it('--quiet, --rule and --max-warnings', () => {
    const quiet = same(root, ['--format', 'json', '--quiet', '--rule', 'wrong-value=warning', 'desk', 'news', 'archive']);
    expect(quiet.status).toBe(1);
    const warned = same(root, ['--format', 'github', '--rule', 'wrong-value=warning', '--rule', 'wrong-magnitude=off', '--max-warnings', '3', 'news', 'archive']);
    expect(warned.stderr).toContain('too many warnings');
  });

  it('a run without errors exits 0 with workers too', () => {
    const dir = tempDir();
    for (let i = 0; i < MIN_DRAFTS_FOR_WORKERS + 4; i++) write(dir, `d${String(i).padStart(2, '0')}.md`, `# Draft ${i}\n\nNo figures here.\n`);
    const r = same(dir, ['--format', 'json']);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toHaveLength(MIN_DRAFTS_FOR_WORKERS + 4);
  });

  it('--shard picks the same drafts and prints the same report', () => {
    const parts = [1, 2].map((i) => same(root, ['--format', 'json', '--shard', `${i}/2`]));
    const all = (JSON.parse(cli(root, ['--format', 'json', '--jobs', '1']).stdout) as { file: string }[]).map((e) => e.file).sort();
    const shards = parts.flatMap((p) => (JSON.parse(p.stdout) as { file: string }[]).map((e) => e.file)).sort();
    expect(shards).toEqual(all);
  });
});

describe('drafts that cannot be read, with workers', () => {
  it('are skipped with the same message and exit code', () => {
    const dir = tempDir();
    for (const d of fixtureDrafts().slice(0, MIN_DRAFTS_FOR_WORKERS)) write(dir, d.name, d.text);
    write(dir, 'binary.md', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x0d, 0x0a]));
    write(dir, 'latin1.md', Buffer.from('Caf\xe9 au lait: $40 billion.\n', 'latin1'));
    write(dir, 'x.md/inside.md', 'A folder named x.md is walked, not read.\n');
    const r = same(dir, ['--format', 'json', '.', 'gone.md']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('binary.md: skipped: binary or not UTF-8');
    expect(r.stderr).toContain('latin1.md: skipped: binary or not UTF-8');
    expect(r.stderr).toContain('gone.md: no such file or folder');
    const files = (JSON.parse(r.stdout) as { file: string }[]).map((e) => e.file);
    expect(files).toContain('x.md/inside.md');
    expect(files).not.toContain('binary.md');
  });

  it('a FIFO named on the command line is not read (not a regular file)', () => {
    const dir = tempDir();
    for (const d of fixtureDrafts().slice(0, MIN_DRAFTS_FOR_WORKERS)) write(dir, d.name, d.text);
    const made = spawnSync('mkfifo', [path.join(dir, 'pipe.md')]);
    if (made.status !== 0) return; // no mkfifo here
    const r = same(dir, ['--format', 'stylish', '.', 'pipe.md']);
    expect(r.stderr).toContain('pipe.md: skipped: not a regular file');
  });

  it('when every draft is skipped: exit 2 and the same messages', () => {
    const dir = tempDir();
    for (let i = 0; i < MIN_DRAFTS_FOR_WORKERS + 2; i++) write(dir, `b${String(i).padStart(2, '0')}.md`, Buffer.from([0x00, 0x01, 0x02]));
    const r = same(dir, ['--format', 'sarif']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`nothing was checked (all ${MIN_DRAFTS_FOR_WORKERS + 2} drafts were skipped)`);
  });
});

describe('facts that do not load, with workers', () => {
  it('exit 2 before anything reaches stdout, the same messages', () => {
    const dir = tempDir();
    for (const d of fixtureDrafts().slice(0, MIN_DRAFTS_FOR_WORKERS + 2)) write(dir, d.name, d.text);
    write(dir, 'broken.facts.yaml', 'version: 1\nsources: [\n');
    const r = same(dir, ['--format', 'json', '--facts', 'broken.facts.yaml']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^broken\.facts\.yaml:\d+:\d+ /m);
  });
});

describe('--cache with workers', () => {
  it('writes the same cache as one thread, reuses it, and re-checks changed drafts', () => {
    const root = corpus();
    const fresh = cli(root, ['--format', 'json', '--jobs', '1']).stdout;
    const cacheFile = path.join(root, '.factlintcache');

    const first = cli(root, ['--format', 'json', '--cache', '--jobs', '1']);
    expect(first.stdout === fresh).toBe(true);
    // Every draft in the cache: found before any worker starts, none checked.
    const all = cli(root, ['--format', 'json', '--cache', '--jobs', '2']);
    expect(split(all.stderr).how).toMatch(/main thread only: 0 checked in the main thread$/);
    expect(all.stdout === fresh).toBe(true);
    const one = fs.readFileSync(cacheFile, 'utf8');
    fs.rmSync(cacheFile);
    const two = cli(root, ['--format', 'json', '--cache', '--jobs', '2']);
    expect(split(two.stderr).how).toMatch(/1 worker\): 0 checked in the main thread$/);
    expect(two.stdout === fresh).toBe(true);
    expect(fs.readFileSync(cacheFile, 'utf8') === one).toBe(true);

    // A hit is served from the cache, not checked again: a planted message shows up.
    const data = JSON.parse(one) as { entries: Record<string, { key: string; diagnostics: { message: string }[] }> };
    const planted = Object.entries(data.entries).find(([, e]) => e.diagnostics.length > 0)!;
    planted[1].diagnostics[0].message = 'PLANTED IN THE CACHE';
    fs.writeFileSync(cacheFile, JSON.stringify(data));
    const hit = cli(root, ['--format', 'json', '--cache', '--jobs', '2']);
    expect(hit.stdout).toContain('PLANTED IN THE CACHE');

    // A changed draft is a miss: checked again, and its new entry replaces the planted one.
    const changed = path.join(root, planted[0]);
    fs.appendFileSync(changed, '\nOne more line.\n');
    const after = cli(root, ['--format', 'json', '--cache', '--jobs', '2']);
    expect(after.stdout).not.toContain('PLANTED IN THE CACHE');
    expect(split(after.stderr).how).toMatch(/main thread only: 1 checked in the main thread$/);
    const check = cli(root, ['--format', 'json', '--jobs', '1']);
    expect(after.stdout === check.stdout).toBe(true);
    expect(after.status).toBe(check.status);
  });

  it('starts workers for the drafts left to check when enough changed, and reports every draft in order', () => {
    const root = corpus();
    cli(root, ['--format', 'json', '--cache', '--jobs', '1']);
    // Every other draft changed: the rest come from the cache, between them.
    const drafts = listDrafts(root);
    const changed = drafts.filter((_, i) => i % 2 === 1);
    expect(changed.length).toBeGreaterThanOrEqual(MIN_DRAFTS_FOR_WORKERS);
    for (const f of changed) fs.appendFileSync(f, '\nAmazon may invest $40 billion in OpenAI.\n');
    const mixed = cli(root, ['--format', 'json', '--cache', '--jobs', '2']);
    expect(split(mixed.stderr).how).toMatch(/2 threads \(main and 1 worker\): 0 checked in the main thread$/);
    const fresh = cli(root, ['--format', 'json', '--jobs', '1']);
    expect(mixed.status).toBe(fresh.status);
    expect(mixed.stdout === fresh.stdout).toBe(true);
    // And again from the cache alone.
    const again = cli(root, ['--format', 'json', '--cache', '--jobs', '2']);
    expect(split(again.stderr).how).toMatch(/main thread only: 0 checked in the main thread$/);
    expect(again.stdout === fresh.stdout).toBe(true);
  });
});

/** The Markdown drafts under `root`, in no particular order. */
function listDrafts(root: string): string[] {
  return (fs.readdirSync(root, { recursive: true }) as string[]).filter((f) => f.endsWith('.md')).map((f) => path.join(root, f));
}
