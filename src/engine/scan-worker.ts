/**
 * Worker-thread entry of the scan pool: answers chunks of walked files and
 * claims blocks of the shared list (pool.ts answerRequest), with outcomes as
 * structured-cloned plain data.
 */
import { parentPort } from "node:worker_threads";
import { makeReader } from "../discover/read.js";
import { prepareAnalysis, type PreparedAnalysis } from "./analyze-source.js";
import { answerRequest, type PoolRequest, type SharedRequest } from "./pool.js";

let reader: { readonly max: number; readonly read: ReturnType<typeof makeReader> } | undefined;
let prepared: { readonly key: string; readonly prep: PreparedAnalysis } | undefined;

parentPort?.on("message", (msg: PoolRequest | SharedRequest) => {
  if (reader?.max !== msg.maxFileSize) reader = { max: msg.maxFileSize, read: makeReader(msg.maxFileSize, { byteView: true, walked: true }) };
  const key = JSON.stringify(msg.settings);
  if (prepared?.key !== key) prepared = { key, prep: prepareAnalysis(msg.settings) };
  // A failed drain rejects: unhandled, it ends the worker, whose work the calling thread then does (pool.ts).
  void answerRequest(msg, reader.read, prepared.prep, (reply) => parentPort?.postMessage(reply));
});
