import { describe, expect, it } from "vitest";
import { scanSources } from "../../../src/api.js";
import { buildLock } from "../../../src/engine/lock.js";
import type { McpServer } from "../../../src/model/types.js";
import { inventoryText } from "../../../src/report/inventory.js";
import { at, describe as describeValue, find, scanFixture, summary } from "./helpers.js";

const C = "amazon-q";
const LEGACY = ".amazonq/mcp.json";
const AGENT = ".amazonq/cli-agents/acme-helper.json";
const IDE = "ide/.amazonq/mcp.json";

describe("Amazon Q Developer", () => {
  const f = scanFixture(C);

  it("legacy mcp.json: only `${env:VAR}` is expanded, so `${VAR}` is unexpanded and literals are literal", () => {
    const s = f.server("acme-notes", LEGACY);
    expect(summary(s)).toEqual({ client: "amazon-q", scope: "project", transport: "stdio", enabled: true, command: "acme-notes-mcp", args: [], env: { ACME_API_KEY: "literal", ACME_REGION: "literal !${ACME_REGION}" }, headers: {}, grants: [] });
    expect(at(s.env[0]?.loc)).toEqual(find(C, LEGACY, '"X4TvuU15'));
  });

  it("agent file (with comments): allowedTools `@server/tool` and `@glob*` become grants on the servers", () => {
    expect(f.result.diagnostics).toEqual([]);
    const notes = f.server("acme-notes", AGENT);
    expect(summary(notes)).toMatchObject({ args: ["--read-only"], autoApprove: ["search_notes"], grants: ["auto-approve-list:allowedTools"] });
    expect(at(notes.loc)).toEqual(find(C, AGENT, '"acme-notes"'));
    expect(at(notes.tools.grants[0]?.loc)).toEqual(find(C, AGENT, '"@acme-notes/search_notes"'));
    const git = f.server("acme-git");
    // Amazon Q substitutes `${env:VAR}` in env values (amazon-q-developer-cli, mcp_client/client.rs).
    expect(summary(git)).toMatchObject({ env: { GIT_TOKEN: "env:GIT_TOKEN", GIT_HOST: "literal !$GIT_HOST" }, autoApprove: "*", grants: ["auto-approve-all:allowedTools"] });
    expect(at(git.tools.grants[0]?.loc)).toEqual(find(C, AGENT, '"@acme-git*"'));
  });
});

describe("Amazon Q IDE-written entries", () => {
  it("an empty `url` beside `command` is no endpoint: the server is known by what it runs", () => {
    const f = scanFixture(C);
    const s = f.server("acme-wiki", IDE);
    expect(summary(s)).toMatchObject({ transport: "stdio", command: "uvx", args: ["acme-wiki-mcp==1.4.2", "--read-only"] });
    expect(s.url).toBeUndefined();
    // The lock names it by its package (was "URL ", so an approval or drift check keyed on the package missed it).
    expect(buildLock(f.result.model).servers.find((e) => e.name === "acme-wiki")?.identity).toBe("pypi package acme-wiki-mcp@1.4.2");
    expect(inventoryText(f.result.model)).toContain("acme-wiki  [amazon-q]  stdio  ide/.amazonq/mcp.json:3\n    runs: uvx acme-wiki-mcp==1.4.2 --read-only\n");
  });
});

describe("Amazon Q `${env:VAR}`", () => {
  it("is a reference in env and header values, and text in args and the URL (which Q passes as written)", () => {
    const text = `{
  "mcpServers": {
    "docs": { "type": "http", "url": "https://mcp.acme.example/\${env:TENANT}/mcp", "headers": { "Authorization": "Bearer \${env:ACME_TOKEN}" } },
    "db": { "command": "acme-db-mcp", "args": ["--token", "\${env:DB_TOKEN}"], "env": { "DB_URL": "\${env:DB_URL}" } }
  }
}
`;
    for (const path of [".amazonq/mcp.json", ".amazonq/cli-agents/dev.json"]) {
      const r = scanSources([{ path, text }]);
      const [docs, db] = r.model.servers as McpServer[];
      expect([docs?.headers.map(describeValue), docs?.url && describeValue(docs.url)]).toEqual([["env:ACME_TOKEN"], "literal !${env:TENANT}"]);
      expect([db?.env.map(describeValue), db?.args.map(describeValue)]).toEqual([["env:DB_URL"], ["literal", "literal !${env:DB_TOKEN}"]]);
      expect(r.findings.filter((f) => f.ruleId === "unexpanded-reference").map((f) => [f.server?.name, f.loc.line])).toEqual([["docs", 3], ["db", 4]]);
    }
  });
});
