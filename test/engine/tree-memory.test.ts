/**
 * tree-sitter trees live in native memory that Node frees only when the event
 * loop turns (parse/tree-memory.ts). What the user sees: the peak memory of a
 * scan does not grow with the number of MCP code files it parses.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { treeMemory } from "../../src/parse/tree-memory.js";

const REPO_ROOT = path.resolve(__dirname, "../..");

describe("the account of parsed trees", () => {
  it("is due once the budget is parsed; a release collects once, then turns the event loop", async () => {
    let collections = 0;
    let fetched = 0;
    const trees = treeMemory(10, () => {
      fetched++;
      return () => collections++;
    });
    trees.parsed(4);
    expect(trees.due()).toBe(false);
    trees.parsed(6);
    expect(trees.due()).toBe(true);
    let immediate = false;
    setImmediate(() => (immediate = true));
    await trees.release();
    expect([collections, immediate, trees.due()]).toEqual([1, true, false]);
    trees.parsed(10);
    await trees.release();
    // The collector is looked up once.
    expect([collections, fetched]).toEqual([2, 1]);
  });

  it("without a collector a release still turns the event loop", async () => {
    const trees = treeMemory(1, () => undefined);
    trees.parsed(1);
    await expect(trees.release()).resolves.toBeUndefined();
    expect(trees.due()).toBe(false);
  });
});

/** A 100 KB MCP server file: cheap to analyse, ~3 MB as a tree. */
function dataFile(): string {
  const rows = Array.from({ length: 6000 }, (_, i) => `  ${i}, "v${i}",\n`).join("");
  return `import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";\nexport const server = new McpServer({ name: "gen", version: "1.0.0" });\nexport const table = [\n${rows}];\n`;
}

/** Peak resident memory (MB) of a scan of `count` such files, in a fresh process. */
function peakMb(count: number, threads = 1): number {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mcplint-trees-"));
  try {
    const text = dataFile();
    for (let i = 0; i < count; i++) fs.writeFileSync(path.join(dir, `data${i}.ts`), text);
    const script = `import { scan } from ${JSON.stringify(path.join(REPO_ROOT, "src", "api.ts"))};
const r = await scan({ paths: [${JSON.stringify(dir)}], cwd: ${JSON.stringify(dir)}, threads: ${threads}, lockFile: false });
process.stdout.write(JSON.stringify({ files: r.model.files.length, rss: process.resourceUsage().maxRSS }));`;
    const r = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { cwd: REPO_ROOT, encoding: "utf8" });
    expect(r.stderr).toBe("");
    const out = JSON.parse(r.stdout) as { files: number; rss: number };
    expect(out.files).toBe(count);
    return out.rss / 1024;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe("a scan of many MCP code files", () => {
  it("frees the trees of the files it has analysed: 40 files of 100 KB need little more memory than one", () => {
    const one = peakMb(1);
    const forty = peakMb(40);
    // Kept to the end, the trees of 40 files took ~225 MB more than one file's.
    expect(forty - one).toBeLessThan(80);
  }, 120_000);

  it("with two threads too: the calling thread and the worker each free theirs as they drain the shared list", () => {
    const one = peakMb(1);
    const forty = peakMb(40, 2);
    console.log(`[tree memory] one file ${one.toFixed(0)} MB; 40 files, two threads ${forty.toFixed(0)} MB`);
    // Kept to the end, they took ~260 MB more than one file's (two threads, the worker's isolate included).
    expect(forty - one).toBeLessThan(170);
  }, 120_000);
});
