// .gitignore files, read with the `ignore` package: the root one (the git work tree's top, else
// the working folder) and every nested one below it, each applying relative to its own folder.
import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { readTextBounded } from '../engine/facts/readfile.js';

export class GitIgnores {
  readonly root: string;
  private readonly perDir = new Map<string, Ignore | null>();
  private readonly dirIgnored = new Map<string, boolean>();

  constructor(cwd: string) {
    this.root = findGitRoot(cwd) ?? path.resolve(cwd);
  }

  /** Whether git would ignore the file or folder at `abs` (false outside the root). */
  isIgnored(abs: string, isDir: boolean): boolean {
    const rel = path.relative(this.root, abs);
    if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) return false;
    // A file in an ignored folder cannot be re-included (as in git).
    const parent = path.dirname(abs);
    if (parent !== this.root && this.isDirIgnored(parent)) return true;
    return this.matches(abs, isDir);
  }

  private isDirIgnored(dir: string): boolean {
    let v = this.dirIgnored.get(dir);
    if (v === undefined) {
      v = this.isIgnored(dir, true);
      this.dirIgnored.set(dir, v);
    }
    return v;
  }

  /** Applies the .gitignore files from the root down to the entry's folder; the deepest decides. */
  private matches(abs: string, isDir: boolean): boolean {
    const dirs: string[] = [];
    for (let d = path.dirname(abs); ; d = path.dirname(d)) {
      dirs.unshift(d);
      if (d === this.root || path.dirname(d) === d) break;
    }
    let ignored = false;
    for (const d of dirs) {
      const ig = this.load(d);
      if (!ig) continue;
      let rel = path.relative(d, abs).split(path.sep).join('/');
      if (isDir) rel += '/';
      const r = ig.test(rel);
      if (r.ignored) ignored = true;
      else if (r.unignored) ignored = false;
    }
    return ignored;
  }

  private load(dir: string): Ignore | null {
    let ig = this.perDir.get(dir);
    if (ig === undefined) {
      ig = null;
      try {
        const text = readTextBounded(path.join(dir, '.gitignore'), 1024 * 1024);
        ig = ignore().add(text);
      } catch {
        // no .gitignore here (or unreadable): nothing ignored at this level
      }
      this.perDir.set(dir, ig);
    }
    return ig;
  }
}

/** The nearest folder at or above `dir` that holds `.git`, if any. */
export function findGitRoot(dir: string): string | undefined {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, '.git'))) return d;
    if (path.dirname(d) === d) return undefined;
  }
}
