/**
 * Spreads reading, parsing and the secret scan of many files over worker
 * threads. Files go out in chunks of consecutive paths, each worker asking
 * for the next chunk when it answers (so a slow chunk does not hold the
 * others); outcomes are put back in path order, so the result is the same as
 * a sequential scan's, whatever the timing. A worker that cannot start or
 * fails leaves its chunks to the main thread. Never used for a few files:
 * starting a worker costs more than scanning them.
 */
import { createRequire } from "node:module";
import * as os from "node:os";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { makeReader } from "../discover/read.js";
import type { WalkedFile } from "../discover/walk.js";
import { analyzeSource, prepareAnalysis, type AnalysisSettings, type FileOutcome } from "./analyze-source.js";

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

/** Worker count for a scan: explicit `threads`, else the cores when the scan is large, else 1 (no pool). */
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
  if (!import.meta.url.endsWith(".ts")) return new Worker(new URL("./scan-worker.js", import.meta.url), { stdout: false, stderr: false, resourceLimits: WORKER_LIMITS });
  const tsxApi = pathToFileURL(createRequire(import.meta.url).resolve("tsx/esm/api").replace(/index\.cjs$/, "index.mjs")).href;
  const entry = new URL("./scan-worker.ts", import.meta.url).href;
  const boot = `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); }).catch((e) => { throw e; });`;
  return new Worker(boot, { eval: true, stdout: false, stderr: false, resourceLimits: WORKER_LIMITS });
}

export interface PoolResult {
  /** One outcome per file, in the order of `files`. */
  readonly outcomes: FileOutcome[];
  /** How many chunks workers answered (the rest the main thread scanned). */
  readonly byWorkers: number;
  readonly chunks: number;
}

export async function analyzeInPool(files: readonly WalkedFile[], maxFileSize: number, threads: number, settings: AnalysisSettings = {}): Promise<PoolResult> {
  const chunks: WalkedFile[][] = [];
  for (let i = 0; i < files.length; i += CHUNK) chunks.push(files.slice(i, i + CHUNK));
  const results: (FileOutcome[] | undefined)[] = new Array<FileOutcome[] | undefined>(chunks.length);
  let next = 0;

  const runWorker = () =>
    new Promise<void>((resolve) => {
      let worker: Worker;
      try {
        worker = startWorker();
      } catch {
        resolve();
        return;
      }
      const feed = () => {
        if (next >= chunks.length) {
          void worker.terminate();
          return;
        }
        const id = next++;
        const req: PoolRequest = { id, files: chunks[id] ?? [], maxFileSize, settings };
        worker.postMessage(req);
      };
      worker.on("message", (reply: PoolReply) => {
        results[reply.id] = reply.outcomes;
        feed();
      });
      worker.on("error", () => resolve());
      worker.on("exit", () => resolve());
      feed();
    });

  await Promise.all(Array.from({ length: Math.min(threads, chunks.length) }, runWorker));
  // Chunks a failed worker left behind are scanned here.
  const read = makeReader(maxFileSize, { byteView: true });
  const prep = prepareAnalysis(settings);
  const outcomes = chunks.flatMap((chunk, i) => results[i] ?? chunk.map((f) => analyzeSource(f, read, prep)));
  return { outcomes, byWorkers: results.filter((r) => r !== undefined).length, chunks: chunks.length };
}
