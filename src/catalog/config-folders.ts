/**
 * The folders that catalog paths are made of (`.cursor`, `.vscode`,
 * `.continue/mcpServers`, VS Code's `User` folder ...). A file's format is read from its
 * path relative to the scan root, so a root inside such a folder would hide
 * it: `.cursor/mcp.json` seen as `mcp.json` is no format at all.
 */
import * as path from "node:path";
import { PATH_FORMATS } from "./formats.js";
import { globMatcher } from "./glob.js";

/** The deepest folder tail tried (`.claude/plugins/<a>/<b>/.claude-plugin` and the like). */
const MAX_DEPTH = 8;

let isConfigFolder: ((tail: string) => boolean) | undefined;

/**
 * The folder part of each catalog glob and its leading parts. A part that
 * starts with a dot folder counts from its first folder (`.continue`,
 * `.continue/mcpServers`); other parts only from two folders on
 * (VS Code's `Code/User`), so that a repository named `zed` or `codex` is not taken
 * for a configuration folder.
 */
export function configFolderGlobs(): string[] {
  const out = new Set<string>();
  for (const spec of PATH_FORMATS) {
    for (const glob of spec.globs) {
      const dirs = glob.replace(/^(\*\*\/)+/, "").split("/").slice(0, -1);
      const first = dirs[0];
      if (first === undefined) continue;
      for (let n = first.startsWith(".") ? 1 : 2; n <= dirs.length; n++) out.add(dirs.slice(0, n).join("/"));
    }
  }
  return [...out].sort();
}

/**
 * `dir` itself when no catalog folder ends it, else the folder above the
 * longest catalog folder path that ends it (`/home/me/.cursor` -> `/home/me`,
 * `/r/.continue/mcpServers` -> `/r`).
 */
export function aboveConfigFolders(dir: string): string {
  const parts = dir.split(/[\\/]/).filter(Boolean);
  for (let k = Math.min(MAX_DEPTH, parts.length); k >= 1; k--) {
    isConfigFolder ??= globMatcher(configFolderGlobs(), { dot: true });
    if (!isConfigFolder(parts.slice(-k).join("/"))) continue;
    let up = dir;
    for (let i = 0; i < k; i++) up = path.dirname(up);
    return up;
  }
  return dir;
}
