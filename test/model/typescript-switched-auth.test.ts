/**
 * Authentication that code sets up only when a value is set (fixtures/typescript/real-switched-auth,
 * sources in ../REAL-SOURCES.txt): `if (process.env.API_KEY) app.use(check)` before the route, or a
 * handler that checks the bearer token only `if (authToken)`. The endpoint is unknown, naming the
 * layer and its switch: open when the deployment leaves the value unset, guarded when it sets it.
 */
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { scanSources } from "../../src/api.js";
import { verdictOf } from "../../src/engine/verdict.js";
import { FIXTURES, folderSources } from "../helpers.js";

const result = scanSources(folderSources(path.join(FIXTURES, "typescript", "real-switched-auth")));
const policies = (file: string) => result.model.policies.filter((p) => p.file === file).map((p) => [p.name, `${p.defaultLoc.line}:${p.defaultLoc.column}`, p.defaultDecision, p.defaultReason]);
const authorization = (file: string) => result.model.servers.filter((s) => s.file === file).map((s) => verdictOf(result.model, s, {}).authorization.value);

describe("authentication switched on by configuration", () => {
  it("app.use(check) inside if (process.env.API_KEY), the /mcp route outside it: unknown, naming the switch (was default-deny)", () => {
    expect(policies("optional-api-key.ts")).toEqual([
      ["POST /mcp", "20:10", "unknown", "HTTP MCP endpoint /mcp has an authentication layer, app.use(inline middleware), that runs only when `process.env.API_KEY` is set: whether the deployment sets it decides the authentication in front of it"],
    ]);
    expect(authorization("optional-api-key.ts")).toEqual(["unknown"]);
  });

  it("a node http handler that checks the bearer token only if MCP_AUTH_TOKEN is set (fatsecret-mcp): unknown, through the const it is read into", () => {
    expect(policies("sse-token-if-set.ts")).toEqual([
      ["ANY /sse", "9:20", "unknown", "HTTP MCP endpoint /sse has an authentication layer, the handler's credential-header check, that runs only when `process.env.MCP_AUTH_TOKEN` is set: whether the deployment sets it decides the authentication in front of it"],
    ]);
  });

  it("a token that is always set (notion-mcp-server: the option, else AUTH_TOKEN, else a random one) still guards: default-deny", () => {
    expect(policies("token-always-set.ts")).toEqual([["POST /mcp", "25:12", "deny", "HTTP MCP endpoint /mcp requires authentication (app.use(authenticateToken))"]]);
  });

  it("no missing-default-deny finding for a switched layer (unknown is no finding); a route inside the same if is guarded", () => {
    expect(result.findings.filter((f) => f.ruleId === "missing-default-deny")).toEqual([]);
    const inside = `import express from "express";\nimport { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";\nconst app = express();\nif (process.env.ENABLE_MCP) {\n  app.use(requireBearerAuth({ verifier }));\n  app.post("/mcp", async (req, res) => { const t = new StreamableHTTPServerTransport({}); await t.handleRequest(req, res, req.body); });\n}\n`;
    const r = scanSources([{ path: "src/app.ts", text: inside }]);
    expect(r.model.policies.map((p) => [p.name, p.defaultDecision])).toEqual([["POST /mcp", "deny"]]);
  });

  it("a check under a test that is not a bare value (if (!token) return 401) is a guard", () => {
    const text = `import { createServer } from "http";\nimport { SSEServerTransport } from "@modelcontextprotocol/sdk/server/sse.js";\ncreateServer(async (req, res) => {\n  const token = req.headers.authorization;\n  if (!token || token !== process.env.MCP_TOKEN) { res.writeHead(401); return res.end(); }\n  const t = new SSEServerTransport("/message", res);\n  await server.connect(t);\n}).listen(3000);\n`;
    const r = scanSources([{ path: "src/server.ts", text }]);
    expect(r.model.policies.map((p) => [p.name, p.defaultDecision])).toEqual([["ANY *", "deny"]]);
  });
});
