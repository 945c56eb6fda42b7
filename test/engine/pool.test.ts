import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { scan } from "../../src/api.js";
import { walk } from "../../src/discover/walk.js";
import { makeReader } from "../../src/discover/read.js";
import { analyzeAll, prepareAnalysis } from "../../src/engine/analyze-source.js";
import { analyzeInPool, poolSize, POOL_THRESHOLD, warmWorkers } from "../../src/engine/pool.js";
import { blockCount, blockFiles, drainShared, shareFiles } from "../../src/engine/shared-files.js";
import { tempTree } from "../helpers.js";

/** 600 files of every kind the scan treats differently: catalog configs, source, text with a generic secret, binary, unreadable-as-text. */
function generatedTree(): string {
  const files: Record<string, string> = {};
  for (let i = 0; i < 600; i++) {
    const dir = `pkg${String(i % 37).padStart(2, "0")}/sub${i % 5}`;
    switch (i % 6) {
      case 0:
        files[`${dir}/.cursor/mcp.json`] = JSON.stringify({ mcpServers: { [`srv${i}`]: { command: "npx", args: ["-y", `tool-${i}`], env: { ACME_API_KEY: `q8Zr${i}Xk2Lw9Vb7Tn4Hs6Jd1Fg3Mp5Qc` } } } }, null, 2);
        break;
      case 1:
        files[`${dir}/file${i}.js`] = `const config = {\n  password: "Tr0ub4dor&3x${i}Zq",\n};\nmodule.exports = config;\n`;
        break;
      case 2:
        files[`${dir}/notes${i}.md`] = `# notes ${i}\nnothing to see\n`;
        break;
      case 3:
        files[`${dir}/.env.${i}`] = `DB_PASSWORD=Xk2Lw9Vb7Tn${i}Hs6Jd1\nURL=https://user:S3cr3tPa55w0rd${i}@db.example.test/x\n`;
        break;
      case 4:
        files[`${dir}/img${i}.png`] = "\u0089PNG\u0000\u0000binary";
        break;
      default:
        files[`${dir}/data${i}.bin`] = `abc\u0000def${i}`;
    }
  }
  return tempTree(files);
}

describe("worker pool", () => {
  it("is used only for large scans unless asked for", () => {
    expect(poolSize(3, undefined)).toBe(1);
    expect(poolSize(POOL_THRESHOLD - 1, undefined)).toBe(1);
    expect(poolSize(600, 1)).toBe(1);
    expect(poolSize(600, 2)).toBe(2);
  });

  it("gives exactly the single-threaded result, in the same order", async () => {
    const dir = generatedTree();
    try {
      const single = await scan({ cwd: dir, threads: 1, lockFile: false });
      const pooled = await scan({ cwd: dir, threads: 2, lockFile: false });
      expect(single.model.files.length).toBe(400);
      expect(single.findings.length).toBeGreaterThan(100);
      expect(pooled.model).toEqual(single.model);
      expect(pooled.findings).toEqual(single.findings);
      expect(pooled.diagnostics).toEqual(single.diagnostics);
      // The workers really ran (a pool that fell back to the main thread would pass the above too).
      const walked = await walk({ paths: ["."], cwd: dir });
      const onlyWorkers = await analyzeInPool(walked.files, 2 * 1024 * 1024, 2, {}, false);
      expect(onlyWorkers.chunks).toBeGreaterThan(2);
      expect(onlyWorkers.byWorkers).toBe(onlyWorkers.chunks);
      // Shared: the calling thread and the worker claim blocks of 8 files (the worker may find none left).
      const shared = await analyzeInPool(walked.files, 2 * 1024 * 1024, 2);
      expect(shared.chunks).toBe(Math.ceil(walked.files.length / 8));
      expect(shared.byWorkers).toBeLessThanOrEqual(shared.chunks);
      expect(shared.outcomes).toEqual(onlyWorkers.outcomes);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it("answers the chunks sent while the walk goes on, and the calling thread scans them when the worker is gone", async () => {
    const dir = generatedTree();
    const max = 2 * 1024 * 1024;
    try {
      const walked = await walk({ paths: ["."], cwd: dir });
      const plain = await analyzeInPool(walked.files, max, 2, {}, false);
      // The walk's list in walk order (not sorted), as prefeed sees it: four whole chunks go out, the tail waits.
      const found = [...walked.files].reverse().slice(0, 200);
      const warm = warmWorkers(1, max);
      warm.prefeed(found);
      warm.prefeed(found); // nothing new: sent once
      expect(warm.table.chunks.map((c) => c.length)).toEqual([48, 48, 48, 48]);
      expect(warm.workers[0]?.pending).toBe(4);
      const early = await analyzeInPool(walked.files, max, 2, {}, true, warm);
      expect(early.outcomes).toEqual(plain.outcomes);
      // The four chunks, then the rest in shared blocks of 8.
      expect(early.chunks).toBe(4 + Math.ceil((walked.files.length - 192) / 8));
      expect(early.byWorkers).toBeGreaterThanOrEqual(1);

      const gone = warmWorkers(1, max);
      gone.prefeed(found);
      await gone.workers[0]?.worker.terminate();
      const fallback = await analyzeInPool(walked.files, max, 2, {}, true, gone);
      expect(fallback.outcomes).toEqual(plain.outcomes);
      // Left to a worker that is gone, chunks and shared blocks alike are scanned by the calling thread.
      const none = warmWorkers(1, max);
      none.prefeed(found);
      await none.workers[0]?.worker.terminate();
      const leftover = await analyzeInPool(walked.files, max, 1, {}, false, none);
      expect(leftover.outcomes).toEqual(plain.outcomes);
      expect(leftover.byWorkers).toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

describe("shared list of files", () => {
  it("gives each block to one thread: a drain after another finds none left, and every block is answered once", async () => {
    const dir = generatedTree();
    try {
      const files = fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => ({ abs: path.join(e.parentPath, e.name), rel: path.relative(dir, path.join(e.parentPath, e.name)) })).slice(0, 60);
      const shared = shareFiles(files, 8);
      expect(blockCount(shared)).toBe(8);
      const read = makeReader(2 * 1024 * 1024, { byteView: true, walked: true });
      const prep = prepareAnalysis({});
      // Another thread took block 0 (and went away): the drain takes 1..7, in batches of 16 files or more.
      Atomics.add(new Int32Array(shared.next), 0, 1);
      const batches: { blocks: number[]; last: boolean }[] = [];
      const seen: number[] = [];
      await drainShared(shared, read, prep, (batch, last) => {
        batches.push({ blocks: batch.map((b) => b.block), last });
        for (const b of batch) {
          seen.push(b.block);
          expect(b.outcomes).toEqual(analyzeAll(blockFiles(shared, b.block), makeReader(2 * 1024 * 1024, { byteView: true, walked: true }), prep));
        }
      }, 16);
      expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7]);
      expect(batches).toEqual([{ blocks: [1, 2], last: false }, { blocks: [3, 4], last: false }, { blocks: [5, 6], last: false }, { blocks: [7], last: true }]);
      const late: number[][] = [];
      await drainShared(shared, read, prep, (batch) => late.push(batch.map((b) => b.block)));
      expect(late).toEqual([[]]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
