import { defineRule } from "../../engine/rule.js";

export default defineRule({
  id: "dns-rebinding-protection-off",
  meta: {
    title: "MCP HTTP server transport accepts any Host header",
    name: "DnsRebindingProtectionOff",
    description:
      "An MCP server's HTTP transport does not check the Host header: `enableDnsRebindingProtection` is false, or true with no `allowedHosts`, or left at its default on a server that listens on localhost with no host validation in front. A web page the developer visits can then rebind its own domain to 127.0.0.1 and call the local server's tools from the browser.",
    category: "insecure-transport",
    level: "warning",
    precision: "medium",
    securitySeverity: 6.5,
    help:
      "Validate the Host header: pass `enableDnsRebindingProtection: true` with `allowedHosts: [\"127.0.0.1\", \"localhost\"]` (and `allowedOrigins`) to `StreamableHTTPServerTransport`, or build the app with the SDK's `createMcpExpressApp()`, which validates the Host header of localhost servers. Require authentication on the endpoint as well.",
    cwe: ["CWE-350", "CWE-346"],
    frameworks: ["nist-csf/PR.PS-01"],
    references: [
      "https://modelcontextprotocol.io/specification/draft/basic/transports#security-warning",
      "https://github.com/modelcontextprotocol/typescript-sdk#dns-rebinding-protection",
    ],
    tags: ["transport", "code"],
  },
  messages: {
    off: "Server '{server}' ({client}): {detail}.",
  },
  check(model, ctx) {
    for (const s of model.servers) {
      for (const f of s.facts) {
        if (f.kind !== "dns-rebinding-off") continue;
        ctx.report({ messageId: "off", data: { server: s.name, client: s.client, detail: f.detail }, loc: f.loc, identity: `${s.name}\u0000${f.kind}\u0000${f.detail}`, server: { name: s.name, client: s.client } });
      }
    }
  },
  examples: {
    bad: [
      {
        file: "src/server.ts",
        code: `import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";

const server = new McpServer({ name: "notes", version: "1.0.0" });
const transport = new StreamableHTTPServerTransport({
  sessionIdGenerator: () => crypto.randomUUID(),
  enableDnsRebindingProtection: false,
});
`,
        expect: { line: 7, column: 33 },
      },
      {
        file: "src/local-server.js",
        code: `const express = require("express");
const { McpServer } = require("@modelcontextprotocol/sdk/server/mcp.js");
const { StreamableHTTPServerTransport } = require("@modelcontextprotocol/sdk/server/streamableHttp.js");
const server = new McpServer({ name: "desktop-files", version: "2.0.0" });
const app = express();
app.post("/mcp", requireBearerAuth({ verifier }), async (req, res) => {
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});
app.listen(8931, "127.0.0.1");
`,
        expect: { line: 7, column: 25 },
      },
    ],
    good: [
      {
        file: "src/server.ts",
        code: `import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";

const transport = new StreamableHTTPServerTransport({
  sessionIdGenerator: () => crypto.randomUUID(),
  enableDnsRebindingProtection: true,
  allowedHosts: ["127.0.0.1", "localhost"],
});
`,
      },
      {
        file: "src/local-server.ts",
        code: `import { createMcpExpressApp } from "@modelcontextprotocol/sdk/server/express.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
const app = createMcpExpressApp();
app.post("/mcp", requireBearerAuth({ verifier }), async (req, res) => {
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await transport.handleRequest(req, res, req.body);
});
app.listen(8931, "127.0.0.1");
`,
      },
    ],
  },
});
