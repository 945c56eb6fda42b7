/**
 * A configured secret pattern, an Amp `/regex/` server rule or a glob of many
 * stars comes from the scanned repository and may backtrack catastrophically.
 * The scan must still finish: V8's linear-time engine takes over such a regex
 * (util/untrusted-regex.ts), and globs are matched without one
 * (util/wildcard.ts). Run in a child process with a time limit, so that a
 * regression fails instead of hanging the suite (JavaScript cannot interrupt a
 * running regex).
 */
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { fakeGitHubToken } from "../../src/rules/fake-secrets.js";
import { REPO_ROOT, tempTree } from "../helpers.js";

/** Scans `files` in a child process stopped after 30 s; the findings as `rule file`. */
function scanInChild(files: Record<string, string>): string[] {
  const dir = tempTree({ ".git/HEAD": "", ...files });
  const script = `import { run } from "./src/cli/run.ts"; const r = await run(["scan", ${JSON.stringify(dir)}, "--format", "json"], { cwd: ${JSON.stringify(dir)}, env: {}, stdoutIsTTY: false }); process.stdout.write(r.stdout);`;
  const child = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { cwd: REPO_ROOT, encoding: "utf8", timeout: 30_000 });
  expect(child.signal, "the scan was stopped at the time limit").toBeNull();
  return JSON.parse(child.stdout).findings.map((f: { ruleId: string; location: { file: string } }) => `${f.ruleId} ${f.location.file}`);
}

/** An Amp settings file with one server and one reject rule on its command. */
const ampSettings = (command: string, rule: string) => ({ ".amp/settings.json": JSON.stringify({ "amp.mcpServers": { notes: { command } }, "amp.mcpPermissions": [{ matches: { command: rule }, action: "reject" }] }, null, 2) });

describe("configured patterns that backtrack catastrophically", () => {
  it("do not stall the scan: (a+)+$ over 40 a's and a '!' finishes, and other findings are still reported", () => {
    const findings = scanInChild({
      ".mcplint.yaml": `secrets:\n  patterns:\n    - id: runaway\n      title: Runaway\n      regex: "(a+)+$"\n`,
      "notes.txt": `x=${"a".repeat(40)}!\n`,
      ".env": `DB_PASSWORD=${["Qm7vX2pLr9", "TzW4kB8nYe"].join("")}\n`,
    });
    expect(findings).toContain("hardcoded-secret .env");
  }, 40_000);

  // Neither Amp rule matches its command, so the server starts and the default stays open.
  it("an Amp amp.mcpPermissions glob of many stars (*a*a*...!) against a command of 60 a's does not stall the scan", () => {
    expect(scanInChild(ampSettings("a".repeat(60), `${"*a".repeat(12)}!`))).toContain("missing-default-deny .amp/settings.json");
  }, 40_000);

  it("an Amp amp.mcpPermissions /regex/ rule is one too: /(a+)+$/ against a command of 40 a's and a '!' does not stall the scan", () => {
    expect(scanInChild(ampSettings(`${"a".repeat(40)}!`, "/(a+)+$/"))).toContain("missing-default-deny .amp/settings.json");
  }, 40_000);

  it("a Next.js middleware matcher group is a regex from the scanned code too: /((a+)+)$ against a path of 40 a's and a '!' finishes", () => {
    const script = `import { pathPattern } from "./src/model/adapters/next-middleware.ts"; process.stdout.write(String(pathPattern("/((a+)+)$")?.test("/" + "a".repeat(40) + "!")));`;
    const child = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { cwd: REPO_ROOT, encoding: "utf8", timeout: 30_000 });
    expect(child.signal, "stopped at the time limit").toBeNull();
    expect(child.stdout).toBe("false");
  }, 40_000);

  it("a secrets.allow /regex/ entry is one too: /^(\\w+)+#$/ against a 40-character token finishes, and the token is still reported", () => {
    const findings = scanInChild({
      ".mcplint.yaml": `secrets:\n  allow:\n    - "/^(\\\\w+)+#$/"\n`,
      ".env": `GITHUB_TOKEN=${fakeGitHubToken("ghp", "allow-redos")}\n`,
    });
    expect(findings).toContain("hardcoded-secret .env");
  }, 40_000);
});
