import { defineRule } from "../../engine/rule.js";
import { agentgatewayRoute, envoyMcpRoute } from "../example-configs.js";
import { dockerGatewayAudit } from "../../model/adapters/audit/docker-mcp.js";
import type { Policy, PolicyAudit } from "../../model/types.js";

/*
 * Reads `Policy.audit` (set by the agentgateway, ToolHive, Kong,
 * ContextForge and Envoy adapters through `src/model/adapters/audit/*`) and
 * the Docker MCP gateway flags in client entries. Envoy's access logs live on
 * an `EnvoyProxy` resource: an MCPRoute tells only when one sits in its file.
 */
export default defineRule({
  id: "gateway-audit-off",
  meta: {
    title: "Gateway keeps no audit trail of MCP calls",
    name: "GatewayAuditOff",
    description:
      "A gateway that brokers MCP calls turns off, or never configures, the access or audit log that would record who called which tool and what was decided (agentgateway without an access log or tracing, ToolHive without `spec.audit.enabled`, Kong AI MCP Proxy without `log_audits` or a logging plugin, ContextForge with its audit trail off, the Docker MCP gateway with `--log-calls=false`, an Envoy AI Gateway `EnvoyProxy` beside the MCPRoute with no or disabled `spec.telemetry.accessLog`). Without that record nobody can answer after an incident who did what through the agent.",
    category: "missing-audit",
    level: "warning",
    precision: "high",
    securitySeverity: 5.0,
    help: "Turn the gateway's audit record on and make it carry the caller's identity, the tool and the decision: agentgateway `frontendPolicies.accessLog` (add `jwt.sub` and `mcp.tool.name`) or `config.tracing.otlpEndpoint`; ToolHive `spec.audit.enabled: true`; Kong `config.logging.log_audits: true` plus a logging plugin (`http-log`, `file-log` ...); ContextForge `AUDIT_TRAIL_ENABLED=true`; Docker MCP gateway: drop `--log-calls=false`; Envoy: `EnvoyProxy` `spec.telemetry.accessLog` with the MCP fields (`mcp_method`, `mcp_backend`) and the caller. Ship the records to central storage that the gateway cannot rewrite.",
    cwe: ["CWE-778"],
    frameworks: ["nist-csf/PR.PS-04", "nist-csf/DE.CM-03"],
    references: [
      "https://docs.stacklok.com/toolhive/guides-k8s/logging",
      "https://developer.konghq.com/mcp/observe-traffic-for-mcp-tools",
      "https://agentgateway.dev/docs/",
      "https://github.com/docker/mcp-gateway",
    ],
    tags: ["audit"],
  },
  messages: {
    policy: "Gateway '{name}' ({client}) records no audit trail of MCP calls: {detail}.",
    docker: "Docker MCP gateway '{server}' (started by {client}) does not log tool calls: {detail}.",
  },
  check(model, ctx) {
    for (const group of byAuditSetting(model.policies)) {
      const p = group[0] as Policy;
      const audit = p.audit as PolicyAudit;
      // Several routes of one config share its file-level log setting: one finding, named by the file.
      const name = group.length === 1 ? p.name : `${p.file} (${group.length} routes)`;
      const identity = group.length === 1 ? `${p.client}\u0000${p.name}\u0000${audit.key}` : `${p.client}\u0000${p.file}\u0000${audit.key}`;
      ctx.report({ messageId: "policy", data: { name, client: p.client, detail: audit.detail }, loc: audit.loc, identity });
    }
    for (const s of model.servers) {
      const audit = dockerGatewayAudit(s);
      if (!audit || audit.configured) continue;
      ctx.report({ messageId: "docker", data: { server: s.name, client: s.client, detail: audit.detail }, loc: audit.loc, identity: `${s.name}\u0000${audit.key}`, server: { name: s.name, client: s.client } });
    }
  },
  examples: {
    bad: [
      {
        file: ".mcp.json",
        code: `{ "mcpServers": {
  "MCP_DOCKER": { "command": "docker", "args": ["mcp", "gateway", "run", "--servers", "acme-notes", "--log-calls=false"] }
} }
`,
        expect: { line: 2, column: 101 },
      },
      {
        file: ".cursor/mcp.json",
        code: `{ "mcpServers": { "MCP_DOCKER": { "command": "docker", "args": ["mcp", "gateway", "run", "--log-calls", "false"] } } }
`,
        expect: { line: 1, column: 90 },
      },
      {
        // The gateway's image run by Compose.
        file: "docker-compose.yml",
        code: `services:
  gateway:
    image: docker/mcp-gateway:v2.0.1
    command:
      - --servers=fetch
      - --log-calls=false
`,
        expect: { line: 6, column: 9 },
      },
      {
        // agentgateway with no access log or tracing: default request logs name no caller.
        file: "agentgateway/config.yaml",
        code: agentgatewayRoute(`mcpAuthorization: { rules: ['mcp.tool.name == "search_notes"'] }`),
        expect: { line: 1, column: 1 },
      },
      {
        file: "k8s/mcpserver.yaml",
        code: `apiVersion: toolhive.stacklok.dev/v1alpha1
kind: MCPServer
metadata: { name: fetch }
spec:
  image: ghcr.io/acme/fetch-mcp:1.0.0
  transport: streamable-http
  audit: { enabled: false }
`,
        expect: { line: 7, column: 21 },
      },
      {
        file: "kong/kong.yaml",
        code: `_format_version: "3.0"
services:
- name: notes
  url: https://notes.acme.example/mcp
  routes: [{ name: notes-route, paths: [/mcp] }]
plugins:
- name: ai-mcp-proxy
  route: notes-route
  config: { mode: passthrough-listener, logging: { log_audits: false } }
`,
        expect: { line: 9, column: 64 },
      },
      { file: "deploy/.env", code: `HOST=0.0.0.0\nAUTH_REQUIRED=true\nMCPGATEWAY_UI_ENABLED=false\nAUDIT_TRAIL_ENABLED=false\n`, expect: { line: 4, column: 21 } },
      {
        // The EnvoyProxy beside the route turns its access log off.
        file: "k8s/mcp-route.yaml",
        code: envoyMcpRoute("    accessLog: { disable: true }\n"),
        expect: { line: 13, column: 27 },
      },
    ],
    good: [
      {
        file: "agentgateway/config.yaml",
        code: agentgatewayRoute(`mcpAuthorization: { rules: ['mcp.tool.name == "search_notes"'] }`, "frontendPolicies:\n  accessLog:\n    add: { user: jwt.sub, tool: mcp.tool.name }\n"),
      },
      {
        file: "k8s/mcpserver.yaml",
        code: `apiVersion: toolhive.stacklok.dev/v1alpha1
kind: MCPServer
metadata: { name: fetch }
spec:
  image: ghcr.io/acme/fetch-mcp:1.0.0
  transport: streamable-http
  audit: { enabled: true }
`,
      },
      {
        file: ".mcp.json",
        code: `{ "mcpServers": {
  "MCP_DOCKER": { "command": "docker", "args": ["mcp", "gateway", "run", "--servers", "acme-notes"] }
} }
`,
      },
      {
        file: ".mcp.json",
        code: `{ "mcpServers": { "MCP_DOCKER": { "command": "docker", "args": ["mcp", "gateway", "run", "--log-calls=true"] } } }
`,
      },
      {
        file: "k8s/mcp-route.yaml",
        code: envoyMcpRoute(`    accessLog:
      settings:
      - format: { type: JSON, json: { mcp_method: "%DYNAMIC_METADATA(io.envoy.ai_gateway:mcp_method)%" } }
        sinks: [{ type: File, file: { path: /dev/stdout } }]
`),
      },
    ],
  },
});

/** Policies whose audit is off, grouped by the one setting they read (client, file, key and place). */
function byAuditSetting(policies: readonly Policy[]): Policy[][] {
  const groups = new Map<string, Policy[]>();
  for (const p of policies) {
    if (!p.audit || p.audit.configured) continue;
    const at = `${p.client}\u0000${p.file}\u0000${p.audit.key}\u0000${p.audit.loc.line}:${p.audit.loc.column}`;
    const list = groups.get(at);
    if (list) list.push(p);
    else groups.set(at, [p]);
  }
  return [...groups.values()];
}
