/**
 * Inline suppressions (JSONC, YAML, TOML, TypeScript), their expiry, the
 * invalid-suppression rule, configuration suppressions and baselines.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { scanSources } from "../../src/api.js";
import { LineIndex } from "../../src/model/location.js";
import { parseStructured } from "../../src/parse/index.js";
import { get } from "../../src/parse/doc.js";
import { parseDirectives } from "../../src/engine/suppress.js";
import { fakeAnthropicKey } from "../../src/rules/fake-secrets.js";
import { cli, tempTree } from "../helpers.js";

// A key with no lifetime facts, so that only hardcoded-secret reports it.
const token = fakeAnthropicKey("suppress-test");
const now = new Date("2026-03-01T12:00:00Z");

function secretFindings(path: string, text: string) {
  return scanSources([{ path, text }], { now }).findings.filter((f) => f.ruleId === "hardcoded-secret" || f.ruleId === "invalid-suppression");
}

const shapes: [string, string, (comment: string) => string][] = [
  ["JSONC", ".vscode/mcp.json", (c) => `{\n  "servers": { "gh": { "command": "npx",\n    // ${c}\n    "env": { "GITHUB_TOKEN": "${token}" } } }\n}\n`],
  ["YAML", ".continue/config.yaml", (c) => `mcpServers:\n  - name: gh\n    command: npx\n    # ${c}\n    env: { GITHUB_TOKEN: "${token}" }\n`],
  ["TOML", ".codex/config.toml", (c) => `[mcp_servers.gh]\ncommand = "npx"\n# ${c}\nenv = { GITHUB_TOKEN = "${token}" }\n`],
  ["TypeScript", "src/server.ts", (c) => `export const config = {\n  // ${c}\n  token: "${token}",\n};\n`],
  // MCP SDK code is parsed (tree-sitter), not only scanned as text: its comments count as well.
  ["TypeScript MCP SDK code", "src/agent.ts", (c) => `import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";\nexport const t = new StdioClientTransport({\n  command: "node",\n  // ${c}\n  env: { ACME_API_KEY: "${token}" },\n});\n`],
];

/** The TOML parser on this branch is a stand-in without source positions (branch `toml` brings them). */
const tomlHasPositions = get(parseStructured("toml", 'a = "x"\n').docs[0], "a")?.span.start !== 0;

describe.each(shapes)("inline suppression in %s", (syntax, file, make) => {
  // Skipped for TOML until the position-aware TOML parser (branch `toml`) lands.
  const test = syntax === "TOML" && !tomlHasPositions ? it.skip : it;
  test("mcplint-disable-next-line <rule> -- <reason> suppresses the next line's finding", () => {
    const found = secretFindings(file, make("mcplint-disable-next-line hardcoded-secret -- revoked test token"));
    expect(found.map((f) => [f.ruleId, f.suppression?.kind, f.suppression?.justification])).toEqual([["hardcoded-secret", "inSource", "revoked test token"]]);
  });

  test("a comment without a reason suppresses nothing and is reported", () => {
    const found = secretFindings(file, make("mcplint-disable-next-line hardcoded-secret"));
    expect(found.map((f) => [f.ruleId, Boolean(f.suppression)])).toEqual(
      expect.arrayContaining([
        ["hardcoded-secret", false],
        ["invalid-suppression", false],
      ]),
    );
    expect(found.find((f) => f.ruleId === "invalid-suppression")?.message).toContain("gives no reason");
  });

  test("until=YYYY-MM-DD holds through that day, then the finding comes back", () => {
    expect(secretFindings(file, make("mcplint-disable-next-line hardcoded-secret until=2026-03-01 -- rotation due"))[0]?.suppression).toBeDefined();
    const expired = secretFindings(file, make("mcplint-disable-next-line hardcoded-secret until=2026-02-28 -- rotation due"));
    expect(expired.map((f) => [f.ruleId, Boolean(f.suppression)])).toEqual([["hardcoded-secret", false]]);
  });
});

describe("suppression comments", () => {
  it("are found in TOML comments and target the next line (whatever the TOML parser's positions)", () => {
    const text = `[mcp_servers.gh]\n# mcplint-disable-next-line hardcoded-secret -- fixture\nenv = { T = "x" }\n`;
    const d = parseDirectives(".codex/config.toml", parseStructured("toml", text).comments, new LineIndex(text));
    expect(d.map((x) => [x.loc.line, x.targetLine, x.rules, x.reason, x.problems])).toEqual([[2, 3, ["hardcoded-secret"], "fixture", []]]);
  });

  it("suppress the findings of a parsed MCP server in TypeScript (an endpoint with no authentication)", () => {
    const text = `import express from "express";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
const server = new McpServer({ name: "notes", version: "1.0.0" });
const app = express();
/* mcplint-disable-next-line missing-default-deny -- only reachable through the mesh's mTLS gateway */
app.post("/mcp", async (req, res) => {
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});
`;
    const found = scanSources([{ path: "src/server.ts", text }], { now }).findings.filter((f) => f.ruleId === "missing-default-deny" || f.ruleId === "invalid-suppression");
    // Before: the comment was not read in parsed code, so the finding stood (and nothing said why).
    expect(found.map((f) => [f.ruleId, f.loc.line, f.suppression?.justification])).toEqual([["missing-default-deny", 7, "only reachable through the mesh's mTLS gateway"]]);
  });

  it("mcplint-disable-line works on the same line, and a category name works too", () => {
    const text = `TOKEN=${token} # mcplint-disable-line hardcoded-secret -- fixture\n`;
    expect(secretFindings(".env", text)[0]?.suppression?.justification).toBe("fixture");
    const byCategory = `{ "servers": { "gh": { "command": "npx", "env": { "T": "${token}" } } } } // mcplint-disable-line hardcoded-secret -- fixture\n`;
    expect(secretFindings(".vscode/mcp.json", byCategory)[0]?.suppression).toBeDefined();
  });

  it("reports a missing rule id, an unknown rule, a file-wide directive and an unused comment (as a note)", () => {
    const text = `mcpServers:
  # mcplint-disable-next-line -- why
  a: { command: npx }
  # mcplint-disable-next-line hardcoded-secrets -- typo
  b: { command: npx }
  # mcplint-disable hardcoded-secret -- everything
  c: { command: npx }
  # mcplint-disable-next-line hardcoded-secret -- nothing here
  d: { command: npx }
`;
    const found = secretFindings("librechat.yaml", text).map((f) => [f.loc.line, f.level, f.message]);
    expect(found).toEqual([
      [2, "warning", expect.stringContaining("names no rule id")],
      [4, "warning", expect.stringContaining("names 'hardcoded-secrets', which is neither a rule id nor a category")],
      [6, "warning", expect.stringContaining("file-wide mcplint-disable")],
      [8, "note", expect.stringContaining("matches no finding on line 9")],
    ]);
  });

  it.each([
    ["|", "          Bearer TOKEN"],
    [">-  # folded", "          Bearer TOKEN"],
    ["|2", "          TOKEN"],
  ])("a comment above a YAML key whose value is a block scalar (%s) suppresses the finding in the value's lines, not after them", (header, body) => {
    const other = fakeAnthropicKey("suppress-block-2");
    const text = [
      "mcpServers:",
      "  - name: remote",
      "    url: https://mcp.example.com/mcp",
      "    requestOptions:",
      "      headers:",
      "        # mcplint-disable-next-line hardcoded-secret -- rotated, kept for the demo",
      `        Authorization: ${header}`,
      "",
      body.replace("TOKEN", token),
      `        X-Other: ${other}`,
      "",
    ].join("\n");
    const found = secretFindings(".continue/config.yaml", text).map((f) => [f.ruleId, f.loc.line, Boolean(f.suppression)]);
    expect(found).toEqual([
      ["hardcoded-secret", 9, true],
      ["hardcoded-secret", 10, false],
    ]);
  });

  it("a prose mention of mcplint-disable in a comment is not a directive", () => {
    expect(secretFindings("librechat.yaml", "# see the docs for how mcplint-disable-line works\nmcpServers: {}\n")).toEqual([]);
  });
});

const leaky = (pad = 0) =>
  "\n".repeat(pad) + JSON.stringify({ mcpServers: { github: { command: "npx", args: ["-y", "@modelcontextprotocol/server-github@1.2.3"], env: { GITHUB_PERSONAL_ACCESS_TOKEN: token } } } }, null, 2) + "\n";

describe("baseline", () => {
  it("--write-baseline writes sorted JSON without secrets and exits 0; --baseline hides those findings", async () => {
    const dir = tempTree({ ".mcp.json": leaky() });
    const w = await cli(["scan", "--write-baseline", "mcplint.baseline.json"], dir);
    expect(w.exitCode).toBe(0);
    expect(w.stderr).toContain("baseline of 1 finding written to mcplint.baseline.json");
    const text = fs.readFileSync(path.join(dir, "mcplint.baseline.json"), "utf8");
    expect(text).not.toContain(token);
    const doc = JSON.parse(text);
    expect(doc.version).toBe(2);
    expect(doc.findings).toEqual([{ ruleId: "hardcoded-secret", file: ".mcp.json", fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/), message: expect.any(String) }]);
    const r = await cli(["scan", "--baseline", "mcplint.baseline.json"], dir);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain("1 suppressed");
  });

  it("identity does not depend on line numbers: a finding moved down 5 lines is still baselined", async () => {
    const dir = tempTree({ ".mcp.json": leaky() });
    await cli(["scan", "--write-baseline", "b.json"], dir);
    fs.writeFileSync(path.join(dir, ".mcp.json"), leaky(5));
    const r = await cli(["scan", "--format", "json", "--baseline", "b.json"], dir);
    expect(r.exitCode).toBe(0);
    const shown = await cli(["scan", "--format", "json", "--baseline", "b.json", "--show-suppressed"], dir);
    const f = JSON.parse(shown.stdout).findings[0];
    expect(f.location.line).toBe(15);
    expect(f.suppression).toMatchObject({ kind: "external", source: "baseline:b.json" });
  });

  it("a baseline saved again as UTF-16 (Windows PowerShell 5's >) is read, as scanned files are", async () => {
    const dir = tempTree({ ".mcp.json": leaky() });
    await cli(["scan", "--write-baseline", "b.json"], dir);
    const text = fs.readFileSync(path.join(dir, "b.json"), "utf8").replace(/\n/g, "\r\n");
    fs.writeFileSync(path.join(dir, "b16.json"), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]));
    const r = await cli(["scan", "--baseline", "b16.json"], dir);
    expect(r.stderr).toBe("");
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain("1 suppressed");
  });

  it("a new finding is reported despite the baseline", async () => {
    const dir = tempTree({ ".mcp.json": leaky() });
    await cli(["scan", "--write-baseline", "b.json"], dir);
    fs.mkdirSync(path.join(dir, ".cursor"));
    fs.writeFileSync(path.join(dir, ".cursor/mcp.json"), leaky());
    const r = await cli(["scan", "--format", "json", "--baseline", "b.json"], dir);
    expect(r.exitCode).toBe(1);
    const found = JSON.parse(r.stdout).findings.filter((f: { ruleId: string }) => f.ruleId === "hardcoded-secret");
    expect(found.map((f: { location: { file: string } }) => f.location.file)).toEqual([".cursor/mcp.json"]);
  });

  it("fingerprints do not depend on the folder the scan runs from: a baseline written at the repository's top holds from its parent and from a subfolder", async () => {
    const dir = tempTree({ ".git/HEAD": "", ".mcp.json": leaky(), "pkg/.cursor/mcp.json": leaky() });
    await cli(["scan", "--write-baseline", "b.json"], dir);
    const fromParent = await cli(["scan", path.basename(dir), "--baseline", path.join(path.basename(dir), "b.json")], path.dirname(dir));
    expect(fromParent.stdout).toContain("No problems found");
    expect(fromParent.exitCode).toBe(0);
    const fromSub = await cli(["scan", ".", "--baseline", "../b.json"], path.join(dir, "pkg"));
    expect(fromSub.stdout).toContain("No problems found in 1 file (1 suppressed)");
    expect(fromSub.exitCode).toBe(0);
    // SARIF: GitHub matches alerts by partialFingerprints; a workflow scanning pkg/ alone must not open a second alert.
    const fp = async (args: string[], cwd: string) =>
      JSON.parse((await cli(["scan", "--format", "sarif", ...args], cwd)).stdout)
        .runs[0].results.filter((r: { ruleId: string }) => r.ruleId === "hardcoded-secret")
        .map((r: { partialFingerprints: Record<string, string> }) => r.partialFingerprints["mcplintFinding/v1"]);
    const whole = await fp([], dir);
    expect(whole).toHaveLength(2);
    expect(await fp([path.basename(dir)], path.dirname(dir))).toEqual(whole);
    expect(await fp(["pkg"], dir)).toEqual([whole[1]]);
    expect(await fp([], path.join(dir, "pkg"))).toEqual([whole[1]]);
    expect(await fp(["mcp.json"], path.join(dir, "pkg/.cursor"))).toEqual([whole[1]]);
  });

  it("outside a git repository, fingerprints are relative to the one folder scanned, wherever the scan runs from", async () => {
    const dir = tempTree({ ".mcp.json": leaky() });
    await cli(["scan", "--write-baseline", "b.json"], dir);
    const r = await cli(["scan", dir, "--baseline", path.join(dir, "b.json")], path.dirname(dir));
    expect(r.stdout).toContain("1 suppressed");
    expect(r.exitCode).toBe(0);
  });

  it("a version 1 baseline (fingerprints relative to the scan root) is still read; a version 2 one is matched exactly", async () => {
    const dir = tempTree({ "pkg/.mcp.json": leaky() });
    const sub = path.join(dir, "pkg");
    await cli(["scan", "--write-baseline", "b.json"], sub);
    // The same folder inside a git repository: its fingerprint is now the repository's (pkg/.mcp.json).
    fs.mkdirSync(path.join(dir, ".git"));
    const old = JSON.parse(fs.readFileSync(path.join(sub, "b.json"), "utf8"));
    fs.writeFileSync(path.join(sub, "v1.json"), JSON.stringify({ ...old, version: 1 }));
    fs.writeFileSync(path.join(sub, "v2.json"), JSON.stringify({ ...old, version: 2 }));
    expect((await cli(["scan", "--baseline", "v1.json"], sub)).exitCode).toBe(0);
    expect((await cli(["scan", "--baseline", "v2.json"], sub)).exitCode).toBe(1);
  });

  it("two servers of one name in one file (~/.claude.json, one per project) are two findings with two fingerprints: a baseline of one does not hide the other", async () => {
    const project = (dir: string) => ({ [dir]: { mcpServers: { github: { command: "npx", args: ["-y", "@modelcontextprotocol/server-github"] } } } });
    const claudeJson = (projects: object) => JSON.stringify({ mcpServers: {}, projects }, null, 2) + "\n";
    const dir = tempTree({ ".claude.json": claudeJson(project("/home/dev/app-one")) });
    await cli(["scan", "--write-baseline", "b.json"], dir);
    fs.writeFileSync(path.join(dir, ".claude.json"), claudeJson({ ...project("/home/dev/app-one"), ...project("/home/dev/app-two") }));
    const r = await cli(["scan", "--format", "json", "--baseline", "b.json", "--show-suppressed"], dir);
    const found = JSON.parse(r.stdout).findings.filter((f: { ruleId: string }) => f.ruleId === "unpinned-package");
    expect(found.map((f: { location: { line: number }; suppression?: unknown }) => [f.location.line, f.suppression !== undefined])).toEqual([[10, true], [21, false]]);
    expect(new Set(found.map((f: { fingerprint: string }) => f.fingerprint)).size).toBe(2);
    expect(r.exitCode).toBe(1);
  });

  it("an unreadable or malformed baseline is exit 2", async () => {
    const dir = tempTree({ ".mcp.json": leaky(), "bad.json": "{}" });
    expect((await cli(["scan", "--baseline", "missing.json"], dir)).stderr).toContain("--baseline: cannot read missing.json (ENOENT)");
    const bad = await cli(["scan", "--baseline", "bad.json"], dir);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain("no 'findings' array");
  });
});

describe("suppressions in the configuration file", () => {
  it("suppresses by path and rule, optionally one fingerprint; leaves them out of SARIF unless --show-suppressed", async () => {
    const dir = tempTree({ ".git/HEAD": "", ".mcp.json": leaky(), ".mcplint.yaml": "suppressions:\n  - path: .mcp.json\n    rule: hardcoded-secret\n    reason: revoked demo token\n" });
    const r = await cli(["scan", "--format", "sarif"], dir);
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout).runs[0].results).toEqual([]);
    const shown = JSON.parse((await cli(["scan", "--format", "sarif", "--show-suppressed"], dir)).stdout).runs[0].results;
    expect(shown[0].suppressions).toEqual([{ kind: "external", status: "accepted", justification: "revoked demo token" }]);
    fs.writeFileSync(path.join(dir, ".mcplint.yaml"), `suppressions:\n  - { path: "*.json", rule: hardcoded-secret, fingerprint: "${"0".repeat(32)}", reason: other }\n`);
    expect((await cli(["scan"], dir)).exitCode).toBe(1);
    fs.writeFileSync(path.join(dir, ".mcplint.yaml"), `suppressions:\n  - { path: "*.json", rule: hardcoded-secret, reason: old, expires: 2001-01-01 }\n`);
    expect((await cli(["scan"], dir)).exitCode).toBe(1);
  });

  it("a suppression by fingerprint holds when the repository is scanned from its parent folder", async () => {
    const dir = tempTree({ ".git/HEAD": "", ".mcp.json": leaky() });
    const fingerprint = JSON.parse((await cli(["scan", "--format", "json"], dir)).stdout).findings[0].fingerprint;
    fs.writeFileSync(path.join(dir, ".mcplint.yaml"), `suppressions:\n  - { path: .mcp.json, rule: hardcoded-secret, fingerprint: "${fingerprint}", reason: revoked }\n`);
    expect((await cli(["scan"], dir)).exitCode).toBe(0);
    const fromParent = await cli(["scan", path.basename(dir)], path.dirname(dir));
    expect(fromParent.stdout).toContain("1 suppressed");
    expect(fromParent.exitCode).toBe(0);
  });
});

describe("suppression comments in files with CRLF or lone CR line ends", () => {
  const files: [string, string, (c: string) => string][] = [
    ...shapes.filter(([syntax]) => syntax !== "TOML" || tomlHasPositions),
    ["dotenv", ".env", (c) => `A=1\n# ${c}\nGITHUB_TOKEN=${token}\n`],
    ["shell", "scripts/env.sh", (c) => `#!/bin/sh\n# ${c}\nexport GITHUB_TOKEN="${token}"\n`],
  ];
  // TOML has no lone-CR line break (its newline is LF or CRLF): such a file is a syntax error.
  const cases = files.flatMap(([syntax, file, make]) => [
    ["CRLF", syntax, file, (c: string) => make(c).replace(/\n/g, "\r\n")] as const,
    ...(syntax === "TOML" ? [] : [["CR", syntax, file, (c: string) => make(c).replace(/\n/g, "\r")] as const]),
  ]);

  it.each(cases)("%s, %s: a directive suppresses the next line's finding", (_eol, _syntax, file, make) => {
    const found = secretFindings(file, make("mcplint-disable-next-line hardcoded-secret -- revoked test token"));
    expect(found.map((f) => [f.ruleId, f.suppression?.justification])).toEqual([["hardcoded-secret", "revoked test token"]]);
  });

  it.each(cases)("%s, %s: an invalid directive is reported over the comment, not its line break", (_eol, _syntax, file, make) => {
    const text = make("mcplint-disable-next-line hardcoded-secret");
    const comment = `${/\.(?:json|ts)$/.test(file) ? "//" : "#"} mcplint-disable-next-line hardcoded-secret`;
    const before = text.slice(0, text.indexOf(comment)).split(/\r\n?|\n/);
    const line = before.length;
    const column = (before.at(-1) as string).length + 1;
    const invalid = secretFindings(file, text).filter((f) => f.ruleId === "invalid-suppression");
    expect(invalid.map((f) => [f.loc.line, f.loc.column, f.loc.endLine, f.loc.endColumn])).toEqual([[line, column, line, column + comment.length]]);
  });
});
