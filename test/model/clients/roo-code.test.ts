import { describe, expect, it } from "vitest";
import { inventoryText } from "../../../src/report/inventory.js";
import { at, find, scanFixture, summary } from "./helpers.js";

const C = "roo-code";
const FILE = ".roo/mcp.json";

describe("Roo Code (.roo/mcp.json)", () => {
  const f = scanFixture(C);

  it("reads alwaysAllow [\"*\"] as auto-approve-all, disabledTools as exclude, ${workspaceFolder} as builtin", () => {
    const s = f.server("acme-notes");
    expect(summary(s)).toEqual({
      client: "roo-code", scope: "project", transport: "stdio", enabled: true, command: "npx", args: ["-y", "@acme/notes-mcp", "${workspaceFolder}"],
      env: { ACME_API_KEY: "env:ACME_API_KEY" }, headers: {}, exclude: ["delete_note"], autoApprove: "*", grants: ["auto-approve-all:alwaysAllow"],
    });
    expect(s.cwd?.ref).toEqual({ kind: "builtin", name: "workspaceFolder" });
    expect(at(s.tools.grants[0]?.loc)).toEqual(find(C, FILE, '["*"]'));
  });

  it("keeps a literal header; `${VAR}` is unexpanded in Roo", () => {
    const s = f.server("acme-remote");
    expect(summary(s)).toMatchObject({ transport: "http", headers: { "X-Acme-Key": "literal", "X-Acme-Org": "literal !${ACME_ORG}" }, autoApprove: ["search_notes"], grants: ["auto-approve-list:alwaysAllow"] });
    expect(at(s.loc)).toEqual(find(C, FILE, '"acme-remote"'));
    expect(at(s.headers[0]?.loc)).toEqual(find(C, FILE, '"SsHjldeu'));
  });
});

describe("Roo Code and Kilo Code (its fork): a url entry with no type", () => {
  it.each([
    ["roo-code", "untyped/.roo/mcp.json"],
    ["kilo-code", "untyped/.kilocode/mcp.json"],
  ])("%s: is SSE, as the client's settings schema reads it (its optional-type SSE branch)", (client, file) => {
    const f = scanFixture(client);
    expect(summary(f.server("acme-events", file))).toMatchObject({ transport: "sse", url: "http://localhost:3001/sse" });
    expect(inventoryText(f.result.model)).toContain(`acme-events  [${client}]  sse  ${file}:3\n`);
  });
});
