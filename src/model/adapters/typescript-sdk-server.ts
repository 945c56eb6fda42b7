/**
 * MCP TypeScript SDK code, server side: servers implemented in the file
 * (`new McpServer(...)`, the SDK's low-level `new Server(...)`), the tools
 * they register, their transport, DNS-rebinding protection of the HTTP
 * transports, and the HTTP endpoints that serve them with whether an
 * authentication layer guards each one. Servers built through Vercel's
 * mcp-handler or Cloudflare's McpAgent are read in typescript-sdk-wrappers.ts
 * and join the ones found here. The endpoints are found per framework family
 * (ts-endpoints-routers.ts: express, hono, fastify; ts-endpoints-serve.ts:
 * node http, Bun, Deno, fetch handlers; ts-endpoints-file-routes.ts: Next.js,
 * SvelteKit, Astro, Nitro; ts-endpoints-tanstack.ts; ts-endpoints-nest.ts);
 * what guards one (middleware, hooks, mounts, a handler's own checks) is
 * judged in ts-route-guards.ts.
 *
 * Each endpoint is a Policy (kind `code`, ts-endpoint.ts): default allow when
 * nothing authenticates the caller, deny when a layer does.
 */
import { MCP_SDK_MODULE, withoutSourceExtension } from "../../parse/mcp-code-markers.js";
import type { TsNode } from "../../parse/typescript.js";
import type { Loc } from "../location.js";
import { isDestructive } from "./ts-tool-annotations.js";
import type { CodeLinks, CodeMount, McpServer, Policy, RegisteredTool, ServerFact, ToolHost, Transport } from "../types.js";
import { argsOf, kids, numbering, type CodeInput, type Resolver } from "./ts-values.js";
import { sdkHandlers, wrapperServers } from "./typescript-sdk-wrappers.js";
import { liteHandlerCalls } from "./ts-mcp-lite.js";
import { factoryHandlerName, returnedHandlers } from "./ts-factory-handlers.js";
import { nestToolClasses, type NestFeature } from "./typescript-sdk-frameworks.js";
import { nodesOfType } from "../../parse/ts-nodes-by-type.js";
import { importedFrom } from "./ts-project-imports.js";
import { codeMounts, setupMounts } from "./ts-code-mounts.js";
import { exportedAs, exportsOf } from "./ts-route-exports.js";
import { delegation } from "./ts-handler-delegation.js";
import { eventHandler, nextEndpoints } from "./ts-endpoints-file-routes.js";
import { nestRoutes } from "./ts-endpoints-nest.js";
import { findEndpoints } from "./ts-endpoints-routers.js";
import { tanstackRoutes } from "./ts-endpoints-tanstack.js";
import { endpointPolicy, MCP_NAME } from "./ts-endpoint.js";
import { listenPort, withListenPort } from "./ts-listen-port.js";
import { aroundGuard, aroundOptional, authRouterNote, contains, FUNCTIONS, handlerGuard, isAuthMiddleware, isOptionalAuth } from "./ts-route-guards.js";

/** The SDK's HTTP server transports (v1 `sdk/server/*`; v2 `@modelcontextprotocol/node`'s Node one). */
const HTTP_SERVER_TRANSPORTS = new Set(["StreamableHTTPServerTransport", "WebStandardStreamableHTTPServerTransport", "NodeStreamableHTTPServerTransport", "SSEServerTransport"]);
/** Evidence that a handler serves MCP. */
const MCP_HANDLER = /handleRequest\s*\(|handlePostMessage\s*\(|ServerTransport\b|\.connect\(\s*transport/;
const LOCALHOST = new Set(["127.0.0.1", "localhost", "::1", "[::1]"]);
/** Host-header validation the SDK (or the app) installs in front of the transport. */
const HOST_VALIDATION = /createMcpExpressApp|hostHeaderValidation|localhostHostValidation/;

interface Impl {
  readonly varName?: string;
  readonly node: TsNode;
  readonly name: string;
  readonly loc: Loc;
  readonly tools: RegisteredTool[];
  readonly facts: ServerFact[];
  /** The code that registers this server's tools (an McpAgent class, a createMcpHandler callback). */
  readonly scope?: TsNode;
  /** The transport a framework's start calls choose for this server. */
  readonly transport?: Transport;
  /** Classes whose tools this server serves (NestJS providers), joined across files by model/code-tools.ts. */
  readonly providers?: readonly TsNode[];
}


export function serverSide(r: Resolver, input: CodeInput): { servers: McpServer[]; policies: Policy[]; mounts: CodeMount[]; tools: Pick<CodeLinks, "toolClasses" | "toolHosts">; handlers: NonNullable<CodeLinks["handlers"]> } {
  const importsSdk = MCP_SDK_MODULE.test(input.text);
  // A client-only file (the SDK's client side, no McpServer) registers no tools: a `tool("x")` there is another library's.
  const serverCode = /@modelcontextprotocol\/(?:sdk\/)?server(?![\w-])|\bMcpServer\b/.test(input.text);
  const news = nodesOfType(input.root, "new_expression");
  const calls = nodesOfType(input.root, "call_expression");
  const impls: Impl[] = [];
  const uses = calls.filter((c) => r.calleeName(c) === "use");
  const hooks = calls.filter((c) => r.calleeName(c) === "addHook");
  const wrapped = wrapperServers(r, input.file, input.root, calls, { around: (n) => aroundGuard(r, uses, hooks, n), aroundOptional: (n) => aroundOptional(r, uses, hooks, n), isAuth: (n) => isAuthMiddleware(r, n), isOptional: (n) => isOptionalAuth(r, n) });
  // `Server` is the SDK's low-level class only when the file does not import it from another module (socket.io, node:http).
  const sdkServer = (ne: TsNode) => {
    const module = r.moduleOfCallee(ne);
    return module === undefined ? importsSdk : MCP_SDK_MODULE.test(module);
  };
  const unnamed = numbering();
  for (const ne of news) {
    const cls = r.calleeName(ne);
    if (cls !== "McpServer" && !(cls === "Server" && sdkServer(ne))) continue;
    if (wrapped.servers.some((w) => contains(w.scope, ne))) continue;
    const nameNode = r.prop(argsOf(ne)[0], "name");
    const nameValue = nameNode ? r.value(nameNode) : undefined;
    const varName = r.boundName(ne);
    const name = nameValue?.ref.kind === "literal" ? nameValue.raw : (varName ?? unnamed(r.fallbackName(ne, cls)));
    impls.push({ ...(varName ? { varName } : {}), node: ne, name, loc: r.loc(nameValue ? (nameNode as TsNode) : ne), tools: [], facts: [] });
  }
  for (const w of wrapped.servers) impls.push({ node: w.node, name: w.name, loc: r.loc(w.nameNode), tools: [...(w.tools ?? [])], facts: [], scope: w.scope, ...(w.transport ? { transport: w.transport } : {}), ...(w.providers ? { providers: w.providers } : {}) });
  impls.sort((a, b) => a.node.startIndex - b.node.startIndex);
  // Tools and facts found in a file with no constructor (a `register(server)` module) belong to a server named after the file.
  const implFor = (receiver: string | undefined, at: TsNode): Impl => {
    const hit = impls.find((i) => i.scope !== undefined && contains(i.scope, at)) ?? impls.find((i) => i.varName !== undefined && i.varName === receiver) ?? impls[0];
    if (hit) return hit;
    const made: Impl = { node: at, name: (input.file.split("/").pop() ?? input.file).replace(/\.[^.]+$/, ""), loc: r.loc(at), tools: [], facts: [] };
    impls.push(made);
    return made;
  };

  for (const call of calls) {
    const fn = r.calleeName(call);
    if (fn === "setRequestHandler" && (importsSdk || impls.length > 0)) {
      // The low-level API: `server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: [{ name, ... }] }))`.
      const [schema, handler] = argsOf(call);
      if (!schema || !handler || r.src(schema) !== "ListToolsRequestSchema") continue;
      const impl = implFor(r.receiverOf(call), call);
      for (const list of r.functionOf(handler).descendantsOfType("pair")) {
        if (r.keyText(list.childForFieldName("key") as TsNode) !== "tools") continue;
        for (const item of r.items(list.childForFieldName("value"))) {
          const nameNode = r.prop(item, "name");
          const nameValue = nameNode ? r.value(nameNode) : undefined;
          if (nameNode && nameValue?.ref.kind === "literal") impl.tools.push({ name: nameValue.raw, destructive: isDestructive(r, nameValue.raw, [item]), loc: r.loc(nameNode) });
        }
      }
      continue;
    }
    if ((fn !== "tool" && fn !== "registerTool") || !(serverCode || impls.length > 0)) continue;
    const [first, ...rest] = argsOf(call);
    const nameValue = first ? r.value(first) : undefined;
    if (!first || nameValue?.ref.kind !== "literal") continue;
    implFor(r.receiverOf(call), call).tools.push({ name: nameValue.raw, destructive: isDestructive(r, nameValue.raw, rest), loc: r.loc(first) });
  }

  const transports = transportsUsed(r, news);
  const localhost = listensOnLocalhost(r, calls);
  const hostValidated = HOST_VALIDATION.test(input.text);
  for (const t of transports.http) {
    const fact = dnsRebindingFact(r, t, localhost && !hostValidated);
    if (fact) implFor(undefined, t).facts.push(fact);
  }

  const sdk = sdkHandlers(r, calls);
  const reaches = sdk.evidence ? new RegExp(`${MCP_HANDLER.source}|${sdk.evidence.source}`) : MCP_HANDLER;
  const { endpoints: next, mounts: nextMounts } = nextEndpoints(r, input, reaches);
  // A Next.js export read as a route handler is that endpoint (not also the generic `export default handler` one).
  const mcpFile = importsSdk || impls.length > 0 || transports.http.length > 0;
  const found = [...findEndpoints(r, input, calls, uses, hooks, mcpFile, reaches, sdk.names), ...nestRoutes(r, input.root, reaches), ...tanstackRoutes(r, calls, mcpFile, reaches)];
  const routes = [...found.filter((e) => !next.some((n) => contains(e.call, n.call))), ...next];
  // A wrapper's handler that a route of this file serves (`app.all("/mcp", adapt(handler))`) is that route's endpoint.
  const served = wrapped.endpoints.filter((w) => !routes.some((e) => w.sites.some((s) => contains(e.call, s))));
  const endpoints = [...routes, ...served].sort((a, b) => a.call.startIndex - b.call.startIndex);
  if (endpoints.length > 0 && impls.length === 0) implFor(undefined, endpoints[0]?.call as TsNode);
  // A wrapper (mcp-handler, McpAgent, the v2 SDK's createMcpHandler) always serves over HTTP, also when its endpoint is in another file.
  // Endpoints served by SSE transports alone (`app.get("/sse")` + `app.post("/messages")`) are SSE.
  const wrappedHttp = wrapped.servers.some((w) => w.transport === undefined) || sdk.calls.length > 0;
  const transport: Transport =
    transports.kind === "sse" && !wrappedHttp ? "sse" : endpoints.length > 0 || transports.kind === "http" || wrappedHttp ? "http" : transports.kind === "unknown" && servesStdio(r, calls) ? "stdio" : transports.kind;
  const servers = impls.map((i) => implServer(input, i, i.transport ?? transport));
  const governs = servers.map((s) => s.id);
  const authRouter = authRouterNote(input.text);
  // The port the file's server listens on: where a client URL of the scan reaches these endpoints (model/served-links.ts).
  const policies = withListenPort(r, endpoints.length ? listenPort(r, calls, input.root) : undefined, endpoints.map((e) => endpointPolicy(r, input, e, governs, authRouter)));
  // Hono mounts a sub-app with `app.route("/mcp", sub)` (express's `app.route("/mcp")` takes the path alone).
  const mountCalls = [...uses, ...calls.filter((c) => r.calleeName(c) === "route" && argsOf(c).length === 2)];
  return { servers, policies, mounts: [...codeMounts(r, input, uses, mountCalls), ...setupMounts(r, input, calls, uses, hooks), ...nextMounts], tools: toolLinks(r, input, impls, servers, wrapped.features), handlers: exportedHandlers(r, input, reaches, liteHandlerCalls(r, calls)) };
}

/**
 * The top-level functions this file exports that serve MCP themselves (`export async function
 * handleMcpRequest(req, res)`, `export const mcpHandler = defineEventHandler(async (event) => ...)`,
 * `export default handler`), with the check each makes first: what a route of another file that
 * hands its request to one puts in front of MCP (model/code-links.ts joins them).
 */
function exportedHandlers(r: Resolver, input: CodeInput, reaches: RegExp, bound: readonly TsNode[]): NonNullable<CodeLinks["handlers"]> {
  if (!reaches.test(input.text)) return [];
  const exported = exportsOf(r, input.root);
  const out: { name: string; guard?: string; loc: Loc }[] = [];
  for (const st of kids(input.root)) {
    const decl = st.type === "export_statement" ? (st.childForFieldName("declaration") ?? st) : st;
    const named = decl.type === "function_declaration" ? [{ id: decl.childForFieldName("name"), value: decl as TsNode | null }] : decl.type === "lexical_declaration" ? kids(decl).map((d) => ({ id: d.childForFieldName("name"), value: d.childForFieldName("value") })) : [];
    for (const { id, value } of named) {
      const name = id?.type === "identifier" ? exported.get(r.src(id)) : undefined;
      if (!id || !value || name === undefined) continue;
      // mcp-lite's `export const handler = transport.bind(server)`: a handler that checks no caller.
      if (bound.some((b) => b.startIndex === value.startIndex)) out.push({ name, loc: r.loc(id) });
      const fn = r.functionOf(eventHandler(r, value));
      if (!FUNCTIONS.has(fn.type)) continue;
      // A factory that makes and returns handlers (`createMcp = () => ({ onSse, onMsg })`): each as `createMcp().onSse`.
      const made = MCP_NAME.test(name) ? returnedHandlers(r, fn) : [];
      for (const h of made) {
        const inner = r.functionOf(eventHandler(r, h.value));
        const handed = FUNCTIONS.has(inner.type) ? delegation(r, inner) : undefined;
        if (!handed || !reaches.test(r.src(inner) + handed.text)) continue;
        const guard = handlerGuard(r, [inner, ...handed.targets], reaches);
        out.push({ name: factoryHandlerName(name, h.key), ...(guard ? { guard } : {}), loc: r.loc(h.at) });
      }
      const handed = delegation(r, fn);
      if (made.length > 0 || !reaches.test(r.src(fn) + handed.text)) continue;
      const guard = handlerGuard(r, [fn, ...handed.targets], reaches);
      out.push({ name, ...(guard ? { guard } : {}), loc: r.loc(id) });
    }
  }
  return out;
}

/**
 * The NestJS (@rekog/mcp-nest) tool links of a file, only where it imports the package: the
 * classes it declares with @Tool methods, and the classes each server of it serves (a module's
 * providers, `McpModule.forFeature`), as the project files they are declared in.
 */
function toolLinks(r: Resolver, input: CodeInput, impls: readonly Impl[], servers: readonly McpServer[], features: readonly NestFeature[]): Pick<CodeLinks, "toolClasses" | "toolHosts"> {
  if (!input.text.includes("@rekog/mcp-nest")) return {};
  const toolClasses = nestToolClasses(r, input.root).map((c) => ({ name: c.isDefault ? "default" : (exportedAs(r, input.root, c.name) ?? c.name), tools: c.tools }));
  const refs = (providers: readonly TsNode[]) =>
    providers.flatMap((id) => {
      const imported = importedFrom(r, input, id);
      if (imported) return [imported];
      // Declared in this file (`@Module({ providers: [GreetingTool] })` beside `class GreetingTool`).
      const local = r.src(id);
      return r.importOf(id) === undefined ? [{ module: withoutSourceExtension(input.file), name: exportedAs(r, input.root, local) ?? local }] : [];
    });
  const toolHosts: ToolHost[] = [
    ...impls.flatMap((impl, i) => (impl.providers?.length ? [{ server: servers[i]?.id as string, classes: refs(impl.providers) }] : [])),
    ...features.filter((f) => f.serverName !== "").map((f) => ({ serverName: f.serverName, classes: refs(f.providers) })),
  ].filter((h) => h.classes.length > 0);
  return { ...(toolClasses.length ? { toolClasses } : {}), ...(toolHosts.length ? { toolHosts } : {}) };
}

function implServer(input: CodeInput, i: Impl, transport: Transport): McpServer {
  return {
    id: `${input.file}#server:${i.name}`,
    name: i.name,
    client: input.client,
    file: input.file,
    scope: input.scope,
    loc: i.loc,
    transport,
    args: [],
    env: [],
    headers: [],
    envPassthrough: [],
    credentials: [],
    tools: { grants: [] },
    enabled: true,
    facts: i.facts,
    registeredTools: i.tools,
  };
}

function transportsUsed(r: Resolver, news: readonly TsNode[]): { http: TsNode[]; kind: Transport } {
  const http: TsNode[] = [];
  let kind: Transport = "unknown";
  for (const ne of news) {
    const cls = r.calleeName(ne);
    if (cls !== undefined && HTTP_SERVER_TRANSPORTS.has(cls)) {
      http.push(ne);
      if (kind !== "http") kind = cls === "SSEServerTransport" ? "sse" : "http";
    } else if (cls === "StdioServerTransport" && kind === "unknown") kind = "stdio";
  }
  return { http, kind };
}

/** The v2 SDK's `serveStdio(factory)` (`@modelcontextprotocol/server/stdio`), which makes its own stdio transport. */
function servesStdio(r: Resolver, calls: readonly TsNode[]): boolean {
  return calls.some((c) => {
    const f = c.childForFieldName("function");
    const imported = f ? r.importOf(f) : undefined;
    return imported?.name === "serveStdio" && MCP_SDK_MODULE.test(imported.module);
  });
}

/** `app.listen(port, "127.0.0.1")`, `listen({ host: "localhost" })`, hono `serve({ hostname })`. */
function listensOnLocalhost(r: Resolver, calls: readonly TsNode[]): boolean {
  const isLocal = (n: TsNode | undefined) => {
    const v = n ? r.value(n) : undefined;
    return v?.ref.kind === "literal" && LOCALHOST.has(v.raw);
  };
  return calls.some((c) => {
    const fn = r.calleeName(c);
    if (fn !== "listen" && fn !== "serve") return false;
    return argsOf(c).some((a) => isLocal(a) || isLocal(r.prop(a, "host")) || isLocal(r.prop(a, "hostname")));
  });
}

function dnsRebindingFact(r: Resolver, transport: TsNode, localhostUnvalidated: boolean): ServerFact | undefined {
  const cls = r.calleeName(transport);
  const args = argsOf(transport);
  const opts = cls === "SSEServerTransport" ? args[2] : args[0];
  const enable = r.prop(opts, "enableDnsRebindingProtection");
  const allowed = r.prop(opts, "allowedHosts");
  const enableType = enable ? r.deref(enable).type : undefined;
  if (enable && enableType === "false") {
    return { kind: "dns-rebinding-off", detail: `${cls} sets enableDnsRebindingProtection: false, so it accepts requests for any Host header`, loc: r.loc(enable) };
  }
  if (enable && enableType === "true" && r.items(allowed).length === 0) {
    return { kind: "dns-rebinding-off", detail: `${cls} enables DNS rebinding protection but lists no allowedHosts, so the Host header is not checked`, loc: r.loc(enable) };
  }
  if (!enable && localhostUnvalidated) {
    const at = transport.childForFieldName("constructor") ?? transport;
    return { kind: "dns-rebinding-off", detail: `${cls} on a server listening on localhost leaves DNS rebinding protection off (the default) and nothing validates the Host header`, loc: r.loc(at) };
  }
  return undefined;
}
