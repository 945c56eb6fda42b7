import { defineRule } from "../../engine/rule.js";
import { isDestructiveToolName } from "../../model/tool-names.js";
import type { PolicyToolGrant } from "../../model/types.js";

export default defineRule({
  id: "tool-auto-approval",
  meta: {
    title: "MCP tools run without approval",
    name: "ToolAutoApproval",
    description:
      "A server is trusted wholesale (`trust: true`, `default_tools_approval_mode = \"approve\"`), auto-approves every tool (`alwaysAllow: [\"*\"]`, `tools: [\"*\"]`, opencode `permission` `\"<server>_*\": \"allow\"`) or auto-approves tools that change things (also Claude Code `permissions.allow` entries `mcp__<server>__<tool>` that no `ask` or `deny` rule overrides, Zed `agent.tool_permissions.tools` entries `mcp:<server>:<tool>` whose default is `allow`, and Gemini CLI policy `[[rule]]` allows of one tool that no higher-priority rule overrides). The agent can then call them with no human in the loop, so a prompt injection in any tool result turns into writes, deletions or spending.",
    category: "broad-scope",
    level: "warning",
    precision: "high",
    securitySeverity: 7.5,
    help: "Remove the wildcard or trust switch. Auto-approve only named read-only tools (`search_*`, `get_*`, `list_*`), and keep destructive tools behind a prompt; restrict the tool set with `includeTools`/`enabled_tools`/`tools`.",
    cwe: ["CWE-250", "CWE-862"],
    frameworks: ["owasp-agentic/ASI02", "nist-csf/PR.AA-05"],
    references: ["https://modelcontextprotocol.io/specification/draft/basic/security_best_practices"],
    tags: ["policy"],
  },
  messages: {
    trust: "Server '{server}' ({client}) is trusted wholesale by `{key}`: every tool call runs without confirmation.",
    all: "Server '{server}' ({client}) auto-approves every tool (`{key}` has {entries}).",
    destructive: "Server '{server}' ({client}) auto-approves tools that change state: {tools}.",
  },
  check(model, ctx) {
    for (const s of model.servers) {
      for (const g of s.tools.grants) {
        const base = { server: s.name, client: s.client, key: g.key };
        const who = { name: s.name, client: s.client };
        if (g.kind === "trust-all") ctx.report({ messageId: "trust", data: base, loc: g.loc, identity: `${s.name}\u0000${g.key}`, server: who });
        else if (g.kind === "auto-approve-all") {
          // The entry as written: `*`, or a whole-server entry such as Amazon Q's `@notes`.
          const entries = (g.tools?.length ? g.tools : ["*"]).map((t) => `\`${t}\``).join(", ");
          ctx.report({ messageId: "all", data: { ...base, entries }, loc: g.loc, identity: `${s.name}\u0000${g.key}`, server: who });
        }
        else if (g.kind === "auto-approve-list") {
          const risky = (g.tools ?? []).filter(isDestructiveToolName);
          if (risky.length) ctx.report({ messageId: "destructive", data: { ...base, tools: risky.join(", ") }, loc: g.loc, identity: `${s.name}\u0000${g.key}\u0000${risky.join(",")}`, server: who });
        }
      }
    }
    // Settings files that name a server's tools with no server entry beside them (Claude Code
    // `mcp__<server>__<tool>` allows): one finding per server and key, at its first such tool.
    for (const p of model.policies) {
      const byServer = new Map<string, { readonly first: PolicyToolGrant; readonly risky: string[] }>();
      for (const g of p.toolGrants ?? []) {
        const risky = g.tools.filter(isDestructiveToolName);
        if (!risky.length) continue;
        const k = `${g.server}\u0000${g.key}`;
        const seen = byServer.get(k);
        if (seen) seen.risky.push(...risky);
        else byServer.set(k, { first: g, risky });
      }
      for (const { first, risky } of byServer.values()) {
        ctx.report({ messageId: "destructive", data: { server: first.server, client: p.client, key: first.key, tools: risky.join(", ") }, loc: first.loc, identity: `${p.client}\u0000${first.server}\u0000${first.key}\u0000${risky.join(",")}` });
      }
    }
  },
  examples: {
    bad: [
      { file: ".gemini/settings.json", code: `{ "mcpServers": { "notes": { "command": "acme-notes-mcp", "trust": true } } }\n`, expect: { line: 1, column: 68 } },
      { file: ".roo/mcp.json", code: `{ "mcpServers": { "notes": { "command": "acme-notes-mcp",\n  "alwaysAllow": ["*"] } } }\n`, expect: { line: 2, column: 18 } },
      { file: ".kiro/settings/mcp.json", code: `{ "mcpServers": { "notes": { "command": "acme-notes-mcp", "autoApprove": ["search_notes", "delete_note"] } } }\n`, expect: { line: 1, column: 74 } },
      {
        // Gemini CLI: tools.allowed skips the confirmation of the tools it names.
        file: ".gemini/settings.json",
        code: `{ "mcp": { "allowed": ["notes"] },\n  "tools": { "allowed": ["mcp_notes_search_notes", "mcp_notes_delete_note"] },\n  "mcpServers": { "notes": { "command": "acme-notes-mcp", "includeTools": ["search_notes", "delete_note"] } } }\n`,
        expect: { line: 2, column: 52, count: 1 },
      },
      {
        // GitHub Agentic Workflows run unattended in Actions: every tool `allowed` exposes runs unprompted.
        file: ".github/workflows/triage.md",
        code: `---\non: issues\nmcp-servers:\n  notes:\n    command: acme-notes-mcp\n    allowed: ["*"]\n---\n\nTriage the issue.\n`,
        expect: { line: 6, column: 14 },
      },
      {
        // opencode: the last rule that matches wins, and this server's own allow comes after the `*` that asks.
        file: "opencode.json",
        code: `{\n  "mcp": { "notes": { "type": "local", "command": ["acme-notes-mcp"] } },\n  "permission": { "*": "ask", "notes_*": "allow" }\n}\n`,
        expect: { line: 3, column: 42 },
      },
      { file: "opencode.json", code: `{\n  "mcp": { "notes": { "type": "local", "command": ["acme-notes-mcp"] } },\n  "permission": { "*": "ask", "notes_search_notes": "allow", "notes_delete_note": "allow" }\n}\n`, expect: { line: 3, column: 83 } },
      {
        // Claude Code settings name the tool as mcp__<server>__<tool>; the server is in .mcp.json, or the user's config.
        file: ".claude/settings.local.json",
        code: `{\n  "permissions": {\n    "allow": ["mcp__notes__search_notes", "mcp__notes__delete_note", "mcp__notes__update_note"]\n  }\n}\n`,
        expect: { line: 3, column: 43, count: 1 },
      },
      // Gemini CLI policy: an unconditional allow of one MCP tool runs it with no confirmation.
      { file: "etc/gemini-cli/policies/mcp.toml", code: `[[rule]]\nmcpName = "notes"\ntoolName = ["search_notes", "delete_note"]\ndecision = "allow"\npriority = 200\n`, expect: { line: 3, column: 29 } },
      // A call of whatever the arguments say: the AWS API MCP server's `call_aws` runs any AWS CLI command, deletions included.
      { file: ".kiro/settings/mcp.json", code: `{ "mcpServers": { "aws-api": { "command": "uvx", "args": ["awslabs.aws-api-mcp-server@1.0.0"],\n  "autoApprove": ["call_aws"] } } }\n`, expect: { line: 2, column: 18 } },
      // Zed: a per-tool default of `allow` for an MCP tool (`mcp:<server>:<tool>`) skips the confirmation.
      { file: ".zed/settings.json", code: `{ "agent": { "tool_permissions": { "tools": { "mcp:notes:delete_note": { "default": "allow" } } } } }\n`, expect: { line: 1, column: 85 } },
    ],
    good: [
      // opencode: a later `*` that asks overrides the server's allow before it.
      { file: "opencode.json", code: `{\n  "mcp": { "notes": { "type": "local", "command": ["acme-notes-mcp"] } },\n  "permission": { "notes_*": "allow", "*": "ask" }\n}\n` },
      // Gemini CLI policy: a higher-priority deny overrides the allow of one tool.
      { file: "etc/gemini-cli/policies/mcp.toml", code: `[[rule]]\ntoolName = "mcp_db_drop_table"\ndecision = "allow"\npriority = 100\n\n[[rule]]\ntoolName = "mcp_db_*"\ndecision = "deny"\npriority = 300\n` },
      // Claude Code decides deny, then ask, then allow: an ask rule for the tool keeps its prompt.
      { file: ".claude/settings.json", code: `{\n  "permissions": {\n    "allow": ["mcp__notes__delete_note", "mcp__notes__search_notes"],\n    "ask": ["mcp__notes__delete_*"]\n  }\n}\n` },
      // Codex `writes`: only tools annotated read-only skip the prompt; every other call is asked.
      { file: ".codex/config.toml", code: `[mcp_servers.notes]\ncommand = "acme-notes-mcp"\ndefault_tools_approval_mode = "writes"\n\n[mcp_servers.notes.tools.delete_note]\napproval_mode = "writes"\n` },
      { file: ".github/workflows/triage.md", code: `---\non: issues\nmcp-servers:\n  notes:\n    command: acme-notes-mcp\n    allowed: [search_notes, get_note]\n---\n\nTriage the issue.\n` },
      { file: ".gemini/settings.json", code: `{ "mcpServers": { "notes": { "command": "acme-notes-mcp", "trust": false, "includeTools": ["search_notes"] } } }\n` },
      { file: ".kiro/settings/mcp.json", code: `{ "mcpServers": { "notes": { "command": "acme-notes-mcp", "autoApprove": ["search_notes", "get_note"] } } }\n` },
      // Claude Code and Cursor server entries have no approval field: a Cline or Roo list copied in approves nothing, every tool prompts.
      { file: ".mcp.json", code: `{ "mcpServers": { "notes": { "command": "acme-notes-mcp", "alwaysAllow": ["delete_note", "update_note"] } } }\n` },
      { file: ".cursor/mcp.json", code: `{ "mcpServers": { "notes": { "command": "acme-notes-mcp", "autoApprove": ["*"] } } }\n` },
      // A call graph runs nothing.
      { file: ".kiro/settings/mcp.json", code: `{ "mcpServers": { "code-index": { "command": "code-index-mcp", "autoApprove": ["get_call_hierarchy", "call_graph"] } } }\n` },
      // A SPARQL query tool reads (mcp-wikidata's execute_sparql queries query.wikidata.org); `sparql_update` would be reported.
      { file: ".roo/mcp.json", code: `{ "mcpServers": { "wikidata": { "command": "wikidata-mcp", "alwaysAllow": ["search_entity", "execute_sparql"] } } }\n` },
      { file: ".gemini/settings.json", code: `{ "mcp": { "allowed": ["notes"] }, "tools": { "allowed": ["notes__search_notes", "run_shell_command"] },\n  "mcpServers": { "notes": { "command": "acme-notes-mcp", "includeTools": ["search_notes"] } } }\n` },
    ],
  },
});
