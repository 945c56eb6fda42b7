import { describe, expect, it } from "vitest";
import { scanSources } from "../../../src/api.js";
import { at, find, scanFixture, summary } from "./helpers.js";

const C = "gemini-cli";
const FILE = ".gemini/settings.json";

describe("Gemini CLI", () => {
  const f = scanFixture(C);

  it("expands $VAR and %VAR%; `${env:X}` is unexpanded; includeTools/excludeTools/trust false", () => {
    const s = f.server("acme-notes");
    expect(summary(s)).toEqual({
      client: "gemini-cli", scope: "project", transport: "stdio", enabled: true, command: "acme-notes-mcp", args: [],
      env: { ACME_API_KEY: "env:ACME_API_KEY", ACME_HOME: "env:ACME_HOME", ACME_TOKEN: "literal !${env:ACME_TOKEN}" }, headers: {},
      include: ["search_notes", "get_note"], exclude: ["delete_note"], trust: false, grants: [],
    });
    expect(at(s.loc)).toEqual(find(C, FILE, '"acme-notes": {'));
  });

  it("httpUrl is streamable HTTP; trust: true is a trust-all grant", () => {
    const s = f.server("acme-remote");
    expect(summary(s)).toEqual({
      client: "gemini-cli", scope: "project", transport: "http", enabled: true, args: [], url: "https://mcp.acme.example/mcp", env: {},
      headers: { Authorization: "env:ACME_MCP_TOKEN", "X-Acme-Key": "literal" }, trust: true, grants: ["trust-all:trust"],
    });
    const [line, col] = find(C, FILE, '"trust": true');
    expect(at(s.tools.grants[0]?.loc)).toEqual([line, col + '"trust": '.length]);
    expect(at(s.headers[1]?.loc)).toEqual(find(C, FILE, '"ouAE3yd8'));
  });

  it("%VAR% is expanded in env values only: in a header, an argument or a URL it is literal text, and said so", () => {
    const text = JSON.stringify({ mcpServers: { a: { command: "acme", args: ["--token", "%ACME_ARG%"], env: { ACME_KEY: "%ACME_KEY%" } }, b: { httpUrl: "https://x.example/%ACME_PATH%/mcp", headers: { "X-Api-Key": "%ACME_HEADER%" } } } }, null, 2);
    const r = scanSources([{ path: ".gemini/settings.json", text }]);
    const a = r.model.servers.find((s) => s.name === "a");
    const b = r.model.servers.find((s) => s.name === "b");
    expect(a?.env.map((e) => [e.key, e.ref.kind])).toEqual([["ACME_KEY", "env"]]);
    expect(a?.args[1]?.ref.kind).toBe("literal");
    expect(b?.headers.map((h) => [h.key, h.ref.kind, h.unexpanded?.[0]])).toEqual([["X-Api-Key", "literal", "%ACME_HEADER%"]]);
    expect(b?.url?.ref.kind).toBe("literal");
    const lineOf = (token: string) => text.slice(0, text.indexOf(token)).split("\n").length;
    expect(r.findings.filter((f) => f.ruleId === "unexpanded-reference").map((f) => f.loc.line).sort((x, y) => x - y)).toEqual(["%ACME_ARG%", "%ACME_PATH%", "%ACME_HEADER%"].map(lineOf).sort((x, y) => x - y));
  });

  it("url (no type) is SSE; ${VAR:-default} is an env reference with a default", () => {
    expect(summary(f.server("acme-events"))).toMatchObject({ transport: "sse", headers: { "X-Acme-Region": "env:ACME_REGION:-eu" } });
  });

  it("reads an extension's own repository: the gemini-extension.json at its root (project scope), whose servers every installer runs", () => {
    const SRC = "acme-gemini-ext/gemini-extension.json";
    const s = f.server("acme-ext-notes", SRC);
    expect(summary(s)).toMatchObject({ client: "gemini-cli", scope: "project", command: "node", trust: true, env: { ACME_API_KEY: "literal" } });
    expect(s.args[0]?.ref).toEqual({ kind: "builtin", name: "extensionPath" });
    expect(f.result.findings.filter((x) => x.loc.file === SRC).map((x) => `${x.ruleId} ${x.loc.line}:${x.loc.column} ${x.server?.name ?? "-"}`)).toEqual(["hardcoded-secret 8:33 acme-ext-notes", "tool-auto-approval 9:16 acme-ext-notes"]);
  });

  it("reads extension manifests with ${extensionPath} as a builtin", () => {
    const s = f.server("acme-ext-server");
    expect(s.file).toBe("home/.gemini/extensions/acme-ext/gemini-extension.json");
    expect(s.args[0]?.ref).toEqual({ kind: "builtin", name: "extensionPath" });
    expect(s.cwd?.ref).toEqual({ kind: "builtin", name: "extensionPath" });
  });
});
