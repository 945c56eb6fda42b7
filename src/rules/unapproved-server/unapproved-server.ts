import { approvalOf, approvedList } from "../../engine/approved.js";
import { defineRule } from "../../engine/rule.js";
import { describeIdentity } from "../../model/identity.js";
import { serverValueHits } from "../../engine/model.js";
import { shownIdentity } from "../../engine/redact-values.js";

function today(options: Readonly<Record<string, unknown>>): string {
  const t = options["today"];
  return typeof t === "string" ? t : new Date().toISOString().slice(0, 10);
}

export default defineRule({
  id: "unapproved-server",
  meta: {
    title: "MCP server not on the approved list",
    name: "UnapprovedServer",
    description:
      "The organisation keeps a list of approved MCP servers (by package and version range, container image and digest, or URL), and this server is not on it, or its approval has expired. Governance means every request can reach approved servers only; an unlisted server is code nobody reviewed, running with the agent's credentials.",
    category: "unapproved-server",
    level: "error",
    precision: "very-high",
    securitySeverity: 7.0,
    help: "Review the server and add it to `approved:` in `.mcplint.yaml` (with `approvedBy`, `approvedAt`, a ticket `reference` and an `expires` date), pin it to the approved version or digest, or remove it.",
    cwe: ["CWE-829"],
    frameworks: ["owasp-agentic/ASI04", "nist-csf/GV.PO-01"],
    references: ["https://modelcontextprotocol.io/specification/draft/basic/security_best_practices"],
    tags: ["policy", "supply-chain"],
  },
  messages: {
    unapproved: "Server '{server}' ({client}) runs {identity}, which is not on the approved list.",
    expired: "Server '{server}' ({client}) runs {identity}, whose approval ({reference}) expired on {expires}.",
  },
  check(model, ctx) {
    const list = approvedList(ctx.options);
    if (!list) return;
    const now = today(ctx.options);
    for (const s of model.servers) {
      const v = approvalOf(s, list, now);
      if (!v.identity) continue;
      // The message names the identity without its secrets; the fingerprint keeps it as it is.
      const base = { server: s.name, client: s.client, identity: shownIdentity(v.identity, s, serverValueHits(model, s)) };
      const id = `${s.name}\u0000${describeIdentity(v.identity)}`;
      const who = { name: s.name, client: s.client };
      if (!v.approval) ctx.report({ messageId: "unapproved", data: base, loc: s.loc, identity: id, server: who });
      else if (v.expired) ctx.report({ messageId: "expired", data: { ...base, reference: v.approval.reference ?? "no reference", expires: v.approval.expires ?? "" }, loc: s.loc, identity: `${id}\u0000expired`, server: who });
    }
  },
  examples: {
    bad: [
      {
        file: ".mcp.json",
        code: `{ "mcpServers": {
  "github": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-github@2.0.0"] },
  "random": { "command": "npx", "args": ["-y", "mcp-server-random@1.0.0"] }
} }
`,
        options: { approved: [{ package: "@modelcontextprotocol/server-github", version: "^2.0.0" }] },
        expect: { line: 3, column: 3, count: 1 },
      },
      {
        file: ".vscode/mcp.json",
        code: `{ "servers": { "notes": { "type": "http", "url": "https://mcp.acme.example/notes" } } }
`,
        options: { approved: [{ url: "https://mcp.acme.example/*", reference: "SEC-42", expires: "2026-01-31" }], today: "2026-11-25" },
        expect: { line: 1, column: 16 },
      },
    ],
    good: [
      {
        file: ".mcp.json",
        code: `{ "mcpServers": { "github": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-github@2.1.0"] } } }
`,
        options: { approved: [{ package: "@modelcontextprotocol/server-github", version: "^2.0.0" }] },
      },
      {
        file: ".mcp.json",
        code: `{ "mcpServers": { "anything": { "command": "npx", "args": ["-y", "whatever@1.0.0"] } } }
`,
      },
    ],
  },
});
