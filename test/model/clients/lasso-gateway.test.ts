import { describe, expect, it } from "vitest";
import { at, find, scanFixture, summary } from "./helpers.js";

const C = "lasso-gateway";
const FILE = ".cursor/mcp.json";

describe("Lasso mcp-gateway (nested `servers` in a Cursor config)", () => {
  const f = scanFixture(C);

  it("reads the gateway and the servers nested under it", () => {
    expect(f.servers.map((s) => s.id)).toEqual([
      `${FILE}#mcpServers.mcp-gateway`,
      `${FILE}#mcpServers.mcp-gateway.servers.acme-notes`,
      `${FILE}#mcpServers.mcp-gateway.servers.filesystem`,
    ]);
    expect(summary(f.server("mcp-gateway"))).toMatchObject({ client: "cursor", command: "mcp-gateway", args: ["--mcp-json-path", "~/.cursor/mcp.json", "-p", "basic", "-p", "presidio"] });
  });

  it("nested servers keep their literals, positions and facts", () => {
    const notes = f.server("acme-notes");
    expect(summary(notes).env).toEqual({ ACME_API_KEY: "literal" });
    expect(at(notes.loc)).toEqual(find(C, FILE, '"acme-notes"'));
    expect(at(notes.env[0]?.loc)).toEqual(find(C, FILE, '"lyddyhif'));
    expect(f.server("filesystem").facts.map((x) => [x.kind, ...(at(x.loc) ?? [])])).toEqual([["root-filesystem", ...find(C, FILE, '"/"')]]);
  });
});
