/**
 * The MCP Gateway Registry's scopes.yml (agentic-community): group_mappings give identity-provider
 * groups scopes; each scope grants the methods and tools of named servers; a request no scope grants
 * is denied. A default-deny authz policy whose wildcard grants are permissive settings.
 */
import { describe, expect, it } from "vitest";
import { scanSources } from "../../../src/api.js";
import { findingRows, policyRows, scanFixture, settingRows } from "./helpers.js";

const reason = "the auth server denies a request no scope of the caller grants (methods, and for tools/call the tool, of that server)";

describe("MCP Gateway Registry scopes", () => {
  it("a scope that lets a group call every tool of every server is reported at its tools; the narrow scopes are allow rules", () => {
    const r = scanFixture("mcp-gateway-registry/scopes.yml");
    expect(policyRows(r)).toEqual([{ client: "mcp-gateway-registry", kind: "authz", name: "scopes.yml", decision: "deny", at: "16:1", reason }]);
    expect(r.model.policies[0]?.toolRules.map((t) => `${t.pattern} ${t.loc.line}`)).toEqual([
      "acme-servers-notes/read: acme-notes (initialize, notifications/initialized, ping, tools/list) 17",
      "acme-servers-notes/execute: acme-notes/search_notes 22",
      "acme-servers-notes/execute: acme-notes/get_note 22",
      "acme-servers-all/execute: */* 26",
    ]);
    expect(settingRows(r)).toEqual(["acme-servers-all/execute[0].tools=* permissive 26:11"]);
    expect(r.findings.find((f) => f.ruleId === "permissive-setting")?.message).toContain("lets group 'acme-admins' call every tool of every server");
    expect(findingRows(r)).toEqual(["permissive-setting 26:11"]);
  });

  it("the project's own scopes.yml: default deny, every tool named, no finding", () => {
    const r = scanFixture("real-mcp-gateway-registry/scopes.yml");
    expect(policyRows(r).map((p) => `${p.kind} ${p.decision} ${p.at}`)).toEqual(["authz deny 21:1"]);
    expect(r.model.policies[0]?.toolRules.map((t) => t.pattern)).toEqual([
      "mcp-servers-unrestricted/read: currenttime/current_time_by_timezone",
      "mcp-servers-unrestricted/read: mcpgw/toggle_service",
      "mcp-servers-unrestricted/read: mcpgw/register_service",
      "mcp-servers-unrestricted/read: mcpgw/remove_service",
      "mcp-servers-unrestricted/execute: currenttime/current_time_by_timezone",
      "mcp-servers-restricted/read: currenttime/current_time_by_timezone",
    ]);
    expect(findingRows(r)).toEqual([]);
  });

  it("a wildcard server with named tools widens the server; `all` tools without tools/call opens no call; other YAML lists are not scopes", () => {
    const text = "ops/execute:\n- server: '*'\n  methods: [initialize, tools/list, tools/call]\n  tools: [healthcheck]\nops/read:\n- server: notes\n  methods: [tools/list]\n  tools: [all]\n";
    const r = scanSources([{ path: "auth/scopes.yml", text }]);
    expect(settingRows(r)).toEqual(["ops/execute[0].server=* permissive 2:11"]);
    expect(r.findings.find((f) => f.ruleId === "permissive-setting")?.message).toContain("whoever holds the scope");
    const other = scanSources([{ path: "deploy/hosts.yml", text: "hosts:\n- server: web-1\n  role: frontend\n" }]);
    expect(other.model.policies).toEqual([]);
  });
});
