// Types of micromark-text.mjs (for the TypeScript files that import it: tests, vitest.config.mts).
import type { Plugin as EsbuildPlugin } from 'esbuild';

export const TEXT_INITIALIZER: RegExp;
export function mendTextInitializer(source: string, file?: string): string;
export const linearTextResolver: EsbuildPlugin;
export const linearTextResolverVite: {
  name: string;
  enforce: 'pre';
  transform(code: string, id: string): { code: string; map: null } | undefined;
};
