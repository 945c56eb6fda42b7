/** FIFOs and device files in the tree or on the command line are never opened. */
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../helpers.js";
import { diagnosticFor, expectPlantedSecret, scanWithin, treeWithPlantedSecret } from "./hostile.js";

function mkfifo(abs: string): void {
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  execFileSync("mkfifo", [abs]);
}

describe("FIFOs", () => {
  it("in the tree (even under catalog names) are skipped without being opened; the scan does not block", async () => {
    const dir = treeWithPlantedSecret();
    for (const rel of ["pipe", ".cursor/mcp.json", ".continue/config.yaml"]) mkfifo(path.join(dir, rel));
    // Opening a FIFO for reading with no writer blocks forever: finishing at all proves it was not opened.
    const result = await scanWithin(dir, 3_000);
    for (const rel of ["pipe", ".cursor/mcp.json", ".continue/config.yaml"]) {
      expect(diagnosticFor(result, rel, "not-regular-file").message).toBe(`${rel} is not a regular file (FIFO, socket or device); not opened`);
    }
    expectPlantedSecret(result);
  });

  it("in a sub-folder scanned from above: the message names the path from the root", async () => {
    const dir = treeWithPlantedSecret();
    mkfifo(path.join(dir, "sub", "deeper", "pipe.json"));
    const result = await scanWithin(dir, 3_000, { paths: ["sub", ".mcp.json"] });
    expect(diagnosticFor(result, "sub/deeper/pipe.json", "not-regular-file").message).toBe("sub/deeper/pipe.json is not a regular file (FIFO, socket or device); not opened");
    expectPlantedSecret(result);
  });

  it("named on the command line is skipped too", async () => {
    const dir = treeWithPlantedSecret();
    mkfifo(path.join(dir, "named.json"));
    const result = await scanWithin(dir, 3_000, { paths: ["named.json", "."] });
    expect(result.diagnostics.filter((d) => d.file === "named.json" && d.code === "not-regular-file").length).toBeGreaterThanOrEqual(1);
    expectPlantedSecret(result);
  });
});

/**
 * Scans `paths` from `cwd` in a child process: opening a FIFO blocks the thread for good, and a
 * hang there cannot take the test run with it. Its diagnostics and the secrets' files and lines.
 */
function scanInChild(cwd: string, paths: readonly string[]): unknown {
  const script = `import { scan } from ${JSON.stringify(path.join(REPO_ROOT, "src/api.ts"))};
const r = await scan({ cwd: ${JSON.stringify(cwd)}, paths: ${JSON.stringify(paths)} });
process.stdout.write(JSON.stringify({ diagnostics: r.diagnostics, secrets: r.findings.filter((f) => f.ruleId === "hardcoded-secret").map((f) => [f.loc.file, f.loc.line]) }));`;
  const child = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { cwd: REPO_ROOT, encoding: "utf8", timeout: 60_000 });
  expect(child.signal, "the scan did not end").toBeNull();
  return JSON.parse(child.stdout);
}

describe("FIFOs that a scan reads beside the walk", () => {
  it("mcplint.lock.json (the drift lock of the folder scanned) is not opened: the scan ends with a config error naming it, and the other files are scanned", () => {
    const dir = treeWithPlantedSecret();
    mkfifo(path.join(dir, "mcplint.lock.json"));
    expect(scanInChild(dir, ["."])).toEqual({
      diagnostics: [
        { level: "note", code: "not-regular-file", message: "mcplint.lock.json is not a regular file (FIFO, socket or device); not opened", file: "mcplint.lock.json" },
        { level: "error", code: "config", message: "mcplint.lock.json: not a regular file (a FIFO, socket, device or folder); drift not checked", file: "mcplint.lock.json" },
      ],
      secrets: [[".mcp.json", 10]],
    });
  }, 90_000);

  it("a .gitignore above the scanned folder, in its git repository, is not opened: the folder is scanned", () => {
    const top = treeWithPlantedSecret();
    fs.mkdirSync(path.join(top, ".git"));
    mkfifo(path.join(top, ".gitignore"));
    fs.mkdirSync(path.join(top, "app"));
    fs.copyFileSync(path.join(top, ".mcp.json"), path.join(top, "app", ".mcp.json"));
    expect(scanInChild(path.join(top, "app"), ["."])).toEqual({ diagnostics: [], secrets: [[".mcp.json", 10]] });
  }, 90_000);

  it.each([".git/index", ".git"])("%s (read to see whether git tracks an ignored file) is not opened: the ignored folder stays ignored, the rest is scanned", (fifo) => {
    const dir = treeWithPlantedSecret({ ".gitignore": "ignored/\n", "ignored/.mcp.json": "{}" });
    if (fifo === ".git/index") fs.mkdirSync(path.join(dir, ".git"));
    mkfifo(path.join(dir, fifo));
    expect(scanInChild(dir, ["."])).toEqual({ diagnostics: [], secrets: [[".mcp.json", 10]] });
  }, 90_000);
});

describe("device files", () => {
  it("named on the command line (/dev/zero, /dev/null) are skipped", async () => {
    const dir = treeWithPlantedSecret();
    const result = await scanWithin(dir, 3_000, { paths: ["/dev/zero", "/dev/null", "."] });
    expect(diagnosticFor(result, "/dev/zero", "not-regular-file").message).toBe("/dev/zero is not a regular file; skipped");
    diagnosticFor(result, "/dev/null", "not-regular-file");
    expectPlantedSecret(result);
  });
});
