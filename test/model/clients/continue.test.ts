import { describe, expect, it } from "vitest";
import { scanSources } from "../../../src/api.js";
import type { McpServer } from "../../../src/model/types.js";
import { fakeGitHubToken } from "../../../src/rules/fake-secrets.js";
import { at, creds, find, scanFixture, summary } from "./helpers.js";

const C = "continue";
const CONFIG = ".continue/config.yaml";

describe("Continue", () => {
  const f = scanFixture(C);

  it("reads the mcpServers list with `name`; ${{ secrets.X }} is a secret-store reference", () => {
    expect(f.result.diagnostics).toEqual([]);
    const s = f.server("acme-notes");
    expect(summary(s)).toEqual({
      client: "continue", scope: "project", transport: "stdio", enabled: true, command: "npx", args: ["-y", "@acme/notes-mcp"],
      env: { ACME_API_KEY: "secretStore:secrets.ACME_API_KEY", ACME_REGION: "literal !${ACME_REGION}" }, headers: {}, grants: [],
    });
    expect(s.id).toBe(`${CONFIG}#mcpServers[0]`);
    // The entry's location is its `name:` value.
    expect(at(s.loc)).toEqual(find(C, CONFIG, "acme-notes"));
    expect(at(s.env[0]?.loc)).toEqual(find(C, CONFIG, "${{ secrets.ACME_API_KEY }}"));
  });

  it("a literal apiKey is a credential; requestOptions.headers are headers", () => {
    const s = f.server("acme-remote");
    expect(summary(s)).toMatchObject({ transport: "http", url: "https://mcp.acme.example/mcp", headers: { "X-Acme-Org": "secretStore:secrets.ACME_ORG" } });
    expect(creds(s)).toEqual({ "header:X-Acme-Org": "secretStore:secrets.ACME_ORG", "setting:apiKey": "literal" });
    expect(at(s.credentials.find((c) => c.key === "apiKey")?.loc)).toEqual(find(C, CONFIG, "GoP1mFsS"));
  });

  it("reads .continue/mcpServers/*.yaml blocks and Claude-shaped *.json blocks", () => {
    const search = f.server("acme-search");
    expect(search.file).toBe(".continue/mcpServers/acme-search.yaml");
    expect(summary(search)).toMatchObject({ transport: "sse" });
    expect(creds(search)).toEqual({ "setting:apiKey": "secretStore:secrets.ACME_SEARCH_KEY" });
    const copied = f.server("acme-copied");
    expect(copied.file).toBe(".continue/mcpServers/copied-from-claude.json");
    expect(summary(copied).env).toEqual({ ACME_TOKEN: "literal !${env:ACME_TOKEN}" });
  });
});

describe("Continue hub and local blocks (`- uses:`)", () => {
  const token = fakeGitHubToken("ghp", "continue-uses");
  const text = `name: Acme
version: 1.0.0
schema: v1
mcpServers:
  - uses: acme/notes-mcp
  - uses: acme/github-mcp
    with:
      GITHUB_PERSONAL_ACCESS_TOKEN: ${token}
      ACME_ORG: \${{ secrets.ACME_ORG }}
  - name: acme-local
    command: acme-local-mcp
`;
  const result = scanSources([{ path: CONFIG, text }]);

  it("are named by what they use, and their `with:` inputs are the server's credentials", () => {
    expect(result.model.servers.map((s) => s.name)).toEqual(["acme/notes-mcp", "acme/github-mcp", "acme-local"]);
    const gh = result.model.servers[1] as McpServer;
    expect(at(gh.loc)).toEqual([6, 11]);
    expect(creds(gh)).toEqual({ "setting:with.GITHUB_PERSONAL_ACCESS_TOKEN": "literal", "setting:with.ACME_ORG": "secretStore:secrets.ACME_ORG" });
    const hit = result.findings.find((f) => f.ruleId === "hardcoded-secret");
    expect([hit?.server?.name, hit?.loc.line, hit?.loc.column]).toEqual(["acme/github-mcp", 8, 37]);
  });
});

describe("Continue legacy config.json (experimental.modelContextProtocolServers)", () => {
  const token = fakeGitHubToken("ghp", "continue-legacy");
  const text = `{
  "models": [],
  "experimental": {
    "modelContextProtocolServers": [
      { "name": "acme-notes", "transport": { "type": "stdio", "command": "npx", "args": ["-y", "@acme/notes-mcp@1.0.0"], "env": { "ACME_TOKEN": "${token}" } } },
      { "transport": { "type": "sse", "url": "https://mcp.acme.example/sse" } }
    ]
  }
}
`;
  const result = scanSources([{ path: ".continue/config.json", text }]);

  it("models each entry of the list with its nested transport", () => {
    expect(result.model.servers.map((s) => [s.name, s.client, s.transport, s.command?.raw ?? s.url?.raw])).toEqual([
      ["acme-notes", "continue", "stdio", "npx"],
      ["#1", "continue", "sse", "https://mcp.acme.example/sse"],
    ]);
    const hit = result.findings.find((f) => f.ruleId === "hardcoded-secret");
    expect([hit?.server?.name, hit?.loc.line]).toEqual(["acme-notes", 5]);
  });
});

describe("Continue local profiles (.continue/assistants, agents, configs)", () => {
  const token = fakeGitHubToken("ghp", "continue-profile");
  const profile = (name: string) => `name: ${name}
version: 0.0.1
schema: v1
mcpServers:
  - name: ${name}-mcp
    command: npx
    args: ["-y", "@acme/notes-mcp@1.0.0"]
    env:
      ACME_TOKEN: ${token}
`;
  const paths = [".continue/agents/review.yml", ".continue/assistants/local.yaml", ".continue/configs/work.yaml"];
  const result = scanSources(paths.map((p, i) => ({ path: p, text: profile(`p${i}`) })));

  it("each YAML file there is a whole config: its servers are modelled and their literal credentials reported", () => {
    expect(result.model.servers.map((s) => [s.name, s.client, s.file])).toEqual(paths.map((p, i) => [`p${i}-mcp`, "continue", p]));
    const hits = result.findings.filter((f) => f.ruleId === "hardcoded-secret");
    expect(hits.map((f) => [f.server?.name, f.loc.line, f.loc.column])).toEqual(paths.map((_, i) => [`p${i}-mcp`, 9, 19]));
  });
});

describe("Continue JSON blocks (.continue/mcpServers/*.json, loadJsonMcpConfigs)", () => {
  const token = fakeGitHubToken("ghp", "continue-json");
  const result = scanSources([
    // One server alone: Continue names it after the file.
    { path: ".continue/mcpServers/github.json", text: `{\n  "command": "npx",\n  "args": ["-y", "@modelcontextprotocol/server-github"],\n  "env": { "GITHUB_PERSONAL_ACCESS_TOKEN": "\${GITHUB_PERSONAL_ACCESS_TOKEN}", "GITHUB_HOST": "\${GITHUB_HOST:-github.com}" }\n}\n` },
    // Claude Code's shape: the top-level map and each project's.
    { path: ".continue/mcpServers/claude.json", text: `{\n  "mcpServers": { "notes": { "command": "acme-notes-mcp", "env": { "ACME_KEY": "${token}" } } },\n  "projects": {\n    "/home/dev/app": { "mcpServers": { "docs": { "type": "http", "url": "https://mcp.acme.example/mcp", "headers": { "Authorization": "Bearer \${ACME_TOKEN}" } } } }\n  }\n}\n` },
  ]);
  const server = (name: string) => result.model.servers.find((s) => s.name === name) as McpServer;

  it("a file that is one server is that server, named after the file", () => {
    const s = server("github");
    expect(s.file).toBe(".continue/mcpServers/github.json");
    expect(summary(s)).toMatchObject({ transport: "stdio", command: "npx", args: ["-y", "@modelcontextprotocol/server-github"] });
  });

  it("`${VAR}` in an env value is the Continue secret it is rewritten to, not unexpanded text; headers keep the text", () => {
    expect(creds(server("github"))).toEqual({ "env:GITHUB_PERSONAL_ACCESS_TOKEN": "secretStore:secrets.GITHUB_PERSONAL_ACCESS_TOKEN", "env:GITHUB_HOST": "literal !${GITHUB_HOST:-...}" });
    const unexpanded = result.findings.filter((f) => f.ruleId === "unexpanded-reference").map((f) => [f.loc.file, f.loc.line, f.loc.column, f.server?.name]);
    // `${VAR:-d}` makes no valid secret name, and a header is not rewritten: both reach the server as text.
    expect(unexpanded).toEqual([
      [".continue/mcpServers/claude.json", 4, 135, "docs"],
      [".continue/mcpServers/github.json", 4, 94, "github"],
    ]);
  });

  it("Claude Code's shape gives the top-level servers and each project's", () => {
    expect(result.model.servers.filter((s) => s.file === ".continue/mcpServers/claude.json").map((s) => s.name)).toEqual(["notes", "docs"]);
    expect(server("docs").id).toBe(".continue/mcpServers/claude.json#projects./home/dev/app.mcpServers.docs");
    const hit = result.findings.find((f) => f.ruleId === "hardcoded-secret");
    expect([hit?.server?.name, hit?.loc.line]).toEqual(["notes", 2]);
  });

  it("a block whose `type` is no text is rejected by Continue's schema: no server (real continuedev DeepWiki.json)", () => {
    const f = scanFixture(C);
    expect(f.result.model.servers.filter((s) => s.file.endsWith("DeepWiki.json"))).toEqual([]);
  });
});

describe("Continue: an entry's `headers` map, which Continue's schema drops (it reads requestOptions.headers)", () => {
  const token = fakeGitHubToken("ghp", "continue-headers");
  const path = ".continue/mcpServers/acme.yaml";
  const text = `name: Acme\nversion: 0.0.1\nschema: v1\nmcpServers:\n  - name: acme\n    type: streamable-http\n    url: https://mcp.acme.example/mcp\n    headers:\n      Authorization: "Bearer ${token}"\n`;
  const result = scanSources([{ path, text }]);

  it("is no header of the server: it is sent none, which a warning says", () => {
    const s = result.model.servers[0] as McpServer;
    expect([s.name, s.headers, s.credentials]).toEqual(["acme", [], []]);
    expect(result.diagnostics.map((d) => [d.level, d.loc?.line, d.loc?.column, d.message.replace(/^.*?: /, "")])).toEqual([
      ["warning", 8, 5, "Continue reads an MCP server's headers from `requestOptions.headers`, not `headers`, so it never sends 'Authorization' to 'acme' (move them under requestOptions.headers)"],
    ]);
  });

  it("its literal token is still reported, as text of the file; the server is reported as unauthenticated", () => {
    const rows = result.findings.map((f) => [f.ruleId, f.loc.line, f.loc.column, f.server?.name ?? null]);
    expect(rows).toContainEqual(["hardcoded-secret", 9, 30, null]);
    expect(rows).toContainEqual(["unauthenticated-remote", 7, 10, "acme"]);
  });
});
