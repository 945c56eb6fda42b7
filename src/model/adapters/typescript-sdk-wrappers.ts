/**
 * MCP servers built on the SDK's McpServer through a thin wrapper that owns
 * the transport and the HTTP endpoint, read for the server side of the SDK
 * adapter (typescript-sdk-server.ts):
 *
 * - Vercel's `mcp-handler` (formerly `@vercel/mcp-adapter`):
 *   `createMcpHandler((server) => { server.tool(...) }, { serverInfo }, { basePath })`
 *   serves `${basePath}/mcp`; `withMcpAuth(handler, verifyToken, { required: true })`
 *   guards it (`required` defaults to false: a request without a token is let through, as by an
 *   optional-auth layer, and the endpoint is unknown).
 * - Cloudflare Agents (`agents/mcp`, `agents/mcp/server` in releases built on the v2 SDK):
 *   `class X extends McpAgent { server = new McpServer(...) }`
 *   served by `X.serve("/mcp")`, `X.serveSSE("/sse")` or `X.mount("/sse")`, and the
 *   stateless `createMcpHandler(server, { route })` (default `/mcp`); guarded when it is
 *   the `apiHandler` (or one of the `apiHandlers`) of a workers-oauth-provider `OAuthProvider`.
 *
 * - The v2 SDK's own handler: `createMcpHandler(factory)` of `@modelcontextprotocol/server`
 *   (a web-standard `{ fetch }` object: `export default handler`, `handler.fetch(request)`),
 *   adapted to node's `(req, res)` by `toNodeHandler(handler)` of `@modelcontextprotocol/node`
 *   (an express or fastify route, `http.createServer`), or hono's `mcp(factory)` middleware of
 *   `@modelcontextprotocol/hono`. The routes that call one are read as the adapter's own
 *   endpoints (sdkHandlers gives the evidence); the factory's McpServer is found as any other.
 * - mcp-lite's `new StreamableHttpTransport().bind(server)` (ts-mcp-lite.ts), a fetch-style handler
 *   read the same way.
 *
 * Only names imported from those packages count: a `createMcpHandler` or an
 * `McpAgent` of another module is someone else's.
 */
import type { TsNode } from "../../parse/typescript.js";
import { anonymousLayerReason, optionalAuthReason } from "./optional-auth.js";
import { argsOf, kids, type Resolver } from "./ts-values.js";
import { nodesOfType } from "../../parse/ts-nodes-by-type.js";
import type { NestRoute, RegisteredTool, Transport } from "../types.js";
import { frameworkServers, type NestFeature } from "./typescript-sdk-frameworks.js";
import { xmcpServer } from "./xmcp-config.js";
import { ownEntry } from "../../util/own.js";
import { contains, FUNCTIONS } from "./ts-route-guards.js";
import { liteHandlerCalls } from "./ts-mcp-lite.js";
import { escapeRegExp } from "../../util/escape-regexp.js";

/** A server a wrapper builds: its name, where the name is, and the code that registers its tools. */
export interface WrapperServer {
  readonly name: string;
  readonly nameNode: TsNode;
  readonly node: TsNode;
  readonly scope: TsNode;
  /** Tools the framework registers by its own API (FastMCP's addTool, Mastra's `tools` map). */
  readonly tools?: readonly RegisteredTool[];
  /** The transport its start calls choose, when the framework does (else it serves over HTTP). */
  readonly transport?: Transport;
  /** Classes whose tools it serves, named here and declared here or in other files (NestJS providers). */
  readonly providers?: readonly TsNode[];
}

/** An HTTP endpoint a wrapper serves (read like the adapter's own endpoints). */
export interface WrapperEndpoint {
  readonly call: TsNode;
  readonly method: "ANY";
  readonly path: string;
  readonly pathNode: TsNode;
  readonly guard?: string;
  /** Why it is open, when the code says more than "no authentication". */
  readonly note?: string;
  /** Where the handler is made and used: a route of the app that hands requests to it is that endpoint already. */
  readonly sites: readonly TsNode[];
  /** Why the file that serves it (not this one) decides the authentication in front of it. */
  readonly elsewhere?: string;
  /** The name that file imports it by. */
  readonly router?: string;
  /** A middleware file of the project the framework runs in front of it (xmcp's `src/middleware.ts`), which the links read. */
  readonly middleware?: string;
  /** A route of a NestJS controller mcp-nest makes: the app's entry file may prefix and guard it. */
  readonly nest?: NestRoute;
}

/** How the adapter judges the code around a node: the auth layer of the route or handler it sits in; whether a call authenticates. */
export interface Guards {
  readonly around: (n: TsNode) => string | undefined;
  /** Without a guard around it: an optional-auth layer in front of the route it is the handler of, named. */
  readonly aroundOptional: (n: TsNode) => string | undefined;
  readonly isAuth: (n: TsNode) => boolean;
  /** Whether a layer lets a request without credentials through (`optionalAuth`): no guard, and not known open. */
  readonly isOptional: (n: TsNode) => boolean;
}

const VERCEL = (module: string) => module === "mcp-handler" || module.startsWith("mcp-handler/") || module.startsWith("@vercel/mcp-adapter");
const AGENTS = (module: string) => module === "agents/mcp" || module === "agents/mcp/server";
const AGENT_SERVE = new Set(["serve", "serveSSE", "mount"]);

/** `(X as any)`, `(X)`, `X!`: the expression under the casts and parentheses. */
function uncast(n: TsNode | null): TsNode | null {
  let c = n;
  while (c && ["parenthesized_expression", "as_expression", "satisfies_expression", "non_null_expression"].includes(c.type)) c = kids(c).find((k) => k.type !== "(" && k.type !== ")") ?? null;
  return c;
}

const same = (a: TsNode, b: TsNode) => a.startIndex === b.startIndex && a.endIndex === b.endIndex && a.type === b.type;

export function wrapperServers(r: Resolver, file: string, root: TsNode, calls: readonly TsNode[], guards: Guards): { servers: WrapperServer[]; endpoints: WrapperEndpoint[]; features: NestFeature[] } {
  const servers: WrapperServer[] = [];
  const endpoints: WrapperEndpoint[] = [];
  const agents = agentClasses(r, root);
  for (const a of agents) servers.push(agentServer(r, a));
  for (const call of calls) {
    const f = call.childForFieldName("function");
    const imported = f ? r.importOf(f) : undefined;
    if (imported?.name === "createMcpHandler" && VERCEL(imported.module)) {
      const { server, endpoint } = vercelHandler(r, file, call, calls, guards);
      servers.push(server);
      // Made here and exported for another file to serve: that file decides the guard (withMcpAuth there).
      const router = endpoint.guard === undefined && servedElsewhere(r, file, call) ? exportName(r, call) : undefined;
      endpoints.push(router === undefined ? endpoint : { ...endpoint, elsewhere: `the handler is exported as ${router} for the route that serves it, which decides the authentication in front of it`, router });
    } else if ((imported?.name === "createMcpHandler" || imported?.name === "experimental_createMcpHandler") && AGENTS(imported.module)) {
      const route = r.prop(argsOf(call)[1], "route");
      endpoints.push(agentEndpoint(r, root, call, route ? r.stringOf(route) ?? "*" : "/mcp", route ?? (f as TsNode), guards));
    } else if (f?.type === "member_expression" && AGENT_SERVE.has(r.src(f.childForFieldName("property") as TsNode))) {
      // `X.serve("/mcp")` on an McpAgent class of this file, or on one imported from another file of the project.
      const obj = uncast(f.childForFieldName("object"));
      const pathNode = argsOf(call)[0];
      const path = pathNode ? r.stringOf(pathNode) : undefined;
      if (obj?.type !== "identifier" || !(agents.some((a) => a.name === r.src(obj)) || importedAgent(r, obj, r.src(f.childForFieldName("property") as TsNode), path))) continue;
      endpoints.push(agentEndpoint(r, root, call, path ?? "*", pathNode ?? f, guards));
    }
  }
  // Frameworks that own their server and endpoint (FastMCP, Mastra's MCPServer, NestJS's McpModule, an xmcp config).
  const frameworks = frameworkServers(r, file, root, calls, guards);
  const xmcp = xmcpServer(r, file, root);
  return { servers: [...servers, ...frameworks.servers, ...xmcp.servers], endpoints: [...endpoints, ...frameworks.endpoints, ...xmcp.endpoints], features: frameworks.features };
}

/** The v2 SDK's HTTP handler makers: the imported name, the module it must come from. */
const SDK_HANDLER_MAKERS: Readonly<Record<string, (module: string) => boolean>> = {
  createMcpHandler: (m) => m === "@modelcontextprotocol/server" || m.startsWith("@modelcontextprotocol/server/"),
  toNodeHandler: (m) => m === "@modelcontextprotocol/node",
  mcp: (m) => m === "@modelcontextprotocol/hono",
};

/**
 * The v2 SDK's HTTP handlers made in this file (and mcp-lite's `transport.bind(server)` ones): the calls that make them, and the text that
 * serves MCP through one (a call of a maker, `node(req, res)` or `handler.fetch(request)` on a
 * const bound to one). Undefined evidence when the file makes none.
 */
export function sdkHandlers(r: Resolver, calls: readonly TsNode[]): { readonly calls: TsNode[]; readonly names: ReadonlySet<string>; readonly evidence?: RegExp } {
  const made: TsNode[] = [];
  const makers = new Set<string>();
  const names = new Set<string>();
  const isMaker = (call: TsNode) => {
    const f = call.childForFieldName("function");
    const imported = f ? r.importOf(f) : undefined;
    return imported !== undefined && ownEntry(SDK_HANDLER_MAKERS, imported.name)?.(imported.module) === true;
  };
  for (const call of [...calls.filter(isMaker), ...liteHandlerCalls(r, calls)]) {
    const f = call.childForFieldName("function") as TsNode;
    made.push(call);
    makers.add(r.src(f));
    const bound = r.boundName(call);
    if (bound !== undefined) names.add(bound);
  }
  if (made.length === 0) return { calls: made, names };
  const parts = [...[...makers].map((m) => `${escapeRegExp(m)}\\s*\\(`), ...[...names].map((n) => `(?<![\\w$.])${escapeRegExp(n)}\\s*(?:\\(|\\.\\s*fetch\\b)`)];
  return { calls: made, names, evidence: new RegExp(parts.join("|")) };
}

interface AgentClass {
  readonly name: string;
  readonly nameNode: TsNode;
  readonly node: TsNode;
}

/**
 * `MyMCP.serve("/mcp")` on a class imported from a relative module (`import { MyMCP } from "./mcp"`):
 * the McpAgent is declared in that file (which this one cannot read), so the call must say it is
 * one: serveSSE, or serve/mount on an MCP or SSE path.
 */
function importedAgent(r: Resolver, cls: TsNode, method: string, path: string | undefined): boolean {
  const module = r.importOf(cls)?.module;
  if (module === undefined || !/^\.\.?\//.test(module)) return false;
  return method === "serveSSE" || (path !== undefined && /(?:^|\/)(?:mcp|sse)(?:\/|$)/i.test(path));
}

/** `class X extends McpAgent`, `const X = class extends McpAgent`, with McpAgent imported from agents (AGENTS). */
function agentClasses(r: Resolver, root: TsNode): AgentClass[] {
  const out: AgentClass[] = [];
  for (const cls of nodesOfType(root, ["class_declaration", "class"])) {
    const heritage = kids(cls).find((k) => k.type === "class_heritage");
    const ext = kids(heritage).find((k) => k.type === "extends_clause");
    const base = ext?.childForFieldName("value") ?? kids(heritage)[0];
    const imported = base ? r.importOf(base) : undefined;
    if (imported?.name !== "McpAgent" || !AGENTS(imported.module)) continue;
    const declarator = cls.parent?.type === "variable_declarator" ? cls.parent.childForFieldName("name") : null;
    const nameNode = cls.childForFieldName("name") ?? declarator;
    if (nameNode) out.push({ name: r.src(nameNode), nameNode, node: cls });
  }
  return out;
}

/** The agent's `server = new McpServer({ name })` field names it; else the class does. */
function agentServer(r: Resolver, a: AgentClass): WrapperServer {
  for (const field of a.node.descendantsOfType("public_field_definition")) {
    const key = field.childForFieldName("name");
    const value = field.childForFieldName("value");
    if (!key || r.src(key) !== "server" || value?.type !== "new_expression") continue;
    const nameNode = r.prop(argsOf(value)[0], "name");
    const name = nameNode ? r.value(nameNode) : undefined;
    if (nameNode && name?.ref.kind === "literal") return { name: name.raw, nameNode, node: a.node, scope: a.node };
  }
  return { name: a.name, nameNode: a.nameNode, node: a.node, scope: a.node };
}

/** `createMcpHandler(init, serverOptions, config)` of mcp-handler: the server it builds and the endpoint it serves. */
function vercelHandler(r: Resolver, file: string, call: TsNode, calls: readonly TsNode[], guards: Guards): { server: WrapperServer; endpoint: WrapperEndpoint } {
  const [init, options, config] = argsOf(call);
  const callee = call.childForFieldName("function") as TsNode;
  const basePath = r.prop(config, "basePath");
  const explicit = r.prop(config, "streamableHttpEndpoint");
  const base = basePath ? r.stringOf(basePath) : undefined;
  const path = base !== undefined ? `${base.replace(/\/$/, "")}/mcp` : (explicit && r.stringOf(explicit)) ?? nextRoute(file) ?? "/mcp";
  const nameNode = r.prop(r.prop(options, "serverInfo"), "name");
  const name = nameNode ? r.value(nameNode) : undefined;
  const fn = init ? r.functionOf(init) : undefined;
  const scope = fn && FUNCTIONS.has(fn.type) ? fn : call;
  const server: WrapperServer = name?.ref.kind === "literal" && nameNode ? { name: name.raw, nameNode, node: call, scope } : { name: path, nameNode: callee, node: call, scope };
  const auth = vercelGuard(r, call, calls, guards);
  // An open handler is reported where it is made optional (`required: false`, a withMcpAuth without it), else at its path.
  const { at, ...judged } = auth;
  const endpoint: WrapperEndpoint = { call, method: "ANY", path, pathNode: at ?? basePath ?? explicit ?? callee, ...judged, sites: [call, ...usesOf(r, call)] };
  return { server, endpoint };
}

/**
 * What guards a createMcpHandler handler: `withMcpAuth(handler, verify, { required: true })`
 * (mcp-handler's; without `required: true` it lets a request with no token through), another
 * auth wrapper around it (better-auth's `withMcpAuth(auth, (req) => handler(req))`), or a
 * function that calls it after checking the caller.
 */
function vercelGuard(r: Resolver, handler: TsNode, calls: readonly TsNode[], guards: Guards): { guard?: string; note?: string; at?: TsNode; elsewhere?: string } {
  const note = "createMcpHandler is not wrapped in withMcpAuth(..., { required: true })";
  // withMcpAuth without `required: true`: an optional layer, as the other optional-auth layers are read.
  let lax: { at: TsNode; elsewhere: string } | undefined;
  for (const w of calls) {
    if (w === handler) continue;
    const args = argsOf(w);
    if (!args.some((a) => contains(a, handler) || same(r.deref(a), handler))) continue;
    const wrap = mcpAuthWrap(r, w);
    if (wrap?.required) return { guard: wrap.shown };
    if (wrap) {
      lax ??= { at: wrap.at, elsewhere: wrap.reason };
      continue;
    }
    if (guards.isAuth(w)) return { guard: `${r.src(w.childForFieldName("function") ?? w)}(...)` };
  }
  const around = usesOf(r, handler).map((u) => guards.around(u)).find((g) => g !== undefined) ?? guards.around(handler);
  if (around) return { guard: around };
  const optional = usesOf(r, handler).map((u) => guards.aroundOptional(u)).find((g) => g !== undefined) ?? guards.aroundOptional(handler);
  if (optional) return { elsewhere: optionalAuthReason(optional) };
  return lax ?? { note };
}

/**
 * mcp-handler's `withMcpAuth(handler, verifyToken, { required })` call: with `required: true` (or a
 * value that may be true) it guards the handler, shown as `withMcpAuth(required: true)`. Without it
 * (its default is false) the wrapper answers 401 only when verifyToken throws, and hands a request
 * for which it returns no auth info (one without a token, as verify functions are written) to the
 * handler with no caller, as an optional-auth layer does: what the tools do with an anonymous
 * caller decides, so the endpoint is unknown, for `reason`, reported at `at`.
 */
export function mcpAuthWrap(r: Resolver, call: TsNode): { readonly required: boolean; readonly shown: string; readonly reason: string; readonly at: TsNode } | undefined {
  const f = call.type === "call_expression" ? call.childForFieldName("function") : null;
  const imported = f ? r.importOf(f) : undefined;
  if (!f || !imported || !VERCEL(imported.module) || !/^(?:experimental_)?withMcpAuth$/.test(imported.name)) return undefined;
  const required = r.prop(argsOf(call)[2], "required");
  const shown = r.src(f);
  const how = `leaves required ${required ? "false" : "at its default, false"}, so a request for which verifyToken returns no auth info (as for one without a token) reaches the handler with no caller; what the tools do with an anonymous caller decides the authentication in front of it`;
  const on = required !== undefined && r.deref(required).type !== "false";
  return { required: on, shown: required ? `${shown}(required: ${r.src(required)})` : `${shown} without required`, reason: anonymousLayerReason(shown, how), at: required ?? f };
}

/** An agent's endpoint (`X.serve(path)`, agents' `createMcpHandler`): guarded by an OAuthProvider it is the API handler of, or by the code around it. */
function agentEndpoint(r: Resolver, root: TsNode, call: TsNode, path: string, pathNode: TsNode, guards: Guards): WrapperEndpoint {
  const sites = [call, ...usesOf(r, call)];
  const guard = oauthProviderGuard(r, root, call) ?? sites.map((u) => guards.around(u)).find((g) => g !== undefined);
  const optional = guard ? undefined : sites.map((u) => guards.aroundOptional(u)).find((g) => g !== undefined);
  const callee = r.src(call.childForFieldName("function") ?? call);
  return { call, method: "ANY", path, pathNode, ...(guard ? { guard } : optional ? { elsewhere: optionalAuthReason(optional) } : { note: `${callee} is not the apiHandler of an OAuthProvider` }), sites };
}

/** `new OAuthProvider({ apiHandler: X.serve("/mcp") })` or `apiHandlers: { "/mcp": X.serve("/mcp") }`, directly or through a const. */
function oauthProviderGuard(r: Resolver, root: TsNode, call: TsNode): string | undefined {
  for (const ne of nodesOfType(root, "new_expression")) {
    if (r.calleeName(ne) !== "OAuthProvider") continue;
    const opts = argsOf(ne)[0];
    const handlers = r.prop(opts, "apiHandlers");
    const handlersObj = handlers ? r.deref(handlers) : undefined;
    const candidates = [r.prop(opts, "apiHandler"), ...(handlersObj?.type === "object" ? kids(handlersObj).map((p) => p.childForFieldName("value") ?? p) : [])];
    for (const c of candidates) {
      if (c && (contains(c, call) || contains(r.deref(c), call))) return "OAuthProvider apiHandler";
    }
  }
  return undefined;
}

const HTTP_METHOD = /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)$/;

/**
 * A handler that this file only makes and exports under a name that is no
 * route method (`export const mcpHandler = createMcpHandler(...)` in
 * `lib/mcp.ts`): another file serves it, maybe behind `withMcpAuth`, so
 * this one cannot tell whether it is open (model/code-links.ts joins it to
 * the route file that serves it, when that file is scanned).
 * A Next.js route file, an export as GET/POST or as the default export
 * (pages router), and any use here serve it here.
 */
function servedElsewhere(r: Resolver, file: string, call: TsNode): boolean {
  if (nextRoute(file) !== undefined) return false;
  const declarator = call.parent?.type === "variable_declarator" ? call.parent : undefined;
  const declaredExported = declarator?.parent?.parent?.type === "export_statement";
  const uses = usesOf(r, call);
  const inExport = (u: TsNode) => u.parent?.type === "export_specifier" || (u.parent?.type === "export_statement" && r.src(u.parent).startsWith("export default"));
  if (uses.some((u) => !inExport(u))) return false;
  const aliases = uses.filter((u) => u.parent?.type === "export_specifier").map((u) => r.src(u.parent?.childForFieldName("alias") ?? u));
  if (uses.some((u) => u.parent?.type === "export_statement") || aliases.some((a) => HTTP_METHOD.test(a))) return false;
  return declaredExported ? !HTTP_METHOD.test(r.boundName(call) ?? "") : aliases.length > 0;
}

/** The name a handler is exported under (`export const mcpHandler = ...`, `export { handler as mcpHandler }`). */
function exportName(r: Resolver, call: TsNode): string {
  const alias = usesOf(r, call).find((u) => u.parent?.type === "export_specifier");
  return alias ? r.src(alias.parent?.childForFieldName("alias") ?? alias) : (r.boundName(call) ?? "default");
}

/** Where the const a node is bound to is used (`handler(req)`, `mcp.fetch(...)`). */
function usesOf(r: Resolver, n: TsNode): TsNode[] {
  const name = r.boundName(n);
  if (name === undefined) return [];
  let root = n;
  while (root.parent) root = root.parent;
  return root.descendantsOfType("identifier").filter((id) => r.src(id) === name && id.parent?.type !== "variable_declarator" && same(r.deref(id), n));
}

/** The URL path of a Next.js pages-router API file (`pages/api/mcp.ts`, `pages/api/mcp/index.ts` -> `/api/mcp`). */
export function pagesApiRoute(file: string): string | undefined {
  const m = /(?:^|\/)pages\/(api(?:\/[^/]+)*?)(?:\/index)?\.[cm]?[jt]sx?$/.exec(file);
  return m ? urlPath((m[1] ?? "").split("/")) : undefined;
}

/** mcp-handler's dynamic segment (`[transport]`, `[[...transport]]`) serves `/mcp` (and `/sse`). */
const TRANSPORT_SEGMENT = /^\[{1,2}(?:\.\.\.)?transport\]{1,2}$/;

/** The URL path of a route file's folder segments, with the transport segment read as `mcp`. */
function urlPath(segments: readonly string[]): string {
  return `/${segments.map((s) => (TRANSPORT_SEGMENT.test(s) ? "mcp" : s)).join("/")}`;
}

/** Folders under which an `api/` folder is an app's own module or a package, not a Vercel project's functions. */
const NOT_A_PROJECT_ROOT = new Set(["src", "lib", "server", "app", "routes", "pages", "dist", "build", "packages", "apps", "node_modules", "test", "tests"]);

/**
 * The URL path of a Vercel Function in a project's `api/` folder (`api/mcp.js`, `api/tools/index.ts` ->
 * `/api/mcp`, `/api/tools`), which Vercel serves at that path, its default export taking `(req, res)`
 * as a pages-router API route does. Undefined under a folder that makes `api/` an app's module.
 */
export function vercelApiRoute(file: string): string | undefined {
  const m = /(?:^|\/)api\/((?:[^/]+\/)*?[^/]+?)(?:\/index)?\.[cm]?[jt]s$/.exec(file);
  if (!m) return undefined;
  const before = file.slice(0, m.index).split("/").pop() ?? "";
  if (NOT_A_PROJECT_ROOT.has(before)) return undefined;
  return urlPath(["api", ...(m[1] ?? "").split("/")]);
}

/**
 * The route a file-routed framework serves a source file on, and which of its exports answer:
 * `named` HTTP-method exports (`export const POST`), the `default` export, or either. `method`:
 * the one method a Nitro file name gives (`mcp.post.ts`); `framework`: one that runs a project-wide
 * hook file in front of every route (SvelteKit's `src/hooks.server.ts`, Astro's `src/middleware.ts`,
 * Nitro's `server/middleware/`), which this file alone cannot see.
 */
export interface FileRoute {
  readonly path: string;
  readonly exports: "named" | "default" | "either";
  readonly method?: string;
  readonly framework?: "SvelteKit" | "Astro" | "Nitro";
}

const METHOD_SUFFIX = /^(.*?)(?:\.(get|post|put|patch|delete|head|options))?$/;

/** Next.js (app and pages routers), Vercel Functions, SvelteKit `+server.ts`, Astro `src/pages/*.ts`, Nitro/Nuxt `server/routes` and `server/api`. */
export function fileRoute(file: string): FileRoute | undefined {
  const app = nextRoute(file);
  if (app !== undefined) return { path: app, exports: "named" };
  const kit = /(?:^|\/)src\/routes\/((?:[^/]+\/)*)\+server\.[cm]?[jt]s$/.exec(file);
  if (kit) return { path: urlPath((kit[1] ?? "").split("/").filter((x) => x !== "" && !/^\(.*\)$/.test(x))), exports: "named", framework: "SvelteKit" };
  const nitro = /(?:^|\/)server\/(routes|api)\/((?:[^/]+\/)*[^/]+?)\.[cm]?[jt]s$/.exec(file);
  if (nitro) {
    const [, rest = "", method] = METHOD_SUFFIX.exec(nitro[2] ?? "") ?? [];
    const segments = [...(nitro[1] === "api" ? ["api"] : []), ...rest.split("/")].filter((x) => x !== "index");
    return { path: urlPath(segments), exports: "default", ...(method ? { method: method.toUpperCase() } : {}), framework: "Nitro" };
  }
  const pages = pagesApiRoute(file);
  const astro = /(?:^|\/)src\/pages\/((?:[^/]+\/)*[^/]+?)\.[cm]?[jt]s$/.exec(file);
  const astroPath = astro ? urlPath((astro[1] ?? "").split("/").filter((x) => x !== "index")) : undefined;
  // `src/pages/api/x.ts` is a Next.js pages-router API route (its default export) or an Astro endpoint (its named exports).
  if (pages !== undefined) return astroPath !== undefined ? { path: pages, exports: "either" } : { path: pages, exports: "default" };
  if (astroPath !== undefined) return { path: astroPath, exports: "named", framework: "Astro" };
  const vercel = vercelApiRoute(file);
  return vercel === undefined ? undefined : { path: vercel, exports: "either" };
}

/** The URL path of a Next.js app-router route file (`app/api/[transport]/route.ts` -> `/api/mcp`), groups and slots left out. */
export function nextRoute(file: string): string | undefined {
  const m = /(?:^|\/)app\/((?:[^/]+\/)*)route\.[cm]?[jt]sx?$/.exec(file);
  if (!m) return undefined;
  const segments = (m[1] ?? "").split("/").filter((s) => s !== "" && !/^\(.*\)$/.test(s) && !s.startsWith("@"));
  return urlPath(segments);
}
