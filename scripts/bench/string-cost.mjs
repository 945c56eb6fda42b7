/**
 * What a one-byte string costs to make from a file's bytes, by size: the
 * reader turns every text file into one (`latin1Slice`), and the scan's
 * profile shows most of that time in files over 128 KB. V8 puts a string
 * over its regular object size (128 KB) on pages of its own, mapped for it
 * and unmapped at the next collection, so every 4 KB of it costs a page
 * fault; smaller strings go to the young generation, whose pages are reused.
 * Also: two threads doing this at once (the pool's case).
 *
 *   node scripts/bench/string-cost.mjs [--mb 100]
 *
 * Prints ms per MB for each size and the ratio to 64 KB strings measured in
 * the same run. Not a test: figures depend on the machine and its load.
 */
import { Worker } from "node:worker_threads";

const MB = Number(process.argv[process.argv.indexOf("--mb") + 1]) || 100;
const SIZES = [16_000, 64_000, 120_000, 200_000, 500_000, 1_000_000, 1_900_000];

/** Makes `total` bytes of strings of `size` bytes each; ms per MB. */
function cost(size, total) {
  const buf = Buffer.alloc(2_000_000, 97);
  const n = Math.max(1, Math.round(total / size));
  let keep = 0;
  const t = process.hrtime.bigint();
  for (let i = 0; i < n; i++) keep += buf.latin1Slice(0, size).charCodeAt(i % size);
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (keep < 0) console.log(keep);
  return ms / ((n * size) / 1e6);
}

function inTwoThreads(size, total) {
  const code = `const { parentPort, workerData } = require("node:worker_threads"); parentPort.postMessage((${cost.toString()})(workerData.size, workerData.total));`;
  return Promise.all(
    [0, 1].map(
      () =>
        new Promise((resolve, reject) => {
          const w = new Worker(code, { eval: true, workerData: { size, total } });
          w.once("message", resolve);
          w.once("error", reject);
        }),
    ),
  );
}

const total = MB * 1e6;
cost(64_000, total); // warm-up: the first run includes compiling the loop
const base = cost(64_000, total);
console.log(`one-byte strings from a buffer, ${MB} MB per size (baseline: 64 KB strings, ${base.toFixed(2)} ms/MB)`);
for (const size of SIZES) {
  const one = cost(size, total);
  const two = await inTwoThreads(size, total);
  const twoMax = Math.max(...two);
  console.log(
    `${String(size).padStart(9)} B  one thread ${one.toFixed(2).padStart(6)} ms/MB (${(one / base).toFixed(1)}x)   two threads at once ${twoMax.toFixed(2).padStart(6)} ms/MB each (${(twoMax / base).toFixed(1)}x)`,
  );
}
