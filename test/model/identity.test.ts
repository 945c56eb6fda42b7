/**
 * serverIdentity: what a server is (package, image, URL, command), read from
 * its launch line by the same parser the pinning rule uses.
 */
import { describe, expect, it } from "vitest";
import { scanSources } from "../../src/api.js";
import { describeIdentity, serverIdentity } from "../../src/model/identity.js";

function identities(servers: Record<string, unknown>): string[] {
  const r = scanSources([{ path: ".mcp.json", text: JSON.stringify({ mcpServers: servers }) }]);
  return r.model.servers.map((s) => {
    const id = serverIdentity(s);
    return id ? describeIdentity(id) : "none";
  });
}

describe("serverIdentity", () => {
  it("names the package, image, URL or command a server runs", () => {
    expect(
      identities({
        a: { command: "npx", args: ["-y", "@modelcontextprotocol/server-github@2.1.0"] },
        b: { command: "uvx", args: ["--from", "acme-notes==1.4.0", "acme-notes"] },
        c: { command: "docker", args: ["run", "-i", "--rm", "-e", "TOKEN", "ghcr.io/acme/notes@sha256:" + "a".repeat(64)] },
        d: { command: "docker", args: ["run", "ghcr.io/acme/notes:1.2"] },
        e: { type: "http", url: "https://mcp.acme.example/notes?x=1" },
        f: { command: "/opt/acme/bin/notes-mcp", args: ["--read-only"] },
      }),
    ).toEqual([
      "npm package @modelcontextprotocol/server-github@2.1.0",
      "pypi package acme-notes@1.4.0",
      `image ghcr.io/acme/notes@sha256:${"a".repeat(64)}`,
      "image ghcr.io/acme/notes:1.2",
      "URL https://mcp.acme.example/notes",
      "command /opt/acme/bin/notes-mcp",
    ]);
  });
});
