// The esbuild settings every Node bundle of the project shares (esbuild.mjs's bundles and the
// bench's engine-only bundles): one CommonJS file for Node 20, micromark mended, and an
// import.meta.url for the dependencies that ship ESM reading it.
import { micromarkMends } from './micromark-mends.mjs';

export const nodeBundle = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // micromark mended to run in linear time on long paragraphs and lists (micromark-mends.mjs).
  plugins: [micromarkMends],
  // Some dependencies ship ESM that reads import.meta.url; give the CommonJS bundle one.
  define: { 'import.meta.url': '__importMetaUrl' },
  banner: { js: "var __importMetaUrl=require('url').pathToFileURL(__filename).href;" },
};
