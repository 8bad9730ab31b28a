#!/usr/bin/env node
// `npm run fuzz [-- --seed N --count N]`: feeds >= 100,000 generated inputs (drafts, and facts
// files mutated from the bundled one) through the Markdown parser, the checker and the facts
// parser, and reports how many were tried and how many crashed, were slow or hung. Failing inputs
// are saved with their seed to test/fuzz/failures/ (gitignored). Not part of `npm test`.
//
// The TypeScript sources are bundled with esbuild into a temporary module first, with the
// engine's safety nets instrumented so that swallowed exceptions count as crashes (strict.mjs).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawn } from 'node:child_process';
import { ROOT, buildStrict } from './strict.mjs';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'factlint-fuzz-'));
const main = await buildStrict(path.join(ROOT, 'test', 'fuzz', 'fuzz-run.ts'), path.join(dir, 'fuzz-run.mjs'));
const worker = await buildStrict(path.join(ROOT, 'test', 'fuzz', 'worker.ts'), path.join(dir, 'worker.mjs'));
const child = spawn(process.execPath, ['--enable-source-maps', main, ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, FACTLINT_ROOT: ROOT, FACTLINT_FUZZ_WORKER: worker },
});
const stop = (sig) => child.kill(sig);
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
child.on('exit', (code, signal) => {
  fs.rmSync(dir, { recursive: true, force: true });
  process.exit(code ?? (signal ? 1 : 0));
});
