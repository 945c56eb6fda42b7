import { defineRule } from "../../engine/rule.js";
import { isLoopbackHost, isPrivateNetworkHost, isTemplatedHost, remoteEndpoints } from "../../model/endpoint.js";
import { urlCarriesCredential } from "../../model/launch-credentials.js";
import { servedLinksOf } from "../../engine/verdict.js";

export default defineRule({
  id: "unauthenticated-remote",
  meta: {
    title: "Remote MCP server configured with no credential",
    name: "UnauthenticatedRemote",
    description:
      "A remote (HTTP, SSE or WebSocket) server is configured with no credential of any kind: no `Authorization` or API-key header, no OAuth settings, no bearer-token variable, no credential in the URL. Many servers negotiate OAuth when the client connects, so this is a note; but if the server accepts anonymous calls, anyone who can reach it can use its tools, and nothing ties a call to a person. Loopback servers are not reported, nor a gateway's upstream on a private network (a cluster service name, `*.internal`, `*.svc`, a private address): callers authenticate at the gateway, and the upstream is not reachable from outside. The same holds for a client whose configuration is kept in a Kubernetes ConfigMap or a Helm chart's values (a pod of the cluster reads it) calling a service of that network, and for a URL that reaches a gateway or endpoint defined in the same repository (a Compose service by its name and port) that requires authentication: the caller authenticates there.",
    category: "insecure-transport",
    level: "note",
    precision: "medium",
    securitySeverity: 4.0,
    help: "Confirm that the server requires authentication. Prefer OAuth (declare it in the client's `oauth` settings where it has them) or a per-user token passed by reference (`Authorization: Bearer ${env:TOKEN}`, `bearer_token_env_var`); never leave an internet-facing MCP server anonymous.",
    cwe: ["CWE-306"],
    frameworks: ["owasp-agentic/ASI03", "nist-csf/PR.AA-03"],
    references: ["https://modelcontextprotocol.io/specification/2025-06-18/basic/authorization", "https://modelcontextprotocol.io/specification/draft/basic/security_best_practices"],
    tags: ["transport", "authentication"],
  },
  messages: {
    none: "Remote server '{server}' ({client}) at {host} is configured with no credential (no auth header, token variable or OAuth settings); unless it negotiates OAuth at connect time, its tools are open to anyone who can reach it.",
  },
  check(model, ctx) {
    const links = servedLinksOf(model);
    for (const s of model.servers) {
      // A gateway that forwards each caller's own credential upstream (LiteLLM `extra_headers: [Authorization]`, agentgateway passthrough).
      if (s.credentials.length > 0 || s.headers.length > 0 || s.upstreamIdentity?.kind === "per-caller") continue;
      for (const e of remoteEndpoints(s)) {
        if (!/^(https?|wss?)$/.test(e.scheme) || isTemplatedHost(e.host) || isLoopbackHost(e.host)) continue;
        // A client that runs in the cluster (its configuration in a ConfigMap) calling a service there is that case too.
        if ((s.scope === "gateway" || s.configMap || s.helmValue) && isPrivateNetworkHost(e.host)) continue;
        // A bridge given a header, a token or OAuth client settings (mcp-remote's `--static-oauth-client-info`).
        if (e.value !== s.url && s.args.some((a) => /^--?(header|h|auth|token)|^--[\w-]*oauth/i.test(a.raw))) continue;
        // A bridge's URL argument (`mcp-remote https://...?token=...`) that carries its own credential.
        if (urlCarriesCredential(e.value.raw)) continue;
        // The URL reaches a gateway or endpoint of the scan (a Compose service by its name) that requires authentication: not open to anyone.
        const served = e.value === s.url ? links.get(s.id) : undefined;
        if (served && served.policies.length > 0 && served.policies.every((p) => p.authn?.required === true)) continue;
        ctx.report({ messageId: "none", data: { server: s.name, client: s.client, host: e.host }, loc: e.value.loc, identity: `${s.name}\u0000${e.host}`, server: { name: s.name, client: s.client } });
      }
    }
  },
  examples: {
    bad: [
      { file: ".mcp.json", code: `{\n  "mcpServers": {\n    "notes": { "type": "http", "url": "https://mcp.acme.example/mcp" }\n  }\n}\n`, expect: { line: 3, column: 39 } },
      { file: ".vscode/mcp.json", code: `{ "servers": { "notes": { "type": "sse", "url": "https://mcp.acme.example/sse" } } }\n`, expect: { line: 1, column: 49 } },
      { file: ".codeium/windsurf/mcp_config.json", code: `{ "mcpServers": {\n  "notes": { "serverUrl": "https://mcp.acme.example/mcp" } } }\n`, expect: { line: 2, column: 27 } },
      // Continue sends `requestOptions.headers` only: a `headers` map on the entry is dropped by its schema.
      { file: ".continue/mcpServers/notes.yaml", code: `name: notes\nversion: 0.0.1\nschema: v1\nmcpServers:\n  - name: notes\n    type: streamable-http\n    url: https://mcp.acme.example/mcp\n    headers:\n      Authorization: "Bearer \${{ secrets.ACME_MCP_TOKEN }}"\n`, expect: { line: 7, column: 10 } },
      {
        // An agent's mcp.json kept in a ConfigMap: a public server with no credential, reported inside the block scalar.
        file: "k8s/agent-mcp.yaml",
        code: `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: agent-mcp }\ndata:\n  mcp.json: |\n    { "mcpServers": {\n        "notes": { "type": "http", "url": "https://mcp.acme.example/mcp" } } }\n`,
        expect: { line: 7, column: 43 },
      },
      {
        // LibreChat calls the Docker MCP gateway of the same Compose file by its service name; the gateway lets callers in without a token.
        file: "librechat.yaml",
        code: `version: 1.2.1\nmcpServers:\n  tools:\n    type: sse\n    url: http://gateway:8811/sse\n`,
        extraFiles: { "compose.yaml": `services:\n  gateway:\n    image: docker/mcp-gateway:v2\n    ports: ["8811:8811"]\n    command: ["--transport=sse", "--servers=duckduckgo", "--port=8811", "--allow-unauthenticated"]\n` },
        expect: { line: 5, column: 10 },
      },
    ],
    good: [
      {
        // The same gateway without --allow-unauthenticated asks every caller for its bearer token.
        file: "librechat.yaml",
        code: `version: 1.2.1\nmcpServers:\n  tools:\n    type: sse\n    url: http://gateway:8811/sse\n`,
        extraFiles: { "compose.yaml": `services:\n  gateway:\n    image: docker/mcp-gateway:v2\n    ports: ["8811:8811"]\n    command: ["--transport=sse", "--servers=duckduckgo", "--port=8811"]\n` },
      },
      { file: ".mcp.json", code: `{ "mcpServers": { "notes": { "type": "http", "url": "https://mcp.acme.example/mcp", "headers": { "Authorization": "Bearer \${ACME_MCP_TOKEN}" } } } }\n` },
      {
        // The same ConfigMap's client runs in a pod of the cluster: a service of the cluster is a gateway's upstream.
        file: "k8s/agent-mcp.yaml",
        code: `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: agent-mcp }\ndata:\n  mcp.json: |\n    { "mcpServers": {\n        "notes": { "type": "http", "url": "https://notes-mcp.notes.svc.cluster.local/mcp" } } }\n`,
      },
      { file: ".gemini/settings.json", code: `{ "mcpServers": { "notes": { "httpUrl": "https://mcp.acme.example/mcp", "oauth": { "enabled": true, "clientId": "acme-cli" }, "includeTools": ["search_notes"] } }, "mcp": { "allowed": ["notes"] } }\n` },
      { file: ".mcp.json", code: `{ "mcpServers": { "local": { "type": "http", "url": "http://localhost:3000/mcp" } } }\n` },
      { file: ".continue/mcpServers/notes.yaml", code: `name: notes\nversion: 0.0.1\nschema: v1\nmcpServers:\n  - name: notes\n    type: streamable-http\n    url: https://mcp.acme.example/mcp\n    requestOptions:\n      headers:\n        Authorization: "Bearer \${{ secrets.ACME_MCP_TOKEN }}"\n` },
      { file: ".cursor/mcp.json", code: `{ "mcpServers": { "notes": { "command": "npx", "args": ["mcp-remote@0.1.29", "https://mcp.acme.example/sse?token=\${env:ACME_MCP_TOKEN}"] } } }\n` },
      // mcp-remote with a static OAuth client: OAuth settings, as a client's own `oauth` block.
      { file: ".amp/settings.json", code: `{ "amp.mcpServers": { "docs": { "command": "npx", "args": ["mcp-remote@0.1.29", "https://mcp.acme.example/mcp", "--static-oauth-client-info", "{\\"client_id\\":\\"acme-cli\\"}"] } } }\n` },
      // A LiteLLM proxy forwards each caller's own Authorization header to the upstream.
      { file: "litellm/config.yaml", code: `model_list: []\nmcp_servers:\n  notes:\n    url: https://mcp.acme.example/mcp\n    extra_headers: [Authorization]\n` },
      // Zapier's server URL carries its key in the path (here from the environment).
      { file: ".cursor/mcp.json", code: `{ "mcpServers": { "zapier": { "url": "https://mcp.zapier.com/api/mcp/s/\${env:ZAPIER_MCP_KEY}/mcp" } } }\n` },
      // So does Make's (its MCP token).
      { file: ".cursor/mcp.json", code: `{ "mcpServers": { "make": { "url": "https://us2.make.com/mcp/api/v1/u/\${env:MAKE_MCP_TOKEN}/sse" } } }\n` },
      // And Firecrawl's hosted server, as its docs write it: the key (a placeholder here) is the first path segment.
      { file: ".cursor/mcp.json", code: `{ "mcpServers": { "firecrawl": { "url": "https://mcp.firecrawl.dev/{FIRECRAWL_API_KEY}/v2/mcp" } } }\n` },
      {
        // An mcpo chart's values: the proxy runs in the cluster and calls a service of it.
        file: "charts/mcpo/values.yaml",
        code: `config:\n  mcpServers:\n    notes:\n      type: streamable-http\n      url: https://notes-mcp.notes.svc.cluster.local/mcp\n`,
      },
      {
        // A gateway route to an in-cluster upstream: the caller authenticates at the gateway.
        file: "pomerium/config.yaml",
        code: `authenticate_service_url: https://authenticate.acme.example\nroutes:\n- from: https://notes-mcp.acme.example\n  to: http://notes.internal:8080/mcp\n  mcp:\n    server: {}\n  policy:\n    allow:\n      and:\n      - domain: { is: acme.example }\n`,
      },
    ],
  },
});
