// The same in-editor suite under desktop VS Code, through @vscode/test-electron, for machines
// that can download VS Code (update.code.visualstudio.com). `npm run test:e2e:electron`.
// Where the download fails it says so and exits 3: the suite did not run, nothing passed.
//
// Options:
//   --version V   VS Code versions to run (repeatable); default: stable and 1.91.0 (the minimum
//                 engines.vscode allows)
//   --vsix FILE   test the packaged extension (unzipped) instead of this folder
//   --grep TEXT   run only the tests whose title matches
// On Linux without a display it re-runs itself under `xvfb-run -a` when that is installed.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';
import { buildSuite } from './build.mjs';
import { EDITOR_SETTINGS, ROOT, unpackVsix } from './setup.mjs';

const argv = process.argv.slice(2);
const all = (name) => argv.flatMap((a, i) => (a === name && argv[i + 1] ? [argv[i + 1]] : []));
const VERSIONS = all('--version').length ? all('--version') : ['stable', '1.91.0'];
const VSIX = all('--vsix')[0];
const GREP = all('--grep')[0];

if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY && !process.env.FACTLINT_E2E_XVFB) {
  const which = spawnSync('sh', ['-c', 'command -v xvfb-run'], { encoding: 'utf8' });
  if (which.status === 0) {
    const r = spawnSync('xvfb-run', ['-a', process.execPath, ...process.argv.slice(1)], {
      stdio: 'inherit',
      env: { ...process.env, FACTLINT_E2E_XVFB: '1' },
    });
    process.exit(r.status ?? 1);
  }
  console.log('e2e (electron): no display and no xvfb-run; VS Code may fail to start (apt-get install -y xvfb)');
}

const stateDir = mkdtempSync(path.join(os.tmpdir(), 'factlint-e2e-electron-'));
let code = 0;
try {
  let extDir = ROOT;
  if (VSIX) extDir = unpackVsix(path.resolve(VSIX), path.join(stateDir, 'vsix'));
  else {
    const r = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, stdio: 'inherit' });
    if (r.status !== 0) throw new Error('node esbuild.mjs failed');
  }
  if (!existsSync(path.join(extDir, 'dist/server.js'))) throw new Error(`dist/server.js is missing in ${extDir}`);
  const suiteIndex = await buildSuite();

  for (const version of VERSIONS) {
    let vscodeExecutablePath;
    try {
      vscodeExecutablePath = await downloadAndUnzipVSCode({ version, cachePath: path.join(ROOT, '.vscode-test'), timeout: 20_000 });
    } catch (err) {
      console.error(
        `\ne2e (electron): VS Code ${version} could not be downloaded: ${err?.message ?? err}\n` +
          'The in-editor suite did NOT run. On machines without access to update.code.visualstudio.com,\n' +
          'run it in code-server instead: npm run test:e2e\n',
      );
      code = 3;
      break;
    }
    const dir = path.join(stateDir, version);
    const ws = path.join(dir, 'ws');
    cpSync(path.join(ROOT, 'test/e2e/workspace'), ws, { recursive: true });
    mkdirSync(path.join(dir, 'user/User'), { recursive: true });
    writeFileSync(path.join(dir, 'user/User/settings.json'), JSON.stringify(EDITOR_SETTINGS, null, 2));
    console.log(`e2e (electron): VS Code ${version}`);
    try {
      await runTests({
        vscodeExecutablePath,
        extensionDevelopmentPath: extDir,
        extensionTestsPath: suiteIndex,
        extensionTestsEnv: GREP ? { FACTLINT_E2E_GREP: GREP } : undefined,
        launchArgs: [
          ws,
          '--disable-extensions',
          '--disable-workspace-trust',
          '--skip-welcome',
          '--skip-release-notes',
          '--disable-gpu',
          '--user-data-dir', path.join(dir, 'user'),
          '--extensions-dir', path.join(dir, 'ext'),
        ],
      });
      console.log(`e2e (electron): VS Code ${version}: passed`);
    } catch (err) {
      console.error(`e2e (electron): VS Code ${version}: FAILED (${err?.message ?? err})`);
      code = 1;
    }
  }
} catch (err) {
  console.error(`e2e (electron): ERROR: ${err?.stack ?? err}`);
  code = 1;
} finally {
  rmSync(stateDir, { recursive: true, force: true });
}
process.exit(code);
