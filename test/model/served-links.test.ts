/**
 * "Under which policy": a client's server whose URL reaches a gateway or an HTTP endpoint defined
 * in the same repository is governed by that gateway's or endpoint's policy, with a reason naming
 * both files (model/served-links.ts). Fixtures: fixtures/served-links/ (SOURCES.txt).
 */
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { scanSources } from "../../src/api.js";
import { verdictOf } from "../../src/engine/verdict.js";
import { servedLinks } from "../../src/model/served-links.js";
import type { McpServer, Policy } from "../../src/model/types.js";
import { inventoryJson, inventoryText } from "../../src/report/inventory.js";
import { cli, costRatio, FIXTURES, folderSources } from "../helpers.js";

const fixture = (name: string) => scanSources(folderSources(path.join(FIXTURES, "served-links", name)));

type Auth = { value: string; policy?: { name: string; file: string }; evidence: { file: string; line: number; note: string }[]; servedBy?: { linked: boolean; reason: string; policies: { name: string; file: string; line: number }[] } };

function authorization(name: string, server: string): Auth {
  const doc = JSON.parse(inventoryJson(fixture(name).model)) as { servers: { name: string; verdict: { authorization: Auth } }[] };
  const s = doc.servers.find((x) => x.name === server);
  if (!s) throw new Error(`no server ${server}`);
  return s.verdict.authorization;
}

describe("a client URL linked to the gateway or endpoint of the same repository", () => {
  it("a TS client's URL reaches the express server of the same folder: its open endpoint's verdict, with both files named (real: sebastienchesneau/remotemcp)", () => {
    const a = authorization("real-remotemcp", "localhost:3000/mcp");
    expect(a.value).toBe("allow-by-default");
    expect(a.policy).toMatchObject({ name: "POST /mcp", file: "server.js" });
    expect(a.servedBy).toEqual({ linked: true, reason: "url http://localhost:3000/mcp in client.js matches the server defined in server.js:43 (app.listen on port 3000; POST /mcp)", policies: [{ name: "POST /mcp", client: "sdk-typescript", kind: "code", file: "server.js", line: 25 }] });
    // The link is the verdict's first evidence, at the client's URL.
    expect(a.evidence[0]).toEqual({ file: "client.js", line: 9, key: "url", note: a.servedBy?.reason });
  });

  it("an SSE client reaches the server's GET /sse endpoint (real: mads-hartmann/mcp-server-example)", () => {
    const a = authorization("real-sse-example", "localhost:3001/sse");
    expect(a).toMatchObject({ value: "allow-by-default", policy: { name: "GET /sse", file: "src/server.ts" }, servedBy: { linked: true, reason: "url http://localhost:3001/sse in src/client.ts matches the server defined in src/server.ts:42 (app.listen on port 3001; GET /sse)" } });
  });

  it("opencode.json reaches a Bun server's default export (port 8080, hono's ALL /mcp); opencode's own settings policy does not stop the link (real: fveracoechea/playwright-a11y-mcp)", () => {
    const a = authorization("real-bun-export", "playwright-a11y-mcp");
    expect(a).toMatchObject({
      value: "allow-by-default",
      policy: { name: "ALL /mcp", file: "src/server.ts" },
      servedBy: { linked: true, reason: "url http://localhost:8080/mcp in opencode.json matches the server defined in src/server.ts:19 (export default { port, fetch } on port 8080; ALL /mcp)" },
    });
  });

  it(".mcp.json at 127.0.0.1 reaches a server whose endpoint requires a bearer token: default-deny; a path it does not serve is not linked", () => {
    const out = inventoryText(fixture("ts-bearer").model);
    expect(out).toContain(
      "records  [claude-code]  http  .mcp.json:3\n    runs: http://127.0.0.1:3000/mcp\n    served by: url http://127.0.0.1:3000/mcp in .mcp.json matches the server defined in src/server.ts:33 (app.listen on port 3000; POST /mcp)\n    identity: none; authorization: default-deny by 'POST /mcp' [sdk-typescript/code]; traceability: unknown\n",
    );
    expect(out).toContain("elsewhere  [claude-code]  http  .mcp.json:4\n    runs: http://localhost:3000/other\n    identity: none; authorization: unknown; traceability: unknown\n");
  });

  it("agentgateway: the bind's port and each route's path match decide the route; its mcpAuthorization and jwtAuth give the verdict", () => {
    expect(authorization("agentgateway-jwt", "notes")).toMatchObject({
      value: "default-deny",
      policy: { name: "notes", file: "config.yaml" },
      servedBy: { linked: true, reason: "url http://localhost:3000/mcp in .mcp.json matches the gateway defined in config.yaml:2 (agentgateway bind port 3000; policy 'notes' [agentgateway/gateway])" },
    });
    expect(authorization("agentgateway-jwt", "admin")).toMatchObject({ value: "allow-by-default", policy: { name: "admin" }, servedBy: { linked: true } });
    // `/api` is no path either route takes.
    expect(authorization("agentgateway-jwt", "nothing-there")).toMatchObject({ value: "unknown" });
    expect(authorization("agentgateway-jwt", "nothing-there").servedBy).toBeUndefined();
  });

  it("Compose: a published port of a ContextForge service; the URL's path past the origin is not printed", () => {
    const a = authorization("compose-contextforge", "forge");
    expect(a).toMatchObject({
      value: "allow-by-default",
      policy: { name: "mcpgateway", file: "docker-compose.yml" },
      servedBy: { linked: true, reason: "url http://localhost:4444 in .vscode/mcp.json matches the gateway defined in docker-compose.yml:5 (Compose service 'mcpgateway' publishes 4444:4444; policy 'mcpgateway' [contextforge/gateway])" },
    });
    // Its audit setting is the client server's traceability too.
    const model = fixture("compose-contextforge").model;
    const forge = model.servers.find((s) => s.name === "forge") as McpServer;
    expect(verdictOf(model, forge).traceability.value).toBe("absent");
  });
});

describe("a Compose service reached by its name", () => {
  const compose = (flags: string) => `services:\n  gateway:\n    image: docker/mcp-gateway:v2\n    ports: ["8811:8811"]\n    command: ["--transport=sse", "--servers=duckduckgo", "--port=8811"${flags}]\n`;
  const librechat = { path: "librechat.yaml", text: "version: 1.2.1\nmcpServers:\n  tools:\n    type: sse\n    url: http://gateway:8811/sse\n" };

  it("LibreChat calling the Docker MCP gateway of its Compose file: the gateway's policy and its --log-calls setting", () => {
    const model = scanSources([{ path: "compose.yaml", text: compose(', "--log-calls=false"') }, librechat]).model;
    const v = verdictOf(model, model.servers.find((s) => s.name === "tools") as McpServer);
    expect(v.authorization).toMatchObject({ value: "default-deny", policy: { name: "gateway", file: "compose.yaml" }, servedBy: { linked: true, reason: "url http://gateway:8811 in librechat.yaml matches the gateway defined in compose.yaml:3 (Compose service 'gateway' port 8811; policy 'gateway' [docker-mcp/gateway])" } });
    expect(v.traceability).toEqual({ value: "absent", evidence: [{ file: "compose.yaml", line: 5, key: "--log-calls", note: "gateway: --log-calls=false: the gateway does not log tool calls" }] });
  });

  it("unauthenticated-remote is not reported where the gateway asks every caller for a token, and is where it lets them in", () => {
    const rules = (flags: string) => scanSources([{ path: "compose.yaml", text: compose(flags) }, librechat]).findings.filter((f) => f.ruleId === "unauthenticated-remote").map((f) => `${f.loc.file}:${f.loc.line}`);
    expect(rules("")).toEqual([]);
    expect(rules(', "--allow-unauthenticated"')).toEqual(["librechat.yaml:5"]);
  });
});

describe("not linked where the files cannot tell", () => {
  it("a port from the environment with a default is named, not linked (real: iconicompany/web-search)", () => {
    const a = authorization("real-env-port", "localhost:3000/mcp");
    expect(a.value).toBe("unknown");
    expect(a.policy).toBeUndefined();
    expect(a.servedBy).toEqual({
      linked: false,
      reason: "url http://localhost:3000/mcp in src/client.ts may reach the server defined in src/index.ts:44 (app.listen on port 3000; POST /mcp), but its port is not certain (PORT from the environment, 3000 when unset): not linked",
      policies: [],
    });
    expect(inventoryText(fixture("real-env-port").model)).toContain("    served by: unknown — url http://localhost:3000/mcp in src/client.ts may reach");
  });

  it("two servers of a monorepo on the same port and path: not linked, both named", () => {
    const a = authorization("two-servers", "dev");
    expect(a.value).toBe("unknown");
    expect(a.servedBy?.linked).toBe(false);
    expect(a.servedBy?.reason).toBe(
      "url http://localhost:3000/mcp in .mcp.json matches 2 definitions (the server defined in packages/a/src/server.ts:15 (app.listen on port 3000; POST /mcp); the server defined in packages/b/src/server.ts:15 (app.listen on port 3000; POST /mcp)): not linked, the files cannot tell which one it reaches",
    );
  });

  const server = (listen: string) => `import express from "express";\nimport { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";\nimport { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";\nconst app = express();\nconst server = new McpServer({ name: "s", version: "1" });\napp.post("/mcp", async (req, res) => { const t = new StreamableHTTPServerTransport({}); await server.connect(t); await t.handleRequest(req, res, req.body); });\n${listen}\n`;
  const client = `{ "mcpServers": { "dev": { "type": "http", "url": "http://localhost:3000/mcp" } } }\n`;
  const linkOf = (files: { path: string; text: string }[], name = "dev") => {
    const model = scanSources(files).model;
    return verdictOf(model, model.servers.find((s) => s.name === name) as McpServer).authorization.servedBy;
  };

  it.each([
    ["app.listen(3000);", true],
    ["const PORT = 3000;\napp.listen(PORT, () => {});", true],
    ['app.listen("3000");', true],
    ["app.listen({ port: 3000, host: '127.0.0.1' });", true],
    ["serve({ fetch: app.fetch, port: 3000 });", true],
    ["app.listen(Number(process.env.PORT ?? 3000));", false],
    ["const port = process.env.PORT || 3000;\napp.listen(port);", false],
    // The typescript-sdk examples' form.
    ["const MCP_PORT = process.env.MCP_PORT ? parseInt(process.env.MCP_PORT, 10) : 3000;\napp.listen(MCP_PORT, () => {});", false],
  ])("the port of %s", (listen, linked) => {
    expect(linkOf([{ path: "src/server.ts", text: server(listen) }, { path: ".mcp.json", text: client }])?.linked).toBe(linked);
  });

  it("a port from the environment names the variable and its default", () => {
    const listen = "const MCP_PORT = process.env.MCP_PORT ? parseInt(process.env.MCP_PORT, 10) : 3000;\napp.listen(MCP_PORT, () => {});";
    expect(linkOf([{ path: "src/server.ts", text: server(listen) }, { path: ".mcp.json", text: client }])?.reason).toContain("its port is not certain (MCP_PORT from the environment, 3000 when unset): not linked");
  });

  it.each([
    ["a port the code does not show", "app.listen(port);"],
    ["two ports", "app.listen(3000);\napp.listen(4000);"],
    ["another port", "app.listen(3001);"],
  ])("no link for %s", (_, listen) => {
    expect(linkOf([{ path: "src/server.ts", text: server(listen) }, { path: ".mcp.json", text: client }])).toBeUndefined();
  });

  it("a client of another project of the tree (its own dot folder's parent) is not linked to this one's server", () => {
    const files = [
      { path: "app/src/server.ts", text: server("app.listen(3000);") },
      { path: "other/.vscode/mcp.json", text: `{ "servers": { "dev": { "type": "http", "url": "http://localhost:3000/mcp" } } }\n` },
      { path: "app/.vscode/mcp.json", text: `{ "servers": { "mine": { "type": "http", "url": "http://localhost:3000/mcp" } } }\n` },
    ];
    expect(linkOf(files)).toBeUndefined();
    expect(linkOf(files, "mine")?.linked).toBe(true);
  });

  it("a code client links within its package (nearest package.json), not to a sibling package", () => {
    const clientCode = `import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";\nconst t = new StreamableHTTPClientTransport(new URL("http://localhost:3000/mcp"));\n`;
    const files = [
      { path: "server/package.json", text: "{}\n" },
      { path: "server/src/server.ts", text: server("app.listen(3000);") },
      { path: "client/package.json", text: "{}\n" },
      { path: "client/src/client.ts", text: clientCode },
      { path: "server/test/client.ts", text: clientCode },
    ];
    const model = scanSources(files).model;
    const links = [...model.servers].filter((s) => s.scope === "code" && s.url).map((s) => [s.file, verdictOf(model, s).authorization.servedBy?.linked]);
    expect(links).toEqual([
      ["client/src/client.ts", undefined],
      ["server/test/client.ts", true],
    ]);
  });

  it("Compose ports: host_ip of another address, a range and a port left to Docker give no loopback listener; ${PORT:-n} is not certain", () => {
    const compose = (ports: string) => `services:\n  forge:\n    image: ghcr.io/ibm/mcp-context-forge:0.7.0\n    ports:\n${ports}\n    environment:\n      - AUTH_REQUIRED=true\n`;
    const mcp = (url: string) => ({ path: ".mcp.json", text: `{ "mcpServers": { "dev": { "type": "http", "url": "${url}" } } }\n` });
    const at = (ports: string, url: string) => linkOf([{ path: "compose.yaml", text: compose(ports) }, mcp(url)]);
    expect(at(`      - "127.0.0.1:8080:4444"`, "http://localhost:8080/mcp")?.linked).toBe(true);
    expect(at(`      - target: 4444\n        published: "8080"\n        host_ip: 0.0.0.0`, "http://localhost:8080/mcp")?.linked).toBe(true);
    expect(at(`      - "10.0.0.5:8080:4444"`, "http://localhost:8080/mcp")).toBeUndefined();
    expect(at(`      - "8080-8081:4444-4445"`, "http://localhost:8080/mcp")).toBeUndefined();
    expect(at(`      - "4444"`, "http://localhost:4444/mcp")).toBeUndefined();
    expect(at(`      - "\${FORGE_PORT:-8080}:4444"`, "http://localhost:8080/mcp")).toMatchObject({ linked: false, reason: expect.stringContaining("its port is not certain (FORGE_PORT from the environment, 8080 when unset)") });
    // Inside the Compose network, by the service's name and the container's port.
    expect(at(`      - "8080:4444"`, "http://forge:4444/mcp")?.linked).toBe(true);
    expect(at(`      - "8080:4444"`, "http://forge:8080/mcp")).toBeUndefined();
  });

  it("a credential in the URL (user part, query, a path past the listener's) is never printed in the reason", () => {
    const files = [
      { path: "src/server.ts", text: server("app.listen(3000);") },
      { path: ".mcp.json", text: `{ "mcpServers": { "dev": { "type": "http", "url": "http://user:hunter2-pass@localhost:3000/mcp?key=qq-secret-value" } } }\n` },
    ];
    const reason = linkOf(files)?.reason ?? "";
    expect(reason).toContain("url http://localhost:3000/mcp in .mcp.json");
    expect(reason).not.toMatch(/hunter2|qq-secret/);
    const gateway = [
      { path: "config.yaml", text: "binds:\n- port: 3000\n  listeners:\n  - routes:\n    - backends:\n      - mcp:\n          targets:\n          - name: a\n            mcp: { host: http://a.internal:8080/mcp }\n" },
      { path: ".mcp.json", text: `{ "mcpServers": { "dev": { "type": "http", "url": "http://localhost:3000/s/zz-secret-path/mcp" } } }\n` },
    ];
    expect(linkOf(gateway)?.reason).toBe("url http://localhost:3000 in .mcp.json matches the gateway defined in config.yaml:2 (agentgateway bind port 3000; policy 'binds[0].listeners[0].routes[0]' [agentgateway/gateway])");
  });
});

describe("every inventory format shows the link", () => {
  it("JSON (verdict and the policy's listeners), text, markdown and HTML", async () => {
    const dir = path.join(FIXTURES, "served-links", "ts-bearer");
    const reason = "url http://127.0.0.1:3000/mcp in .mcp.json matches the server defined in src/server.ts:33 (app.listen on port 3000; POST /mcp)";
    const json = JSON.parse((await cli(["inventory", ".", "--format", "json"], dir)).stdout) as { servers: { name: string; verdict: { authorization: Auth } }[]; policies: Record<string, unknown>[] };
    expect(json.servers.find((s) => s.name === "records")?.verdict.authorization.servedBy?.reason).toBe(reason);
    expect(json.policies[0]?.["listens"]).toEqual([{ host: "loopback", port: 3000, path: "/mcp", what: "app.listen on port 3000", line: 33 }]);
    expect((await cli(["inventory", "."], dir)).stdout).toContain(`    served by: ${reason}\n`);
    const markdown = (await cli(["inventory", ".", "--format", "markdown"], dir)).stdout;
    expect(markdown).toContain("| records | claude-code | ⚪ no credential | 🟢 default-deny (POST /mcp) |");
    expect(markdown).toContain("- authorization: url http://127.0.0.1:3000/mcp in .mcp.json matches the server defined in src/server.ts:33 (app.listen on port 3000; POST /mcp) — `.mcp.json:3` url");
    const html = (await cli(["inventory", ".", "--format", "html"], dir)).stdout;
    expect(html).toContain(".mcp.json:3 url: url http://127.0.0.1:3000/mcp in .mcp.json matches the server defined in src/server.ts:33");
  });
});

describe("cost", () => {
  it("grows with the servers and listeners, not with their product (one index by host and port)", () => {
    const make = (n: number) => {
      const servers = Array.from({ length: n }, (_, i) => ({ id: `c${i}`, name: `c${i}`, client: "claude-code", file: `p${i}/.mcp.json`, scope: "project", url: { raw: "http://localhost:3000/mcp", ref: { kind: "literal" } }, governs: [] }) as unknown as McpServer);
      const policies = Array.from({ length: n }, (_, i) => ({ id: `g${i}`, kind: "gateway", name: `g${i}`, client: "agentgateway", file: `p${i}/config.yaml`, governs: [], listens: [{ host: "loopback", port: 3000, what: "x", loc: { file: `p${i}/config.yaml`, line: 1, column: 1, endLine: 1, endColumn: 2 } }] }) as unknown as Policy);
      return () => servedLinks(servers, policies);
    };
    expect(costRatio(make(500), make(5000), 25)).toBeLessThan(25);
  });
});
