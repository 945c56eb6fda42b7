/**
 * Exclude globs written as in a .gitignore file: a leading `/` anchors the glob at
 * the folder it is relative to (`/vendor` is the folder vendor there, not any
 * folder named vendor, and not the folder /vendor of the file system).
 */
import * as path from "node:path";

/**
 * `glob` without its leading slashes when it is anchored gitignore-style
 * (`/vendor`, `/dist/**`) at `base`; undefined for any other glob, and for an
 * absolute path that lies in `base` (`--exclude "$PWD/vendor"`), which names
 * that path.
 */
export function anchoredGlob(glob: string, base: string | undefined): string | undefined {
  if (!/^\/+[^/]/.test(glob)) return undefined;
  if (base !== undefined) {
    const rel = path.relative(base, glob);
    if (!rel.startsWith("..") && !path.isAbsolute(rel)) return undefined;
  }
  return glob.replace(/^\/+/, "");
}
