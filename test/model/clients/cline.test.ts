import { describe, expect, it } from "vitest";
import { scanSources } from "../../../src/api.js";
import { at, find, scanFixture, summary } from "./helpers.js";

const C = "cline";
const FILE = "home/.cline/data/settings/cline_mcp_settings.json";

describe("Cline (cline_mcp_settings.json)", () => {
  const f = scanFixture(C);

  it("reads autoApprove, disabled, ${env:} and a planted literal", () => {
    const s = f.server("acme-notes");
    expect(summary(s)).toEqual({
      client: "cline", scope: "user", transport: "stdio", enabled: true, command: "node", args: ["/opt/acme/notes.js"],
      env: { ACME_API_KEY: "env:ACME_API_KEY", ACME_SECRET: "literal" }, headers: {},
      autoApprove: ["search_notes", "delete_note"], grants: ["auto-approve-list:autoApprove"],
    });
    expect(at(s.loc)).toEqual(find(C, FILE, '"acme-notes"'));
    expect(at(s.tools.grants[0]?.loc)).toEqual(find(C, FILE, '["search_notes"'));
    expect(at(s.env[1]?.loc)).toEqual(find(C, FILE, '"vdnyhHb1'));
  });

  it("a url with no type is SSE; `${VAR}` is unexpanded", () => {
    expect(summary(f.server("acme-events"))).toMatchObject({ transport: "sse", headers: { Authorization: "literal !${ACME_EVENTS_TOKEN}" } });
  });

  it("reads the legacy transportType and disabled: true", () => {
    expect(summary(f.server("acme-legacy"))).toMatchObject({ transport: "sse", enabled: false, url: "https://legacy.acme.example/sse" });
  });

  it("reads the nested `transport` form", () => {
    const s = f.server("acme-nested");
    expect(summary(s)).toEqual({ client: "cline", scope: "user", transport: "stdio", enabled: true, command: "acme-nested-mcp", args: ["--verbose"], env: { ACME_TOKEN: "env:ACME_TOKEN" }, headers: {}, grants: [] });
    expect(at(s.command?.loc)).toEqual(find(C, FILE, '"acme-nested-mcp"'));
  });

  it("reads a field written beside the nested `transport` (its `url`, `headers`) as the server's, the nested one winning", () => {
    const text = `{ "mcpServers": { "docs": { "url": "http://docs.acme.example/sse", "headers": { "Authorization": "Bearer \${env:DOCS_TOKEN}" },\n  "transport": { "type": "sse" } },\n  "both": { "command": "outer-mcp", "transport": { "type": "stdio", "command": "inner-mcp" } } } }\n`;
    const r = scanSources([{ path: FILE, text }]);
    const docs = r.model.servers.find((s) => s.name === "docs");
    expect([docs?.transport, docs?.url?.raw, docs?.headers.map((h) => h.key)]).toEqual(["sse", "http://docs.acme.example/sse", ["Authorization"]]);
    expect(r.model.servers.find((s) => s.name === "both")?.command?.raw).toBe("inner-mcp");
    expect(r.findings.filter((x) => x.ruleId === "plain-http-remote").map((x) => `${x.loc.line}:${x.loc.column}`)).toEqual(["1:36"]);
  });

  it("reads type streamableHttp as http", () => {
    expect(f.server("acme-stream").transport).toBe("http");
  });

  it("reads only `autoApprove`, the key of Cline's schema: a Roo-style `alwaysAllow` approves nothing (except in Roo Cline's own folder)", () => {
    const text = `{ "mcpServers": { "db": { "command": "acme-db-mcp", "alwaysAllow": ["execute_sql"] },\n  "fs": { "command": "acme-fs-mcp", "autoApprove": ["write_file"] } } }\n`;
    const approvals = (path: string) => scanSources([{ path, text }]).findings.filter((x) => x.ruleId === "tool-auto-approval").map((x) => `${x.loc.line}:${x.loc.column} ${x.message}`);
    expect(approvals("home/.cline/data/settings/cline_mcp_settings.json")).toEqual(["2:52 Server 'fs' (cline) auto-approves tools that change state: write_file."]);
    expect(approvals("Code/User/globalStorage/rooveterinaryinc.roo-cline/settings/cline_mcp_settings.json")).toEqual(["1:68 Server 'db' (cline) auto-approves tools that change state: execute_sql."]);
  });
});
