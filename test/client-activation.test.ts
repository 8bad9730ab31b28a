// The extension's activation times (client/src/activation.ts): what the output channel says and
// what the API returns to the end-to-end suite and the bench.
import * as path from 'node:path';
import { build } from 'esbuild';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ActivationClock, CODE_START, describeActivation } from '../client/src/activation';
import { nodeBundle } from '../server/build/bundle-options.mjs';

afterEach(() => vi.restoreAllMocks());

/** performance.now() answers these, in turn. */
function clockAt(...times: number[]) {
  const spy = vi.spyOn(performance, 'now');
  for (const t of times) spy.mockReturnValueOnce(t);
  return spy;
}

describe('ActivationClock', () => {
  it('times the code load from CODE_START, and the server and activate() from the call', () => {
    clockAt(CODE_START + 40, CODE_START + 400, CODE_START + 430);
    const clock = new ActivationClock();
    clock.serverStarted();
    const t = clock.finished();
    expect(t.loadMs).toBeCloseTo(40, 6);
    expect(t.serverMs).toBeCloseTo(360, 6);
    expect(t.activateMs).toBeCloseTo(390, 6);
  });

  it('has no server time when the server did not start', () => {
    clockAt(CODE_START + 10, CODE_START + 25);
    const t = new ActivationClock().finished();
    expect(t).not.toHaveProperty('serverMs');
    expect(t.activateMs).toBeCloseTo(15, 6);
  });

  it('keeps the first milestones: a later call changes nothing', () => {
    clockAt(CODE_START + 1, CODE_START + 5, CODE_START + 9, CODE_START + 100, CODE_START + 200);
    const clock = new ActivationClock();
    clock.serverStarted();
    const first = clock.finished();
    clock.serverStarted();
    expect(clock.finished()).toEqual(first);
    expect(first).toEqual({ loadMs: expect.closeTo(1, 6), serverMs: expect.closeTo(4, 6), activateMs: expect.closeTo(8, 6) });
  });
});

describe('describeActivation', () => {
  it('rounds to milliseconds and names each part', () => {
    expect(describeActivation({ loadMs: 37.6, serverMs: 390.2, activateMs: 412.5 })).toBe(
      'activated in 413 ms (code loaded in 38 ms; language server ready in 390 ms)',
    );
  });

  it('says when the server did not start', () => {
    expect(describeActivation({ loadMs: 12, activateMs: 30 })).toBe('activated in 30 ms (code loaded in 12 ms; language server not started)');
  });
});

describe('the client bundle', () => {
  it('takes CODE_START before any bundled package runs (loadMs covers vscode-languageclient)', async () => {
    const result = await build({
      ...nodeBundle,
      entryPoints: [path.resolve(__dirname, '../client/src/extension.ts')],
      external: ['vscode'],
      write: false,
      minify: false,
      logLevel: 'silent',
    });
    const text = result.outputFiles[0].text;
    const start = text.indexOf('CODE_START = performance.now()');
    // esbuild wraps CommonJS packages in functions and runs each where it is first imported, in
    // a top-level `var x = __toESM(require_y())`.
    const firstPackage = text.search(/^var \w+ = __toESM\(require_\w+\(\)/m);
    expect(start).toBeGreaterThan(0);
    expect(firstPackage).toBeGreaterThan(0);
    expect(start).toBeLessThan(firstPackage);
  });
});
