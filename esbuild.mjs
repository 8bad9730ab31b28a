// Bundles the CLI, the language server and the VS Code client (minified, with source maps).
//   node esbuild.mjs            build once
//   node esbuild.mjs --watch    rebuild on change
//   node esbuild.mjs --only cli  one bundle (cli, server, client)
import { build, context } from 'esbuild';
import { existsSync } from 'node:fs';
import { nodeBundle } from './server/build/bundle-options.mjs';

const entries = [
  { in: 'server/src/cli/bin.ts', out: 'cli' },
  // The server's entry only loads server-core.js with V8's code cache (server/src/lsp/boot.ts).
  { in: 'server/src/lsp/boot.ts', out: 'server' },
  { in: 'server/src/lsp/main.ts', out: 'server-core' },
  { in: 'client/src/extension.ts', out: 'client' },
].filter((e) => existsSync(e.in));
// `node esbuild.mjs --only cli,server` builds some bundles only (server: both of the server's).
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1].split(',') : undefined;
const selected = only ? entries.filter((e) => only.includes(e.out) || (e.out === 'server-core' && only.includes('server'))) : entries;

const options = {
  ...nodeBundle,
  entryPoints: selected,
  outdir: 'dist',
  minify: true,
  sourcemap: true,
  external: ['vscode'],
  logLevel: 'warning',
  legalComments: 'none',
};

if (process.argv.includes('--watch')) {
  const ctx = await context(options);
  await ctx.watch();
} else {
  await build(options);
}
