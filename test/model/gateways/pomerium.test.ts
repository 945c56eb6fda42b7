import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { scanSources } from "../../../src/api.js";
import { verdictOf } from "../../../src/engine/verdict.js";
import { fakeOpaqueKey } from "../../../src/rules/fake-secrets.js";
import { credentialRows, findingRows, policyRows, scanFixture, serverRows } from "./helpers.js";

describe("Pomerium MCP routes", () => {
  it("identity allow plus mcp_tool deny is default-deny; allow_any_authenticated_user opens the route", () => {
    const r = scanFixture("pomerium/config.yaml");
    expect(serverRows(r)).toEqual([
      { client: "pomerium", name: "https://notes-mcp.acme.example", at: "4:9", transport: "http", url: "http://notes.internal:8080/mcp" },
      { client: "pomerium", name: "https://github-mcp.acme.example", at: "15:9", transport: "http", url: "https://api.githubcopilot.com/mcp/" },
    ]);
    expect(credentialRows(r, "https://github-mcp.acme.example")).toEqual([{ key: "upstream_oauth2.client_secret", ref: "literal", line: 22 }]);
    expect(policyRows(r)).toEqual([
      { client: "pomerium", kind: "gateway", name: "https://notes-mcp.acme.example", decision: "deny", at: "8:3", reason: "policy admits only callers its allow blocks match (Pomerium denies the rest)" },
      { client: "pomerium", kind: "gateway", name: "https://github-mcp.acme.example", decision: "allow", at: "17:33", reason: "allow_any_authenticated_user is true (any user who can sign in to the identity provider may call every tool)" },
    ]);
    expect(findingRows(r)).toEqual(["missing-default-deny 17:33", "permissive-setting 17:33"]);
  });
});

describe("Pomerium MCP client routes", () => {
  it("a route with mcp: { client: {} } fronts an app that calls MCP servers: no server, no policy, no findings", () => {
    const text = [
      "routes:",
      "  - from: https://chat.acme.example",
      "    to: http://chat-app:3000",
      "    mcp:",
      "      client: {}",
      "    policy:",
      "      allow:",
      "        and:",
      "          - domain: { is: acme.example }",
      "  - from: https://db-mcp.acme.example",
      "    to: http://db-mcp:8080/mcp",
      "    mcp:",
      "      server: {}",
      "    policy:",
      "      - allow: { or: [ { email: { is: alice@acme.example } } ] }",
      "      - deny: { and: [ { mcp_tool: { not_in: [list_tables] } } ] }",
      "",
    ].join("\n");
    const r = scanSources([{ path: "pomerium/config.yaml", text }]);
    expect(serverRows(r)).toEqual([{ client: "pomerium", name: "https://db-mcp.acme.example", at: "10:11", transport: "http", url: "http://db-mcp:8080/mcp" }]);
    expect(policyRows(r).map((p) => `${p.name} ${p.decision}`)).toEqual(["https://db-mcp.acme.example deny"]);
    expect(r.findings.filter((f) => f.loc.line < 10).map((f) => f.ruleId)).toEqual([]);
  });
});

describe("Pomerium's older route shape (real file: pomerium/mcp-servers pomerium-config.yaml)", () => {
  it("reads the upstream OAuth client under mcp.upstream_oauth2 (no server: level) as the server's credential", () => {
    // The sample's own client_secret is the placeholder `yyy`; a real-looking one is put in its place.
    const text = readFileSync(new URL("../../../fixtures/gateways/real-pomerium/mcp-servers/pomerium-config.yaml", import.meta.url), "utf8").replace("client_secret: yyy", `client_secret: ${fakeOpaqueKey("pomerium-notion")}`);
    const r = scanSources([{ path: "pomerium-config.yaml", text }]);
    expect(serverRows(r)).toEqual([{ client: "pomerium", name: "https://notion.YOUR-DOMAIN", at: "22:11", transport: "http", url: "http://mcp-servers:8080/notion" }]);
    expect(credentialRows(r, "https://notion.YOUR-DOMAIN")).toEqual([{ key: "upstream_oauth2.client_secret", ref: "literal", line: 29 }]);
    const secret = r.findings.find((f) => f.ruleId === "hardcoded-secret");
    expect(secret && { at: `${secret.loc.line}:${secret.loc.column}`, server: secret.server?.name }).toEqual({ at: "29:24", server: "https://notion.YOUR-DOMAIN" });
    expect(r.model.servers.map((s) => verdictOf(r.model, s).identity.value)).toEqual(["literal-secret"]);
  });
});
