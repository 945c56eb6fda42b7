import { defineRule } from "../../engine/rule.js";
import { agentgatewayRoute, envoyBackendPolicy } from "../example-configs.js";

/*
 * Reads `McpServer.upstreamIdentity`, set by the LibreChat, agentgateway and
 * Envoy AI Gateway adapters (`src/model/adapters/audit/upstream.ts`), the
 * ToolHive one (`src/model/adapters/toolhive-outgoing.ts`), the Kong one
 * (`src/model/adapters/kong-tool-credentials.ts`) and the Unla one.
 */
export default defineRule({
  id: "shared-upstream-key",
  meta: {
    title: "Gateway forwards every caller's calls with one static key",
    name: "SharedUpstreamKey",
    description:
      "A gateway or multi-user client sends calls upstream with one static key for every caller (agentgateway `backendAuth.key`, Envoy AI Gateway backend `apiKey` or `awsCredentials` in its default service-identity mode, LibreChat `apiKey.source: admin`). The upstream MCP server sees one identity: it cannot tell callers apart, cannot apply per-user permissions, and its logs cannot say who acted.",
    category: "shared-identity",
    level: "warning",
    precision: "high",
    securitySeverity: 5.5,
    help: "Forward the caller's own identity instead: agentgateway `backendAuth.passthrough` or token exchange, Envoy `forwardHeaders` with per-user OAuth, LibreChat `apiKey.source: user`, `customUserVars` or OAuth/OBO. Where a service key is unavoidable, scope it to read-only tools and record the caller at the gateway.",
    cwe: ["CWE-522"],
    frameworks: ["owasp-agentic/ASI03", "nist-csf/PR.AA-01", "nist-csf/DE.CM-03"],
    references: ["https://modelcontextprotocol.io/specification/draft/basic/security_best_practices", "https://www.librechat.ai/docs/configuration/librechat_yaml/object_structure/mcp_servers", "https://agentgateway.dev/docs/"],
    tags: ["identity"],
  },
  messages: {
    shared: "Server '{server}' ({client}) is called with one static key for every caller: {detail}. The upstream cannot tell callers apart.",
    awsSigned: "Server '{server}' ({client}) is called as one AWS identity for every caller: {detail}. The upstream cannot tell callers apart.",
  },
  check(model, ctx) {
    for (const s of model.servers) {
      const u = s.upstreamIdentity;
      if (u?.kind !== "shared-static") continue;
      ctx.report({ messageId: u.via === "aws-signing" ? "awsSigned" : "shared", data: { server: s.name, client: s.client, detail: u.detail }, loc: u.loc, identity: `${s.name}\u0000${u.key}`, server: { name: s.name, client: s.client } });
    }
  },
  examples: {
    bad: [
      {
        file: "librechat.yaml",
        code: `mcpServers:
  acme-shared:
    type: streamable-http
    url: https://mcp.acme.example/shared
    apiKey:
      source: admin
      authorization_type: bearer
`,
        expect: { line: 6, column: 15 },
      },
      {
        // agentgateway writing one Authorization header on every call it forwards.
        file: "agentgateway/config.yaml",
        code: `binds:
- port: 3000
  listeners:
  - routes:
    - policies:
        requestHeaderModifier:
          set:
            Authorization: "Bearer \${GITHUB_TOKEN}"
      backends:
      - mcp:
          targets:
          - name: github
            mcp: { host: "https://api.githubcopilot.com/mcp/" }
`,
        expect: { line: 8, column: 13 },
      },
      {
        // LibreChat serves many users: a token from its own environment is one for all of them.
        file: "librechat.yaml",
        code: `mcpServers:
  acme-shared:
    type: streamable-http
    url: https://mcp.acme.example/shared
    headers: { Authorization: "Bearer \${ACME_SHARED_TOKEN}" }
`,
        expect: { line: 5, column: 31 },
      },
      {
        file: "agentgateway/config.yaml",
        code: agentgatewayRoute("backendAuth: { key: { file: /run/secrets/notes-key } }"),
        expect: { line: 6, column: 24 },
      },
      {
        // A key set on one target (`mcp.targets[].policies`), from the gateway's environment (agentgateway expands `$VAR`).
        file: "agentgateway/config.yaml",
        code: `mcp:
  targets:
  - name: github
    mcp: { host: github-mcp, port: 9090, path: / }
    policies:
      requestHeaderModifier:
        set: { Authorization: "Bearer $GH_TOKEN" }
`,
        expect: { line: 7, column: 16 },
      },
      {
        file: "k8s/mcproute.yaml",
        code: envoyBackendPolicy("apiKey: { secretRef: { name: notes-key } }"),
        expect: { line: 8, column: 7 },
      },
      {
        // SigV4 for a backend behind AWS IAM: mode defaults to ServiceIdentity, the gateway's own AWS identity.
        file: "k8s/mcproute-aws.yaml",
        code: envoyBackendPolicy("awsCredentials: { region: us-east-1, service: bedrock-agentcore }"),
        expect: { line: 8, column: 7 },
      },
      {
        // LiteLLM sends the token stored for the server, the same for every key of the proxy.
        file: "litellm/config.yaml",
        code: `model_list: []
mcp_servers:
  github:
    url: https://api.githubcopilot.com/mcp
    auth_type: bearer_token
    authentication_token: os.environ/GITHUB_PAT
`,
        expect: { line: 6, column: 27 },
      },
      {
        // Unla renders a tool's header from the server's config, which reads one key from its environment.
        file: "configs/notes.yaml",
        code: `routers:
  - { server: notes, prefix: /gateway/notes }
servers:
  - name: notes
    allowedTools: [search_notes]
    config: { ApiKey: '{{ env "NOTES_API_KEY" }}' }
tools:
  - name: search_notes
    endpoint: https://notes.acme.example/api/search
    headers: { X-Api-Key: "{{.Config.ApiKey}}" }
`,
        expect: { line: 10, column: 27 },
      },
    ],
    good: [
      {
        // Unla hands each caller's own Authorization header to the proxied server.
        file: "configs/gh.yaml",
        code: `routers:
  - { server: gh, prefix: /gateway/gh, auth: { mode: oauth2 } }
mcpServers:
  - type: streamable-http
    name: gh
    url: https://api.githubcopilot.com/mcp/
    allowAuthorizationPassThrough: true
`,
      },
      {
        // LiteLLM forwards each caller's own Authorization header.
        file: "litellm/config.yaml",
        code: `model_list: []
mcp_servers:
  notes:
    url: https://notes-mcp.acme.example/mcp
    extra_headers: [authorization]
`,
      },
      {
        // A per-user variable: each user supplies their own key.
        file: "librechat.yaml",
        code: `mcpServers:
  acme-remote:
    type: streamable-http
    url: https://mcp.acme.example/mcp
    headers: { X-Acme-Key: "{{ACME_USER_KEY}}" }
    customUserVars:
      ACME_USER_KEY: { title: "Acme key", description: "Your personal key", sensitive: true }
`,
      },
      {
        // The caller's own token goes upstream.
        file: "agentgateway/config.yaml",
        code: agentgatewayRoute("backendAuth: { passthrough: {} }"),
      },
      {
        file: "librechat.yaml",
        code: `mcpServers:
  acme-remote:
    type: streamable-http
    url: https://mcp.acme.example/mcp
    apiKey:
      source: user
      authorization_type: bearer
`,
      },
    ],
  },
});
