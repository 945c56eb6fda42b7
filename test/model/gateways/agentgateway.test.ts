import { describe, expect, it } from "vitest";
import { scanSources } from "../../../src/api.js";
import { credentialRows, factRows, findingRows, policyRows, scanFixture, serverRows, settingRows } from "./helpers.js";
import { verdictOf } from "../../../src/engine/verdict.js";

describe("agentgateway", () => {
  it("full form: targets as servers, deny-only rules fail open, optional jwtAuth, shared key, CORS *", () => {
    const r = scanFixture("agentgateway/config.yaml");
    expect(r.model.files[0]?.format).toBe("agentgateway");
    expect(serverRows(r)).toEqual([
      { client: "agentgateway", name: "acme-notes", at: "24:19", transport: "http", url: "http://notes.internal:8080/mcp" },
      { client: "agentgateway", name: "everything", at: "27:19", transport: "stdio", command: "npx" },
    ]);
    expect(credentialRows(r, "acme-notes")).toEqual([{ key: "backendAuth.key", ref: "literal", line: 20 }]);
    expect(credentialRows(r, "everything")).toEqual([
      { key: "ACME_REGION", ref: "literal", line: 32 },
      { key: "backendAuth.key", ref: "literal", line: 20 },
    ]);
    expect(policyRows(r)).toEqual([
      { client: "agentgateway", kind: "gateway", name: "notes", decision: "allow", at: "17:11", reason: "mcpAuthorization.rules has no allow rule (deny-only rules fail open: any call no rule matches is allowed)" },
    ]);
    expect(r.model.policies[0]?.toolRules.map((t) => `${t.effect} ${t.pattern}`)).toEqual(['deny mcp.tool.name == "delete_note"']);
    expect(r.model.policies[0]?.authn).toMatchObject({ required: false, mode: "optional" });
    expect(settingRows(r)).toEqual([
      "jwtAuth.mode=optional (default) permissive 11:9",
      "cors.allowOrigins=* permissive 9:26",
    ]);
    // The shared key is who the upstream sees (one identity for every caller), for each server behind it.
    expect(r.model.servers.map((s) => s.upstreamIdentity?.kind)).toEqual(["shared-static", "shared-static"]);
    expect(findingRows(r)).toEqual(["permissive-setting 9:26", "permissive-setting 11:9", "missing-default-deny 17:11"]);
    expect(findingRows(r, ["gateway-audit-off", "shared-upstream-key"])).toEqual(["gateway-audit-off 2:1", "shared-upstream-key 20:11", "shared-upstream-key 20:11"]);
  });

  it("reports the effective default and the key in the message", () => {
    const r = scanFixture("agentgateway/config.yaml");
    const f = r.findings.find((x) => x.ruleId === "missing-default-deny");
    expect(f?.message).toBe("Gateway 'notes' (agentgateway) fails open: mcpAuthorization.rules has no allow rule (deny-only rules fail open: any call no rule matches is allowed). Effective default: allow.");
    // The inline upstream key is never printed in a setting message.
    expect(r.findings.map((x) => x.message).join("\n")).not.toContain("acme-upstream-7d1f4c9a2e8b6053f1a9c4d7e2b8a610");
  });

  it("simple form with no mcpAuthorization allows everything (located at the mcp key)", () => {
    const r = scanFixture("agentgateway/simple/config.yaml");
    expect(serverRows(r)).toEqual([
      { client: "agentgateway", name: "filesystem", at: "4:11", transport: "stdio", command: "npx" },
      { client: "agentgateway", name: "acme-search", at: "8:11", transport: "sse", url: "http://search.internal:8081/sse" },
    ]);
    expect(policyRows(r)).toEqual([{ client: "agentgateway", kind: "gateway", name: "mcp", decision: "allow", at: "1:1", reason: "no mcpAuthorization policy (no rules means allow all)" }]);
    expect(factRows(r)).toEqual(["filesystem root-filesystem 7:63"]);
    expect(findingRows(r)).toEqual(["missing-default-deny 1:1", "broad-resource-access 7:63"]);
  });

  it("strict authentication plus allow rules is an allowlist; a file key is a reference", () => {
    const r = scanFixture("agentgateway/strict/config.yaml");
    expect(policyRows(r)).toEqual([{ client: "agentgateway", kind: "gateway", name: "notes", decision: "deny", at: "14:11", reason: "mcpAuthorization.rules has allow rules (allowlist: calls no allow rule matches are denied)" }]);
    expect(r.model.policies[0]?.toolRules.map((t) => t.effect)).toEqual(["allow", "allow"]);
    expect(r.model.policies[0]?.authn).toMatchObject({ required: true, mode: "strict" });
    expect(credentialRows(r, "acme-notes")).toEqual([{ key: "backendAuth.key", ref: "file:/var/run/secrets/acme/notes-key", line: 19 }]);
    // One shared upstream key is still one shared identity, even from a file.
    expect(findingRows(r)).toEqual([]);
    expect(findingRows(r, ["gateway-audit-off", "shared-upstream-key"])).toEqual(["gateway-audit-off 1:1", "shared-upstream-key 18:11"]);
  });

  it("sniffs JSON configs too and leaves unrelated YAML alone", async () => {
    const { scanSources } = await import("../../../src/api.js");
    const json = scanSources([{ path: "gw/agentgateway.json", text: `{ "mcp": { "targets": [ { "name": "n", "mcp": { "host": "http://n:8080/mcp" } } ] } }\n` }]);
    expect(json.model.files[0]?.format).toBe("agentgateway");
    expect(json.model.policies[0]?.defaultDecision).toBe("allow");
    const other = scanSources([{ path: "conf/app.yaml", text: "mcp:\n  enabled: true\n" }]);
    expect(other.model.files[0]?.format).toBe("text");
  });
});

describe("agentgateway top-level named backends", () => {
  it("a route backend written 'backend: <name>' uses the top-level backend of that name: its targets are servers, once, governed by every route that names it", () => {
    const text = [
      "backends:",
      "- name: shared-mcp",
      "  mcp:",
      "    targets:",
      "    - name: everything",
      "      stdio:",
      "        cmd: npx",
      '        args: ["@modelcontextprotocol/server-everything@2025.9.1"]',
      "binds:",
      "- port: 3000",
      "  listeners:",
      "  - routes:",
      "    - name: open",
      "      backends:",
      "      - backend: shared-mcp",
      "    - name: narrow",
      "      policies:",
      "        mcpAuthorization:",
      "          rules: ['mcp.tool.name == \"echo\"']",
      "      backends:",
      "      - backend: shared-mcp",
      "",
    ].join("\n");
    const r = scanSources([{ path: "agentgateway/config.yaml", text }]);
    expect(serverRows(r)).toEqual([{ client: "agentgateway", name: "everything", at: "5:13", transport: "stdio", command: "npx" }]);
    const id = r.model.servers[0]?.id;
    expect(r.model.policies.map((p) => `${p.name} ${p.defaultDecision} ${p.governs.join(",") === id}`)).toEqual(["open allow true", "narrow deny true"]);
    expect(findingRows(r, ["missing-default-deny"])).toEqual(["missing-default-deny 13:7"]);
  });
});

describe("agentgateway with no MCP target", () => {
  it("`mcp: { targets: [] }` serves no tool: no gateway policy, so no missing-default-deny or gateway-audit-off (a real LLM-only config)", () => {
    const r = scanFixture("real-agentgateway/agent-mesh/config.yaml");
    expect(r.model.files[0]?.format).toBe("agentgateway");
    expect(r.model.servers).toEqual([]);
    expect(r.model.policies).toEqual([]);
    expect(r.findings.map((f) => f.ruleId)).toEqual([]);
  });
});

describe("agentgateway requestHeaderModifier writing a credential header", () => {
  const config = (headers: string) => `binds:
- port: 3000
  listeners:
  - routes:
    - policies:
        requestHeaderModifier:
${headers}      backends:
      - mcp:
          targets:
          - name: github
            mcp:
              host: https://api.githubcopilot.com/mcp/
`;

  it("is the credential of the servers behind the route, one static value for every caller (was: 'configured with no credential')", () => {
    const r = scanSources([{ path: "agentgateway/config.yaml", text: config(`          set:\n            Authorization: "Bearer \${GITHUB_TOKEN}"\n            X-Request-Source: agentgateway\n`) }]);
    // agentgateway expands `${VAR}` in its file (shellexpand): the header is the variable's value, one for every caller.
    expect(credentialRows(r, "github")).toEqual([{ key: "Authorization", ref: "env:GITHUB_TOKEN", line: 8 }]);
    expect(r.findings.map((f) => `${f.ruleId} ${f.loc.line}:${f.loc.column}`).filter((f) => !f.startsWith("gateway-audit-off") && !f.startsWith("missing-default-deny"))).toEqual(["shared-upstream-key 8:13"]);
    expect(r.model.servers[0]?.upstreamIdentity?.detail).toBe("requestHeaderModifier.set.Authorization writes one Authorization header upstream for every caller");
  });

  it("a header that carries no credential changes nothing", () => {
    const r = scanSources([{ path: "agentgateway/config.yaml", text: config(`          add:\n            X-Request-Source: agentgateway\n`) }]);
    expect(credentialRows(r, "github")).toEqual([]);
    expect(r.findings.map((f) => f.ruleId)).toContain("unauthenticated-remote");
  });
});

describe("agentgateway expands `$VAR` and `${VAR}` in its file (shellexpand over the whole text)", () => {
  const config = (key: string) => `mcp:\n  policies:\n    backendAuth:\n      key: "${key}"\n  targets:\n  - name: service-a\n    mcp:\n      host: https://service-a.example.com/mcp\n`;

  it.each([
    ["$SERVICE_A_API_KEY", "env:SERVICE_A_API_KEY"],
    ["${SERVICE_A_API_KEY}", "env:SERVICE_A_API_KEY"],
  ])("backendAuth.key %s is a reference, not text the upstream receives (was: unexpanded-reference)", (key, ref) => {
    const r = scanSources([{ path: "agentgateway/config.yaml", text: config(key) }]);
    expect(credentialRows(r, "service-a")).toEqual([{ key: "backendAuth.key", ref, line: 4 }]);
    expect(findingRows(r, ["unexpanded-reference", "shared-upstream-key"])).toEqual(["shared-upstream-key 4:7"]);
    expect(r.model.servers[0]?.upstreamIdentity?.kind).toBe("shared-static");
  });
});

describe("agentgateway target-level policies (`mcp.targets[].policies`)", () => {
  it("a real config's per-target requestHeaderModifier is that server's static upstream credential (was: no credential)", () => {
    const r = scanFixture("real-agentgateway/cbox/config.yaml");
    expect(serverRows(r)).toEqual([{ client: "agentgateway", name: "github", at: "19:13", transport: "http", url: "github-mcp" }]);
    expect(credentialRows(r, "github")).toEqual([{ key: "Authorization", ref: "env:GH_TOKEN", line: 23 }]);
    expect(r.model.servers[0]?.upstreamIdentity).toMatchObject({ kind: "shared-static", key: "requestHeaderModifier.set.Authorization" });
    expect(findingRows(r, ["missing-default-deny", "shared-upstream-key", "unexpanded-reference", "unauthenticated-remote"])).toEqual(["missing-default-deny 12:3", "shared-upstream-key 23:13"]);
    expect(verdictOf(r.model, r.model.servers[0]!).identity.value).toBe("shared-credential");
  });

  it("a target's own backendAuth overrides the backend's: one credential, the target's", () => {
    const text = [
      "mcp:",
      "  policies:",
      "    backendAuth:",
      '      key: "$SHARED_KEY"',
      "  targets:",
      "  - name: a",
      "    mcp:",
      "      host: https://a.example.com/mcp",
      "    policies:",
      "      backendAuth:",
      '        key: "$A_KEY"',
      "  - name: b",
      "    mcp:",
      "      host: https://b.example.com/mcp",
      "",
    ].join("\n");
    const r = scanSources([{ path: "agentgateway/config.yaml", text }]);
    expect(credentialRows(r, "a")).toEqual([{ key: "backendAuth.key", ref: "env:A_KEY", line: 11 }]);
    expect(credentialRows(r, "b")).toEqual([{ key: "backendAuth.key", ref: "env:SHARED_KEY", line: 4 }]);
    expect(r.model.servers.map((s) => `${s.name} ${s.upstreamIdentity?.loc.line}`)).toEqual(["a 11", "b 4"]);
  });
});

describe("agentgateway HTTP `authorization` in front of the MCP route", () => {
  it("allow rules deny every request they do not match: the real route is default-deny, not 'no rules means allow all'", () => {
    const r = scanFixture("real-agentgateway/tutorials/config.yaml");
    expect(policyRows(r)).toEqual([
      { client: "agentgateway", kind: "gateway", name: "mcp", decision: "deny", at: "37:7", reason: "authorization.rules has allow rules (requests no allow rule matches are denied; the callers it admits reach every tool no mcpAuthorization rule denies)" },
    ]);
    expect(findingRows(r, ["missing-default-deny"])).toEqual([]);
    expect(verdictOf(r.model, r.model.servers[0]!).authorization.value).toBe("default-deny");
  });

  it("deny-only HTTP rules still fail open", () => {
    const text = "mcp:\n  policies:\n    authorization:\n      rules:\n      - deny: 'jwt.sub == \"blocked\"'\n  targets:\n  - name: a\n    mcp:\n      host: https://a.example.com/mcp\n";
    const r = scanSources([{ path: "agentgateway/config.yaml", text }]);
    expect(policyRows(r).map((p) => `${p.decision} ${p.reason}`)).toEqual(["allow no mcpAuthorization policy (no rules means allow all)"]);
    expect(findingRows(r, ["missing-default-deny"])).toEqual(["missing-default-deny 2:3"]);
  });
});

describe("agentgateway's gateways/routes form (top-level `gateways:` and `routes:`, which current releases recommend over `binds:`)", () => {
  it("a route attached to the `default` gateway is read as a binds route is: its targets are servers, its missing mcpAuthorization fails open (was: no server, no policy)", () => {
    const text = [
      "gateways:",
      "  default:",
      "    port: 3000",
      "routes:",
      "- name: notes",
      "  policies:",
      "    backendAuth:",
      '      key: "$NOTES_KEY"',
      "  backends:",
      "  - mcp:",
      "      targets:",
      "      - name: notes",
      "        mcp:",
      "          host: https://notes.acme.example/mcp",
      "",
    ].join("\n");
    const r = scanSources([{ path: "agentgateway/config.yaml", text }]);
    expect(r.model.files[0]?.format).toBe("agentgateway");
    expect(serverRows(r)).toEqual([{ client: "agentgateway", name: "notes", at: "12:15", transport: "http", url: "https://notes.acme.example/mcp" }]);
    expect(credentialRows(r, "notes")).toEqual([{ key: "backendAuth.key", ref: "env:NOTES_KEY", line: 8 }]);
    expect(policyRows(r)).toEqual([{ client: "agentgateway", kind: "gateway", name: "notes", decision: "allow", at: "6:3", reason: "no mcpAuthorization policy (no rules means allow all)" }]);
    expect(findingRows(r, ["missing-default-deny", "shared-upstream-key"])).toEqual(["missing-default-deny 6:3", "shared-upstream-key 8:7"]);
  });

  it("the policies written on the gateway listener a route names (`gateways: default/web`) apply to it: an HTTP allowlist there is default-deny, its optional jwtAuth a permissive setting", () => {
    const text = [
      "gateways:",
      "  default:",
      "    listeners:",
      "    - name: web",
      "      jwtAuth:",
      "        issuer: https://idp.acme.example",
      "        jwks:",
      "          url: https://idp.acme.example/jwks",
      "      authorization:",
      "        rules:",
      "        - '\"mcp-users\" in jwt.groups'",
      "    - name: admin",
      "      port: 3001",
      "routes:",
      "- gateways: default/web",
      "  backends:",
      "  - backend: notes",
      "backends:",
      "- name: notes",
      "  mcp:",
      "    targets:",
      "    - name: notes",
      "      mcp:",
      "        host: https://notes.acme.example/mcp",
      "",
    ].join("\n");
    const r = scanSources([{ path: "agentgateway/config.yaml", text }]);
    expect(serverRows(r).map((s) => s.name)).toEqual(["notes"]);
    expect(policyRows(r).map((p) => `${p.name} ${p.decision} ${p.at}`)).toEqual(["routes[0] deny 10:9"]);
    expect(r.model.policies[0]?.authn).toMatchObject({ required: false, mode: "optional" });
    expect(settingRows(r)).toEqual(["jwtAuth.mode=optional (default) permissive 5:7"]);
    expect(findingRows(r)).toEqual(["permissive-setting 5:7"]);
    expect(verdictOf(r.model, r.model.servers[0]!).authorization.value).toBe("default-deny");
  });

  it("`mcp:` attached to two gateways is one policy per gateway: the one with no rule opens the server, whatever the other denies", () => {
    const text = [
      "gateways:",
      "  public:",
      "    port: 3000",
      "    authorization:",
      "      rules: ['\"mcp-users\" in jwt.groups']",
      "  internal:",
      "    port: 3001",
      "mcp:",
      "  gateways: [public, internal]",
      "  targets:",
      "  - name: notes",
      "    mcp:",
      "      host: https://notes.acme.example/mcp",
      "",
    ].join("\n");
    const r = scanSources([{ path: "agentgateway/config.yaml", text }]);
    expect(policyRows(r).map((p) => `${p.name} ${p.decision} ${p.at}`)).toEqual(["mcp (gateway public) deny 5:7", "mcp (gateway internal) allow 8:1"]);
    expect(findingRows(r, ["missing-default-deny"])).toEqual(["missing-default-deny 8:1"]);
    const v = verdictOf(r.model, r.model.servers[0]!).authorization;
    expect(`${v.value} ${v.policy?.name}`).toBe("allow-by-default mcp (gateway internal)");
  });

  it("`mcp:` with no `gateways:` attaches to the gateway named `default`; with `port:` it is served on its own port and no gateway's policies apply", () => {
    const config = (port: string) => `gateways:\n  default:\n    port: 3000\n    authorization:\n      rules: ['"mcp-users" in jwt.groups']\nmcp:\n${port}  targets:\n  - name: notes\n    mcp:\n      host: https://notes.acme.example/mcp\n`;
    expect(policyRows(scanSources([{ path: "agentgateway/config.yaml", text: config("") }])).map((p) => `${p.decision} ${p.at}`)).toEqual(["deny 5:7"]);
    expect(policyRows(scanSources([{ path: "agentgateway/config.yaml", text: config("  port: 3005\n") }])).map((p) => `${p.decision} ${p.at}`)).toEqual(["allow 6:1"]);
  });

  it("is read inside a ConfigMap too, where agentgateway's file is often kept", () => {
    const text = ["apiVersion: v1", "kind: ConfigMap", "metadata:", "  name: agentgateway-config", "data:", "  config.yaml: |", "    gateways:", "      default:", "        port: 3000", "    routes:", "    - name: notes", "      backends:", "      - mcp:", "          targets:", "          - name: notes", "            mcp:", "              host: https://notes.acme.example/mcp", ""].join("\n");
    const r = scanSources([{ path: "deploy/agentgateway-cm.yaml", text }]);
    expect(serverRows(r).map((s) => `${s.client} ${s.name} ${s.at}`)).toEqual(["agentgateway notes 15:19"]);
    expect(findingRows(r, ["missing-default-deny"])).toEqual(["missing-default-deny 11:7"]);
  });

  it("a top-level `routes:` list with no MCP backend is not agentgateway's (Pomerium's routes stay Pomerium's)", () => {
    const plain = scanSources([{ path: "conf/routes.yaml", text: "routes:\n- name: api\n  backends:\n  - host: api.internal:8080\n" }]);
    expect(plain.model.files[0]?.format).toBe("text");
    const pomerium = scanSources([{ path: "pomerium/config.yaml", text: "routes:\n- from: https://mcp.acme.example\n  to: http://notes.internal:8080\n  mcp:\n    server: {}\n  policy:\n    allow:\n      and:\n      - domain:\n          is: acme.example\n" }]);
    expect(pomerium.model.files[0]?.format).toBe("pomerium");
  });
});
