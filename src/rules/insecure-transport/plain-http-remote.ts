import { hitsWithin, type ScanModel } from "../../engine/model.js";
import { defineRule } from "../../engine/rule.js";
import { namesCredential } from "../../model/credential-identity.js";
import { isLoopbackHost, isPrivateNetworkHost, remoteEndpoints } from "../../model/endpoint.js";
import type { McpServer } from "../../model/types.js";

/**
 * Clients that run beside their MCP servers, not on a user's machine: LibreChat (a service for many
 * users), GitHub Agentic Workflows (an Actions job whose servers run as containers or service
 * containers on the job's network, `http://jupyter-mcp:3000`).
 */
const SERVER_SIDE_CLIENTS = new Set(["librechat", "gh-aw"]);

export default defineRule({
  id: "plain-http-remote",
  meta: {
    title: "Remote MCP server reached over plain HTTP or WebSocket",
    name: "PlainHttpRemote",
    description:
      "The client talks to a remote MCP server over `http://` or `ws://`, so every tool call, tool result and credential crosses the network in clear text, and anyone on the path can read or rewrite them (including the tool descriptions the model trusts). Loopback hosts (`localhost`, `*.localhost`, `127.0.0.0/8`, `[::1]`, `0.0.0.0`) are not reported; `host.docker.internal` and private addresses are, because that traffic crosses a network interface other containers, VMs or hosts can reach. A hop to a private network (a cluster service name, `*.internal`, `*.svc`, a private address) by a gateway, or by a client that runs beside its servers (LibreChat on a Compose network, a GitHub agentic workflow's job network, a pod whose MCP config a Kubernetes ConfigMap or a Helm chart's values hold), is a note: gateways commonly reach in-cluster backends over plain HTTP, with the caller authenticated at the gateway, but the calls (and any forwarded credential) are still readable on that network.",
    category: "insecure-transport",
    level: "warning",
    precision: "very-high",
    securitySeverity: 6.5,
    help: "Use `https://` (or `wss://`) with a valid certificate. For a server on this machine, bind it to `127.0.0.1` and use `http://127.0.0.1:<port>`; across containers, put TLS in front or use a stdio transport.",
    cwe: ["CWE-319"],
    frameworks: ["nist-csf/PR.DS-02"],
    references: ["https://modelcontextprotocol.io/specification/2025-06-18/basic/transports", "https://modelcontextprotocol.io/specification/draft/basic/security_best_practices"],
    tags: ["transport"],
  },
  messages: {
    plain: "Server '{server}' ({client}) is reached over {scheme}:// at {host}: tool calls and results travel in clear text.",
    credential: "Server '{server}' ({client}) sends a credential over {scheme}:// to {host}: the token travels in clear text.",
    gatewayHop: "{role} {client} reaches its upstream '{server}' over {scheme}:// at {host} on a private network: calls{forwarded} are readable by anyone on that network; use TLS or a mesh with mutual TLS.",
  },
  check(model, ctx) {
    for (const s of model.servers) {
      for (const e of remoteEndpoints(s)) {
        if (e.scheme !== "http" && e.scheme !== "ws") continue;
        if (isLoopbackHost(e.host)) continue;
        const withCredential = sendsCredential(model, s);
        const who = { name: s.name, client: s.client };
        // LibreChat runs beside its MCP servers as a service (often one Compose network): its hops are a gateway's.
        // So does a client whose configuration a ConfigMap mounts into a pod of the cluster.
        if ((s.scope === "gateway" || SERVER_SIDE_CLIENTS.has(s.client) || s.configMap || s.helmValue) && isPrivateNetworkHost(e.host)) {
          const forwarded = withCredential ? ` and the credential ${s.scope === "gateway" ? "the gateway" : "it"} sends` : "";
          const role = s.scope === "gateway" ? "Gateway" : "Server-side client";
          ctx.report({ messageId: "gatewayHop", data: { role, server: s.name, client: s.client, scheme: e.scheme, host: e.host, forwarded }, loc: e.value.loc, identity: `${s.name}\u0000${e.scheme}\u0000${e.host}`, server: who, level: "note" });
          continue;
        }
        ctx.report({
          messageId: withCredential ? "credential" : "plain",
          data: { server: s.name, client: s.client, scheme: e.scheme, host: e.host || "an unknown host" },
          loc: e.value.loc,
          identity: `${s.name}\u0000${e.scheme}\u0000${e.host}`,
          server: who,
          ...(withCredential ? { level: "error" as const } : {}),
        });
      }
    }
  },
  examples: {
    bad: [
      { file: ".mcp.json", code: `{\n  "mcpServers": {\n    "notes": { "type": "http", "url": "http://mcp.acme.example/mcp" }\n  }\n}\n`, expect: { line: 3, column: 39 } },
      { file: ".cursor/mcp.json", code: `{ "mcpServers": { "notes": { "url": "http://10.0.4.7:8080/mcp",\n  "headers": { "Authorization": "Bearer \${env:ACME_MCP_TOKEN}" } } } }\n`, expect: { line: 1, column: 37 } },
      { file: ".vscode/mcp.json", code: `{ "servers": { "notes": { "command": "npx", "args": ["-y", "mcp-remote@0.1.29", "http://host.docker.internal:3000/sse"] } } }\n`, expect: { line: 1, column: 81 } },
      { file: "librechat.yaml", code: `mcpServers:\n  live:\n    type: websocket\n    url: ws://mcp.acme.example/ws\n`, expect: { line: 4, column: 10 } },
      {
        // An agent's mcp.json kept in a ConfigMap calls a service of its cluster over plain HTTP: a note, as a gateway's hop.
        file: "k8s/agent-mcp.yaml",
        code: `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: agent-mcp }\ndata:\n  mcp.json: |\n    { "mcpServers": {\n        "notes": { "type": "http", "url": "http://notes-mcp.notes.svc:8080/mcp" } } }\n`,
        expect: { line: 7, column: 43 },
      },
      {
        // LibreChat's hop to an MCP container on its Compose network: a note, as a gateway's.
        file: "librechat.yaml",
        code: `mcpServers:\n  clickhouse:\n    type: streamable-http\n    url: http://clickhouse-mcp:8000/mcp\n    headers:\n      Authorization: "Bearer \${CLICKHOUSE_MCP_TOKEN}"\n`,
        expect: { line: 4, column: 10 },
      },
      {
        // A GitHub agentic workflow's hop to a service container of its job: a note, as LibreChat's.
        file: ".github/workflows/notebooks.md",
        code: `---\non: workflow_dispatch\nmcp-servers:\n  jupyter:\n    type: http\n    url: "http://jupyter-mcp:3000"\n    allowed: [get_cell_output]\n---\n`,
        expect: { line: 6, column: 10 },
      },
      {
        // LibreChat's librechat.yaml kept in its Helm chart's values (the chart renders it into the pod's ConfigMap): an in-cluster hop, a note.
        file: "charts/librechat/values.yaml",
        code: `librechat:\n  configYamlContent: |\n    version: 1.2.8\n    mcpServers:\n      notes:\n        type: streamable-http\n        url: http://notes-mcp.notes.svc.cluster.local:8000/mcp\n`,
        expect: { line: 7, column: 14 },
      },
      {
        // A gateway's hop to an in-cluster upstream: reported as a note.
        file: "pomerium/config.yaml",
        code: `authenticate_service_url: https://authenticate.acme.example\nroutes:\n- from: https://notes-mcp.acme.example\n  to: http://notes.internal:8080/mcp\n  mcp:\n    server: {}\n  policy:\n    allow:\n      and:\n      - domain: { is: acme.example }\n`,
        expect: { line: 4, column: 7 },
      },
    ],
    good: [
      { file: ".mcp.json", code: `{ "mcpServers": { "notes": { "type": "http", "url": "https://mcp.acme.example/mcp" }, "local": { "type": "http", "url": "http://127.0.0.1:3000/mcp" } } }\n` },
      { file: ".vscode/mcp.json", code: `{ "servers": { "dev": { "type": "sse", "url": "http://localhost:8931/sse" }, "ipv6": { "type": "http", "url": "http://[::1]:9000/mcp" } } }\n` },
    ],
  },
});

/**
 * Does the server send a credential on the wire: a header, URL or setting that names one
 * (`Authorization`, `X-Api-Key`, a token in the URL), or any sent value holding a secret?
 * `Accept` or `Host` headers are configuration, not credentials. (Env values stay on the machine.)
 */
function sendsCredential(model: Pick<ScanModel, "secrets">, s: McpServer): boolean {
  const sent = s.credentials.filter((c) => c.source !== "env");
  return sent.some(namesCredential) || hitsWithin(model, sent.map((c) => c.loc)).length > 0;
}
