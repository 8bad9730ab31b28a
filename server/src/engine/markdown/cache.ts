// A bounded cache of parsed pieces of long documents, keyed by the piece's source, so re-parsing
// a long draft after an edit only parses the pieces that changed; and a memo of the segments of
// skeletons that repeat from draft to draft (skeleton.ts). Keys and results are copied strings,
// so neither keeps an old version of a document alive.
import type { ChunkResult } from './blocks.js';

export interface CachedPiece {
  result: ChunkResult;
  open: boolean;
}

/** How the piece was parsed, besides its source. */
export interface PieceSetting {
  /** Offset in the source where the piece proper starts (after stand-in definitions). */
  from: number;
  /** The piece starts the document (may open with front matter). */
  first: boolean;
  /** The piece ends the document. */
  last: boolean;
}

interface Entry extends PieceSetting {
  /** The key, a copy of the source. */
  key: string;
  piece: CachedPiece;
}

/** Total source length of the cached pieces (UTF-16 code units). */
const BUDGET = 8_000_000;

const entries = new Map<string, Entry>();
let total = 0;

export function getPiece(src: string, setting: PieceSetting): CachedPiece | undefined {
  const entry = entries.get(src);
  if (!entry || entry.from !== setting.from || entry.first !== setting.first || entry.last !== setting.last) {
    return undefined;
  }
  // Most recently used last.
  entries.delete(src);
  entries.set(entry.key, entry);
  return entry.piece;
}

/** Caches a piece; gives back what is kept (what getPiece gives from now on), or the piece itself. */
export function putPiece(src: string, setting: PieceSetting, piece: CachedPiece): CachedPiece {
  if (src.length > BUDGET / 4) return piece;
  if (entries.has(src)) {
    entries.delete(src);
    total -= src.length;
  }
  const key = own(src);
  const kept = detach(piece);
  entries.set(key, { ...setting, key, piece: kept });
  total += src.length;
  for (const key of entries.keys()) {
    if (total <= BUDGET) break;
    entries.delete(key);
    total -= key.length;
  }
  return kept;
}

/** Segments of skeletons remembered (skeleton.ts); past that the memo starts over. */
const SEGMENTS_KEPT = 4096;

/** Segment of a skeleton (with the constructs turned off) -> its result, offsets from the segment's start. */
const segments = new Map<string, ChunkResult>();

export function getSegment(key: string): ChunkResult | undefined {
  return segments.get(key);
}

export function putSegment(key: string, result: ChunkResult): void {
  if (segments.size >= SEGMENTS_KEPT) segments.clear();
  segments.set(own(key), detachResult(result));
}

/** Empties the piece cache and the segment memo. */
export function clearPieceCache(): void {
  entries.clear();
  total = 0;
  segments.clear();
}

/** A copy of the string that shares no memory with the (possibly much longer) text it came from. */
function own(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

function detach(piece: CachedPiece): CachedPiece {
  return { open: piece.open, result: detachResult(piece.result) };
}

/** A copy of a result whose strings share no memory with the source they were cut from. */
function detachResult(r: ChunkResult): ChunkResult {
  return {
      blocks: r.blocks.map((b) => ({
        ...b,
        text: own(b.text),
        ...(b.leadIn !== undefined ? { leadIn: own(b.leadIn) } : {}),
        ...(b.footnote !== undefined ? { footnote: own(b.footnote) } : {}),
        ...(b.plain !== undefined ? { plain: own(b.plain) } : {}),
        ...(b.table
          ? { table: { ...b.table, rowLabel: own(b.table.rowLabel), columnHeader: own(b.table.columnHeader) } }
          : {}),
      })),
      footnoteRefs: r.footnoteRefs.map((f) => ({ ...f, label: own(f.label) })),
      directives: r.directives.map((d) => ({ ...d, rules: d.rules.map(own) })),
    ...(r.yaml !== undefined ? { yaml: own(r.yaml) } : {}),
    definitions: r.definitions.map(own),
  };
}
