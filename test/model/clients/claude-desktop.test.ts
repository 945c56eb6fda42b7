import { describe, expect, it } from "vitest";
import { scanSources } from "../../../src/api.js";
import { at, creds, find, scanFixture, summary } from "./helpers.js";

const C = "claude-desktop";
const FILE = "Library/Application Support/Claude/claude_desktop_config.json";

describe("Claude Desktop (claude_desktop_config.json)", () => {
  const f = scanFixture(C);

  it("reads every server as a user-scope stdio server with no reference syntax", () => {
    expect(f.servers.map((s) => s.name)).toEqual(["acme-notes", "files"]);
    expect(summary(f.server("acme-notes"))).toEqual({
      client: "claude-desktop", scope: "user", transport: "stdio", enabled: true, command: "npx", args: ["-y", "@acme/notes-mcp"],
      // Claude Desktop expands nothing: `${ACME_REGION}` reaches the server as text.
      env: { ACME_API_KEY: "literal", ACME_REGION: "literal !${ACME_REGION}" }, headers: {}, grants: [],
    });
  });

  it("keeps exact positions for the entry and the planted literal", () => {
    const s = f.server("acme-notes");
    expect(at(s.loc)).toEqual(find(C, FILE, '"acme-notes"'));
    expect(at(s.env.find((v) => v.key === "ACME_API_KEY")?.loc)).toEqual(find(C, FILE, '"OAt26Bzyj6'));
    expect(creds(s)).toEqual({ "env:ACME_API_KEY": "literal", "env:ACME_REGION": "literal !${ACME_REGION}" });
  });

  it("flags a filesystem server rooted at a home folder", () => {
    const facts = f.server("files").facts;
    expect(facts.map((x) => [x.kind, ...(at(x.loc) ?? [])])).toEqual([["root-filesystem", ...find(C, FILE, '"/Users/dev"')]]);
  });
});

describe("Claude Desktop remote entries", () => {
  it("names an entry with a url and no command as never connected to (the file starts local servers only), and does not model it", () => {
    const text = JSON.stringify({ mcpServers: { local: { command: "uvx", args: ["mcp-server-time==0.6.2"] }, notes: { url: "https://notes.acme.test/mcp", headers: { Authorization: "Bearer ${NOTES_TOKEN}" } } } }, null, 2);
    const r = scanSources([{ path: "claude_desktop_config.json", text }]);
    expect(r.model.servers.map((s) => s.name)).toEqual(["local"]);
    expect(r.findings.filter((f) => f.ruleId === "unauthenticated-remote" || f.server?.name === "notes")).toEqual([]);
    expect(r.diagnostics.map((d) => [d.code, d.loc?.line, d.loc?.column])).toEqual([["config", 9, 5]]);
    expect(r.diagnostics[0]?.message).toContain("server 'notes' has a url and no command: Claude Desktop starts only local servers from this file");
  });
});
