/** A 100 MB file and a single 10 MB line: skipped over the size cap, scanned in time under it. */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { fakeGitHubToken } from "../../src/rules/fake-secrets.js";
import { cli } from "../helpers.js";
import { diagnosticFor, expectPlantedSecret, scanWithin, treeWithPlantedSecret, write } from "./hostile.js";

const MB = 1024 * 1024;

describe("a 100 MB file", () => {
  it("is skipped by size (at most the cap is read) with a note naming --max-file-size", async () => {
    const dir = treeWithPlantedSecret();
    // Sparse: created instantly, takes no disk space.
    for (const rel of ["huge.log", ".cursor/mcp.json"]) {
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      const fd = fs.openSync(path.join(dir, rel), "w");
      fs.ftruncateSync(fd, 100 * MB);
      fs.closeSync(fd);
    }
    const result = await scanWithin(dir, 3_000);
    // A client configuration file has a limit of its own (16 MiB) while --max-file-size is not set.
    expect(diagnosticFor(result, "huge.log", "too-large").message).toMatch(/104857600 bytes is over the size limit of 2097152 bytes \(--max-file-size\)/);
    expect(diagnosticFor(result, ".cursor/mcp.json", "too-large").message).toMatch(/104857600 bytes is over the size limit of 16777216 bytes \(--max-file-size\)/);
    expectPlantedSecret(result);
    // Notes are not printed in the text report; the JSON report lists them.
    const json = JSON.parse((await cli(["scan", "--format", "json"], dir)).stdout) as { diagnostics: { code: string; file?: string }[] };
    expect(json.diagnostics.filter((d) => d.code === "too-large").map((d) => d.file)).toEqual([".cursor/mcp.json", "huge.log"]);
  });
});

describe("a client configuration file over 2 MiB (Claude Code's ~/.claude.json keeps every project's history)", () => {
  const token = fakeGitHubToken("ghp", "big-config");
  const config = JSON.stringify({ projects: { "/src/app": { history: "h".repeat(3 * MB) } }, mcpServers: { github: { command: "npx", args: ["-y", "@modelcontextprotocol/server-github@1.0.0"], env: { GITHUB_TOKEN: token } } } }, null, 2);

  it("is read whole while --max-file-size is not set: its servers and secrets are in the model", async () => {
    const dir = treeWithPlantedSecret({ "app/.mcp.json": config, "big.log": "x".repeat(3 * MB) });
    const result = await scanWithin(dir, 5_000);
    expect(result.model.servers.filter((s) => s.file === "app/.mcp.json").map((s) => s.name)).toEqual(["github"]);
    expect(result.model.secrets.filter((s) => s.loc.file === "app/.mcp.json").map((s) => s.loc.line)).toEqual([15]);
    expect(result.diagnostics.filter((d) => d.code === "too-large").map((d) => d.file)).toEqual(["big.log"]);
    expectPlantedSecret(result);
  });

  it("is skipped like any file when --max-file-size is set", async () => {
    const dir = treeWithPlantedSecret({ "app/.mcp.json": config });
    const result = await scanWithin(dir, 5_000, { maxFileSize: 2 * MB });
    diagnosticFor(result, "app/.mcp.json", "too-large");
    expect(result.model.servers.filter((s) => s.file === "app/.mcp.json")).toEqual([]);
  });
});

describe("a single 10 MB line", () => {
  const token = fakeGitHubToken("ghp", "ten-megabyte-line");
  const line = "x".repeat(10 * MB) + ` ${token}\n`;
  const json = JSON.stringify({ mcpServers: { long: { command: "npx", args: ["a".repeat(10 * MB)], env: { GITHUB_TOKEN: token } } } });

  it("is skipped by default (over the 2 MB cap)", async () => {
    const dir = treeWithPlantedSecret({ "notes.txt": line });
    const result = await scanWithin(dir, 5_000);
    diagnosticFor(result, "notes.txt", "too-large");
    expectPlantedSecret(result);
  });

  it("is scanned in time with --max-file-size raised, and its secret found", async () => {
    const dir = treeWithPlantedSecret({ "notes.txt": line, "long/.mcp.json": json });
    const result = await scanWithin(dir, 15_000, { maxFileSize: 20 * MB });
    const hits = result.model.secrets.filter((s) => s.loc.file === "notes.txt" || s.loc.file === "long/.mcp.json");
    expect(hits.map((h) => [h.loc.file, h.loc.line])).toEqual([
      ["long/.mcp.json", 1],
      ["notes.txt", 1],
    ]);
    expect(result.model.secrets.find((s) => s.loc.file === "notes.txt")?.loc.column).toBe(10 * MB + 2);
    expect(result.model.servers.find((s) => s.file === "long/.mcp.json")?.name).toBe("long");
    expectPlantedSecret(result);
  });

  it("prints a bounded code frame, never the 10 MB line", async () => {
    const dir = treeWithPlantedSecret();
    write(dir, "notes.txt", line);
    const r = await cli(["scan", "--max-file-size", "20m"], dir);
    expect(r.stdout).toContain("notes.txt:1:");
    expect(r.stdout.length).toBeLessThan(20_000);
    expect(r.stdout).not.toContain(token);
  });
});

describe("a client configuration file of many escaped values (pasted code in a ~/.claude.json's history)", () => {
  // 5,000 values with escapes (\n, \"), so that no value is in the text as written, then 12 MB of text
  // that nearly repeats them: finding where a value sits must stay inside its own node. It searched
  // the rest of the file once per value (~20 s of CPU here; under a second now).
  const token = fakeGitHubToken("ghp", "escaped-history");
  const history = Array.from({ length: 5_000 }, (_, i) => ({ display: `paste ${i}`, pastedContents: { "1": { type: "text", content: `const v0 = ${i};\nconst v1 = "${i}";` } } }));
  const notes = "const v0 = 1; const v1 = 2; ".repeat(400_000);
  const config = JSON.stringify({ projects: { "/src/app": { history, notes } }, mcpServers: { github: { command: "npx", args: ["-y", "@modelcontextprotocol/server-github@1.0.0"], env: { GITHUB_TOKEN: token } } } }, null, 2);

  it("is scanned in time, with its server's secret where it is", async () => {
    const dir = treeWithPlantedSecret({ ".claude.json": config });
    const result = await scanWithin(dir, 10_000);
    const line = config.split("\n").findIndex((l) => l.includes(token)) + 1;
    expect(result.model.secrets.filter((s) => s.loc.file === ".claude.json").map((s) => [s.loc.line, s.server?.name])).toEqual([[line, "github"]]);
    expectPlantedSecret(result);
  }, 60_000);
});
