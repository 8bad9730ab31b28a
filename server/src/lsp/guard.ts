// Documents factlint does not check: too large, or binary-looking (a NUL character).

/** Why a document's text is not checked, or undefined when it can be. */
export function skipReason(text: string, maxBytes: number): string | undefined {
  // UTF-8 takes at least one byte per UTF-16 unit and at most three.
  if (text.length > maxBytes || (text.length * 3 > maxBytes && Buffer.byteLength(text, 'utf8') > maxBytes)) {
    return `it is larger than ${formatMb(maxBytes)} (factlint.maxFileSize)`;
  }
  if (text.includes('\0')) return 'it looks binary (it contains NUL characters)';
  return undefined;
}

function formatMb(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return mb >= 1 ? `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB` : `${Math.round(bytes / 1024)} KB`;
}
