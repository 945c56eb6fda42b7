/**
 * plain-http-remote's levels: a hop on a private network is a note only for
 * what runs as a service beside its servers (gateways, LibreChat), not for a
 * client on a user's machine.
 */
import { describe, expect, it } from "vitest";
import { scanSources } from "../../src/api.js";
import { withBase62Crc32 } from "../../src/secrets/checksum.js";
import { Fake } from "../../src/secrets/fake.js";

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
  it("does not call a content-negotiation header a credential (no escalation to error)", () => {
    const text = `{ "mcpServers": { "notes": { "type": "http", "url": "http://mcp.acme.example/mcp", "headers": { "Accept": "application/json, text/event-stream" } } } }\n`;
    expect(plain(".mcp.json", text)).toEqual([
      { level: "warning", line: 1, column: 53, message: "Server 'notes' (claude-code) is reached over http:// at mcp.acme.example: tool calls and results travel in clear text." },
    ]);
  });
  it("does not say a gateway sends a credential when its only header is Host", () => {
    const text = `registry:\n  edge-fn:\n    remote:\n      url: http://host.docker.internal:9100/sse\n      transport_type: sse\n      headers:\n        Host: edge-fn.default.example\n`;
    expect(plain("catalogs/edge.yaml", text)).toEqual([
      { level: "note", line: 4, column: 12, message: expect.stringContaining("reaches its upstream 'edge-fn' over http:// at host.docker.internal on a private network: calls are readable") },
    ]);
  });
  it("still treats a token in an oddly named header as a credential sent in clear text", () => {
    const token = "ghp_" + withBase62Crc32(new Fake("plain-http-odd-header").alnum(30));
    const text = `{ "mcpServers": { "notes": { "type": "http", "url": "http://mcp.acme.example/mcp", "headers": { "X-Notes": "${token}" } } } }\n`;
    expect(plain(".mcp.json", text)).toMatchObject([{ level: "error", line: 1, column: 53, message: expect.stringContaining("sends a credential over http://") }]);
  });
});
