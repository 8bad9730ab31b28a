// Where two versions of a text differ: the length of their common start and common end.

/** Compared this many characters at a time (as strings) before character by character. */
const STRIDE = 4096;

/** Length of the common start of a and b. */
export function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i + STRIDE <= n && a.slice(i, i + STRIDE) === b.slice(i, i + STRIDE)) i += STRIDE;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

/** Length of the common end of a and b, not reaching into their first `prefix` characters. */
export function commonSuffix(a: string, b: string, prefix: number): number {
  const n = Math.min(a.length, b.length) - prefix;
  let i = 0;
  while (i + STRIDE <= n && a.slice(a.length - i - STRIDE, a.length - i) === b.slice(b.length - i - STRIDE, b.length - i)) i += STRIDE;
  while (i < n && a.charCodeAt(a.length - 1 - i) === b.charCodeAt(b.length - 1 - i)) i++;
  return i;
}
