import { describe, expect, it } from "vitest";
import { credentialRows, factRows, findingRows, scanFixture, serverRows } from "./helpers.js";

describe("Kubernetes workloads running MCP servers", () => {
  it("MCP containers become servers with env literals, secretKeyRef/envFrom references and runtime facts", () => {
    const r = scanFixture("kubernetes/deploy/notes-mcp.yaml");
    expect(serverRows(r)).toEqual([
      { client: "kubernetes", name: "acme-notes-mcp/server", at: "16:15", transport: "container", image: "ghcr.io/acme/notes-mcp:1.4.2" },
      { client: "kubernetes", name: "reindex/reindex", at: "65:19", transport: "container", image: "ghcr.io/acme/notes-mcp:1.4.2", command: "node" },
    ]);
    expect(r.model.servers[0]?.args.map((a) => a.raw)).toEqual(["--transport", "streamable-http", "--port", "8080"]);
    expect(r.model.servers[1]?.args.map((a) => a.raw)).toEqual(["dist/reindex.js"]);
    expect(credentialRows(r, "acme-notes-mcp/server")).toEqual([
      { key: "ACME_KEY", ref: "literal", line: 21 },
      { key: "ACME_DB_URL", ref: "secretStore:acme-notes/db-url", line: 23 },
      { key: "envFrom:acme-notes-extra", ref: "secretStore:acme-notes-extra", line: 25 },
    ]);
    // The unmounted hostPath of the CronJob is not a fact of its container.
    expect(factRows(r)).toEqual(["acme-notes-mcp/server host-network 14:20", "acme-notes-mcp/server privileged 27:23", "acme-notes-mcp/server host-mount 36:17"]);
    expect(r.model.servers[0]?.facts[2]?.detail).toBe("hostPath mount of the Docker socket (root on the node)");
    expect(findingRows(r)).toEqual(["broad-resource-access 14:20", "broad-resource-access 27:23", "broad-resource-access 36:17"]);
  });

  it("a hardened deployment yields a server and no governance finding", () => {
    const r = scanFixture("kubernetes/deploy/notes-mcp-hardened.yaml");
    expect(credentialRows(r, "acme-notes-mcp/server")).toEqual([{ key: "ACME_DB_URL", ref: "secretStore:acme-notes/db-url", line: 12 }]);
    expect(findingRows(r)).toEqual([]);
  });
});
