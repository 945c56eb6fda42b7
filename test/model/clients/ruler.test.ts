/**
 * Ruler (intellectronica/ruler): `.ruler/ruler.toml` holds the MCP servers it writes into every agent's
 * own file (`[mcp_servers.<name>]`, `[agents.<agent>.mcp_servers.<name>]`); `.ruler/mcp.json` is its legacy
 * `mcpServers` file. The generated agent files are often git-ignored, so this is what a repository commits.
 */
import { describe, expect, it } from "vitest";
import { scanSources } from "../../../src/api.js";
import { FAKE_CREDENTIAL } from "../../helpers.js";

const literal = FAKE_CREDENTIAL;

// The shape of Ruler's README example, with a literal token where it shows a placeholder.
const toml = [
  'default_agents = ["copilot", "claude"]',
  "",
  "[mcp]",
  "enabled = true",
  'merge_strategy = "merge"',
  "",
  "[mcp_servers.filesystem]",
  'command = "npx"',
  'args = ["-y", "@modelcontextprotocol/server-filesystem@2025.8.21", "/"]',
  "",
  "[mcp_servers.search]",
  'url = "https://mcp.acme.test/mcp"',
  "",
  "[mcp_servers.search.headers]",
  `Authorization = "Bearer ${literal}"`,
  '"X-API-Version" = "v1"',
  "",
  "[mcp_servers.docs]",
  'url = "https://docs.acme.test/mcp"',
  "[mcp_servers.docs.headers]",
  'Authorization = "Bearer your-token"',
  "",
  "[agents.cursor.mcp_servers.tickets]",
  'command = "npx"',
  'args = ["-y", "@acme/tickets-mcp@1.0.0"]',
  'env = { ACME_TICKETS_TOKEN = "${env:ACME_TICKETS_TOKEN}", ACME_ORG = "${ACME_ORG}" }',
  "",
].join("\n");

describe("Ruler .ruler/ruler.toml", () => {
  const r = scanSources([{ path: ".ruler/ruler.toml", text: toml }]);

  it("reads the servers of every agent, and those of one agent, as the project's", () => {
    expect(r.model.servers.map((s) => [s.client, s.scope, s.name, s.transport, s.loc.line])).toEqual([
      ["ruler", "project", "filesystem", "stdio", 7],
      ["ruler", "project", "search", "http", 11],
      ["ruler", "project", "docs", "http", 18],
      ["ruler", "project", "tickets", "stdio", 23],
    ]);
  });

  it("reports a literal header token at its place, a filesystem server rooted at /, and no placeholder or reference", () => {
    const rules = (id: string) => r.findings.filter((f) => f.ruleId === id).map((f) => [f.server?.name, f.loc.line, f.loc.column]);
    expect(rules("hardcoded-secret")).toEqual([["search", 15, 25]]);
    expect(rules("broad-resource-access")).toEqual([["filesystem", 9, 68]]);
    expect(rules("unexpanded-reference")).toEqual([]);
    const tickets = r.model.servers.find((s) => s.name === "tickets");
    expect(tickets?.env.map((e) => [e.key, e.ref.kind])).toEqual([["ACME_TICKETS_TOKEN", "env"], ["ACME_ORG", "env"]]);
  });
});

describe("Ruler .ruler/mcp.json (legacy) and the global config", () => {
  const json = JSON.stringify({ mcpServers: { notes: { command: "npx", args: ["-y", "@acme/notes-mcp@1.2.0"], env: { ACME_API_KEY: literal } } } }, null, 2) + "\n";

  it("names a [[mcp_servers]] list (Mistral Vibe's shape, which Ruler does not read) instead of reading no server in silence", () => {
    const r = scanSources([{ path: ".ruler/ruler.toml", text: '[[mcp_servers]]\nname = "fetch"\ncommand = "uvx"\n' }]);
    expect(r.model.servers).toEqual([]);
    expect(r.diagnostics.filter((d) => d.code === "config").map((d) => d.loc?.line)).toEqual([1]);
  });

  it("reads the legacy file's servers as Ruler's", () => {
    const r = scanSources([{ path: ".ruler/mcp.json", text: json }]);
    expect(r.model.servers.map((s) => [s.client, s.scope, s.name])).toEqual([["ruler", "project", "notes"]]);
    expect(r.findings.filter((f) => f.ruleId === "hardcoded-secret").map((f) => f.server?.name)).toEqual(["notes"]);
  });

  it("reads ~/.config/ruler as the user's", () => {
    const r = scanSources([{ path: ".config/ruler/ruler.toml", text: toml }, { path: ".config/ruler/mcp.json", text: json }]);
    expect(new Set(r.model.servers.map((s) => `${s.client}/${s.scope}`))).toEqual(new Set(["ruler/user"]));
  });
});
