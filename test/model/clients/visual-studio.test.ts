/**
 * Visual Studio (2022 17.14+, 2026) reads a solution folder's `.mcp.json` and `.vs/mcp.json` (and
 * `%USERPROFILE%\.mcp.json`) in VS Code's shape: `servers` and `inputs`. Claude Code reads `.mcp.json` too, but
 * only its `mcpServers` (or a bare map): a file with `servers` and no `mcpServers` is Visual Studio's.
 */
import { describe, expect, it } from "vitest";
import { scanSources } from "../../../src/api.js";
import { FAKE_CREDENTIAL } from "../../helpers.js";

const literal = FAKE_CREDENTIAL;

const solutionMcpJson = `{
  "inputs": [{ "id": "ado_org", "type": "promptString", "description": "Azure DevOps organization" }],
  "servers": {
    "github": { "url": "https://api.githubcopilot.com/mcp/" },
    "ado": { "type": "stdio", "command": "npx", "args": ["-y", "@azure-devops/mcp@2.2.1", "\${input:ado_org}"] },
    "notes": { "type": "http", "url": "https://notes.acme.test/mcp", "headers": { "Authorization": "Bearer ${literal}" } }
  }
}
`;

describe("Visual Studio .mcp.json and .vs/mcp.json", () => {
  it("reads a .mcp.json written in VS Code's shape as Visual Studio's servers, with their findings", () => {
    const r = scanSources([{ path: "src/Acme.sln.d/.mcp.json", text: solutionMcpJson }]);
    expect(r.model.servers.map((s) => [s.client, s.name, s.transport, s.loc.line])).toEqual([
      ["visual-studio", "github", "http", 4],
      ["visual-studio", "ado", "stdio", 5],
      ["visual-studio", "notes", "http", 6],
    ]);
    expect(r.model.servers.find((s) => s.name === "ado")?.args.map((a) => a.ref.kind)).toEqual(["literal", "literal", "input"]);
    expect(r.findings.filter((f) => f.ruleId === "hardcoded-secret").map((f) => [f.server?.name, f.loc.line])).toEqual([["notes", 6]]);
    expect(r.findings.filter((f) => f.ruleId === "unexpanded-reference")).toEqual([]);
  });

  it("keeps a .mcp.json with mcpServers Claude Code's, and reads .vs/mcp.json as Visual Studio's", () => {
    const r = scanSources([
      { path: ".mcp.json", text: JSON.stringify({ mcpServers: { docs: { type: "http", url: "https://docs.acme.test/mcp" } }, servers: { x: { url: "https://x.acme.test/mcp" } } }, null, 2) },
      { path: ".vs/mcp.json", text: JSON.stringify({ servers: { files: { command: "npx", args: ["-y", "@modelcontextprotocol/server-filesystem@2025.8.21", "/"] } } }, null, 2) },
    ]);
    expect(r.model.servers.map((s) => [s.file, s.client, s.name])).toEqual([
      [".mcp.json", "claude-code", "docs"],
      [".vs/mcp.json", "visual-studio", "files"],
    ]);
    expect(r.findings.filter((f) => f.ruleId === "broad-resource-access").map((f) => f.server?.name)).toEqual(["files"]);
  });
});
