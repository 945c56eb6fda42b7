/**
 * MCPorter (steipete/mcporter): `config/mcporter.json` in a repository and `~/.mcporter/mcporter.json`.
 * Endpoints in `baseUrl` (or `url`, `serverUrl` ...), `command` a string or an array, `${VAR}` and
 * `${VAR:-d}` in env values, `$env:VAR` or `${VAR}` in headers, `bearerToken` / `bearerTokenEnv`.
 */
import { describe, expect, it } from "vitest";
import { scanSources } from "../../../src/api.js";
import { FAKE_CREDENTIAL } from "../../helpers.js";

const literal = FAKE_CREDENTIAL;

const config = JSON.stringify({
  mcpServers: {
    linear: { description: "Linear issues", baseUrl: "https://mcp.linear.app/mcp", headers: { Authorization: "Bearer ${LINEAR_API_KEY}" } },
    sentry: { baseUrl: "https://mcp.sentry.dev/mcp", auth: "oauth" },
    notes: { base_url: "https://notes.acme.test/mcp", headers: { "X-Api-Key": "$env:ACME_NOTES_KEY" } },
    tickets: { baseUrl: "https://tickets.acme.test/mcp", bearerTokenEnv: "ACME_TICKETS_TOKEN" },
    wiki: { baseUrl: "https://wiki.acme.test/mcp", bearerToken: literal },
    firecrawl: { command: "npx -y firecrawl-mcp@1.2.0", env: { FIRECRAWL_API_KEY: "${FIRECRAWL_API_KEY:-}" } },
    github: { command: ["npx", "-y", "@modelcontextprotocol/server-github@2025.4.8"], env: { GITHUB_PERSONAL_ACCESS_TOKEN: "${env:GITHUB_TOKEN}" } },
  },
  imports: ["cursor", "claude-code"],
}, null, 2) + "\n";

function place(text: string, needle: string): [number, number] {
  const before = text.slice(0, text.indexOf(needle)).split("\n");
  return [before.length, (before.at(-1) ?? "").length + 1];
}

describe("MCPorter config/mcporter.json", () => {
  const r = scanSources([{ path: "config/mcporter.json", text: config }]);
  const server = (name: string) => r.model.servers.find((s) => s.name === name);

  it("reads every server with its endpoint (`baseUrl`, `base_url`) or command, as the project's file", () => {
    expect(r.model.servers.map((s) => [s.client, s.scope, s.name, s.transport, s.url?.raw ?? s.command?.raw])).toEqual([
      ["mcporter", "project", "linear", "http", "https://mcp.linear.app/mcp"],
      ["mcporter", "project", "sentry", "http", "https://mcp.sentry.dev/mcp"],
      ["mcporter", "project", "notes", "http", "https://notes.acme.test/mcp"],
      ["mcporter", "project", "tickets", "http", "https://tickets.acme.test/mcp"],
      ["mcporter", "project", "wiki", "http", "https://wiki.acme.test/mcp"],
      ["mcporter", "project", "firecrawl", "stdio", "npx -y firecrawl-mcp@1.2.0"],
      ["mcporter", "project", "github", "stdio", "npx"],
    ]);
  });

  it("takes `${VAR}`, `${VAR:-d}`, `$env:VAR` and `bearerTokenEnv` as references, `bearerToken` and `${env:VAR}` (which it does not expand) as written", () => {
    const refs = (name: string) => server(name)?.credentials.map((c) => [c.key, c.ref.kind, "name" in c.ref ? c.ref.name : undefined]);
    expect(refs("linear")).toEqual([["Authorization", "env", "LINEAR_API_KEY"]]);
    expect(refs("notes")).toEqual([["X-Api-Key", "env", "ACME_NOTES_KEY"]]);
    expect(refs("tickets")).toEqual([["Authorization", "env", "ACME_TICKETS_TOKEN"]]);
    expect(refs("firecrawl")).toEqual([["FIRECRAWL_API_KEY", "env", "FIRECRAWL_API_KEY"]]);
    expect(refs("wiki")).toEqual([["bearerToken", "literal", undefined]]);
    const rules = (id: string) => r.findings.filter((f) => f.ruleId === id).map((f) => [f.server?.name, f.loc.line, f.loc.column]);
    expect(rules("hardcoded-secret")).toEqual([["wiki", ...place(config, literal)]]);
    expect(rules("unexpanded-reference")).toEqual([["github", ...place(config, '"${env:GITHUB_TOKEN}"')]]);
    expect(rules("unauthenticated-remote")).toEqual([]);
  });

  it("reports a plain-HTTP `baseUrl` and an unauthenticated one", () => {
    const text = JSON.stringify({ mcpServers: { local: { baseUrl: "http://mcp.acme.test/mcp" } } }, null, 2) + "\n";
    const found = scanSources([{ path: "config/mcporter.json", text }]).findings.map((f) => [f.ruleId, f.loc.line]);
    expect(found).toEqual(expect.arrayContaining([["plain-http-remote", 4], ["unauthenticated-remote", 4]]));
  });

  it("names a server map written as a list (no server is read from it), as for the other `mcpServers` files", () => {
    const text = JSON.stringify({ mcpServers: [{ name: "linear", baseUrl: "https://mcp.linear.app/mcp" }] }, null, 2) + "\n";
    const r = scanSources([{ path: "config/mcporter.json", text }]);
    expect(r.model.servers).toEqual([]);
    expect(r.diagnostics.filter((d) => d.code === "config").map((d) => [d.loc?.line, d.loc?.column])).toEqual([[2, 3]]);
  });

  it("reads ~/.mcporter/mcporter.json as the user's file", () => {
    const u = scanSources([{ path: ".mcporter/mcporter.json", text: config }]);
    expect(new Set(u.model.servers.map((s) => `${s.client}/${s.scope}`))).toEqual(new Set(["mcporter/user"]));
  });
});
