// The `factlint` executable (bundled to dist/cli.js; bin/factlint.js requires it). Worker threads
// (--jobs) run this same file again; they check drafts and print nothing.
import './jit.js';
import * as path from 'node:path';
import { isMainThread, workerData } from 'node:worker_threads';
import { main } from './main.js';
import { isWorkerSetup, runWorker } from './pool.js';

if (!isMainThread && isWorkerSetup(workerData)) {
  void runWorker(workerData);
} else {
  runCli();
}

function runCli(): void {
  for (const stream of [process.stdout, process.stderr]) {
    // `factlint | head`: a closed pipe is not an error worth a stack trace.
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw err;
    });
  }

  main(process.argv.slice(2), {
    stdout: (s) => void process.stdout.write(s),
    stderr: (s) => void process.stderr.write(s),
    cwd: process.cwd(),
    env: process.env,
    isTTY: process.stdout.isTTY === true,
    bundledFactsDir: path.join(__dirname, '..', 'facts'),
    workerScript: __filename,
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`factlint: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exitCode = 2;
    },
  );
}
