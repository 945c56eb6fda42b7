import { defineRule } from "../../engine/rule.js";

export default defineRule({
  id: "broad-resource-access",
  meta: {
    title: "MCP server with over-wide resource access",
    name: "BroadResourceAccess",
    description:
      "The server is started with access far beyond its task: a filesystem server rooted at `/` or a home folder, a container run `--privileged`, with the host network or a host mount of `/` or home, or the GitHub server with every toolset. Servers that expose every tool where the client could narrow them (Gemini CLI `includeTools`, Codex `enabled_tools`) are reported as notes. Whatever the agent is tricked into asking, the server can do.",
    category: "broad-scope",
    level: "warning",
    precision: "high",
    securitySeverity: 7.0,
    help: "Narrow it: give the filesystem server the one project folder it needs (read-only where possible), drop `--privileged` and `--network host`, mount only the needed folder with `:ro`, and name the GitHub toolsets you use with `--read-only`.",
    cwe: ["CWE-250", "CWE-732"],
    references: ["https://github.com/modelcontextprotocol/servers/tree/main/src/filesystem", "https://github.com/github/github-mcp-server"],
    tags: ["policy"],
  },
  messages: {
    fact: "Server '{server}' ({client}): {detail}.",
    allTools: "Server '{server}' ({client}) exposes every tool it offers: no `{key}` list narrows it.",
  },
  check(model, ctx) {
    for (const s of model.servers) {
      for (const f of s.facts) {
        ctx.report({ messageId: "fact", data: { server: s.name, client: s.client, detail: f.detail }, loc: f.loc, identity: `${s.name}\u0000${f.kind}\u0000${f.detail}`, server: { name: s.name, client: s.client } });
      }
      for (const g of s.tools.grants) {
        if (g.kind !== "all-tools") continue;
        // A note: most servers are used whole; it matters when the server has write tools.
        ctx.report({ messageId: "allTools", data: { server: s.name, client: s.client, key: g.key }, loc: g.loc, identity: `${s.name}\u0000all-tools\u0000${g.key}`, server: { name: s.name, client: s.client }, level: "note" });
      }
    }
  },
  examples: {
    bad: [
      { file: ".mcp.json", code: `{ "mcpServers": { "fs": { "command": "npx",\n  "args": ["-y", "@modelcontextprotocol/server-filesystem", "/"] } } }\n`, expect: { line: 2, column: 61 } },
      { file: ".cursor/mcp.json", code: `{ "mcpServers": { "fs": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem", "/Users/dev"] } } }\n`, expect: { line: 1, column: 103 } },
      { file: ".vscode/mcp.json", code: `{ "servers": { "tools": { "command": "docker", "args": ["run", "--privileged", "acme/tools-mcp:1.2.0"] } } }\n`, expect: { line: 1, column: 64 } },
    ],
    good: [{ file: ".mcp.json", code: `{ "mcpServers": { "fs": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem", "/Users/dev/src/app/docs"] } } }\n` }],
  },
});
