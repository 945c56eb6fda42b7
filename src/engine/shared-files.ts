/**
 * The files a pool shares once the walk is over: one list and one counter in
 * shared memory. Each thread (the workers and the calling thread) claims the
 * next block of files with an atomic add and analyses it, until none is
 * left. No thread waits to be given work (handing out chunks by message left
 * a worker idle whenever the calling thread was inside a large file, and the
 * calling thread idle at the end while a worker finished the chunks it had
 * been sent ahead), and at the end each thread is busy with one block at
 * most. Outcomes are kept by block index: which thread took which block
 * does not change the scan's result.
 */
import type { FileReader } from "../discover/read.js";
import type { WalkedFile } from "../discover/walk.js";
import { analyzeAll, type FileOutcome, type PreparedAnalysis } from "./analyze-source.js";
import { parsedTrees } from "../parse/typescript.js";

export interface SharedFiles {
  readonly files: readonly Pick<WalkedFile, "abs" | "rel">[];
  /** Int32 at index 0: the next block to claim (a SharedArrayBuffer: the same memory in every thread). */
  readonly next: SharedArrayBuffer;
  /** Files per block: read ahead together (discover/read.ts), small enough to end the scan evenly. */
  readonly block: number;
}

export interface BlockOutcomes {
  readonly block: number;
  /** One outcome per file of the block, in order. */
  readonly outcomes: FileOutcome[];
}

export function shareFiles(files: readonly Pick<WalkedFile, "abs" | "rel">[], block: number): SharedFiles {
  return { files, next: new SharedArrayBuffer(4), block: Math.max(1, Math.floor(block)) };
}

export function blockCount(shared: SharedFiles): number {
  return Math.ceil(shared.files.length / shared.block);
}

export function blockFiles(shared: SharedFiles, block: number): readonly Pick<WalkedFile, "abs" | "rel">[] {
  return shared.files.slice(block * shared.block, (block + 1) * shared.block);
}

/**
 * Claims and analyses blocks until none is left. `flush` gets the outcomes
 * in batches of at least `flushFiles` files, and once more with `last` set
 * (that batch may be empty) when the list is done.
 */
export async function drainShared(shared: SharedFiles, read: FileReader, prep: PreparedAnalysis, flush: (batch: BlockOutcomes[], last: boolean) => void, flushFiles = Infinity): Promise<void> {
  const next = new Int32Array(shared.next);
  const count = blockCount(shared);
  let batch: BlockOutcomes[] = [];
  let files = 0;
  for (let block = Atomics.add(next, 0, 1); block < count; block = Atomics.add(next, 0, 1)) {
    const outcomes = analyzeAll(blockFiles(shared, block), read, prep);
    batch.push({ block, outcomes });
    files += outcomes.length;
    if (files >= flushFiles) {
      flush(batch, false);
      batch = [];
      files = 0;
    }
    // Between blocks: the trees parsed so far are freed when enough were (parse/tree-memory.ts).
    if (parsedTrees.due()) await parsedTrees.release();
  }
  flush(batch, true);
}
