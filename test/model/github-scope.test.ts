/**
 * The GitHub MCP server's every-toolset switch (--toolsets all, GITHUB_TOOLSETS,
 * X-MCP-Toolsets, /x/all) is broad only without read-only: --read-only,
 * GITHUB_READ_ONLY, X-MCP-Readonly or a /readonly URL win over the toolsets.
 */
import { describe, expect, it } from "vitest";
import { scanSources } from "../../src/api.js";
import { deployment } from "../helpers.js";

function toolsetFacts(server: Record<string, unknown>, path = ".vscode/mcp.json"): string[] {
  const r = scanSources([{ path, text: JSON.stringify({ servers: { github: server } }) }]);
  return (r.model.servers[0]?.facts ?? []).filter((f) => f.kind === "all-toolsets").map((f) => f.detail);
}

describe("GitHub MCP server: every toolset, read-only or not", () => {
  const image = "ghcr.io/github/github-mcp-server:v0.20.1";
  it.each([
    ["--toolsets all", { command: "github-mcp-server", args: ["stdio", "--toolsets", "all"] }, ["--toolsets all"]],
    ["--toolsets=all --read-only", { command: "github-mcp-server", args: ["stdio", "--toolsets=all", "--read-only"] }, []],
    ["docker -e GITHUB_TOOLSETS=all", { command: "docker", args: ["run", "-i", "--rm", "-e", "GITHUB_TOOLSETS=all", image] }, ["GITHUB_TOOLSETS=all"]],
    ["docker -e GITHUB_TOOLSETS=all -e GITHUB_READ_ONLY=1", { command: "docker", args: ["run", "-i", "--rm", "-e", "GITHUB_TOOLSETS=all", "-e", "GITHUB_READ_ONLY=1", image] }, []],
    ["env GITHUB_TOOLSETS=all, GITHUB_READ_ONLY=true", { command: "docker", args: ["run", "-i", "--rm", "-e", "GITHUB_TOOLSETS", "-e", "GITHUB_READ_ONLY", image], env: { GITHUB_TOOLSETS: "all", GITHUB_READ_ONLY: "true" } }, []],
    ["X-MCP-Toolsets: all", { type: "http", url: "https://api.githubcopilot.com/mcp/", headers: { "X-MCP-Toolsets": "all" } }, ["X-MCP-Toolsets: all"]],
    ["X-MCP-Toolsets: all, X-MCP-Readonly: true", { type: "http", url: "https://api.githubcopilot.com/mcp/", headers: { "X-MCP-Toolsets": "all", "X-MCP-Readonly": "true" } }, []],
    ["X-MCP-Toolsets: all on the /readonly URL", { type: "http", url: "https://api.githubcopilot.com/mcp/readonly", headers: { "X-MCP-Toolsets": "all" } }, []],
    ["--read-only=false does not narrow", { command: "github-mcp-server", args: ["stdio", "--toolsets=all", "--read-only=false"] }, ["--toolsets all"]],
  ])("%s", (_name, server, expected) => {
    expect(toolsetFacts(server)).toEqual(expected);
  });

  it("a Kubernetes container: --read-only in args narrows GITHUB_TOOLSETS=all in env", () => {
    const text = deployment("github-mcp", ["      - name: server", `        image: ${image}`, '        args: ["stdio", "--read-only"]', "        env:", "        - { name: GITHUB_TOOLSETS, value: all }"]);
    const r = scanSources([{ path: "k8s/github.yaml", text }]);
    expect(r.model.servers.map((s) => s.facts.filter((f) => f.kind === "all-toolsets").length)).toEqual([0]);
  });
});
