import { defineRule } from "../../engine/rule.js";
import type { PolicyKind } from "../../model/types.js";
import type { Loc } from "../../model/location.js";
import { examples } from "../missing-default-deny-examples.js";

const KIND_LABEL: Partial<Record<PolicyKind, string>> = { gateway: "Gateway", code: "Endpoint" };

function sameStart(a: Loc, b: Loc): boolean {
  return a.file === b.file && a.line === b.line && a.column === b.column;
}

export default defineRule({
  id: "missing-default-deny",
  meta: {
    title: "Policy or gateway allows what no rule names",
    name: "MissingDefaultDeny",
    description:
      "The policy layer fails open: when no rule matches a request it is allowed (no allow rules at all, deny-only rules, an explicit allow default, authentication left optional, an HTTP MCP endpoint in server code with no authentication middleware). Managed client settings fail open the same way when they leave the server allowlist unset (Claude Code `allowedMcpServers`, Codex requirements `[mcp_servers]`, Cline `allowedMCPServers`), and so does a Gemini CLI admin policy file that allows every MCP tool (`toolName = \"mcp_*\"` with `decision = \"allow\"`). User-level settings whose effective default is allow (Gemini CLI without `mcp.allowed`, Goose's default `auto` mode, an opencode global config with servers and no `permission` rule for `*`, where opencode's own default allows every tool) are reported as notes. Governance is only provable when every request must match a rule that names it.",
    category: "missing-default-deny",
    level: "error",
    precision: "high",
    securitySeverity: 8.0,
    help: "Make the default deny: add allow rules that name the tools and callers you expect (which turns the rule set into an allowlist), set the default action to Deny, and make authentication strict. For Kuadrant's MCP gateway, give the AuthPolicy (or AuthConfig) an `authorization` check on the tool the router names (`x-mcp-toolname`), or a gateway-wide default that denies (`allow = false`). In client managed settings, list the approved servers by command or URL (`allowedMcpServers`, `[mcp_servers]`, `mcp.allowed`). In server code, put an authentication layer in front of the MCP route (the SDK's `requireBearerAuth`, or your framework's auth middleware) before the handler; with Vercel's mcp-handler wrap the handler in `withMcpAuth(handler, verifyToken, { required: true })`, serve a Cloudflare `McpAgent` as the `apiHandler` of a workers-oauth-provider `OAuthProvider`, export an auth middleware (`apiKeyAuthMiddleware`, `jwtAuthMiddleware`) from an xmcp project's `src/middleware.ts` or configure its `experimental.oauth`, give FastMCP an `authenticate` function that throws (a 401 `Response`) for a caller it does not know, NestJS's `McpModule.forRoot` its `guards` (or an auth guard app-wide: `{ provide: APP_GUARD, useClass: JwtAuthGuard }`, `app.useGlobalGuards(...)` in `main.ts`; mcp-nest v2: `@UseGuards` on the `McpHttpControllerFor` controller that claims the route), and a `Mastra` instance that registers `mcpServers` a `server.auth`.",
    cwe: ["CWE-276", "CWE-862"],
    frameworks: ["owasp-agentic/ASI02", "owasp-agentic/ASI03", "nist-csf/PR.AA-05", "nist-csf/GV.PO-01"],
    references: ["https://modelcontextprotocol.io/specification/draft/basic/authorization", "https://agentgateway.dev/docs/", "https://code.claude.com/docs/en/managed-mcp", "https://developers.openai.com/codex/enterprise/managed-configuration", "https://aigateway.envoyproxy.io/", "https://github.com/stacklok/toolhive", "https://github.com/Kuadrant/mcp-gateway"],
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
  examples,
});
