/**
 * OpenHands reads the `[mcp]` table of `config.toml` (the folder it runs in, or `~/.openhands/`): `sse_servers` and
 * `shttp_servers` (a URL, or `{ url, api_key }` with the key sent as `Authorization: Bearer`) and `stdio_servers`
 * (`{ name, command, args, env }`); its CLI keeps `mcpServers` in `~/.openhands/mcp.json`. Firebase Studio reads a
 * workspace's `.idx/mcp.json` and Firebender `firebender.json`, both `mcpServers` maps.
 */
import { describe, expect, it } from "vitest";
import { scanSources } from "../../../src/api.js";
import { classifyPath } from "../../../src/catalog/classify.js";
import { FAKE_CREDENTIAL } from "../../helpers.js";

const literal = FAKE_CREDENTIAL;

const configToml = [
  "[core]",
  'workspace_base = "./workspace"',
  "",
  "[mcp]",
  "sse_servers = [",
  '    "http://tools.acme.test:8080/mcp",',
  `    {url="https://secure.acme.test/mcp", api_key="${literal}"},`,
  "]",
  'shttp_servers = [{ url = "https://api.acme.test/mcp", api_key = "${ACME_KEY}", timeout = 60 }]',
  "stdio_servers = [",
  '    {name="fetch", command="uvx", args=["mcp-server-fetch==2025.4.7"]},',
  '    {name="files", command="npx", args=["-y", "@modelcontextprotocol/server-filesystem@2025.8.21", "/"]},',
  "]",
  "",
].join("\n");

describe("OpenHands config.toml [mcp]", () => {
  const r = scanSources([{ path: "config.toml", text: configToml }]);
  const server = (name: string) => r.model.servers.find((s) => s.name === name);

  it("reads each list: a bare URL or { url, api_key } as a remote server named by its place, stdio entries by name", () => {
    expect(r.model.servers.map((s) => [s.client, s.scope, s.name, s.transport, s.url?.raw ?? s.command?.raw, s.loc.line, s.loc.column])).toEqual([
      ["openhands", "project", "sse_servers[0]", "sse", "http://tools.acme.test:8080/mcp", 6, 5],
      ["openhands", "project", "sse_servers[1]", "sse", "https://secure.acme.test/mcp", 7, 5],
      ["openhands", "project", "shttp_servers[0]", "http", "https://api.acme.test/mcp", 9, 18],
      ["openhands", "project", "fetch", "stdio", "uvx", 11, 11],
      ["openhands", "project", "files", "stdio", "npx", 12, 11],
    ]);
  });

  it("reads api_key as the bearer token it sends: a literal one is a hardcoded secret, a reference is not", () => {
    expect(server("sse_servers[1]")?.credentials.map((c) => [c.source, c.key, c.ref.kind])).toEqual([["header", "api_key", "literal"]]);
    expect(server("shttp_servers[0]")?.credentials.map((c) => [c.source, c.key, c.ref.kind, "name" in c.ref ? c.ref.name : undefined])).toEqual([["header", "api_key", "env", "ACME_KEY"]]);
    expect(r.findings.filter((f) => f.ruleId === "hardcoded-secret").map((f) => [f.server?.name, f.loc.line, f.loc.column])).toEqual([["sse_servers[1]", 7, 51]]);
    expect(r.findings.filter((f) => f.ruleId === "unauthenticated-remote").map((f) => f.server?.name)).toEqual(["sse_servers[0]"]);
    expect(r.findings.filter((f) => f.ruleId === "broad-resource-access").map((f) => [f.server?.name, f.loc.line])).toEqual([["files", 12]]);
  });

  it("reads [[mcp.stdio_servers]] tables too, and leaves any other config.toml to the plain-text scan", () => {
    const tables = scanSources([{ path: "deploy/openhands/config.toml", text: '[[mcp.stdio_servers]]\nname = "git"\ncommand = "uvx"\nargs = ["mcp-server-git==0.6.2"]\n' }]);
    expect(tables.model.servers.map((s) => [s.client, s.name, s.loc.line])).toEqual([["openhands", "git", 2]]);
    const hugo = scanSources([{ path: "config.toml", text: 'baseURL = "https://acme.test/"\n[params]\nmcp = true\nsse_servers = 1\n' }]);
    expect(hugo.model.files.map((f) => f.format)).toEqual(["text"]);
    expect(hugo.model.servers).toEqual([]);
  });

  it("reads ~/.openhands/config.toml and the CLI's ~/.openhands/mcp.json as the user's", () => {
    const user = scanSources([
      { path: "home/.openhands/config.toml", text: '[mcp]\nstdio_servers = [{ name = "time", command = "uvx", args = ["mcp-server-time==0.6.2"] }]\n' },
      { path: "home/.openhands/mcp.json", text: JSON.stringify({ mcpServers: { notes: { url: "https://notes.acme.test/mcp", headers: { Authorization: "Bearer ${NOTES_TOKEN}" } } } }, null, 2) },
    ]);
    expect(user.model.servers.map((s) => [s.client, s.scope, s.name, s.transport])).toEqual([
      ["openhands", "user", "time", "stdio"],
      ["openhands", "user", "notes", "http"],
    ]);
  });
});

describe("Firebase Studio and Firebender", () => {
  it("reads .idx/mcp.json as Firebase Studio's and firebender.json as Firebender's (project and user)", () => {
    const r = scanSources([
      { path: ".idx/mcp.json", text: JSON.stringify({ mcpServers: { firebase: { command: "npx", args: ["-y", "firebase-tools@14.11.0", "experimental:mcp"] } } }, null, 2) },
      { path: "firebender.json", text: JSON.stringify({ rules: ["Use Kotlin"], mcpServers: { linear: { url: "https://mcp.linear.app/sse", headers: { Authorization: `Bearer ${literal}` } } } }, null, 2) },
    ]);
    expect(r.model.servers.map((s) => [s.client, s.scope, s.name, s.transport])).toEqual([
      ["firebase-studio", "project", "firebase", "stdio"],
      ["firebender", "project", "linear", "http"],
    ]);
    expect(r.findings.filter((f) => f.ruleId === "hardcoded-secret").map((f) => [f.loc.file, f.server?.name])).toEqual([["firebender.json", "linear"]]);
    expect(classifyPath("home/.firebender/firebender.json")).toMatchObject({ client: "firebender", scope: "user" });
  });
});
