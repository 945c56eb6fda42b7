/**
 * Docker cagent agent teams: `agents.<name>.toolsets`, where a `type: mcp` toolset is an MCP server: local
 * (`command`, `args`, `env`), remote (`remote: { url, transport_type, headers }`) or from Docker's MCP catalog
 * (`ref: docker:<name>`). The file has any name, so it is recognised by content.
 */
import { describe, expect, it } from "vitest";
import { scanSources } from "../../../src/api.js";
import { FAKE_CREDENTIAL } from "../../helpers.js";

const literal = FAKE_CREDENTIAL;

const team = [
  'version: "2"',
  "agents:",
  "  root:",
  "    model: anthropic/claude-sonnet-4-0",
  "    toolsets:",
  "      - type: mcp",
  "        ref: docker:github-official",
  '        tools: ["list_issues", "get_issue"]',
  "      - type: mcp",
  "        command: npx",
  '        args: ["-y", "@modelcontextprotocol/server-filesystem@2025.8.21", "/"]',
  "      - type: mcp",
  "        remote:",
  "          url: https://mcp.notion.com/mcp",
  "          transport_type: streamable",
  "          headers:",
  '            Authorization: "Bearer ${NOTION_TOKEN}"',
  "      - type: filesystem",
  "  helper:",
  "    model: openai/gpt-4o",
  "    toolsets:",
  "      - type: mcp",
  "        command: uvx",
  '        args: ["mcp-server-fetch==2025.4.7"]',
  "        env:",
  `          FETCH_API_KEY: ${literal}`,
  "",
].join("\n");

describe("Docker cagent agent YAML", () => {
  const r = scanSources([{ path: "agents/triage.yaml", text: team }]);

  it("reads each MCP toolset of each agent as a server (catalog ref, local command, remote block)", () => {
    expect(r.model.files.map((f) => f.format)).toEqual(["docker-cagent"]);
    expect(r.model.servers.map((s) => [s.client, s.name, s.transport, s.url?.raw ?? s.command?.raw, s.loc.line])).toEqual([
      ["docker-cagent", "root/github-official", "stdio", undefined, 7],
      ["docker-cagent", "root/toolsets[1]", "stdio", "npx", 9],
      ["docker-cagent", "root/toolsets[2]", "http", "https://mcp.notion.com/mcp", 12],
      ["docker-cagent", "helper/toolsets[0]", "stdio", "uvx", 22],
    ]);
    expect(r.model.servers[0]?.tools.include).toEqual(["list_issues", "get_issue"]);
    expect(r.model.servers[2]?.credentials.map((c) => [c.key, c.ref.kind])).toEqual([["Authorization", "env"]]);
  });

  it("reports what the toolsets configure, at their lines", () => {
    expect(r.findings.filter((f) => f.ruleId === "hardcoded-secret").map((f) => [f.server?.name, f.loc.line, f.loc.column])).toEqual([["helper/toolsets[0]", 26, 26]]);
    expect(r.findings.filter((f) => f.ruleId === "broad-resource-access").map((f) => [f.server?.name, f.loc.line])).toEqual([["root/toolsets[1]", 11]]);
  });

  it("leaves a YAML file with agents and toolsets but no MCP toolset to the plain-text scan", () => {
    const other = scanSources([{ path: "agent.yaml", text: "agents:\n  root:\n    model: openai/gpt-4o\n    toolsets:\n      - type: filesystem\n" }]);
    expect(other.model.files.map((f) => f.format)).toEqual(["text"]);
  });
});
