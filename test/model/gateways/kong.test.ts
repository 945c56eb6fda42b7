import { describe, expect, it } from "vitest";
import { scanSources } from "../../../src/api.js";
import { inventoryPolicy } from "../../../src/report/inventory.js";
import { fakeOpaqueKey } from "../../../src/rules/fake-secrets.js";
import { credentialRows, findingRows, policyRows, scanFixture, serverRows, settingRows } from "./helpers.js";

describe("Kong AI MCP Proxy (decK)", () => {
  it("no default_acl and a tool without acl: allowed; payload logging on", () => {
    const r = scanFixture("kong/kong.yaml");
    expect(r.model.files[0]?.format).toBe("kong-deck");
    expect(serverRows(r)).toEqual([{ client: "kong", name: "acme-notes-mcp", at: "3:9", transport: "http", url: "http://notes.internal:8080/mcp" }]);
    expect(policyRows(r)).toEqual([
      { client: "kong", kind: "gateway", name: "acme-mcp-route", decision: "allow", at: "11:3", reason: "no config.default_acl and tools search_notes have no acl (no ACL means allowed)" },
    ]);
    expect(r.model.policies[0]?.toolRules.map((t) => `${t.effect} ${t.pattern} ${t.loc.line}`)).toEqual(["allow delete_note: notes-admins 20"]);
    expect(r.model.policies[0]?.authn).toMatchObject({ required: false });
    expect(settingRows(r)).toEqual(["config.logging.log_payloads=true permissive 14:21"]);
    expect(findingRows(r)).toEqual(["missing-default-deny 11:3", "permissive-setting 14:21"]);
  });

  it("default_acl with an allow list and key-auth on the route: denied by default", () => {
    const r = scanFixture("kong/kong-acl.yaml");
    expect(policyRows(r)).toEqual([
      { client: "kong", kind: "gateway", name: "acme-mcp-route", decision: "deny", at: "14:9", reason: "config.default_acl has an allow list (subjects it does not name are denied)" },
    ]);
    expect(r.model.policies[0]?.authn).toMatchObject({ required: true, mode: "key-auth" });
    expect(findingRows(r)).toEqual([]);
  });
});

describe("Kong AI MCP Proxy in other shapes", () => {
  const scan = (path: string, text: string) => scanSources([{ path, text }]);

  it("a conversion tool with no name (Kong's REST-to-MCP tools may have none) is named by its method and path, not '?'", () => {
    const text = [
      "_format_version: \"3.0\"",
      "plugins:",
      "- name: ai-mcp-proxy",
      "  route: jokes-mcp",
      "  config:",
      "    mode: conversion-listener",
      "    tools:",
      "    - description: Random joke",
      "      method: GET",
      "      path: /api/jokes/random",
      "    - description: Something",
      "",
    ].join("\n");
    const r = scan("kong/kong.yaml", text);
    expect(policyRows(r).map((p) => p.reason)).toEqual(["no config.default_acl and tools config.tools[0] (GET /api/jokes/random), config.tools[1] have no acl (no ACL means allowed)"]);
  });

  it("a decK file without _format_version (a partial file for deck file merge, the catalog's own example) is read", () => {
    const r = scan("kong/mcp-plugins.yaml", `plugins:\n- name: ai-mcp-proxy\n  route: notes-mcp-route\n  config:\n    mode: passthrough-listener\n    tools:\n    - name: delete_note\n`);
    expect(r.model.files[0]?.format).toBe("kong-deck");
    expect(policyRows(r)).toEqual([{ client: "kong", kind: "gateway", name: "notes-mcp-route", decision: "allow", at: "4:3", reason: "no config.default_acl and tools delete_note have no acl (no ACL means allowed)" }]);
  });

  it("a Kong Ingress Controller KongPlugin (any document of the file) is read like the decK plugin", () => {
    const text = `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: mcp-route
  annotations:
    konghq.com/plugins: mcp-proxy
spec:
  rules:
  - backendRefs:
    - name: notes-mcp
      port: 8080
---
apiVersion: configuration.konghq.com/v1
kind: KongPlugin
metadata:
  name: mcp-proxy
plugin: ai-mcp-proxy
config:
  mode: passthrough-listener
  logging:
    log_payloads: true
`;
    const r = scan("k8s/kong-mcp.yaml", text);
    expect(r.model.files[0]?.format).toBe("kong-deck");
    expect(policyRows(r)).toEqual([{ client: "kong", kind: "gateway", name: "mcp-proxy", decision: "allow", at: "18:1", reason: "no config.default_acl and tools the upstream exposes beyond config.tools have no acl (no ACL means allowed)" }]);
    expect(settingRows(r)).toEqual(["config.logging.log_payloads=true permissive 21:19"]);
    const acl = scan("k8s/kong-acl.yaml", `apiVersion: configuration.konghq.com/v1\nkind: KongClusterPlugin\nmetadata:\n  name: mcp-acl\nplugin: ai-mcp-proxy\nconfig:\n  mode: passthrough-listener\n  default_acl:\n  - scope: tools\n    allow: [notes-readers]\n`);
    expect(policyRows(acl).map((p) => p.decision)).toEqual(["deny"]);
  });

  it("a YAML file that merely names the plugin is not Kong", () => {
    expect(scan("docs/notes.yaml", `title: gateways\nitems:\n- name: ai-mcp-proxy\n  vendor: kong\n`).model.files[0]?.format).not.toBe("kong-deck");
  });

  describe("a listener serving conversion-only plugins by tag", () => {
    const deck = (invoiceAcl: string) => `_format_version: "3.0"
services:
- name: ledger
  url: http://ledger.internal:9000
  routes:
  - name: ledger-api
    paths: [/ledger]
- name: invoices
  url: http://invoices.internal:9100
  routes:
  - name: invoices-api
    paths: [/invoices]
routes:
- name: books-mcp
  paths: [/books/mcp]
plugins:
- name: key-auth
  route: books-mcp
- name: ai-mcp-proxy
  route: books-mcp
  config:
    mode: listener
    server:
      tag: books
- name: ai-mcp-proxy
  route: ledger-api
  tags: [books]
  config:
    mode: conversion-only
    tools:
    - description: Post an entry
      method: POST
      acl:
        allow: [bookkeepers]
- name: ai-mcp-proxy
  route: invoices-api
  tags: [books]
  config:
    mode: conversion-only
    tools:
    - description: List invoices
      method: GET
      path: /invoices
${invoiceAcl}
`;

    it("is default-deny when every served tool has an acl allow list, and governs the served services", () => {
      const r = scan("kong/books.yaml", deck("      acl:\n        allow: [bookkeepers, auditors]"));
      expect(policyRows(r)).toEqual([
        { client: "kong", kind: "gateway", name: "books-mcp", decision: "deny", at: "21:3", reason: "every tool of the conversion-only plugins this listener serves has an acl allow list (the listener exposes only these tools)" },
      ]);
      expect(r.model.policies[0]?.governs).toEqual(["kong/books.yaml#plugins[2].service", "kong/books.yaml#plugins[3].service"]);
      expect(findingRows(r)).toEqual([]);
    });

    it("fails open at the listener (once) when a served tool has no acl, naming that tool", () => {
      const r = scan("kong/books.yaml", deck(""));
      expect(policyRows(r)).toEqual([
        {
          client: "kong",
          kind: "gateway",
          name: "books-mcp",
          decision: "allow",
          at: "21:3",
          reason: "no config.default_acl and tools plugins[3].config.tools[0] (GET /invoices) of the conversion-only plugins it serves have no acl (no ACL means allowed)",
        },
      ]);
      expect(findingRows(r)).toEqual(["missing-default-deny 21:3"]);
    });
  });

  it("a key in a service URL written as a decK ${{ env }} template or a Kong vault reference is that reference, not a literal", () => {
    const text = `_format_version: "3.0"
services:
- name: forecast-api
  url: https://forecast.example.test/data?api_key=\${{ env "DECK_FORECAST_API_KEY" }}
  routes:
  - name: forecast-mcp
    paths: [/forecast/mcp]
- name: tides-api
  url: "https://tides.example.test/v1?token={vault://env/tides-token}"
  routes:
  - name: tides-mcp
    paths: [/tides/mcp]
plugins:
- name: ai-mcp-proxy
  route: forecast-mcp
  config: { mode: passthrough-listener }
- name: ai-mcp-proxy
  route: tides-mcp
  config: { mode: passthrough-listener }
`;
    const r = scan("kong/refs.yaml", text);
    expect(credentialRows(r, "forecast-api")).toEqual([{ key: "url", ref: "env:DECK_FORECAST_API_KEY", line: 4 }]);
    expect(credentialRows(r, "tides-api")).toEqual([{ key: "url", ref: "secretStore:vault://env/tides-token", line: 9 }]);
    expect(r.findings.map((f) => f.ruleId).filter((id) => id === "hardcoded-secret" || id === "unexpanded-reference")).toEqual([]);
  });

  describe("a conversion tool's upstream request (query and headers) carries the server's credential", () => {
    const deck = (tools: string) => `_format_version: "3.0"
services:
- name: forecast-api
  url: https://forecast.example.test/data/2.5
  routes:
  - name: forecast-mcp
    paths: [/forecast/mcp]
  plugins:
  - name: ai-mcp-proxy
    config:
      mode: conversion-listener
      tools:
${tools}`;

    it("reads a decK env template or a vault reference under a credential name as that reference; two tools with one key share it", () => {
      const r = scan(
        "kong/forecast.yaml",
        deck(`      - name: current_weather
        description: Current weather
        method: GET
        query:
          appid:
          - \${{ env "DECK_FORECAST_API_KEY" }}
          units: [metric]
      - name: daily_forecast
        description: Daily forecast
        method: GET
        query:
          appid: ["\${{ env "DECK_FORECAST_API_KEY" }}"]
        headers:
          Accept: [application/json]
          X-Api-Key: ["{vault://env/forecast-key}"]
`),
      );
      expect(credentialRows(r, "forecast-api")).toEqual([
        { key: "query.appid", ref: "env:DECK_FORECAST_API_KEY", line: 18 },
        { key: "query.appid", ref: "env:DECK_FORECAST_API_KEY", line: 24 },
        { key: "X-Api-Key", ref: "secretStore:vault://env/forecast-key", line: 27 },
      ]);
      const rules = r.findings.map((f) => f.ruleId);
      expect(rules).not.toContain("unauthenticated-remote");
      expect(rules).not.toContain("hardcoded-secret");
      const shared = r.findings.filter((f) => f.ruleId === "shared-upstream-key").map((f) => `${f.loc.line}:${f.loc.column} ${f.message}`);
      expect(shared).toEqual([
        "18:13 Server 'forecast-api' (kong) is called with one static key for every caller: query parameter appid of tools current_weather, daily_forecast sends one configured key upstream for every caller. The upstream cannot tell callers apart.",
      ]);
    });

    it("reports a literal key in a credential query parameter or header as a hardcoded secret of the server, at the value", () => {
      const key = fakeOpaqueKey("kong-forecast", 32);
      const token = fakeOpaqueKey("kong-bearer", 40);
      const r = scan(
        "kong/forecast.yaml",
        deck(`      - name: current_weather
        description: Current weather
        query:
          api_key: [${key}]
        headers:
          Authorization: ["Bearer ${token}"]
`),
      );
      expect(credentialRows(r, "forecast-api")).toEqual([
        { key: "query.api_key", ref: "literal", line: 16 },
        { key: "Authorization", ref: "literal", line: 18 },
      ]);
      const secrets = r.findings.filter((f) => f.ruleId === "hardcoded-secret");
      expect(secrets.map((f) => `${f.loc.line}:${f.loc.column} ${f.message.includes("of MCP server 'forecast-api' (kong)")}`)).toEqual(["16:21 true", "18:35 true"]);
      expect(secrets.some((f) => f.message.includes(key) || f.message.includes(token))).toBe(false);
      expect(r.findings.map((f) => f.ruleId)).not.toContain("unauthenticated-remote");
    });
  });

  it("reads a decK file whose ${{ env }} templates are quoted (decK renders them before parsing the YAML)", () => {
    const text = `_format_version: "3.0"
routes:
- name: notes-mcp
  paths: ["/notes/mcp"]
plugins:
- name: ai-mcp-oauth2
  route: notes-mcp
  config:
    authorization_servers: ["\${{ env "DECK_NOTES_ISSUER" }}"]
    client_secret: "\${{ env "DECK_NOTES_SECRET" }}"
- name: ai-mcp-proxy
  route: notes-mcp
  config:
    mode: passthrough-listener
    logging: { log_payloads: true }
`;
    const r = scan("kong/notes.yaml", text);
    expect(r.model.files[0]?.format).toBe("kong-deck");
    expect(policyRows(r)).toEqual([{ client: "kong", kind: "gateway", name: "notes-mcp", decision: "allow", at: "13:3", reason: "no config.default_acl and tools the upstream exposes beyond config.tools have no acl (no ACL means allowed)" }]);
    expect(r.model.policies[0]?.authn).toMatchObject({ required: true, mode: "ai-mcp-oauth2" });
    expect(settingRows(r)).toEqual(["config.logging.log_payloads=true permissive 15:30"]);
    expect(r.findings.map((f) => f.ruleId).sort()).toEqual(["gateway-audit-off", "missing-default-deny", "permissive-setting"]);
  });
});


describe("Kong authentication plugins apply where Kong scopes them", () => {
  // The shape of a public decK sample (key-auth on another service, openid-connect bound to another service by name).
  const deck = (mcpPlugins: string, extra = "") => `_format_version: "3.0"
services:
  - name: orders
    url: https://orders.acme.example/v1
    routes:
      - name: orders-route
        paths: ["/orders"]
    plugins:
      - name: key-auth
  - name: tools
    url: https://mcp.acme.example
    routes:
      - name: tools-route
        paths: ["/mcp"]
    plugins:
${mcpPlugins}plugins:
  - name: rate-limiting
  - name: openid-connect
    service: multi
${extra}`;
  const authn = (text: string) => inventoryPolicy(scanSources([{ path: "kong.yaml", text }]).model.policies[0]!).authn;

  it("an auth plugin on another service or bound to another service is not the MCP route's (was: required, openid-connect)", () => {
    expect(authn(deck("      - name: ai-mcp-proxy\n"))).toEqual({ required: false, mode: "none" });
  });

  it("a global plugin, one on the MCP service, or one on its route (inline or by name) is", () => {
    expect(authn(deck("      - name: ai-mcp-proxy\n", "  - name: basic-auth\n"))).toEqual({ required: true, mode: "basic-auth" });
    expect(authn(deck("      - name: jwt\n      - name: ai-mcp-proxy\n"))).toEqual({ required: true, mode: "jwt" });
    expect(authn(deck("      - name: ai-mcp-proxy\n", "  - name: key-auth\n    service: tools\n"))).toEqual({ required: true, mode: "key-auth" });
    expect(authn(deck("      - name: ai-mcp-proxy\n        route: tools-route\n", "  - name: key-auth\n    route: { name: tools-route }\n"))).toEqual({ required: true, mode: "key-auth" });
  });

  it("a route-level auth plugin does not cover a service-level MCP proxy reached through other routes too", () => {
    expect(authn(deck("      - name: ai-mcp-proxy\n", "  - name: key-auth\n    route: tools-route\n"))).toEqual({ required: false, mode: "none" });
  });
});
