// End-to-end tests in a real editor: code-server 4.139.1 (VS Code 1.139.1 with a Node extension
// host) driven by Debian's Chromium through playwright-core. `npm run test:e2e`.
//
//   1. installs Node 24, code-server and playwright-core into .e2e-cache/ when missing (setup.mjs);
//   2. builds dist/ and the mocha suite (test/e2e/out/suite);
//   3. starts code-server on 127.0.0.1 with all its state in a temporary folder (own process group);
//   4. opens the workbench with the smoke-test payload (extensionDevelopmentPath +
//      extensionTestsPath): the suite runs in the extension host, its exit code comes back
//      through codeAutomationExit;
//   5. one UI check on a fresh copy of the workspace: the squiggle under a misstated figure, its
//      Problems panel row and its hover, with a screenshot in test/e2e/screenshots/;
//   6. stops the whole process group, whatever happened.
//
// Options:
//   --vsix FILE   test the packaged extension (unzipped) instead of this folder
//   --grep TEXT   run only the tests whose title matches
//   --no-ui       skip the UI check
//   --keep        keep the temporary folder (code-server logs, workspace copies)
//   --no-build    test dist/ as it is (the bench builds it first)
// Environment: FACTLINT_E2E_CACHE (cache folder), CHROMIUM_PATH (default /usr/bin/chromium),
// FACTLINT_E2E_TIMEOUT_MS (the suite's overall limit, default 240000).
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { format } from 'node:util';
import { buildSuite } from './build.mjs';
import { CACHE, CHROMIUM, CODE_SERVER, ROOT, EDITOR_SETTINGS, checkChromium, ensureInstalled, node24Env, unpackVsix } from './setup.mjs';

const T0 = Date.now();
const stamp = () => `[${((Date.now() - T0) / 1000).toFixed(1).padStart(5)}s]`;
const log = (...a) => console.log(stamp(), ...a);

const argv = process.argv.slice(2);
const opt = (name) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const VSIX = opt('--vsix');
const GREP = opt('--grep');
const UI = !argv.includes('--no-ui');
const KEEP = argv.includes('--keep');
const BUILD = !argv.includes('--no-build');
const SUITE_TIMEOUT = Number(process.env.FACTLINT_E2E_TIMEOUT_MS) || 240_000;
const FIXTURE = path.join(ROOT, 'test/e2e/workspace');
const SCREENSHOTS = path.join(ROOT, 'test/e2e/screenshots');

let serverProc;
let browser;
let stateDir;
let tornDown = false;

async function teardown() {
  if (tornDown) return;
  tornDown = true;
  if (browser) await browser.close().catch(() => undefined);
  if (serverProc && serverProc.exitCode === null && serverProc.signalCode === null) {
    const pgid = serverProc.pid;
    const exited = new Promise((r) => serverProc.once('exit', r));
    try {
      process.kill(-pgid, 'SIGTERM');
    } catch {}
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    // Extension hosts and the language server live in the same group: make sure nothing is left.
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {}
  }
  if (stateDir && !KEEP) rmSync(stateDir, { recursive: true, force: true });
  else if (stateDir) log(`state kept in ${stateDir}`);
}

for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    log(`${sig}: tearing down`);
    void teardown().finally(() => process.exit(130));
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function waitForHealth(base, ms) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (serverProc.exitCode !== null) throw new Error(`code-server exited with code ${serverProc.exitCode}`);
    try {
      const r = await fetch(`${base}/healthz`);
      if (r.ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`code-server did not answer ${base}/healthz within ${ms / 1000} s`);
}

function run(cmd, args, what) {
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`${what} failed (exit ${r.status ?? r.signal})`);
}

/** The workbench URL for a folder, with the smoke-test payload. */
function workbenchUrl(base, folder, payload) {
  const host = new URL(base).host;
  const remote = (p) => `vscode-remote://${host}${p}`;
  const entries = Object.entries(payload).map(([k, v]) => [k, remote(v)]);
  return `${base}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(entries))}`;
}

// Workbench chatter of no interest here (no network, no accounts); anything else is printed.
const NOISE = new RegExp([
  'open-vsx', 'marketplace', 'gallery', 'ERR_NAME_NOT_RESOLVED', 'ENOTFOUND', 'Failed to load resource', 'net::ERR',
  'connection token', 'Creating a socket', 'reconnection-grace-time', 'additional builtin extensions',
  '\\[Service Worker\\]', '\\[AgentHost', '\\[AccountPolicyGate\\]', 'authentication provider', 'DEP0\\d+',
].join('|'), 'i');

async function runSuite(context, base, folder, extDir, suiteIndex) {
  const page = await context.newPage();
  let exit;
  const exited = new Promise((r) => (exit = r));
  // The workbench calls these when it runs extension tests (the hooks @vscode/test-web uses too).
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    // console.* calls of the extension host, arguments as given (mocha's reporter uses %s, %d).
    const text = format(...(Array.isArray(args) ? args : [args]));
    if (NOISE.test(text)) return;
    for (const line of text.replace(/\s+$/, '').split('\n')) console.log(`  ${line}`);
  });
  await page.exposeFunction('codeAutomationExit', (code) => exit(code));
  page.on('pageerror', (err) => log('page error:', err.message));
  const url = workbenchUrl(base, folder, { extensionDevelopmentPath: extDir, extensionTestsPath: suiteIndex });
  await page.goto(url);
  let timer;
  const timeout = new Promise((r) => (timer = setTimeout(() => r('timeout'), SUITE_TIMEOUT)));
  const code = await Promise.race([exited, timeout]);
  clearTimeout(timer);
  if (code !== 0) {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'suite-failure.png') }).catch(() => undefined);
  }
  await page.close().catch(() => undefined);
  return code;
}

/** What a person sees: the squiggle, its row in the Problems panel and its hover. */
async function uiCheck(context, base, folder, extDir) {
  const page = await context.newPage();
  mkdirSync(SCREENSHOTS, { recursive: true });
  try {
    await page.goto(workbenchUrl(base, folder, { extensionDevelopmentPath: extDir }));
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 60_000 });
    await page.locator('.monaco-workbench').click({ position: { x: 700, y: 400 } }).catch(() => undefined);
    await page.keyboard.press('Control+P');
    await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
    await page.keyboard.type('launch.md');
    await page.waitForSelector('.quick-input-list .monaco-list-row', { timeout: 15_000 });
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('.tab.active')?.textContent?.includes('launch.md'), null, { timeout: 30_000 });
    log('UI: launch.md open');

    await page.waitForSelector('.monaco-editor .squiggly-error', { timeout: 60_000 });
    const squiggles = await page.locator('.monaco-editor .squiggly-error').count();
    log(`UI: ${squiggles} error squiggle(s) in the editor`);

    await page.keyboard.press('Control+Shift+M');
    const row = page.locator('.markers-panel .monaco-list-row', { hasText: '$4.2 billion' }).first();
    await row.waitFor({ timeout: 30_000 });
    const problem = (await row.innerText()).replace(/\s+/g, ' ').trim();
    log(`UI: Problems row: ${problem}`);

    // The topmost error squiggle is the one under "$4.2 billion" (line 3).
    const boxes = [];
    for (const s of await page.locator('.monaco-editor .squiggly-error').all()) {
      const b = await s.boundingBox();
      if (b) boxes.push(b);
    }
    boxes.sort((a, b) => a.y - b.y || a.x - b.x);
    const sq = boxes[0];
    await page.mouse.move(sq.x + sq.width / 2, sq.y + sq.height / 2);
    const hover = page.locator('.monaco-hover', { hasText: 'kestrel-investment' }).first();
    await hover.waitFor({ state: 'visible', timeout: 30_000 });
    const hoverText = (await hover.innerText()).replace(/\s+/g, ' ').trim();
    log(`UI: hover: ${hoverText.slice(0, 300)}`);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'e2e.png') });
    log(`UI: screenshot ${path.relative(ROOT, path.join(SCREENSHOTS, 'e2e.png'))}`);

    const problems = [];
    if (!/The sources say up to \$2\.4 billion/.test(problem) || !/wrong-value/.test(problem)) problems.push(`unexpected Problems row: ${problem}`);
    if (!/up to \$2\.4 billion/.test(hoverText) || !/Kestrel could invest up to \$2\.4 billion in Tidewater/.test(hoverText)) {
      problems.push(`unexpected hover: ${hoverText}`);
    }
    if (problems.length) throw new Error(problems.join('; '));
    return true;
  } catch (err) {
    log(`UI check FAILED: ${err.message.split('\n')[0]}`);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'ui-failure.png') }).catch(() => undefined);
    return false;
  } finally {
    await page.close().catch(() => undefined);
  }
}

async function main() {
  log(`e2e: code-server + Chromium (cache ${path.relative(ROOT, CACHE) || CACHE})`);
  checkChromium();
  ensureInstalled();
  log('installed');

  let extDir = ROOT;
  stateDir = mkdtempSync(path.join(os.tmpdir(), 'factlint-e2e-'));
  if (VSIX) {
    const vsix = path.resolve(VSIX);
    if (!existsSync(vsix)) throw new Error(`no such .vsix: ${vsix}`);
    extDir = unpackVsix(vsix, path.join(stateDir, 'vsix'));
    log(`testing the packaged extension ${path.relative(ROOT, vsix)}`);
  } else if (BUILD) {
    run(process.execPath, ['esbuild.mjs'], 'node esbuild.mjs');
  }
  for (const f of ['dist/client.js', 'dist/server.js', 'dist/server-core.js']) {
    if (!existsSync(path.join(extDir, f))) throw new Error(`${f} is missing in ${extDir}: the extension cannot start`);
  }
  const suiteIndex = await buildSuite();
  log(BUILD || VSIX ? 'built dist/ and the suite' : 'built the suite (dist/ as it is)');

  const ws = path.join(stateDir, 'ws');
  const wsUi = path.join(stateDir, 'tidewater');
  cpSync(FIXTURE, ws, { recursive: true });
  cpSync(FIXTURE, wsUi, { recursive: true });
  for (const d of ['user/User', 'ext', 'tmp', 'xdg/config', 'xdg/data', 'xdg/cache']) mkdirSync(path.join(stateDir, d), { recursive: true });
  writeFileSync(path.join(stateDir, 'user/User/settings.json'), JSON.stringify(EDITOR_SETTINGS, null, 2));
  writeFileSync(path.join(stateDir, 'config.yaml'), '');

  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const serverLog = path.join(stateDir, 'code-server.log');
  const out = openSync(serverLog, 'a');
  const env = node24Env({
    TMPDIR: path.join(stateDir, 'tmp'),
    XDG_CONFIG_HOME: path.join(stateDir, 'xdg/config'),
    XDG_DATA_HOME: path.join(stateDir, 'xdg/data'),
    XDG_CACHE_HOME: path.join(stateDir, 'xdg/cache'),
    ...(GREP ? { FACTLINT_E2E_GREP: GREP } : {}),
  });
  delete env.VSCODE_IPC_HOOK_CLI;
  delete env.ELECTRON_RUN_AS_NODE;
  serverProc = spawn(CODE_SERVER, [
    '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none',
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
    '--disable-getting-started-override', '--disable-file-downloads',
    '--reconnection-grace-time', '5',
    '--user-data-dir', path.join(stateDir, 'user'),
    '--extensions-dir', path.join(stateDir, 'ext'),
    '--config', path.join(stateDir, 'config.yaml'),
    '--vscode-option', 'enable-smoke-test-driver',
  ], { cwd: stateDir, env, stdio: ['ignore', out, out], detached: true });
  await waitForHealth(base, 60_000);
  log(`code-server up on ${base} (pid ${serverProc.pid}, own process group)`);

  const requireDrive = createRequire(path.join(CACHE, 'drive/noop.js'));
  const { chromium } = requireDrive('playwright-core');
  const browserData = path.join(stateDir, 'chromium');
  browser = await chromium.launchPersistentContext(browserData, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1400, height: 860 },
    env: { ...process.env, XDG_CONFIG_HOME: path.join(stateDir, 'xdg/config'), XDG_CACHE_HOME: path.join(stateDir, 'xdg/cache') },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  log('chromium up; running the suite in the extension host');

  const code = await runSuite(browser, base, ws, extDir, suiteIndex);
  const suiteOk = code === 0;
  log(code === 'timeout' ? `suite TIMED OUT after ${SUITE_TIMEOUT / 1000} s` : `suite exit code ${code}`);

  let uiOk = true;
  if (UI) {
    uiOk = await uiCheck(browser, base, wsUi, extDir);
    log(uiOk ? 'UI check passed' : 'UI check failed');
  }
  if (!suiteOk || !uiOk) {
    const tail = readFileSync(serverLog, 'utf8').split('\n').filter((l) => l && !NOISE.test(l)).slice(-30);
    if (tail.length) console.log(`--- code-server log (last lines) ---\n${tail.join('\n')}`);
    const logs = path.join(stateDir, 'user/logs');
    if (KEEP) log(`editor logs: ${logs}`);
  }
  return suiteOk && uiOk;
}

let ok = false;
try {
  ok = await main();
} catch (err) {
  log(`e2e ERROR: ${err.stack || err.message}`);
  ok = false;
} finally {
  await teardown();
}
log(ok ? 'E2E PASSED' : 'E2E FAILED');
process.exit(ok ? 0 : 1);
