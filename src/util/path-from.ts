/**
 * Reported paths (relative to the scan root) re-expressed from another folder:
 * the repository's top, for fingerprints and SARIF, so that they do not move
 * with the folder a scan runs from.
 */
import * as path from "node:path";

/**
 * An absolute path as reports name a file the scan did not walk (the drift lock): from `root`
 * with POSIX separators, `../` when above it, so that no machine's folder layout is printed.
 */
export function shownFrom(root: string, abs: string): string {
  return path.relative(root, abs).split(path.sep).join("/");
}

/**
 * A reported path as a path from `anchor` (POSIX separators), with ../ when it lies outside
 * it (a file scanned beside the repository). User-level paths (`~/...`), absolute paths and
 * paths on another Windows drive stay as reported (`outside`, when the caller knows which
 * names are files read outside the tree: a repository's folder may be called `~`).
 */
export function pathFrom(anchor: string, root: string, outside: (file: string) => boolean = (file) => file.startsWith("~/") || path.isAbsolute(file)): (file: string) => string {
  return (file) => {
    if (outside(file)) return file;
    const rel = path.relative(anchor, path.resolve(root, file));
    return rel && !path.isAbsolute(rel) ? rel.split(path.sep).join("/") : file;
  };
}
