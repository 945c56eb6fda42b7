import { describe, expect, it } from "vitest";
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

  it("url (no type) is SSE; ${VAR:-default} is an env reference with a default", () => {
    expect(summary(f.server("acme-events"))).toMatchObject({ transport: "sse", headers: { "X-Acme-Region": "env:ACME_REGION:-eu" } });
  });

  it("reads extension manifests with ${extensionPath} as a builtin", () => {
    const s = f.server("acme-ext-server");
    expect(s.file).toBe("home/.gemini/extensions/acme-ext/gemini-extension.json");
    expect(s.args[0]?.ref).toEqual({ kind: "builtin", name: "extensionPath" });
    expect(s.cwd?.ref).toEqual({ kind: "builtin", name: "extensionPath" });
  });
});
