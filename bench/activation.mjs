// Extension activation in a real editor: code-server (VS Code's own build, with a Node extension
// host) started fresh for each run by the end-to-end runner (test/e2e/run-code-server.mjs), which
// runs only the suite's "activation is timed" test. The extension times itself
// (client/src/activation.ts) and that test writes the times to a file:
//   loadMs      the first statement of dist/client.js → activate() called (loading the client's code);
//   serverMs    activate() → the language server answered initialize and the first status request;
//   activateMs  activate() → it returned.
// Each run is a first start: new user data, new extension host, and the server's caches (V8 code
// cache, facts cache) in an empty folder.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const TEST = 'activation is timed';

/** One editor start; resolves to the times, or throws with the runner's last lines. */
function once(root, file, log) {
  return new Promise((resolve, reject) => {
    fs.rmSync(file, { force: true });
    const child = spawn(process.execPath, ['test/e2e/run-code-server.mjs', '--grep', TEST, '--no-ui', '--no-build'], {
      cwd: root,
      env: { ...process.env, FACTLINT_E2E_TIMINGS: file },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => {
      output += d;
      // The first run installs code-server and Node 24 into .e2e-cache: say so as it happens.
      for (const line of String(d).split('\n')) if (line.includes('[e2e setup]')) log(`  ${line.trim()}`);
    });
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const tail = output.trim().split('\n').slice(-3).join(' / ');
      if (code !== 0) return reject(new Error(`the e2e runner failed (exit ${code}): ${tail}`));
      if (!fs.existsSync(file)) return reject(new Error(`the runner passed but wrote no times: ${tail}`));
      resolve(JSON.parse(fs.readFileSync(file, 'utf8')));
    });
  });
}

/** `runs` fresh editor starts; { vscode, samples } or { skipped } when the first cannot run. */
export async function benchActivation({ root, runs, log = () => {} }) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'factlint-activation-')), 'times.json');
  const samples = [];
  let vscode;
  try {
    for (let i = 0; i < runs; i++) {
      let t;
      try {
        t = await once(root, file, log);
      } catch (err) {
        if (!samples.length) return { skipped: err.message };
        log(`  run ${i + 1}/${runs} failed: ${err.message}`);
        break;
      }
      vscode = t.vscode;
      samples.push({ loadMs: t.loadMs, serverMs: t.serverMs, activateMs: t.activateMs });
      log(`  run ${i + 1}/${runs}: code loaded ${t.loadMs.toFixed(0)} ms, server ready ${t.serverMs.toFixed(0)} ms, activate() ${t.activateMs.toFixed(0)} ms`);
    }
  } finally {
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
  return { vscode, samples };
}
