/**
 * Hermes Agent: `mcp_servers` in `~/.hermes/config.yaml` (HERMES_HOME moves it), servers by name with `command`/`args`/`env`
 * or `url`/`headers`, `enabled`, and `tools.include` / `tools.exclude` (a name or a list) filtering the server's tools.
 */
import { describe, expect, it } from "vitest";
import { scanSources } from "../../../src/api.js";
import { userLocationPatterns } from "../../../src/discover/user-locations.js";
import { FAKE_CREDENTIAL } from "../../helpers.js";

const config = [
  "model:",
  "  default: anthropic/claude-opus-4",
  "mcp_servers:",
  "  github:",
  '    command: "npx"',
  '    args: ["-y", "@modelcontextprotocol/server-github@2025.4.8"]',
  "    env:",
  `      GITHUB_PERSONAL_ACCESS_TOKEN: "${FAKE_CREDENTIAL}"`,
  "    tools:",
  "      include: [list_issues, get_issue]",
  "  files:",
  '    command: "npx"',
  '    args: ["-y", "@modelcontextprotocol/server-filesystem@2025.8.21", "/"]',
  "    tools:",
  "      exclude: write_file",
  "  remote_api:",
  '    url: "https://mcp.acme.test/mcp"',
  "    headers:",
  '      Authorization: "Bearer ${ACME_MCP_TOKEN}"',
  "    enabled: false",
  "",
].join("\n");

describe("Hermes Agent ~/.hermes/config.yaml", () => {
  const r = scanSources([{ path: "home/.hermes/config.yaml", text: config }]);
  const server = (name: string) => r.model.servers.find((s) => s.name === name);

  it("reads mcp_servers by name, with tools.include / tools.exclude as the tool filter", () => {
    expect(r.model.servers.map((s) => [s.client, s.scope, s.name, s.transport, s.enabled, s.loc.line])).toEqual([
      ["hermes", "user", "github", "stdio", true, 4],
      ["hermes", "user", "files", "stdio", true, 11],
      ["hermes", "user", "remote_api", "http", false, 16],
    ]);
    expect(server("github")?.tools.include).toEqual(["list_issues", "get_issue"]);
    expect(server("files")?.tools.exclude).toEqual(["write_file"]);
    expect(server("remote_api")?.credentials.map((c) => [c.key, c.ref.kind])).toEqual([["Authorization", "env"]]);
  });

  it("reports the servers' findings at their lines", () => {
    expect(r.findings.filter((f) => f.ruleId === "hardcoded-secret").map((f) => [f.server?.name, f.loc.line, f.loc.column])).toEqual([["github", 8, 38]]);
    expect(r.findings.filter((f) => f.ruleId === "broad-resource-access").map((f) => [f.server?.name, f.loc.line])).toEqual([["files", 13]]);
  });

  it("looks in ~/.hermes, or HERMES_HOME, under --user", () => {
    expect(userLocationPatterns({ platform: "linux", env: { HOME: "/home/ada" } })).toContain("/home/ada/.hermes/config.yaml");
    expect(userLocationPatterns({ platform: "linux", env: { HOME: "/home/ada", HERMES_HOME: "/srv/hermes" } })).toContain("/srv/hermes/config.yaml");
  });
});
