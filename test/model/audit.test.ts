/**
 * The audit derivers the gateway adapters call: each reads a raw document
 * (YAML/JSON snippet) and says whether caller, tool and decision are logged.
 */
import { describe, expect, it } from "vitest";
import { LineIndex } from "../../src/model/location.js";
import { parseStructured } from "../../src/parse/index.js";
import type { DocNode } from "../../src/parse/doc.js";
import { agentgatewayAudit, contextforgeAudit, envoyAudit, kongAudit, toolhiveAudit, agentgatewayUpstream, envoyBackendUpstream, librechatUpstream } from "../../src/model/adapters/audit/index.js";
import { get, isArray } from "../../src/parse/doc.js";

function doc(text: string, syntax: "yaml" | "json" = "yaml"): { where: { file: string; lines: LineIndex; text: string }; root: DocNode } {
  const parsed = parseStructured(syntax, text);
  const root = parsed.docs[0];
  if (!root) throw new Error("no document");
  return { where: { file: "gw.yaml", lines: new LineIndex(text), text }, root };
}

const summary = (a: { configured: boolean; key: string; loc: { line: number } } | undefined) => a && { configured: a.configured, key: a.key, line: a.loc.line };

describe("agentgateway", () => {
  it("no logging or tracing config: not configured", () => {
    const { where, root } = doc(`binds:\n- port: 3000\n  listeners: []\n`);
    expect(summary(agentgatewayAudit(where, root))).toEqual({ configured: false, key: "frontendPolicies.accessLog", line: 1 });
  });
  it("frontendPolicies.accessLog: configured; filter false: off", () => {
    const on = doc(`frontendPolicies:\n  accessLog:\n    add:\n      caller: jwt.sub\nbinds: []\n`);
    expect(summary(agentgatewayAudit(on.where, on.root))).toEqual({ configured: true, key: "frontendPolicies.accessLog", line: 2 });
    const off = doc(`frontendPolicies:\n  accessLog:\n    filter: "false"\n`);
    expect(summary(agentgatewayAudit(off.where, off.root))).toEqual({ configured: false, key: "frontendPolicies.accessLog.filter", line: 3 });
  });
  it("tracing counts; legacy config.logging filter false is off", () => {
    const t = doc(`config:\n  tracing:\n    otlpEndpoint: http://otel:4317\n`);
    expect(summary(agentgatewayAudit(t.where, t.root))).toEqual({ configured: true, key: "config.tracing.otlpEndpoint", line: 3 });
    const l = doc(`config:\n  logging:\n    filter: "false"\n`);
    expect(summary(agentgatewayAudit(l.where, l.root))?.configured).toBe(false);
  });
  it("an access-log or trace field that writes the caller's credential header is a leak, at the expression", () => {
    const leaks = (text: string) => {
      const d = doc(text);
      return (agentgatewayAudit(d.where, d.root)?.leaks ?? []).map((l) => `${l.key} ${l.value} ${l.loc.line}:${l.loc.column} ${l.effect}`);
    };
    expect(leaks(`frontendPolicies:\n  accessLog:\n    add:\n      caller: jwt.sub\n      token: 'request.headers["authorization"]'\n      key: request.headers.x-api-key\n`)).toEqual([
      'frontendPolicies.accessLog.add.token request.headers["authorization"] 5:15 permissive',
    ]);
    // Every header at once; the OTLP copy of the log and trace attributes count too.
    expect(leaks(`frontendPolicies:\n  accessLog:\n    otlp:\n      add:\n        headers: request.headers\n  tracing:\n    attributes:\n      cookie: "request.headers['Cookie']"\n`)).toEqual([
      "frontendPolicies.accessLog.otlp.add.headers request.headers 5:18 permissive",
      "frontendPolicies.tracing.attributes.cookie request.headers['Cookie'] 8:16 permissive",
    ]);
    // A credential header is any the key classifier names (a provider's API-key header), not only Authorization.
    expect(leaks(`frontendPolicies:\n  accessLog:\n    add:\n      google: 'request.headers["x-goog-api-key"]'\n      csrf: 'request.headers["x-csrf-token"]'\n`)).toEqual([
      'frontendPolicies.accessLog.add.google request.headers["x-goog-api-key"] 4:16 permissive',
    ]);
    // Testing whether a header is there, or logging one that carries no credential, is no leak.
    expect(leaks(`frontendPolicies:\n  accessLog:\n    add:\n      signed: '"authorization" in request.headers'\n      user: 'request.headers["x-user-id"]'\n`)).toEqual([]);
  });
  it("backendAuth.key is one shared upstream identity; passthrough is per caller", () => {
    const { where, root } = doc(`policies:\n  backendAuth:\n    key: { file: /run/key }\n`);
    expect(agentgatewayUpstream(where, get(root, "policies"))).toMatchObject({ kind: "shared-static", key: "backendAuth.key", loc: { line: 3 } });
    const p = doc(`policies:\n  backendAuth:\n    passthrough: {}\n`);
    expect(agentgatewayUpstream(p.where, get(p.root, "policies"))?.kind).toBe("per-caller");
  });
});

describe("ToolHive", () => {
  it("MCPServer without audit, with audit.enabled false, with true", () => {
    const none = doc(`apiVersion: toolhive.stacklok.dev/v1alpha1\nkind: MCPServer\nspec:\n  image: acme/notes\n  authzConfig: { type: inline }\n`);
    expect(summary(toolhiveAudit(none.where, none.root))).toEqual({ configured: false, key: "spec.audit", line: 3 });
    expect(toolhiveAudit(none.where, none.root)?.detail).toContain("authorization decisions are made but not recorded");
    const off = doc(`kind: MCPServer\nspec:\n  audit:\n    enabled: false\n`);
    expect(summary(toolhiveAudit(off.where, off.root))).toEqual({ configured: false, key: "spec.audit.enabled", line: 4 });
    const on = doc(`kind: MCPServer\nspec:\n  audit:\n    enabled: true\n`);
    expect(summary(toolhiveAudit(on.where, on.root))).toEqual({ configured: true, key: "spec.audit.enabled", line: 4 });
  });
  it("a standalone Cedar authz config cannot tell (undefined)", () => {
    const { where, root } = doc(`{ "version": "1.0", "type": "cedarv1", "cedar": { "policies": [] } }`, "json");
    expect(toolhiveAudit(where, root)).toBeUndefined();
  });
});

describe("Kong", () => {
  it("ai-mcp-proxy without log_audits and no logging plugin: not configured", () => {
    const { where, root } = doc(`_format_version: "3.0"\nplugins:\n- name: ai-mcp-proxy\n  route: mcp\n  config:\n    mode: passthrough-listener\n`);
    expect(summary(kongAudit(where, root))).toEqual({ configured: false, key: "config.logging.log_audits", line: 3 });
  });
  it("log_audits true, or an http-log plugin, is configured", () => {
    const a = doc(`plugins:\n- name: ai-mcp-proxy\n  config:\n    logging:\n      log_audits: true\n`);
    expect(summary(kongAudit(a.where, a.root))).toEqual({ configured: true, key: "config.logging.log_audits", line: 5 });
    const b = doc(`services:\n- name: s\n  routes:\n  - name: r\n    plugins:\n    - name: http-log\n      config: { http_endpoint: "http://logs.internal/" }\nplugins:\n- name: ai-mcp-proxy\n  config:\n    logging: { log_audits: false }\n`);
    expect(summary(kongAudit(b.where, b.root))).toEqual({ configured: true, key: "plugins[name=http-log]", line: 6 });
  });
  it("no ai-mcp-proxy plugin: undefined", () => {
    const { where, root } = doc(`plugins:\n- name: key-auth\n`);
    expect(kongAudit(where, root)).toBeUndefined();
  });
});

describe("ContextForge", () => {
  it("reads audit switches from an environment map", () => {
    const on = doc(`AUTH_REQUIRED: "true"\nAUDIT_TRAIL_ENABLED: "true"\n`);
    expect(summary(contextforgeAudit(on.where, on.root))).toEqual({ configured: true, key: "AUDIT_TRAIL_ENABLED", line: 2 });
    const off = doc(`AUDIT_TRAIL_ENABLED: "false"\n`);
    expect(summary(contextforgeAudit(off.where, off.root))).toEqual({ configured: false, key: "AUDIT_TRAIL_ENABLED", line: 1 });
    const quiet = doc(`LOG_LEVEL: ERROR\n`);
    expect(summary(contextforgeAudit(quiet.where, quiet.root))).toEqual({ configured: false, key: "LOG_LEVEL", line: 1 });
    // No switch at all: the product's defaults decide, which the files cannot tell.
    const none = doc(`AUTH_REQUIRED: "true"\n`);
    expect(contextforgeAudit(none.where, none.root)).toBeUndefined();
  });
});

describe("Envoy AI Gateway", () => {
  it("an MCPRoute cannot tell; an EnvoyProxy can", () => {
    const route = doc(`apiVersion: aigateway.envoyproxy.io/v1beta1\nkind: MCPRoute\nspec: {}\n`);
    expect(envoyAudit(route.where, route.root)).toBeUndefined();
    const proxy = doc(`kind: EnvoyProxy\nspec:\n  telemetry:\n    accessLog:\n      settings: []\n`);
    expect(summary(envoyAudit(proxy.where, proxy.root))).toEqual({ configured: true, key: "spec.telemetry.accessLog", line: 4 });
    const off = doc(`kind: EnvoyProxy\nspec:\n  telemetry:\n    accessLog:\n      disable: true\n`);
    expect(summary(envoyAudit(off.where, off.root))?.configured).toBe(false);
  });
  it("an access-log format that writes the Authorization or an API-key header is a leak, at its operator", () => {
    const proxy = doc(`kind: EnvoyProxy\nspec:\n  telemetry:\n    accessLog:\n      settings:\n      - format:\n          type: Text\n          text: |\n            %REQ(:METHOD)% %REQ(:PATH)% %REQ(authorization?x-token):64%\n      - format:\n          type: JSON\n          json:\n            path: "%REQ(:PATH)%"\n            key: "%REQ(X-API-KEY)%"\n`);
    expect((envoyAudit(proxy.where, proxy.root)?.leaks ?? []).map((l) => `${l.key} ${l.value} ${l.loc.line}:${l.loc.column}`)).toEqual([
      "spec.telemetry.accessLog.settings[0].format.text %REQ(authorization?x-token):64% 9:41",
      "spec.telemetry.accessLog.settings[1].format.json.key %REQ(X-API-KEY)% 14:19",
    ]);
    const clean = doc(`kind: EnvoyProxy\nspec:\n  telemetry:\n    accessLog:\n      settings:\n      - format: { type: Text, text: "%REQ(:PATH)% %REQ(X-REQUEST-ID)%" }\n`);
    expect(envoyAudit(clean.where, clean.root)?.leaks).toBeUndefined();
  });
  it("a backend apiKey is one shared upstream identity", () => {
    const { where, root } = doc(`spec:\n  backendRefs:\n  - name: notes\n    securityPolicy:\n      apiKey: { secretRef: { name: k } }\n`);
    const refs = get(root, "spec", "backendRefs");
    const first = isArray(refs) ? refs.items[0] : undefined;
    expect(envoyBackendUpstream(where, first)).toMatchObject({ kind: "shared-static", loc: { line: 5 } });
  });
});

describe("LibreChat upstream", () => {
  it("admin vs user apiKey source", () => {
    const { where, root } = doc(`a:\n  apiKey: { source: admin }\nb:\n  apiKey: { source: user }\n`);
    expect(librechatUpstream(where, get(root, "a"))?.kind).toBe("shared-static");
    expect(librechatUpstream(where, get(root, "b"))?.kind).toBe("per-caller");
  });
});
