// Reads one draft: UTF-8 text, or the reason it is skipped.
import * as fs from 'node:fs';
import { readFileBounded } from '../engine/facts/readfile.js';
import { describe } from './files.js';

export const MAX_DRAFT_BYTES = 10 * 1024 * 1024;
const SNIFF_BYTES = 8 * 1024;

/** The file-system calls reading uses (injectable for tests). */
export interface DraftFs {
  statSync(path: string): { size: number; isFile(): boolean };
  readFileSync(path: string): Uint8Array;
}

export const nodeDraftFs: DraftFs = {
  statSync: (p) => fs.statSync(p),
  // A regular file only, never read past the limit (it may have grown since statSync).
  readFileSync: (p) => readFileBounded(p, MAX_DRAFT_BYTES),
};

export type DraftRead = { text: string } | { skipped: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function readDraft(abs: string, fsys: DraftFs = nodeDraftFs): DraftRead {
  let bytes: Uint8Array;
  try {
    const st = fsys.statSync(abs);
    if (!st.isFile()) return { skipped: 'not a regular file' };
    if (st.size > MAX_DRAFT_BYTES) return { skipped: `too large (${mb(st.size)} MB; the limit is ${mb(MAX_DRAFT_BYTES)} MB)` };
    bytes = fsys.readFileSync(abs);
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { size?: number };
    if (e?.code === 'EFBIG') return { skipped: `too large (${mb(e.size ?? MAX_DRAFT_BYTES + 1)} MB; the limit is ${mb(MAX_DRAFT_BYTES)} MB)` };
    if (e?.code === 'ENOTREG') return { skipped: 'not a regular file' };
    return { skipped: describe(err) };
  }
  if (bytes.length > MAX_DRAFT_BYTES) return { skipped: `too large (${mb(bytes.length)} MB; the limit is ${mb(MAX_DRAFT_BYTES)} MB)` };
  if (bytes.subarray(0, SNIFF_BYTES).includes(0)) return { skipped: 'binary or not UTF-8' };
  try {
    return { text: utf8.decode(bytes) };
  } catch {
    return { skipped: 'binary or not UTF-8' };
  }
}

function mb(n: number): string {
  return (n / (1024 * 1024)).toFixed(1).replace(/\.0$/, '');
}
