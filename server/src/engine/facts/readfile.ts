// Reading a file that someone else controls: only a regular file, never more than a given size.
// `fs.readFileSync` on a FIFO waits for a writer forever, on /dev/zero reads until memory runs out,
// and on a file that grows between a size check and the read returns all of it. Here the file is
// opened without blocking, checked on the open descriptor, and read up to the limit.
import * as fs from 'node:fs';

/** Error codes thrown besides the file system's own: not a regular file, over the size limit. */
export type BoundedReadCode = 'ENOTREG' | 'EISDIR' | 'EFBIG';

const NONBLOCK = fs.constants.O_NONBLOCK ?? 0;
const CHUNK = 64 * 1024;

function fail(code: BoundedReadCode, file: string, size?: number): never {
  const what = code === 'EFBIG' ? `larger than the limit${size !== undefined ? ` (${size} bytes)` : ''}` : code === 'EISDIR' ? 'is a directory' : 'not a regular file';
  throw Object.assign(new Error(`${code}: ${what}: ${file}`), { code, path: file, size });
}

/**
 * The bytes of `file`, which must be a regular file of at most `max` bytes. Throws a Node.js
 * error (ENOENT, EACCES, ELOOP, ...) or one with code ENOTREG, EISDIR or EFBIG (`size`: the size
 * seen, at least max + 1).
 */
export function readFileBounded(file: string, max: number): Buffer {
  const fd = fs.openSync(file, fs.constants.O_RDONLY | NONBLOCK);
  try {
    const st = fs.fstatSync(fd);
    if (st.isDirectory()) fail('EISDIR', file);
    if (!st.isFile()) fail('ENOTREG', file);
    if (st.size > max) fail('EFBIG', file, st.size);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      // The file may have grown since fstat: read at most one byte past the limit.
      const buf = Buffer.allocUnsafe(Math.min(CHUNK, max + 1 - total));
      const n = fs.readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      chunks.push(n === buf.length ? buf : buf.subarray(0, n));
      total += n;
      if (total > max) fail('EFBIG', file, total);
    }
    return Buffer.concat(chunks, total);
  } finally {
    fs.closeSync(fd);
  }
}

/** readFileBounded as UTF-8 text. */
export function readTextBounded(file: string, max: number): string {
  return readFileBounded(file, max).toString('utf8');
}
