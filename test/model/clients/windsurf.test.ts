import { describe, expect, it } from "vitest";
import { at, find, scanFixture, summary } from "./helpers.js";

const C = "windsurf";
const FILE = "home/.codeium/windsurf/mcp_config.json";

describe("Windsurf (mcp_config.json)", () => {
  const f = scanFixture(C);

  it("expands ${env:} and keeps a literal next to it", () => {
    const s = f.server("acme-notes");
    expect(summary(s)).toEqual({ client: "windsurf", scope: "user", transport: "stdio", enabled: true, command: "npx", args: ["-y", "@acme/notes-mcp"], env: { ACME_API_KEY: "env:ACME_API_KEY", ACME_SECRET: "literal" }, headers: {}, grants: [] });
    expect(at(s.env[1]?.loc)).toEqual(find(C, FILE, '"3gO5i2nn'));
  });

  it("reads serverUrl and ${file:} references; `${VAR}` is unexpanded", () => {
    const s = f.server("acme-remote");
    expect(summary(s)).toMatchObject({ transport: "http", url: "https://mcp.acme.example/mcp", headers: { Authorization: "file:/home/dev/.secrets/acme-token", "X-Acme-Tenant": "literal !${ACME_TENANT}" } });
    expect(at(s.url?.loc)).toEqual(find(C, FILE, '"https://mcp.acme.example/mcp"'));
  });

  it("flags a filesystem server rooted at ~", () => {
    expect(f.server("home-files").facts.map((x) => [x.kind, ...(at(x.loc) ?? [])])).toEqual([["root-filesystem", ...find(C, FILE, '"~"')]]);
  });

  it("reads Windsurf Next's file (`~/.codeium/windsurf-next/mcp_config.json`) as Windsurf's, with its literal secret at its value", () => {
    const NEXT = "home/.codeium/windsurf-next/mcp_config.json";
    const s = f.server("acme-next", NEXT);
    expect(summary(s)).toMatchObject({ client: "windsurf", scope: "user", command: "npx", env: { ACME_API_KEY: "literal" } });
    expect(f.result.findings.filter((x) => x.loc.file === NEXT && x.ruleId === "hardcoded-secret").map((x) => at(x.loc))).toEqual([find(C, NEXT, 'E4WNM7yF')]);
  });
});
