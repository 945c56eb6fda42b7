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
