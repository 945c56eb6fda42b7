/**
 * Paths in a configuration file that was found by walking up (`exclude`,
 * `suppressions[].path`) are written relative to the file's own folder, the
 * project it sits in. Reported paths, which they are matched against, are
 * relative to the scan root, which may be a folder inside the project (`cd
 * packages/agent && mcplint scan`) or above it (`mcplint scan repo`). This
 * re-expresses such a glob relative to the scan root.
 */
import * as path from "node:path";
import { globMatcher } from "../catalog/glob.js";
import { anchoredGlob } from "../util/anchored-glob.js";

/**
 * `glob` (relative to `from`) as a glob relative to `to` (both absolute
 * folders); undefined when it cannot match anything under `to`. `names`: a
 * glob without `/` is a file or folder name matched anywhere (exclude), kept
 * as it is. `subtree`: a glob that names a folder holding `to` covers all of
 * it (exclude), else it matches nothing there (a suppression names files).
 * A glob with a leading `/` (`/vendor`) is anchored at `from`, as in a
 * .gitignore file; an exclude glob re-expressed below `to` stays anchored
 * (`/vendor`).
 */
export function rebaseGlob(glob: string, from: string, to: string, options: { readonly names: boolean; readonly subtree: boolean }): string | undefined {
  const written = glob.replace(/^(?:\.\/)+(?=.)/, "");
  // A glob anchored gitignore-style (`/vendor`) is a path from `from` (a suppression's path is one anyway).
  const anchored = anchoredGlob(written, from);
  if (anchored === undefined && (path.isAbsolute(written) || (options.names && !written.includes("/")))) return glob;
  const g = anchored ?? written;
  const up = path.relative(to, from).split(path.sep).join("/");
  if (up === "") return glob;
  // The configuration's folder inside the scan root: its paths are under that folder.
  if (!up.startsWith("..") && !path.isAbsolute(up)) return `${up}/${g}`;
  const down = path.relative(from, to).split(path.sep).join("/");
  // Neither holds the other (another drive): keep the glob as written.
  if (down.startsWith("..") || path.isAbsolute(down)) return glob;
  // The scan root inside the configuration's folder: the glob's leading segments must match the
  // folders down to the root, and the rest applies below it.
  const segments = g.split("/");
  const folders = down.split("/");
  for (let i = 0; i < folders.length; i++) {
    const seg = segments[i];
    if (seg === undefined || (seg === "" && i === segments.length - 1)) return options.subtree ? "**" : undefined;
    if (seg === "**") return segments.slice(i).join("/");
    if (!globMatcher(seg, { dot: true })(folders[i] as string)) return undefined;
  }
  const rest = segments.slice(folders.length).join("/");
  if (rest === "") return options.subtree ? "**" : undefined;
  // A path (exclude) left with one segment stays anchored at the root, not a name matched anywhere.
  return options.names && !rest.includes("/") ? `/${rest}` : rest;
}
