import { describe, expect, it } from "vitest";
import { at, creds, find, scanFixture, summary } from "./helpers.js";

const C = "codex";
const FILE = ".codex/config.toml";

describe("Codex CLI (.codex/config.toml)", () => {
  const f = scanFixture(C);

  it("reads [mcp_servers.<name>] tables", () => {
    expect(f.result.diagnostics).toEqual([]);
    expect(f.servers.map((s) => s.id)).toEqual([`${FILE}#mcp_servers.acme-notes`, `${FILE}#mcp_servers.acme-remote`, `${FILE}#mcp_servers.acme-admin`, `${FILE}#mcp_servers.acme-files`]);
  });

  it("env values are literal (Codex expands nothing there); env_vars are passthrough references", () => {
    const s = f.server("acme-notes");
    expect(summary(s)).toEqual({
      client: "codex", scope: "project", transport: "stdio", enabled: true, command: "npx", args: ["-y", "@acme/notes-mcp"],
      env: { ACME_REGION: "literal", ACME_TOKEN: "literal !${ACME_TOKEN}" }, headers: {}, passthrough: ["ACME_API_KEY"],
      include: ["search_notes", "get_note"], grants: [],
    });
    expect(creds(s)).toMatchObject({ "env:ACME_API_KEY": "env:ACME_API_KEY" });
  });

  it("bearer_token_env_var and env_http_headers are env references; http_headers are literal", () => {
    const s = f.server("acme-remote");
    expect(summary(s)).toEqual({
      client: "codex", scope: "project", transport: "http", enabled: true, args: [], url: "https://mcp.acme.example/mcp", env: {},
      headers: { "X-Api-Key": "literal" }, exclude: ["purge"], grants: [],
    });
    expect(creds(s)).toEqual({ "header:Authorization": "env:ACME_MCP_TOKEN", "header:X-Acme-Org": "env:ACME_ORG", "header:X-Api-Key": "literal" });
  });

  it("enabled = false; default_tools_approval_mode = approve is trust-all; per-tool approve is an auto-approve list", () => {
    expect(summary(f.server("acme-admin"))).toMatchObject({ enabled: false, grants: ["trust-all:default_tools_approval_mode"] });
    const files = f.server("acme-files");
    expect(summary(files)).toMatchObject({ autoApprove: ["write_file"], grants: ["auto-approve-list:tools.approval_mode"] });
    expect(files.facts.map((x) => x.kind)).toEqual(["root-filesystem"]);
  });
});

describe("Codex CLI positions", () => {
  const f = scanFixture(C);
  it("server entries and values carry exact lines and columns", () => {
    expect(at(f.server("acme-notes").loc)).toEqual(find(C, FILE, "acme-notes]"));
    expect(at(f.server("acme-remote").loc)).toEqual(find(C, FILE, "acme-remote]"));
    const notes = f.server("acme-notes");
    expect(at(notes.env.find((v) => v.key === "ACME_REGION")?.loc)).toEqual(find(C, FILE, '"eu-west-1"'));
    expect(at(notes.credentials.find((c) => c.key === "ACME_API_KEY")?.loc)).toEqual(find(C, FILE, '"ACME_API_KEY"'));
    const remote = f.server("acme-remote");
    expect(at(remote.headers[0]?.loc)).toEqual(find(C, FILE, '"VZM3YLnz'));
    expect(at(remote.credentials.find((c) => c.key === "Authorization")?.loc)).toEqual(find(C, FILE, '"ACME_MCP_TOKEN"'));
    expect(at(f.server("acme-admin").tools.grants[0]?.loc)).toEqual(find(C, FILE, '"approve"'));
    expect(at(f.server("acme-files").tools.grants[0]?.loc)).toEqual(find(C, FILE, '"approve"', 2));
    expect(at(f.server("acme-files").facts[0]?.loc)).toEqual(find(C, FILE, '"/"'));
  });
});
