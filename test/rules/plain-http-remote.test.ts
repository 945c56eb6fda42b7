/**
 * plain-http-remote's levels: a hop on a private network is a note only for
 * what runs as a service beside its servers (gateways, LibreChat), not for a
 * client on a user's machine.
 */
import { describe, expect, it } from "vitest";
import { scanSources } from "../../src/api.js";

const plain = (path: string, text: string) =>
  scanSources([{ path, text }])
    .findings.filter((f) => f.ruleId === "plain-http-remote")
    .map((f) => ({ level: f.level, line: f.loc.line, column: f.loc.column, message: f.message }));

const librechat = (url: string) => `mcpServers:\n  clickhouse:\n    type: streamable-http\n    url: ${url}\n    headers:\n      Authorization: "Bearer \${CLICKHOUSE_MCP_TOKEN}"\n`;

describe("plain-http-remote", () => {
  it("reports LibreChat's hop to a container on its network as a note", () => {
    expect(plain("librechat.yaml", librechat("http://clickhouse-mcp:8000/mcp"))).toEqual([
      { level: "note", line: 4, column: 10, message: expect.stringContaining("Server-side client librechat reaches its upstream 'clickhouse' over http:// at clickhouse-mcp on a private network: calls and the credential it sends") },
    ]);
  });
  it("keeps LibreChat's plain HTTP to a public host an error when a credential goes with it", () => {
    expect(plain("librechat.yaml", librechat("http://mcp.acme.example/mcp"))).toMatchObject([{ level: "error", line: 4, column: 10 }]);
  });
  it("keeps a user's client reaching a private host a warning", () => {
    expect(plain(".cursor/mcp.json", `{ "mcpServers": { "ch": { "url": "http://clickhouse-mcp:8000/mcp" } } }\n`)).toMatchObject([{ level: "warning", line: 1, column: 34 }]);
  });
});
