/**
 * A configured secret pattern (or an Amp /regex/ server rule) comes from the scanned repository and may
 * backtrack catastrophically. The scan must still finish: V8's linear-time
 * engine takes over such a regex (util/untrusted-regex.ts). Run in a child
 * process with a time limit, so that a regression fails instead of hanging
 * the suite (JavaScript cannot interrupt a running regex).
 */
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { REPO_ROOT, tempTree } from "../helpers.js";

describe("configured patterns that backtrack catastrophically", () => {
  it("do not stall the scan: (a+)+$ over 40 a's and a '!' finishes, and other findings are still reported", () => {
    const dir = tempTree({
      ".git/HEAD": "",
      ".mcplint.yaml": `secrets:\n  patterns:\n    - id: runaway\n      title: Runaway\n      regex: "(a+)+$"\n`,
      "notes.txt": `x=${"a".repeat(40)}!\n`,
      ".env": `DB_PASSWORD=${["Qm7vX2pLr9", "TzW4kB8nYe"].join("")}\n`,
    });
    const script = `import { run } from "./src/cli/run.ts"; const r = await run(["scan", ${JSON.stringify(dir)}, "--format", "json"], { cwd: ${JSON.stringify(dir)}, env: {}, stdoutIsTTY: false }); process.stdout.write(r.stdout);`;
    const child = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { cwd: REPO_ROOT, encoding: "utf8", timeout: 30_000 });
    expect(child.signal, "the scan was stopped at the time limit").toBeNull();
    const findings = JSON.parse(child.stdout).findings.map((f: { ruleId: string; location: { file: string } }) => `${f.ruleId} ${f.location.file}`);
    expect(findings).toContain("hardcoded-secret .env");
  }, 40_000);

  it("an Amp amp.mcpPermissions glob of many stars (*a*a*...!) against a command of 60 a's does not stall the scan", () => {
    const settings = { "amp.mcpServers": { notes: { command: "a".repeat(60) } }, "amp.mcpPermissions": [{ matches: { command: `${"*a".repeat(12)}!` }, action: "reject" }] };
    const dir = tempTree({ ".git/HEAD": "", ".amp/settings.json": JSON.stringify(settings, null, 2) });
    const script = `import { run } from "./src/cli/run.ts"; const r = await run(["scan", ${JSON.stringify(dir)}, "--format", "json"], { cwd: ${JSON.stringify(dir)}, env: {}, stdoutIsTTY: false }); process.stdout.write(r.stdout);`;
    const child = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { cwd: REPO_ROOT, encoding: "utf8", timeout: 30_000 });
    expect(child.signal, "the scan was stopped at the time limit").toBeNull();
    const findings = JSON.parse(child.stdout).findings.map((f: { ruleId: string; location: { file: string } }) => `${f.ruleId} ${f.location.file}`);
    expect(findings).toContain("missing-default-deny .amp/settings.json");
  }, 40_000);

  it("an Amp amp.mcpPermissions /regex/ rule is one too: /(a+)+$/ against a command of 40 a's and a '!' does not stall the scan", () => {
    const settings = { "amp.mcpServers": { notes: { command: `${"a".repeat(40)}!` } }, "amp.mcpPermissions": [{ matches: { command: "/(a+)+$/" }, action: "reject" }] };
    const dir = tempTree({ ".git/HEAD": "", ".amp/settings.json": JSON.stringify(settings, null, 2) });
    const script = `import { run } from "./src/cli/run.ts"; const r = await run(["scan", ${JSON.stringify(dir)}, "--format", "json"], { cwd: ${JSON.stringify(dir)}, env: {}, stdoutIsTTY: false }); process.stdout.write(r.stdout);`;
    const child = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { cwd: REPO_ROOT, encoding: "utf8", timeout: 30_000 });
    expect(child.signal, "the scan was stopped at the time limit").toBeNull();
    // The rule does not match (the command ends in '!'), so the server starts: the default stays open.
    const findings = JSON.parse(child.stdout).findings.map((f: { ruleId: string; location: { file: string } }) => `${f.ruleId} ${f.location.file}`);
    expect(findings).toContain("missing-default-deny .amp/settings.json");
  }, 40_000);
});
