// Facts files written by hand and read from disk (issue 6): whatever is in them or happens to them,
// loading never throws and never hangs, and every refusal is a located problem. Complements
// test/facts-load.test.ts (syntax errors, schema problems, duplicate ids, the 5 MB text limit and a
// simple alias bomb are tested there).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { parse as parseYaml } from 'yaml';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseFactsText, MAX_FACTS_TEXT, type ParsedFacts } from '../server/src/engine/facts/load.js';
import { loadFactsFiles } from '../server/src/engine/facts/fsload.js';
import { MAX_YAML_NESTING } from '../server/src/engine/facts/yamltree.js';
import { factsDataMutation, factsTextMutation } from './fuzz/arbitraries.js';

// File-system calls the loader makes can be intercepted (to delete or change a file mid-load).
const hooks = vi.hoisted(() => ({
  open: undefined as ((p: string) => void) | undefined,
  fstat: undefined as ((fd: number) => void) | undefined,
}));
vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  const openSync = ((p: fs.PathLike, ...rest: unknown[]) => {
    hooks.open?.(String(p));
    return (real.openSync as (...a: unknown[]) => number)(p, ...rest);
  }) as typeof real.openSync;
  const fstatSync = ((fd: number, ...rest: unknown[]) => {
    const st = (real.fstatSync as (...a: unknown[]) => fs.Stats)(fd, ...rest);
    hooks.fstat?.(fd);
    return st;
  }) as typeof real.fstatSync;
  return { ...real, default: { ...real, openSync, fstatSync }, openSync, fstatSync };
});

const BUNDLED = path.join(__dirname, '..', 'facts', 'amazon-openai.facts.yaml');
const good = fs.readFileSync(BUNDLED, 'utf8');

const temps: string[] = [];
function tmp(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'factlint-robust-facts-'));
  temps.push(d);
  return d;
}
beforeEach(() => {
  hooks.open = undefined;
  hooks.fstat = undefined;
});
afterEach(() => {
  hooks.open = undefined;
  hooks.fstat = undefined;
  for (const d of temps.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** Problems lie inside the text; nothing is an internal error; no data means an error says why. */
function expectSane(text: string, r: ParsedFacts): void {
  const lines = text.split(/\r\n|\r|\n/);
  for (const p of r.problems) {
    expect(p.code, p.message).not.toBe('internal');
    expect(p.message.length).toBeGreaterThan(0);
    if (p.code === 'too-large') continue;
    expect(p.line).toBeGreaterThanOrEqual(1);
    expect(p.line).toBeLessThanOrEqual(lines.length);
    expect(p.column).toBeGreaterThanOrEqual(1);
    expect(p.column).toBeLessThanOrEqual(lines[p.line - 1].length + 1);
    expect(p.endLine).toBeGreaterThanOrEqual(p.line);
    expect(p.endColumn).toBeLessThanOrEqual(lines[p.endLine - 1].length + 1);
  }
  if (!r.data) expect(r.problems.some((p) => p.severity === 'error')).toBe(true);
}

function timed<T>(f: () => T): [T, number] {
  const t = performance.now();
  const r = f();
  return [r, performance.now() - t];
}

describe('hand edits of the bundled facts file (property-based)', () => {
  it('random edits of the YAML text: never a throw, always located', () => {
    fc.assert(
      fc.property(factsTextMutation(good), (text) => expectSane(text, parseFactsText(text, 'f.facts.yaml'))),
      { seed: 6, numRuns: 40 },
    );
  });

  it('random edits of the same facts as JSON', () => {
    const json = JSON.stringify(parseYaml(good), null, 2);
    fc.assert(
      fc.property(factsTextMutation(json), (text) => expectSane(text, parseFactsText(text, 'f.facts.json'))),
      { seed: 7, numRuns: 40 },
    );
  });

  it('values replaced, removed, duplicated or wrapped: schema problems at the node', () => {
    fc.assert(
      fc.property(factsDataMutation(parseYaml(good)), (data) => {
        const text = JSON.stringify(data, null, 2);
        const r = parseFactsText(text, 'f.facts.json');
        expectSane(text, r);
      }),
      { seed: 8, numRuns: 40 },
    );
  });
});

describe('hostile facts text', () => {
  it('nesting deeper than any facts file is refused at the spot, before the parser runs out of stack', () => {
    const cases: [string, string, number, number][] = [
      ['[[[[…', '['.repeat(100_000), 1, MAX_YAML_NESTING + 1],
      ['{"a":{"a":…', '{"a":'.repeat(100_000), 1, 5 * MAX_YAML_NESTING + 1],
      ['- - - - …', `${'- '.repeat(50_000)}x`, 1, 2 * MAX_YAML_NESTING + 1],
      ['indented maps', Array.from({ length: 3_000 }, (_, i) => `${' '.repeat(i)}a:`).join('\n'), 2 * MAX_YAML_NESTING + 2, 2 * MAX_YAML_NESTING + 1],
    ];
    for (const [name, text, line, column] of cases) {
      for (const file of ['f.facts.yaml', 'f.facts.json']) {
        const [r, ms] = timed(() => parseFactsText(text, file));
        expectSane(text, r);
        expect(r.problems.map((p) => [p.code, p.line, p.column]), `${name} ${file}`).toEqual([['too-deep', line, column]]);
        expect(ms, name).toBeLessThan(2_000);
      }
    }
  });

  it('a stray `{` that makes the whole file one flow mapping: every problem located, none printing the file', () => {
    // The fuzzer's mutated facts files took 1.3-2 s: each problem's path named its key by
    // serializing it, and here the key is the whole document.
    const text = `{{{{${good}`;
    const r = parseFactsText(text, 'f.facts.yaml');
    expectSane(text, r);
    expect(r.data).toBeUndefined();
    expect(r.problems.length).toBeGreaterThan(10);
    for (const p of r.problems) expect((p.path ?? '').length, p.message).toBeLessThan(100);
    expect(r.problems[0].path).toBe('["{…}"]');
  });

  it('ordinary nesting is not refused', () => {
    const text = `version: 1\nx: ${'['.repeat(50)}${']'.repeat(50)}\ntitle: "[[[[ not [ brackets {{{"\nnote: a [ b { c\n`;
    expect(parseFactsText(text, 'f.facts.yaml').problems.map((p) => p.code)).not.toContain('too-deep');
  });

  it('alias bombs through merge keys and nested sequences are refused at the first alias', () => {
    const merge = ['a: &a { x: 1, y: 2 }', ...Array.from({ length: 25 }, (_, i) => `b${i}: &b${i}\n  <<: [${i ? `*b${i - 1}` : '*a'}, *a]`)].join('\n');
    const r = parseFactsText(merge, 'f.facts.yaml');
    expectSane(merge, r);
    expect(r.problems.map((p) => p.code)).toEqual(['too-many-aliases']);
    expect(r.data).toBeUndefined();
  });

  it('YAML tags for JavaScript are data, never code', () => {
    const marker = path.join(tmp(), 'EXECUTED');
    const js = JSON.stringify(`function () { require('fs').writeFileSync(${JSON.stringify(marker)}, 'x'); }`);
    for (const text of [
      `version: 1\nsources: !!js/function ${js}\n`,
      `version: 1\nsources: !<tag:yaml.org,2002:js/function> ${js}\n`,
      `version: 1\nx: !!js/undefined ''\ny: !!js/regexp /a/\n`,
    ]) {
      const r = parseFactsText(text, 'f.facts.yaml');
      expectSane(text, r);
      expect(r.data).toBeUndefined();
    }
    expect(fs.existsSync(marker)).toBe(false);
  });

  it('a mapping of 100,000 keys (or 100,000 duplicates) is read in linear time', () => {
    const keys = (n: number, dup: boolean) => `version: 1\n${Array.from({ length: n }, (_, i) => `k${dup ? i % 50 : i}: ${i}`).join('\n')}`;
    for (const dup of [false, true]) {
      const [small, t1] = timed(() => parseFactsText(keys(12_500, dup), 'f.facts.yaml'));
      const [large, t8] = timed(() => parseFactsText(keys(100_000, dup), 'f.facts.yaml'));
      expect(large.problems.length).toBeGreaterThan(100);
      expect(small.problems.at(-1)!.message.length).toBeGreaterThan(0);
      // 8x the keys: linear is 8; both the duplicate check and the locating were quadratic (64).
      expect(t8 / Math.max(t1, 20), `${t1.toFixed(0)} ms -> ${t8.toFixed(0)} ms`).toBeLessThan(24);
      if (dup) expect(large.problems.filter((p) => p.code === 'duplicate-key').length).toBeGreaterThan(900);
    }
  });
});

describe('facts files on disk', () => {
  it('an oversized file is refused from its size, at file:1:1, without reading it', () => {
    const dir = tmp();
    const file = path.join(dir, 'big.facts.yaml');
    const fd = fs.openSync(file, 'w');
    fs.ftruncateSync(fd, MAX_FACTS_TEXT + 1);
    fs.closeSync(fd);
    const [r, ms] = timed(() => loadFactsFiles([file]));
    expect(r.problems).toMatchObject([{ file, line: 1, column: 1, code: 'too-large', severity: 'error' }]);
    expect(r.problems[0].message).toMatch(/too large \(5\.0 MB; the limit is 5 MB\)/);
    expect(ms).toBeLessThan(1_000);
  });

  it('a file deleted between listing the folder and reading it: a located problem, the others load', () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'a.facts.yaml'), good);
    fs.writeFileSync(path.join(dir, 'b.facts.yaml'), 'version: 1\n');
    hooks.open = (p) => {
      if (p.endsWith('b.facts.yaml')) fs.rmSync(p);
    };
    const r = loadFactsFiles([dir]);
    expect(r.problems.filter((p) => p.severity === 'error')).toMatchObject([
      { file: path.join(dir, 'b.facts.yaml'), line: 1, column: 1, code: 'unreadable', message: 'cannot read facts file: not found' },
    ]);
    expect(r.data?.facts.length).toBeGreaterThan(10);
  });

  it('a file rewritten between listing and reading is read as it is then, and located in that text', () => {
    const dir = tmp();
    const file = path.join(dir, 'a.facts.yaml');
    fs.writeFileSync(file, good);
    hooks.open = (p) => {
      if (p === file) fs.writeFileSync(file, 'version: 1\nsources: [\n');
    };
    const r = loadFactsFiles([dir]);
    expect(r.data).toBeUndefined();
    expect(r.problems[0]).toMatchObject({ file, line: 3, code: 'yaml-syntax' });
  });

  it('a file that grows past the limit while it is read is refused as too large (never read whole)', () => {
    const dir = tmp();
    const file = path.join(dir, 'a.facts.yaml');
    fs.writeFileSync(file, good);
    hooks.fstat = () => {
      hooks.fstat = undefined;
      fs.appendFileSync(file, `# ${'x'.repeat(MAX_FACTS_TEXT)}\n`);
    };
    const r = loadFactsFiles([file]);
    expect(r.problems).toMatchObject([{ file, line: 1, column: 1, code: 'too-large' }]);
  });

  it('a file cut short while it is read gives problems inside the text that was read', () => {
    const dir = tmp();
    const file = path.join(dir, 'a.facts.yaml');
    fs.writeFileSync(file, good);
    hooks.fstat = () => {
      hooks.fstat = undefined;
      fs.truncateSync(file, 3000);
    };
    const r = loadFactsFiles([file]);
    expectSane(good.slice(0, 3000), r);
    expect(r.problems.some((p) => p.severity === 'error')).toBe(true);
  });

  it.runIf(process.platform !== 'win32')('a FIFO, /dev/zero, a folder or a symbolic link loop named as facts: refused, never read, no hang', () => {
    const dir = tmp();
    const fifo = path.join(dir, 'pipe.facts.yaml');
    const made = spawnSync('mkfifo', [fifo]);
    fs.mkdirSync(path.join(dir, 'folder.facts.yaml'));
    fs.symlinkSync('loop-b.facts.yaml', path.join(dir, 'loop-a.facts.yaml'));
    fs.symlinkSync('loop-a.facts.yaml', path.join(dir, 'loop-b.facts.yaml'));
    fs.writeFileSync(path.join(dir, 'good.facts.yaml'), good);

    const [r, ms] = timed(() => loadFactsFiles([dir, '/dev/zero']));
    expect(ms).toBeLessThan(5_000);
    const byFile = new Map(r.problems.filter((p) => p.severity === 'error').map((p) => [path.basename(p.file), p.message]));
    if (made.status === 0) expect(byFile.get('pipe.facts.yaml')).toBe('cannot read facts file: not a regular file');
    expect(byFile.get('zero')).toBe('cannot read facts file: not a regular file');
    expect(byFile.get('folder.facts.yaml')).toBe('cannot read facts file: is a directory');
    expect(byFile.get('loop-a.facts.yaml')).toBe('cannot read facts file: symbolic link loop');
    expect(r.data?.facts.length).toBeGreaterThan(10);
  });
});
