/**
 * Good and bad examples of missing-default-deny, for each client, gateway and server framework it
 * reads: the table-driven test runs them (exact line and column), and the rule docs and
 * docs/coverage.md are generated from them.
 */
import type { RuleExample } from "../engine/rule.js";
import { kuadrantGateway, litellmNotes, msGatewayDeployment } from "./example-configs.js";

export const examples: { readonly bad: readonly RuleExample[]; readonly good: readonly RuleExample[] } = {
    bad: [
      {
        // requireBearerAuth whose verifier accepts every token (returns an AuthInfo with an expiry without checking the token): no guard.
        file: "src/server.ts",
        code: `import express from "express";
import { requireBearerAuth } from "@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { notesServer } from "./notes.js";
const verifier = { verifyAccessToken: async (token) => ({ token, clientId: "notes", scopes: [], expiresAt: Date.now() / 1000 + 3600 }) };
const app = express();
app.post("/mcp", requireBearerAuth({ verifier }), async (req, res) => {
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await notesServer().connect(transport);
  await transport.handleRequest(req, res, req.body);
});
`,
        expect: { line: 7, column: 10 },
      },
      {
        // Express route chains: app.route("/mcp").post(h).get(h), no authentication.
        file: "src/server.ts",
        code: `import express from "express";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
const server = new McpServer({ name: "notes", version: "1.0.0" });
const app = express();
async function handleMcp(req, res) {
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
}
app.route("/mcp").post(handleMcp).get(handleMcp);
`,
        expect: { line: 11, column: 11, count: 2 },
      },
      {
        // Vercel serves each function of a project's api/ folder at its path: here /api/notes, with nothing in front.
        file: "api/notes.js",
        code: `import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { notesServer } from "../lib/server.js";
export default async function handler(req, res) {
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await notesServer().connect(transport);
  await transport.handleRequest(req, res, req.body);
}
`,
        expect: { line: 3, column: 31 },
      },
      {
        // A class that holds the app and its MCP path: this.mcpPath is the field's one literal, /mcp, with nothing in front.
        file: "src/host.ts",
        code: `import express from "express";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { notesServer } from "./server.js";
export class Host {
  private readonly app = express();
  private readonly mcpPath = "/mcp";
  constructor() {
    this.app.post(this.mcpPath, async (req, res) => {
      const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
      await notesServer().connect(transport);
      await transport.handleRequest(req, res, req.body);
    });
  }
}
`,
        expect: { line: 8, column: 19 },
      },
      {
        // Bun.serve's routes table: POST /mcp hands the request to the transport with nothing in front.
        file: "server.ts",
        code: `import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import { notesServer } from "./notes.js";
Bun.serve({
  routes: {
    "/mcp": {
      POST: async (req) => {
        const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined });
        await notesServer().connect(transport);
        return transport.handleRequest(req);
      },
    },
  },
});
`,
        expect: { line: 6, column: 7 },
      },
      {
        // A Vercel Function may export Web-standard method handlers instead: POST /api/tasks, with nothing in front.
        file: "api/tasks.ts",
        code: `import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import { tasksServer } from "../lib/server.js";
export async function POST(request: Request) {
  const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await tasksServer().connect(transport);
  return transport.handleRequest(request);
}
`,
        expect: { line: 3, column: 23 },
      },
      {
        // Fastify's full route declaration: app.route({ method, url, handler }) with no onRequest/preHandler hook and no check first.
        file: "src/http.ts",
        code: `import Fastify from "fastify";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { notesServer } from "./notes.js";
const app = Fastify();
app.route({
  method: ["GET", "POST"],
  url: "/mcp",
  handler: async (request, reply) => {
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    await notesServer().connect(transport);
    reply.hijack();
    await transport.handleRequest(request.raw, reply.raw, request.body);
  },
});
`,
        expect: { line: 7, column: 8 },
      },
      {
        // mcp-use serves a default-exported MCPServer on /mcp; without an oauth provider nothing checks the caller.
        file: "index.ts",
        code: `import { MCPServer } from "mcp-use";
const server = new MCPServer({ name: "notes", version: "1.0.0" });
server.tool({ name: "delete_note", description: "Delete a note" }, async () => ({ content: [] }));
export default server;
`,
        expect: { line: 2, column: 20 },
      },
      {
        // A koa router mounted with app.use(router.routes()): its routes answer under its prefix (/mcp), with nothing in front.
        file: "src/http.ts",
        code: `import Koa from "koa";
import Router from "@koa/router";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { server } from "./server.js";
async function mcp(ctx) {
  const t = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await server.connect(t);
  await t.handleRequest(ctx.req, ctx.res, ctx.request.body);
}
const router = new Router({ prefix: "/mcp" });
router.all("/", mcp);
new Koa().use(router.routes()).listen(3000);
`,
        expect: { line: 11, column: 12 },
      },
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
        // Kuadrant's MCP gateway: an AuthPolicy on its Gateway that authenticates but authorizes nothing.
        file: "deploy/mcp-gateway.yaml",
        code: kuadrantGateway(`    authentication:
      'idp': { jwt: { issuerUrl: https://idp.acme.example/realms/mcp } }
`),
        expect: { line: 12, column: 3 },
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
      {
        // Vercel mcp-handler in a Next.js route, served with no withMcpAuth around it.
        file: "app/api/[transport]/route.ts",
        code: `import { createMcpHandler } from "mcp-handler";
const handler = createMcpHandler(
  (server) => { server.tool("delete_note", { id: z.string() }, async ({ id }) => ({ content: [{ type: "text", text: id }] })); },
  { serverInfo: { name: "notes", version: "1.0.0" } },
  { basePath: "/api" },
);
export { handler as GET, handler as POST };
`,
        expect: { line: 5, column: 15 },
      },
      {
        // An h3 router serving handlers a factory of another project file makes, which check no caller first.
        file: "src/app.ts",
        code: `import { createApp, createRouter } from "h3";
import { createMcp } from "./handlers/mcp";
const { onSse, onMsg } = createMcp();
const router = createRouter();
router.get("/sse", onSse);
router.post("/messages", onMsg);
export const app = createApp().use(router);
`,
        extraFiles: {
          "src/handlers/mcp.ts": `import { defineEventHandler } from "h3";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { SSEServerTransport } from "@modelcontextprotocol/sdk/server/sse.js";
export const createMcp = () => {
  const server = new McpServer({ name: "prompts", version: "1.0.0" });
  let transport: SSEServerTransport | undefined;
  const onSse = defineEventHandler(async (event) => { transport = new SSEServerTransport("/messages", event.node.res); await server.connect(transport); });
  const onMsg = defineEventHandler(async (event) => { if (transport) await transport.handlePostMessage(event.node.req, event.node.res); });
  return { onSse, onMsg };
};
`,
        },
        expect: { line: 5, column: 12, count: 2 },
      },
      {
        // An mcp-use server whose auth middleware is on another path: /mcp is not behind it.
        file: "src/index.ts",
        code: `import { MCPServer } from "mcp-use/server";
import { requireAuth } from "./auth.js";
const server = new MCPServer({ name: "notes", version: "1.0.0" });
server.use("/admin/*", requireAuth);
server.tool({ name: "delete_note" }, async () => ({ content: [] }));
await server.listen(3000);
`,
        expect: { line: 3, column: 20 },
      },
      {
        // A Cloudflare McpAgent served as the Worker itself, with no OAuthProvider in front.
        file: "src/index.ts",
        code: `import { McpAgent } from "agents/mcp";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
export class NotesMCP extends McpAgent {
  server = new McpServer({ name: "notes", version: "1.0.0" });
  async init() { this.server.tool("search_notes", { q: z.string() }, async ({ q }) => ({ content: [{ type: "text", text: q }] })); }
}
export default NotesMCP.serve("/mcp");
`,
        expect: { line: 7, column: 31 },
      },
      {
        // xmcp's Next.js adapter served as it is: withAuth(xmcpHandler, { verifyToken, required: true }) is what checks the token.
        file: "app/mcp/route.ts",
        code: `import { xmcpHandler } from "@xmcp/adapter";
export { xmcpHandler as GET, xmcpHandler as POST };
`,
        expect: { line: 2, column: 25 },
      },
      {
        // punkpeye's FastMCP over HTTP with no authenticate function: it serves every request.
        file: "src/server.ts",
        code: `import { FastMCP } from "fastmcp";
const server = new FastMCP({ name: "notes", version: "1.0.0" });
server.addTool({ name: "search_notes", execute: async () => "none" });
server.start({ transportType: "httpStream", httpStream: { port: 8080, endpoint: "/mcp" } });
`,
        expect: { line: 4, column: 81 },
      },
      {
        // A FastMCP authenticate that never throws hands a session to every caller: no authentication.
        file: "src/server.ts",
        code: `import { FastMCP } from "fastmcp";
const server = new FastMCP({
  name: "notes",
  version: "1.0.0",
  authenticate: async (request) => ({ apiKey: request.headers["x-api-key"] }),
});
server.start({ transportType: "httpStream", httpStream: { port: 8080 } });
`,
        expect: { line: 5, column: 17 },
      },
      {
        // hono's catch-all route hands every path to the transport, with nothing in front of it.
        file: "src/index.ts",
        code: `import { Hono } from "hono";
import { StreamableHTTPTransport } from "@hono/mcp";
import { server } from "./mcp";
const app = new Hono();
app.all("*", async (c) => {
  const transport = new StreamableHTTPTransport();
  await server.connect(transport);
  return transport.handleRequest(c);
});
export default app;
`,
        expect: { line: 5, column: 9 },
      },
      {
        // fastify-mcp's streamableHttp plugin registered with no auth hook on the app.
        file: "src/server.ts",
        code: `import Fastify from "fastify";
import { streamableHttp } from "fastify-mcp";
import { createServer } from "./mcp";
const app = Fastify();
app.register(streamableHttp, { stateful: false, mcpEndpoint: "/mcp", createServer });
app.listen({ port: 3000 });
`,
        expect: { line: 5, column: 62 },
      },
      {
        // An xmcp project's own HTTP server, with no src/middleware.ts beside the config to authenticate callers.
        file: "xmcp.config.ts",
        code: `import { type XmcpConfig } from "xmcp";
const config: XmcpConfig = { http: { port: 3001, endpoint: "/mcp" } };
export default config;
`,
        expect: { line: 2, column: 60 },
      },
      {
        // An MCP server registered on the Mastra instance: Mastra's server serves it at /api/mcp/notes/mcp, and with no server.auth every route is public.
        file: "src/mastra/index.ts",
        code: `import { Mastra } from "@mastra/core/mastra";
import { notes } from "./mcp/server";
export const mastra = new Mastra({ mcpServers: { notes } });
`,
        expect: { line: 3, column: 50 },
      },
      {
        // Mastra's MCPServer served from a node handler: startHTTP checks no caller.
        file: "src/mcp.ts",
        code: `import { createServer } from "node:http";
import { MCPServer } from "@mastra/mcp";
const notes = new MCPServer({ name: "notes", version: "1.0.0", tools: { searchNotes } });
createServer(async (req, res) => {
  await notes.startHTTP({ url: new URL(req.url ?? "", "http://localhost:4111"), httpPath: "/mcp", req, res });
}).listen(4111);
`,
        expect: { line: 5, column: 91 },
      },
      { file: "etc/claude-code/managed-settings.json", code: `{\n  "allowManagedMcpServersOnly": true,\n  "permissions": { "disableBypassPermissionsMode": "disable" }\n}\n`, expect: { line: 1, column: 1 } },
      { file: "etc/codex/requirements.toml", code: `allowed_approval_policies = ["untrusted", "on-request"]\n`, expect: { line: 1, column: 1 } },
      { file: "etc/gemini-cli/settings.json", code: `{\n  "security": { "disableYoloMode": true }\n}\n`, expect: { line: 1, column: 1 } },
      { file: "etc/gemini-cli/policies/mcp.toml", code: `[[rule]]\ntoolName = "mcp_*"\ndecision = "allow"\npriority = 10\n`, expect: { line: 2, column: 12 } },
      { file: "enterprise/cline-remote-config.json", code: `{ "mcpMarketplaceEnabled": false }\n`, expect: { line: 1, column: 1 } },
      { file: ".gemini/settings.json", code: `{\n  "mcpServers": { "acme-notes": { "command": "acme-notes-mcp", "includeTools": ["search_notes"] } }\n}\n`, expect: { line: 1, column: 1 } },
      { file: ".config/goose/config.yaml", code: `extensions:\n  acme-notes: { type: stdio, cmd: acme-notes-mcp, enabled: true }\n`, expect: { line: 1, column: 1 } },
      // opencode's own rules allow every tool, MCP tools included: the user's global config is where that default stands.
      { file: ".config/opencode/opencode.json", code: `{\n  "mcp": { "notes": { "type": "local", "command": ["acme-notes-mcp"] } }\n}\n`, expect: { line: 1, column: 1 } },
      {
        file: "gateway/config.yaml",
        code: `binds:
- port: 3000
  listeners:
  - routes:
    - policies:
        mcpAuthorization:
          rules:
          - deny: 'mcp.tool.name == "delete_note"'
      backends:
      - mcp:
          targets:
          - name: notes
            mcp: { host: http://notes.internal:8080/mcp }
`,
        expect: { line: 7, column: 11 },
      },
      {
        file: "agentgateway.yaml",
        code: `mcp:
  port: 3000
  targets:
  - name: notes
    mcp: { host: http://notes.internal:8080/mcp }
`,
        expect: { line: 1, column: 1 },
      },
      {
        // agentgateway's gateways/routes form: the route attached to the `default` gateway names no tool rule.
        file: "agentgateway/config.yaml",
        code: `gateways:
  default:
    port: 3000
routes:
- name: notes
  backends:
  - mcp:
      targets:
      - name: notes
        mcp: { host: http://notes.internal:8080/mcp }
`,
        expect: { line: 5, column: 3 },
      },
      {
        // `mcp:` served on two gateways: the one with no authorization rule lets every call through.
        file: "agentgateway/config.yaml",
        code: `gateways:
  public:
    port: 3000
    authorization:
      rules: ['"mcp-users" in jwt.groups']
  internal:
    port: 3001
mcp:
  gateways: [public, internal]
  targets:
  - name: notes
    mcp: { host: http://notes.internal:8080/mcp }
`,
        expect: { line: 8, column: 1 },
      },
      {
        file: "toolhive/notes-profile.json",
        code: `{
  "name": "notes",
  "network": { "outbound": { "insecure_allow_all": true } }
}
`,
        expect: { line: 3, column: 52 },
      },
      {
        file: "toolhive/authz.json",
        code: `{ "version": "1.0", "type": "cedarv1",
  "cedar": { "policies": ["permit(principal, action, resource);"], "entities_json": "[]" } }
`,
        expect: { line: 2, column: 27 },
      },
      {
        file: "deploy/notes.yaml",
        code: `apiVersion: toolhive.stacklok.dev/v1alpha1
kind: MCPServer
metadata: { name: notes }
spec:
  image: ghcr.io/acme/notes-mcp:1.4.2
  permissionProfile: { type: builtin, name: none }
`,
        expect: { line: 4, column: 1 },
      },
      {
        file: "kong/kong.yaml",
        code: `_format_version: "3.0"
plugins:
- name: ai-mcp-proxy
  route: notes
  config:
    mode: passthrough-listener
    tools:
    - name: search_notes
`,
        expect: { line: 5, column: 3 },
      },
      {
        file: "pomerium/config.yaml",
        code: `routes:
- from: https://notes-mcp.acme.example
  to: http://notes.internal:8080/mcp
  allow_public_unauthenticated_access: true
  mcp: { server: {} }
`,
        expect: { line: 4, column: 40 },
      },
      {
        // LiteLLM: allow_all_keys gives every key of the proxy the server, with no grant.
        file: "litellm/config.yaml",
        code: litellmNotes("allow_all_keys: true"),
        expect: { line: 7, column: 21 },
      },
      {
        // TBXark's mcp-proxy: no authTokens and no oauth2 in front of the server.
        file: "mcp-proxy/config.json",
        code: `{ "mcpProxy": { "addr": ":9090", "type": "streamable-http" },
  "mcpServers": { "notes": { "command": "acme-notes-mcp" } } }
`,
        expect: { line: 2, column: 19 },
      },
      {
        // 1MCP in Compose: its OAuth is off unless ONE_MCP_ENABLE_AUTH is set, so anyone who reaches its port calls every server.
        file: "compose.yaml",
        code: `services:\n  1mcp:\n    image: ghcr.io/1mcp-app/agent:0.27.4\n    environment:\n      ONE_MCP_ENABLE_AUTH: \${ONE_MCP_ENABLE_AUTH:-false}\n`,
        expect: { line: 5, column: 28 },
      },
      {
        // ContextForge in Kubernetes with authentication switched off in its container's env.
        file: "deploy/contextforge.yaml",
        code: `apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: mcpgateway }\nspec:\n  template:\n    spec:\n      containers:\n      - name: gateway\n        image: ghcr.io/ibm/mcp-context-forge:1.0.0\n        env:\n        - name: AUTH_REQUIRED\n          value: "false"\n`,
        expect: { line: 12, column: 18 },
      },
      {
        // The MCP Inspector with its session token switched off: anyone who reaches its proxy has it start any command.
        file: "docker-compose.yml",
        code: `services:\n  mcp-inspector:\n    image: ghcr.io/modelcontextprotocol/inspector:0.17.2\n    ports: ["6274:6274", "6277:6277"]\n    environment:\n      HOST: 0.0.0.0\n      DANGEROUSLY_OMIT_AUTH: "true"\n`,
        expect: { line: 7, column: 30 },
      },
      {
        // 1MCP in Kubernetes, its auth switch not set: off by default.
        file: "deploy/1mcp.yaml",
        code: `apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: one-mcp }\nspec:\n  template:\n    spec:\n      containers:\n      - name: agent\n        image: ghcr.io/1mcp-app/agent:0.27.4\n        args: ["serve", "--transport", "http"]\n`,
        expect: { line: 8, column: 15 },
      },
      {
        // MCPHub: bearer auth off, so every request reaches every server, key or not.
        file: "mcphub/mcp_settings.json",
        code: `{ "mcpServers": { "notes": { "command": "acme-notes-mcp" } },
  "systemConfig": { "routing": { "enableBearerAuth": false } } }
`,
        expect: { line: 2, column: 54 },
      },
      {
        // Unla: a router with no auth (mode oauth2) serves whoever reaches the gateway.
        file: "configs/notes.yaml",
        code: `routers:
  - server: notes
    prefix: /gateway/notes
mcpServers:
  - type: streamable-http
    name: notes
    url: https://notes.acme.example/mcp
`,
        expect: { line: 3, column: 5 },
      },
      { file: ".env", code: `AUTH_REQUIRED=false\nMCPGATEWAY_UI_ENABLED=true\n`, expect: { line: 1, column: 15 } },
      { file: "src/appsettings.Development.json", code: `{ "Authentication": { "BypassEntra": true } }\n`, expect: { line: 1, column: 38 } },
      {
        file: "deploy/k8s/gateway.yml",
        code: msGatewayDeployment("acme.azurecr.io/microsoft-mcpgateway-service:1.2.0", "Development"),
        expect: { line: 11, column: 50 },
      },
      {
        // The gateway's own cloud template sets the image at deploy time (envsubst): the container's name says what it runs.
        file: "deployment/k8s/cloud-deployment-template.yml",
        code: msGatewayDeployment("${GATEWAY_IMAGE}", "Development"),
        expect: { line: 11, column: 50 },
      },
      {
        file: ".cursor/mcp.json",
        code: `{ "mcpServers": { "MCP_DOCKER": { "command": "docker",
  "args": ["mcp", "gateway", "run", "--enable-all-servers"] } } }
`,
        expect: { line: 2, column: 37 },
      },
      {
        // The Docker MCP gateway's image run by Compose: its `command` items are the gateway's flags.
        file: "compose.yaml",
        code: `services:
  gateway:
    image: docker/mcp-gateway:v2.0.1
    command: ["--transport=sse", "--servers=fetch", "--allow-unauthenticated"]
`,
        expect: { line: 4, column: 53 },
      },
      {
        // The same gateway under its earlier image name (docker/mcp-gateway's own Compose examples).
        file: "docker-compose.yaml",
        code: `services:
  mcp-gateway:
    image: docker/agents_gateway:v2
    command: ["--transport=sse", "--servers=filesystem", "--allow-unauthenticated"]
`,
        expect: { line: 4, column: 58 },
      },
      {
        file: "docker-compose.yml",
        code: `services:
  mcpgateway:
    image: ghcr.io/ibm/mcp-context-forge:0.7.0
    environment:
      - AUTH_REQUIRED=false
`,
        expect: { line: 5, column: 23 },
      },
      {
        // mcp-lite: the route hands each request to the handler `transport.bind(server)` made, with nothing in front of it.
        file: "src/index.ts",
        code: `import { Hono } from "hono";
import { McpServer, StreamableHttpTransport } from "mcp-lite";
const mcp = new McpServer({ name: "notes", version: "1.0.0" });
const transport = new StreamableHttpTransport();
const httpHandler = transport.bind(mcp);
const app = new Hono();
app.all("/mcp", async (c) => httpHandler(c.req.raw));
export default app;
`,
        expect: { line: 7, column: 9 },
      },
    ],
    good: [
      {
        // requireBearerAuth whose verifier checks the token (here it asks the issuer's userinfo endpoint and throws on a refusal): a guard.
        file: "src/server.ts",
        code: `import express from "express";
import { requireBearerAuth } from "@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { notesServer } from "./notes.js";
const verifier = {
  verifyAccessToken: async (token) => {
    const res = await fetch("https://issuer.example.com/userinfo", { headers: { Authorization: \`Bearer \${token}\` } });
    if (!res.ok) throw new Error("invalid token");
    return { token, clientId: "notes", scopes: [], expiresAt: Date.now() / 1000 + 3600 };
  },
};
const app = express();
app.post("/mcp", requireBearerAuth({ verifier }), async (req, res) => {
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await notesServer().connect(transport);
  await transport.handleRequest(req, res, req.body);
});
`,
      },
      {
        // A layer that lets a request without credentials through (optional auth) on an mcp-use server: not shown open, so no finding (the inventory says unknown, naming it).
        file: "index.ts",
        code: `import { MCPServer } from "mcp-use";
import { optionalAuth } from "./auth.js";
const server = new MCPServer({ name: "notes", version: "1.0.0" });
server.use(optionalAuth);
server.tool({ name: "delete_note", description: "Delete a note" }, async () => ({ content: [] }));
export default server;
`,
      },
      {
        // The same for a wrapper's handler: an McpAgent mounted behind hono middleware that lets anonymous callers through is not shown open.
        file: "src/index.ts",
        code: `import { Hono } from "hono";
import { McpAgent } from "agents/mcp";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { optionalAuth } from "./auth";
export class NotesMCP extends McpAgent {
  server = new McpServer({ name: "notes", version: "1.0.0" });
  async init() {}
}
const app = new Hono();
app.use("/mcp/*", optionalAuth);
app.mount("/mcp", NotesMCP.serve("/mcp").fetch, { replaceRequest: false });
export default app;
`,
      },
      {
        // A Fastify hook that authenticates every request guards the route.
        file: "src/server.ts",
        code: `import Fastify from "fastify";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
const app = Fastify();
app.addHook("onRequest", async (request) => { await request.jwtVerify(); });
const server = new McpServer({ name: "notes", version: "1.0.0" });
app.post("/mcp", async (request, reply) => {
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await server.connect(transport);
  await transport.handleRequest(request.raw, reply.raw, request.body);
});
`,
      },
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
        // The same with a check on the tool the MCP router names (x-mcp-toolname): calls it does not admit are denied.
        file: "deploy/mcp-gateway.yaml",
        code: kuadrantGateway(`    authentication:
      'idp': { jwt: { issuerUrl: https://idp.acme.example/realms/mcp } }
    authorization:
      'notes-tools':
        patternMatching:
          patterns:
          - predicate: request.headers['x-mcp-toolname'] in ['search_notes']
`),
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
      {
        file: "app/api/[transport]/route.ts",
        code: `import { createMcpHandler, withMcpAuth } from "mcp-handler";
const handler = createMcpHandler((server) => { server.tool("delete_note", { id: z.string() }, async ({ id }) => ({ content: [{ type: "text", text: id }] })); }, {}, { basePath: "/api" });
const authHandler = withMcpAuth(handler, verifyToken, { required: true, requiredScopes: ["notes:write"] });
export { authHandler as GET, authHandler as POST };
`,
      },
      {
        // withMcpAuth without required: true (anonymous read access by design): a request for which verifyToken
        // returns no auth info reaches the tools with no caller, as behind an optional-auth layer; unknown, no finding.
        file: "app/api/[transport]/route.ts",
        code: `import { createMcpHandler, withMcpAuth } from "mcp-handler";
const handler = createMcpHandler((server) => { server.tool("search_notes", { q: z.string() }, async ({ q }) => ({ content: [{ type: "text", text: q }] })); }, {}, { basePath: "/api" });
const verifyToken = async (_req: Request, bearerToken?: string) => (bearerToken ? verifyAccessToken(bearerToken) : undefined);
const authHandler = withMcpAuth(handler, verifyToken, { required: false });
export { authHandler as GET, authHandler as POST };
`,
      },
      {
        // A Worker's hono app written as one chain: the bearer middleware on /mcp is in front of the agent routed after it.
        file: "src/index.ts",
        code: `import { Hono } from "hono";
import { McpAgent } from "agents/mcp";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { bearerAuth } from "hono/bearer-auth";
export class NotesMCP extends McpAgent { server = new McpServer({ name: "notes", version: "1.0.0" }); }
export default new Hono()
  .use("/mcp", bearerAuth({ verifyToken: async (token, c) => token === c.env.NOTES_TOKEN }))
  .route("/mcp", new Hono().mount("/", NotesMCP.serve("/mcp", { binding: "NOTES" }).fetch));
`,
      },
      {
        // Fastify: an auth plugin registered before the route may add an onRequest hook (or only a decorator); unknown, no finding.
        file: "src/app.ts",
        code: `import Fastify from "fastify";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { createNotesServer } from "./mcp";
import authPlugin from "./auth-plugin";
const app = Fastify();
await app.register(authPlugin);
app.post("/mcp", async (request, reply) => {
  const t = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await createNotesServer().connect(t);
  reply.hijack();
  await t.handleRequest(request.raw, reply.raw, request.body);
});
`,
      },
      {
        // mcp-use: an auth check on MCP tool calls only leaves tools/list, resources and prompts to any caller; unknown, no finding.
        file: "src/index.ts",
        code: `import { MCPServer } from "mcp-use/server";
import { requireAuth } from "./auth.js";
const server = new MCPServer({ name: "notes", version: "1.0.0" });
server.use("mcp:tools/call", requireAuth);
server.tool({ name: "delete_note" }, async () => ({ content: [] }));
await server.listen(3000);
`,
      },
      {
        // mcp-use: Hono middleware on the server's app, in front of every request.
        file: "src/index.ts",
        code: `import { MCPServer } from "mcp-use/server";
import { bearerAuth } from "hono/bearer-auth";
const server = new MCPServer({ name: "notes", version: "1.0.0" });
server.app.use(bearerAuth({ token: process.env.NOTES_TOKEN }));
server.tool({ name: "delete_note" }, async () => ({ content: [] }));
await server.listen(3000);
`,
      },
      {
        // The route authenticates first inside its try; the catch answers a rejected caller.
        file: "app/api/agent/mcp/route.ts",
        code: `import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import { authenticateAgent } from "@/lib/agents";
export async function POST(request: Request) {
  try {
    const agent = await authenticateAgent(request);
    const server = new McpServer({ name: "board", version: "1.0.0" });
    const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    await server.connect(transport);
    return await transport.handleRequest(request);
  } catch {
    return new Response(null, { status: 401 });
  }
}
`,
      },
      {
        // workers-oauth-provider checks the access token before the agent sees a request.
        file: "src/index.ts",
        code: `import OAuthProvider from "@cloudflare/workers-oauth-provider";
import { McpAgent } from "agents/mcp";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
export class NotesMCP extends McpAgent {
  server = new McpServer({ name: "notes", version: "1.0.0" });
}
export default new OAuthProvider({
  apiHandlers: { "/sse": NotesMCP.serveSSE("/sse"), "/mcp": NotesMCP.serve("/mcp") },
  defaultHandler: AuthHandler,
  authorizeEndpoint: "/authorize",
  tokenEndpoint: "/token",
  clientRegistrationEndpoint: "/register",
});
`,
      },
      {
        // Hono mounts the agent behind its auth middleware (options after the handler do not matter).
        file: "src/index.ts",
        code: `import { Hono } from "hono";
import { bearerAuth } from "hono/bearer-auth";
import { McpAgent } from "agents/mcp";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
export class NotesMCP extends McpAgent {
  server = new McpServer({ name: "notes", version: "1.0.0" });
}
const app = new Hono();
app.use("/mcp/*", bearerAuth({ token: process.env.MCP_TOKEN }));
app.mount("/mcp", NotesMCP.serve("/mcp").fetch, { replaceRequest: false });
export default app;
`,
      },
      {
        // Mastra's server.auth protects its /api/* routes, the registered MCP servers' among them.
        file: "src/mastra/index.ts",
        code: `import { Mastra } from "@mastra/core/mastra";
import { MastraJwtAuth } from "@mastra/auth";
import { notes } from "./mcp/server";
export const mastra = new Mastra({ mcpServers: { notes }, server: { auth: new MastraJwtAuth({ secret: process.env.MASTRA_JWT_SECRET }) } });
`,
      },
      {
        // fastify runs the app's onRequest hooks for the routes a plugin registers.
        file: "src/server.ts",
        code: `import Fastify from "fastify";
import { streamableHttp } from "fastify-mcp";
import { createServer } from "./mcp";
const app = Fastify();
app.addHook("onRequest", async (request, reply) => {
  if (request.headers.authorization !== \`Bearer \${process.env.MCP_TOKEN}\`) return reply.code(401).send();
});
app.register(streamableHttp, { stateful: false, mcpEndpoint: "/mcp", createServer });
`,
      },
      {
        // FastMCP runs authenticate on every HTTP request and refuses it when the function throws.
        file: "src/server.ts",
        code: `import { FastMCP } from "fastmcp";
const server = new FastMCP({
  name: "notes",
  version: "1.0.0",
  authenticate: async (request) => {
    if (request.headers["x-api-key"] !== process.env.NOTES_API_KEY) throw new Response(null, { status: 401 });
    return {};
  },
});
server.start({ transportType: "httpStream", httpStream: { port: 8080 } });
`,
      },
      {
        // NestJS: the MCP module's guards run before its controllers.
        file: "src/mcp.module.ts",
        code: `import { Module } from "@nestjs/common";
import { McpModule, McpTransportType } from "@rekog/mcp-nest";
import { JwtAuthGuard } from "./auth/jwt-auth.guard";
@Module({
  imports: [McpModule.forRoot({ name: "notes", version: "1.0.0", transport: McpTransportType.STREAMABLE_HTTP, guards: [JwtAuthGuard] })],
})
export class NotesMcpModule {}
`,
      },
      {
        // TanStack Start: the route's middleware runs before its method handlers.
        file: "src/routes/mcp.ts",
        code: `import { createFileRoute } from "@tanstack/react-router";
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import { notesServer } from "../mcp/notes";
import { authMiddleware } from "../middleware/auth";
export const Route = createFileRoute("/mcp")({
  server: {
    middleware: [authMiddleware],
    handlers: {
      POST: async ({ request }) => {
        const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined });
        await notesServer().connect(transport);
        return transport.handleRequest(request);
      },
    },
  },
});
`,
      },
      {
        // mcp-nest's freemium mode: its guard admits a caller without a token, but every tool not marked @PublicTool() still
        // requires a user (its per-tool default is deny). Not authenticated, not shown open either: unknown, no finding.
        file: "src/freemium.module.ts",
        code: `import { Module } from "@nestjs/common";
import { McpAuthJwtGuard, McpModule } from "@rekog/mcp-nest";
@Module({
  imports: [McpModule.forRoot({ name: "notes", version: "1.0.0", allowUnauthenticatedAccess: true, guards: [McpAuthJwtGuard] })],
})
export class FreemiumMcpModule {}
`,
      },
      {
        // xmcp's own HTTP server with experimental.oauth: its OAuth proxy answers 401 to a call without a valid bearer token.
        file: "xmcp.config.ts",
        code: `import { type XmcpConfig } from "xmcp";
const config: XmcpConfig = {
  http: { port: 3001, endpoint: "/mcp" },
  experimental: { oauth: { baseUrl: "https://notes.acme.example", issuerUrl: "https://auth.acme.example", endpoints: { authorizationUrl: "https://auth.acme.example/authorize", tokenUrl: "https://auth.acme.example/token", registerUrl: "https://auth.acme.example/register" } } },
};
export default config;
`,
      },
      { file: "etc/claude-code/managed-settings.json", code: `{ "allowManagedMcpServersOnly": true, "allowedMcpServers": [{ "serverCommand": ["/opt/acme/bin/notes-mcp"] }] }\n` },
      { file: "etc/codex/requirements.toml", code: `allowed_approval_policies = ["on-request"]\n\n[mcp_servers.acme-notes]\ncommand = "/opt/acme/bin/notes-mcp"\n` },
      { file: ".gemini/settings.json", code: `{ "mcp": { "allowed": ["acme-notes"] },\n  "mcpServers": { "acme-notes": { "command": "acme-notes-mcp", "includeTools": ["search_notes"] } } }\n` },
      { file: "etc/gemini-cli/policies/mcp.toml", code: `[[rule]]\ntoolName = "mcp_*"\ndecision = "deny"\npriority = 100\n\n[[rule]]\nmcpName = "acme-notes"\ntoolName = "search_notes"\ndecision = "ask_user"\npriority = 200\n` },
      { file: ".config/goose/config.yaml", code: `GOOSE_MODE: approve\n` },
      // A project's opencode.json sits on the user's global config, which may already ask: unknown, no finding.
      { file: "opencode.json", code: `{\n  "mcp": { "notes": { "type": "local", "command": ["acme-notes-mcp"] } }\n}\n` },
      { file: ".config/opencode/opencode.json", code: `{\n  "permission": { "*": "ask" },\n  "mcp": { "notes": { "type": "local", "command": ["acme-notes-mcp"] } }\n}\n` },
      // The explicit switch is reported once, by permissive-setting.
      { file: ".zed/settings.json", code: `{ "agent": { "tool_permissions": { "default": "allow" } } }\n` },
      {
        file: "gateway/config.yaml",
        code: `binds:
- port: 3000
  listeners:
  - routes:
    - policies:
        mcpAuthentication: { issuer: https://idp.acme.example, audiences: [https://mcp.acme.example/mcp], jwks: { url: https://idp.acme.example/jwks.json } }
        mcpAuthorization:
          rules:
          - 'mcp.tool.name == "search_notes"'
          - deny: 'mcp.tool.name == "delete_note"'
      backends:
      - mcp:
          targets:
          - name: notes
            mcp: { host: http://notes.internal:8080/mcp }
`,
      },
      {
        file: "toolhive/notes-profile.json",
        code: `{ "name": "notes", "read": ["/srv/notes:/data"], "write": [],
  "network": { "outbound": { "insecure_allow_all": false, "allow_host": ["api.acme.example"], "allow_port": [443] } } }
`,
      },
      {
        file: "toolhive/authz.yaml",
        code: `version: "1.0"
type: cedarv1
cedar:
  policies:
  - permit(principal, action == Action::"call_tool", resource == Tool::"search_notes");
  entities_json: "[]"
`,
      },
      {
        file: "compose.yaml",
        code: `services:
  gateway:
    image: docker/mcp-gateway:v2.0.1
    command: ["--transport=streaming", "--servers=fetch"]
  mcpgateway:
    image: ghcr.io/ibm/mcp-context-forge:0.7.0
    environment: { AUTH_REQUIRED: "true", MCP_REQUIRE_AUTH: "true" }
`,
      },
      {
        file: "deploy/notes.yaml",
        code: `apiVersion: toolhive.stacklok.dev/v1alpha1
kind: MCPServer
metadata: { name: notes }
spec:
  image: ghcr.io/acme/notes-mcp:1.4.2
  permissionProfile: { type: builtin, name: none }
  oidcConfigRef: { name: acme-oidc }
  authzConfigRef: { name: notes-authz }
`,
      },
      {
        file: "kong/kong.yaml",
        code: `_format_version: "3.0"
plugins:
- name: key-auth
  route: notes
- name: ai-mcp-proxy
  route: notes
  config:
    mode: passthrough-listener
    default_acl: [ { scope: tools, allow: [notes-readers] } ]
`,
      },
      {
        file: "pomerium/config.yaml",
        code: `routes:
- from: https://notes-mcp.acme.example
  to: http://notes.internal:8080/mcp
  mcp: { server: {} }
  policy:
    allow: { and: [ { domain: { is: acme.example } } ] }
    deny: { and: [ { mcp_tool: { not_in: [search_notes] } } ] }
`,
      },
      {
        // LiteLLM with a master key: a key reaches the server only when it, its team or an access group is granted it.
        file: "litellm/config.yaml",
        code: litellmNotes("allowed_tools: [search_notes]"),
      },
      {
        // TBXark's mcp-proxy: a bearer token in front, and only the tools the allow filter lists.
        file: "mcp-proxy/config.json",
        code: `{ "mcpProxy": { "addr": ":9090", "type": "streamable-http" },
  "mcpServers": { "notes": { "command": "acme-notes-mcp",
    "options": { "authTokens": ["PROXY_TOKEN_HERE"], "toolFilter": { "mode": "allow", "list": ["search_notes"] } } } } }
`,
      },
      // 1MCP with its OAuth on: which servers a token reaches is granted with the token (unknown, not allow).
      { file: "compose.yaml", code: `services:\n  1mcp:\n    image: ghcr.io/1mcp-app/agent:0.27.4\n    environment:\n      ONE_MCP_ENABLE_AUTH: "true"\n` },
      // The MCP Inspector with its session token on (DANGEROUSLY_OMIT_AUTH unset): nothing in the file opens it.
      { file: "docker-compose.yml", code: `services:\n  mcp-inspector:\n    image: ghcr.io/modelcontextprotocol/inspector:0.17.2\n    ports: ["6274:6274", "6277:6277"]\n    environment:\n      HOST: 0.0.0.0\n` },
      { file: "deploy/1mcp.yaml", code: `apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: one-mcp }\nspec:\n  template:\n    spec:\n      containers:\n      - name: agent\n        image: ghcr.io/1mcp-app/agent:0.27.4\n        args: ["serve", "--enable-auth"]\n` },
      // agentgateway's HTTP authorization with an allow rule: a request it does not match is denied before any tool.
      { file: "agentgateway/config.yaml", code: `mcp:\n  policies:\n    mcpAuthentication: { mode: strict, issuer: "https://idp.acme.example", jwks: { url: "https://idp.acme.example/jwks" } }\n    authorization:\n      rules: ['"mcp-admin" in jwt.roles']\n  targets:\n  - name: notes\n    mcp: { host: "https://notes.acme.example/mcp" }\n` },
      // agentgateway's gateways/routes form: the listener the route is attached to admits only the requests its allow rule matches.
      { file: "agentgateway/config.yaml", code: `gateways:\n  default:\n    listeners:\n    - name: web\n      jwtAuth: { mode: strict, issuer: "https://idp.acme.example", jwks: { url: "https://idp.acme.example/jwks" } }\n      authorization:\n        rules: ['"mcp-users" in jwt.groups']\nroutes:\n- gateways: default/web\n  backends:\n  - mcp:\n      targets:\n      - name: notes\n        mcp: { host: "https://notes.acme.example/mcp" }\n` },
      // agentgateway with no MCP target (an LLM-only config): no tool to govern.
      { file: "agentgateway/config.yaml", code: `llm:\n  models: []\nmcp:\n  targets: []\n` },
      {
        // MCPHub: a bearer key is required, each reaches only the group it lists, and MCPHub's own OAuth server is off.
        file: "mcphub/mcp_settings.json",
        code: `{ "mcpServers": { "notes": { "command": "acme-notes-mcp" } },
  "groups": [{ "name": "notes", "servers": ["notes"] }],
  "bearerKeys": [{ "name": "notes-agent", "token": "\${NOTES_AGENT_KEY}", "enabled": true, "accessType": "groups", "allowedGroups": ["notes"] }],
  "systemConfig": { "routing": { "enableBearerAuth": true }, "oauthServer": { "enabled": false } } }
`,
      },
      {
        // Unla: callers need the gateway's OAuth2 token, and a REST API server serves only the tools allowedTools names.
        file: "configs/notes.yaml",
        code: `routers:
  - server: notes
    prefix: /gateway/notes
    auth: { mode: oauth2 }
servers:
  - name: notes
    allowedTools: [search_notes]
tools:
  - name: search_notes
    method: GET
    endpoint: https://notes.acme.example/api/search
`,
      },
      { file: ".env", code: `AUTH_REQUIRED=true
MCP_REQUIRE_AUTH=true
MCPGATEWAY_ADMIN_API_ENABLED=false
` },
      { file: "src/appsettings.json", code: `{ "AzureAd": { "Instance": "https://login.microsoftonline.com/", "TenantId": "00000000-0000-0000-0000-000000000000" } }
` },
      {
        file: "deploy/k8s/gateway.yml",
        code: msGatewayDeployment("acme.azurecr.io/microsoft-mcpgateway-service:1.2.0", "Production"),
      },
      {
        // The same mcp-lite handler behind hono's bearerAuth registered before the route.
        file: "src/index.ts",
        code: `import { Hono } from "hono";
import { bearerAuth } from "hono/bearer-auth";
import { McpServer, StreamableHttpTransport } from "mcp-lite";
const mcp = new McpServer({ name: "notes", version: "1.0.0" });
const httpHandler = new StreamableHttpTransport().bind(mcp);
const app = new Hono();
app.use("/mcp", bearerAuth({ token: process.env.MCP_TOKEN as string }));
app.all("/mcp", async (c) => httpHandler(c.req.raw));
export default app;
`,
      },
    ],
  };
