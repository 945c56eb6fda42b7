/**
 * TypeScript MCP code at scale: an express app that mounts hundreds of routers
 * (each mount compared with every other `use` call), and the number of times
 * the analysis walks a whole syntax tree.
 */
import { afterEach, describe, expect, it } from "vitest";
import { scanSources } from "../../src/api.js";
import { parseSource } from "../../src/parse/typescript.js";

/** An app with `n` imported routers, a third behind bearer auth, a third mounted beside a local router, a third after a global auth layer. */
function mountingApp(n: number): string {
  const lines = [
    `import express, { Router } from "express";`,
    `import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";`,
    `import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";`,
    `import { requireBearerAuth } from "@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js";`,
    `import passport from "passport";`,
    `const server = new McpServer({ name: "s", version: "1" });`,
    `async function handle(req, res) { const t = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined }); await server.connect(t); await t.handleRequest(req, res, req.body); }`,
    `const app = express();`,
  ];
  for (let i = 0; i < n; i++) lines.push(`import r${i} from "./routes/mcp${i}.js";`, `const local${i} = Router();`, `local${i}.post("/mcp", handle);`);
  for (let i = 0; i < n; i++) {
    if (i % 3 === 0) lines.push(`app.use("/a${i}", requireBearerAuth({ verifier }), r${i});`);
    else if (i % 3 === 1) lines.push(`app.use("/b${i}", r${i}, local${i});`);
    else lines.push(`app.use(passport.authenticate("bearer"));`, `app.use("/c${i}", local${i});`);
  }
  lines.push(`app.post("/mcp", handle);`, `export default local${n - 1};`);
  return `${lines.join("\n")}\n`;
}

/** A file of `n` FastMCP servers, each with a tool and an HTTP start on its own endpoint, every other one with authenticate. */
function fastMcpFile(n: number): string {
  const lines = [`import { FastMCP } from "fastmcp";`];
  for (let i = 0; i < n; i++) {
    lines.push(
      `const s${i} = new FastMCP({ name: "s${i}", version: "1"${i % 2 ? ", authenticate: async () => ({})" : ""} });`,
      `s${i}.addTool({ name: "t${i}", execute: async () => "" });`,
      `s${i}.start({ transportType: "httpStream", httpStream: { port: ${3000 + i}, endpoint: "/mcp${i}" } });`,
    );
  }
  return `${lines.join("\n")}\n`;
}

describe("TypeScript MCP code at scale", () => {
  it("FastMCP servers are each matched with their own calls through an index, not every call of the file", () => {
    const time = (n: number) => {
      const t0 = performance.now();
      const { model } = scanSources([{ path: "src/servers.ts", text: fastMcpFile(n) }]);
      expect(model.policies.filter((p) => p.kind === "code")).toHaveLength(n);
      expect(model.servers.find((s) => s.name === "s1")?.registeredTools?.map((t) => t.name)).toEqual(["t1"]);
      return performance.now() - t0;
    };
    time(3);
    const small = time(300);
    const large = time(1200);
    // Four times the servers: about four times the time (each one looking through every call took sixteen).
    expect(large).toBeLessThan(8 * small + 300);
  });

  it("an app mounting 600 routers is analysed in well under the time it took (14 s)", () => {
    // Loads the parser and the adapters first: only the analysis is timed.
    scanSources([{ path: "src/app.ts", text: mountingApp(3) }]);
    const text = mountingApp(600);
    const t0 = performance.now();
    const { findings, model } = scanSources([{ path: "src/app.ts", text }]);
    const ms = performance.now() - t0;
    // The routers mounted with no auth layer before them (`app.use("/b1", r1, local1)`, ...) report their
    // route once, at the first (local1's, line 14); the app's own route comes after the global auth layer.
    expect(findings.filter((f) => f.ruleId === "missing-default-deny").map((f) => [f.loc.line, f.message])).toEqual([
      [text.split("\n").indexOf(`local1.post("/mcp", handle);`) + 1, "Endpoint 'POST /mcp' (sdk-typescript) fails open: HTTP MCP endpoint /mcp has no authentication middleware. Effective default: allow."],
    ]);
    expect(model.servers.length).toBeGreaterThan(0);
    // Every mount and route compared with every `use` call through native node reads (arguments,
    // receivers, string literals; default imports and exports looked up again over the whole file):
    // 14 s for the CLI, 7.8 s here. Those answers are now kept per node, and per file.
    expect(ms).toBeLessThan(3000);
  });

  describe("whole-tree walks", () => {
    // The parsed tree's node class (parse/ts-tree-snapshot.ts), read off a parsed root.
    const parsed = parseSource("probe.ts", `import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";`);
    if (parsed.kind !== "parsed") throw new Error("tree-sitter is not available");
    const TreeNode = Object.getPrototypeOf(parsed.root) as { descendantsOfType(t: unknown): unknown[] };
    const original = TreeNode.descendantsOfType;
    afterEach(() => {
      TreeNode.descendantsOfType = original;
    });

    it("the analysis of a file walks its whole tree once, whatever it asks of it", () => {
      const roots: unknown[] = [];
      TreeNode.descendantsOfType = function (this: { parent: unknown; type: string }, t: unknown) {
        if (this.parent === null) roots.push(t);
        return original.call(this, t);
      };
      const { model } = scanSources([{ path: "src/app.ts", text: mountingApp(3) }]);
      expect(model.servers.length).toBeGreaterThan(0);
      // Each adapter asked the root for its node types in turn: 15 walks of the tree (50-100 ms each for an 800 KB bundle).
      expect(roots).toHaveLength(1);
    });
  });
});
