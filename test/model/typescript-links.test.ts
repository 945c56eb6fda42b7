/**
 * The authentication in front of an HTTP MCP endpoint decided in another
 * file: a Next.js middleware (matcher included) in front of an app's MCP
 * route, an express router mounted by another file. What the user sees:
 * the missing-default-deny findings (file, line, column) and the policy.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { scanSources } from "../../src/api.js";
import { sourcesContext } from "../../src/engine/link-context.js";
import { pathPattern } from "../../src/model/adapters/next-middleware.js";

const root = path.resolve(__dirname, "../../fixtures/typescript");

function folder(name: string): { path: string; text: string }[] {
  const out: { path: string; text: string }[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const abs = path.join(dir, e.name);
      if (e.isDirectory()) walk(abs);
      else out.push({ path: path.relative(path.join(root, name), abs).split(path.sep).join("/"), text: fs.readFileSync(abs, "utf8") });
    }
  };
  walk(path.join(root, name));
  return out;
}

type Sources = readonly { path: string; text: string }[];
const scan = (sources: Sources) => scanSources(sources);
const openEndpoints = (sources: Sources) =>
  scan(sources)
    .findings.filter((f) => f.ruleId === "missing-default-deny")
    .map((f) => `${f.loc.file}:${f.loc.line}:${f.loc.column}`);
const policies = (sources: Sources) => scan(sources).model.policies.filter((p) => p.kind === "code").map((p) => `${p.file} ${p.name} ${p.defaultDecision}`);

const ROUTE = `import { createMcpHandler } from "mcp-handler";
const handler = createMcpHandler((server) => {
  server.tool("delete_note", "Delete a note", {}, async () => ({ content: [] }));
}, {}, { basePath: "/api" });
export { handler as GET, handler as POST };
`;
const route = (file = "app/api/[transport]/route.ts") => ({ path: file, text: ROUTE });

describe("Next.js middleware in front of an MCP route", () => {
  it("a middleware that checks the bearer token on /api/:path* guards the mcp-handler route (fixture)", () => {
    const sources = folder("next-middleware-guard");
    expect(openEndpoints(sources)).toEqual([]);
    const p = scan(sources).model.policies.find((x) => x.kind === "code");
    expect(p).toMatchObject({ name: "ANY /api/mcp", defaultDecision: "deny", authn: { required: true } });
    expect(p?.defaultReason).toContain("Next.js middleware middleware.ts: the middleware checks a credential header");
  });

  it("a middleware whose matcher leaves /mcp out does not count (fixture)", () => {
    expect(openEndpoints(folder("next-middleware-excluded"))).toEqual(["app/mcp/route.ts:4:17"]);
  });

  it("Clerk's auth.protect() for the routes of createRouteMatcher guards /mcp; a public /api/mcp stays open (fixtures)", () => {
    expect(openEndpoints(folder("next-clerk"))).toEqual([]);
    expect(policies(folder("next-clerk"))).toEqual(["src/app/[transport]/route.ts ANY /mcp deny"]);
    expect(openEndpoints(folder("next-clerk-public"))).toEqual(["app/api/mcp/route.ts:4:23"]);
  });

  it("without the middleware the same route is an error", () => {
    expect(openEndpoints([route()])).toEqual(["app/api/[transport]/route.ts:4:20"]);
  });

  it("next-auth's auth re-exported as the middleware, no matcher: guarded", () => {
    const mw = { path: "middleware.ts", text: `export { auth as middleware } from "@/auth";\n` };
    expect(openEndpoints([route(), mw])).toEqual([]);
    expect(policies([route(), mw])).toEqual(["app/api/[transport]/route.ts ANY /api/mcp deny"]);
  });

  it("next-auth v5's NextAuth(authConfig).auth as the default export guards what its matcher covers", () => {
    const mw = { path: "middleware.ts", text: `import NextAuth from "next-auth";\nimport { authConfig } from "./auth.config";\n\nexport default NextAuth(authConfig).auth;\n\nexport const config = {\n  matcher: ["/((?!_next/static|_next/image|.*\\\\.png$).*)"],\n};\n` };
    expect(policies([route(), mw])).toEqual(["app/api/[transport]/route.ts ANY /api/mcp deny"]);
    const destructured = { path: "middleware.ts", text: `import NextAuth from "next-auth";\nimport { authConfig } from "./auth.config";\nconst { auth } = NextAuth(authConfig);\nexport default auth;\n` };
    expect(policies([route(), destructured])).toEqual(["app/api/[transport]/route.ts ANY /api/mcp deny"]);
    // v4's withAuth(fn, options) and v5's auth(fn): the session is checked before fn runs.
    const wrapped = { path: "middleware.ts", text: `import { withAuth } from "next-auth/middleware";\nexport default withAuth(function middleware(req) {\n  console.log(req.nextauth.token);\n}, { callbacks: { authorized: ({ token }) => !!token } });\n` };
    expect(policies([route(), wrapped])).toEqual(["app/api/[transport]/route.ts ANY /api/mcp deny"]);
    // The tutorial's matcher leaves /api out: the MCP route stays open.
    expect(openEndpoints([route(), { ...mw, text: mw.text.replace("(?!_next", "(?!api|_next") }])).toEqual(["app/api/[transport]/route.ts:4:20"]);
  });

  it("Next 16's proxy.ts that answers 401 guards; a src/ app reads src/middleware.ts, not the root one", () => {
    const proxy = { path: "proxy.ts", text: `export function proxy(request) {\n  if (!request.cookies.get("session")) return new Response("no", { status: 401 });\n}\n` };
    expect(openEndpoints([route(), proxy])).toEqual([]);
    const rootMw = { path: "middleware.ts", text: `export { default } from "next-auth/middleware";\n` };
    expect(openEndpoints([route("src/app/api/[transport]/route.ts"), rootMw])).toEqual(["src/app/api/[transport]/route.ts:4:20"]);
    expect(openEndpoints([route("src/app/api/[transport]/route.ts"), { ...rootMw, path: "src/middleware.ts" }])).toEqual([]);
  });

  it("a middleware that may guard (bare clerkMiddleware(), a project helper, a path test) makes it unknown, not an error", () => {
    const cases = [
      `import { clerkMiddleware } from "@clerk/nextjs/server";\nexport default clerkMiddleware();\nexport const config = { matcher: ["/((?!_next).*)", "/(api|trpc)(.*)"] };\n`,
      `import { withTenant } from "./lib/tenant";\nexport async function middleware(req) {\n  return withTenant(req);\n}\n`,
      `import { NextResponse } from "next/server";\nexport function middleware(req) {\n  if (req.nextUrl.pathname.startsWith("/admin") && !req.headers.get("authorization")) return new NextResponse(null, { status: 401 });\n}\n`,
      `import { auth } from "./auth";\nimport { matchers } from "./routes";\nexport default auth;\nexport const config = { matcher: matchers };\n`,
    ];
    for (const text of cases) {
      const sources = [route(), { path: "middleware.ts", text }];
      expect(openEndpoints(sources), text).toEqual([]);
      expect(policies(sources), text).toEqual(["app/api/[transport]/route.ts ANY /api/mcp unknown"]);
    }
  });

  it("a middleware that authenticates nothing (i18n, a rewrite) leaves the error", () => {
    const cases = [
      `import createMiddleware from "next-intl/middleware";\nimport { routing } from "./i18n/routing";\nexport default createMiddleware(routing);\n`,
      `import { NextResponse } from "next/server";\nexport function middleware(request) {\n  if (request.nextUrl.pathname === "/mcp") return NextResponse.rewrite(new URL("/api/mcp", request.url));\n  return NextResponse.next();\n}\n`,
    ];
    for (const text of cases) expect(openEndpoints([route(), { path: "middleware.ts", text }]), text).toEqual(["app/api/[transport]/route.ts:4:20"]);
  });

  it("a middleware.js that is no Next.js middleware (an express one) is not read as one", () => {
    const express = { path: "middleware.js", text: `module.exports = function (req, res, next) {\n  if (!req.headers.authorization) return res.status(401).end();\n  next();\n};\n` };
    expect(openEndpoints([route(), express])).toEqual(["app/api/[transport]/route.ts:4:20"]);
    const named = { path: "middleware.js", text: `export default function middleware(req) {\n  if (!req.headers.get("authorization")) return new Response(null, { status: 401 });\n}\n` };
    expect(openEndpoints([route(), named])).toEqual([]);
  });

  it("reads Next.js matchers as path-to-regexp does", () => {
    const m = (source: string, p: string) => pathPattern(source)?.test(p);
    expect([m("/api/:path*", "/api"), m("/api/:path*", "/api/mcp"), m("/api/:path*", "/apimcp")]).toEqual([true, true, false]);
    expect([m("/((?!api|_next/static).*)", "/api/mcp"), m("/((?!api|_next/static).*)", "/mcp")]).toEqual([false, true]);
    expect([m("/(api|trpc)(.*)", "/api/mcp"), m("/mcp(.*)", "/mcp"), m("/mcp(.*)", "/mcpx"), m("/mcp", "/mcp/x")]).toEqual([true, true, true, false]);
    expect(m("/:path+", "/")).toBe(false);
    // Case is ignored, as path-to-regexp does by default (the pattern is compiled without the `i` flag, see pathPattern).
    expect([m("/API/:path*", "/api/mcp"), m("/api/:path*", "/API/MCP"), m("/((?!api).*)", "/API/mcp"), m("/(mcp|sse)", "/MCP")]).toEqual([true, true, false, true]);
  });
});

describe("express routers mounted by another file", () => {
  it("a router mounted behind requireBearerAuth is guarded, on the mount's path (fixture)", () => {
    const sources = folder("express-router-mounted");
    expect(openEndpoints(sources)).toEqual([]);
    expect(policies(sources)).toEqual(["src/routes/mcp.ts POST /mcp deny"]);
  });

  it("a router mounted with nothing in front of it is an error at its route (fixture)", () => {
    const r = scan(folder("express-router-open"));
    const f = r.findings.filter((x) => x.ruleId === "missing-default-deny");
    expect(f.map((x) => `${x.loc.file}:${x.loc.line}:${x.loc.column}`)).toEqual(["src/routes/mcp.ts:7:13"]);
    expect(f[0]?.message).toContain("src/index.js:9 mounts mcpRoutes with no authentication in front of it");
  });

  it("a router maker called at the mount, behind app.use(auth) (fixture)", () => {
    expect(policies(folder("express-router-maker"))).toEqual(["src/mcp-router.ts ALL /api/mcp deny"]);
  });

  it("a hono sub-app mounted with app.route() behind bearerAuth is guarded; mounted bare it stays an error (fixture)", () => {
    const sources = folder("hono-subapp-mounted");
    expect(openEndpoints(sources)).toEqual([]);
    expect(policies(sources)).toEqual(["src/mcp.ts ALL /mcp deny"]);
    const bare = sources.map((s) => (s.path === "src/index.ts" ? { ...s, text: s.text.replace(/^app\.use\("\/mcp\/\*".*$/m, "") } : s));
    expect(openEndpoints(bare)).toEqual(["src/mcp.ts:8:9"]);
    expect(openEndpoints(sources.filter((s) => s.path === "src/mcp.ts"))).toEqual(["src/mcp.ts:8:9"]);
  });

  it("a fastify plugin registered behind an onRequest auth hook is guarded, on the register prefix (fixture)", () => {
    const sources = folder("fastify-plugin-registered");
    expect(openEndpoints(sources)).toEqual([]);
    expect(policies(sources)).toEqual(["src/plugins/mcp.ts POST /v1/mcp deny"]);
  });

  it("an exported setup function given an app with no auth in front: an error; a test file's app does not count (fixture)", () => {
    const sources = folder("express-setup-function");
    const r = scan(sources);
    const f = r.findings.filter((x) => x.ruleId === "missing-default-deny");
    expect(f.map((x) => `${x.loc.file}:${x.loc.line}:${x.loc.column}`)).toEqual(["src/mcp/http.js:5:11"]);
    expect(f[0]?.message).toContain("src/index.js:11 mounts setupMcpEndpoint(app) with no authentication in front of it");
    const guarded = sources.map((s) => (s.path === "src/index.js" ? { ...s, text: s.text.replace("app.use(express.json());", "app.use(express.json());\napp.use(requireApiKey);") } : s));
    expect(policies(guarded)).toEqual(["src/mcp/http.js ALL /mcp deny"]);
    // Only the test's bare app passes it in: not known, as before.
    expect(policies(sources.filter((s) => s.path !== "src/index.js"))).toEqual(["src/mcp/http.js ALL /mcp unknown"]);
  });

  const router = { path: "src/routes/mcp.ts", text: folder("express-router-mounted").find((s) => s.path === "src/routes/mcp.ts")?.text ?? "" };
  it("not mounted by any scanned file: still unknown", () => {
    expect(policies([router])).toEqual(["src/routes/mcp.ts POST / unknown"]);
  });

  it("mounted twice, once without a guard: an error", () => {
    const app = { path: "src/app.ts", text: `import express from "express";\nimport { mcpRouter } from "./routes/mcp";\nconst app = express();\napp.use("/mcp", requireAuth, mcpRouter);\napp.use("/public/mcp", mcpRouter);\n` };
    expect(openEndpoints([router, app])).toEqual(["src/routes/mcp.ts:7:16"]);
    expect(policies([router, app])).toEqual(["src/routes/mcp.ts POST /public/mcp allow"]);
  });

  it("a router mounted on another exported router follows that router's own mount", () => {
    const v1 = { path: "src/routes/v1/index.ts", text: `import { Router } from "express";\nimport { mcpRouter } from "../mcp";\nconst router: Router = Router();\nrouter.use("/tools", mcpRouter);\nexport default router;\n` };
    const app = (mount: string) => ({ path: "src/app.ts", text: `import express from "express";\nimport v1 from "./routes/v1/index.js";\nconst app = express();\n${mount}\napp.listen(3000);\n` });
    // Only the middle file: its router's mount is not scanned, so not known (no error).
    expect(policies([router, v1])).toEqual(["src/routes/mcp.ts POST / unknown"]);
    expect(policies([router, v1, app(`app.use("/mcp", requireAuth, v1);`)])).toEqual(["src/routes/mcp.ts POST /mcp/tools deny"]);
    expect(openEndpoints([router, v1, app(`app.use("/mcp", v1);`)])).toEqual(["src/routes/mcp.ts:7:16"]);
    const r = scan([router, v1, app(`app.use("/mcp", v1);`)]);
    expect(r.model.policies.find((p) => p.kind === "code")?.defaultReason).toBe("HTTP MCP endpoint /mcp/tools has no authentication middleware (src/app.ts:4 mounts v1 with no authentication in front of it)");
  });

  it("a mount on an app passed in as a parameter follows the caller; not exported: not known", () => {
    const mount = { path: "src/http/mcp-routes.ts", text: `import { mcpRouter } from "../routes/mcp";\nexport function mountRoutes(app) {\n  app.use("/mcp", mcpRouter);\n}\n` };
    const main = (before: string) => ({ path: "src/main.ts", text: `import express from "express";\nimport { mountRoutes } from "./http/mcp-routes";\nconst app = express();\n${before}mountRoutes(app);\napp.listen(3000);\n` });
    expect(policies([router, mount])).toEqual(["src/routes/mcp.ts POST / unknown"]);
    expect(policies([router, mount, main("app.use(verifyToken);\n")])).toEqual(["src/routes/mcp.ts POST /mcp deny"]);
    expect(openEndpoints([router, mount, main("")])).toEqual(["src/routes/mcp.ts:7:16"]);
    expect(policies([router, { ...mount, text: mount.text.replace("export function", "function") + "mountRoutes(globalThis.app);\n" }])).toEqual(["src/routes/mcp.ts POST / unknown"]);
  });

  it("an import of another module's mcpRouter name does not count", () => {
    const app = { path: "src/app.ts", text: `import express from "express";\nimport { mcpRouter } from "./other/mcp";\nconst app = express();\napp.use("/mcp", mcpRouter);\n` };
    expect(policies([router, app])).toEqual(["src/routes/mcp.ts POST / unknown"]);
  });
});

describe("an mcp-handler handler made in a library file and served by a Next.js route file", () => {
  const lib = { path: "src/lib/mcp.ts", text: `import { createMcpHandler } from "mcp-handler";\n\nexport const mcpHandler = createMcpHandler((server) => {\n  server.tool("drop_table", "Drop a table", {}, async () => ({ content: [] }));\n});\n` };
  const routeFile = (text: string) => ({ path: "src/app/[transport]/route.ts", text });
  const reexport = routeFile(`import { mcpHandler } from "@/lib/mcp";\n\nexport { mcpHandler as GET, mcpHandler as POST };\n`);

  it("re-exported as the route methods with nothing in front: an error at the handler, naming the route file", () => {
    const r = scan([lib, reexport]);
    const f = r.findings.filter((x) => x.ruleId === "missing-default-deny");
    expect(f.map((x) => `${x.loc.file}:${x.loc.line}:${x.loc.column}`)).toEqual(["src/lib/mcp.ts:3:27"]);
    expect(f[0]?.message).toContain("src/app/[transport]/route.ts:3 serves mcpHandler with no authentication in front of it");
    expect(policies([lib])).toEqual(["src/lib/mcp.ts ANY /mcp unknown"]);
  });

  it("wrapped in withMcpAuth(..., { required: true }), checked first, or behind the app's middleware: guarded", () => {
    const wrapped = routeFile(`import { withMcpAuth } from "mcp-handler";\nimport { mcpHandler } from "../../lib/mcp";\nimport { verifyToken } from "@/lib/auth";\nconst handler = withMcpAuth(mcpHandler, verifyToken, { required: true });\nexport { handler as GET, handler as POST };\n`);
    expect(policies([lib, wrapped])).toEqual(["src/lib/mcp.ts ANY /mcp deny"]);
    expect(policies([lib, { ...wrapped, text: wrapped.text.replace("{ required: true }", "{ required: false }") }])).toEqual(["src/lib/mcp.ts ANY /mcp unknown"]);
    const lax = scanSources([lib, { ...wrapped, text: wrapped.text.replace(", { required: true }", "") }]);
    expect(lax.model.policies.map((p) => `${p.defaultDecision}: ${p.defaultReason}`)).toEqual([
      "unknown: HTTP MCP endpoint /mcp has an authentication layer, 'withMcpAuth without required in src/app/[transport]/route.ts:5', that lets a request without credentials through (optional authentication); what the route does with an anonymous caller decides the authentication in front of it",
    ]);
    expect(lax.findings.filter((f) => f.ruleId === "missing-default-deny")).toEqual([]);
    const checked = routeFile(`import { mcpHandler } from "@/lib/mcp";\nimport { auth } from "@/auth";\nexport async function POST(req: Request) {\n  const session = await auth();\n  if (!session) return new Response(null, { status: 401 });\n  return mcpHandler(req);\n}\n`);
    expect(policies([lib, checked])).toEqual(["src/lib/mcp.ts ANY /mcp deny"]);
    const mw = { path: "src/middleware.ts", text: `export { auth as middleware } from "@/auth";\nexport const config = { matcher: ["/mcp", "/sse"] };\n` };
    expect(policies([lib, reexport, mw])).toEqual(["src/lib/mcp.ts ANY /mcp deny"]);
    expect(policies([lib, reexport, { ...mw, text: mw.text.replace('["/mcp", "/sse"]', '["/dashboard/:path*"]') }])).toEqual(["src/lib/mcp.ts ANY /mcp allow"]);
  });
});

describe("a file that mounts a router without a word of MCP in it (not parsed in the first pass) is read for its links", () => {
  const api = { path: "src/routes/api.ts", text: `import { Router } from "express";\nimport { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";\nexport const api = Router();\napi.post("/mcp", async (req, res) => {\n  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });\n  await transport.handleRequest(req, res, req.body);\n});\n` };
  const app = (mount: string) => ({ path: "src/app.ts", text: `import express from "express";\nimport { api } from "./routes/api";\nconst app = express();\n${mount}\napp.listen(3000);\n` });

  it("mounted bare: the error, on the mounted path; behind auth: guarded", () => {
    expect(openEndpoints([api, app(`app.use("/v1", api);`)])).toEqual(["src/routes/api.ts:4:10"]);
    expect(policies([api, app(`app.use("/v1", api);`)])).toEqual(["src/routes/api.ts POST /v1/mcp allow"]);
    expect(policies([api, app(`app.use("/v1", requireAuth, api);`)])).toEqual(["src/routes/api.ts POST /v1/mcp deny"]);
    // Not mounted by any file: as before, not known.
    expect(policies([api])).toEqual(["src/routes/api.ts POST /mcp unknown"]);
  });

  it("through a router of another file that names no MCP either", () => {
    const v1 = { path: "src/routes/v1.ts", text: `import { Router } from "express";\nimport { api } from "./api";\nexport const v1 = Router();\nv1.use("/tools", api);\n` };
    const main = (mount: string) => ({ path: "src/main.ts", text: `import express from "express";\nimport { v1 } from "./routes/v1";\nconst app = express();\n${mount}\n` });
    expect(policies([api, v1, main(`app.use("/v1", v1);`)])).toEqual(["src/routes/api.ts POST /v1/tools/mcp allow"]);
    expect(policies([api, v1, main(`app.use("/v1", requireAuth, v1);`)])).toEqual(["src/routes/api.ts POST /v1/tools/mcp deny"]);
  });

  it("only the files on the endpoint's way out are asked for their importers, not every file that calls an imported function", () => {
    // Both parsed in the first pass (they name MCP); each calls an imported function inside an exported one.
    const tools = (n: number) => ({ path: `src/tools/t${n}.ts`, text: `import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";\nimport { describeTools } from "./describe";\nexport function register${n}(server: McpServer) {\n  describeTools(server);\n  server.tool("t${n}", async () => ({ content: [] }));\n}\n` });
    const sources = [api, app(`app.use("/v1", api);`), tools(1), tools(2)];
    const asked: string[][] = [];
    const inner = sourcesContext(sources);
    const reader = { files: inner.files, importers: (files: readonly string[]) => (asked.push([...files]), inner.importers(files)) };
    expect(policies(sources)).toEqual(["src/routes/api.ts POST /v1/mcp allow"]);
    scanSources(sources, {}, [], reader);
    expect(asked).toEqual([["src/routes/api.ts"]]);
  });

  it("nothing of the mounting file is reported (its findings came from the first pass)", () => {
    const r = scan([api, app(`app.use("/v1", api);`)]);
    expect(r.findings.map((f) => f.loc.file)).toEqual(["src/routes/api.ts"]);
  });
});

describe("the parse prefilter reads a file that imports a project module named after MCP", () => {
  it("so that the mount in it is seen", async () => {
    const { shouldParse } = await import("../../src/parse/typescript.js");
    expect(["./routes/mcp.js", "../mcp-router", "./mcp/http.js", "./mcpServer"].map((m) => shouldParse(`import x from "${m}";\napp.use(x);\n`))).toEqual([true, true, true, true]);
    expect(shouldParse(`import x from "./routes/mcpx/../other.js";`)).toBe(true);
    expect(shouldParse(`import x from "./routes/admin.js";\nconst u = "https://example.com/mcp-docs/page";\n`)).toBe(false);
  });
});
