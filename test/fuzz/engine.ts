// The engine entry points the fuzzer and the property tests drive (bundled by strict.mjs).
export { analyzeDocument, checkDocument, BlockCache } from '../../server/src/engine/check.js';
export { DocumentChecker } from '../../server/src/engine/incremental.js';
export { parseMarkdown, parsePieces } from '../../server/src/engine/markdown/parse.js';
export { clearPieceCache } from '../../server/src/engine/markdown/cache.js';
export { extractFigures } from '../../server/src/engine/figures/extract.js';
export { parseFactsText, mergeFacts, MAX_FACTS_TEXT } from '../../server/src/engine/facts/load.js';
export { loadFactsFiles } from '../../server/src/engine/facts/fsload.js';
export { buildFactBase } from '../../server/src/engine/claims/factbase.js';

/** Errors the engine's safety nets caught (see strict.mjs), since the last take(). */
const swallowed: { error: unknown; where: string }[] = [];
(globalThis as { __factlintSwallowed?: (e: unknown, where: string) => void }).__factlintSwallowed = (error, where) => {
  if (swallowed.length < 100) swallowed.push({ error, where });
};
export function takeSwallowed(): { error: unknown; where: string }[] {
  return swallowed.splice(0);
}
