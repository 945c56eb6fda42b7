/**
 * V8 settings for a long scan, applied by the CLI (which owns its process)
 * when the walk finds a large tree; short runs (a pre-commit hook) never load
 * `node:v8` (~4 ms).
 *
 * V8 optimizes a function once it has run through an "interrupt budget" of
 * bytecode. At the default (66 KB) the scan's hot functions are optimized
 * before they have seen all their branches, then deoptimized and optimized
 * again (the generic line checks 8 times), ~0.9 s of compiling per
 * thread in a scan of 277 MB, on the same cores as the scan. At 1 MB they are
 * optimized once or twice (~0.23 s). The flag is process-wide: scan workers
 * started after it get it from their start.
 */
import { createRequire } from "node:module";

export const LONG_RUN_V8_FLAGS = `--interrupt-budget=${1024 * 1024}`;

export function tuneForLongRun(): void {
  (createRequire(import.meta.url)("node:v8") as typeof import("node:v8")).setFlagsFromString(LONG_RUN_V8_FLAGS);
}
