/**
 * Link context (engine/link-context.ts) from the working tree, for a scan of
 * files named one by one (the pre-commit hook passes the staged file names):
 * the Next.js middleware of a named route file's app. Files that import a
 * named router are not looked for (that would mean reading the whole tree).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { middlewarePaths, type ContextSource, type LinkContextReader } from "../engine/link-context.js";
import { decode } from "./read.js";

export function treeContext(root: string, maxFileSize: number): LinkContextReader {
  return {
    middleware(folders) {
      return folders.flatMap((f) => middlewarePaths(f).flatMap((rel) => readContext(root, rel, maxFileSize)));
    },
    importers: () => [],
  };
}

function readContext(root: string, rel: string, maxFileSize: number): ContextSource[] {
  try {
    const abs = path.join(root, rel);
    const st = fs.statSync(abs);
    if (!st.isFile() || st.size > maxFileSize) return [];
    const r = decode(fs.readFileSync(abs), rel);
    return r.ok ? [{ path: rel, text: r.text }] : [];
  } catch {
    return [];
  }
}
