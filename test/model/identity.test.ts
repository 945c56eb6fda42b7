/**
 * serverIdentity: what a server is (package, image, URL, command), read from
 * its launch line by the same parser the pinning rule uses.
 */
import { describe, expect, it } from "vitest";
import { scanSources } from "../../src/api.js";
import { matchesApproval } from "../../src/engine/approved.js";
import { driftOf, lockEntry } from "../../src/engine/lock.js";
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

  it("names a git source by its repository and ref; local paths stay commands", () => {
    const sha = "4f1c2a9e8b7d6c5f4e3d2c1b0a9f8e7d6c5b4a39";
    expect(
      identities({
        a: { command: "uvx", args: ["--from", `git+https://github.com/oraios/serena@${sha}`, "serena"] },
        b: { command: "npx", args: ["-y", "github:acme/notes-mcp"] },
        c: { command: "npx", args: ["-y", "./packages/notes-mcp"] },
      }),
    ).toEqual([`pypi package git+https://github.com/oraios/serena@${sha}`, "npm package github:acme/notes-mcp", "command npx"]);
  });
});

describe("git sources in the lock and the approved list", () => {
  const sha = (c: string) => c.repeat(40);
  function server(arg: string) {
    const r = scanSources([{ path: ".amazonq/mcp.json", text: JSON.stringify({ mcpServers: { serena: { command: "uvx", args: ["--from", arg, "serena"] } } }) }]);
    return r.model.servers[0] as NonNullable<(typeof r.model.servers)[0]>;
  }

  it("a new commit or branch of the same repository is a version change, not a new identity", () => {
    const at = (ref: string) => lockEntry(server(`git+ssh://git@github.com/oraios/serena.git${ref}`), { secrets: [] });
    expect(at(`@${sha("a")}`)).toMatchObject({ identity: `pypi package git+ssh://git@github.com/oraios/serena.git@${sha("a")}`, version: sha("a") });
    expect(driftOf(at(`@${sha("b")}`), at(`@${sha("a")}`)).map((d) => d.kind)).toEqual(["version"]);
    expect(driftOf(at("@feature/mcp"), at("")).map((d) => d.kind)).toEqual(["version"]);
    expect(driftOf(at(""), at(`@${sha("a")}`)).map((d) => d.kind)).toEqual(["version"]);
  });

  it("an approval names the repository and, if it likes, the commit", () => {
    const id = serverIdentity(server(`git+https://github.com/oraios/serena@${sha("a")}`));
    if (!id) throw new Error("no identity");
    expect(matchesApproval(id, { package: "git+https://github.com/oraios/serena", version: sha("a") })).toBe(true);
    expect(matchesApproval(id, { package: "git+https://github.com/oraios/serena", version: sha("b") })).toBe(false);
    expect(matchesApproval(id, { command: "uvx" })).toBe(false);
  });
});
