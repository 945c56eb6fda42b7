import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { scanSources } from "../../../src/api.js";
import { FIXTURES, folderSources } from "../../helpers.js";
import { at, creds, find, scanFixture, summary } from "./helpers.js";

const C = "cursor";
const FILE = ".cursor/mcp.json";

describe("Cursor (.cursor/mcp.json)", () => {
  const f = scanFixture(C);

  it("reads a url entry with no type as http, ${env:} headers and a literal auth.CLIENT_SECRET", () => {
    const s = f.server("acme-remote");
    expect(summary(s)).toEqual({ client: "cursor", scope: "project", transport: "http", enabled: true, args: [], url: "https://mcp.acme.example/mcp", env: {}, headers: { Authorization: "env:ACME_MCP_TOKEN" }, grants: [] });
    expect(creds(s)).toEqual({ "header:Authorization": "env:ACME_MCP_TOKEN", "oauth:auth.CLIENT_SECRET": "literal" });
    const secret = s.credentials.find((c) => c.key === "auth.CLIENT_SECRET");
    expect(at(secret?.loc)).toEqual(find(C, FILE, '"y1I1kzDU'));
    expect(at(secret?.keyLoc)).toEqual(find(C, FILE, '"CLIENT_SECRET"'));
  });

  it("marks `$VAR` (not a Cursor syntax) unexpanded; ${userHome} is a builtin", () => {
    const s = f.server("acme-notes");
    expect(summary(s).env).toEqual({ ACME_API_KEY: "literal !$ACME_API_KEY", ACME_CACHE: "builtin:userHome" });
    expect(at(s.loc)).toEqual(find(C, FILE, '"acme-notes"'));
  });

  it("reads type streamable-http as http", () => {
    expect(f.server("acme-stream").transport).toBe("http");
  });
});

describe("Cursor mcp.json with VS Code's servers object", () => {
  it("is a warning diagnostic at the key: Cursor reads only mcpServers, so those servers never start (real: fixtures/wrong-servers-key)", () => {
    const r = scanSources(folderSources(path.join(FIXTURES, "wrong-servers-key")));
    expect(r.model.servers).toEqual([]);
    expect(r.diagnostics.map((d) => `${d.level} ${d.code} ${d.file} ${d.loc?.line}:${d.loc?.column}`)).toEqual(["warning config .cursor/mcp.json 2:3"]);
    expect(r.diagnostics[0]?.message).toBe(".cursor/mcp.json:2:3: Cursor reads servers from `mcpServers`, not `servers` (VS Code's key), so it never starts 'carpai-github', 'carpai-postgres' (rename the key to \"mcpServers\")");
    // Both keys: Cursor reads mcpServers, and no word about the other.
    const both = scanSources([{ path: FILE, text: `{ "mcpServers": { "a": { "command": "acme-a" } }, "servers": { "b": { "command": "acme-b" } } }\n` }]);
    expect([both.model.servers.map((s) => s.name), both.diagnostics]).toEqual([["a"], []]);
  });
});
