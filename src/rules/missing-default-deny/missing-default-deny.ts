import { defineRule } from "../../engine/rule.js";

export default defineRule({
  id: "missing-default-deny",
  meta: {
    title: "Policy or gateway allows what no rule names",
    name: "MissingDefaultDeny",
    description:
      "The policy layer fails open: when no rule matches a request it is allowed (no allow rules at all, deny-only rules, an explicit allow default, authentication left optional). Governance is only provable when every request must match a rule that names it.",
    category: "missing-default-deny",
    level: "error",
    precision: "high",
    securitySeverity: 8.0,
    help: "Make the default deny: add allow rules that name the tools and callers you expect (which turns the rule set into an allowlist), set the default action to Deny, and make authentication strict.",
    cwe: ["CWE-276", "CWE-862"],
    references: ["https://agentgateway.dev/docs/", "https://aigateway.envoyproxy.io/", "https://github.com/stacklok/toolhive"],
    tags: ["policy"],
  },
  messages: {
    allow: "{kind} '{name}' ({client}) fails open: {reason}. Effective default: allow.",
  },
  check(model, ctx) {
    for (const p of model.policies) {
      if (p.defaultDecision !== "allow") continue;
      ctx.report({ messageId: "allow", data: { kind: p.kind === "gateway" ? "Gateway" : "Policy", name: p.name, client: p.client, reason: p.defaultReason }, loc: p.defaultLoc, identity: `${p.client}\u0000${p.name}\u0000${p.defaultReason}` });
    }
  },
  examples: {
    bad: [
      {
        file: "deploy/mcproute.yaml",
        code: `apiVersion: aigateway.envoyproxy.io/v1beta1
kind: MCPRoute
metadata: { name: acme }
spec:
  backendRefs:
  - name: notes
  securityPolicy:
    authorization:
      defaultAction: Allow
`,
        expect: { line: 9, column: 22 },
      },
      {
        file: "gateway/config.yaml",
        code: `binds:
- port: 3000
  listeners:
  - routes:
    - policies:
        mcpAuthorization:
          rules:
          - deny: 'mcp.tool.name == "delete_note"'
      backends:
      - mcp:
          targets:
          - name: notes
            mcp: { host: http://notes.internal:8080/mcp }
`,
        expect: { line: 7, column: 11 },
      },
      {
        file: "agentgateway.yaml",
        code: `mcp:
  port: 3000
  targets:
  - name: notes
    mcp: { host: http://notes.internal:8080/mcp }
`,
        expect: { line: 1, column: 1 },
      },
      {
        file: "toolhive/notes-profile.json",
        code: `{
  "name": "notes",
  "network": { "outbound": { "insecure_allow_all": true } }
}
`,
        expect: { line: 3, column: 52 },
      },
      {
        file: "toolhive/authz.json",
        code: `{ "version": "1.0", "type": "cedarv1",
  "cedar": { "policies": ["permit(principal, action, resource);"], "entities_json": "[]" } }
`,
        expect: { line: 2, column: 27 },
      },
      {
        file: "deploy/notes.yaml",
        code: `apiVersion: toolhive.stacklok.dev/v1alpha1
kind: MCPServer
metadata: { name: notes }
spec:
  image: ghcr.io/acme/notes-mcp:1.4.2
  permissionProfile: { type: builtin, name: none }
`,
        expect: { line: 4, column: 1 },
      },
      {
        file: "kong/kong.yaml",
        code: `_format_version: "3.0"
plugins:
- name: ai-mcp-proxy
  route: notes
  config:
    mode: passthrough-listener
    tools:
    - name: search_notes
`,
        expect: { line: 5, column: 3 },
      },
      {
        file: "pomerium/config.yaml",
        code: `routes:
- from: https://notes-mcp.acme.example
  to: http://notes.internal:8080/mcp
  allow_public_unauthenticated_access: true
  mcp: { server: {} }
`,
        expect: { line: 4, column: 40 },
      },
      { file: ".env", code: `AUTH_REQUIRED=false\nMCPGATEWAY_UI_ENABLED=true\n`, expect: { line: 1, column: 15 } },
      { file: "src/appsettings.Development.json", code: `{ "Authentication": { "BypassEntra": true } }\n`, expect: { line: 1, column: 38 } },
      {
        file: "deploy/k8s/gateway.yml",
        code: `apiVersion: apps/v1
kind: Deployment
metadata: { name: mcpgateway }
spec:
  template:
    spec:
      containers:
      - name: mcpgateway
        image: acme.azurecr.io/microsoft-mcpgateway-service:1.2.0
        env:
        - { name: ASPNETCORE_ENVIRONMENT, value: Development }
`,
        expect: { line: 11, column: 50 },
      },
    ],
    good: [
      {
        file: "deploy/mcproute.yaml",
        code: `apiVersion: aigateway.envoyproxy.io/v1beta1
kind: MCPRoute
metadata: { name: acme }
spec:
  backendRefs:
  - name: notes
    toolSelector: { include: [search_notes] }
  securityPolicy:
    authorization:
      defaultAction: Deny
`,
      },
      {
        file: "gateway/config.yaml",
        code: `binds:
- port: 3000
  listeners:
  - routes:
    - policies:
        mcpAuthentication: { issuer: https://idp.acme.example, audiences: [https://mcp.acme.example/mcp], jwks: { url: https://idp.acme.example/jwks.json } }
        mcpAuthorization:
          rules:
          - 'mcp.tool.name == "search_notes"'
          - deny: 'mcp.tool.name == "delete_note"'
      backends:
      - mcp:
          targets:
          - name: notes
            mcp: { host: http://notes.internal:8080/mcp }
`,
      },
      {
        file: "toolhive/notes-profile.json",
        code: `{ "name": "notes", "read": ["/srv/notes:/data"], "write": [],
  "network": { "outbound": { "insecure_allow_all": false, "allow_host": ["api.acme.example"], "allow_port": [443] } } }
`,
      },
      {
        file: "toolhive/authz.yaml",
        code: `version: "1.0"
type: cedarv1
cedar:
  policies:
  - permit(principal, action == Action::"call_tool", resource == Tool::"search_notes");
  entities_json: "[]"
`,
      },
      {
        file: "deploy/notes.yaml",
        code: `apiVersion: toolhive.stacklok.dev/v1alpha1
kind: MCPServer
metadata: { name: notes }
spec:
  image: ghcr.io/acme/notes-mcp:1.4.2
  permissionProfile: { type: builtin, name: none }
  oidcConfigRef: { name: acme-oidc }
  authzConfigRef: { name: notes-authz }
`,
      },
      {
        file: "kong/kong.yaml",
        code: `_format_version: "3.0"
plugins:
- name: key-auth
  route: notes
- name: ai-mcp-proxy
  route: notes
  config:
    mode: passthrough-listener
    default_acl: [ { scope: tools, allow: [notes-readers] } ]
`,
      },
      {
        file: "pomerium/config.yaml",
        code: `routes:
- from: https://notes-mcp.acme.example
  to: http://notes.internal:8080/mcp
  mcp: { server: {} }
  policy:
    allow: { and: [ { domain: { is: acme.example } } ] }
    deny: { and: [ { mcp_tool: { not_in: [search_notes] } } ] }
`,
      },
      { file: ".env", code: `AUTH_REQUIRED=true
MCP_REQUIRE_AUTH=true
MCPGATEWAY_ADMIN_API_ENABLED=false
` },
      { file: "src/appsettings.json", code: `{ "AzureAd": { "Instance": "https://login.microsoftonline.com/", "TenantId": "00000000-0000-0000-0000-000000000000" } }
` },
      {
        file: "deploy/k8s/gateway.yml",
        code: `apiVersion: apps/v1
kind: Deployment
metadata: { name: mcpgateway }
spec:
  template:
    spec:
      containers:
      - name: mcpgateway
        image: acme.azurecr.io/microsoft-mcpgateway-service:1.2.0
        env:
        - { name: ASPNETCORE_ENVIRONMENT, value: Production }
`,
      },
    ],
  },
});
