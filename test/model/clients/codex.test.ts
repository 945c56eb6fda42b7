import { describe, expect, it } from "vitest";
import { scanSources } from "../../../src/api.js";
import { Fake } from "../../../src/secrets/fake.js";
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

describe("Codex `writes` approval mode", () => {
  // codex-rs core/src/mcp_tool_call.rs requires_mcp_tool_approval_for_mode: `Writes` skips the prompt only for
  // tools annotated readOnlyHint = true (no annotation: asked), and allows no "remember" choice. Not an auto-approval.
  it("`default_tools_approval_mode = \"writes\"` and a per-tool `approval_mode = \"writes\"` auto-approve nothing; a per-tool `approve` beside them does", () => {
    const toml = `[mcp_servers.notes]\ncommand = "acme-notes-mcp"\ndefault_tools_approval_mode = "writes"\n\n[mcp_servers.files]\ncommand = "acme-files-mcp"\n\n[mcp_servers.files.tools.delete_file]\napproval_mode = "writes"\n\n[mcp_servers.files.tools.read_file]\napproval_mode = "approve"\n`;
    const r = scanSources([{ path: ".codex/config.toml", text: toml }]);
    const [notes, files] = r.model.servers;
    expect(notes?.tools.grants.filter((g) => g.kind !== "all-tools")).toEqual([]);
    expect(notes?.tools.autoApprove).toBeUndefined();
    expect(files?.tools.autoApprove).toEqual(["read_file"]);
    expect(r.findings.filter((x) => x.ruleId === "tool-auto-approval")).toEqual([]);
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

describe("Codex CLI literal bearer_token (older Codex read it and sent it as Authorization: Bearer)", () => {
  const token = new Fake("codex-bearer").alnum(40);
  const text = `[mcp_servers.remote]\nurl = "https://mcp.acme.example/mcp"\nbearer_token = "${token}"\n`;
  const r = scanSources([{ path: FILE, text }]);

  it("is the server's credential: the secret is attributed to it and the 'no credential' note goes away", () => {
    const s = r.model.servers.find((x) => x.name === "remote");
    expect(s?.credentials.map((c) => ({ key: c.key, source: c.source, kind: c.ref.kind, line: c.loc.line }))).toEqual([{ key: "bearer_token", source: "header", kind: "literal", line: 3 }]);
    expect(r.findings.filter((x) => x.ruleId === "hardcoded-secret").map((x) => ({ line: x.loc.line, server: x.server?.name }))).toEqual([{ line: 3, server: "remote" }]);
    expect(r.findings.filter((x) => x.ruleId === "unauthenticated-remote")).toEqual([]);
  });

  it("is read only in Codex's file", () => {
    const other = scanSources([{ path: ".cursor/mcp.json", text: `{ "mcpServers": { "remote": { "url": "https://mcp.acme.example/mcp", "bearer_token": "${token}" } } }\n` }]);
    expect(other.model.servers.find((x) => x.name === "remote")?.credentials).toEqual([]);
  });
});

describe("Codex profiles", () => {
  it("names [profiles.<p>.mcp_servers] as never started (a profile has no servers) and does not model them", () => {
    const toml = [
      "[mcp_servers.docs]",
      'command = "uvx"',
      'args = ["mcp-server-fetch==2025.4.7"]',
      "",
      "[profiles.work]",
      'model = "gpt-5-codex"',
      "",
      "[profiles.work.mcp_servers.files]",
      'command = "npx"',
      'args = ["-y", "@modelcontextprotocol/server-filesystem@2025.8.21", "/"]',
      "",
    ].join("\n");
    const r = scanSources([{ path: FILE, text: toml }]);
    expect(r.model.servers.map((s) => s.name)).toEqual(["docs"]);
    expect(r.findings.filter((x) => x.server?.name === "files")).toEqual([]);
    expect(r.diagnostics.map((d) => [d.code, d.loc?.line, d.message.replace(/^[^ ]+ /, "")])).toEqual([
      ["config", 8, "`profiles.work.mcp_servers` is not read by Codex (a profile has no servers of its own), so 'files' never starts; define servers in the top-level [mcp_servers] table"],
    ]);
  });
});
