/**
 * Clients whose files are Claude Desktop's `mcpServers` shape under their own
 * path: Trae (`.trae/mcp.json`), Factory's Droid (`.factory/mcp.json`),
 * Google Antigravity (`~/.gemini/antigravity/mcp_config.json`), IBM Bob
 * (`.bob/mcp.json`, `~/.bob/settings/mcp.json`) and Snowflake Cortex Code
 * (`~/.snowflake/cortex/mcp.json`).
 */
import { describe, expect, it } from "vitest";
import { scanSources } from "../../../src/api.js";
import { FAKE_CREDENTIAL } from "../../helpers.js";

const literal = FAKE_CREDENTIAL;

function file(extra: Record<string, unknown>) {
  return JSON.stringify({ mcpServers: { "acme-notes": { command: "npx", args: ["-y", "@acme/notes-mcp@1.2.0"], env: { ACME_API_KEY: literal, ACME_ORG: "${ACME_ORG}", ACME_TOKEN: "${env:ACME_TOKEN}" }, ...extra } } }, null, 2) + "\n";
}

describe.each([
  { client: "trae", path: ".trae/mcp.json" },
  { client: "trae", path: "Library/Application Support/Trae/User/mcp.json" },
  { client: "factory-droid", path: ".factory/mcp.json" },
  { client: "antigravity", path: ".gemini/antigravity/mcp_config.json" },
  { client: "antigravity", path: ".gemini/config/mcp_config.json" },
  { client: "antigravity", path: ".agents/mcp_config.json" },
  { client: "antigravity", path: "packages/web/_agent/mcp_config.json" },
  { client: "cortex-code", path: ".snowflake/cortex/mcp.json" },
])("$client ($path)", ({ client, path }) => {
  it("reads the servers: a literal key is reported at its place, both reference spellings are references", () => {
    const text = file({});
    const r = scanSources([{ path, text }]);
    expect(r.model.servers.map((s) => [s.client, s.name, s.command?.raw])).toEqual([[client, "acme-notes", "npx"]]);
    const s = r.model.servers[0];
    expect(s?.env.map((e) => [e.key, e.ref.kind, e.unexpanded ?? []])).toEqual([["ACME_API_KEY", "literal", []], ["ACME_ORG", "env", []], ["ACME_TOKEN", "env", []]]);
    const before = text.slice(0, text.indexOf(literal)).split("\n");
    expect(r.findings.filter((f) => f.ruleId === "hardcoded-secret").map((f) => [f.loc.line, f.loc.column])).toEqual([[before.length, (before.at(-1) ?? "").length + 1]]);
    expect(r.findings.some((f) => f.ruleId === "unexpanded-reference")).toBe(false);
  });

  it("a disabled server is read as disabled", () => {
    const r = scanSources([{ path, text: file({ disabled: true }) }]);
    expect(r.model.servers.map((s) => s.enabled)).toEqual([false]);
  });
});

describe("antigravity: shapes seen in committed ~/.gemini/antigravity/mcp_config.json files", () => {
  it("reads a `serverUrl` server and ties a key passed to mcp-remote's --header to its server", () => {
    const path = ".gemini/antigravity/mcp_config.json";
    const text = JSON.stringify({ mcpServers: {
      docs: { serverUrl: "https://mcp.acme.test/mcp" },
      stitch: { $typeName: "exa.cascade_plugins_pb.CascadePluginCommandTemplate", command: "npx", args: ["-y", "mcp-remote@0.1.29", "https://mcp.acme.test/mcp", "--header", `X-Acme-Api-Key: ${literal}`] },
    } }, null, 2) + "\n";
    const r = scanSources([{ path, text }]);
    expect(r.model.servers.map((s) => [s.client, s.name, s.transport])).toEqual([["antigravity", "docs", "http"], ["antigravity", "stitch", "stdio"]]);
    expect(r.findings.filter((f) => f.ruleId === "hardcoded-secret").map((f) => [f.server?.name, f.server?.client])).toEqual([["stitch", "antigravity"]]);
  });
});

describe("antigravity: a workspace's customization root (`.agents/mcp_config.json`) is the project's own file", () => {
  it("reports its servers as committed with the project, and the user-level file as the user's", () => {
    const text = file({});
    const r = scanSources([{ path: ".agents/mcp_config.json", text }, { path: ".gemini/config/mcp_config.json", text }]);
    expect(r.model.servers.map((s) => [s.client, s.name])).toEqual([["antigravity", "acme-notes"], ["antigravity", "acme-notes"]]);
    expect(r.model.servers.map((s) => s.scope)).toEqual(["project", "user"]);
  });
});

describe.each([".bob/mcp.json", ".bob/settings/mcp.json"])("IBM Bob, a Roo Code fork (%s)", (path) => {
  it("reads the servers as Roo Code does: `${env:X}` is a reference, a bare `${X}` is passed as written, `alwaysAllow` approves", () => {
    const text = file({ alwaysAllow: ["delete_note"] });
    const r = scanSources([{ path, text }]);
    expect(r.model.servers.map((s) => [s.client, s.name])).toEqual([["ibm-bob", "acme-notes"]]);
    expect(r.model.servers[0]?.env.map((e) => [e.key, e.ref.kind])).toEqual([["ACME_API_KEY", "literal"], ["ACME_ORG", "literal"], ["ACME_TOKEN", "env"]]);
    const rules = (id: string) => r.findings.filter((f) => f.ruleId === id).map((f) => f.server?.name);
    expect([rules("hardcoded-secret"), rules("unexpanded-reference"), rules("tool-auto-approval")]).toEqual([["acme-notes"], ["acme-notes"], ["acme-notes"]]);
  });
});
