import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { micromarkMendsVite } from './server/build/micromark-mends.mjs';

export default defineConfig({
  // The engine's tests run micromark with the same build-time mends as the bundles (esbuild.mjs):
  // micromark, micromark-util-subtokenize and mdast-util-from-markdown are transformed by vite instead of loaded by Node,
  // and `micromark` is its build (lib/), as in the bundles, not the development build vite picks.
  plugins: [micromarkMendsVite],
  resolve: { alias: [{ find: /^micromark$/, replacement: fileURLToPath(new URL('./node_modules/micromark/index.js', import.meta.url)) }] },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    pool: 'forks',
    // No facts cache in the user's folder from tests; the tests of the cache name their own folder.
    env: { FACTLINT_CACHE_DIR: '' },
    server: { deps: { inline: [/[\\/]node_modules[\\/]micromark[\\/]/, /[\\/]node_modules[\\/]micromark-util-subtokenize[\\/]/, /[\\/]node_modules[\\/]mdast-util-from-markdown[\\/]/] } },
  },
});
