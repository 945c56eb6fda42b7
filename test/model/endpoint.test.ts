import { describe, expect, it } from "vitest";
import { scanSources } from "../../src/api.js";
import { isLoopbackHost, isPrivateNetworkHost, parseEndpoint } from "../../src/model/endpoint.js";
import { fakeSlackBotToken } from "../../src/rules/fake-secrets.js";
import { inventoryJson, inventoryText } from "../../src/report/inventory.js";

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

describe("a URL whose user name alone is the credential (https://<token>@host, https://${TOKEN}@host)", () => {
  const token = fakeSlackBotToken("url-user-only");
  const text = JSON.stringify({ mcpServers: {
    literal: { type: "http", url: `https://${token}@mcp.acme.example/mcp` },
    env: { type: "http", url: "https://${ACME_TOKEN}@mcp.acme.example/mcp" },
    plain: { type: "http", url: "https://git@mcp.acme.example/mcp" },
    user: { type: "http", url: "https://user@mcp.acme.example/mcp" },
  } }, null, 2) + "\n";
  const r = scanSources([{ path: ".mcp.json", text }]);

  it("is the server's credential: no unauthenticated-remote for it; a plain user name is none", () => {
    expect(r.findings.filter((f) => f.ruleId === "unauthenticated-remote").map((f) => f.message.split("'")[1])).toEqual(["plain", "user"]);
    expect(r.findings.filter((f) => f.ruleId === "hardcoded-secret").map((f) => [f.loc.line, f.loc.column, f.level])).toEqual([[5, 23, "error"]]);
    expect(r.model.servers.map((s) => [s.name, s.credentials.map((c) => (c.ref.kind === "env" ? `env ${c.ref.name}` : c.ref.kind))])).toEqual([["literal", ["literal"]], ["env", ["env ACME_TOKEN"]], ["plain", []], ["user", []]]);
  });

  it("the inventory shows it (a literal one redacted) and the verdict counts it", () => {
    const inv = inventoryText(r.model);
    expect(inv).toContain("credential url url: LITERAL xoxb…");
    expect(inv).toContain("credential url url: env ACME_TOKEN");
    for (const out of [inv, inventoryJson(r.model), JSON.stringify(r.findings)]) expect(out).not.toContain(token.slice(5));
    expect(inv).toMatch(/^env .*\n.*\n.*env ACME_TOKEN\n\s+identity: unique-workload-identity/m);
  });
});

describe("private network hosts (a gateway's in-cluster upstream)", () => {
  it.each([
    ["notes", true], ["notes-mcp", true], ["notes.internal", true], ["notes.ns.svc", true], ["notes.ns.svc.cluster.local", true], ["printer.local", true], ["nas.home.arpa", true],
    ["10.0.4.7", true], ["172.16.0.1", true], ["172.31.255.1", true], ["192.168.1.20", true], ["100.64.0.1", true], ["169.254.169.254", true], ["fd12:3456::1", true], ["fe80::1", true],
    ["mcp.acme.example", false], ["172.32.0.1", false], ["8.8.8.8", false], ["11.0.0.1", false], ["api.githubcopilot.com", false], ["", false], ["${HOST}", false], ["1234", false],
  ])("%s: %s", (host, expected) => expect(isPrivateNetworkHost(host)).toBe(expected));
});
