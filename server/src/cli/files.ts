// Which drafts to check: explicit files, folders (walked), globs (tinyglobby), or by default
// every Markdown file under the working folder.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { globSync, isDynamicPattern } from 'tinyglobby';
import { GitIgnores } from './gitignore.js';

export const MARKDOWN = /\.(md|markdown)$/i;

export interface DraftFile {
  /** Absolute path. */
  abs: string;
  /** Path for reports: relative to the working folder (forward slashes), else absolute. */
  display: string;
  /** Named on the command line: always checked, whatever ignore globs say. */
  explicit: boolean;
}

export interface CollectResult {
  files: DraftFile[];
  /** Messages for stderr: globs matching nothing, missing paths, symbolic link loops. */
  messages: string[];
}

/** A path for messages: relative to `cwd` (forward slashes) inside it, else absolute. */
export function displayPath(cwd: string, abs: string): string {
  const rel = path.relative(cwd, abs);
  if (!rel || path.isAbsolute(rel) || rel === '..' || rel.startsWith(`..${path.sep}`)) return abs;
  return rel.split(path.sep).join('/');
}

/** A draft's path for reports: relative to `cwd` (even above it) unless the user wrote an absolute path. */
function draftPath(cwd: string, abs: string, absolute: boolean): string {
  const rel = path.relative(cwd, abs);
  if (absolute || !rel || path.isAbsolute(rel)) return abs;
  return rel.split(path.sep).join('/');
}

export function collectFiles(patterns: string[], cwd: string): CollectResult {
  const files: DraftFile[] = [];
  const messages: string[] = [];
  const seen = new Set<string>();
  const git = new GitIgnores(cwd);
  let absolute = false;
  const add = (abs: string, explicit: boolean) => {
    let key = abs;
    try {
      key = fs.realpathSync(abs);
    } catch {
      // keep the path itself: reading it will report the problem
    }
    if (seen.has(key)) return;
    seen.add(key);
    files.push({ abs, display: draftPath(cwd, abs, absolute), explicit });
  };
  const walker = new Walker(git, cwd, messages, (abs) => add(abs, false));

  if (!patterns.length) {
    walker.walk(path.resolve(cwd));
    return { files, messages };
  }
  for (const pattern of patterns) {
    const abs = path.resolve(cwd, pattern);
    absolute = path.isAbsolute(pattern);
    let stat: fs.Stats | undefined;
    let error: NodeJS.ErrnoException | undefined;
    try {
      stat = fs.statSync(abs);
    } catch (err) {
      error = err as NodeJS.ErrnoException;
    }
    if (stat?.isDirectory()) {
      walker.walk(abs);
    } else if (stat) {
      add(abs, true);
    } else if (error?.code === 'ELOOP') {
      messages.push(`${pattern}: skipped: symbolic link loop`);
    } else if (isDynamicPattern(pattern)) {
      const matched = globSync(pattern.replace(/\\/g, '/'), {
        cwd,
        absolute: true,
        onlyFiles: true,
        dot: false,
        expandDirectories: false,
        ignore: ['**/node_modules/**'],
      })
        .map((p) => path.resolve(p))
        .filter((p) => !git.isIgnored(p, false))
        .sort();
      if (!matched.length) messages.push(`${pattern}: no files match this pattern`);
      for (const m of matched) add(m, false);
    } else if (error?.code === 'ENOENT' || error?.code === 'ENOTDIR') {
      messages.push(`${pattern}: no such file or folder`);
    } else {
      messages.push(`${pattern}: skipped: ${error?.code ?? 'cannot read'}${error ? ` (${error.message})` : ''}`);
    }
  }
  return { files, messages };
}

/** Walks a folder for Markdown files: no node_modules, no dot-folders, no .gitignore'd entries. */
class Walker {
  private readonly walked = new Set<string>();

  constructor(
    private readonly git: GitIgnores,
    private readonly cwd: string,
    private readonly messages: string[],
    private readonly onFile: (abs: string) => void,
  ) {}

  walk(dir: string, ancestors: Set<string> = new Set()): void {
    let real: string;
    try {
      real = fs.realpathSync(dir);
    } catch (err) {
      this.messages.push(`${displayPath(this.cwd, dir)}: skipped: ${describe(err)}`);
      return;
    }
    if (ancestors.has(real)) {
      this.messages.push(`${displayPath(this.cwd, dir)}: skipped: symbolic link loop`);
      return;
    }
    if (this.walked.has(real)) return;
    this.walked.add(real);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (err) {
      this.messages.push(`${displayPath(this.cwd, dir)}: skipped: ${describe(err)}`);
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const inside = new Set(ancestors).add(real);
    for (const e of entries) {
      const abs = path.join(dir, e.name);
      let isDir = e.isDirectory();
      let isFile = e.isFile();
      if (e.isSymbolicLink()) {
        try {
          const st = fs.statSync(abs);
          isDir = st.isDirectory();
          isFile = st.isFile();
        } catch (err) {
          const code = (err as NodeJS.ErrnoException).code;
          if (MARKDOWN.test(e.name) || code === 'ELOOP') {
            const why = code === 'ELOOP' ? 'symbolic link loop' : code === 'ENOENT' ? 'broken symbolic link' : describe(err);
            this.messages.push(`${displayPath(this.cwd, abs)}: skipped: ${why}`);
          }
          continue;
        }
      }
      if (isDir) {
        if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
        if (this.git.isIgnored(abs, true)) continue;
        this.walk(abs, inside);
      } else if (isFile && MARKDOWN.test(e.name)) {
        if (this.git.isIgnored(abs, false)) continue;
        this.onFile(abs);
      }
    }
  }
}

export function describe(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  if (e?.code === 'EACCES' || e?.code === 'EPERM') return 'cannot read (permission denied)';
  if (e?.code === 'ELOOP') return 'symbolic link loop';
  if (e?.code === 'ENOENT') return 'no such file or folder';
  if (e?.code === 'EISDIR') return 'is a folder';
  if (e?.code === 'ENOTREG') return 'not a regular file';
  return e?.code ? `cannot read (${e.code})` : `cannot read (${String(err)})`;
}
