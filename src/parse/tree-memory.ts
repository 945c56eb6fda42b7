/**
 * A tree-sitter tree lives in native memory, about thirty times the size of
 * its source text (1.8 MB for a 54 KB file). The binding frees it in the
 * finalizer of its small JavaScript wrapper, and Node runs such finalizers
 * only when the event loop turns, after the collection that found the wrapper
 * dead. A scan analyses its files in one synchronous run, so every tree it
 * parsed stayed in memory to the end: a scan of 2,100 files of TypeScript MCP
 * code peaked at 557 MB of resident memory, of which 66 MB was the heap.
 *
 * So the loops over many files (engine/analyze-source.ts, shared-files.ts)
 * ask, between files, whether a few megabytes of source were parsed since the
 * last release; if so they collect and let the event loop run once.
 *
 * V8 hands out its collector only with --expose-gc: the flag is set for the
 * moment it takes to read `gc` from a fresh context (as jest's leak detector
 * does), then cleared. Where that fails, the release only turns the event
 * loop, which frees the trees that V8's own collections found dead.
 */
import { createRequire } from "node:module";

/** Source characters parsed between two releases (~16 MB of trees). */
export const TREE_BUDGET_CHARS = 500_000;

/** V8's full collection, or undefined when it cannot be had. */
export function fullCollection(): (() => void) | undefined {
  const exposed = (globalThis as { gc?: unknown }).gc;
  if (typeof exposed === "function") return () => exposed();
  // Required here, not imported: this module is on the start-up path, and they take milliseconds to load.
  const require = createRequire(import.meta.url);
  const v8 = require("node:v8") as typeof import("node:v8");
  const vm = require("node:vm") as typeof import("node:vm");
  try {
    v8.setFlagsFromString("--expose-gc");
    const gc: unknown = vm.runInNewContext("gc");
    return typeof gc === "function" ? () => gc() : undefined;
  } catch {
    return undefined;
  } finally {
    v8.setFlagsFromString("--no-expose-gc");
  }
}

/** One thread's trees: what was parsed since the last release, and the release. */
export interface TreeMemory {
  /** Counts a source about to be parsed. */
  parsed(chars: number): void;
  /** Whether the sources parsed since the last release passed the budget. */
  due(): boolean;
  /** Collects, then lets the event loop run the finalizers that free the dead trees. */
  release(): Promise<void>;
}

export function treeMemory(budgetChars = TREE_BUDGET_CHARS, collector: () => (() => void) | undefined = fullCollection): TreeMemory {
  let since = 0;
  let collect: (() => void) | undefined | null = null;
  return {
    parsed(chars) {
      since += chars;
    },
    due: () => since >= budgetChars,
    async release() {
      since = 0;
      if (collect === null) collect = collector();
      collect?.();
      await new Promise<void>((resolve) => setImmediate(resolve));
    },
  };
}
