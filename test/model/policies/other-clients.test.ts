import { describe, expect, it } from "vitest";
import { scanSources } from "../../../src/api.js";
import { findingsOf, policyOf, scanFixture, settingsOf } from "./load.js";

const RULES = ["permissive-setting", "missing-default-deny"];

describe("VS Code settings", () => {
  const result = scanFixture("vscode");
  const p = policyOf(result, ".vscode/settings.json");

  it("yields the legacy mcp.servers and the chat.* switches that are set", () => {
    expect(result.model.servers.map((s) => s.id)).toEqual([".vscode/settings.json#mcp.servers.acme-notes"]);
    expect(settingsOf(p)).toEqual([
      "chat.tools.global.autoApprove=true@3:36 permissive",
      'chat.mcp.access="all"@4:22 permissive',
      'chat.mcp.discovery.enabled={ "claude-desktop": true, "cursor-global": false }@5:33 permissive',
    ]);
    expect(p.defaultDecision).toBe("allow");
    expect(findingsOf(result, ".vscode/settings.json", RULES)).toEqual(["permissive-setting 3:36 warning", "permissive-setting 4:22 warning", "permissive-setting 5:33 warning"]);
  });

  it("an unset chat.mcp.access is the product default and is not reported; registry is default deny", () => {
    const r = scanSources([{ path: ".vscode/settings.json", text: `{ "mcp": { "servers": { "n": { "command": "acme-notes-mcp" } } } }\n` }]);
    expect(r.model.policies[0]?.settings).toEqual([]);
    expect(r.model.policies[0]?.defaultDecision).toBe("ask");
    const reg = scanSources([{ path: "acme.code-workspace", text: `{ "settings": { "chat.mcp.access": "registry" } }\n` }]);
    expect(reg.model.policies[0]?.defaultDecision).toBe("deny");
    expect(settingsOf(policyOf(reg, "acme.code-workspace"))).toEqual(['settings.chat.mcp.access="registry"@1:36 restrictive']);
  });
});

describe("Cursor permissions", () => {
  const result = scanFixture("cursor");
  it("mcpAllowlist wildcards and Mcp(server, *) allows are permissive; named tools are allow rules", () => {
    expect(settingsOf(policyOf(result, ".cursor/permissions.json"))).toEqual(['mcpAllowlist="acme-wiki:*"@3:47 permissive']);
    const cli = policyOf(result, ".cursor/cli.json");
    expect(settingsOf(cli)).toEqual(['permissions.allow="Mcp(acme-wiki, *)"@3:60 permissive']);
    expect(cli.toolRules.map((r) => `${r.effect} ${r.pattern}`)).toEqual(["deny Mcp(acme-deploy, *)", "allow Mcp(acme-notes, search_notes)", "allow Mcp(acme-wiki, *)"]);
  });
});

describe("Amazon Q agent", () => {
  const result = scanFixture("amazon-q");
  it("yields the agent's servers and flags tools *, whole-server allowedTools and useLegacyMcpJson", () => {
    expect(result.model.servers.map((s) => s.name)).toEqual(["acme-notes"]);
    // `@acme-notes` names a server of this file: it is a grant on that server (reported once, by
    // tool-auto-approval, with the server's name), not a policy setting as well.
    expect(settingsOf(policyOf(result, ".amazonq/cli-agents/helper.json"))).toEqual(['tools="*"@4:13 permissive', "useLegacyMcpJson=true@6:23 permissive"]);
    const grants = result.model.servers[0]?.tools.grants.map((g) => `${g.kind} ${g.key}@${g.loc.line}:${g.loc.column}`);
    expect(grants).toEqual(["auto-approve-all allowedTools@5:31"]);
    expect(result.findings.filter((f) => f.loc.line === 5 && f.loc.column === 31).map((f) => f.ruleId)).toEqual(["tool-auto-approval"]);
  });
});

describe("Zed settings", () => {
  const result = scanFixture("zed");
  it("always_allow_tool_actions makes the default allow; reported once by permissive-setting", () => {
    const p = policyOf(result, ".zed/settings.json");
    expect(settingsOf(p)).toEqual(["agent.always_allow_tool_actions=true@4:34 permissive", "agent.profiles.write.enable_all_context_servers=true@8:60 permissive"]);
    expect(p.toolRules.map((r) => `${r.effect} ${r.pattern}`)).toEqual(["deny mcp:acme-remote:delete_note"]);
    expect(p.defaultDecision).toBe("allow");
    expect(findingsOf(result, ".zed/settings.json", RULES)).toEqual(["permissive-setting 4:34 warning", "permissive-setting 8:60 warning"]);
  });
});

describe("Zed tool_permissions written before the default_mode migration", () => {
  it("`default_mode: allow` is the permissive default it was; a per-tool `default_mode` is that tool's rule", () => {
    const FILE = "preview/.config/zed/settings.json";
    const result = scanFixture("zed");
    const p = policyOf(result, FILE);
    expect(settingsOf(p)).toEqual(['agent.tool_permissions.default_mode="allow"@5:23 permissive']);
    expect(p.defaultDecision).toBe("allow");
    expect(p.toolRules.map((r) => `${r.effect} ${r.pattern}`)).toEqual(["deny mcp:acme-remote:delete_note"]);
    expect(findingsOf(result, FILE, RULES)).toEqual(["permissive-setting 5:23 warning"]);
  });
});

describe("Zed: the legacy always_allow_tool_actions beside an explicit tool_permissions.default", () => {
  // zed crates/migrator m_2026_02_04: `always_allow_tool_actions: true` becomes `tool_permissions.default: allow`
  // only where no `default`/`default_mode` is set; the explicit one is kept.
  const text = (def: string) => `{ "agent": { "always_allow_tool_actions": true, "tool_permissions": { "default": "${def}" } } }\n`;
  const scan = (def: string) => scanSources([{ path: ".config/zed/settings.json", text: text(def) }]);
  it("an explicit `confirm` or `deny` stays the default; the legacy switch is not reported", () => {
    for (const [def, decision] of [["confirm", "ask"], ["deny", "deny"]] as const) {
      const r = scan(def);
      expect(r.model.policies[0]?.defaultDecision).toBe(decision);
      expect(r.findings.filter((f) => RULES.includes(f.ruleId) && f.level !== "note").map((f) => `${f.ruleId} ${f.loc.line}:${f.loc.column}`)).toEqual([]);
    }
  });
  it("an explicit `allow` is reported at its own key, once", () => {
    const r = scan("allow");
    expect(r.model.policies[0]?.defaultDecision).toBe("allow");
    expect(r.findings.filter((f) => f.ruleId === "permissive-setting").map((f) => f.loc.column)).toEqual([text("allow").indexOf('"allow"') + 1]);
  });
});

describe("Zed agent.permission_mode (the settings migration's successor of tool_permissions.default)", () => {
  // zed crates/migrator migrate_agent_permission_modes: `default: allow` becomes `permission_mode: auto`,
  // `confirm` and `deny` become `manual`; an explicit `permission_mode` is kept over the legacy default.
  const scan = (agent: string) => scanSources([{ path: ".config/zed/settings.json", text: `{ "agent": { ${agent} } }\n` }]);
  it("`auto` and `full_access` run every tool call unconfirmed: permissive-setting at the mode, default allow", () => {
    for (const mode of ["auto", "full_access"]) {
      const r = scan(`"permission_mode": "${mode}"`);
      expect(r.model.policies[0]?.defaultDecision).toBe("allow");
      expect(r.findings.filter((f) => f.ruleId === "permissive-setting").map((f) => `${f.loc.line}:${f.loc.column}`)).toEqual(["1:33"]);
    }
  });
  it("`manual` confirms each call, and wins over a legacy `allow` or `always_allow_tool_actions` beside it (neither reported)", () => {
    const r = scan(`"permission_mode": "manual", "always_allow_tool_actions": true, "tool_permissions": { "default": "allow" }`);
    expect(r.model.policies[0]?.defaultDecision).toBe("ask");
    expect(r.findings.filter((f) => RULES.includes(f.ruleId) && f.level !== "note")).toEqual([]);
  });
});

describe("Zed worktree trust", () => {
  const USER = "home/.config/zed/settings.json";
  it("session.trust_all_worktrees in the user's settings is permissive: every folder's .zed/settings.json and its context servers run unprompted", () => {
    const result = scanFixture("zed");
    expect(settingsOf(policyOf(result, USER))).toEqual(["session.trust_all_worktrees=true@5:28 permissive"]);
    expect(findingsOf(result, USER, RULES)).toEqual(["permissive-setting 5:28 warning"]);
    expect(result.findings.find((f) => f.loc.file === USER)?.message).toContain("Restricted Mode");
  });
  it("is not read from a project's own .zed/settings.json (a folder cannot trust itself), nor when false", () => {
    for (const [path, value] of [[".zed/settings.json", "true"], [".config/zed/settings.json", "false"]] as const) {
      const r = scanSources([{ path, text: `{ "session": { "trust_all_worktrees": ${value} } }\n` }]);
      expect(r.model.policies[0]?.settings).toEqual([]);
      expect(r.findings.filter((f) => f.ruleId === "permissive-setting")).toEqual([]);
    }
  });
});

describe("Goose config", () => {
  it("GOOSE_MODE: auto is permissive at its value", () => {
    const result = scanFixture("goose");
    expect(result.model.servers.map((s) => s.name)).toEqual(["acme-notes"]);
    expect(settingsOf(policyOf(result, ".config/goose/config.yaml"))).toEqual(['GOOSE_MODE="auto"@1:13 permissive']);
    expect(findingsOf(result, ".config/goose/config.yaml", RULES)).toEqual(["permissive-setting 1:13 warning"]);
  });
  it("an absent GOOSE_MODE is the default auto: a missing-default-deny note that says so", () => {
    const r = scanSources([{ path: ".config/goose/config.yaml", text: `extensions: {}\n` }]);
    const f = r.findings.filter((x) => x.ruleId === "missing-default-deny");
    expect(f.map((x) => `${x.loc.line}:${x.loc.column} ${x.level}`)).toEqual(["1:1 note"]);
    expect(f[0]?.message).toContain("default is `auto`");
  });
});

describe("Continue permissions.yaml", () => {
  it("a bare * in allow is permissive; lists become tool rules", () => {
    const result = scanFixture("continue");
    const p = policyOf(result, ".continue/permissions.yaml");
    expect(settingsOf(p)).toEqual(['allow="*"@3:5 permissive']);
    expect(p.toolRules.map((r) => `${r.effect} ${r.pattern}`)).toEqual(["allow Read", "allow *", "ask Bash", "deny acme-deploy_*"]);
  });
});

describe("Cline enterprise remote config (recognised by content)", () => {
  it("allowedMCPServers is a name-only allowlist: default deny, each id permissive", () => {
    const result = scanFixture("cline");
    const p = policyOf(result, "enterprise/cline-remote-config.json");
    expect(result.model.files[0]?.format).toBe("cline-remote-config");
    expect(p.defaultDecision).toBe("deny");
    expect(settingsOf(p)).toEqual(['allowedMCPServers="acme-notes"@3:33 permissive', 'allowedMCPServers="acme-wiki"@3:57 permissive']);
  });
  it("an unrelated JSON file is not taken for one", () => {
    const r = scanSources([{ path: "data/servers.json", text: `{ "allowed": ["a"] }\n` }]);
    expect(r.model.files[0]?.format).toBe("text");
  });
});
