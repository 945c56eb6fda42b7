/** The test run's own temporary folder (test/global-setup.ts): what tests and the CLIs they start write goes there. */
import { describe, expect, it } from "vitest";
import * as os from "node:os";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import { tempTree } from "./helpers.js";

describe("the test run's temporary folder", () => {
  it("holds every temporary tree, and a child process inherits it", () => {
    const runDir = os.tmpdir();
    expect(path.basename(runDir)).toMatch(/^mcplint-run-/);
    expect(path.dirname(tempTree({ "a.txt": "x" }))).toBe(runDir);
    const child = spawnSync(process.execPath, ["-e", "process.stdout.write(require('os').tmpdir())"], { encoding: "utf8" });
    expect(child.stdout).toBe(runDir);
  });
});
