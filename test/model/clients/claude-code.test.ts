import { describe, expect, it } from "vitest";
import { at, creds, find, scanFixture, summary } from "./helpers.js";

const C = "claude-code";

describe("Claude Code", () => {
  const f = scanFixture(C);

  it("classifies every file it knows", () => {
    expect(f.result.model.files.map((x) => [x.path, x.format])).toEqual([
      [".mcp.json", "claude-code-project"],
      ["etc/claude-code/managed-mcp.json", "claude-code-managed-mcp"],
      ["home/.claude.json", "claude-code-user"],
      ["home/.claude/plugins/cache/acme/notes/1.2.0/.mcp.json", "claude-code-plugin"],
    ]);
    expect(f.result.diagnostics).toEqual([]);
  });

  describe(".mcp.json (project)", () => {
    it("expands ${VAR} and ${VAR:-default}", () => {
      expect(summary(f.server("acme-notes", ".mcp.json"))).toEqual({
        client: "claude-code", scope: "project", transport: "stdio", enabled: true, command: "npx", args: ["-y", "@acme/notes-mcp"],
        env: { ACME_API_KEY: "env:ACME_API_KEY", ACME_REGION: "env:ACME_REGION:-eu-west-1" }, headers: {}, grants: [],
      });
    });

    it("treats streamable-http as http, `${env:X}` as unexpanded text and keeps literal headers", () => {
      const s = f.server("acme-remote");
      expect(summary(s)).toEqual({
        client: "claude-code", scope: "project", transport: "http", enabled: true, args: [], url: "https://mcp.acme.example/mcp", env: {},
        headers: { Authorization: "literal !${env:ACME_MCP_TOKEN}", "X-Acme-Key": "literal" }, grants: [],
      });
      expect(at(s.loc)).toEqual(find(C, ".mcp.json", '"acme-remote"'));
      expect(at(s.headers[1]?.loc)).toEqual(find(C, ".mcp.json", '"aW8z1QCS'));
      expect(at(s.headers[1]?.keyLoc)).toEqual(find(C, ".mcp.json", '"X-Acme-Key"'));
    });

    it("flags a filesystem server rooted at /", () => {
      const s = f.server("root-files");
      expect(s.transport).toBe("stdio");
      expect(s.facts.map((x) => [x.kind, ...(at(x.loc) ?? [])])).toEqual([["root-filesystem", ...find(C, ".mcp.json", '"/"]')]]);
    });
  });

  describe("~/.claude.json", () => {
    it("reads user servers and per-project local servers, honouring disabledMcpServers", () => {
      const file = "home/.claude.json";
      expect(summary(f.server("acme-search"))).toMatchObject({ scope: "user", transport: "sse", url: "https://search.acme.example/sse", headers: { Authorization: "env:ACME_SEARCH_TOKEN" } });
      const db = f.server("acme-db");
      expect(db.id).toBe(`${file}#projects./home/dev/acme-app.mcpServers.acme-db`);
      expect(summary(db)).toMatchObject({ scope: "local", transport: "stdio", enabled: false, command: "acme-db-mcp", env: { ACME_DB_PASSWORD: "literal" } });
      expect(at(db.loc)).toEqual(find(C, file, '"acme-db": {'));
      expect(at(db.env[0]?.loc)).toEqual(find(C, file, '"vkboEartf'));
      expect(summary(f.server("acme-ws"))).toMatchObject({ scope: "local", transport: "ws", enabled: true });
    });
  });

  it("reads an installed plugin's bare .mcp.json map with plugin placeholders as builtins", () => {
    const file = "home/.claude/plugins/cache/acme/notes/1.2.0/.mcp.json";
    const s = f.server("acme-plugin-notes");
    expect(summary(s)).toEqual({
      client: "claude-code", scope: "user", transport: "stdio", enabled: true, command: "${CLAUDE_PLUGIN_ROOT}/bin/notes-mcp", args: ["--data", "${CLAUDE_PLUGIN_DATA}"],
      env: { ACME_API_KEY: "env:ACME_API_KEY" }, headers: {}, grants: [],
    });
    expect(s.command?.ref).toEqual({ kind: "builtin", name: "CLAUDE_PLUGIN_ROOT" });
    expect(s.id).toBe(`${file}#acme-plugin-notes`);
    expect(at(s.loc)).toEqual(find(C, file, '"acme-plugin-notes"'));
  });

  it("reads managed-mcp.json at managed scope (a literal there is readable by every user)", () => {
    const s = f.server("acme-managed");
    expect(summary(s)).toMatchObject({ scope: "managed", transport: "http", headers: { "X-Acme-Key": "literal" } });
    expect(creds(s)).toEqual({ "header:X-Acme-Key": "literal" });
    expect(at(s.headers[0]?.loc)).toEqual(find(C, "etc/claude-code/managed-mcp.json", '"xNkaDTr1'));
  });
});

describe("Claude Code reads .mcp.json as strict JSON", () => {
  it("a comment or a trailing comma is a parse error, and the servers are still modelled and checked", async () => {
    const { scanSources } = await import("../../../src/api.js");
    const r = scanSources([{ path: ".mcp.json", text: `{\n  // team servers\n  "mcpServers": { "notes": { "command": "npx", "args": ["-y", "acme-notes-mcp"], }, },\n}\n` }]);
    expect(r.model.servers.map((s) => s.name)).toEqual(["notes"]);
    expect(r.findings.map((f) => `${f.ruleId} ${f.loc.line}:${f.loc.column}`)).toEqual(["parse-error 2:3", "unpinned-package 3:63", "parse-error 3:80", "parse-error 3:83", "parse-error 3:86"]);
    expect(r.findings[0]?.message).toContain("comments are not allowed");
    // A real syntax error still stops the model: a half-read config would mislead.
    expect(scanSources([{ path: ".mcp.json", text: `{ "mcpServers": { "notes": { "command": "npx" ` }]).model.servers).toEqual([]);
  });
});

describe("Claude Code entries with a url and no type", () => {
  it("are a warning diagnostic: Claude Code reads them as stdio servers and rejects them", async () => {
    const { scanSources } = await import("../../../src/api.js");
    const r = scanSources([{ path: ".mcp.json", text: `{ "mcpServers": {\n  "notes": { "url": "https://mcp.acme.example/mcp" },\n  "ok": { "type": "http", "url": "https://mcp.acme.example/mcp" } } }\n` }]);
    expect(r.diagnostics.map((d) => `${d.level} ${d.code} ${d.loc?.line}:${d.loc?.column}`)).toEqual(["warning config 2:3"]);
    expect(r.diagnostics[0]?.message).toContain(`add "type": "http" or "sse"`);
  });
});
