/**
 * Spreads reading, parsing and the secret scan of many files over worker
 * threads and the calling thread. During the walk, workers get chunks of the
 * files found so far by message (so that they start early); after it, every
 * thread claims blocks of the remaining files from one shared list
 * (shared-files.ts) until none is left. Outcomes are put back in path order,
 * so the result is the same as a sequential scan's, whatever the timing. A
 * worker that cannot start or fails leaves its chunks and blocks to the
 * calling thread. Never used for a few files: starting a worker costs more
 * than scanning them.
 */
import { createRequire } from "node:module";
import * as os from "node:os";
import { pathToFileURL } from "node:url";
import type { Worker } from "node:worker_threads";
import { makeReader, type FileReader } from "../discover/read.js";
import type { WalkedFile } from "../discover/walk.js";
import { analyzeAll, prepareAnalysis, type AnalysisSettings, type FileOutcome, type PreparedAnalysis } from "./analyze-source.js";
import { parsedTrees } from "../parse/typescript.js";
import { blockCount, blockFiles, drainShared, shareFiles, type BlockOutcomes, type SharedFiles } from "./shared-files.js";

/** Below this many files the scan stays on the main thread. */
export const POOL_THRESHOLD = 500;
/**
 * A small young generation keeps each worker's resident memory low: a file's
 * text and matches die young, and scavenging a small space is cheap.
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 160 };
/** Files per chunk sent during the walk. */
const CHUNK = 48;
/** Files per block of the shared list. */
const BLOCK = 8;
/** A worker sends the outcomes of its blocks in batches of at least this many files. */
const FLUSH_FILES = 48;

/** A chunk of files for a worker (sent during the walk). */
export interface PoolRequest {
  readonly id: number;
  readonly files: readonly WalkedFile[];
  readonly maxFileSize: number;
  readonly settings: AnalysisSettings;
}

export interface PoolReply {
  readonly id: number;
  readonly outcomes: FileOutcome[];
}

/** The shared list: claim blocks until none is left (after the chunks sent before it). */
export interface SharedRequest {
  readonly shared: SharedFiles;
  readonly maxFileSize: number;
  readonly settings: AnalysisSettings;
}

/** Outcomes of blocks a worker took; `done` on its last reply (nothing left to claim). */
export interface SharedReply {
  readonly blocks: readonly BlockOutcomes[];
  readonly done: boolean;
}

/** What the worker entry (scan-worker.ts) does with either request. */
export async function answerRequest(msg: PoolRequest | SharedRequest, read: FileReader, prep: PreparedAnalysis, post: (reply: PoolReply | SharedReply) => void): Promise<void> {
  if ("shared" in msg) await drainShared(msg.shared, read, prep, (blocks, done) => post({ blocks, done }), FLUSH_FILES);
  else {
    post({ id: msg.id, outcomes: analyzeAll(msg.files, read, prep) });
    if (parsedTrees.due()) await parsedTrees.release();
  }
}

/** Threads for a scan, the calling thread counted: explicit `threads`, else the cores when the scan is large, else 1 (no pool). */
export function poolSize(fileCount: number, threads: number | undefined): number {
  if (threads !== undefined && threads > 0) return Math.min(Math.floor(threads), Math.max(1, fileCount));
  if (fileCount < POOL_THRESHOLD) return 1;
  return Math.max(1, os.availableParallelism());
}

/**
 * The worker to start. From dist/ it is the compiled module beside this one.
 * From the TypeScript sources (the tests) a small bootstrap registers tsx in
 * the worker first (Node 20 workers ignore `--import` in execArgv).
 */
function startWorker(): Worker {
  // Loaded here, not at the top: a scan of a few files (a pre-commit hook) never starts a worker.
  const { Worker } = createRequire(import.meta.url)("node:worker_threads") as typeof import("node:worker_threads");
  if (!import.meta.url.endsWith(".ts")) return new Worker(new URL("./scan-worker.js", import.meta.url), { stdout: false, stderr: false, resourceLimits: WORKER_LIMITS });
  const tsxApi = pathToFileURL(createRequire(import.meta.url).resolve("tsx/esm/api").replace(/index\.cjs$/, "index.mjs")).href;
  const entry = new URL("./scan-worker.ts", import.meta.url).href;
  const boot = `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); }).catch((e) => { throw e; });`;
  return new Worker(boot, { eval: true, stdout: false, stderr: false, resourceLimits: WORKER_LIMITS });
}

/**
 * One scan's chunks and their answers, by chunk id. Chunks are made during
 * the walk (`prefeed`, in walk order; the files not sent by its end are
 * shared, see analyzeInPool); a worker's reply fills `results[id]`.
 */
interface ChunkTable {
  readonly chunks: (readonly WalkedFile[])[];
  readonly results: (FileOutcome[] | undefined)[];
  /** How many chunks workers answered. */
  answered: number;
}

/**
 * A started worker; `failed` once it reported an error (it then exits).
 * `pending`: chunks sent and not answered. `onShared`: told of its replies
 * about the shared list (analyzeInPool).
 */
interface PoolWorker {
  readonly worker: Worker;
  failed: boolean;
  pending: number;
  readonly exited: Promise<void>;
  onShared?: (reply: SharedReply) => void;
}

function launch(table: ChunkTable): PoolWorker | undefined {
  try {
    const worker = startWorker();
    const w: PoolWorker = { worker, failed: false, pending: 0, exited: new Promise<void>((r) => worker.once("exit", () => r())) };
    // Listened to from the start: an unheard 'error' event would end the process.
    worker.on("error", () => {
      w.failed = true;
    });
    worker.on("message", (reply: PoolReply | SharedReply) => {
      if ("blocks" in reply) {
        w.onShared?.(reply);
        return;
      }
      table.results[reply.id] = reply.outcomes;
      table.answered++;
      w.pending--;
    });
    return w;
  } catch {
    return undefined;
  }
}

/** Sends chunk `id` of the table to a worker. */
function send(w: PoolWorker, table: ChunkTable, id: number, maxFileSize: number, settings: AnalysisSettings): void {
  const req: PoolRequest = { id, files: table.chunks[id] ?? [], maxFileSize, settings };
  w.worker.postMessage(req);
  w.pending++;
}

/** Chunks a worker may hold while the walk goes on (the calling thread takes no replies then). */
const WALK_IN_FLIGHT = 8;

/**
 * Workers started during the walk, so that their module loading overlaps
 * it; `prefeed` then sends them the first chunks of the files found so far
 * (at most WALK_IN_FLIGHT each), so that they scan while the walk goes on.
 * Give them to {@link analyzeInPool}, or `close()` them when the scan turns
 * out too small for a pool.
 */
export interface WarmWorkers {
  readonly workers: readonly PoolWorker[];
  readonly table: ChunkTable;
  /** Sends whole chunks of `found` (the walk's growing list) that were not sent yet. */
  prefeed(found: readonly WalkedFile[]): void;
  close(): void;
}

export function warmWorkers(count: number, maxFileSize: number, settings: AnalysisSettings = {}): WarmWorkers {
  const table: ChunkTable = { chunks: [], results: [], answered: 0 };
  const workers = Array.from({ length: Math.max(0, count) }, () => launch(table)).filter((w): w is PoolWorker => w !== undefined);
  let sent = 0;
  return {
    workers,
    table,
    prefeed(found) {
      while (found.length - sent >= CHUNK) {
        const w = workers.filter((x) => !x.failed && x.pending < WALK_IN_FLIGHT).sort((a, b) => a.pending - b.pending)[0];
        if (!w) return;
        table.chunks.push(found.slice(sent, sent + CHUNK));
        send(w, table, table.chunks.length - 1, maxFileSize, settings);
        sent += CHUNK;
      }
    },
    close: () => workers.forEach((w) => void w.worker.terminate()),
  };
}

export interface PoolResult {
  /** One outcome per file, in the order of `files`. */
  readonly outcomes: FileOutcome[];
  /** How many chunks and blocks workers answered (the calling thread scanned the rest). */
  readonly byWorkers: number;
  /** Chunks sent during the walk plus blocks of the shared list. */
  readonly chunks: number;
}

/**
 * `threads` counts the calling thread: it starts `threads - 1` workers and
 * scans blocks of the shared list itself while they do (without a pause: it
 * has no one to feed). On a 2-core machine that is one worker, not two: one
 * module load and one heap fewer. `warm`: workers started during the walk,
 * with the chunks already sent to them. `mainShare: false` leaves all files
 * to the workers (tests).
 */
export async function analyzeInPool(
  files: readonly WalkedFile[],
  maxFileSize: number,
  threads: number,
  settings: AnalysisSettings = {},
  mainShare = true,
  warm?: WarmWorkers,
): Promise<PoolResult> {
  const table: ChunkTable = warm?.table ?? { chunks: [], results: [], answered: 0 };
  // Chunks made during the walk are with the workers already; the other files are shared.
  const sent = new Set(table.chunks.flat().map((f) => f.abs));
  const shared = shareFiles(sent.size ? files.filter((f) => !sent.has(f.abs)) : files, BLOCK);
  const blocks: (FileOutcome[] | undefined)[] = [];
  let blocksByWorkers = 0;
  const take = (batch: readonly BlockOutcomes[]) => batch.forEach((b) => (blocks[b.block] = b.outcomes));

  const runWorker = (w: PoolWorker | undefined) =>
    new Promise<void>((resolve) => {
      if (!w || w.failed) {
        if (w) void w.worker.terminate();
        resolve();
        return;
      }
      w.onShared = (reply) => {
        take(reply.blocks);
        blocksByWorkers += reply.blocks.length;
        // Its chunks were answered before (one port, in order): it has nothing left.
        if (reply.done) resolve();
      };
      w.worker.on("error", () => resolve());
      void w.exited.then(() => resolve());
      const request: SharedRequest = { shared, maxFileSize, settings };
      w.worker.postMessage(request);
    });

  const workerCount = Math.max(1, mainShare ? threads - 1 : threads);
  // Warm workers that hold chunks of the walk are kept whatever their number.
  const warmList = warm?.workers ?? [];
  const ready = warmList.filter((w, i) => i < workerCount || w.pending > 0);
  for (const extra of warmList.filter((w) => !ready.includes(w))) void extra.worker.terminate();
  const started = [...ready, ...Array.from({ length: Math.max(0, workerCount - ready.length) }, () => launch(table))];
  const workers = Promise.all(started.map(runWorker));
  const read = makeReader(maxFileSize, { byteView: true, walked: true });
  const prep = prepareAnalysis(settings);
  if (mainShare) await drainShared(shared, read, prep, take);
  await workers;
  for (const w of started) if (w) void w.worker.terminate();
  // Chunks and blocks a failed worker left behind are scanned here; every outcome goes back to its file's place.
  const byFile = new Map<string, FileOutcome>();
  const place = (list: readonly Pick<WalkedFile, "abs">[], outcomes: readonly FileOutcome[]) => list.forEach((f, i) => byFile.set(f.abs, outcomes[i] as FileOutcome));
  table.chunks.forEach((chunk, id) => place(chunk, table.results[id] ?? analyzeAll(chunk, read, prep)));
  for (let b = 0; b < blockCount(shared); b++) {
    const list = blockFiles(shared, b);
    place(list, blocks[b] ?? analyzeAll(list, read, prep));
  }
  return { outcomes: files.map((f) => byFile.get(f.abs) as FileOutcome), byWorkers: table.answered + blocksByWorkers, chunks: table.chunks.length + blockCount(shared) };
}
