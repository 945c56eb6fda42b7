import { defineRule } from "../../engine/rule.js";
import { agentgatewayRoute } from "../example-configs.js";

export default defineRule({
  id: "permissive-setting",
  meta: {
    title: "Client or gateway setting that approves MCP access wholesale",
    name: "PermissiveSetting",
    description:
      "A client or gateway setting widens what runs without a prompt: every project server approved (`enableAllProjectMcpServers`), whole-server allow rules (`mcp__server`, Gemini CLI policy `[[rule]]` allows of `mcp_*` or a whole server), bypass or never-ask approval modes, global auto-approve (opencode `permission: \"allow\"` or `\"*\": \"allow\"`, for the config or one agent), sandbox off. A whole-server allow that an `ask` or `deny` rule of the same file overrides (Claude Code decides deny, then ask, then allow) is not reported. These switches turn a committed or downloaded configuration straight into running tools. A gateway's access-log or trace field that writes each caller's credential (the `Authorization`, `Cookie` or API-key header: agentgateway `request.headers[\"authorization\"]`, Envoy `%REQ(AUTHORIZATION)%`) is reported too: the audit trail becomes a store of replayable tokens.",
    category: "broad-scope",
    level: "warning",
    precision: "high",
    securitySeverity: 7.0,
    help: "Remove the setting, or replace it with narrow, named allows (`mcp__server__tool` for read-only tools) and keep the default approval mode; enforce it from managed settings.",
    cwe: ["CWE-862"],
    frameworks: ["owasp-agentic/ASI02", "nist-csf/PR.AA-05", "nist-csf/PR.PS-01"],
    references: ["https://code.claude.com/docs/en/settings", "https://code.claude.com/docs/en/permissions", "https://code.visualstudio.com/docs/copilot/reference/mcp-configuration", "https://developers.openai.com/codex/config-reference", "https://github.com/google-gemini/gemini-cli/blob/main/docs/reference/configuration.md", "https://github.com/google-gemini/gemini-cli/blob/main/docs/reference/policy-engine.md"],
    tags: ["policy"],
  },
  messages: {
    setting: "`{key}` = {value} in {client} {file}: {meaning}.",
  },
  check(model, ctx) {
    for (const p of model.policies) {
      for (const s of p.settings) {
        if (s.effect !== "permissive") continue;
        ctx.report({ messageId: "setting", data: { key: s.key, value: s.value, client: p.client, file: p.name, meaning: s.meaning }, loc: s.loc, identity: `${p.client}\u0000${s.key}\u0000${s.value}` });
      }
    }
  },
  examples: {
    bad: [
      { file: ".claude/settings.json", code: `{\n  "enableAllProjectMcpServers": true\n}\n`, expect: { line: 2, column: 33 } },
      { file: ".claude/settings.json", code: `{ "permissions": { "allow": ["mcp__github", "Read"] } }\n`, expect: { line: 1, column: 30 } },
      { file: ".claude/settings.local.json", code: `{\n  "permissions": {\n    "defaultMode": "bypassPermissions"\n  }\n}\n`, expect: { line: 3, column: 20 } },
      { file: ".claude/settings.json", code: `{ "enabledMcpjsonServers": ["acme-notes", "acme-deploy"] }\n`, expect: { line: 1, column: 28 } },
      // The MCP Inspector run as a service with its session token switched off.
      { file: "docker-compose.yml", code: `services:\n  mcp-inspector:\n    image: ghcr.io/modelcontextprotocol/inspector:0.17.2\n    environment:\n      - DANGEROUSLY_OMIT_AUTH=true\n`, expect: { line: 5, column: 31 } },
      { file: "etc/claude-code/managed-settings.json", code: `{\n  "allowedMcpServers": [\n    { "serverName": "acme-notes" }\n  ]\n}\n`, expect: { line: 3, column: 5 } },
      // The MCP Gateway Registry's scopes.yml: a scope that lets its group call every tool of every server.
      { file: "auth_server/scopes.yml", code: `group_mappings:\n  platform-team: [mcp-servers-all/execute]\nmcp-servers-all/execute:\n- server: '*'\n  methods: [initialize, tools/list, tools/call]\n  tools: ['*']\n`, expect: { line: 6, column: 11 } },
      // Kuadrant's MCP gateway behind an Authorino AuthConfig whose identity source is anonymous.
      {
        file: "deploy/mcp-auth.yaml",
        code: `apiVersion: authorino.kuadrant.io/v1beta3
kind: AuthConfig
metadata: { name: mcp }
spec:
  hosts: [mcp.acme.example]
  authentication:
    'public': { anonymous: {} }
  authorization:
    'tools': { patternMatching: { patterns: [ { predicate: "request.headers['x-mcp-toolname'] == 'search_notes'" } ] } }
`,
        expect: { line: 7, column: 5 },
      },
      // An access log that writes every caller's bearer token (agentgateway CEL field; Envoy Gateway access-log format).
      {
        file: "agentgateway/config.yaml",
        code: agentgatewayRoute(`mcpAuthorization: { rules: ['mcp.tool.name == "search_notes"'] }`, `frontendPolicies:\n  accessLog:\n    add:\n      caller: jwt.sub\n      token: 'request.headers["authorization"]'\n`),
        expect: { line: 5, column: 15 },
      },
      {
        file: "deploy/mcp.yaml",
        code: `apiVersion: gateway.envoyproxy.io/v1alpha1
kind: EnvoyProxy
metadata: { name: ai-gw }
spec:
  telemetry:
    accessLog:
      settings:
      - format:
          type: Text
          text: "%REQ(:PATH)% %REQ(AUTHORIZATION)%"
---
apiVersion: aigateway.envoyproxy.io/v1beta1
kind: MCPRoute
metadata: { name: notes }
spec:
  parentRefs: [{ name: ai-gw }]
  backendRefs: [{ name: notes, toolSelector: { include: [search_notes] } }]
  securityPolicy:
    oauth: { issuer: "https://idp.acme.example", audiences: ["https://mcp.acme.example/mcp"] }
    authorization: { defaultAction: Deny }
`,
        expect: { line: 10, column: 31 },
      },
      // A URL pattern whose host is only `*` admits every remote server a user adds.
      { file: "etc/claude-code/managed-settings.json", code: `{\n  "allowManagedMcpServersOnly": true,\n  "allowedMcpServers": [{ "serverUrl": "https://*" }]\n}\n`, expect: { line: 3, column: 25 } },
      { file: "etc/gemini-cli/system-defaults.json", code: `{\n  "security": { "disableYoloMode": false }\n}\n`, expect: { line: 2, column: 36 } },
      // Gemini CLI policy engine: a whole-server allow next to the admin default-deny, and an allow of every MCP tool.
      { file: "etc/gemini-cli/policies/mcp.toml", code: `[[rule]]\ntoolName = "mcp_*"\ndecision = "deny"\npriority = 100\n\n[[rule]]\nmcpName = "acme-notes"\ndecision = "allow"\npriority = 200\n`, expect: { line: 7, column: 11 } },
      { file: "~/.gemini/policies/auto-saved.toml", code: `[[rule]]\ntoolName = "mcp_*"\ndecision = "allow"\npriority = 100\n`, expect: { line: 2, column: 12 } },
      // Qwen Code still migrates the flat V1 settings format: a top-level approvalMode is tools.approvalMode.
      { file: ".qwen/settings.json", code: `{\n  "approvalMode": "yolo"\n}\n`, expect: { line: 2, column: 19 } },
      { file: ".codex/config.toml", code: `approval_policy = "never"\nsandbox_mode = "danger-full-access"\n`, expect: { line: 1, column: 19 } },
      { file: ".vscode/settings.json", code: `{\n  // approve every tool call\n  "chat.tools.global.autoApprove": true,\n}\n`, expect: { line: 3, column: 36 } },
      { file: ".cursor/cli.json", code: `{ "permissions": { "allow": ["Read(**)", "Mcp(*)"] } }\n`, expect: { line: 1, column: 42 } },
      { file: ".cursor/cli.json", code: `{ "permissions": { "allow": ["Mcp(acme-notes:*)"] } }\n`, expect: { line: 1, column: 30 } },
      { file: ".cursor/permissions.json", code: `{ "mcpAllowlist": ["acme-notes:*"] }\n`, expect: { line: 1, column: 20 } },
      { file: ".amazonq/cli-agents/helper.json", code: `{ "name": "helper", "tools": ["*"],\n  "allowedTools": ["fs_read", "@acme-notes"] }\n`, expect: { line: 1, column: 31 } },
      { file: ".zed/settings.json", code: `{ "agent": { "tool_permissions": { "default": "allow" } } }\n`, expect: { line: 1, column: 47 } },
      // Zed's `agent.permission_mode` (its settings migration turns `tool_permissions.default: allow` into `auto`).
      { file: ".config/zed/settings.json", code: `{ "agent": { "permission_mode": "auto" } }\n`, expect: { line: 1, column: 33 } },
      { file: ".config/goose/config.yaml", code: `GOOSE_MODE: auto\nextensions: {}\n`, expect: { line: 1, column: 13 } },
      { file: ".continue/permissions.yaml", code: `allow:\n  - "*"\n`, expect: { line: 2, column: 5 } },
      { file: "enterprise/cline-remote-config.json", code: `{ "allowedMCPServers": [{ "id": "acme-notes" }] }\n`, expect: { line: 1, column: 33 } },
      {
        file: "gateway/config.yaml",
        code: `mcp:
  port: 3000
  policies:
    jwtAuth: { issuer: https://idp.acme.example, jwks: { url: https://idp.acme.example/jwks.json }, mode: optional }
    mcpAuthorization:
      rules: ['mcp.tool.name == "search_notes"']
  targets:
  - name: notes
    mcp: { host: https://notes.internal:8443/mcp }
`,
        expect: { line: 4, column: 107 },
      },
      {
        file: "deploy/mcproute.yaml",
        code: `apiVersion: aigateway.envoyproxy.io/v1beta1
kind: MCPRoute
metadata: { name: acme }
spec:
  backendRefs:
  - name: notes
  securityPolicy:
    oauth: { issuer: https://idp.acme.example }
    authorization: { defaultAction: Deny }
`,
        expect: { line: 6, column: 11 },
      },
      // MCPHub: skipAuth opens the dashboard to anyone as an admin (who may add a server, a command it runs).
      { file: "mcphub/mcp_settings.json", code: `{ "mcpServers": { "notes": { "command": "acme-notes-mcp" } },\n  "systemConfig": { "routing": { "enableBearerAuth": true, "skipAuth": true } } }\n`, expect: { line: 2, column: 72 } },
      { file: "opencode.json", code: `{\n  "$schema": "https://opencode.ai/config.json",\n  "permission": "allow"\n}\n`, expect: { line: 3, column: 17 } },
      { file: "opencode.json", code: `{\n  "agent": { "build": { "permission": { "*": "allow", "bash": "ask" } } }\n}\n`, expect: { line: 2, column: 46 } },
    ],
    good: [
      { file: ".claude/settings.json", code: `{ "permissions": { "allow": ["mcp__github__get_issue"], "defaultMode": "default" } }\n` },
      // Claude Code decides deny before allow: the whole-server allow is dead.
      { file: ".claude/settings.json", code: `{ "permissions": { "allow": ["mcp__github"], "deny": ["mcp__github"] } }\n` },
      { file: "opencode.json", code: `{\n  "permission": { "*": "ask", "bash": "allow" }\n}\n` },
      // The MCP Inspector with an empty DANGEROUSLY_OMIT_AUTH: its session token stays on.
      { file: "docker-compose.yml", code: `services:\n  mcp-inspector:\n    image: ghcr.io/modelcontextprotocol/inspector:0.17.2\n    environment:\n      - DANGEROUSLY_OMIT_AUTH=\n` },
      // The same scope naming the server and its tools.
      { file: "auth_server/scopes.yml", code: `group_mappings:\n  notes-team: [mcp-servers-notes/execute]\nmcp-servers-notes/execute:\n- server: notes\n  methods: [initialize, tools/list, tools/call]\n  tools: [search_notes]\n` },
      // The caller's identity and a header tested for, not its value: no credential in the log.
      {
        file: "agentgateway/config.yaml",
        code: agentgatewayRoute(`mcpAuthorization: { rules: ['mcp.tool.name == "search_notes"'] }`, `frontendPolicies:\n  accessLog:\n    add:\n      caller: jwt.sub\n      tool: mcp.tool.name\n      signed: '"authorization" in request.headers'\n`),
      },
      // Zed 0.224+: an explicit `tool_permissions.default` wins over the legacy switch (its settings migration keeps it).
      { file: ".config/zed/settings.json", code: `{ "agent": { "always_allow_tool_actions": true, "tool_permissions": { "default": "confirm" } } }\n` },
      { file: "etc/claude-code/managed-settings.json", code: `{ "allowManagedMcpServersOnly": true,\n  "allowedMcpServers": [{ "serverUrl": "https://mcp.acme.example/*" }, { "serverCommand": ["/opt/acme/bin/notes-mcp", "--read-only"] }],\n  "permissions": { "defaultMode": "dontAsk", "disableBypassPermissionsMode": "disable", "allow": ["mcp__acme-notes__search"] } }\n` },
      { file: ".gemini/settings.json", code: `{ "mcp": { "allowed": ["acme-notes"] }, "security": { "disableYoloMode": true },\n  "mcpServers": { "acme-notes": { "command": "acme-notes-mcp", "includeTools": ["search_notes"] } } }\n` },
      { file: "etc/gemini-cli/policies/mcp.toml", code: `[[rule]]\ntoolName = "mcp_*"\ndecision = "deny"\npriority = 100\n\n[[rule]]\nmcpName = "acme-notes"\ntoolName = "search_notes"\ndecision = "allow"\npriority = 200\n` },
      // Gemini CLI does not load workspace policy files: a note, no finding.
      { file: ".gemini/policies/team.toml", code: `[[rule]]\ntoolName = "mcp_*"\ndecision = "allow"\npriority = 100\n` },
      { file: ".codex/config.toml", code: `approval_policy = "on-request"\nsandbox_mode = "workspace-write"\n` },
      { file: ".vscode/settings.json", code: `{ "chat.mcp.access": "registry", "chat.tools.global.autoApprove": false }\n` },
      { file: ".cursor/cli.json", code: `{ "permissions": { "allow": ["Mcp(acme-notes, search_notes)"], "deny": ["Mcp(*)"] } }\n` },
      { file: ".cursor/cli.json", code: `{ "permissions": { "allow": ["Mcp(acme-notes:search_notes)"], "deny": ["Mcp(*:*)"] } }\n` },
      { file: ".amazonq/cli-agents/helper.json", code: `{ "tools": ["@builtin", "@acme-notes"], "allowedTools": ["fs_read", "@acme-notes/search_notes"], "useLegacyMcpJson": false }\n` },
      { file: ".zed/settings.json", code: `{ "agent": { "tool_permissions": { "default": "confirm" } } }\n` },
      // An explicit `permission_mode` is kept over the legacy default by Zed's migration.
      { file: ".config/zed/settings.json", code: `{ "agent": { "permission_mode": "manual", "tool_permissions": { "default": "allow" } } }\n` },
      { file: ".config/goose/config.yaml", code: `GOOSE_MODE: smart_approve\n` },
      { file: "enterprise/cline-remote-config.json", code: `{ "mcpMarketplaceEnabled": false, "blockPersonalRemoteMCPServers": true, "allowedMCPServers": [{ "id": "acme-notes" }] }\n` },
      {
        file: "gateway/config.yaml",
        code: `mcp:
  policies:
    mcpAuthentication: { issuer: https://idp.acme.example, audiences: [https://mcp.acme.example/mcp], jwks: { url: https://idp.acme.example/jwks.json }, mode: strict }
    mcpAuthorization:
      rules: ['mcp.tool.name == "search_notes"']
    backendAuth: { passthrough: {} }
  targets:
  - name: notes
    mcp: { host: http://notes.internal:8080/mcp }
`,
      },
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
    oauth: { issuer: https://idp.acme.example }
`,
      },
      { file: "deploy/.env", code: `AUTH_REQUIRED=true\nBASIC_AUTH_PASSWORD=\${BASIC_AUTH_PASSWORD}\n` },
      // ContextForge's own template: `.env.example` documents the default password that a copied `.env` must not keep.
      { file: "mcp-context-forge/.env.example", code: `AUTH_ENCRYPTION_SECRET=__REPLACE_ME__\nBASIC_AUTH_PASSWORD=changeme\n` },
    ],
  },
});
