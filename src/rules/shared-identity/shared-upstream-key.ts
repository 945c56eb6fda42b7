import { defineRule } from "../../engine/rule.js";

/*
 * Reads `McpServer.upstreamIdentity` (LibreChat sets it now; the agentgateway
 * and Envoy AI Gateway adapters set it through
 * `src/model/adapters/audit/upstream.ts` once merged). Examples to add then:
 * - agentgateway `policies: { backendAuth: { key: { file: /run/secrets/k } } }` on a route;
 * - Envoy `MCPRoute` `backendRefs[].securityPolicy.apiKey: { secretRef: ... }`.
 */
export default defineRule({
  id: "shared-upstream-key",
  meta: {
    title: "Gateway forwards every caller's calls with one static key",
    name: "SharedUpstreamKey",
    description:
      "A gateway or multi-user client sends calls upstream with one static key for every caller (agentgateway `backendAuth.key`, Envoy AI Gateway backend `apiKey`, LibreChat `apiKey.source: admin`). The upstream MCP server sees one identity: it cannot tell callers apart, cannot apply per-user permissions, and its logs cannot say who acted.",
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
  },
  check(model, ctx) {
    for (const s of model.servers) {
      const u = s.upstreamIdentity;
      if (u?.kind !== "shared-static") continue;
      ctx.report({ messageId: "shared", data: { server: s.name, client: s.client, detail: u.detail }, loc: u.loc, identity: `${s.name}\u0000${u.key}`, server: { name: s.name, client: s.client } });
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
    ],
    good: [
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
