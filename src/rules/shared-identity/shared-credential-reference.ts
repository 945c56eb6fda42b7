import { workloadOf } from "../../model/identity.js";
import { defineRule } from "../../engine/rule.js";
import { identityReference } from "../../model/credential-identity.js";
import type { Credential, McpServer } from "../../model/types.js";
import { firstOthers, shortList } from "../../util/short-list.js";
import { MAX_RELATED } from "../../engine/run-rules.js";


export default defineRule({
  id: "shared-credential-reference",
  meta: {
    title: "One credential reference handed to several servers",
    name: "SharedCredentialReference",
    description:
      "The same credential reference (one environment variable, input or secret) is given to several different MCP servers. They all act under one identity: nothing downstream can tell which workload made a call, and a compromise of one server exposes the credential of all of them. A gateway that passes its environment on to the servers of its own configuration (1MCP, TBXark's mcp-proxy) is no second holder of the tokens it passes on.",
    category: "shared-identity",
    level: "note",
    precision: "medium",
    securitySeverity: 4.0,
    help: "Give each server its own credential with only the scopes it needs (for example one fine-grained token per server, or per-server OAuth clients), and reference each by its own name.",
    cwe: ["CWE-522"],
    frameworks: ["owasp-agentic/ASI03", "nist-csf/PR.AA-01"],
    references: ["https://modelcontextprotocol.io/specification/draft/basic/security_best_practices"],
    tags: ["identity"],
  },
  messages: {
    shared: "Server '{server}' ({client}) gets credential {ref} under '{key}', which {count} servers share ({others}): one identity for several workloads.",
  },
  check(model, ctx) {
    const users = new Map<string, { server: McpServer; cred: Credential }[]>();
    for (const s of model.servers) {
      for (const c of s.credentials) {
        const id = identityReference(c);
        if (!id) continue;
        const list = users.get(id) ?? [];
        // Once per server: its entries are the last ones while its credentials are read.
        if (list[list.length - 1]?.server.id !== s.id) list.push({ server: s, cred: c });
        users.set(id, list);
      }
    }
    for (const [id, list] of users) {
      // The same server (same package, image or URL) set up in two clients is one workload, not two.
      const distinct = new Set(list.map((u) => workloadOf(u.server)));
      if (distinct.size < 2) continue;
      for (const u of list) {
        const others = firstOthers(list, u, MAX_RELATED);
        ctx.report({
          messageId: "shared",
          data: { server: u.server.name, client: u.server.client, ref: id, key: u.cred.key, count: list.length, others: shortList(others, (o) => `'${o.server.name}'`, undefined, list.length - 1) },
          loc: u.cred.loc,
          related: others.map((o) => ({ loc: o.cred.loc, message: `also given to server '${o.server.name}' (${o.server.client})` })),
          identity: `${u.server.name}\u0000${id}`,
          server: { name: u.server.name, client: u.server.client },
        });
      }
    }
  },
  examples: {
    bad: [
      {
        file: ".mcp.json",
        code: `{ "mcpServers": {
  "issues": { "command": "npx", "args": ["-y", "@acme/issues-mcp@1.0.0"], "env": { "GITHUB_TOKEN": "\${GITHUB_PAT}" } },
  "repos": { "command": "npx", "args": ["-y", "@acme/repos-mcp@1.0.0"], "env": { "GITHUB_TOKEN": "\${GITHUB_PAT}" } }
} }
`,
        expect: { line: 2, column: 100, count: 2 },
      },
      {
        // Vault's injector writes one secret into two MCP servers' pods.
        file: "deploy/mcp.yaml",
        code: `apiVersion: apps/v1
kind: Deployment
metadata: { name: issues-mcp }
spec: { template: { metadata: { annotations: { vault.hashicorp.com/agent-inject: "true", vault.hashicorp.com/agent-inject-secret-github: secret/data/github-pat } }, spec: { containers: [{ name: server, image: "ghcr.io/acme/issues-mcp:1.0.0" }] } } }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: repos-mcp }
spec: { template: { metadata: { annotations: { vault.hashicorp.com/agent-inject: "true", vault.hashicorp.com/agent-inject-secret-github: secret/data/github-pat } }, spec: { containers: [{ name: server, image: "ghcr.io/acme/repos-mcp:1.0.0" }] } } }
`,
        expect: { line: 4, column: 138, count: 2 },
      },
      {
        // Two subcharts of one Helm chart read one Secret's name from the parent's `global` values, which Helm gives every subchart.
        file: "charts/agents/charts/issues/templates/deployment.yaml",
        code: `apiVersion: apps/v1
kind: Deployment
metadata: { name: issues-mcp }
spec: { template: { spec: { containers: [{ name: server, image: "ghcr.io/acme/issues-mcp:1.0.0", env: [{ name: GITHUB_TOKEN, valueFrom: { secretKeyRef: { name: "{{ .Values.global.secretName }}", key: github } } }] }] } } }
`,
        extraFiles: {
          "charts/agents/charts/repos/templates/deployment.yaml": `apiVersion: apps/v1
kind: Deployment
metadata: { name: repos-mcp }
spec: { template: { spec: { containers: [{ name: server, image: "ghcr.io/acme/repos-mcp:1.0.0", env: [{ name: GITHUB_TOKEN, valueFrom: { secretKeyRef: { name: "{{ .Values.global.secretName }}", key: github } } }] }] } } }
`,
        },
        expect: { line: 4, column: 153, count: 2 },
      },
    ],
    good: [
      {
        file: ".mcp.json",
        code: `{ "mcpServers": {
  "issues": { "command": "npx", "args": ["-y", "@acme/issues-mcp@1.0.0"], "env": { "GITHUB_TOKEN": "\${ISSUES_TOKEN}", "LOG_LEVEL": "\${LOG_LEVEL}" } },
  "repos": { "command": "npx", "args": ["-y", "@acme/repos-mcp@1.0.0"], "env": { "GITHUB_TOKEN": "\${REPOS_TOKEN}", "LOG_LEVEL": "\${LOG_LEVEL}" } }
} }
`,
      },
      {
        // 1MCP's container gets the token only to expand `\${GITHUB_TOKEN}` in its mcp.json: the one server there holds it.
        file: "compose.yaml",
        code: `services:
  1mcp:
    image: ghcr.io/1mcp-app/agent:0.27.4
    volumes: ["./mcp.json:/usr/src/app/mcp.json:ro"]
    environment:
      ONE_MCP_ENABLE_AUTH: "true"
      GITHUB_TOKEN: \${GITHUB_TOKEN:?set in .env}
`,
        extraFiles: { "mcp.json": `{ "mcpServers": { "issues": { "command": "npx", "args": ["-y", "@acme/issues-mcp@1.0.0"], "env": { "GITHUB_TOKEN": "\${GITHUB_TOKEN}" } } } }\n` },
      },
    ],
  },
});
