import { describe, expect, it } from "vitest";
import { scanSources } from "../../../src/api.js";
import { at, creds, find, scanFixture, summary } from "./helpers.js";

const C = "opencode";
const FILE = "opencode.jsonc";

describe("opencode", () => {
  const f = scanFixture(C);

  it("type local with a command array and `environment`; {env:X} is a reference", () => {
    const s = f.server("acme-notes");
    expect(summary(s)).toEqual({
      client: "opencode", scope: "project", transport: "stdio", enabled: true, command: "npx", args: ["-y", "@acme/notes-mcp"],
      env: { ACME_API_KEY: "env:ACME_API_KEY", ACME_SECRET: "literal" }, headers: {}, grants: [],
    });
    expect(at(s.loc)).toEqual(find(C, FILE, '"acme-notes"'));
    expect(at(s.command?.loc)).toEqual(find(C, FILE, '"npx"'));
    expect(at(s.env[1]?.loc)).toEqual(find(C, FILE, '"NZvCcixA'));
  });

  it("type remote; `${VAR}` is unexpanded; {file:} in oauth.clientSecret is a file reference; enabled: false", () => {
    const s = f.server("acme-remote");
    expect(summary(s)).toMatchObject({ transport: "http", enabled: false, headers: { Authorization: "env:ACME_MCP_TOKEN", "X-Acme-Org": "literal !${ACME_ORG}" } });
    expect(creds(s)["oauth:oauth.clientSecret"]).toBe("file:~/.secrets/acme-client-secret");
  });

  it("reads .agents/mcp.json as a bare server map", () => {
    const s = f.server("acme-agents");
    expect(s.id).toBe(".agents/mcp.json#acme-agents");
    expect(summary(s)).toMatchObject({ transport: "stdio", command: "acme-agents-mcp", args: ["--root", "/"], env: { ACME_TOKEN: "env:ACME_TOKEN" } });
  });

  it("reads the servers of a `.agents/mcp.json` that wraps them in `servers` or `mcpServers` (another agent's file of that name), not a server named after the key", () => {
    for (const key of ["servers", "mcpServers"]) {
      const text = `{ "version": 1, "${key}": { "notes": { "command": "npx", "args": ["-y", "@acme/notes-mcp@1.2.0"], "env": { "ACME_TOKEN": "{env:ACME_TOKEN}" } } } }\n`;
      const r = scanSources([{ path: ".agents/mcp.json", text }]);
      expect(r.model.servers.map((s) => [s.name, s.id, s.command?.raw]), key).toEqual([["notes", `.agents/mcp.json#${key}.notes`, "npx"]]);
    }
  });
});
