import { describe, expect, it } from "vitest";
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
