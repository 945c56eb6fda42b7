import { describe, expect, it } from "vitest";
import { scanSources } from "../../src/api.js";
import { isLoopbackHost, isPrivateNetworkHost, parseEndpoint } from "../../src/model/endpoint.js";

function found(rule: string, file: string, text: string): string[] {
  return scanSources([{ path: file, text }]).findings.filter((f) => f.ruleId === rule).map((f) => `${f.loc.line}:${f.loc.column} ${f.level}`);
}

describe("endpoints", () => {
  it.each([
    ["http://localhost:3000/mcp", "localhost", true],
    ["http://notes.localhost/mcp", "notes.localhost", true],
    ["http://127.0.0.2:8080", "127.0.0.2", true],
    ["http://[::1]:9000/mcp", "::1", true],
    ["http://user:pw@127.0.0.1/x", "127.0.0.1", true],
    ["http://host.docker.internal:3000/sse", "host.docker.internal", false],
    ["http://192.168.1.20/mcp", "192.168.1.20", false],
    ["http://localhost.acme.example/mcp", "localhost.acme.example", false],
  ])("%s: host %s, loopback %s", (url, host, loopback) => {
    expect(parseEndpoint(url)?.host).toBe(host);
    expect(isLoopbackHost(host)).toBe(loopback);
  });

  it("plain-http-remote: an http URL carrying a token is an error; https and references are not reported", () => {
    const text = `{ "mcpServers": {
  "a": { "type": "http", "url": "http://mcp.acme.example/mcp", "headers": { "Authorization": "Bearer \${ACME_TOKEN}" } },
  "b": { "type": "http", "url": "\${ACME_MCP_URL}" },
  "c": { "type": "http", "url": "https://mcp.acme.example/mcp" }
} }
`;
    expect(found("plain-http-remote", ".mcp.json", text)).toEqual(["2:33 error"]);
  });

  it("unauthenticated-remote: OAuth blocks, header helpers, bearer variables and templated hosts count as configured", () => {
    const text = `{ "mcpServers": {
  "a": { "type": "http", "url": "https://a.acme.example/mcp", "oauth": { "clientId": "acme", "callbackPort": 8080 } },
  "b": { "type": "http", "url": "https://b.acme.example/mcp", "headersHelper": "/opt/acme/bin/mcp-headers" },
  "c": { "type": "http", "url": "https://\${ACME_HOST}/mcp" },
  "d": { "type": "sse", "url": "https://d.acme.example/sse" }
} }
`;
    expect(found("unauthenticated-remote", ".mcp.json", text)).toEqual(["5:32 note"]);
  });
});

describe("private network hosts (a gateway's in-cluster upstream)", () => {
  it.each([
    ["notes", true], ["notes-mcp", true], ["notes.internal", true], ["notes.ns.svc", true], ["notes.ns.svc.cluster.local", true], ["printer.local", true], ["nas.home.arpa", true],
    ["10.0.4.7", true], ["172.16.0.1", true], ["172.31.255.1", true], ["192.168.1.20", true], ["100.64.0.1", true], ["169.254.169.254", true], ["fd12:3456::1", true], ["fe80::1", true],
    ["mcp.acme.example", false], ["172.32.0.1", false], ["8.8.8.8", false], ["11.0.0.1", false], ["api.githubcopilot.com", false], ["", false], ["${HOST}", false], ["1234", false],
  ])("%s: %s", (host, expected) => expect(isPrivateNetworkHost(host)).toBe(expected));
});
