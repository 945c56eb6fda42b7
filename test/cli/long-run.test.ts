/**
 * A scan of a large tree tunes V8 for a long run (cli/long-run.ts) once; a
 * small one (a pre-commit hook's few files) never loads node:v8 for it.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { POOL_THRESHOLD } from "../../src/engine/pool.js";
import { scan } from "../../src/api.js";
import { cli, tempTree } from "../helpers.js";

const tuned = vi.hoisted(() => ({ calls: 0 }));
vi.mock("../../src/cli/long-run.js", async (original) => ({
  ...(await original<typeof import("../../src/cli/long-run.js")>()),
  tuneForLongRun: () => {
    tuned.calls++;
  },
}));

const files: Record<string, string> = {};
// Many folders: the walk reports its growing list after each, several times past the threshold.
for (let i = 0; i < POOL_THRESHOLD + 200; i++) files[`pkg${i % 70}/file${i}.txt`] = `line ${i}\n`;
const large = tempTree(files);
const small = tempTree({ ".mcp.json": JSON.stringify({ mcpServers: { a: { command: "npx", args: ["-y", "a@1.0.0"] } } }), "notes.md": "hi\n" });

afterAll(() => {
  for (const dir of [large, small]) fs.rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  tuned.calls = 0;
});

describe("tuning for a long run", () => {
  it("happens once in a CLI scan of a large tree, with or without worker threads", async () => {
    expect((await cli(["scan", ".", "--format", "json", "--threads", "1"], large)).exitCode).toBe(0);
    expect(tuned.calls).toBe(1);
    expect((await cli(["scan", ".", "--format", "json"], large)).exitCode).toBe(0);
    expect(tuned.calls).toBe(2);
  }, 60_000);

  it("does not happen for a few files", async () => {
    await cli(["scan", ".", "--format", "json"], small);
    await cli(["scan", ".mcp.json", "notes.md", "--format", "json"], small);
    expect(tuned.calls).toBe(0);
  });

  it("is the library's onLargeTree hook, called once when the walk reaches the pool's size", async () => {
    let calls = 0;
    await scan({ cwd: large, threads: 1, lockFile: false, onLargeTree: () => calls++ });
    expect(calls).toBe(1);
    await scan({ cwd: small, lockFile: false, onLargeTree: () => calls++ });
    expect(calls).toBe(1);
  }, 60_000);

  it("uses a V8 flag that this Node knows (an unknown one would print an error)", async () => {
    const { LONG_RUN_V8_FLAGS } = await vi.importActual<typeof import("../../src/cli/long-run.js")>("../../src/cli/long-run.js");
    const r = spawnSync(process.execPath, [...LONG_RUN_V8_FLAGS.split(" "), "-e", "0"], { encoding: "utf8" });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe("");
  });
});
