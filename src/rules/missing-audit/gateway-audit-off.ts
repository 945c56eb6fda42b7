import { defineRule } from "../../engine/rule.js";
import { dockerGatewayAudit } from "../../model/adapters/audit/docker-mcp.js";

/*
 * Reads `Policy.audit` (set by the gateway adapters through
 * `src/model/adapters/audit/*`) and the Docker MCP gateway flags in client
 * entries. Examples for formats whose adapters are not merged yet, to add to
 * `examples.bad` once they are wired:
 * - agentgateway `config.yaml` with `binds:` and no `frontendPolicies.accessLog` / `config.tracing`;
 * - ToolHive `kind: MCPServer` with `spec.audit.enabled: false` (or no `spec.audit`);
 * - Kong decK `plugins: [{ name: ai-mcp-proxy, config: { logging: { log_audits: false } } }]` with no http-log/file-log/tcp-log;
 * - ContextForge environment `AUDIT_TRAIL_ENABLED: "false"`;
 * - Envoy `kind: EnvoyProxy` with `spec.telemetry.accessLog.disable: true` (an MCPRoute alone cannot tell).
 */
export default defineRule({
  id: "gateway-audit-off",
  meta: {
    title: "Gateway keeps no audit trail of MCP calls",
    name: "GatewayAuditOff",
    description:
      "A gateway that brokers MCP calls turns off, or never configures, the access or audit log that would record who called which tool and what was decided (agentgateway without an access log or tracing, ToolHive without `spec.audit.enabled`, Kong AI MCP Proxy without `log_audits` or a logging plugin, ContextForge with its audit trail off, the Docker MCP gateway with `--log-calls=false`). Without that record nobody can answer after an incident who did what through the agent.",
    category: "missing-audit",
    level: "warning",
    precision: "high",
    securitySeverity: 5.0,
    help: "Turn the gateway's audit record on and make it carry the caller's identity, the tool and the decision: agentgateway `frontendPolicies.accessLog` (add `jwt.sub` and `mcp.tool.name`) or `config.tracing.otlpEndpoint`; ToolHive `spec.audit.enabled: true`; Kong `config.logging.log_audits: true` plus a logging plugin (`http-log`, `file-log` ...); ContextForge `AUDIT_TRAIL_ENABLED=true`; Docker MCP gateway: drop `--log-calls=false`. Ship the records to central storage that the gateway cannot rewrite.",
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
    docker: "Docker MCP gateway '{server}' ({client}) does not log tool calls: {detail}.",
  },
  check(model, ctx) {
    for (const p of model.policies) {
      if (!p.audit || p.audit.configured) continue;
      ctx.report({ messageId: "policy", data: { name: p.name, client: p.client, detail: p.audit.detail }, loc: p.audit.loc, identity: `${p.client}\u0000${p.name}\u0000${p.audit.key}` });
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
    ],
    good: [
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
    ],
  },
});
