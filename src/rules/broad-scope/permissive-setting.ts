import { defineRule } from "../../engine/rule.js";

export default defineRule({
  id: "permissive-setting",
  meta: {
    title: "Client or gateway setting that approves MCP access wholesale",
    name: "PermissiveSetting",
    description:
      "A client or gateway setting widens what runs without a prompt: every project server approved (`enableAllProjectMcpServers`), whole-server allow rules (`mcp__server`), bypass or never-ask approval modes, global auto-approve, sandbox off. These switches turn a committed or downloaded configuration straight into running tools.",
    category: "broad-scope",
    level: "warning",
    precision: "high",
    securitySeverity: 7.0,
    help: "Remove the setting, or replace it with narrow, named allows (`mcp__server__tool` for read-only tools) and keep the default approval mode; enforce it from managed settings.",
    cwe: ["CWE-862"],
    references: ["https://code.claude.com/docs/en/settings", "https://code.claude.com/docs/en/permissions"],
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
    ],
    good: [
      { file: ".claude/settings.json", code: `{ "permissions": { "allow": ["mcp__github__get_issue"], "defaultMode": "default" } }\n` },
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
    ],
  },
});
