import { defineRule } from "../../engine/rule.js";

export default defineRule({
  id: "broad-resource-access",
  meta: {
    title: "MCP server with over-wide resource access",
    name: "BroadResourceAccess",
    description:
      "The server is started with access far beyond its task: a filesystem server rooted at `/` or a home folder or given a folder of credentials (`~/.ssh`, `~/.aws`, `~/.kube`, a home's `.config` ...), a container run `--privileged`, with the host network or a host mount of `/`, home or such a folder, the GitHub server with every toolset and not read-only, an AWS Labs server (EKS, ECS, serverless ...) started with its sensitive-data tools on (`--allow-sensitive-data-access`, `ALLOW_SENSITIVE_DATA=true`: Kubernetes Secrets decoded, logs, events), or SDK code that hands it the agent's whole environment (`env: process.env`) with every secret in it. Servers that expose every tool where the client could narrow them (Gemini CLI `includeTools`, Codex `enabled_tools`) are reported as notes. Whatever the agent is tricked into asking, the server can do.",
    category: "broad-scope",
    level: "warning",
    precision: "high",
    securitySeverity: 7.0,
    help: "Narrow it: give the filesystem server the one project folder it needs (read-only where possible), drop `--privileged` and `--network host`, mount only the needed folder with `:ro`, name the GitHub toolsets you use with `--read-only`, leave an AWS Labs server's sensitive-data access off (and give its AWS role only what the task reads), and pass a server only the variables it needs (`env: { GITHUB_TOKEN: process.env.GITHUB_TOKEN }`, or the SDK's `getDefaultEnvironment()` plus those) instead of `process.env`.",
    cwe: ["CWE-250", "CWE-732"],
    frameworks: ["owasp-agentic/ASI02", "owasp-agentic/ASI03", "nist-csf/PR.AA-05"],
    references: ["https://github.com/modelcontextprotocol/servers/tree/main/src/filesystem", "https://github.com/github/github-mcp-server"],
    tags: ["policy"],
  },
  messages: {
    fact: "Server '{server}' ({client}): {detail}.",
    wholeEnv: "Server '{server}' ({client}) is started with the whole parent environment: every secret in the agent's environment reaches it.",
    allTools: "Server '{server}' ({client}) exposes every tool it offers{but}: {why}.",
  },
  check(model, ctx) {
    for (const s of model.servers) {
      if (s.inheritsWholeEnv) {
        ctx.report({ messageId: "wholeEnv", data: { server: s.name, client: s.client }, loc: s.inheritsWholeEnv, identity: `${s.name}\u0000whole-env`, server: { name: s.name, client: s.client } });
      }
      for (const f of s.facts) {
        // DNS rebinding is about the transport, not reach: insecure-transport/dns-rebinding-protection-off reports it.
        if (f.kind === "dns-rebinding-off") continue;
        ctx.report({ messageId: "fact", data: { server: s.name, client: s.client, detail: f.detail }, loc: f.loc, identity: `${s.name}\u0000${f.kind}\u0000${f.detail}`, server: { name: s.name, client: s.client } });
      }
      for (const g of s.tools.grants) {
        if (g.kind !== "all-tools") continue;
        // A note: most servers are used whole; it matters when the server has write tools.
        const why = g.tools?.includes("*") ? `its \`${g.key}\` list is \`*\`` : `no \`${g.key}\` list narrows it`;
        // An exclude list (`excludeTools`, `disabled_tools`) takes some out: a deny list, not an allow list.
        const ex = s.tools.exclude ?? [];
        const but = ex.length ? ` but ${ex.slice(0, 3).map((t) => `\`${t}\``).join(", ")}${ex.length > 3 ? ` and ${ex.length - 3} more` : ""}` : "";
        ctx.report({ messageId: "allTools", data: { server: s.name, client: s.client, why, but }, loc: g.loc, identity: `${s.name}\u0000all-tools\u0000${g.key}`, server: { name: s.name, client: s.client }, level: "note" });
      }
    }
  },
  examples: {
    bad: [
      { file: ".mcp.json", code: `{ "mcpServers": { "fs": { "command": "npx",\n  "args": ["-y", "@modelcontextprotocol/server-filesystem", "/"] } } }\n`, expect: { line: 2, column: 61 } },
      { file: ".cursor/mcp.json", code: `{ "mcpServers": { "fs": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem", "/Users/dev"] } } }\n`, expect: { line: 1, column: 103 } },
      // A home's whole `.config` holds `gcloud` and `gh`'s token (a real Claude Desktop config gives it beside project folders).
      { file: "Library/Application Support/Claude/claude_desktop_config.json", code: `{ "mcpServers": { "fs": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem@2025.8.21", "/Users/dev/repos", "/Users/dev/.config"] } } }\n`, expect: { line: 1, column: 133 } },
      { file: ".vscode/mcp.json", code: `{ "servers": { "tools": { "command": "docker", "args": ["run", "--privileged", "acme/tools-mcp:1.2.0"] } } }\n`, expect: { line: 1, column: 64 } },
      {
        // The GitHub server with every toolset, set in its environment.
        file: ".mcp.json",
        code: `{ "mcpServers": { "github": { "command": "github-mcp-server", "args": ["stdio"],\n  "env": { "GITHUB_TOOLSETS": "repos,all", "GITHUB_PERSONAL_ACCESS_TOKEN": "\${GITHUB_PAT}" } } } }\n`,
        expect: { line: 2, column: 31 },
      },
      { file: ".vscode/mcp.json", code: `{ "servers": { "github": { "type": "http", "url": "https://api.githubcopilot.com/mcp/x/all" } } }\n`, expect: { line: 1, column: 51, count: 1 } },
      {
        file: "k8s/notes.yaml",
        code: `apiVersion: apps/v1
kind: Deployment
metadata: { name: notes-mcp }
spec:
  template:
    spec:
      securityContext: { runAsUser: 0 }
      containers:
      - name: server
        image: ghcr.io/acme/notes-mcp:1.4.2
`,
        expect: { line: 7, column: 37, count: 1 },
      },
      {
        // A Helm chart template: the branch of the `if` that runs privileged, though its `else` writes the key again.
        file: "charts/notes/templates/deployment.yaml",
        code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "notes.fullname" . }}
spec:
  template:
    spec:
      containers:
        - name: notes-mcp
          image: "ghcr.io/acme/notes-mcp:{{ .Values.image.tag }}"
          securityContext:
            {{- if .Values.docker.enabled }}
            privileged: true
            {{- else }}
            privileged: false
            {{- end }}
`,
        expect: { line: 13, column: 25, count: 1 },
      },
      { file: ".codex/config.toml", code: `[mcp_servers.github]\ncommand = "github-mcp-server"\nargs = ["stdio"]\nenabled_tools = ["get_issue"]\n\n[mcp_servers.github.env]\nGITHUB_TOOLSETS = "all"\n`, expect: { line: 7, column: 19, count: 1 } },
      {
        file: "src/agent.ts",
        code: `import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";

const transport = new StdioClientTransport({
  command: "npx",
  args: ["-y", "@acme/notes-mcp@1.4.0"],
  env: process.env as Record<string, string>,
});
`,
        expect: { line: 6, column: 8 },
      },
      {
        file: "src/agent.mjs",
        code: `import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
const transport = new StdioClientTransport({ command: "uvx", args: ["acme-notes-mcp"], env: { ...process.env, NOTES_DIR: "/srv/notes" } });
`,
        expect: { line: 2, column: 95 },
      },
      // A real Amazon Q config (fixtures/clients/amazon-q/real-eks) starts the EKS server so: it then returns Kubernetes Secrets decoded.
      { file: ".amazonq/mcp.json", code: `{ "mcpServers": { "eks": { "command": "uvx", "args": ["awslabs.eks-mcp-server@0.1.9", "--allow-write", "--allow-sensitive-data-access"] } } }\n`, expect: { line: 1, column: 104, count: 1 } },
      // The ECS server reads the same switch from its environment.
      { file: ".kiro/settings/mcp.json", code: `{ "mcpServers": { "ecs": { "command": "uvx", "args": ["--from", "awslabs-ecs-mcp-server==0.1.2", "ecs-mcp-server"], "env": { "ALLOW_WRITE": "true", "ALLOW_SENSITIVE_DATA": "true" } } } }\n`, expect: { line: 1, column: 173, count: 1 } },
      // Docker MCP Toolkit: config.yaml gives the filesystem server the user's home folder, mounted into its container.
      { file: ".docker/mcp/config.yaml", code: `filesystem:\n  paths:\n    - /Users/dev\n`, expect: { line: 3, column: 7 } },
    ],
    good: [
      { file: ".kiro/settings/mcp.json", code: `{ "mcpServers": { "ecs": { "command": "uvx", "args": ["--from", "awslabs-ecs-mcp-server==0.1.2", "ecs-mcp-server"], "env": { "ALLOW_WRITE": "true", "ALLOW_SENSITIVE_DATA": "false" } } } }\n` },
      { file: ".mcp.json", code: `{ "mcpServers": { "fs": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem", "/Users/dev/src/app/docs"] } } }\n` },
      {
        // The remote GitHub server, read-only with every toolset, or one named toolset.
        file: ".vscode/mcp.json",
        code: `{ "servers": { "gh-ro": { "type": "http", "url": "https://api.githubcopilot.com/mcp/x/all/readonly" },\n  "gh-issues": { "type": "http", "url": "https://api.githubcopilot.com/mcp/x/issues", "headers": { "X-MCP-Toolsets": "issues,repos" } } } }\n`,
      },
      {
        // Every toolset, but read-only (--read-only wins over the toolsets: read tools only).
        file: ".mcp.json",
        code: `{ "mcpServers": { "github": { "command": "github-mcp-server", "args": ["stdio", "--toolsets=all", "--read-only"],\n  "env": { "GITHUB_PERSONAL_ACCESS_TOKEN": "\${GITHUB_PAT}" } } } }\n`,
      },
      {
        file: "src/agent.ts",
        code: `import { StdioClientTransport, getDefaultEnvironment } from "@modelcontextprotocol/sdk/client/stdio.js";

const transport = new StdioClientTransport({
  command: "npx",
  args: ["-y", "@acme/notes-mcp@1.4.0"],
  env: { ...getDefaultEnvironment(), ACME_API_KEY: process.env.ACME_API_KEY ?? "" },
});
`,
      },
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
      { file: ".docker/mcp/config.yaml", code: `filesystem:\n  paths:\n    - /Users/dev/src/app/docs\n` },
    ],
  },
});
