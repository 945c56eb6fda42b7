import { describe, expect, it } from "vitest";
import { at, find, scanFixture, summary } from "./helpers.js";
import { scanSources } from "../../../src/api.js";
import type { McpServer } from "../../../src/model/types.js";
import { fakeGitHubToken } from "../../../src/rules/fake-secrets.js";

const C = "zed";
const FILE = ".zed/settings.json";

describe("Zed (context_servers)", () => {
  const f = scanFixture(C);

  it("reads context_servers from JSONC; Zed expands no references", () => {
    expect(f.result.diagnostics).toEqual([]);
    const s = f.server("acme-notes");
    expect(summary(s)).toEqual({
      client: "zed", scope: "project", transport: "stdio", enabled: true, command: "npx", args: ["-y", "@acme/notes-mcp"],
      env: { ACME_API_KEY: "literal", ACME_REGION: "literal !${ACME_REGION}" }, headers: {}, grants: [],
    });
    expect(s.id).toBe(`${FILE}#context_servers.acme-notes`);
    expect(at(s.loc)).toEqual(find(C, FILE, '"acme-notes"'));
    expect(at(s.env[0]?.loc)).toEqual(find(C, FILE, '"DhKTvU2P'));
  });

  it("reads the legacy `command: { path, args, env }` object", () => {
    const s = f.server("acme-legacy");
    expect(summary(s)).toEqual({ client: "zed", scope: "project", transport: "stdio", enabled: true, command: "/opt/acme/legacy-mcp", args: ["run"], env: { ACME_TOKEN: "literal !$ACME_TOKEN" }, headers: {}, grants: [] });
    expect(at(s.command?.loc)).toEqual(find(C, FILE, '"/opt/acme/legacy-mcp"'));
  });

  it("reads a remote server; `${env:X}` is unexpanded", () => {
    expect(summary(f.server("acme-remote"))).toMatchObject({ transport: "http", url: "https://mcp.acme.example/mcp", headers: { Authorization: "literal !${env:ACME_MCP_TOKEN}" } });
  });
});

describe("Zed extension context servers (`settings`)", () => {
  const token = fakeGitHubToken("ghp", "zed-extension-settings");
  const text = `{
  "context_servers": {
    "mcp-server-github": {
      "source": "extension",
      "settings": { "github_personal_access_token": "${token}", "default_owner": "acme" }
    }
  }
}
`;
  const result = scanSources([{ path: ".zed/settings.json", text }]);

  it("a credential-named setting is the server's credential: reported against that server, identity from it", () => {
    const s = result.model.servers[0] as McpServer;
    expect(s.credentials.map((c) => [c.key, c.source, c.ref.kind])).toEqual([["settings.github_personal_access_token", "setting", "literal"]]);
    const hit = result.findings.find((f) => f.ruleId === "hardcoded-secret");
    expect([hit?.server?.name, hit?.loc.line, hit?.loc.column]).toEqual(["mcp-server-github", 5, 54]);
  });

  it("a tool_permissions entry that allows an MCP tool that changes state runs it unconfirmed; a read, a confirm or a deny does not", () => {
    const text = `{\n  "agent": { "tool_permissions": { "tools": {\n    "mcp:github:delete_file": { "default": "allow" },\n    "mcp:github:get_issue": { "default": "allow" },\n    "mcp:github:merge_pull_request": { "default": "confirm" },\n    "mcp:db:drop_table": { "default": "deny" }\n  } } }\n}\n`;
    const found = scanSources([{ path: ".config/zed/settings.json", text }]).findings.filter((x) => x.ruleId === "tool-auto-approval");
    expect(found.map((x) => `${x.loc.line}:${x.loc.column} ${x.message}`)).toEqual(["3:44 Server 'github' (zed) auto-approves tools that change state: delete_file."]);
  });
});

