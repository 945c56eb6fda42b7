/** `npm run bench` options: --help and a mistyped option answer at once, before a corpus is installed (minutes). */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../helpers.js";

/** A copy of the scripts in a temporary folder, so that a run that went on could not touch the repository's .bench/. */
function bench(args: readonly string[]) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mcplint-bench-args-"));
  fs.cpSync(path.join(REPO_ROOT, "scripts"), path.join(dir, "scripts"), { recursive: true });
  const r = spawnSync(process.execPath, [path.join(dir, "scripts", "bench.mjs"), ...args], { encoding: "utf8", timeout: 20_000 });
  const installed = fs.existsSync(path.join(dir, ".bench"));
  fs.rmSync(dir, { recursive: true, force: true });
  return { ...r, installed };
}

describe("scripts/bench.mjs options", () => {
  it("--help prints the usage and exits 0", () => {
    const r = bench(["--help"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("npm run bench -- --runs 3");
    expect(r.installed).toBe(false);
  });

  it.each([[["--bogus"], "unknown option '--bogus'"], [["--runs", "x"], "--runs needs a positive number"], [["--quick", "--secretlint-timeout"], "--secretlint-timeout needs a positive number"]])("%j is a usage error (exit 2) before any install", (args, message) => {
    const r = bench(args);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.installed).toBe(false);
  });
});
