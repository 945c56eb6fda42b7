/**
 * Regular expressions written in a scanned file (a configured secret pattern,
 * an Amp `amp.mcpPermissions` `/regex/` rule) may backtrack catastrophically
 * (`(a+)+$`), and JavaScript cannot stop a running regex. V8's linear-time
 * engine takes over a regex that backtracks past a bound (same matches, for
 * the patterns it supports: no back-references or lookarounds). The flag is
 * process-wide, so it is set only when such a regex is about to be compiled;
 * `node:v8` is loaded then only.
 */
import { createRequire } from "node:module";

export function boundBacktracking(): void {
  try {
    (createRequire(import.meta.url)("node:v8") as typeof import("node:v8")).setFlagsFromString("--enable-experimental-regexp-engine-on-excessive-backtracks");
  } catch {
    // An engine without the flag runs the patterns as they are.
  }
}

/** A regex from a scanned file, compiled with backtracking bounded; undefined when it does not compile. */
export function untrustedRegExp(source: string, flags = ""): RegExp | undefined {
  boundBacktracking();
  try {
    return new RegExp(source, flags);
  } catch {
    return undefined;
  }
}
