/**
 * picomatch, required on first use (as semver and yaml are): a run over a
 * few client config files matches their catalog globs without it (see
 * classify.ts) and has no --exclude or configured suppression path, so it
 * never loads it (~2 ms to load, ~1 ms per compiled glob at start-up).
 */
import { createRequire } from "node:module";
import type picomatchLib from "picomatch";

let lib: typeof picomatchLib | undefined;

/** Characters that make a glob segment more than a literal name (picomatch syntax). */
export const GLOB_SYNTAX = /[*?[\]{}()!+@\\]/;

/** `picomatch(glob, options)`: a matcher for one glob or any of several. */
export function globMatcher(glob: string | readonly string[], options: picomatchLib.PicomatchOptions): (path: string) => boolean {
  lib ??= createRequire(import.meta.url)("picomatch") as typeof picomatchLib;
  return lib(glob as string | string[], options);
}

/** Most runs of `*` in one path segment of a user's glob (see globProblem). */
export const MAX_STARS_PER_SEGMENT = 3;

/**
 * Why a glob from the command line or a configuration file (`--exclude`, `exclude:`,
 * `suppressions[].path`) is refused, or undefined. picomatch makes each `*` a lazy `[^/]*?`:
 * k runs of them in one segment backtrack in time growing as a file name's length to the
 * power k (`*a*a*a*b` took 1.5 s on a 250-character name, `*a*a*a*a*b` 83 s), so a
 * repository's `exclude:` could stall a scan. A `**` segment is not counted.
 */
export function globProblem(glob: string): string | undefined {
  for (const segment of glob.split("/")) {
    if (segment === "**") continue;
    const runs = segment.match(/\*+/g)?.length ?? 0;
    if (runs > MAX_STARS_PER_SEGMENT) return `'${glob}' has ${runs} runs of * in one path segment: matching it against a long file name takes minutes; use at most ${MAX_STARS_PER_SEGMENT}`;
  }
  return undefined;
}
