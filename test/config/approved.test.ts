/**
 * `approved:` in the configuration file: servers are matched on what they are
 * (package and version range, image, URL), with approval records and expiry.
 */
import { describe, expect, it } from "vitest";
import { cli, tempTree } from "../helpers.js";

const mcp = JSON.stringify(
  {
    mcpServers: {
      github: { command: "npx", args: ["-y", "@modelcontextprotocol/server-github@2.1.0"], env: { GITHUB_TOKEN: "${GITHUB_PAT}" } },
      notes: { type: "http", url: "https://mcp.acme.example/notes", headers: { Authorization: "Bearer ${NOTES_TOKEN}" } },
      random: { command: "npx", args: ["-y", "mcp-server-random@1.0.0"] },
    },
  },
  null,
  2,
);

const config = `approved:
  - package: "@modelcontextprotocol/server-github"
    version: ^2.0.0
    approvedBy: alice
    approvedAt: 2026-01-10
    reference: SEC-101
  - url: https://mcp.acme.example/*
    reference: SEC-42
    expires: 2026-01-31
`;

describe("approved servers from .mcplint.yaml", () => {
  it("reports unlisted servers and expired approvals, not approved ones (and not by name)", async () => {
    const dir = tempTree({ ".git/HEAD": "", ".mcp.json": mcp, ".mcplint.yaml": config });
    const r = await cli(["scan", "--format", "json"], dir);
    const found = JSON.parse(r.stdout).findings.filter((f: { ruleId: string }) => f.ruleId === "unapproved-server");
    expect(found.map((f: { server: { name: string }; location: { line: number } }) => `${f.server.name}@${f.location.line}`)).toEqual(["notes@13", "random@20"]);
    expect(found[0].message).toContain("approval (SEC-42) expired on 2026-01-31");
    expect(found[1].message).toContain("npm package mcp-server-random@1.0.0, which is not on the approved list");
    expect(r.exitCode).toBe(1);
  });

  it("an approval renewed in a later entry counts, not the expired record above it", async () => {
    const renewed = config + `  - url: https://mcp.acme.example/notes
    reference: SEC-77
    approvedBy: bob
    expires: 2099-12-31
`;
    const dir = tempTree({ ".git/HEAD": "", ".mcp.json": mcp, ".mcplint.yaml": renewed });
    const r = await cli(["scan", "--format", "json", "--fail-on", "none"], dir);
    const found = JSON.parse(r.stdout).findings.filter((f: { ruleId: string }) => f.ruleId === "unapproved-server");
    expect(found.map((f: { server: { name: string } }) => f.server.name)).toEqual(["random"]);
    const inv = JSON.parse((await cli(["inventory", "--format", "json"], dir)).stdout);
    const notes = inv.servers.find((s: { name: string }) => s.name === "notes");
    expect(notes.verdict.approval).toMatchObject({ status: "approved", reference: "SEC-77", expires: "2099-12-31" });
  });

  it("a bad entry is a configuration error naming the key (exit 2)", async () => {
    const dir = tempTree({ ".git/HEAD": "", ".mcp.json": mcp, ".mcplint.yaml": "approved:\n  - approvedBy: alice\n" });
    const r = await cli(["scan"], dir);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/\.mcplint\.yaml:2:\d+: approved/);
  });

  it("inventory shows the approval record next to the approved server", async () => {
    const dir = tempTree({ ".git/HEAD": "", ".mcp.json": mcp, ".mcplint.yaml": config });
    const inv = JSON.parse((await cli(["inventory", "--format", "json"], dir)).stdout);
    const gh = inv.servers.find((s: { name: string }) => s.name === "github");
    expect(JSON.stringify(gh)).toContain("SEC-101");
    expect(JSON.stringify(gh)).toContain("alice");
  });
});
