import { describe, expect, it } from "vitest";
import { findingsOf, policyOf, scanFixture, settingsOf } from "./load.js";
import { scanSources, type ScanResult } from "../../../src/api.js";

/** A file Codex never reads: no policy, no findings, one note at 1:1 that says where Codex looks. */
function expectOnlyANote(result: ScanResult, file: string, says: string): void {
  expect(result.model.policies.map((p) => p.file)).not.toContain(file);
  expect(result.findings.filter((f) => f.loc.file === file)).toEqual([]);
  const notes = result.diagnostics.filter((d) => d.file === file);
  expect(notes.map((d) => [d.level, d.loc?.line, d.loc?.column])).toEqual([["note", 1, 1]]);
  expect(notes[0]?.message).toContain(says);
}

describe("Codex config.toml and requirements.toml", () => {
  const result = scanFixture("codex");

  it("config.toml yields servers and the approval/sandbox/trust switches", () => {
    expect(result.model.servers.map((s) => `${s.name} ${s.tools.grants.map((g) => `${g.kind}:${g.key}`).join("+")}`)).toEqual([
      "acme-notes trust-all:default_tools_approval_mode+all-tools:enabled_tools",
      "acme-remote ",
    ]);
    const p = policyOf(result, ".codex/config.toml");
    expect(p.settings.map((s) => `${s.key}=${s.value} ${s.effect}`)).toEqual([
      'approval_policy="never" permissive',
      'sandbox_mode="danger-full-access" permissive',
      'projects."/home/dev/src/acme".trust_level="trusted" permissive',
    ]);
    expect(p.defaultDecision).toBe("allow");
    expect(p.governs).toEqual([".codex/config.toml#mcp_servers.acme-notes", ".codex/config.toml#mcp_servers.acme-remote"]);
  });

  it("requirements.toml: [mcp_servers] is an allowlist (default deny); allowing `never` is permissive", () => {
    const p = policyOf(result, "etc/codex/requirements.toml");
    expect(p.kind).toBe("managed");
    expect(p.defaultDecision).toBe("deny");
    expect(p.serverAllow?.map((m) => `${m.by}:${m.value}`)).toEqual(["name:acme-remote", "url:https://mcp.acme.example/mcp"]);
    expect(p.settings.map((s) => `${s.key}=${s.value} ${s.effect}`)).toEqual(['allowed_approval_policies="never" permissive']);
  });

  it("a requirements.toml in a .codex/ folder is read by no Codex: a note, no policy and no findings", () => {
    expectOnlyANote(result, ".codex/requirements.toml", "only from the system folder (/etc/codex/requirements.toml");
  });

  it("Windows keeps the system files under %ProgramData%\\OpenAI\\Codex (capital C): requirements.toml is the managed allowlist, config.toml a config", () => {
    const r = scanSources([
      { path: "ProgramData/OpenAI/Codex/requirements.toml", text: `allowed_approval_policies = ["on-request", "never"]\n\n[mcp_servers.acme-remote.identity]\nurl = "https://mcp.acme.example/mcp"\n` },
      { path: "ProgramData/OpenAI/Codex/config.toml", text: `approval_policy = "never"\n\n[mcp_servers.acme-notes]\ncommand = "acme-notes-mcp"\n` },
    ]);
    const req = policyOf(r, "ProgramData/OpenAI/Codex/requirements.toml");
    expect([req.kind, req.defaultDecision]).toEqual(["managed", "deny"]);
    expect(req.serverAllow?.map((m) => `${m.by}:${m.value}`)).toEqual(["name:acme-remote", "url:https://mcp.acme.example/mcp"]);
    expect(r.model.servers.map((s) => `${s.client} ${s.name} ${s.file}`)).toEqual(["codex acme-notes ProgramData/OpenAI/Codex/config.toml"]);
    expect(findingsOf(r, "ProgramData/OpenAI/Codex/requirements.toml", ["permissive-setting"])).toEqual(["permissive-setting 1:44 warning"]);
    expect(findingsOf(r, "ProgramData/OpenAI/Codex/config.toml", ["permissive-setting"])).toEqual(["permissive-setting 1:19 warning"]);
  });

  it("end to end: the rules that see this file", () => {
    const ids = result.findings.filter((f) => f.loc.file === ".codex/config.toml").map((f) => f.ruleId).sort();
    expect(ids).toEqual(["broad-resource-access", "permissive-setting", "permissive-setting", "permissive-setting", "tool-auto-approval", "unexpanded-reference", "unpinned-package"]);
    const unexpanded = result.findings.find((f) => f.ruleId === "unexpanded-reference");
    expect(unexpanded?.message).toContain("`${ACME_KEY}`");
    expect(unexpanded?.message).toContain("no reference syntax in this file");
  });

  it("reports Codex settings at their exact line and column", () => {
    const p = policyOf(result, ".codex/config.toml");
    expect(p.settings.slice(0, 2).map((s) => `${s.key}@${s.loc.line}:${s.loc.column}`)).toEqual(["approval_policy@1:19", "sandbox_mode@2:16"]);
    const f = result.findings.filter((x) => x.ruleId === "permissive-setting" && x.loc.file === ".codex/config.toml").map((x) => `${x.loc.line}:${x.loc.column}`);
    expect(f.slice(0, 2)).toEqual(["1:19", "2:16"]);
  });

  it("a server parked with enabled = false exposes no tool: no all-tools note (a live one still gets it)", () => {
    const text = `[mcp_servers.live]\ncommand = "live-mcp"\n\n[mcp_servers.parked]\ncommand = "parked-mcp"\nenabled = false\n`;
    const r = scanSources([{ path: ".codex/config.toml", text }]);
    expect(r.findings.filter((f) => f.ruleId === "broad-resource-access").map((f) => `${f.loc.line}:${f.loc.column} ${f.message}`)).toEqual([
      "1:14 Server 'live' (codex) exposes every tool it offers: no `enabled_tools` list narrows it.",
    ]);
  });

  it("the all-tools note names what a deny list (disabled_tools) takes out", () => {
    const text = `[mcp_servers.gh]
command = "github-mcp-server"
disabled_tools = ["delete_repository", "merge_pull_request", "push_files", "create_or_update_file"]
`;
    const r = scanSources([{ path: ".codex/config.toml", text }]);
    expect(r.findings.filter((f) => f.ruleId === "broad-resource-access").map((f) => `${f.loc.line}:${f.loc.column} ${f.message}`)).toEqual([
      "1:14 Server 'gh' (codex) exposes every tool it offers but `delete_repository`, `merge_pull_request`, `push_files` and 1 more: no `enabled_tools` list narrows it.",
    ]);
  });

  describe("the legacy managed_config.toml (the admin layer /etc/codex/managed_config.toml)", () => {
    const managed = scanFixture("codex-managed");
    const FILE = "etc/codex/managed_config.toml";

    it("is a managed policy with config.toml's switches, and its servers are Codex servers", () => {
      const p = policyOf(managed, FILE);
      expect([p.kind, p.client, p.defaultDecision]).toEqual(["managed", "codex", "allow"]);
      expect(settingsOf(p)).toEqual(['approval_policy="never"@2:19 permissive', 'sandbox_mode="danger-full-access"@3:16 permissive']);
      expect(managed.model.servers.map((s) => `${s.client} ${s.name} ${s.file}`)).toEqual([`codex acme-notes ${FILE}`]);
      expect(managed.model.files.find((f) => f.path === FILE)?.format).toBe("codex-managed-config");
    });

    it("end to end: its permissive switches are reported at their values", () => {
      expect(findingsOf(managed, FILE, ["permissive-setting", "missing-default-deny"])).toEqual([
        "missing-default-deny 2:19 error",
        "permissive-setting 2:19 warning",
        "permissive-setting 3:16 warning",
      ]);
    });

    it("one in a .codex/ folder is read by no current Codex: a note, no policy and no findings", () => {
      expectOnlyANote(managed, ".codex/managed_config.toml", "reads managed_config.toml only from the system folder (/etc/codex/managed_config.toml)");
    });
  });
});
