import { defineRule } from "../../engine/rule.js";
import type { PolicyKind } from "../../model/types.js";

const KIND_LABEL: Partial<Record<PolicyKind, string>> = { gateway: "Gateway", code: "Endpoint" };
import type { Loc } from "../../model/location.js";

function sameStart(a: Loc, b: Loc): boolean {
  return a.file === b.file && a.line === b.line && a.column === b.column;
}

export default defineRule({
  id: "missing-default-deny",
  meta: {
    title: "Policy or gateway allows what no rule names",
    name: "MissingDefaultDeny",
    description:
      "The policy layer fails open: when no rule matches a request it is allowed (no allow rules at all, deny-only rules, an explicit allow default, authentication left optional, an HTTP MCP endpoint in server code with no authentication middleware). Managed client settings fail open the same way when they leave the server allowlist unset (Claude Code `allowedMcpServers`, Codex requirements `[mcp_servers]`, Cline `allowedMCPServers`). User-level settings whose effective default is allow (Gemini CLI without `mcp.allowed`, Goose's default `auto` mode) are reported as notes. Governance is only provable when every request must match a rule that names it.",
    category: "missing-default-deny",
    level: "error",
    precision: "high",
    securitySeverity: 8.0,
    help: "Make the default deny: add allow rules that name the tools and callers you expect (which turns the rule set into an allowlist), set the default action to Deny, and make authentication strict. In client managed settings, list the approved servers by command or URL (`allowedMcpServers`, `[mcp_servers]`, `mcp.allowed`). In server code, put an authentication layer in front of the MCP route (the SDK's `requireBearerAuth`, or your framework's auth middleware) before the handler.",
    cwe: ["CWE-276", "CWE-862"],
    frameworks: ["owasp-agentic/ASI02", "owasp-agentic/ASI03", "nist-csf/PR.AA-05", "nist-csf/GV.PO-01"],
    references: ["https://modelcontextprotocol.io/specification/draft/basic/authorization", "https://agentgateway.dev/docs/", "https://code.claude.com/docs/en/managed-mcp", "https://developers.openai.com/codex/enterprise/managed-configuration", "https://aigateway.envoyproxy.io/", "https://github.com/stacklok/toolhive"],
    tags: ["policy"],
  },
  messages: {
    allow: "{kind} '{name}' ({client}) fails open: {reason}. Effective default: allow.",
    client: "Settings '{name}' ({client}) set no default-deny: {reason}.",
  },
  check(model, ctx) {
    for (const p of model.policies) {
      if (p.defaultDecision !== "allow") continue;
      const identity = `${p.client}\u0000${p.name}\u0000${p.defaultReason}`;
      if (p.kind === "client") {
        // A user-level settings file is not where default-deny is enforced: a note. When the
        // default comes from a permissive switch, `permissive-setting` already reports it there.
        if (p.settings.some((s) => s.effect === "permissive" && sameStart(s.loc, p.defaultLoc))) continue;
        ctx.report({ messageId: "client", data: { name: p.name, client: p.client, reason: p.defaultReason }, loc: p.defaultLoc, identity, level: "note" });
        continue;
      }
      ctx.report({ messageId: "allow", data: { kind: KIND_LABEL[p.kind] ?? "Policy", name: p.name, client: p.client, reason: p.defaultReason }, loc: p.defaultLoc, identity });
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
        file: "src/server.ts",
        code: `import express from "express";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";

const server = new McpServer({ name: "notes", version: "1.0.0" });
const app = express();
app.use(express.json());
app.post("/mcp", async (req, res) => {
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});
app.listen(3000);
`,
        expect: { line: 8, column: 10 },
      },
      {
        file: "src/server.mjs",
        code: `import { Hono } from "hono";
import { StreamableHTTPTransport } from "@hono/mcp";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
const mcp = new McpServer({ name: "wiki", version: "0.3.0" });
const app = new Hono();
app.all("/mcp", async (c) => { const t = new StreamableHTTPTransport(); await mcp.connect(t); return t.handleRequest(c); });
`,
        expect: { line: 6, column: 9 },
      },
      { file: "etc/claude-code/managed-settings.json", code: `{\n  "allowManagedMcpServersOnly": true,\n  "permissions": { "disableBypassPermissionsMode": "disable" }\n}\n`, expect: { line: 1, column: 1 } },
      { file: "etc/codex/requirements.toml", code: `allowed_approval_policies = ["untrusted", "on-request"]\n`, expect: { line: 1, column: 1 } },
      { file: "etc/gemini-cli/settings.json", code: `{\n  "security": { "disableYoloMode": true }\n}\n`, expect: { line: 1, column: 1 } },
      { file: "enterprise/cline-remote-config.json", code: `{ "mcpMarketplaceEnabled": false }\n`, expect: { line: 1, column: 1 } },
      { file: ".gemini/settings.json", code: `{\n  "mcpServers": { "acme-notes": { "command": "acme-notes-mcp", "includeTools": ["search_notes"] } }\n}\n`, expect: { line: 1, column: 1 } },
      { file: ".config/goose/config.yaml", code: `extensions:\n  acme-notes: { type: stdio, cmd: acme-notes-mcp, enabled: true }\n`, expect: { line: 1, column: 1 } },
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
        file: "src/server.ts",
        code: `import express from "express";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { requireBearerAuth } from "@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js";
import { verifier } from "./auth.js";

const server = new McpServer({ name: "notes", version: "1.0.0" });
const app = express();
app.post("/mcp", requireBearerAuth({ verifier }), async (req, res) => {
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});
`,
      },
      {
        file: "src/server.mjs",
        code: `import { Hono } from "hono";
import { bearerAuth } from "hono/bearer-auth";
import { StreamableHTTPTransport } from "@hono/mcp";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
const mcp = new McpServer({ name: "wiki", version: "0.3.0" });
const app = new Hono();
app.use("/mcp/*", bearerAuth({ verifyToken: async (token) => token === process.env.WIKI_TOKEN }));
app.all("/mcp", async (c) => { const t = new StreamableHTTPTransport(); await mcp.connect(t); return t.handleRequest(c); });
`,
      },
      { file: "etc/claude-code/managed-settings.json", code: `{ "allowManagedMcpServersOnly": true, "allowedMcpServers": [{ "serverCommand": ["/opt/acme/bin/notes-mcp"] }] }\n` },
      { file: "etc/codex/requirements.toml", code: `allowed_approval_policies = ["on-request"]\n\n[mcp_servers.acme-notes]\ncommand = "/opt/acme/bin/notes-mcp"\n` },
      { file: ".gemini/settings.json", code: `{ "mcp": { "allowed": ["acme-notes"] },\n  "mcpServers": { "acme-notes": { "command": "acme-notes-mcp", "includeTools": ["search_notes"] } } }\n` },
      { file: ".config/goose/config.yaml", code: `GOOSE_MODE: approve\n` },
      // The explicit switch is reported once, by permissive-setting.
      { file: ".zed/settings.json", code: `{ "agent": { "tool_permissions": { "default": "allow" } } }\n` },
    ],
  },
});
