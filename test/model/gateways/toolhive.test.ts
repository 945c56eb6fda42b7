import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { scanSources } from "../../../src/api.js";
import { verdictOf } from "../../../src/engine/verdict.js";
import { fakeGitHubToken, fakeOpaqueKey } from "../../../src/rules/fake-secrets.js";
import { credentialRows, factRows, findingRows, policyRows, scanFixture, serverRows } from "./helpers.js";

describe("ToolHive", () => {
  it("permission profile: insecure_allow_all, privileged, writable home mount", () => {
    const r = scanFixture("toolhive/profiles/acme-notes.json");
    expect(r.model.files[0]?.format).toBe("toolhive-permission-profile");
    expect(serverRows(r)).toEqual([{ client: "toolhive", name: "acme-notes-profile", at: "2:11", transport: "container" }]);
    expect(factRows(r)).toEqual(["acme-notes-profile host-mount 4:13", "acme-notes-profile privileged 12:17"]);
    expect(policyRows(r)).toEqual([
      { client: "toolhive", kind: "permission-profile", name: "acme-notes-profile", decision: "allow", at: "7:29", reason: "network.outbound.insecure_allow_all is true (every outbound host and port is allowed)" },
    ]);
    expect(findingRows(r)).toEqual(["broad-resource-access 4:13", "missing-default-deny 7:29", "broad-resource-access 12:17"]);
  });

  it("narrow profile: named hosts and ports only", () => {
    const r = scanFixture("toolhive/profiles/narrow.json");
    expect(policyRows(r)).toEqual([
      { client: "toolhive", kind: "permission-profile", name: "acme-notes-narrow", decision: "deny", at: "2:52", reason: "network.outbound allows only allow_host/allow_port (other egress is denied)" },
    ]);
    expect(findingRows(r)).toEqual([]);
  });

  it("Cedar: an unconditional permit allows every call; narrow permits keep the implicit deny", () => {
    const open = scanFixture("toolhive/authz/cedar-open.json");
    expect(policyRows(open)).toEqual([
      { client: "toolhive", kind: "authz", name: "cedar-open.json", decision: "allow", at: "7:7", reason: "a Cedar policy is permit(principal, action, resource) with no conditions (it allows every call)" },
    ]);
    expect(open.model.policies[0]?.toolRules.map((t) => `${t.effect} ${t.pattern}`)).toEqual(["deny delete_note", "allow principal, action, resource"]);
    expect(findingRows(open)).toEqual(["missing-default-deny 7:7"]);
    const narrow = scanFixture("toolhive/authz/cedar.yaml");
    expect(policyRows(narrow)).toEqual([{ client: "toolhive", kind: "authz", name: "cedar.yaml", decision: "deny", at: "4:3", reason: "Cedar denies calls that no permit policy matches" }]);
    expect(narrow.model.policies[0]?.toolRules.map((t) => `${t.effect} ${t.pattern}`)).toEqual(["allow search_notes", "allow get_note"]);
    expect(findingRows(narrow)).toEqual([]);
  });

  it("HTTP PDP authz config (type: httpv1, JSON or YAML) is a default-deny policy; insecure_skip_verify is permissive", () => {
    const yaml = ["version: \"1.0\"", "type: httpv1", "pdp:", "  http:", '    url: "https://pdp.acme.example:9000"', "    insecure_skip_verify: true", '  claim_mapping: "mpe"', ""].join("\n");
    const r = scanSources([{ path: "deploy/authz-config.yaml", text: yaml }]);
    expect(r.model.files[0]?.format).toBe("toolhive-authz");
    expect(policyRows(r)).toEqual([
      { client: "toolhive", kind: "authz", name: "authz-config.yaml", decision: "deny", at: "3:1", reason: "every call is decided by the HTTP PDP at https://pdp.acme.example:9000; ToolHive denies what it does not answer allow (errors deny too)" },
    ]);
    expect(findingRows(r)).toEqual(["permissive-setting 6:27"]);
    const json = JSON.stringify({ version: "1.0", type: "httpv1", pdp: { http: { url: "http://localhost:9000" }, claim_mapping: "standard" } }, null, 2);
    const j = scanSources([{ path: "authz.json", text: json }]);
    expect(policyRows(j)).toMatchObject([{ kind: "authz", decision: "deny", at: "4:3" }]);
    expect(findingRows(j)).toEqual([]);
  });

  it("MCPServer authzConfig from a ConfigMap in the same file: an unconditional permit there allows every call", () => {
    const cm = (policy: string) =>
      [
        "apiVersion: v1",
        "kind: ConfigMap",
        "metadata: { name: authz-config }",
        "data:",
        "  authz.json: |",
        `    { "version": "1.0", "type": "cedarv1", "cedar": { "policies": [${JSON.stringify(policy)}], "entities_json": "[]" } }`,
        "---",
        "apiVersion: toolhive.stacklok.dev/v1alpha1",
        "kind: MCPServer",
        "metadata: { name: fetch }",
        "spec:",
        "  image: ghcr.io/stackloklabs/gofetch/server:1.0.0",
        "  transport: streamable-http",
        "  audit: { enabled: true }",
        "  authzConfig:",
        "    type: configMap",
        "    configMap: { name: authz-config }",
        "",
      ].join("\n");
    const open = scanSources([{ path: "k8s/fetch.yaml", text: cm("permit(principal, action, resource);") }]);
    expect(policyRows(open)).toEqual([
      { client: "toolhive", kind: "authz", name: "fetch", decision: "allow", at: "5:3", reason: "ConfigMap authz-config (authz.json) holds a Cedar policy permit(principal, action, resource) with no conditions (it allows every call)" },
    ]);
    expect(findingRows(open)).toEqual(["missing-default-deny 5:3"]);
    const narrow = scanSources([{ path: "k8s/fetch.yaml", text: cm('permit(principal, action == Action::"call_tool", resource == Tool::"fetch");') }]);
    expect(policyRows(narrow)).toMatchObject([{ decision: "deny", reason: "authzConfig loads a Cedar policy set from elsewhere (Cedar denies calls no permit matches)" }]);
    expect(findingRows(narrow)).toEqual([]);
  });

  it("MCPServer CRD: network profile opens egress, no authz config allows, env literal vs secrets[] reference", () => {
    const r = scanFixture("toolhive/operator/mcpserver.yaml");
    expect(serverRows(r)).toEqual([
      { client: "toolhive", name: "acme-notes", at: "4:9", transport: "container", image: "ghcr.io/acme/notes-mcp:1.4.2" },
      { client: "toolhive", name: "acme-search", at: "27:9", transport: "http", image: "ghcr.io/acme/search-mcp:2.0.1" },
    ]);
    expect(credentialRows(r, "acme-notes")).toEqual([
      { key: "ACME_REGION", ref: "literal", line: 16 },
      { key: "ACME_NOTES_TOKEN", ref: "literal", line: 18 },
      { key: "ACME_DB_URL", ref: "secretStore:acme-notes-db/url", line: 20 },
    ]);
    expect(factRows(r)).toEqual(["acme-notes egress-open 13:11"]);
    expect(policyRows(r)).toEqual([
      { client: "toolhive", kind: "authz", name: "acme-notes", decision: "allow", at: "6:1", reason: "no authzConfig or authzConfigRef (every tool call is allowed)" },
      { client: "toolhive", kind: "authz", name: "acme-search", decision: "deny", at: "36:3", reason: "authzConfigRef loads a Cedar policy set from elsewhere (Cedar denies calls no permit matches)" },
    ]);
    expect(r.model.policies.map((p) => p.authn?.required)).toEqual([false, true]);
    expect(findingRows(r)).toEqual(["missing-default-deny 6:1", "broad-resource-access 13:11"]);
  });

  it("does not take ordinary JSON with a `name` and `read` key for a profile", () => {
    const r = scanSources([{ path: "data/book.json", text: `{ "name": "x", "read": ["a"], "author": "y" }\n` }]);
    expect(r.model.files[0]?.format).toBe("text");
  });
});

describe("ToolHive MCPRemoteProxy", () => {
  it("the proxied remote is a server (URL, forwarded headers) governed by the proxy's authz, authn and audit", () => {
    const key = "kq8Zr2vT" + "5yB1nM4kW7pL0sD3";
    const text = [
      "apiVersion: toolhive.stacklok.dev/v1alpha1",
      "kind: MCPRemoteProxy",
      "metadata:",
      "  name: api-proxy",
      "spec:",
      '  remoteURL: "https://mcp.example.com/api"',
      "  transport: streamable-http",
      "  oidcConfig:",
      "    type: inline",
      "    inline: { issuer: https://auth.example.com, audience: mcp-api }",
      "  headerForward:",
      "    addPlaintextHeaders:",
      `      X-API-Key: "${key}"`,
      "    addHeadersFromSecret:",
      "      - headerName: Authorization",
      "        valueSecretRef: { name: upstream-token, key: token }",
      "  audit: { enabled: true }",
      "",
    ].join("\n");
    const r = scanSources([{ path: "k8s/proxy.yaml", text }]);
    expect(serverRows(r)).toEqual([{ client: "toolhive", name: "api-proxy", at: "4:9", transport: "http", url: "https://mcp.example.com/api" }]);
    expect(credentialRows(r, "api-proxy")).toEqual([
      { key: "X-API-Key", ref: "literal", line: 13 },
      { key: "Authorization", ref: "secretStore:upstream-token/token", line: 15 },
    ]);
    expect(policyRows(r)).toEqual([{ client: "toolhive", kind: "authz", name: "api-proxy", decision: "allow", at: "5:1", reason: "no authzConfig or authzConfigRef (every tool call is allowed)" }]);
    expect(r.model.policies[0]?.authn).toMatchObject({ required: true });
    expect(r.model.policies[0]?.audit).toMatchObject({ configured: true });
    expect(r.findings.map((f) => `${f.ruleId} ${f.loc.line}:${f.loc.column}`)).toEqual(["missing-default-deny 5:1", "hardcoded-secret 13:19"]);
  });

  it("externalAuthConfigRef is the upstream credential (by reference): no unauthenticated-remote; its MCPExternalAuthConfig's type says who the upstream sees", () => {
    const proxy = (name: string, auth: string) => [
      "---",
      "apiVersion: toolhive.stacklok.dev/v1alpha1",
      "kind: MCPRemoteProxy",
      "metadata:",
      `  name: ${name}`,
      "spec:",
      '  remoteUrl: "https://mcp.example.com/api"',
      "  transport: streamable-http",
      "  oidcConfig: { type: inline, inline: { issuer: https://auth.example.com, audience: mcp-api } }",
      "  authzConfigRef: { name: proxy-authz }",
      "  audit: { enabled: true }",
      "  externalAuthConfigRef:",
      `    name: ${auth}`,
    ];
    const text = [
      "apiVersion: toolhive.stacklok.dev/v1alpha1",
      "kind: MCPExternalAuthConfig",
      "metadata: { name: bearer }",
      "spec:",
      "  type: bearerToken",
      "  bearerToken: { tokenSecretRef: { name: api-bearer-token, key: token } }",
      "---",
      "apiVersion: toolhive.stacklok.dev/v1alpha1",
      "kind: MCPExternalAuthConfig",
      "metadata: { name: exchange }",
      "spec:",
      "  type: tokenExchange",
      "  tokenExchange: { tokenURL: https://auth.example.com/token, clientId: c, clientSecretRef: { name: s, key: k }, audience: api }",
      ...proxy("shared", "bearer"),
      ...proxy("obo", "exchange"),
      ...proxy("elsewhere", "defined-in-another-file"),
      "",
    ].join("\n");
    const r = scanSources([{ path: "k8s/proxy.yaml", text }]);
    expect(credentialRows(r, "obo")).toEqual([{ key: "externalAuthConfigRef", ref: "secretStore:MCPExternalAuthConfig/exchange", line: 38 }]);
    expect(r.model.servers.map((s) => `${s.name} ${s.upstreamIdentity?.kind}`)).toEqual(["shared shared-static", "obo per-caller", "elsewhere undefined"]);
    expect(findingRows(r, ["unauthenticated-remote", "shared-upstream-key"])).toEqual(["shared-upstream-key 25:3"]);
  });
});

describe("ToolHive VirtualMCPServer (the vMCP gateway in front of an MCPGroup)", () => {
  const r = scanFixture("toolhive/operator/virtualmcpserver.yaml");
  const FILE = "toolhive/operator/virtualmcpserver.yaml";
  const policy = (name: string) => {
    const p = r.model.policies.find((x) => x.name === name);
    if (!p) throw new Error(`no policy ${name}`);
    return p;
  };

  it("incomingAuth.type anonymous fails open at the type, governs the group's MCPServer of the same file, and records no audit", () => {
    const p = policy("engineering-vmcp");
    expect({ client: p.client, kind: p.kind, d: p.defaultDecision, at: `${p.defaultLoc.line}:${p.defaultLoc.column}`, authn: p.authn?.required, audit: p.audit?.configured }).toEqual({ client: "toolhive", kind: "gateway", d: "allow", at: "25:11", authn: false, audit: false });
    expect(p.defaultReason).toContain("MCPGroup 'engineering'");
    expect(p.governs).toEqual([`${FILE}#1:MCPServer/acme-wiki`]);
    expect(findingRows(r, ["missing-default-deny", "gateway-audit-off"])).toEqual(["gateway-audit-off 10:1", "missing-default-deny 10:1", "gateway-audit-off 21:1", "missing-default-deny 25:11"]);
  });

  it("reads the group from spec.config.groupRef, as the operator versions that embedded the vMCP config wrote it", () => {
    const text = [
      "apiVersion: toolhive.stacklok.dev/v1alpha1",
      "kind: MCPServer",
      "metadata: { name: acme-wiki }",
      "spec: { image: ghcr.io/acme/wiki-mcp:1.0.0, groupRef: engineering }",
      "---",
      "apiVersion: toolhive.stacklok.dev/v1alpha1",
      "kind: VirtualMCPServer",
      "metadata: { name: vmcp }",
      "spec:",
      "  incomingAuth: { type: anonymous }",
      "  config: { groupRef: engineering }",
      "",
    ].join("\n");
    const p = scanSources([{ path: "k8s/vmcp.yaml", text }]).model.policies.find((x) => x.name === "vmcp");
    expect([p?.governs, p?.defaultReason.includes("MCPGroup 'engineering'")]).toEqual([["k8s/vmcp.yaml#0:MCPServer/acme-wiki"], true]);
  });

  it("oidc with an inline Cedar authz is default-deny; spec.config.audit.enabled is its audit", () => {
    const p = policy("engineering-secure");
    expect({ d: p.defaultDecision, authn: p.authn?.mode, audit: p.audit?.configured, key: p.audit?.key }).toEqual({ d: "deny", authn: "oidc", audit: true, key: "spec.config.audit.enabled" });
  });
});

describe("ToolHive VirtualMCPServer outgoingAuth (how the vMCP gateway calls its backends)", () => {
  const backend = (name: string, own = "") => ["apiVersion: toolhive.stacklok.dev/v1alpha1", "kind: MCPServer", `metadata: { name: ${name} }`, `spec: { image: ghcr.io/acme/${name}:1.0.0, transport: streamable-http, groupRef: engineering${own} }`, "---"];
  const authConfig = (name: string, type: string) => ["apiVersion: toolhive.stacklok.dev/v1alpha1", "kind: MCPExternalAuthConfig", `metadata: { name: ${name} }`, `spec: { type: ${type} }`, "---"];
  const vmcp = ["apiVersion: toolhive.stacklok.dev/v1alpha1", "kind: VirtualMCPServer", "metadata: { name: engineering-vmcp }", "spec:", "  groupRef: { name: engineering }", "  incomingAuth: { type: anonymous }"];
  /** 1-based line and column of the first occurrence of `needle` in `text`. */
  const where = (text: string, needle: string): [number, number] => {
    const lines = text.split("\n");
    const i = lines.findIndex((l) => l.includes(needle));
    return [i + 1, (lines[i] ?? "").indexOf(needle) + 1];
  };
  /** 1-based line and column of the first line that starts (after its indent) with `key`. */
  const keyAt = (text: string, key: string): [number, number] => {
    const lines = text.split("\n");
    const i = lines.findIndex((l) => l.trimStart().startsWith(key));
    const line = lines[i] ?? "";
    return [i + 1, line.length - line.trimStart().length + 1];
  };

  it("spec.outgoingAuth: a backends entry, else the default for backends without their own externalAuthConfigRef (source discovered), is their credential by reference; a header or service-account credential is one key for every caller", () => {
    const text = [
      ...authConfig("shared-bot", "headerInjection"),
      ...authConfig("tickets-exchange", "tokenExchange"),
      ...backend("acme-wiki"),
      ...backend("acme-tickets", ", externalAuthConfigRef: { name: tickets-exchange }"),
      ...backend("acme-docs"),
      ...vmcp,
      "  outgoingAuth:",
      "    source: discovered",
      "    default:",
      "      type: external_auth_config_ref",
      "      externalAuthConfigRef: { name: shared-bot }",
      "    backends:",
      "      acme-docs:",
      "        type: service_account",
      "        serviceAccount: { credentialsRef: { name: docs-bot, key: token }, headerName: X-Api-Key }",
      "",
    ].join("\n");
    const r = scanSources([{ path: "k8s/vmcp.yaml", text }]);
    const [defaultRef, defaultCol] = where(text, "externalAuthConfigRef: { name: shared-bot }");
    const [docsEntry, docsCol] = keyAt(text, "acme-docs:");
    expect(credentialRows(r, "acme-wiki")).toEqual([{ key: "spec.outgoingAuth.default.externalAuthConfigRef", ref: "secretStore:MCPExternalAuthConfig/shared-bot", line: defaultRef }]);
    // Its own reference is discovered: the default does not cover it.
    expect(credentialRows(r, "acme-tickets")).toEqual([{ key: "externalAuthConfigRef", ref: "secretStore:MCPExternalAuthConfig/tickets-exchange", line: where(text, "externalAuthConfigRef: { name: tickets-exchange }")[0] }]);
    expect(credentialRows(r, "acme-docs")).toEqual([{ key: "X-Api-Key", ref: "secretStore:docs-bot/token", line: where(text, "credentialsRef")[0] }]);
    expect(r.model.servers.map((s) => `${s.name} ${s.upstreamIdentity?.kind} ${s.upstreamIdentity?.key}`)).toEqual([
      "acme-wiki shared-static spec.outgoingAuth.default.externalAuthConfigRef",
      "acme-tickets per-caller externalAuthConfigRef",
      "acme-docs shared-static spec.outgoingAuth.backends.acme-docs",
    ]);
    expect(r.findings.filter((f) => f.ruleId === "shared-upstream-key").map((f) => `${f.loc.line}:${f.loc.column} ${f.message}`)).toEqual([
      `${defaultRef}:${defaultCol} Server 'acme-wiki' (toolhive) is called with one static key for every caller: one header value from a Secret is injected for every caller (MCPExternalAuthConfig type headerInjection). The upstream cannot tell callers apart.`,
      `${docsEntry}:${docsCol} Server 'acme-docs' (toolhive) is called with one static key for every caller: one service-account credential (Secret docs-bot/token) is sent for every caller (outgoingAuth type service_account). The upstream cannot tell callers apart.`,
    ]);
  });

  it("spec.config.outgoingAuth (the embedded vMCP config): a headerValue written in the file is a hard-coded secret of the backend, redacted; clientSecretEnv is a reference; source inline applies the default to every backend without an entry", () => {
    const key = fakeOpaqueKey("vmcp-header", 32);
    const text = [
      ...backend("acme-wiki"),
      ...backend("acme-tickets", ", externalAuthConfigRef: { name: elsewhere }"),
      ...vmcp.slice(0, 4),
      "  incomingAuth: { type: anonymous }",
      "  config:",
      "    groupRef: engineering",
      "    outgoingAuth:",
      "      source: inline",
      "      default:",
      "        type: token_exchange",
      "        tokenExchange: { tokenUrl: https://idp.acme.example/token, clientId: vmcp, clientSecretEnv: VMCP_CLIENT_SECRET }",
      "      backends:",
      "        acme-wiki:",
      "          type: header_injection",
      `          headerInjection: { headerName: X-API-Key, headerValue: "${key}" }`,
      "",
    ].join("\n");
    const r = scanSources([{ path: "k8s/vmcp.yaml", text }]);
    const secrets = r.findings.filter((f) => f.ruleId === "hardcoded-secret");
    expect(secrets.map((f) => [f.loc.line, f.loc.column, f.level, f.message.includes("'acme-wiki'")])).toEqual([[...where(text, key), "warning", true]]);
    expect(JSON.stringify(r.findings)).not.toContain(key);
    expect(credentialRows(r, "acme-tickets")).toEqual([
      { key: "externalAuthConfigRef", ref: "secretStore:MCPExternalAuthConfig/elsewhere", line: where(text, "name: elsewhere")[0] },
      { key: "clientSecret", ref: "env:VMCP_CLIENT_SECRET", line: where(text, "VMCP_CLIENT_SECRET")[0] },
    ]);
    expect(r.model.servers.map((s) => `${s.name} ${s.upstreamIdentity?.kind} ${s.upstreamIdentity?.key}`)).toEqual([
      "acme-wiki shared-static spec.config.outgoingAuth.backends.acme-wiki",
      "acme-tickets per-caller spec.config.outgoingAuth.default",
    ]);
  });
});

describe("ToolHive MCPServer: the pod template's mcp container (real file: Apocrathia/homelab github/mcpserver.yaml)", () => {
  const read = () => readFileSync(new URL("../../../fixtures/gateways/real-toolhive/homelab/github/mcpserver.yaml", import.meta.url), "utf8");

  it("its env secretKeyRef is the server's credential, by reference", () => {
    const r = scanSources([{ path: "mcp-servers/github/mcpserver.yaml", text: read() }]);
    expect(credentialRows(r, "github-mcp-server").filter((c) => c.ref !== "literal")).toEqual([{ key: "GITHUB_PERSONAL_ACCESS_TOKEN", ref: "secretStore:github-mcp-secrets/github-token", line: 45 }]);
    expect(r.model.servers.map((s) => verdictOf(r.model, s).identity.value)).toEqual(["unique-workload-identity"]);
  });

  it("a literal token in its env is a secret of that server; another container of the template is not read", () => {
    const token = fakeGitHubToken("ghp", "toolhive-pod-template");
    const text = read().replace(/ {12}- name: GITHUB_PERSONAL_ACCESS_TOKEN\n {14}valueFrom:\n {16}secretKeyRef:\n {18}name: github-mcp-secrets\n {18}key: github-token\n/, `            - name: GITHUB_PERSONAL_ACCESS_TOKEN\n              value: ${token}\n`) + "        - name: log-shipper\n          image: fluent/fluent-bit:3.1\n          envFrom:\n            - secretRef:\n                name: shipper-keys\n";
    const r = scanSources([{ path: "mcp-servers/github/mcpserver.yaml", text }]);
    expect(credentialRows(r, "github-mcp-server").filter((c) => c.key.startsWith("GITHUB_PERSONAL"))).toEqual([{ key: "GITHUB_PERSONAL_ACCESS_TOKEN", ref: "literal", line: 43 }]);
    // The sidecar's envFrom secret is not the server's.
    expect(credentialRows(r, "github-mcp-server").filter((c) => c.ref !== "literal")).toEqual([]);
    const secret = r.findings.find((f) => f.ruleId === "hardcoded-secret");
    expect(secret && { at: `${secret.loc.line}:${secret.loc.column}`, server: secret.server?.name }).toEqual({ at: "43:22", server: "github-mcp-server" });
    expect(r.model.servers.map((s) => verdictOf(r.model, s).identity.value)).toEqual(["literal-secret"]);
  });
});

describe("ToolHive Cedar policy that permits every tool call", () => {
  it("the reason quotes the form the file holds (was: permit(principal, action, resource) for either form)", () => {
    const text = "version: \"1.0\"\ntype: cedarv1\ncedar:\n  policies:\n    - 'permit(principal, action == Action::\"call_tool\", resource);'\n  entities_json: \"[]\"\n";
    const r = scanSources([{ path: "authz.yaml", text }]);
    expect(r.model.policies.map((p) => `${p.defaultDecision} ${p.defaultReason}`)).toEqual(['allow a Cedar policy is permit(principal, action == Action::"call_tool", resource) with no conditions (it allows every tool call)']);
    expect(r.findings.find((f) => f.ruleId === "missing-default-deny")?.message).toBe('Policy \'authz.yaml\' (toolhive) fails open: a Cedar policy is permit(principal, action == Action::"call_tool", resource) with no conditions (it allows every tool call). Effective default: allow.');
  });
});
