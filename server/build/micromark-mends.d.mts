// Types of micromark-mends.mjs (for the TypeScript files that import it: tests, vitest.config.mts).
import type { Plugin as EsbuildPlugin } from 'esbuild';

export const MENDED_FILES: RegExp;
export function mendMicromark(source: string, file: string): string;
export const micromarkMends: EsbuildPlugin;
export const micromarkMendsVite: {
  name: string;
  enforce: 'pre';
  transform(code: string, id: string): { code: string; map: null } | undefined;
};
