import { describe, expect, it } from "vitest";
import { scanSources } from "../../../src/api.js";
import { parseStructured } from "../../../src/parse/index.js";
import { at, find, fixtureSources, scanFixture, summary } from "./helpers.js";

const C = "vscode";
const MCP = ".vscode/mcp.json";

describe("VS Code", () => {
  const f = scanFixture(C);

  it("reads .vscode/mcp.json (JSONC) with ${input:}, ${env:} and ${workspaceFolder}", () => {
    expect(f.result.diagnostics).toEqual([]);
    const s = f.server("acme-notes");
    expect(summary(s)).toEqual({
      client: "vscode", scope: "project", transport: "stdio", enabled: true, command: "npx", args: ["-y", "@acme/notes-mcp", "--root", "${workspaceFolder}"],
      env: { ACME_API_KEY: "input:acme-key", ACME_REGION: "env:ACME_REGION" }, headers: {}, grants: [],
    });
    expect(s.args[3]?.ref).toEqual({ kind: "builtin", name: "workspaceFolder" });
    expect(at(s.loc)).toEqual(find(C, MCP, '"acme-notes"'));
    expect(at(s.env[0]?.loc)).toEqual(find(C, MCP, '"${input:acme-key}"'));
  });

  it("keeps a literal Authorization header and marks `${VAR}` (not a VS Code syntax) unexpanded", () => {
    const s = f.server("acme-remote");
    expect(summary(s)).toMatchObject({ transport: "http", url: "https://mcp.acme.example/mcp", headers: { Authorization: "literal", "X-Acme-Tenant": "literal !${ACME_TENANT}" } });
    expect(at(s.headers[0]?.loc)).toEqual(find(C, MCP, '"Bearer g9pX'));
  });

  it("reads settings.json `mcp.servers` and .code-workspace `settings.mcp.servers`", () => {
    const legacy = f.server("acme-legacy");
    expect(legacy.id).toBe(".vscode/settings.json#mcp.servers.acme-legacy");
    expect(summary(legacy)).toMatchObject({ transport: "stdio", command: "acme-legacy-mcp", env: { ACME_TOKEN: "env:ACME_TOKEN" } });
    const ws = f.server("acme-ws-notes");
    expect(ws.id).toBe("acme.code-workspace#settings.mcp.servers.acme-ws-notes");
    expect(summary(ws)).toMatchObject({ transport: "sse", headers: { "X-Acme-Key": "literal" } });
    expect(at(ws.loc)).toEqual(find(C, "acme.code-workspace", '"acme-ws-notes"'));
  });

  it("gives the user-profile mcp.json user scope", () => {
    const text = fixtureSources(C).find((s) => s.path === MCP)?.text ?? "";
    const r = scanSources([{ path: "AppData/Roaming/Code/User/mcp.json", text }]);
    expect(r.model.servers.map((s) => [s.name, s.scope])).toEqual([["acme-notes", "user"], ["acme-remote", "user"]]);
  });

  it("reads VSCodium's user mcp.json as VS Code's (user scope, declared `${input:}`, `${VAR}` unexpanded at its value)", () => {
    const CODIUM = "home/.config/VSCodium/User/mcp.json";
    const s = f.server("acme-codium", CODIUM);
    expect(summary(s)).toMatchObject({ client: "vscode", scope: "user", transport: "http", headers: { "X-Acme-Key": "input:acme_key", "X-Acme-Region": "literal !${ACME_REGION}" } });
    const [line, col] = find(C, CODIUM, '"${ACME_REGION}"');
    expect(f.result.findings.filter((x) => x.loc.file === CODIUM && x.ruleId === "unexpanded-reference").map((x) => at(x.loc))).toEqual([[line, col]]);
  });
});

describe("Windows and JSONC edge cases", () => {
  const text = fixtureSources(C).find((s) => s.path === MCP)?.text ?? "";
  const positions = (src: string) => {
    const r = scanSources([{ path: MCP, text: src }]);
    expect(r.model.parseErrors).toEqual([]);
    return r.model.servers.map((s) => ({
      name: s.name,
      loc: at(s.loc),
      values: [...s.env, ...s.headers].map((v) => [v.key, v.loc.line, v.loc.column, v.loc.endLine, v.loc.endColumn]),
    }));
  };
  const lf = positions(text);

  it("parses comments and trailing commas with the right lines", () => {
    expect(text).toMatch(/\/\/ planted literal/);
    expect(text).toMatch(/},\n\s*\],/);
    expect(lf.map((s) => s.loc)).toEqual([find(C, MCP, '"acme-notes"'), find(C, MCP, '"acme-remote"')]);
  });

  it("a UTF-8 BOM does not shift lines or columns", () => {
    expect(positions("\uFEFF" + text)).toEqual(lf);
    // The parser itself also accepts a BOM that reached it (offsets unchanged).
    const parsed = parseStructured("jsonc", "\uFEFF" + text);
    expect(parsed.problems).toEqual([]);
    expect(parsed.comments.map((c) => c.line)).toEqual(parseStructured("jsonc", text).comments.map((c) => c.line));
  });

  it("CRLF line endings give the same lines and columns as LF", () => {
    expect(positions(text.replace(/\n/g, "\r\n"))).toEqual(lf);
    expect(positions("\uFEFF" + text.replace(/\n/g, "\r\n"))).toEqual(lf);
  });
});

describe("VS Code mcp.json with a Claude-style mcpServers object", () => {
  it("is a warning diagnostic at the key: VS Code ignores it, so those servers never start", async () => {
    const { scanSources } = await import("../../../src/api.js");
    const text = `{\n  "mcpServers": {\n    "notes": { "command": "acme-notes-mcp" },\n    "tasks": { "type": "http", "url": "https://mcp.acme.example/mcp" }\n  }\n}\n`;
    const r = scanSources([{ path: ".vscode/mcp.json", text }]);
    expect(r.model.servers).toEqual([]);
    expect(r.diagnostics.map((d) => `${d.level} ${d.code} ${d.file} ${d.loc?.line}:${d.loc?.column}`)).toEqual(["warning config .vscode/mcp.json 2:3"]);
    expect(r.diagnostics[0]?.message).toContain("never starts 'notes', 'tasks'");
    const right = scanSources([{ path: ".vscode/mcp.json", text: text.replace("mcpServers", "servers") }]);
    expect([right.model.servers.length, right.diagnostics]).toEqual([2, []]);
  });
});

describe("VS Code `${input:id}` with no `inputs` entry", () => {
  it("is marked unexpanded on the credential too, so the inventory shows it unresolved", () => {
    const text = JSON.stringify({ inputs: [{ type: "promptString", id: "acme-key", password: true }], servers: { a: { type: "stdio", command: "acme-mcp", env: { ACME_KEY: "${input:acme-key}", OTHER_TOKEN: "${input:nope}" } } } }, null, 2);
    const s = scanSources([{ path: MCP, text }]).model.servers[0];
    expect(s?.credentials.map((c) => [c.key, c.ref.kind, c.unexpanded ?? []])).toEqual([
      ["ACME_KEY", "input", []],
      ["OTHER_TOKEN", "input", ["${input:nope}"]],
    ]);
  });
});

describe("`envFile` (VS Code, Cursor)", () => {
  it("is a file reference among the server's credentials; other clients do not read it", () => {
    const entry = { type: "stdio", command: "acme-mcp", envFile: "${workspaceFolder}/.env" };
    const creds = (path: string, text: string) => scanSources([{ path, text }]).model.servers[0]?.credentials.map((c) => [c.key, c.source, c.ref, c.loc.line]);
    expect(creds(MCP, JSON.stringify({ servers: { a: entry } }, null, 2))).toEqual([["envFile", "env", { kind: "file", path: "${workspaceFolder}/.env" }, 6]]);
    expect(creds(".cursor/mcp.json", JSON.stringify({ mcpServers: { a: entry } }, null, 2))).toEqual([["envFile", "env", { kind: "file", path: "${workspaceFolder}/.env" }, 6]]);
    expect(creds(".mcp.json", JSON.stringify({ mcpServers: { a: entry } }, null, 2))).toEqual([]);
  });
});
