import { describe, expect, it } from "vitest";
import { scanSources } from "../../../src/api.js";
import { findingsOf, policyOf, scanFixture, settingsOf } from "./load.js";

const RULES = ["permissive-setting", "missing-default-deny"];

describe("Claude Code settings policies", () => {
  const result = scanFixture("claude-code");

  it("project settings: bypass mode, whole-server allows and project approval are permissive", () => {
    const p = policyOf(result, ".claude/settings.json");
    expect(p.kind).toBe("client");
    expect(settingsOf(p)).toEqual([
      'permissions.defaultMode="bypassPermissions"@6:20 permissive',
      'permissions.allow="mcp__acme-notes"@7:15 permissive',
      'permissions.allow="mcp__acme-wiki__*"@7:34 permissive',
      "enableAllProjectMcpServers=true@2:33 permissive",
      'enabledMcpjsonServers=["acme-notes"]@3:28 permissive',
    ]);
    expect(p.toolRules.map((r) => `${r.effect} ${r.pattern}`)).toEqual([
      "allow mcp__acme-notes",
      "allow mcp__acme-wiki__*",
      "allow mcp__acme-issues__get_issue",
      "ask mcp__acme-issues__create_issue",
      "deny mcp__acme-deploy",
    ]);
    expect(p.serverDeny?.map((m) => m.value)).toEqual(["acme-legacy"]);
    expect({ decision: p.defaultDecision, line: p.defaultLoc.line, column: p.defaultLoc.column }).toEqual({ decision: "allow", line: 6, column: 20 });
  });

  it("a bypass mode that the same file disables is neutral and the default stays ask", () => {
    const p = policyOf(result, ".claude/settings.local.json");
    expect(settingsOf(p)).toEqual([
      'permissions.disableBypassPermissionsMode="disable"@4:37 restrictive',
      'permissions.defaultMode="bypassPermissions"@3:20 neutral',
    ]);
    expect(p.defaultDecision).toBe("ask");
  });

  it("managed settings: allowlist means default deny; a name-only entry is spoofable", () => {
    const p = policyOf(result, "etc/claude-code/managed-settings.json");
    expect(p.kind).toBe("managed");
    expect(p.defaultDecision).toBe("deny");
    expect(p.serverAllow?.map((m) => `${m.by}:${m.value}`)).toEqual(["name:acme-notes", "url:https://mcp.acme.example/*", "command:/opt/acme/bin/wiki-mcp --read-only"]);
    expect(p.serverDeny?.map((m) => `${m.by}:${m.value}`)).toEqual(["url:*://*.untrusted.example/*"]);
    expect(settingsOf(p).filter((s) => s.endsWith("permissive"))).toEqual(['allowedMcpServers={ "serverName": "acme-notes" }@4:5 permissive']);
  });

  it("a managed-settings.d fragment without an allowlist leaves the default to the merged settings", () => {
    const p = policyOf(result, "etc/claude-code/managed-settings.d/10-permissions.json");
    expect(p.defaultDecision).toBe("unknown");
    expect(p.toolRules.map((r) => `${r.effect} ${r.pattern}@${r.loc.line}:${r.loc.column}`)).toEqual(["deny mcp__acme-deploy__*@2:29"]);
  });

  it("reports each permissive switch once, at its value", () => {
    expect(findingsOf(result, ".claude/settings.json", RULES)).toEqual([
      "permissive-setting 2:33 warning",
      "permissive-setting 3:28 warning",
      "permissive-setting 6:20 warning",
      "permissive-setting 7:15 warning",
      "permissive-setting 7:34 warning",
    ]);
    expect(findingsOf(result, ".claude/settings.local.json", RULES)).toEqual([]);
    expect(findingsOf(result, "etc/claude-code/managed-settings.json", RULES)).toEqual(["permissive-setting 4:5 warning"]);
  });

  it("a managed file with no allowedMcpServers fails open (error at the document start)", () => {
    const r = scanSources([{ path: "Library/Application Support/ClaudeCode/managed-settings.json", text: `{\n  "permissions": { "defaultMode": "dontAsk" }\n}\n` }]);
    const f = r.findings.filter((x) => x.ruleId === "missing-default-deny");
    expect(f.map((x) => `${x.loc.line}:${x.loc.column} ${x.level}`)).toEqual(["1:1 error"]);
    expect(f[0]?.message).toContain("unset `allowedMcpServers` allows every server");
  });

  it("a serverUrl pattern whose host is only wildcards admits every remote server (real: webrix-ai/claude-guard-extension)", () => {
    const p = policyOf(result, "real/webrix-ai/managed-settings.json");
    expect(settingsOf(p).filter((s) => s.endsWith("permissive"))).toEqual(['allowedMcpServers={ "serverUrl": "*" }@12:7 permissive']);
    expect(findingsOf(result, "real/webrix-ai/managed-settings.json", RULES)).toEqual(["permissive-setting 12:7 warning"]);
    const url = (pattern: string) => scanSources([{ path: "etc/claude-code/managed-settings.json", text: `{ "allowedMcpServers": [{ "serverUrl": "${pattern}" }] }\n` }]).findings.filter((f) => f.ruleId === "permissive-setting").length;
    expect(["https://*", "*://*/*", "https://*:*/mcp", "http*://**"].map(url)).toEqual([1, 1, 1, 1]);
    // A named host, a subdomain wildcard or any port of one host is an allowlist.
    expect(["https://mcp.acme.example/*", "https://*.acme.example/*", "http://localhost:*/*"].map(url)).toEqual([0, 0, 0]);
  });

  it("an empty allowlist denies every server", () => {
    const r = scanSources([{ path: "etc/claude-code/managed-settings.json", text: `{ "allowedMcpServers": [] }\n` }]);
    expect(r.model.policies[0]?.defaultDecision).toBe("deny");
    expect(r.findings.filter((x) => x.ruleId === "missing-default-deny")).toEqual([]);
  });
});

describe("Claude Code auto mode", () => {
  const settings = (permissions: string) => scanSources([{ path: ".claude/settings.json", text: `{\n  "permissions": { ${permissions} }\n}\n` }]);

  it("is not default-deny: a classifier model, not a person, decides what no rule names (a note at the mode)", () => {
    const r = settings(`"defaultMode": "auto"`);
    const p = r.model.policies[0];
    expect({ decision: p?.defaultDecision, line: p?.defaultLoc.line, column: p?.defaultLoc.column }).toEqual({ decision: "allow", line: 2, column: 35 });
    const f = r.findings.filter((x) => x.ruleId === "missing-default-deny");
    expect(f.map((x) => `${x.loc.line}:${x.loc.column} ${x.level}`)).toEqual(["2:35 note"]);
    expect(f[0]?.message).toContain("a classifier model, not a person, approves or blocks each tool call no rule names");
  });

  it("switched off in the same file (disableAutoMode, at the top level or under permissions), it prompts as the default mode does", () => {
    expect(settings(`"defaultMode": "auto", "disableAutoMode": "disable"`).model.policies[0]?.defaultDecision).toBe("ask");
    const top = scanSources([{ path: ".claude/settings.json", text: `{ "disableAutoMode": "disable", "permissions": { "defaultMode": "auto" } }\n` }]);
    expect(top.model.policies[0]?.defaultDecision).toBe("ask");
  });

  it("manual (the CLI's alias of default) prompts", () => {
    expect(settings(`"defaultMode": "manual"`).model.policies[0]?.defaultDecision).toBe("ask");
  });
});

describe("Claude Code permission rules naming MCP tools", () => {
  const scan = (text: string) => scanSources([{ path: ".claude/settings.local.json", text }]);
  const approvals = (text: string) =>
    scan(text)
      .findings.filter((f) => f.ruleId === "tool-auto-approval" || f.ruleId === "permissive-setting")
      .map((f) => `${f.ruleId} ${f.loc.file}:${f.loc.line}:${f.loc.column} ${f.message}`);

  it("a named allow of a tool that changes state runs it unprompted: one finding per server, at its first such tool", () => {
    const text = `{\n  "permissions": {\n    "allow": [\n      "mcp__supabase__list_tables",\n      "mcp__supabase__execute_sql",\n      "mcp__github__get_issue",\n      "mcp__supabase__apply_migration"\n    ]\n  }\n}\n`;
    expect(approvals(text)).toEqual([
      "tool-auto-approval .claude/settings.local.json:5:7 Server 'supabase' (claude-code) auto-approves tools that change state: execute_sql, apply_migration.",
    ]);
  });

  it("an allow that a deny or ask rule also reaches decides nothing (deny, then ask, then allow)", () => {
    const text = `{\n  "permissions": {\n    "allow": ["mcp__github", "mcp__supabase__execute_sql", "mcp__jira__create_issue"],\n    "deny": ["mcp__github"],\n    "ask": ["mcp__supabase__execute_*", "mcp__jira"]\n  }\n}\n`;
    expect(approvals(text)).toEqual([]);
    // The rules stay in the policy, for the inventory.
    expect(scan(text).model.policies[0]?.toolRules.map((r) => `${r.effect} ${r.pattern}`)).toEqual([
      "allow mcp__github",
      "allow mcp__supabase__execute_sql",
      "allow mcp__jira__create_issue",
      "ask mcp__supabase__execute_*",
      "ask mcp__jira",
      "deny mcp__github",
    ]);
  });

  it("a deny of one tool leaves the whole-server allow of the others standing", () => {
    const text = `{\n  "permissions": {\n    "allow": ["mcp__github"],\n    "deny": ["mcp__github__delete_file"]\n  }\n}\n`;
    expect(approvals(text)).toEqual([
      "permissive-setting .claude/settings.local.json:3:15 `permissions.allow` = \"mcp__github\" in claude-code .claude/settings.local.json: every tool of MCP server 'github' runs without a prompt, including tools that write or delete.",
    ]);
  });
});
