/**
 * Spreads reading, parsing and the secret scan of many files over worker
 * threads and the calling thread. Files go out in chunks of consecutive
 * paths, each worker getting the next chunk when it answers one (so a slow
 * chunk does not hold the others); outcomes are put back in path order, so
 * the result is the same as a sequential scan's, whatever the timing. A
 * worker that cannot start or fails leaves its chunks to the calling thread.
 * Never used for a few files: starting a worker costs more than scanning them.
 */
import { createRequire } from "node:module";
import * as os from "node:os";
import { pathToFileURL } from "node:url";
import type { Worker } from "node:worker_threads";
import { makeReader } from "../discover/read.js";
import type { WalkedFile } from "../discover/walk.js";
import { analyzeAll, analyzeSource, prepareAnalysis, type AnalysisSettings, type FileOutcome } from "./analyze-source.js";

/** Below this many files the scan stays on the main thread. */
export const POOL_THRESHOLD = 500;
/**
 * A small young generation keeps each worker's resident memory low: a file's
 * text and matches die young, and scavenging a small space is cheap.
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 160 };
/** Files per message. */
const CHUNK = 48;

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
 * the walk (`prefeed`, in walk order) and after it (analyzeInPool, the files
 * not sent yet, in path order); a worker's reply fills `results[id]`.
 */
interface ChunkTable {
  readonly chunks: (readonly WalkedFile[])[];
  readonly results: (FileOutcome[] | undefined)[];
  /** How many chunks workers answered. */
  answered: number;
  /** Told of each reply once analyzeInPool runs (it feeds that worker). */
  onReply?: (w: PoolWorker) => void;
}

/** A started worker; `failed` once it reported an error (it then exits). `pending`: chunks sent and not answered. */
interface PoolWorker {
  readonly worker: Worker;
  failed: boolean;
  pending: number;
  readonly exited: Promise<void>;
}

function launch(table: ChunkTable): PoolWorker | undefined {
  try {
    const worker = startWorker();
    const w: PoolWorker = { worker, failed: false, pending: 0, exited: new Promise<void>((r) => worker.once("exit", () => r())) };
    // Listened to from the start: an unheard 'error' event would end the process.
    worker.on("error", () => {
      w.failed = true;
    });
    worker.on("message", (reply: PoolReply) => {
      table.results[reply.id] = reply.outcomes;
      table.answered++;
      w.pending--;
      table.onReply?.(w);
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
  /** How many chunks workers answered (the calling thread scanned the rest). */
  readonly byWorkers: number;
  readonly chunks: number;
}

/** Chunks sent ahead to each worker, so that it never waits for the calling thread between two. */
const IN_FLIGHT = 2;
/**
 * How long the calling thread scans before it takes the workers' replies in.
 * Once per chunk was not enough: a worker sat idle for ~0.65 s of a 3.3 s scan
 * (CPU profile) while the calling thread was inside a chunk of large files.
 */
const YIELD_EVERY_MS = 4;

/**
 * `threads` counts the calling thread: it starts `threads - 1` workers and
 * scans chunks itself while they work (yielding every few milliseconds so
 * that replies are taken and workers fed). On a 2-core machine that is one
 * worker, not two: one module load and one heap fewer. `warm`: workers
 * started during the walk, with the chunks already sent to them. `mainShare:
 * false` leaves all chunks to the workers (tests).
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
  // Chunks made during the walk are with the workers already; the other files are chunked here.
  let next = table.chunks.length;
  const sent = new Set(table.chunks.flat().map((f) => f.abs));
  const rest = sent.size ? files.filter((f) => !sent.has(f.abs)) : files;
  for (let i = 0; i < rest.length; i += CHUNK) table.chunks.push(rest.slice(i, i + CHUNK));

  const feed = (w: PoolWorker) => {
    while (w.pending < IN_FLIGHT && next < table.chunks.length) send(w, table, next++, maxFileSize, settings);
    if (w.pending === 0) void w.worker.terminate();
  };
  table.onReply = feed;
  const runWorker = (w: PoolWorker | undefined) =>
    new Promise<void>((resolve) => {
      if (!w || w.failed) {
        if (w) void w.worker.terminate();
        resolve();
        return;
      }
      w.worker.on("error", () => resolve());
      void w.exited.then(() => resolve());
      feed(w);
    });

  const read = makeReader(maxFileSize, { byteView: true, walked: true });
  const prep = prepareAnalysis(settings);
  const workerCount = Math.max(1, Math.min(mainShare ? threads - 1 : threads, table.chunks.length - next));
  // Warm workers that hold chunks of the walk are kept whatever is left to send them.
  const warmList = warm?.workers ?? [];
  const ready = warmList.filter((w, i) => i < workerCount || w.pending > 0);
  for (const extra of warmList.filter((w) => !ready.includes(w))) void extra.worker.terminate();
  const started = [...ready, ...Array.from({ length: workerCount - ready.length }, () => launch(table))];
  const workers = Promise.all(started.map(runWorker));
  if (mainShare) {
    let lastYield = performance.now();
    while (next < table.chunks.length) {
      const id = next++;
      const outcomes: FileOutcome[] = [];
      const chunk = table.chunks[id] ?? [];
      read.plan(chunk);
      for (const f of chunk) {
        outcomes.push(analyzeSource(f, read, prep));
        // Let worker replies in (they feed the workers) every few milliseconds, also inside a
        // chunk: a chunk with large files takes far longer than a worker needs for its queue.
        if (performance.now() - lastYield >= YIELD_EVERY_MS) {
          await new Promise<void>((r) => setImmediate(r));
          lastYield = performance.now();
        }
      }
      table.results[id] = outcomes;
    }
  }
  read.close();
  await workers;
  table.onReply = undefined;
  // Chunks a failed worker left behind are scanned here; every outcome goes back to its file's place.
  const byFile = new Map<string, FileOutcome>();
  table.chunks.forEach((chunk, id) => {
    const outcomes = table.results[id] ?? analyzeAll(chunk, read, prep);
    chunk.forEach((f, i) => byFile.set(f.abs, outcomes[i] as FileOutcome));
  });
  return { outcomes: files.map((f) => byFile.get(f.abs) as FileOutcome), byWorkers: table.answered, chunks: table.chunks.length };
}
