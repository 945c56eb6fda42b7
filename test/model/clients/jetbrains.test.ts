import { describe, expect, it } from "vitest";
import { at, find, scanFixture, summary } from "./helpers.js";

const C = "jetbrains";

describe("JetBrains Junie / Air", () => {
  const f = scanFixture(C);

  it("reads .junie/mcp/mcp.json with no known reference syntax", () => {
    const file = ".junie/mcp/mcp.json";
    const s = f.server("acme-notes");
    expect(summary(s)).toEqual({
      client: "jetbrains", scope: "project", transport: "stdio", enabled: true, command: "npx", args: ["-y", "@acme/notes-mcp"],
      env: { ACME_API_KEY: "literal", ACME_REGION: "literal !${ACME_REGION}" }, headers: {}, grants: [],
    });
    expect(at(s.loc)).toEqual(find(C, file, '"acme-notes"'));
    expect(at(s.env[0]?.loc)).toEqual(find(C, file, '"wKpcdhKn'));
  });

  it("reads .air/mcp.json", () => {
    expect(summary(f.server("acme-remote"))).toMatchObject({ transport: "http", url: "https://mcp.acme.example/mcp" });
  });
});
