/**
 * SARIF output: valid against the official 2.1.0 schema (draft-04, via
 * ajv-draft-04) and complete for GitHub code scanning.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import AjvDraft04 from "ajv-draft-04";
import { describe, expect, it } from "vitest";
import { fakeGitHubToken } from "../../src/rules/fake-secrets.js";
import { cli, REPO_ROOT, tempTree } from "../helpers.js";

const SCHEMA_PATH = path.resolve(REPO_ROOT, "..", "shared", "schemas", "sarif-schema-2.1.0.json");
const LOCAL_SCHEMA = path.join(REPO_ROOT, "test", "schemas", "sarif-schema-2.1.0.json");

function loadSchema(): object {
  const p = fs.existsSync(SCHEMA_PATH) ? SCHEMA_PATH : LOCAL_SCHEMA;
  return JSON.parse(fs.readFileSync(p, "utf8")) as object;
}

function validator() {
  const Ajv = ((AjvDraft04 as unknown as { default?: unknown }).default ?? AjvDraft04) as unknown as new (o: object) => { compile(s: object): ((d: unknown) => boolean) & { errors?: unknown[] | null } };
  const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
  return ajv.compile(loadSchema());
}

const token = fakeGitHubToken("ghp", "sarif");
const tree = {
  ".mcp.json": `{\n  "mcpServers": {\n    "github": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-github"], "env": { "GITHUB_TOKEN": "${token}" } },\n    "fs": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem", "/"] }\n  }\n}\n`,
  "dir with space/.cursor/mcp.json": `{ "mcpServers": { "gh": { "command": "x", "env": { "GITHUB_TOKEN": "${token}" } } } }\n`,
  "broken/.mcp.json": `{ "mcpServers": `,
};

async function sarifOf(files: Record<string, string>) {
  const dir = tempTree(files);
  const r = await cli(["scan", "--format", "sarif"], dir);
  return { log: JSON.parse(r.stdout), raw: r.stdout, exitCode: r.exitCode };
}

describe("SARIF", () => {
  it("validates against the official SARIF 2.1.0 schema", async () => {
    const { log } = await sarifOf(tree);
    const validate = validator();
    const ok = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it("an empty result set is valid too", async () => {
    const { log } = await sarifOf({ "README.md": "nothing here\n" });
    expect(validator()(log)).toBe(true);
    expect(log.runs[0].results).toEqual([]);
  });

  it("carries full rule descriptors with category tags next to security", async () => {
    const { log } = await sarifOf(tree);
    const rules = log.runs[0].tool.driver.rules;
    expect(rules.length).toBeGreaterThan(3);
    expect(rules.map((r: { id: string }) => r.id)).toContain("parse-error");
    for (const r of rules) {
      expect(r.shortDescription.text).toBeTruthy();
      expect(r.fullDescription.text).toBeTruthy();
      expect(r.help.text).toBeTruthy();
      expect(r.help.markdown).toBeTruthy();
      expect(r.helpUri).toMatch(/^https:\/\//);
      // Every rule's tags carry its category next to `security` (issue #2).
      expect(r.properties.tags.slice(0, 2)).toEqual(["security", r.properties.category]);
      // A hygiene rule (parse-error, invalid-suppression, duplicate-key) has no security score: code scanning ranks it by problem.severity.
      if (["parse-error", "invalid-suppression", "duplicate-key"].includes(r.id)) {
        expect(r.properties["security-severity"]).toBeUndefined();
        expect(["error", "warning", "recommendation"]).toContain(r.properties["problem.severity"]);
      } else {
        expect(r.properties["security-severity"]).toMatch(/^\d+\.\d$/);
      }
      expect(["very-high", "high", "medium", "low"]).toContain(r.properties.precision);
    }
  });

  it("has exact regions, ruleIndex, relative %SRCROOT% URIs and fingerprints", async () => {
    const { log } = await sarifOf(tree);
    const run = log.runs[0];
    expect(run.columnKind).toBe("utf16CodeUnits");
    expect(run.automationDetails.id).toBe("mcplint/");
    expect(run.redactionTokens).toEqual(["[REDACTED]"]);
    const secret = run.results.find((r: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => r.ruleId === "hardcoded-secret" && r.locations[0]?.physicalLocation.artifactLocation.uri === ".mcp.json");
    expect(secret.locations[0].physicalLocation.region).toEqual({ startLine: 3, startColumn: 116, endLine: 3, endColumn: 156 });
    expect(secret.locations[0].physicalLocation.artifactLocation.uriBaseId).toBe("%SRCROOT%");
    for (const r of run.results) {
      expect(run.tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
      expect(r.partialFingerprints["mcplintFinding/v1"]).toMatch(/^[0-9a-f]{32}$/);
      expect(r.partialFingerprints.primaryLocationLineHash).toMatch(/^[0-9a-f]{16}:\d+$/);
    }
    const spaced = run.results.find((r: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => r.locations[0]?.physicalLocation.artifactLocation.uri.startsWith("dir"));
    expect(spaced.locations[0].physicalLocation.artifactLocation.uri).toBe("dir%20with%20space/.cursor/mcp.json");
  });

  it("declares the line breaks its regions count (CRLF, LF and a lone CR; the spec's default is CRLF and LF only)", async () => {
    const { log } = await sarifOf({ ".env": "# old Mac line ends\rA=1\rGITHUB_TOKEN=" + token + "\r" });
    const run = log.runs[0];
    expect(run.newlineSequences).toEqual(["\r\n", "\n", "\r"]);
    const secret = run.results.find((r: { ruleId: string }) => r.ruleId === "hardcoded-secret");
    expect(secret.locations[0].physicalLocation.region).toEqual({ startLine: 3, startColumn: 14, endLine: 3, endColumn: 54 });
    expect(validator()(log)).toBe(true);
  });

  it("--category is a code scanning category: a trailing / is added, as upload-sarif does with its category input", async () => {
    // GitHub reads automationDetails.id as <category>/<run id>: without the slash, 'mcplint/repo' and
    // 'mcplint/user' would both be category 'mcplint', and one upload would replace the other.
    const dir = tempTree(tree);
    const ids = async (...args: string[]) => JSON.parse((await cli(["scan", "--format", "sarif", ...args], dir)).stdout).runs[0].automationDetails.id;
    expect(await ids("--category", "mcplint/repo")).toBe("mcplint/repo/");
    expect(await ids("--category", "mcplint/user")).toBe("mcplint/user/");
    expect(await ids("--category", "mcplint/acme/api")).toBe("mcplint/acme/api/");
    expect(await ids("--category", "repo-scan")).toBe("repo-scan/");
    expect(await ids("--category", "mcplint/repo/")).toBe("mcplint/repo/");
    expect(await ids()).toBe("mcplint/");
  });

  it("links shared secrets through related locations", async () => {
    const { log } = await sarifOf(tree);
    const shared = log.runs[0].results.filter((r: { ruleId: string }) => r.ruleId === "shared-secret");
    expect(shared).toHaveLength(2);
    expect(shared[0].relatedLocations[0].physicalLocation.artifactLocation.uri).toBe("dir%20with%20space/.cursor/mcp.json");
    expect(shared[0].message.text).toMatch(/\]\(1\)/);
  });

  it("shows control characters and bidi overrides of a scanned name as escapes in messages (the code scanning UI renders them)", async () => {
    // U+202E (right-to-left override) would show the rest of the message reversed; ESC could recolour a log.
    const name = "fs\u202egnp.exe\u001b[31m";
    const { log } = await sarifOf({ ".mcp.json": JSON.stringify({ mcpServers: { [name]: { command: "npx", args: ["-y", "@modelcontextprotocol/server-filesystem", "/"] } } }) });
    const texts: string[] = log.runs[0].results.map((r: { message: { text: string } }) => r.message.text);
    expect(texts.some((t) => t.includes("fs\\u202egnp.exe\\x1b[31m"))).toBe(true);
    expect(texts.join("")).not.toMatch(/[\u202e\u001b]/);
    expect(log.runs[0].results.find((r: { properties: { server?: string } }) => r.properties.server)?.properties.server).toBe(name);
  });

  it("reports broken files as tool execution notifications and never includes the secret", async () => {
    const { log, raw } = await sarifOf(tree);
    const notes = log.runs[0].invocations[0].toolExecutionNotifications;
    expect(notes.some((n: { descriptor: { id: string } }) => n.descriptor.id === "parse-error")).toBe(true);
    expect(raw).not.toContain(token);
    expect(raw).not.toContain(token.slice(8, 30));
  });
});

describe("SARIF artifact locations", () => {
  it("a repository path is under %SRCROOT%, a --user path under USERHOME, a system path a file: URI", async () => {
    const { artifactLocation } = await import("../../src/report/sarif.js");
    expect(artifactLocation("dir with space/.cursor/mcp.json")).toEqual({ uri: "dir%20with%20space/.cursor/mcp.json", uriBaseId: "%SRCROOT%" });
    expect(artifactLocation("~/.cursor/mcp.json")).toEqual({ uri: ".cursor/mcp.json", uriBaseId: "USERHOME" });
    expect(artifactLocation("/etc/claude-code/managed-mcp.json")).toEqual({ uri: "file:///etc/claude-code/managed-mcp.json" });
    expect(artifactLocation("C:/ProgramData/ClaudeCode/managed-mcp.json")).toEqual({ uri: "file:///C:/ProgramData/ClaudeCode/managed-mcp.json" });
  });
});
