import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { scanSources, type ScanResult } from "../../../src/api.js";
import { fakeGitHubToken } from "../../../src/rules/fake-secrets.js";
import { inventoryJson, inventoryText } from "../../../src/report/inventory.js";
import { FIXTURES } from "./helpers.js";

const rows = (r: ScanResult) => r.findings.map((f) => `${f.ruleId} ${f.level} ${f.loc.line}:${f.loc.column}`);
const servers = (r: ScanResult) => r.model.servers.map((s) => `${s.client} ${s.name} ${s.loc.line}:${s.loc.column} ${s.command?.raw ?? s.url?.raw ?? ""}`);
const credentials = (r: ScanResult) => r.model.servers.flatMap((s) => s.credentials.map((c) => `${s.name} ${c.key} ${c.ref.kind}${"name" in c.ref ? `:${c.ref.name}` : ""} ${c.loc.line}:${c.loc.column}`));

/** A workflow shaped as the public examples of the action's `mcp_config` input are (its docs, users' claude.yml). */
function workflow(token: string): string {
  return [
    "name: Claude",
    "on: issue_comment",
    "jobs:",
    "  claude:",
    "    runs-on: ubuntu-latest",
    "    steps:",
    "      - uses: actions/checkout@v4",
    "      - name: Run Claude Code",
    "        uses: anthropics/claude-code-action@beta",
    "        with:",
    "          anthropic_api_key: ${{ secrets.ANTHROPIC_API_KEY }}",
    "          mcp_config: |",
    "            {",
    '              "mcpServers": {',
    '                "database": {',
    '                  "command": "npx",',
    '                  "args": ["-y", "@modelcontextprotocol/server-postgres"],',
    '                  "env": { "DATABASE_URL": "${{ secrets.DATABASE_URL }}" }',
    "                },",
    '                "github": {',
    '                  "command": "npx",',
    '                  "args": ["-y", "@modelcontextprotocol/server-github@2025.4.8"],',
    `                  "env": { "GITHUB_PERSONAL_ACCESS_TOKEN": "${token}" }`,
    "                }",
    "              }",
    "            }",
    "",
  ].join("\n");
}

describe("Claude Code GitHub Action: a workflow step's mcp_config input", () => {
  it("the real action's own workflow: a one-line single-quoted mcp_config is read where it is written", () => {
    const path = "real-anthropics/.github/workflows/test-mcp-servers.yml";
    const r = scanSources([{ path, text: readFileSync(join(FIXTURES, "claude-code-action", path), "utf8") }]);
    // `uses: ./base-action` (the action's base action, in its own repository) is not named claude-code-action: read as a GitHub Action's input.
    expect(servers(r)).toEqual(["github-action test-server 33:39 bun"]);
    expect(r.model.files[0]?.format).toBe("github-action-mcp-config");
    expect(rows(r)).toEqual([]);
  });

  it("a block scalar: servers at their lines, ${{ secrets.X }} a reference, a literal token reported once at its column", () => {
    const token = fakeGitHubToken("ghp", "claude-code-action");
    const r = scanSources([{ path: ".github/workflows/claude.yml", text: workflow(token) }]);
    expect(servers(r)).toEqual(["claude-code-action database 15:17 npx", "claude-code-action github 20:17 npx"]);
    expect(r.model.files[0]?.format).toBe("claude-code-action");
    expect(credentials(r)).toEqual(["database DATABASE_URL secretStore:secrets.DATABASE_URL 18:44", "github GITHUB_PERSONAL_ACCESS_TOKEN literal 23:60"]);
    // The unpinned package (17:34), the literal token inside the block (23:61); the secrets reference is no finding.
    expect(rows(r)).toEqual(["unpinned-package warning 17:34", "hardcoded-secret error 23:61", "long-lived-token warning 23:61"]);
    expect(r.findings[1]?.message).toContain("'github'");
    expect(inventoryText(r.model)).not.toContain(token);
  });

  it("a bearer token an earlier step mints (Port's bridge): identity unknown, with that step's output as evidence; a switch header is no credential", () => {
    const text = [
      "on: workflow_dispatch",
      "jobs:",
      "  run:",
      "    runs-on: ubuntu-latest",
      "    steps:",
      "      - uses: anthropics/claude-code-action@beta",
      "        with:",
      "          mcp_config: |",
      '            { "mcpServers": { "port-prod": { "command": "npx", "args": ["mcp-remote@0.1.29", "${{ env.PORT_MCP_URL }}",',
      '              "--header", "Authorization: Bearer ${{ steps.port-auth.outputs.access_token }}", "--header", "x-read-only-mode: 0"] } } }',
      "",
    ].join("\n");
    const r = scanSources([{ path: ".github/workflows/port.yml", text }]);
    expect(credentials(r)).toEqual(["port-prod --header builtin:steps.port-auth.outputs.access_token 10:27"]);
    expect(inventoryText(r.model)).toContain("identity: unknown");
    expect(inventoryJson(r.model)).toContain("computed by an earlier step of the workflow (steps.port-auth.outputs.access_token)");
  });

  it("only a workflow's steps are read, and only an mcpServers document (a path, another file's mcp_config, a double-quoted value are not)", () => {
    const block = workflow("${{ secrets.GH_TOKEN }}");
    const asPath = block.replace(/mcp_config: \|[\s\S]*$/, "mcp_config: /tmp/mcp-config.json\n");
    const quoted = block.replace(/mcp_config: \|[\s\S]*$/, 'mcp_config: "{\\"mcpServers\\": {\\"a\\": {\\"command\\": \\"npx\\", \\"args\\": [\\"-y\\", \\"a-mcp\\"]}}}"\n');
    const r = scanSources([
      { path: "docs/claude.yml", text: block },
      { path: ".github/workflows/path.yml", text: asPath },
      { path: ".github/workflows/quoted.yml", text: quoted },
    ]);
    expect(servers(r)).toEqual([]);
  });
});
