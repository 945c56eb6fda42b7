/** agentgateway on Kubernetes: AgentgatewayBackend / kgateway Backend targets are servers; AgentgatewayPolicy authorization is their policy. */
import { describe, expect, it } from "vitest";
import { scanSources } from "../../../src/api.js";
import { verdictOf } from "../../../src/engine/verdict.js";
import { findingRows, policyRows, serverRows, settingRows } from "./helpers.js";

const GOVERNANCE = ["missing-default-deny", "permissive-setting"];

const backend = [
  "apiVersion: agentgateway.dev/v1alpha1",
  "kind: AgentgatewayBackend",
  "metadata:",
  "  name: github-mcp",
  "spec:",
  "  mcp:",
  "    targets:",
  "    - name: github",
  "      static:",
  "        host: github-mcp-server.mcp.svc.cluster.local",
  "        port: 8080",
  "        protocol: StreamableHTTP",
  "---",
  "apiVersion: gateway.networking.k8s.io/v1",
  "kind: HTTPRoute",
  "metadata:",
  "  name: mcp-routes",
  "spec:",
  "  parentRefs: [{ name: mcp-gateway }]",
  "  rules:",
  "  - backendRefs:",
  "    - { group: agentgateway.dev, kind: AgentgatewayBackend, name: github-mcp }",
  "---",
].join("\n");

const policy = (target: string, authz: string, traffic = "") =>
  [
    "apiVersion: agentgateway.dev/v1alpha1",
    "kind: AgentgatewayPolicy",
    "metadata:",
    "  name: mcp-tool-auth",
    "spec:",
    "  targetRefs:",
    `  - ${target}`,
    ...(traffic ? [traffic] : []),
    "  backend:",
    "    mcp:",
    "      authorization:",
    authz,
    "",
  ].join("\n");

describe("agentgateway Kubernetes resources", () => {
  it("a Deny-only AgentgatewayPolicy on the HTTPRoute fails open for the backend's targets; a Permissive JWT mode is reported", () => {
    const text = `${backend}\n${policy("{ group: gateway.networking.k8s.io, kind: HTTPRoute, name: mcp-routes }", "        action: Deny\n        policy:\n          matchExpressions:\n          - \"mcp.tool.name.startsWith('delete')\"", "  traffic:\n    jwtAuthentication:\n      mode: Permissive\n      providers: [{ issuer: https://idp.acme.example }]")}`;
    const r = scanSources([{ path: "k8s/mcp.yaml", text }]);
    expect(r.model.files[0]?.format).toBe("kubernetes-mcp");
    expect(serverRows(r)).toEqual([{ client: "agentgateway", name: "github", at: "8:13", transport: "http", url: "http://github-mcp-server.mcp.svc.cluster.local:8080" }]);
    expect(policyRows(r)).toEqual([
      { client: "agentgateway", kind: "gateway", name: "mcp-tool-auth", decision: "allow", at: "38:17", reason: "backend.mcp.authorization.action is Deny (a denylist: calls no expression matches are allowed)" },
    ]);
    expect(r.model.policies[0]?.governs).toEqual([r.model.servers[0]?.id]);
    expect(settingRows(r)).toEqual(["traffic.jwtAuthentication.mode=Permissive permissive 33:13"]);
    expect(findingRows(r, GOVERNANCE)).toEqual(["permissive-setting 33:13", "missing-default-deny 38:17"]);
    const server = r.model.servers[0];
    expect(server && verdictOf(r.model, server).authorization.value).toBe("allow-by-default");
  });

  it("an Allow policy (action defaults to Allow) on the backend is an allowlist; a `true` expression allows every call", () => {
    const allow = scanSources([{ path: "k8s/mcp.yaml", text: `${backend}\n${policy("{ group: agentgateway.dev, kind: AgentgatewayBackend, name: github-mcp }", "        policy:\n          matchExpressions:\n          - 'mcp.tool.name in [\"get_me\", \"list_issues\"]'")}` }]);
    expect(policyRows(allow)).toMatchObject([{ decision: "deny", at: "33:7", reason: "backend.mcp.authorization allows what its matchExpressions match (allowlist: other calls are denied)" }]);
    expect(allow.model.policies[0]?.toolRules.map((t) => `${t.effect} ${t.pattern} ${t.loc.line}`)).toEqual(['allow mcp.tool.name in ["get_me", "list_issues"] 36']);
    expect(findingRows(allow, GOVERNANCE)).toEqual([]);
    const open = scanSources([{ path: "k8s/mcp.yaml", text: `${backend}\n${policy("{ kind: AgentgatewayBackend, name: github-mcp }", "        action: Allow\n        policy:\n          matchExpressions: ['true']")}` }]);
    expect(findingRows(open, GOVERNANCE)).toEqual(["missing-default-deny 36:30"]);
  });

  it("kgateway's Backend (type: MCP, name in static, SSE) and a backend's own policies.mcp.authorization", () => {
    const text = [
      "apiVersion: gateway.kgateway.dev/v1alpha1",
      "kind: Backend",
      "metadata: { name: mcp-backend }",
      "spec:",
      "  type: MCP",
      "  mcp:",
      "    targets:",
      "    - static:",
      "        name: mcp-target",
      "        host: mcp-website-fetcher.default.svc.cluster.local",
      "        port: 80",
      "        protocol: SSE",
      "---",
      "apiVersion: agentgateway.dev/v1alpha1",
      "kind: AgentgatewayBackend",
      "metadata: { name: notes }",
      "spec:",
      "  mcp:",
      "    targets:",
      "    - name: notes",
      "      static: { host: notes.acme.example, port: 443, path: /mcp }",
      "  policies:",
      "    mcp:",
      "      authorization:",
      "        action: Deny",
      "        policy: { matchExpressions: ['mcp.tool.name == \"delete_note\"'] }",
      "",
    ].join("\n");
    const r = scanSources([{ path: "deploy/backends.yaml", text }]);
    expect(serverRows(r)).toEqual([
      { client: "agentgateway", name: "mcp-target", at: "9:15", transport: "sse", url: "http://mcp-website-fetcher.default.svc.cluster.local" },
      { client: "agentgateway", name: "notes", at: "20:13", transport: "http", url: "https://notes.acme.example/mcp" },
    ]);
    expect(policyRows(r)).toMatchObject([{ name: "notes", decision: "allow", at: "25:17" }]);
    expect(r.model.policies[0]?.governs).toEqual([r.model.servers[1]?.id]);
  });

  it("other products' Backend resources and traffic-only policies are not read", () => {
    const envoy = "apiVersion: gateway.envoyproxy.io/v1alpha1\nkind: Backend\nmetadata: { name: b }\nspec:\n  endpoints: [{ fqdn: { hostname: mcp.acme.example, port: 443 } }]\n";
    expect(scanSources([{ path: "k8s/backend.yaml", text: envoy }]).model.files[0]?.format).toBe("text");
    const traffic = "apiVersion: agentgateway.dev/v1alpha1\nkind: AgentgatewayPolicy\nmetadata: { name: rl }\nspec:\n  targetRefs: [{ kind: HTTPRoute, name: r }]\n  traffic:\n    rateLimit: { local: [{ tokens: 10, unit: Minutes }] }\n";
    const r = scanSources([{ path: "k8s/policy.yaml", text: traffic }]);
    expect(r.model.policies).toEqual([]);
  });
});
