import { describe, expect, it } from "vitest";
import { scanSources } from "../../../src/api.js";
import type { McpServer } from "../../../src/model/types.js";
import { at, find, scanFixture, summary } from "./helpers.js";

const C = "kiro";
const FILE = ".kiro/settings/mcp.json";

describe("Kiro (.kiro/settings/mcp.json)", () => {
  const f = scanFixture(C);

  it("expands ${VAR}; `${env:X}` is unexpanded; autoApprove and disabledTools", () => {
    const s = f.server("acme-notes");
    expect(summary(s)).toEqual({
      client: "kiro", scope: "project", transport: "stdio", enabled: true, command: "uvx", args: ["acme-notes-mcp"],
      env: { ACME_API_KEY: "env:ACME_API_KEY", ACME_SECRET: "literal", ACME_REGION: "literal !${env:ACME_REGION}" }, headers: {},
      exclude: ["purge_notes"], autoApprove: ["search_notes", "delete_note"], grants: ["auto-approve-list:autoApprove"],
    });
    expect(at(s.loc)).toEqual(find(C, FILE, '"acme-notes"'));
    expect(at(s.env[1]?.loc)).toEqual(find(C, FILE, '"FX08S4dB'));
  });

  it("reads autoApprove [\"*\"] and disabled: true", () => {
    const s = f.server("acme-remote");
    expect(summary(s)).toMatchObject({ transport: "http", enabled: false, autoApprove: "*", grants: ["auto-approve-all:autoApprove"] });
    expect(at(s.tools.grants[0]?.loc)).toEqual(find(C, FILE, '["*"]'));
  });
});

describe("Kiro CLI agent files (.kiro/agents/*.json)", () => {
  // The renamed Q Developer CLI: the same agent format, read from `.kiro/agents/` and `~/.kiro/agents/`.
  const text = `{
  "name": "backend",
  "mcpServers": {
    "acme-db": { "command": "acme-db-mcp", "env": { "DB_URL": "\${DATABASE_URL}", "DB_TOKEN": "\${env:DB_TOKEN}" } }
  },
  "tools": ["*"],
  "allowedTools": ["read", "@acme-db"],
  "includeMcpJson": true
}
`;
  const r = scanSources([{ path: ".kiro/agents/backend.json", text }]);

  it("yields the agent's servers, with its references and allowedTools grants", () => {
    const s = r.model.servers[0] as McpServer;
    expect(summary(s)).toEqual({
      client: "kiro", scope: "project", transport: "stdio", enabled: true, command: "acme-db-mcp", args: [],
      env: { DB_URL: "env:DATABASE_URL", DB_TOKEN: "env:DB_TOKEN" }, headers: {}, autoApprove: "*", grants: ["auto-approve-all:allowedTools"],
    });
    expect(at(s.loc)).toEqual([4, 5]);
  });

  it("is a Kiro client policy that flags tools * and includeMcpJson", () => {
    const p = r.model.policies.find((x) => x.file === ".kiro/agents/backend.json");
    expect([p?.client, p?.settings.map((x) => `${x.key}@${x.loc.line}:${x.loc.column} ${x.effect}`)]).toEqual(["kiro", ["tools@6:13 permissive", "includeMcpJson@8:21 permissive"]]);
  });
});
