/**
 * Mistral Vibe: `[[mcp_servers]]` in `.vibe/config.toml` (a trusted project's) or `~/.vibe/config.toml`, each
 * with a `name` and a `transport`; a remote entry's `auth` is static (`headers`, `api_key_env` sent in
 * `api_key_header`) or OAuth, and the legacy form writes the static keys beside `url`.
 */
import { describe, expect, it } from "vitest";
import { scanSources } from "../../../src/api.js";
import { userLocationPatterns } from "../../../src/discover/user-locations.js";
import { FAKE_CREDENTIAL } from "../../helpers.js";

const literal = FAKE_CREDENTIAL;

const toml = [
  'active_model = "devstral-2"',
  "",
  "[[mcp_servers]]",
  'name = "fetch"',
  'transport = "stdio"',
  'command = "uvx"',
  'args = ["mcp-server-fetch==2025.4.7"]',
  "",
  "[[mcp_servers]]",
  'name = "notes"',
  'transport = "http"',
  'url = "https://notes.acme.test/mcp"',
  `headers = { "Authorization" = "Bearer ${literal}" }`,
  "",
  "[[mcp_servers]]",
  'name = "search"',
  'transport = "streamable-http"',
  'url = "https://search.acme.test/mcp"',
  'auth = { type = "static", api_key_env = "ACME_SEARCH_TOKEN", api_key_header = "X-Api-Key" }',
  "",
  "[[mcp_servers]]",
  'name = "tickets"',
  'transport = "streamable-http"',
  'url = "https://tickets.acme.test/mcp"',
  'api_key_env = "ACME_TICKETS_TOKEN"',
  "",
  "[[mcp_servers]]",
  'name = "linear"',
  'transport = "streamable-http"',
  'url = "https://mcp.linear.app/mcp"',
  'auth = { type = "oauth", scopes = [] }',
  "",
].join("\n");

describe("Mistral Vibe .vibe/config.toml", () => {
  const r = scanSources([{ path: ".vibe/config.toml", text: toml }]);
  const creds = (name: string) => r.model.servers.find((s) => s.name === name)?.credentials.map((c) => [c.source, c.key, c.ref.kind, "name" in c.ref ? c.ref.name : undefined]);

  it("reads each [[mcp_servers]] entry by its name and transport", () => {
    expect(r.model.servers.map((s) => [s.client, s.scope, s.name, s.transport, s.loc.line])).toEqual([
      ["mistral-vibe", "project", "fetch", "stdio", 4],
      ["mistral-vibe", "project", "notes", "http", 10],
      ["mistral-vibe", "project", "search", "http", 16],
      ["mistral-vibe", "project", "tickets", "http", 22],
      ["mistral-vibe", "project", "linear", "http", 28],
    ]);
  });

  it("reads static auth as headers (api_key_env: a reference sent in api_key_header, Authorization by default), OAuth as OAuth", () => {
    expect(creds("notes")).toEqual([["header", "Authorization", "literal", undefined]]);
    expect(creds("search")).toEqual([["header", "X-Api-Key", "env", "ACME_SEARCH_TOKEN"]]);
    expect(creds("tickets")).toEqual([["header", "Authorization", "env", "ACME_TICKETS_TOKEN"]]);
    expect(creds("linear")).toEqual([["oauth", "auth", "secretStore", "auth"]]);
    expect(r.findings.filter((f) => f.ruleId === "hardcoded-secret").map((f) => [f.server?.name, f.loc.line, f.loc.column])).toEqual([["notes", 13, 39]]);
    expect(r.findings.filter((f) => f.ruleId === "unauthenticated-remote")).toEqual([]);
  });

  it("reads ~/.vibe/config.toml, or VIBE_HOME's, as the user's", () => {
    expect(userLocationPatterns({ platform: "linux", env: { HOME: "/home/ada" } })).toContain("/home/ada/.vibe/config.toml");
    expect(userLocationPatterns({ platform: "linux", env: { HOME: "/home/ada", VIBE_HOME: "/opt/vibe" } })).toContain("/opt/vibe/config.toml");
  });
});
