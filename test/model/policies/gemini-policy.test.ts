/**
 * Gemini CLI policy engine files (`[[rule]]` TOML): the admin tier (system
 * policy folders) is a managed layer, `~/.gemini/policies/` a user layer; a
 * workspace `.gemini/policies/*.toml` is not loaded by Gemini CLI.
 */
import { describe, expect, it } from "vitest";
import { scanSources, type ScanResult } from "../../../src/api.js";
import { verdictOf } from "../../../src/engine/verdict.js";
import { fakeGitHubToken } from "../../../src/rules/fake-secrets.js";
import { findingsOf, policyOf, settingsOf } from "./load.js";

const RULES = ["permissive-setting", "missing-default-deny"];

/** The catalog's admin example: deny every MCP tool, ask for one named tool. */
const ADMIN_DENY = `# /etc/gemini-cli/policies/mcp.toml
[[rule]]
toolName = "mcp_*"
decision = "deny"
priority = 100

[[rule]]
mcpName = "acme-notes"
toolName = "search_notes"
decision = "ask_user"
priority = 200
`;

/** Settings with servers and no `mcp.allowed`: every configured server connects. */
const SETTINGS = `{ "mcpServers": {
  "acme-notes": { "command": "acme-notes-mcp", "includeTools": ["search_notes"] },
  "acme-wiki": { "command": "acme-wiki-mcp", "includeTools": ["read_page"] }
} }
`;

function scan(files: Record<string, string>): ScanResult {
  return scanSources(Object.entries(files).map(([path, text]) => ({ path, text })));
}

function authorization(r: ScanResult, name: string) {
  const s = r.model.servers.find((x) => x.name === name);
  if (!s) throw new Error(`no server ${name}`);
  return verdictOf(r.model, s).authorization;
}

describe("Gemini CLI admin policy files", () => {
  it("deny of mcp_* is a managed default-deny at the toolName value; the rules keep their lines", () => {
    const r = scan({ "etc/gemini-cli/policies/mcp.toml": ADMIN_DENY });
    const p = policyOf(r, "etc/gemini-cli/policies/mcp.toml");
    expect(p.kind).toBe("managed");
    expect(p.client).toBe("gemini-cli");
    expect({ d: p.defaultDecision, line: p.defaultLoc.line, column: p.defaultLoc.column }).toEqual({ d: "deny", line: 3, column: 12 });
    expect(p.defaultReason).toContain("denies every MCP tool that no higher-priority rule allows");
    expect(p.toolRules.map((x) => `${x.effect} ${x.pattern} ${x.loc.line}:${x.loc.column}`)).toEqual(["deny mcp_* 3:12", "ask mcp_acme-notes_search_notes 9:12"]);
    expect(settingsOf(p)).toEqual([]);
    expect(findingsOf(r, "etc/gemini-cli/policies/mcp.toml", RULES)).toEqual([]);
  });

  it("governs the servers of the settings files: their authorization is default-deny, naming the admin file", () => {
    const r = scan({ "etc/gemini-cli/policies/mcp.toml": ADMIN_DENY, ".gemini/settings.json": SETTINGS });
    const a = authorization(r, "acme-wiki");
    expect(a.value).toBe("default-deny");
    expect(a.policy).toMatchObject({ file: "etc/gemini-cli/policies/mcp.toml", kind: "managed" });
    expect(a.evidence[0]).toMatchObject({ file: "etc/gemini-cli/policies/mcp.toml", line: 3 });
    // Without the policy file the same settings are allow-by-default.
    expect(authorization(scan({ ".gemini/settings.json": SETTINGS }), "acme-wiki").value).toBe("allow-by-default");
  });

  it("macOS and Windows admin folders are the admin tier too", () => {
    for (const file of ["Library/Application Support/GeminiCli/policies/mcp.toml", "ProgramData/gemini-cli/policies/mcp.toml"]) {
      expect(policyOf(scan({ [file]: ADMIN_DENY }), file)).toMatchObject({ kind: "managed", defaultDecision: "deny" });
    }
  });

  it("an admin allow of every MCP tool fails open (error) and is a permissive setting (warning)", () => {
    const r = scan({ "etc/gemini-cli/policies/mcp.toml": `[[rule]]\ntoolName = "mcp_*"\ndecision = "allow"\npriority = 10\n` });
    expect(findingsOf(r, "etc/gemini-cli/policies/mcp.toml", RULES)).toEqual(["missing-default-deny 2:12 error", "permissive-setting 2:12 warning"]);
    expect(r.findings.find((f) => f.ruleId === "missing-default-deny")?.message).toContain("Effective default: allow.");
  });

  it("a rule that names no tool matches every tool: a deny is the default, an allow is permissive", () => {
    const deny = scan({ "etc/gemini-cli/policies/base.toml": `[[rule]]\ndecision = "deny"\npriority = 0\n\n[[rule]]\nmcpName = "acme-notes"\ntoolName = "search_notes"\ndecision = "allow"\npriority = 100\n`, ".gemini/settings.json": SETTINGS });
    const p = policyOf(deny, "etc/gemini-cli/policies/base.toml");
    expect({ d: p.defaultDecision, at: `${p.defaultLoc.line}:${p.defaultLoc.column}` }).toEqual({ d: "deny", at: "2:12" });
    expect(p.defaultReason).toContain("a `[[rule]]` with no `toolName` or `mcpName` (priority 0) denies every MCP tool");
    expect(authorization(deny, "acme-wiki").value).toBe("default-deny");
    expect(findingsOf(deny, "etc/gemini-cli/policies/base.toml", RULES)).toEqual([]);
    const allow = scan({ "~/.gemini/policies/all.toml": `[[rule]]\ndecision = "allow"\npriority = 100\n` });
    expect(findingsOf(allow, "~/.gemini/policies/all.toml", RULES)).toEqual(["permissive-setting 2:12 warning"]);
    expect(allow.findings[0]?.message).toContain("matches every tool: every tool, built-in and MCP, runs without a confirmation prompt");
    // The shape of Gemini CLI's own yolo.toml (active in YOLO mode only), and a shell-only rule: nothing.
    const yolo = scan({ "~/.gemini/policies/yolo.toml": `[[rule]]\ndecision = "allow"\npriority = 998\nmodes = ["yolo"]\n\n[[rule]]\ncommandPrefix = "git status"\ndecision = "allow"\npriority = 100\n` });
    expect(yolo.findings).toEqual([]);
    expect(policyOf(yolo, "~/.gemini/policies/yolo.toml").toolRules.map((x) => x.pattern)).toEqual(["*"]);
    // `[rule]` instead of `[[rule]]`: Gemini CLI rejects the file, so it allows nothing.
    expect(scan({ "~/.gemini/policies/typo.toml": `[rule]\ntoolName = "mcp_*"\ndecision = "allow"\npriority = 100\n` }).findings).toEqual([]);
  });

  it("an admin deny of mcp_* outranks a user-tier whole-server allow", () => {
    const r = scan({
      "etc/gemini-cli/policies/mcp.toml": ADMIN_DENY,
      "~/.gemini/policies/mine.toml": `[[rule]]\nmcpName = "acme-wiki"\ndecision = "allow"\npriority = 500\n`,
      ".gemini/settings.json": SETTINGS,
    });
    expect(findingsOf(r, "~/.gemini/policies/mine.toml", RULES)).toEqual(["permissive-setting 2:11 warning"]);
    expect(authorization(r, "acme-wiki").value).toBe("default-deny");
  });
});

describe("Gemini CLI user policy files (~/.gemini/policies)", () => {
  const USER = `[[rule]]
toolName = "mcp_*"
decision = "deny"
priority = 100

[[rule]]
mcpName = "acme-wiki"
decision = "allow"
priority = 200

[[rule]]
toolName = ["mcp_*_search", "mcp_acme-notes_*"]
decision = "allow"
priority = 300

[[rule]]
mcpName = "*"
toolAnnotations = { readOnlyHint = true }
decision = "allow"
priority = 400

[[rule]]
toolName = "*"
decision = "allow"
priority = 999
modes = ["yolo"]

[[rule]]
toolName = "mcp_acme-db_*"
decision = "allow"
priority = 50
`;

  it("wildcard and whole-server allows are permissive settings at the value that names them", () => {
    const r = scan({ "~/.gemini/policies/mine.toml": USER });
    const p = policyOf(r, "~/.gemini/policies/mine.toml");
    expect(p.kind).toBe("client");
    // Narrowed by annotations, yolo-only, or shadowed by the higher-priority deny of mcp_*: not reported.
    expect(settingsOf(p)).toEqual(['mcpName="acme-wiki"@7:11 permissive', 'toolName="mcp_*_search"@12:13 permissive', 'toolName="mcp_acme-notes_*"@12:29 permissive']);
    expect(p.toolRules.filter((x) => x.wholeServer).map((x) => `${x.pattern} ${x.wholeServer}`)).toEqual(["mcp_acme-wiki_* acme-wiki", "mcp_acme-notes_* acme-notes"]);
    expect(p.defaultDecision).toBe("deny");
    expect(findingsOf(r, "~/.gemini/policies/mine.toml", RULES)).toEqual(["permissive-setting 7:11 warning", "permissive-setting 12:13 warning", "permissive-setting 12:29 warning"]);
    expect(r.findings.find((f) => f.loc.line === 7)?.message).toContain("every tool of MCP server 'acme-wiki' runs without a confirmation prompt");
  });

  it("authorization: a whole-server allow opens that server; the others are default-deny", () => {
    const r = scan({ "~/.gemini/policies/mine.toml": USER, ".gemini/settings.json": SETTINGS });
    expect(authorization(r, "acme-wiki")).toMatchObject({ value: "allow-by-default", evidence: [{ file: "~/.gemini/policies/mine.toml", line: 7 }] });
    expect(authorization(r, "acme-notes")).toMatchObject({ value: "allow-by-default", evidence: [{ line: 12 }] });
    const other = scan({ "~/.gemini/policies/mine.toml": USER, ".gemini/settings.json": SETTINGS.replace(/acme-wiki/g, "acme-tasks") });
    expect(authorization(other, "acme-tasks").value).toBe("default-deny");
  });

  it("an allow of mcp_* is reported once, as a permissive setting (no missing-default-deny note at the same place)", () => {
    const r = scan({ "~/.gemini/policies/auto-saved.toml": `[[rule]]\ntoolName = "mcp_*"\ndecision = "allow"\npriority = 100\n`, ".gemini/settings.json": SETTINGS });
    expect(findingsOf(r, "~/.gemini/policies/auto-saved.toml", RULES)).toEqual(["permissive-setting 2:12 warning"]);
    expect(authorization(r, "acme-notes")).toMatchObject({ value: "allow-by-default", policy: { file: "~/.gemini/policies/auto-saved.toml" } });
  });

  it("ask_user for every MCP tool is an ask default; rules that name no MCP tool say nothing", () => {
    const ask = scan({ "~/.gemini/policies/mine.toml": `[[rule]]\nmcpName = "*"\ndecision = "ask_user"\npriority = 1\n`, ".gemini/settings.json": SETTINGS });
    expect(policyOf(ask, "~/.gemini/policies/mine.toml").defaultDecision).toBe("ask");
    expect(authorization(ask, "acme-wiki").value).toBe("default-deny");
    const shell = scan({ "~/.gemini/policies/shell.toml": `[[rule]]\ntoolName = "run_shell_command"\ncommandPrefix = "git status"\ndecision = "allow"\npriority = 100\n` });
    const p = policyOf(shell, "~/.gemini/policies/shell.toml");
    expect({ d: p.defaultDecision, rules: p.toolRules.length, settings: p.settings.length }).toEqual({ d: "unknown", rules: 0, settings: 0 });
    expect(shell.findings).toEqual([]);
  });
});

describe("a workspace .gemini/policies file", () => {
  it("is not a governing policy: a note says Gemini CLI does not load it; its secrets are still found", () => {
    const token = fakeGitHubToken("ghp", "gemini-policy");
    const r = scan({
      ".gemini/policies/team.toml": `# old token: ${token}\n[[rule]]\ntoolName = "mcp_*"\ndecision = "allow"\npriority = 100\ndenyMessage = "${token}"\n`,
      ".gemini/settings.json": SETTINGS,
    });
    expect(r.model.policies.map((p) => p.file)).toEqual([".gemini/settings.json"]);
    expect(r.diagnostics.filter((d) => d.file === ".gemini/policies/team.toml").map((d) => `${d.level} ${d.code}`)).toEqual(["note config"]);
    expect(r.diagnostics.find((d) => d.file === ".gemini/policies/team.toml")?.message).toContain("does not load policy files from a workspace");
    expect(findingsOf(r, ".gemini/policies/team.toml", [...RULES, "hardcoded-secret"])).toEqual(["hardcoded-secret 1:14 error", "hardcoded-secret 6:16 error"]);
    expect(authorization(r, "acme-wiki").value).toBe("allow-by-default");
    expect(JSON.stringify(r)).not.toContain(token);
  });
});

describe("Gemini CLI policy rules allowing one MCP tool", () => {
  const approvals = (text: string) =>
    scanSources([{ path: "etc/gemini-cli/policies/mcp.toml", text }])
      .findings.filter((f) => f.ruleId === "tool-auto-approval")
      .map((f) => `${f.loc.line}:${f.loc.column} ${f.message}`);

  it("an allow of a tool that changes state runs it unprompted; a read, or an allow a higher-priority deny overrides, does not", () => {
    const text = `[[rule]]\nmcpName = "notes"\ntoolName = ["search_notes", "delete_note"]\ndecision = "allow"\npriority = 200\n\n[[rule]]\ntoolName = "mcp_db_drop_table"\ndecision = "allow"\npriority = 100\n\n[[rule]]\ntoolName = "mcp_db_*"\ndecision = "deny"\npriority = 300\n`;
    expect(approvals(text)).toEqual(["3:29 Server 'notes' (gemini-cli) auto-approves tools that change state: delete_note."]);
  });
});
