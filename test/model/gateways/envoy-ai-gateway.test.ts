import { describe, expect, it } from "vitest";
import { scanSources } from "../../../src/api.js";
import { verdictOf } from "../../../src/engine/verdict.js";
import { fakeGitHubToken } from "../../../src/rules/fake-secrets.js";
import { credentialRows, findingRows, policyRows, scanFixture, serverRows, settingRows } from "./helpers.js";

describe("Envoy AI Gateway MCPRoute", () => {
  it("the project's token-exchange example logs each caller's Authorization header: a leak at the format operator", () => {
    const r = scanFixture("real-envoy-ai-gateway/mcp_tokenexchange_example.yaml");
    // `authorization: "%REQ(AUTHORIZATION)%"` under the EnvoyProxy's accessLog JSON format ("# Log the authorization header").
    const leak = r.findings.filter((f) => f.ruleId === "permissive-setting" && f.loc.line === 99);
    expect(leak.map((f) => `${f.loc.line}:${f.loc.column} ${f.level}`)).toEqual(["99:31 warning"]);
    expect(leak[0]?.message).toContain("spec.telemetry.accessLog.settings[0].format.json.authorization");
    expect(leak[0]?.message).toContain("the log writes the AUTHORIZATION header of every call");
    // The log is still an audit trail: the route's traceability stays configured.
    expect(r.model.policies[0]?.audit?.configured).toBe(true);
  });

  it("defaultAction Allow, a backend with every tool, no authentication, an inline key", () => {
    const r = scanFixture("envoy-ai-gateway/mcproute-open.yaml");
    expect(serverRows(r)).toEqual([
      { client: "envoy-ai-gateway", name: "acme-notes", at: "12:11", transport: "http" },
      { client: "envoy-ai-gateway", name: "acme-tickets", at: "18:11", transport: "http" },
    ]);
    expect(credentialRows(r, "acme-notes")).toEqual([{ key: "apiKey.inline", ref: "literal", line: 17 }]);
    expect(r.model.servers[1]?.tools.include).toEqual(["list_tickets"]);
    expect(policyRows(r)).toEqual([
      { client: "envoy-ai-gateway", kind: "gateway", name: "acme-mcp-open", decision: "allow", at: "25:22", reason: "securityPolicy.authorization.defaultAction is Allow (calls no rule matches are allowed)" },
    ]);
    expect(r.model.policies[0]?.toolRules.map((t) => `${t.effect} ${t.pattern} ${t.loc.line}`)).toEqual(["deny acme-tickets/close_ticket 28"]);
    expect(r.model.policies[0]?.authn).toMatchObject({ required: false });
    expect(settingRows(r)).toEqual(["backendRefs[0].toolSelector=unset permissive 12:11", "securityPolicy.oauth=unset permissive 23:3"]);
    expect(findingRows(r)).toEqual(["permissive-setting 12:11", "permissive-setting 23:3", "missing-default-deny 25:22"]);
  });

  it("oauth, toolSelector, secretRef and an authorization block without defaultAction: Deny by default", () => {
    const r = scanFixture("envoy-ai-gateway/mcproute.yaml");
    expect(credentialRows(r, "acme-notes")).toEqual([{ key: "apiKey.secretRef", ref: "secretStore:acme-notes-key", line: 12 }]);
    expect(policyRows(r)).toEqual([
      { client: "envoy-ai-gateway", kind: "gateway", name: "acme-mcp", decision: "deny", at: "18:5", reason: "securityPolicy.authorization.defaultAction is unset (defaults to Deny)" },
    ]);
    expect(r.model.policies[0]?.authn).toMatchObject({ required: true, mode: "oauth" });
    expect(findingRows(r)).toEqual([]);
  });

  it("a backend reached by token exchange or by the caller's forwarded headers is called as the caller, not with no identity", () => {
    const text = [
      "apiVersion: aigateway.envoyproxy.io/v1beta1",
      "kind: MCPRoute",
      "metadata: { name: r }",
      "spec:",
      "  backendRefs:",
      "  - name: kiwi",
      "    toolSelector: { include: [search] }",
      "    securityPolicy:",
      "      tokenExchange:",
      "        stsEndpoint: https://idp.acme.example/token",
      "        clientAuth: { clientID: mcp-gateway, clientSecretRef: { name: sts-client } }",
      "  - name: github",
      "    toolSelector: { include: [get_me] }",
      "    forwardHeaders:",
      "    - name: X-GitHub-Token",
      "      backendHeader: Authorization",
      "  - name: notes",
      "    toolSelector: { include: [get_note] }",
      "    securityPolicy:",
      "      apiKey: { secretRef: { name: notes-key } }",
      "",
    ].join("\n");
    const r = scanSources([{ path: "k8s/route.yaml", text }]);
    expect(r.model.servers.map((s) => `${s.name} ${s.upstreamIdentity?.kind} ${s.upstreamIdentity?.key} ${s.upstreamIdentity?.loc.line}`)).toEqual([
      "kiwi per-caller securityPolicy.tokenExchange 9",
      "github per-caller forwardHeaders 14",
      "notes shared-static securityPolicy.apiKey 20",
    ]);
    expect(r.model.servers.map((s) => verdictOf(r.model, s).identity.value)).toEqual(["unique-workload-identity", "unique-workload-identity", "shared-credential"]);
  });

  it("without any authorization block nothing filters tool calls", () => {
    const text = "apiVersion: aigateway.envoyproxy.io/v1alpha1\nkind: MCPRoute\nmetadata: { name: r }\nspec:\n  backendRefs:\n  - name: b\n    toolSelector: { include: [t] }\n  securityPolicy:\n    oauth: { issuer: https://idp.acme.example }\n";
    const r = scanSources([{ path: "k8s/route.yaml", text }]);
    expect(policyRows(r)).toEqual([{ client: "envoy-ai-gateway", kind: "gateway", name: "r", decision: "allow", at: "8:3", reason: "no securityPolicy.authorization (every caller that reaches the route may call every tool)" }]);
  });

  it("an inline provider token reaches the secret scan as a credential of the backend", () => {
    const token = fakeGitHubToken();
    const text = `apiVersion: aigateway.envoyproxy.io/v1beta1\nkind: MCPRoute\nmetadata: { name: gh }\nspec:\n  backendRefs:\n  - name: github\n    securityPolicy:\n      apiKey: { inline: ${token} }\n`;
    const r = scanSources([{ path: "deploy/gh.yaml", text }]);
    const hits = r.findings.filter((f) => f.ruleId === "hardcoded-secret");
    expect(hits.map((f) => `${f.loc.line}:${f.loc.column}`)).toEqual(["8:25"]);
    expect(hits[0]?.message).toContain("'github' (envoy-ai-gateway)");
    expect(hits[0]?.message).not.toContain(token);
  });
});

describe("Envoy AI Gateway authorization rules without a target", () => {
  const route = (rules: string, defaultAction = "Deny") =>
    [
      "apiVersion: aigateway.envoyproxy.io/v1beta1",
      "kind: MCPRoute",
      "metadata: { name: acme-mcp }",
      "spec:",
      "  backendRefs:",
      "  - name: notes",
      "    toolSelector: { include: [search_notes] }",
      "  securityPolicy:",
      "    oauth: { issuer: https://idp.acme.example, audiences: [mcp] }",
      "    authorization:",
      `      defaultAction: ${defaultAction}`,
      "      rules:",
      rules,
      "",
    ].join("\n");
  const scan = (text: string) => scanSources([{ path: "k8s/route.yaml", text }]);

  it("a rule with no source, target or cel (action defaults to Allow) lets every caller call every tool", () => {
    const r = scan(route("      - source: { jwt: { scopes: [notes.admin] } }\n        action: Deny\n      - action: Allow"));
    expect(policyRows(r)).toEqual([
      { client: "envoy-ai-gateway", kind: "gateway", name: "acme-mcp", decision: "allow", at: "15:9", reason: "an authorization rule allows with no source, target or cel (it matches every caller and every tool)" },
    ]);
    expect(findingRows(r)).toEqual(["missing-default-deny 15:9"]);
    expect(findingRows(scan(route("      - {}")))).toEqual(["missing-default-deny 13:9"]);
  });

  it("cel rules and rules scoped to a caller are read as rules and keep the default; a catch-all Deny closes an Allow default", () => {
    const r = scan(route('      - cel: request.mcp.tool in ["search_notes"]\n      - source: { jwt: { scopes: [notes.read] } }'));
    expect(r.model.policies[0]?.toolRules.map((t) => `${t.effect} ${t.pattern} ${t.loc.line}`)).toEqual(['allow cel: request.mcp.tool in ["search_notes"] 13', "allow */* 14"]);
    expect(policyRows(r)[0]).toMatchObject({ decision: "deny", at: "11:22" });
    expect(findingRows(r)).toEqual([]);
    const closed = scan(route("      - source: { jwt: { scopes: [notes.read] } }\n      - action: Deny", "Allow"));
    expect(policyRows(closed)[0]).toMatchObject({ decision: "deny", at: "14:9" });
    expect(findingRows(closed)).toEqual([]);
  });
});

describe("Envoy AI Gateway access logs beside the MCPRoute", () => {
  const route = "apiVersion: aigateway.envoyproxy.io/v1alpha1\nkind: MCPRoute\nmetadata: { name: mcp-route }\nspec:\n  parentRefs: [{ name: aigw-run }]\n  backendRefs:\n  - name: context7\n    path: /mcp\n";
  const proxy = (telemetry: string) => `---\napiVersion: gateway.envoyproxy.io/v1alpha1\nkind: EnvoyProxy\nmetadata: { name: envoy-ai-gateway }\nspec:\n${telemetry}`;
  const traceability = (text: string) => {
    const r = scanSources([{ path: "k8s/mcp.yaml", text }]);
    const server = r.model.servers[0];
    return { audit: r.model.policies[0]?.audit, verdict: server && verdictOf(r.model, server).traceability.value, findings: findingRows(r, ["gateway-audit-off"]) };
  };

  it("an EnvoyProxy in the same file with spec.telemetry.accessLog: the route's calls are logged", () => {
    const t = traceability(route + proxy("  telemetry:\n    accessLog:\n      settings:\n      - sinks: [{ type: File, file: { path: /dev/stdout } }]\n"));
    expect(t.audit).toMatchObject({ configured: true, key: "spec.telemetry.accessLog", loc: { line: 15 } });
    expect(t.verdict).toBe("audit-configured");
    expect(t.findings).toEqual([]);
  });

  it("an EnvoyProxy with accessLog.disable: true is reported; no EnvoyProxy leaves it unknown", () => {
    const off = traceability(route + proxy("  telemetry:\n    accessLog:\n      disable: true\n"));
    expect(off.verdict).toBe("absent");
    expect(off.findings).toEqual(["gateway-audit-off 16:16"]);
    const alone = traceability(route);
    expect(alone.audit).toBeUndefined();
    expect(alone.verdict).toBe("unknown");
  });
});

describe("Envoy AI Gateway MCPRoute backends signed with AWS SigV4 (real file: envoyproxy/ai-gateway examples/mcp/mcp_aws_example.yml)", () => {
  it("awsCredentials in its default mode signs every call with the gateway's own AWS identity: one identity for every caller", () => {
    const r = scanFixture("real-envoy-ai-gateway/mcp_aws_example.yml");
    expect(r.model.servers.map((s) => `${s.name} ${s.upstreamIdentity?.kind} ${verdictOf(r.model, s).identity.value}`)).toEqual([
      "aws-mcp-agentcore shared-static shared-credential",
      "aws-mcp-managed shared-static shared-credential",
    ]);
    expect(findingRows(r, ["shared-upstream-key"])).toEqual(["shared-upstream-key 23:9", "shared-upstream-key 53:9"]);
  });

  it("says an AWS identity signs every call, not that a key is shared; a backend apiKey is still a key", () => {
    const r = scanFixture("real-envoy-ai-gateway/mcp_aws_example.yml");
    expect(r.findings.filter((f) => f.ruleId === "shared-upstream-key").map((f) => f.message)).toEqual([
      "Server 'aws-mcp-agentcore' (envoy-ai-gateway) is called as one AWS identity for every caller: awsCredentials signs every call with one AWS identity, the gateway's own (SigV4). The upstream cannot tell callers apart.",
      "Server 'aws-mcp-managed' (envoy-ai-gateway) is called as one AWS identity for every caller: awsCredentials signs every call with one AWS identity, the gateway's own (SigV4). The upstream cannot tell callers apart.",
    ]);
    const key = scanSources([{ path: "k8s/mcproute.yaml", text: ["apiVersion: aigateway.envoyproxy.io/v1beta1", "kind: MCPRoute", "metadata: { name: notes }", "spec:", "  backendRefs:", "  - name: notes", "    securityPolicy:", "      apiKey: { secretRef: { name: notes-key } }", ""].join("\n") }]);
    expect(key.findings.filter((f) => f.ruleId === "shared-upstream-key").map((f) => f.message)).toEqual([
      "Server 'notes' (envoy-ai-gateway) is called with one static key for every caller: the backend apiKey is one static key for every caller. The upstream cannot tell callers apart.",
    ]);
  });

  it("a credentials file from a Secret is the backend's credential by reference; another mode says nothing about who the backend sees", () => {
    const route = (policy: string) =>
      ["apiVersion: aigateway.envoyproxy.io/v1beta1", "kind: MCPRoute", "metadata: { name: aws }", "spec:", "  backendRefs:", "  - name: agentcore", "    securityPolicy:", "      awsCredentials:", `        ${policy}`, ""].join("\n");
    const file = scanSources([{ path: "k8s/mcproute.yaml", text: route("credentialsFile: { secretRef: { name: aws-mcp-credentials }, profile: default }") }]);
    expect(credentialRows(file, "agentcore")).toEqual([{ key: "awsCredentials.credentialsFile.secretRef", ref: "secretStore:aws-mcp-credentials", line: 9 }]);
    expect(findingRows(file, ["shared-upstream-key"])).toEqual(["shared-upstream-key 8:7"]);
    const other = scanSources([{ path: "k8s/mcproute.yaml", text: route("mode: UserIdentity") }]);
    expect(other.model.servers.map((s) => s.upstreamIdentity)).toEqual([undefined]);
    expect(findingRows(other, ["shared-upstream-key"])).toEqual([]);
  });
});
