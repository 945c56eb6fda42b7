/**
 * Kuadrant's MCP gateway: MCPServerRegistration resources (and mcp.kagenti.com's earlier MCPServer)
 * are the servers it federates; the Kuadrant AuthPolicy or Authorino AuthConfig in front of the
 * Gateway (or of one server's HTTPRoute) decides who may call which tool.
 */
import { describe, expect, it } from "vitest";
import { scanSources } from "../../../src/api.js";
import { verdictOf } from "../../../src/engine/verdict.js";
import { credentialRows, findingRows, policyRows, scanFixture, serverRows, settingRows } from "./helpers.js";

const client = "kuadrant-mcp-gateway";

describe("Kuadrant MCP gateway", () => {
  it("registrations are servers; an AuthPolicy on the Gateway with authentication and no authorization fails open for all of them", () => {
    const r = scanFixture("kuadrant/open-gateway.yaml");
    expect(serverRows(r)).toEqual([
      { client, name: "acme-notes", at: "18:9", transport: "http" },
      { client, name: "acme-tickets", at: "33:9", transport: "http" },
    ]);
    expect(credentialRows(r, "acme-notes")).toEqual([{ key: "credentialRef", ref: "secretStore:acme-notes-credentials/token", line: 27 }]);
    expect(policyRows(r)).toEqual([
      { client, kind: "gateway", name: "acme-mcp-authn", decision: "allow", at: "54:3", reason: "no rules.authorization: every caller the authentication admits may call every tool of every server behind it" },
    ]);
    expect(r.model.policies[0]?.authn).toMatchObject({ required: true, mode: "jwt" });
    expect(r.model.policies[0]?.governs).toEqual(r.model.servers.map((s) => s.id));
    expect(findingRows(r)).toEqual(["missing-default-deny 54:3"]);
    expect(r.model.servers.map((s) => verdictOf(r.model, s).authorization.value)).toEqual(["allow-by-default", "allow-by-default"]);
  });

  it("a gateway-wide deny-all default (no authentication needed) and a route policy that checks x-mcp-toolname: default deny, no finding", () => {
    const r = scanFixture("kuadrant/tool-acl.yaml");
    expect(policyRows(r)).toEqual([
      { client, kind: "gateway", name: "acme-deny-all", decision: "deny", at: "26:9", reason: "defaults.rules.authorization.deny-all never passes: every call is denied" },
      { client, kind: "gateway", name: "acme-notes-tools", decision: "deny", at: "44:5", reason: "rules.authorization: every check must pass (calls its checks do not admit are denied)" },
    ]);
    // The route policy governs the registration that names its HTTPRoute.
    expect(r.model.policies.map((p) => p.governs.length)).toEqual([1, 1]);
    expect(r.model.policies[1]?.toolRules.map((t) => `${t.effect} ${t.loc.line}`)).toEqual(["allow 45"]);
    expect(settingRows(r)).toEqual([]);
    expect(findingRows(r)).toEqual([]);
    expect(verdictOf(r.model, r.model.servers[0] as (typeof r.model.servers)[0]).authorization.value).toBe("default-deny");
  });

  it("an Authorino AuthConfig with an anonymous identity and an allow = true check admits everyone (and mcp.kagenti.com's MCPServer is a registration)", () => {
    const r = scanFixture("kuadrant/anonymous-authconfig.yaml");
    expect(serverRows(r)).toEqual([{ client, name: "acme-wiki", at: "22:9", transport: "http" }]);
    expect(settingRows(r)).toEqual(["spec.authentication.public=anonymous permissive 11:5"]);
    expect(policyRows(r)[0]).toMatchObject({ decision: "allow", at: "14:5" });
    expect(findingRows(r)).toEqual(["permissive-setting 11:5", "missing-default-deny 14:5"]);
  });

  it("the project's policy-demo: a tool-level CEL check on the Gateway governs every registration, default deny", () => {
    const r = scanFixture("real-kuadrant/policy-demo.yaml");
    expect(serverRows(r).map((s) => `${s.name} ${s.at}`)).toEqual(["test-server1 6:9", "api-key-server 20:9"]);
    expect(credentialRows(r, "api-key-server")).toEqual([{ key: "credentialRef", ref: "secretStore:api-key-server-credentials/token", line: 31 }]);
    expect(policyRows(r)).toEqual([
      { client, kind: "gateway", name: "policy-demo-tool-auth", decision: "deny", at: "50:5", reason: "rules.authorization: every check must pass (calls its checks do not admit are denied)" },
    ]);
    expect(r.model.policies[0]?.governs).toHaveLength(2);
    expect(findingRows(r)).toEqual([]);
  });

  it("the project's token-exchange AuthPolicy alone (it reads x-mcp-method): a gateway policy; its allow = true Rego check does not make it fail open", () => {
    const r = scanFixture("real-kuadrant/tools-list-auth.yaml");
    expect(policyRows(r).map((p) => `${p.name} ${p.decision} ${p.at}`)).toEqual(["mcp-auth-policy deny 20:5"]);
    expect(r.model.policies[0]?.toolRules.map((t) => t.loc.line)).toEqual([21, 26]);
  });

  it("an AuthPolicy that says nothing about MCP, alone in its file, is not claimed; one with no authentication at all is reported", () => {
    const plain = "apiVersion: kuadrant.io/v1\nkind: AuthPolicy\nmetadata: { name: shop }\nspec:\n  targetRef: { group: gateway.networking.k8s.io, kind: HTTPRoute, name: shop-route }\n  rules:\n    authentication:\n      'idp': { jwt: { issuerUrl: https://idp.acme.example } }\n";
    expect(scanSources([{ path: "k8s/shop-auth.yaml", text: plain }]).model.policies).toEqual([]);
    const open = "apiVersion: kuadrant.io/v1\nkind: AuthPolicy\nmetadata: { name: mcp-open }\nspec:\n  targetRef: { group: gateway.networking.k8s.io, kind: Gateway, name: mcp-gateway }\n  rules:\n    authorization:\n      'tools':\n        patternMatching:\n          patterns:\n          - predicate: request.headers['x-mcp-toolname'] != 'delete_note'\n";
    const r = scanSources([{ path: "k8s/mcp-auth.yaml", text: open }]);
    expect(policyRows(r).map((p) => `${p.name} ${p.decision}`)).toEqual(["mcp-open deny"]);
    expect(settingRows(r)).toEqual(["rules.authentication=unset permissive 6:3"]);
    expect(findingRows(r)).toEqual(["permissive-setting 6:3"]);
  });

  it("a policy on one server's HTTPRoute (a credential swap behind the Gateway's authentication) is not reported for having no identity source", () => {
    const text = [
      "apiVersion: mcp.kuadrant.io/v1alpha1",
      "kind: MCPServerRegistration",
      "metadata: { name: github }",
      "spec:",
      "  targetRef: { group: gateway.networking.k8s.io, kind: HTTPRoute, name: github-route }",
      "  credentialRef: { name: github-token, key: token }",
      "---",
      "apiVersion: kuadrant.io/v1",
      "kind: AuthPolicy",
      "metadata: { name: github-token-swap }",
      "spec:",
      "  targetRef: { group: gateway.networking.k8s.io, kind: HTTPRoute, name: github-route }",
      "  rules:",
      "    authorization:",
      "      'has-pat':",
      "        patternMatching:",
      "          patterns:",
      "          - predicate: request.headers.exists(h, h == 'x-github-pat')",
      "",
    ].join("\n");
    const r = scanSources([{ path: "deploy/github.yaml", text }]);
    expect(policyRows(r).map((p) => `${p.name} ${p.decision} ${p.at}`)).toEqual(["github-token-swap deny 14:5"]);
    expect(r.model.policies[0]?.governs).toEqual([r.model.servers[0]?.id]);
    expect(r.model.policies[0]?.authn).toBeUndefined();
    expect(settingRows(r)).toEqual([]);
  });
});
