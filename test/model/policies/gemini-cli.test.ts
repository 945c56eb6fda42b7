import { describe, expect, it } from "vitest";
import { scanSources } from "../../../src/api.js";
import { findingsOf, policyOf, scanFixture, settingsOf } from "./load.js";

describe("Gemini CLI settings: servers and policies from one file", () => {
  const result = scanFixture("gemini-cli");

  it("yields the servers of the settings file, with an all-tools grant where includeTools is missing", () => {
    const servers = result.model.servers.filter((s) => s.file === ".gemini/settings.json");
    expect(servers.map((s) => `${s.name} ${s.transport} ${s.tools.grants.map((g) => g.kind).join("+")}`)).toEqual(["acme-notes stdio trust-all+all-tools", "acme-wiki http "]);
    expect(servers[1]?.credentials.map((c) => `${c.source}:${c.key}`)).toEqual(["oauth:oauth"]);
  });

  it("project settings: MCP wildcards in tools.allowed and an explicit YOLO opt-in are permissive; no mcp.allowed fails open", () => {
    const p = policyOf(result, ".gemini/settings.json");
    expect(p.kind).toBe("client");
    expect(settingsOf(p)).toEqual(['tools.allowed="acme-notes__*"@3:39 permissive', 'tools.allowed="acme-wiki"@3:56 permissive', "security.disableYoloMode=false@4:36 permissive"]);
    expect(p.toolRules.map((r) => r.pattern)).toEqual(["acme-notes__*", "acme-wiki"]);
    expect(p.defaultDecision).toBe("allow");
    expect(p.defaultReason).toContain("every configured server connects");
    expect(p.governs).toHaveLength(2);
  });

  it("system settings with mcp.allowed are default-deny", () => {
    const p = policyOf(result, "etc/gemini-cli/settings.json");
    expect(p.kind).toBe("managed");
    expect({ d: p.defaultDecision, line: p.defaultLoc.line, column: p.defaultLoc.column }).toEqual({ d: "deny", line: 2, column: 23 });
    expect(p.serverAllow?.map((m) => m.value)).toEqual(["acme-wiki"]);
    expect(p.serverDeny?.map((m) => m.value)).toEqual(["acme-legacy"]);
    expect(settingsOf(p)).toEqual(["security.disableYoloMode=true@3:36 restrictive"]);
  });

  it("end to end: warnings at the switches, a note for the missing allowlist and for the unnarrowed server", () => {
    expect(findingsOf(result, ".gemini/settings.json", ["permissive-setting", "missing-default-deny", "broad-resource-access", "tool-auto-approval"])).toEqual([
      "missing-default-deny 1:1 note",
      "permissive-setting 3:39 warning",
      "permissive-setting 3:56 warning",
      "permissive-setting 4:36 warning",
      "broad-resource-access 6:5 note",
      "tool-auto-approval 6:83 warning",
    ]);
    expect(findingsOf(result, "etc/gemini-cli/settings.json", ["permissive-setting", "missing-default-deny"])).toEqual([]);
  });

  it("a server that never connects (mcp.excluded, or left out of mcp.allowed) exposes no tool: no all-tools note", () => {
    const text = `{ "mcp": { "excluded": ["old-server"] },
  "mcpServers": { "old-server": { "command": "old-mcp" }, "live": { "command": "live-mcp" } } }
`;
    const notes = (t: string) =>
      scanSources([{ path: ".gemini/settings.json", text: t }]).findings.filter((f) => f.ruleId === "broad-resource-access").map((f) => f.message.replace(/ \(gemini-cli\).*/, ""));
    expect(notes(text)).toEqual(["Server 'live'"]);
    expect(notes(text.replace(`"excluded": ["old-server"]`, `"allowed": ["old-server"]`))).toEqual(["Server 'old-server'"]);
  });

  it("user settings with no servers and no allowlist say nothing about the default", () => {
    const r = scanSources([{ path: ".gemini/settings.json", text: `{ "general": { "vimMode": true } }\n` }]);
    expect(r.model.policies[0]?.defaultDecision).toBe("unknown");
    expect(r.findings).toEqual([]);
  });
});
