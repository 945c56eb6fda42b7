import { defineRule } from "../../engine/rule.js";

export default defineRule({
  id: "broad-resource-access",
  meta: {
    title: "MCP server with over-wide resource access",
    name: "BroadResourceAccess",
    description:
      "The server is started with access far beyond its task: a filesystem server rooted at `/` or a home folder, a container run `--privileged`, with the host network or a host mount of `/` or home, or the GitHub server with every toolset. Whatever the agent is tricked into asking, the server can do.",
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
  },
  check(model, ctx) {
    for (const s of model.servers) {
      for (const f of s.facts) {
        ctx.report({ messageId: "fact", data: { server: s.name, client: s.client, detail: f.detail }, loc: f.loc, identity: `${s.name}\u0000${f.kind}\u0000${f.detail}`, server: { name: s.name, client: s.client } });
      }
    }
  },
  examples: {
    bad: [
      { file: ".mcp.json", code: `{ "mcpServers": { "fs": { "command": "npx",\n  "args": ["-y", "@modelcontextprotocol/server-filesystem", "/"] } } }\n`, expect: { line: 2, column: 61 } },
      { file: ".cursor/mcp.json", code: `{ "mcpServers": { "fs": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem", "/Users/dev"] } } }\n`, expect: { line: 1, column: 103 } },
      { file: ".vscode/mcp.json", code: `{ "servers": { "tools": { "command": "docker", "args": ["run", "--privileged", "acme/tools-mcp:1.2.0"] } } }\n`, expect: { line: 1, column: 64 } },
    ],
    good: [
      { file: ".mcp.json", code: `{ "mcpServers": { "fs": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem", "/Users/dev/src/app/docs"] } } }\n` },
      {
        file: "k8s/notes.yaml",
        code: `apiVersion: apps/v1
kind: Deployment
metadata: { name: notes-mcp }
spec:
  template:
    spec:
      containers:
      - name: server
        image: ghcr.io/acme/notes-mcp:1.4.2
        securityContext: { runAsNonRoot: true, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false }
`,
      },
      { file: "toolhive/profile.json", code: `{ "name": "notes", "read": ["/srv/notes:/data"], "write": [], "privileged": false, "network": { "outbound": { "allow_host": ["api.acme.example"] } } }\n` },
      {
        file: ".docker/mcp/catalogs/acme.yaml",
        code: `registry:
  notes:
    image: acme/notes-mcp:1.0.0
    allowHosts: ["api.acme.example:443"]
`,
      },
    ],
  },
});
