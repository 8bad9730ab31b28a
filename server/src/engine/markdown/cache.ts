// A bounded cache of parsed pieces of long documents, keyed by a hash of the piece's source, so
// re-parsing a long draft after an edit only parses the pieces that changed. Results hold no
// reference to the source text (strings are copied), so old versions of a document are not kept
// alive by the cache.
import type { ChunkResult } from './blocks.js';

export interface CachedPiece {
  result: ChunkResult;
  open: boolean;
}

/** Total source length of the cached pieces (UTF-16 code units). */
const BUDGET = 8_000_000;

const entries = new Map<string, { piece: CachedPiece; size: number }>();
let total = 0;

/** Length plus two independent 32-bit hashes of the text. */
export function pieceKey(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x9e3779b9;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 13;
  }
  return `${text.length}:${(a >>> 0).toString(36)}:${(b >>> 0).toString(36)}`;
}

export function getPiece(key: string): CachedPiece | undefined {
  const entry = entries.get(key);
  if (!entry) return undefined;
  entries.delete(key);
  entries.set(key, entry);
  return entry.piece;
}

export function putPiece(key: string, size: number, piece: CachedPiece): void {
  if (size > BUDGET / 4) return;
  const old = entries.get(key);
  if (old) {
    total -= old.size;
    entries.delete(key);
  }
  entries.set(key, { piece: detach(piece), size });
  total += size;
  for (const [k, e] of entries) {
    if (total <= BUDGET) break;
    entries.delete(k);
    total -= e.size;
  }
}

export function clearPieceCache(): void {
  entries.clear();
  total = 0;
}

/** A copy of the string that shares no memory with the (possibly much longer) text it came from. */
function own(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

function detach(piece: CachedPiece): CachedPiece {
  const r = piece.result;
  return {
    open: piece.open,
    result: {
      blocks: r.blocks.map((b) => ({
        ...b,
        text: own(b.text),
        ...(b.leadIn !== undefined ? { leadIn: own(b.leadIn) } : {}),
        ...(b.plain !== undefined ? { plain: own(b.plain) } : {}),
        ...(b.table
          ? { table: { ...b.table, rowLabel: own(b.table.rowLabel), columnHeader: own(b.table.columnHeader) } }
          : {}),
      })),
      footnoteRefs: r.footnoteRefs.map((f) => ({ ...f, label: own(f.label) })),
      directives: r.directives.map((d) => ({ ...d, rules: d.rules.map(own) })),
      ...(r.yaml !== undefined ? { yaml: own(r.yaml) } : {}),
      definitions: r.definitions.map(own),
    },
  };
}
