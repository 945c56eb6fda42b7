/**
 * Files a drift lock names that are gone from the tree: a locked server's
 * file deleted since the lock is a change the lock no longer describes, as a
 * server deleted from a file is (rules/config-drift). A file counts as gone
 * only when the scan would have read it: it lies inside a folder the scan
 * walked, outside the folders it never enters (excluded, node_modules ...),
 * and the file system says it does not exist (any other error: not known).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { DEFAULT_SKIPPED_DIRS, excludeFilter, inExcludedFolder, isInside } from "./walk.js";

export interface GoneOptions {
  /** The paths scanned, as given, and the folder they are relative to. */
  readonly paths: readonly string[];
  readonly cwd: string;
  /** The scan root: the folder the lock's paths (rebased) are relative to. */
  readonly root: string;
  readonly exclude?: readonly string[];
}

/** A test of root-relative paths: would the scan have read this file, and is it missing? */
export function goneFileTest(options: GoneOptions): (rel: string) => boolean {
  // Made on the first question: most scans have no lock, and a pre-commit run need not stat its paths twice.
  let scope: { folders: string[]; excluded: (rel: string) => boolean } | undefined;
  return (rel) => {
    if (rel.startsWith("../") || rel.startsWith("~/") || path.isAbsolute(rel)) return false;
    scope ??= { folders: options.paths.map((p) => path.resolve(options.cwd, p)).filter(isFolder), excluded: inExcludedFolder(excludeFilter(options.exclude ?? [], path.resolve(options.root))) };
    if (rel.split("/").some((part) => DEFAULT_SKIPPED_DIRS.includes(part)) || scope.excluded(rel)) return false;
    const abs = path.resolve(options.root, rel);
    return scope.folders.some((f) => isInside(abs, f)) && missing(abs);
  };
}

function isFolder(abs: string): boolean {
  try {
    return fs.statSync(abs).isDirectory();
  } catch {
    return false;
  }
}

function missing(abs: string): boolean {
  try {
    fs.lstatSync(abs);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "ENOENT";
  }
}
