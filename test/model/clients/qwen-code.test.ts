import { describe, expect, it } from "vitest";
import { at, find, scanFixture, summary } from "./helpers.js";

const C = "qwen-code";
const FILE = ".qwen/settings.json";

describe("Qwen Code (.qwen/settings.json, a fork of Gemini CLI)", () => {
  const f = scanFixture(C);

  it("reads the servers beside the permission keys, with Gemini's `$VAR`/`${VAR}` references and includeTools", () => {
    expect(f.servers.map((s) => s.name).sort()).toEqual(["acme-db", "acme-events", "acme-notes", "acme-remote"]);
    const s = f.server("acme-notes");
    expect(summary(s)).toMatchObject({ client: "qwen-code", scope: "project", transport: "stdio", command: "acme-notes-mcp", env: { ACME_API_KEY: "env:ACME_API_KEY", ACME_HOME: "env:ACME_HOME" }, include: ["search_notes", "get_note"] });
    expect(at(s.loc)).toEqual(find(C, FILE, '"acme-notes": {'));
  });

  it("trust: true is a trust-all grant, reported; a literal password is a hard-coded secret", () => {
    const s = f.server("acme-db");
    expect(summary(s)).toMatchObject({ trust: true, grants: ["trust-all:trust"], env: { ACME_DB_PASSWORD: "literal" } });
    const trust = f.result.findings.find((x) => x.ruleId === "tool-auto-approval");
    const [line, col] = find(C, FILE, '"trust": true');
    expect(at(trust?.loc)).toEqual([line, col + '"trust": '.length]);
    expect(f.result.findings.filter((x) => x.ruleId === "hardcoded-secret").map((x) => x.loc.line)).toEqual([find(C, FILE, '"ACME_DB_PASSWORD"')[0]]);
  });

  it("httpUrl is streamable HTTP and `url` is SSE, as in Gemini CLI", () => {
    expect(summary(f.server("acme-remote"))).toMatchObject({ transport: "http", headers: { Authorization: "env:ACME_MCP_TOKEN" }, exclude: ["delete_note"] });
    expect(summary(f.server("acme-events"))).toMatchObject({ transport: "sse", url: "https://events.acme.example/sse" });
  });
});
