// file: URIs <-> file-system paths, and path comparisons. Clients encode URIs in their own way
// (VS Code writes `file:///c%3A/...`), so maps are keyed by normalised paths, not URI strings.
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The file-system path of a file: URI, or undefined for other schemes (untitled:, vscode-notebook-cell:). */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return path.resolve(fileURLToPath(uri));
  } catch {
    return undefined;
  }
}

const uriCache = new Map<string, string>();

export function pathToUri(file: string): string {
  let uri = uriCache.get(file);
  if (uri === undefined) {
    uri = pathToFileURL(path.resolve(file)).href;
    if (uriCache.size > 10_000) uriCache.clear();
    uriCache.set(file, uri);
  }
  return uri;
}

/** A path as a map key: resolved; case-folded where the file system usually is (Windows, macOS drive letters). */
export function pathKey(file: string): string {
  const abs = path.resolve(file);
  return process.platform === 'win32' ? abs.toLowerCase() : abs;
}

/** Whether `file` is `dir` or inside it. */
export function isInside(file: string, dir: string): boolean {
  const rel = path.relative(pathKey(dir), pathKey(file));
  return rel === '' || (!rel.startsWith(`..${path.sep}`) && rel !== '..' && !path.isAbsolute(rel));
}
