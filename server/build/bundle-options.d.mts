// Types of bundle-options.mjs (for the TypeScript files that import it: the LSP test harness).
import type { BuildOptions } from 'esbuild';

export const nodeBundle: BuildOptions;
