import { describe, expect, it } from "vitest";
import { at, creds, find, scanFixture, summary } from "./helpers.js";

const C = "goose";
const FILE = "home/.config/goose/config.yaml";

describe("Goose (extensions)", () => {
  const f = scanFixture(C);

  it("skips builtin extensions and reads cmd/envs/env_keys", () => {
    expect(f.servers.map((s) => s.name)).toEqual(["acme-notes", "acme-remote"]);
    const s = f.server("acme-notes");
    expect(summary(s)).toEqual({
      client: "goose", scope: "user", transport: "stdio", enabled: true, command: "npx", args: ["-y", "@acme/notes-mcp"],
      env: { ACME_SECRET: "literal", ACME_REGION: "literal !${ACME_REGION}" }, headers: {}, passthrough: ["ACME_API_KEY"], grants: [],
    });
    // env_keys come from the OS keyring (or secrets.yaml): a secret-store reference.
    expect(creds(s)["env:ACME_API_KEY"]).toBe("secretStore:ACME_API_KEY");
    expect(at(s.loc)).toEqual(find(C, FILE, "acme-notes:"));
    expect(at(s.env[0]?.loc)).toEqual(find(C, FILE, "8GmIf3ie"));
  });

  it("reads uri as the URL of a streamable_http extension, enabled: false", () => {
    expect(summary(f.server("acme-remote"))).toMatchObject({ transport: "http", enabled: false, url: "https://mcp.acme.example/mcp", headers: { Authorization: "literal !${ACME_MCP_TOKEN}" } });
  });
});
