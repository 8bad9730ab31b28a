// The workspace folders (multi-root), which folder a file belongs to, and what is in them: the
// facts files (`**/*.facts.{yaml,yml,json}` outside node_modules) and the Markdown drafts (found
// the way the CLI finds them: no node_modules, no dot-folders, .gitignore respected).
import * as path from 'node:path';
import { globSync } from 'tinyglobby';
import { collectFiles } from '../cli/files.js';
import { isInside, pathKey, uriToPath } from './uri.js';

export interface Folder {
  uri: string;
  path: string;
  name: string;
}

/** Facts files found in a folder are capped (a huge monorepo should use a config). */
const MAX_DISCOVERED_FACTS = 50;
const DRAFT_LIST_TTL = 5000;

export class Workspace {
  private folders: Folder[] = [];
  private readonly factsFiles = new Map<string, string[]>();
  private draftList?: { at: number; files: string[] };

  setFolders(list: { uri: string; name?: string }[]): void {
    const out: Folder[] = [];
    for (const f of list) {
      const p = uriToPath(f.uri);
      if (p) out.push({ uri: f.uri, path: p, name: f.name ?? path.basename(p) });
    }
    this.folders = out;
    this.invalidate();
  }

  addFolders(added: { uri: string; name?: string }[], removed: { uri: string }[]): void {
    const gone = new Set(removed.map((r) => uriToPath(r.uri)).filter(Boolean).map((p) => pathKey(p!)));
    const keep = this.folders.filter((f) => !gone.has(pathKey(f.path)));
    this.setFolders([...keep, ...added]);
  }

  list(): readonly Folder[] {
    return this.folders;
  }

  /** The innermost workspace folder holding `file` (a path), if any. */
  folderOf(file: string | undefined): Folder | undefined {
    if (!file) return undefined;
    let best: Folder | undefined;
    for (const f of this.folders) if (isInside(file, f.path) && (!best || f.path.length > best.path.length)) best = f;
    return best;
  }

  folderOfUri(uri: string): Folder | undefined {
    return this.folderOf(uriToPath(uri));
  }

  /** Facts files in a folder (cached until `invalidate`). */
  discoverFacts(folder: Folder): string[] {
    const key = pathKey(folder.path);
    let files = this.factsFiles.get(key);
    if (!files) {
      try {
        files = globSync(['**/*.facts.{yaml,yml,json}'], {
          cwd: folder.path,
          absolute: true,
          onlyFiles: true,
          dot: false,
          ignore: ['**/node_modules/**'],
          expandDirectories: false,
        })
          .map((p) => path.resolve(p))
          .sort()
          .slice(0, MAX_DISCOVERED_FACTS);
      } catch {
        files = [];
      }
      this.factsFiles.set(key, files);
    }
    return files;
  }

  /** Files were created or deleted, or folders changed: discover again. */
  invalidate(): void {
    this.factsFiles.clear();
    this.draftList = undefined;
  }

  /** A Markdown file was created or deleted. */
  invalidateDrafts(): void {
    this.draftList = undefined;
  }

  /**
   * The Markdown drafts of every folder (absolute paths), as the CLI would collect them. Kept for
   * a few seconds (clients that do not report file events still see new drafts soon).
   */
  drafts(): string[] {
    const now = Date.now();
    if (this.draftList && now - this.draftList.at < DRAFT_LIST_TTL) return this.draftList.files;
    const files = this.walkDrafts();
    this.draftList = { at: now, files };
    return files;
  }

  private walkDrafts(): string[] {
    const seen = new Set<string>();
    const out: string[] = [];
    for (const f of this.folders) {
      let files: string[] = [];
      try {
        files = collectFiles([], f.path).files.map((d) => d.abs);
      } catch {
        files = [];
      }
      for (const file of files) {
        const k = pathKey(file);
        if (seen.has(k)) continue;
        seen.add(k);
        out.push(file);
      }
    }
    return out;
  }
}

