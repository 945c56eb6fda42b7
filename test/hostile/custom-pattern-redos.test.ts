/**
 * A configured secret pattern, an Amp `/regex/` server rule or a glob of many
 * stars comes from the scanned repository and may backtrack catastrophically.
 * The scan must still finish: V8's linear-time engine takes over such a regex
 * (util/untrusted-regex.ts), and globs are matched without one
 * (util/wildcard.ts). On Node 20 that engine does not take the `i` flag or a
 * repeat count past 16: such patterns are rewritten without them; it does not
 * take lookarounds or back-references either: where only whether a pattern
 * matches is asked (allow entries, Amp rules, matchers), one with lookarounds
 * is matched by a bounded matcher; else such patterns are refused, with a
 * configuration error. Run in a child process with a time limit, so that a
 * regression fails instead of hanging the suite (JavaScript cannot interrupt a
 * running regex).
 */
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { fakeGitHubToken } from "../../src/rules/fake-secrets.js";
import { REPO_ROOT, tempTree } from "../helpers.js";

/** Scans `files` in a child process stopped after 30 s; what the CLI returned. */
function runInChild(files: Record<string, string>): { exitCode: number; stdout: string; stderr: string } {
  const dir = tempTree({ ".git/HEAD": "", ...files });
  const script = `import { run } from "./src/cli/run.ts"; const r = await run(["scan", ${JSON.stringify(dir)}, "--format", "json"], { cwd: ${JSON.stringify(dir)}, env: {}, stdoutIsTTY: false }); process.stdout.write(JSON.stringify(r));`;
  const child = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { cwd: REPO_ROOT, encoding: "utf8", timeout: 30_000 });
  expect(child.signal, "the scan was stopped at the time limit").toBeNull();
  return JSON.parse(child.stdout);
}

/** The findings of a scan in a child process (see runInChild), as `rule file`. */
function scanInChild(files: Record<string, string>): string[] {
  return JSON.parse(runInChild(files).stdout).findings.map((f: { ruleId: string; location: { file: string } }) => `${f.ruleId} ${f.location.file}`);
}

/** A scan with one secrets.allow entry and a GitHub token that the entry does not allow; the findings. */
const scanWithAllowEntry = (entry: string, seed: string) =>
  scanInChild({ ".mcplint.yaml": `secrets:\n  allow:\n    - ${JSON.stringify(entry)}\n`, ".env": `GITHUB_TOKEN=${fakeGitHubToken("ghp", seed)}\n` });

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

  // Node 20's linear engine takes no i or u flag: the entry is rewritten without them (u only where it changes no match).
  it.each([
    ["/^(\\w+)+#$/", "allow-redos"],
    ["/^(\\w+)+#$/i", "allow-redos-i"],
    ["/^(\\w+)+#$/u", "allow-redos-u"],
  ])("a secrets.allow entry is one too: %s against a 40-character token finishes, and the token is still reported", (entry, folder) => {
    expect(scanWithAllowEntry(entry, folder)).toContain("hardcoded-secret .env");
  }, 40_000);

  it("a secrets.allow /regex/ entry with a lookahead (which no V8 engine bounds) is matched by the bounded matcher: /^(?=ghp_)(\\w+)+#$/ finishes, and the token is still reported", () => {
    expect(scanWithAllowEntry("/^(?=ghp_)(\\w+)+#$/", "allow-redos-lookahead")).toContain("hardcoded-secret .env");
  }, 40_000);

  it("a configured pattern with a repeat count past 16 (which Node 20's linear engine refuses as written): (a+)+$|acme_[a-z0-9]{32} finishes, and its own secret is found", () => {
    const r = runInChild({
      ".mcplint.yaml": `secrets:\n  patterns:\n    - id: acme\n      title: Acme\n      regex: "(a+)+$|acme_[a-z0-9]{32}"\n`,
      "notes.txt": `x=${"a".repeat(40)}!\n`,
      "app.txt": `see acme_${"k3".repeat(16)}\n`,
    });
    const found = JSON.parse(r.stdout).findings.find((f: { location: { file: string } }) => f.location.file === "app.txt");
    expect(found).toMatchObject({ ruleId: "hardcoded-secret", location: { line: 1, column: 5 }, secret: { provider: "custom-acme" } });
  }, 40_000);

  it("a configured pattern with a lookahead cannot be bounded: the scan stops at once with a configuration error that names the key and line", () => {
    const r = runInChild({
      ".mcplint.yaml": `secrets:\n  patterns:\n    - id: runaway\n      title: Runaway\n      regex: "(a+)+$(?!x)"\n`,
      "notes.txt": `x=${"a".repeat(40)}!\n`,
    });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/\.mcplint\.yaml:5:\d+: secrets\.patterns\[0\]\.regex: regular expression not accepted: V8's linear-time engine \(Node\.js [\d.]+\) does not run lookarounds/);
  }, 40_000);

  it("an Amp /regex/ rule with a back-reference cannot be bounded: it matches nothing, and the scan finishes", () => {
    expect(scanInChild(ampSettings(`${"a".repeat(40)}!`, "/(x)?(a+)+$\\1/"))).toContain("missing-default-deny .amp/settings.json");
  }, 40_000);

  it("a Next.js matcher group with a repeat count past 16: /((a+)+|b{20}) against a path of 40 a's and a '!' finishes", () => {
    const script = `import { pathPattern } from "./src/model/adapters/next-middleware.ts"; const p = pathPattern("/((a+)+|b{20})"); process.stdout.write(String([p?.test("/" + "a".repeat(40) + "!"), p?.test("/" + "b".repeat(20))]));`;
    const child = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { cwd: REPO_ROOT, encoding: "utf8", timeout: 30_000 });
    expect(child.signal, "stopped at the time limit").toBeNull();
    expect(child.stdout).toBe("false,true");
  }, 40_000);
});
