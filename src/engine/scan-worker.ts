/**
 * Worker-thread entry of the scan pool: receives chunks of walked files,
 * answers with their outcomes (structured-cloned plain data).
 */
import { parentPort } from "node:worker_threads";
import { makeReader } from "../discover/read.js";
import { analyzeAll, prepareAnalysis, type PreparedAnalysis } from "./analyze-source.js";
import type { PoolRequest, PoolReply } from "./pool.js";

let reader: { readonly max: number; readonly read: ReturnType<typeof makeReader> } | undefined;
let prepared: { readonly key: string; readonly prep: PreparedAnalysis } | undefined;

parentPort?.on("message", (msg: PoolRequest) => {
  if (reader?.max !== msg.maxFileSize) reader = { max: msg.maxFileSize, read: makeReader(msg.maxFileSize, { byteView: true, walked: true }) };
  const key = JSON.stringify(msg.settings);
  if (prepared?.key !== key) prepared = { key, prep: prepareAnalysis(msg.settings) };
  const read = reader.read;
  const prep = prepared.prep;
  const reply: PoolReply = { id: msg.id, outcomes: analyzeAll(msg.files, read, prep) };
  parentPort?.postMessage(reply);
});
