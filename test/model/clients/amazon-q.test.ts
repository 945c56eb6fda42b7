import { describe, expect, it } from "vitest";
import { at, find, scanFixture, summary } from "./helpers.js";

const C = "amazon-q";
const LEGACY = ".amazonq/mcp.json";
const AGENT = ".amazonq/cli-agents/acme-helper.json";

describe("Amazon Q Developer", () => {
  const f = scanFixture(C);

  it("legacy mcp.json: no reference syntax, so `${VAR}` is unexpanded and literals are literal", () => {
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
    expect(summary(git)).toMatchObject({ env: { GIT_TOKEN: "literal !${env:GIT_TOKEN}" }, autoApprove: "*", grants: ["auto-approve-all:allowedTools"] });
    expect(at(git.tools.grants[0]?.loc)).toEqual(find(C, AGENT, '"@acme-git*"'));
  });
});
