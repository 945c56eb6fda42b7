/**
 * MCP servers of frameworks that own both the server and its HTTP endpoint,
 * read for the server side of the SDK adapter (typescript-sdk-wrappers.ts
 * joins them to the wrappers' servers and endpoints):
 *
 * - punkpeye's FastMCP (`fastmcp`): `new FastMCP({ name, authenticate? })`, tools by
 *   `server.addTool({ name })`, served by `server.start({ transportType: "httpStream" |
 *   "sse" | "stdio", httpStream: { endpoint }, sse: { endpoint } })` (default endpoints
 *   `/mcp` and `/sse`). FastMCP runs `authenticate(request)` on every HTTP request
 *   and refuses it when the function throws: the endpoint is guarded when the
 *   options give one, open when not (its `oauth` option only publishes metadata).
 * - Mastra's MCPServer (`@mastra/mcp`): `new MCPServer({ name, tools: { a, b } })`
 *   (the tools by their keys), served inside a request handler the app writes by
 *   `server.startHTTP({ httpPath, req, res })`, `startSSE({ ssePath, messagePath })`,
 *   `startHonoSSE(...)`, or over stdio by `startStdio()`. Mastra checks no caller
 *   there: the code around the call decides (a handler handed the request by
 *   code this file does not show leaves it unknown).
 * - Mastra's own server: the MCP servers registered with `new Mastra({ mcpServers })` in the
 *   Mastra entry (`src/mastra/index.ts`), served at `/api/mcp/<id>/mcp` and `/sse` behind
 *   `server.auth` (mastraInstance).
 * - NestJS with `@rekog/mcp-nest`: `McpModule.forRoot({ name, transport?, guards?,
 *   decorators?, mcpEndpoint?, sseEndpoint?, messagesEndpoint?, apiPrefix? })` serves `/mcp`
 *   (streamable HTTP) and `/sse` with `/messages` (SSE), both by default. The
 *   module's `guards`, or a `UseGuards(...)` among the `decorators` it applies to the
 *   controllers it makes, guard them; without any, a guard the app registers globally
 *   in another file (APP_GUARD, useGlobalGuards) may: unknown here. Its tools are
 *   the `@Tool` methods of the module's providers and controllers, and of the
 *   classes `McpModule.forFeature([...], name)` adds, mostly in other files: the
 *   server adapter names them (`toolHosts`), each file its tool classes
 *   (`toolClasses`), and model/code-tools.ts joins them.
 * - mcp-nest v2 (`@rekog/mcp-nest`, a NestJS microservice strategy): `new McpStrategy({ name,
 *   transports: [new StreamableHttpTransport({ endpoint? }), new StdioTransport()] })` serves
 *   `/<endpoint>` (default `/mcp`). The strategy has no `guards` option: a controller
 *   `class X extends McpHttpControllerFor(transport)` claims the route, and its `@UseGuards(...)`
 *   guard it. A guarded controller of this file for the transport: guarded; otherwise a controller
 *   of another file, or a global guard, decides: unknown here.
 *
 * - mcp-use's MCPServer (`mcp-use`, `mcp-use/server`): `new MCPServer({ name, oauth?, basePath? })`, tools
 *   by `server.tool({ name, ... }, cb)`, served over HTTP on `<basePath>/mcp` (and `/sse`, the same
 *   handler) by `server.listen(port)` or by mcp-use's CLI, which runs the module's default export.
 *   With an `oauth` provider mcp-use puts its bearer check on `/mcp/*`; without one the endpoint is
 *   open unless a `server.use(...)` or `server.app.use(...)` before it authenticates every request
 *   (mcp-use-layers.ts; one on MCP operations only, `server.use("mcp:tools/call", auth)`, is unknown).
 *
 * Only names imported from those packages count.
 */
import type { TsNode } from "../../parse/typescript.js";
import { isDestructiveToolName } from "../tool-names.js";
import { isDestructive } from "./ts-tool-annotations.js";
import type { NestRoute, RegisteredTool, Transport } from "../types.js";
import { argsOf, isDefaultExport, kids, type Resolver } from "./ts-values.js";
import { nodesOfType } from "../../parse/ts-nodes-by-type.js";
import type { Guards, WrapperEndpoint, WrapperServer } from "./typescript-sdk-wrappers.js";
import { mcpUseCalls, mcpUseLayer } from "./mcp-use-layers.js";
import { ownEntry } from "../../util/own.js";
import { appGuards, routeGuards } from "./nest-entry.js";
import { anonymousLayerReason, optionalAuthReason } from "./optional-auth.js";
import { FUNCTIONS } from "./ts-route-guards.js";
import { callsOnlyHarmless } from "./ts-lax-verifier.js";


/** `McpModule.forFeature([ToolsA, ToolsB], "server-name")`: the tool classes it adds to the server of that name. */
export interface NestFeature {
  readonly serverName: string;
  readonly providers: readonly TsNode[];
}

/** The servers and endpoints of the frameworks above made in this file. */
export function frameworkServers(r: Resolver, file: string, root: TsNode, calls: readonly TsNode[], guards: Guards): { servers: WrapperServer[]; endpoints: WrapperEndpoint[]; features: NestFeature[] } {
  const servers: WrapperServer[] = [];
  const endpoints: WrapperEndpoint[] = [];
  const mastras: TsNode[] = [];
  const fastmcps: TsNode[] = [];
  const instances: TsNode[] = [];
  const mcpUses: TsNode[] = [];
  for (const ne of nodesOfType(root, "new_expression")) {
    const ctor = ne.childForFieldName("constructor");
    const imported = ctor ? r.importOf(ctor) : undefined;
    if (imported?.name === "FastMCP" && imported.module === "fastmcp") fastmcps.push(ne);
    else if (imported?.name === "MCPServer" && imported.module === "@mastra/mcp") mastras.push(ne);
    else if (imported?.name === "MCPServer" && MCP_USE_SERVER.test(imported.module)) mcpUses.push(ne);
    else if (imported?.name === "Mastra" && MASTRA_CORE.test(imported.module)) instances.push(ne);
    else if (imported?.name === "McpStrategy" && imported.module === NEST) add(nestStrategy(r, root, ne));
  }
  const index = fastmcps.length + mastras.length + mcpUses.length > 0 ? indexCalls(r, calls) : new Map();
  for (const ne of fastmcps) add(fastMcp(r, ne, index));
  for (const ne of mcpUses) add(mcpUseServer(r, root, ne, index, guards));
  for (const ne of mastras) add(mastra(r, ne, index, guards, mastras.length === 1));
  for (const ne of MASTRA_ENTRY.test(file) ? instances : []) {
    const made = mastraInstance(r, ne, mastras);
    servers.push(...made.servers);
    endpoints.push(...made.endpoints);
  }
  const features: NestFeature[] = [];
  for (const call of calls) {
    const f = call.childForFieldName("function");
    const obj = f?.type === "member_expression" ? f.childForFieldName("object") : null;
    const imported = obj ? r.importOf(obj) : undefined;
    if (imported?.name !== "McpModule" || imported.module !== "@rekog/mcp-nest") continue;
    const method = r.src(f?.childForFieldName("property") as TsNode);
    if (method === "forRoot") add(nestModule(r, root, call));
    else if (method === "forFeature") features.push(nestFeature(r, call));
  }
  return { servers, endpoints, features };

  function add(made: { server: WrapperServer; endpoints: WrapperEndpoint[] }): void {
    servers.push(made.server);
    endpoints.push(...made.endpoints);
  }
}

/** The name a made server is held by: `const server = new X()`, a class field `server = new X()`. */
function holderName(r: Resolver, ne: TsNode): string | undefined {
  const bound = r.boundName(ne);
  if (bound !== undefined) return bound;
  const field = ne.parent?.type === "public_field_definition" ? ne.parent.childForFieldName("name") : null;
  return field ? r.src(field) : undefined;
}

/** The calls of a file by method name and by the last name of their receiver (`this.server.start` -> start, server). */
type CallIndex = ReadonlyMap<string, ReadonlyMap<string, readonly TsNode[]>>;

/** Worked out once per file, when it makes a server of these frameworks: each server looks its calls up, not through every call. */
function indexCalls(r: Resolver, calls: readonly TsNode[]): CallIndex {
  const out = new Map<string, Map<string, TsNode[]>>();
  for (const c of calls) {
    const fn = r.calleeName(c);
    const receiver = r.receiverOf(c);
    if (fn === undefined || receiver === undefined) continue;
    const last = receiver.slice(receiver.lastIndexOf(".") + 1);
    const byReceiver = out.get(fn) ?? new Map<string, TsNode[]>();
    out.set(fn, byReceiver);
    const list = byReceiver.get(last);
    if (list) list.push(c);
    else byReceiver.set(last, [c]);
  }
  return out;
}

/**
 * Calls of `methods` on the server held by `name` (`server.start(...)`, `this.server.start(...)`,
 * `MCP.server.startHTTP(...)`); with `anyReceiver`, on whatever holds it (a server a factory makes
 * and returns: methods named for the framework alone, in a file that makes one such server).
 */
function callsOn(index: CallIndex, name: string | undefined, methods: readonly string[], anyReceiver = false): TsNode[] {
  if (name === undefined && !anyReceiver) return [];
  const out = methods.flatMap((m) => {
    const byReceiver = index.get(m);
    if (!byReceiver) return [];
    return name === undefined ? [...byReceiver.values()].flat() : (byReceiver.get(name) ?? []);
  });
  return out.sort((a, b) => a.startIndex - b.startIndex);
}

/** A server named by the literal `name` of its options, else by what holds it. */
function named(r: Resolver, node: TsNode, options: TsNode | undefined, fallback: string): { name: string; nameNode: TsNode } {
  const nameNode = r.prop(options, "name");
  const value = nameNode ? r.value(nameNode) : undefined;
  return value?.ref.kind === "literal" && nameNode ? { name: value.raw, nameNode } : { name: fallback, nameNode: node.childForFieldName("constructor") ?? node.childForFieldName("function") ?? node };
}

const FASTMCP_DEFAULT: Readonly<Record<string, string>> = { httpStream: "/mcp", sse: "/sse" };

/** The tools of calls that take a tool's options first (FastMCP's `addTool({ name })`, mcp-use's `tool({ name }, cb)`), by their literal names. */
function toolsByOptions(r: Resolver, calls: readonly TsNode[]): RegisteredTool[] {
  const tools: RegisteredTool[] = [];
  for (const call of calls) {
    const tool = argsOf(call)[0];
    const toolName = r.prop(tool, "name");
    const v = toolName ? r.value(toolName) : undefined;
    if (toolName && v?.ref.kind === "literal") tools.push({ name: v.raw, destructive: isDestructive(r, v.raw, [tool]), loc: r.loc(toolName) });
  }
  return tools;
}

/** `new FastMCP({ name, authenticate })`, its `addTool`s and the endpoints its `start` calls serve. */
function fastMcp(r: Resolver, ne: TsNode, index: CallIndex): { server: WrapperServer; endpoints: WrapperEndpoint[] } {
  const options = argsOf(ne)[0];
  const varName = holderName(r, ne);
  const { name, nameNode } = named(r, ne, options, varName ?? "FastMCP");
  const tools = toolsByOptions(r, callsOn(index, varName, ["addTool"]));
  const authenticate = r.prop(options, "authenticate");
  const lax = authenticate !== undefined && neverRejects(r, authenticate);
  const judged = !authenticate
    ? { note: "new FastMCP(...) is given no authenticate function, so FastMCP serves every request" }
    : lax
      ? { note: "new FastMCP({ authenticate }) never rejects a request: it neither throws nor calls anything that may, so FastMCP serves every caller" }
      : { guard: "new FastMCP({ authenticate })" };
  const endpoints: WrapperEndpoint[] = [];
  const kinds = new Set<string>();
  for (const call of callsOn(index, varName, ["start"])) {
    const opts = argsOf(call)[0];
    const typeNode = r.prop(opts, "transportType");
    // `start()` with no transport type serves stdio; one chosen at run time (`transportType: config.transport`)
    // serves HTTP when the call gives its httpStream options.
    const type = typeNode ? (r.stringOf(typeNode) ?? (r.prop(opts, "httpStream") ? "httpStream" : undefined)) : "stdio";
    if (type === undefined) continue;
    kinds.add(type);
    const fallback = ownEntry(FASTMCP_DEFAULT, type);
    if (fallback === undefined || !typeNode) continue;
    const endpointNode = r.prop(r.prop(opts, type), "endpoint");
    const path = (endpointNode && r.stringOf(endpointNode)) ?? fallback;
    endpoints.push({
      call,
      method: "ANY",
      path,
      // A lax authenticate is reported where it lets everyone through.
      pathNode: lax ? authenticate : (endpointNode ?? typeNode),
      ...judged,
      sites: [call],
    });
  }
  const transport: Transport | undefined = kinds.has("httpStream") ? "http" : kinds.has("sse") ? "sse" : kinds.has("stdio") ? "stdio" : "unknown";
  return { server: { name, nameNode, node: ne, scope: ne, tools, transport }, endpoints };
}

const MCP_USE_SERVER = /^mcp-use(?:\/server)?$/;

/** `new MCPServer({ name, oauth })` of mcp-use, its `tool({ name })` calls and the endpoint it serves when this file starts it. */
function mcpUseServer(r: Resolver, root: TsNode, ne: TsNode, index: CallIndex, guards: Guards): { server: WrapperServer; endpoints: WrapperEndpoint[] } {
  const options = argsOf(ne)[0];
  const varName = holderName(r, ne);
  const { name, nameNode } = named(r, ne, options, varName ?? "MCPServer");
  const tools = toolsByOptions(r, callsOn(index, varName, ["tool"]));
  // Served here: `server.listen(port)`, or the module's default export, which mcp-use's CLI runs.
  const listens = callsOn(index, varName, ["listen"]);
  const exported = varName !== undefined && kids(root).some((st) => isDefaultExport(st) && r.src(st.childForFieldName("value") ?? st) === varName);
  const server: WrapperServer = { name, nameNode, node: ne, scope: ne, tools, transport: "http" };
  if (listens.length === 0 && !exported) return { server, endpoints: [] };
  const oauth = r.prop(options, "oauth");
  const base = r.prop(options, "basePath");
  const path = `${((base && r.stringOf(base)) ?? "").replace(/\/$/, "")}/mcp`;
  // Its use calls (Hono middleware, or middleware on MCP operations) and its app's (`server.app.use`).
  const uses = varName === undefined ? [] : mcpUseCalls(r, callsOn(index, varName, ["use"]), callsOn(index, "app", ["use"]), varName);
  const judged =
    oauth && !["undefined", "null"].includes(r.src(oauth))
      ? { guard: "new MCPServer({ oauth })" }
      : (mcpUseLayer(r, uses, path, listens[0], guards) ?? { note: "new MCPServer(...) is given no oauth provider, so mcp-use serves every request" });
  const ctor = ne.childForFieldName("constructor") ?? ne;
  return { server, endpoints: [{ call: listens[0] ?? ne, method: "ANY", path, pathNode: ctor, ...judged, sites: [ne, ...listens] }] };
}

/** What rejects in FastMCP: a throw (FastMCP answers a thrown Response with its status), or mcp-proxy's `{ authenticated: false }`. */
const REJECTS = /\bthrow\b|\bResponse\b|\bauthenticated\s*:\s*false\b/;

/**
 * A FastMCP `authenticate` written in this file that can turn no request away: it never throws
 * (FastMCP refuses a request only when the function throws, a `Response` for its status) and calls
 * nothing but logging and string reads, so it hands a session to every caller. One that calls
 * anything else (a verify function may throw) or that is not written here is taken to check.
 */
function neverRejects(r: Resolver, authenticate: TsNode): boolean {
  const fn = authenticate.type === "method_definition" ? authenticate : r.functionOf(authenticate);
  if (!FUNCTIONS.has(fn.type) || REJECTS.test(r.src(fn))) return false;
  return callsOnlyHarmless(r, fn);
}

const MASTRA_STARTS: readonly string[] = ["startHTTP", "startSSE", "startHonoSSE", "startStdio"];

/** `new MCPServer({ name, tools: { a, b } })` of Mastra and the endpoints its start calls serve. */
function mastra(r: Resolver, ne: TsNode, index: CallIndex, guards: Guards, only: boolean): { server: WrapperServer; endpoints: WrapperEndpoint[] } {
  const options = argsOf(ne)[0];
  const varName = holderName(r, ne);
  const { name, nameNode } = named(r, ne, options, varName ?? "MCPServer");
  const toolsNode = r.prop(options, "tools");
  const toolsObj = toolsNode ? r.deref(toolsNode) : undefined;
  const tools: RegisteredTool[] = [];
  for (const entry of toolsObj?.type === "object" ? kids(toolsObj) : []) {
    const key = entry.type === "pair" ? entry.childForFieldName("key") : entry.type === "shorthand_property_identifier" ? entry : null;
    const toolName = key ? (key.type === "shorthand_property_identifier" ? r.src(key) : r.keyText(key)) : undefined;
    if (key && toolName !== undefined) tools.push({ name: toolName, destructive: isDestructiveToolName(toolName), loc: r.loc(key) });
  }
  const endpoints: WrapperEndpoint[] = [];
  const kinds = new Set<string>();
  for (const call of callsOn(index, varName, MASTRA_STARTS, only && varName === undefined)) {
    const method = r.calleeName(call) as string;
    kinds.add(method);
    const opts = argsOf(call)[0];
    const pathKeys = method === "startHTTP" ? ["httpPath"] : method === "startStdio" ? [] : ["ssePath", "messagePath"];
    for (const key of pathKeys) {
      const pathNode = r.prop(opts, key);
      const path = pathNode ? r.stringOf(pathNode) : undefined;
      if (!pathNode || path === undefined) continue;
      endpoints.push({ call, method: "ANY", path, pathNode, ...mastraGuard(r, call, guards), sites: [call] });
    }
  }
  const transport: Transport | undefined = kinds.has("startHTTP") ? "http" : kinds.has("startSSE") || kinds.has("startHonoSSE") ? "sse" : kinds.has("startStdio") ? "stdio" : "unknown";
  return { server: { name, nameNode, node: ne, scope: ne, tools, transport }, endpoints };
}

const MASTRA_CORE = /^@mastra\/core(?:\/mastra)?$/;
/** The Mastra instance Mastra's server runs (`mastra dev`, `mastra build`, its deployers and server adapters): `src/mastra/index.ts` by convention. */
const MASTRA_ENTRY = /(?:^|\/)mastra\/index\.[cm]?[jt]s$/;

/**
 * `new Mastra({ mcpServers: { id: server }, server: { auth, apiPrefix } })` in the Mastra entry:
 * Mastra's server serves each registered MCP server at `<apiPrefix>/mcp/<id>/mcp` (streamable
 * HTTP) and `/sse`, behind its `server.auth` (which protects `/api/*` by default); with no auth
 * configured, Mastra's docs say, every route is public. The registered servers made in another
 * file are named here by their ids (the file that makes them has no start call to say they serve
 * HTTP). Elsewhere an instance is not what Mastra's server runs: nothing is read.
 */
function mastraInstance(r: Resolver, ne: TsNode, madeHere: readonly TsNode[]): { servers: WrapperServer[]; endpoints: WrapperEndpoint[] } {
  const options = argsOf(ne)[0];
  const registered = r.prop(options, "mcpServers");
  const map = registered ? r.deref(registered) : undefined;
  if (map?.type !== "object") return { servers: [], endpoints: [] };
  const serverOptions = r.prop(options, "server");
  const auth = r.prop(serverOptions, "auth") ?? r.prop(serverOptions, "experimental_auth");
  const prefixNode = r.prop(serverOptions, "apiPrefix");
  const prefix = ((prefixNode && r.stringOf(prefixNode)) ?? "/api").replace(/\/+$/, "");
  const judged = !auth
    ? { note: "Mastra's server serves the MCP servers registered on its instance, and no server.auth is configured, so every route is public" }
    : prefix === "/api"
      ? { guard: `Mastra server.auth ${r.src(auth)}` }
      : { elsewhere: `server.apiPrefix ${prefix} is outside the /api/* routes Mastra's auth protects by default; its protected paths decide` };
  const servers: WrapperServer[] = [];
  const endpoints: WrapperEndpoint[] = [];
  for (const entry of kids(map)) {
    const key = entry.type === "pair" ? entry.childForFieldName("key") : entry.type === "shorthand_property_identifier" ? entry : null;
    const id = key ? (key.type === "shorthand_property_identifier" ? r.src(key) : r.keyText(key)) : undefined;
    if (!key || id === undefined) continue;
    const value = entry.type === "pair" ? entry.childForFieldName("value") : entry;
    const made = value ? r.deref(value) : undefined;
    // A parsed tree gives one node object per node (parse/ts-tree-snapshot.ts): the same server is the same object.
    if (made === undefined || !madeHere.includes(made)) servers.push({ name: id, nameNode: key, node: entry, scope: entry, tools: [], transport: "http" });
    for (const kind of ["mcp", "sse"]) endpoints.push({ call: entry, method: "ANY", path: `${prefix}/mcp/${id}/${kind}`, pathNode: key, ...judged, sites: [entry] });
  }
  return { servers, endpoints };
}

/**
 * What guards a Mastra start call: the code around it (a check in the handler, the route's
 * middleware); else open when the handler it sits in is handed to a call here (`createServer(...)`,
 * a route), unknown when the request comes from a caller this file does not show.
 */
function mastraGuard(r: Resolver, call: TsNode, guards: Guards): { guard?: string; note?: string; elsewhere?: string } {
  const around = guards.around(call);
  if (around) return { guard: around };
  const optional = guards.aroundOptional(call);
  if (optional) return { elsewhere: optionalAuthReason(optional) };
  let fn: TsNode | null = call.parent;
  while (fn && !FUNCTIONS.has(fn.type)) fn = fn.parent;
  if (fn && fn.parent?.type !== "arguments") {
    const holder = fn.childForFieldName("name") ?? (fn.parent?.type === "variable_declarator" ? fn.parent.childForFieldName("name") : null);
    return { elsewhere: `${r.calleeName(call)} serves the request ${holder ? `${r.src(holder)}()` : "its function"} is handed by code this file does not show, which decides the authentication in front of it` };
  }
  return { note: `Mastra's ${r.calleeName(call)} checks no caller and nothing in front of it does` };
}

/** `McpModule.forRoot({ name, transport, guards, ... })` of @rekog/mcp-nest. */
function nestModule(r: Resolver, root: TsNode, call: TsNode): { server: WrapperServer; endpoints: WrapperEndpoint[] } {
  const options = argsOf(call)[0];
  const { name, nameNode } = named(r, call, options, "McpModule");
  const transportNode = r.prop(options, "transport");
  const listed = transportNode ? (r.deref(transportNode).type === "array" ? r.items(transportNode) : [transportNode]).map((t) => r.src(t).split(".").pop() ?? "") : ["SSE", "STREAMABLE_HTTP"];
  const api = segment(r, r.prop(options, "apiPrefix"), "");
  const prefix = api === "" ? "" : `/${api}`;
  const guardsNode = r.prop(options, "guards");
  const guardList = guardsNode ? r.items(guardsNode) : [];
  // `decorators: [UseGuards(JwtAuthGuard)]`: mcp-nest applies them to the controllers it makes.
  const decorators = r.items(r.prop(options, "decorators"));
  const useGuards = decorators.find((d) => {
    const f = d.type === "call_expression" ? d.childForFieldName("function") : null;
    const imported = f ? r.importOf(f) : undefined;
    return imported?.name === "UseGuards" && imported.module === "@nestjs/common" && argsOf(d).length > 0;
  });
  const markedPublic = markedPublicRoute(r, decorators);
  const anonymous = anonymousAccess(r, options, "McpModule.forRoot");
  // An APP_GUARD provider of this file runs in front of every route of the app, mcp-nest's among them.
  const global = markedPublic || anonymous ? undefined : appGuards(r, root)[0];
  // Guards the module names, judged by their names; an app-wide auth guard of this file stands in for non-auth ones.
  const ownGuards = [
    ...(guardList.length > 0 ? [routeGuards(guardList.map((g) => r.src(g)), `McpModule guards [${guardList.map((g) => r.src(g)).join(", ")}]`)] : []),
    ...(useGuards ? [routeGuards(argsOf(useGuards).map((g) => r.src(g)), `McpModule decorators [${r.src(useGuards)}]`)] : []),
  ];
  const judged = anonymous
    ? { elsewhere: anonymous }
    : (ownGuards.find((j) => "guard" in j) ??
    (global
      ? { guard: `APP_GUARD ${global.guard} at line ${r.loc(global.at).line}` }
      : (ownGuards[0] ?? { elsewhere: "McpModule.forRoot sets no guards; a guard the app registers globally in another file (APP_GUARD, app.useGlobalGuards) decides the authentication in front of it" })));
  const nest: NestRoute = { method: "ANY", ...(markedPublic ? { markedPublic } : {}), ...(anonymous ? { anonymous: true } : {}) };
  const at = (key: string) => r.prop(options, key) ?? nameNode;
  const paths: [string, TsNode][] = [];
  if (listed.includes("STREAMABLE_HTTP")) paths.push([`${prefix}/${segment(r, r.prop(options, "mcpEndpoint"), "mcp")}`, at("mcpEndpoint")]);
  if (listed.includes("SSE")) {
    paths.push([`${prefix}/${segment(r, r.prop(options, "sseEndpoint"), "sse")}`, at("sseEndpoint")]);
    paths.push([`${prefix}/${segment(r, r.prop(options, "messagesEndpoint"), "messages")}`, at("messagesEndpoint")]);
  }
  const endpoints: WrapperEndpoint[] = paths.map(([path, pathNode]) => ({ call, method: "ANY", path, pathNode, ...judged, sites: [call], nest }));
  const transport: Transport = listed.includes("STREAMABLE_HTTP") ? "http" : listed.includes("SSE") ? "sse" : listed.includes("STDIO") ? "stdio" : "unknown";
  return { server: { name, nameNode, node: call, scope: call, tools: [], transport, providers: moduleProviders(r, call) }, endpoints };
}

/**
 * The providers and controllers of the `@Module({ imports: [McpModule.forRoot(...)], providers })`
 * a forRoot call sits in: mcp-nest serves the @Tool methods of that module's own providers and
 * controllers (McpRegistryService.discoverToolsForModuleSubtree), not those of imported modules.
 */
function moduleProviders(r: Resolver, call: TsNode): TsNode[] {
  let module: TsNode | null = call.parent;
  while (module && !(module.type === "call_expression" && r.calleeName(module) === "Module" && module.parent?.type === "decorator")) module = module.parent;
  const options = module ? argsOf(module)[0] : undefined;
  return ["providers", "controllers"].flatMap((key) => r.items(r.prop(options, key))).filter((n) => n.type === "identifier");
}

const NEST = "@rekog/mcp-nest";

/**
 * Why mcp-nest's options let a request without a token through its guards, when they may:
 * `allowUnauthenticatedAccess: true` (or a value read at run time) turns on its "freemium" mode,
 * in which its own McpAuthJwtGuard, and guards written as its docs show (they read the option),
 * let a tokenless request in, and only its per-tool authorization then keeps an anonymous caller
 * to the `@PublicTool()` tools. A guard of the project may still refuse it: not known here.
 */
function anonymousAccess(r: Resolver, options: TsNode | undefined, maker: string): string | undefined {
  const node = r.prop(options, "allowUnauthenticatedAccess");
  if (!node || r.deref(node).type === "false") return undefined;
  const set = r.deref(node).type === "true" ? "allowUnauthenticatedAccess: true" : `allowUnauthenticatedAccess to ${r.src(node)}, which may be true`;
  return anonymousLayerReason("mcp-nest's guard", `lets a request without a token through: ${maker} sets ${set}, and mcp-nest's per-tool authorization then lets an anonymous caller list the tools and call the @PublicTool() ones; whether the guards in front of it refuse such a request decides the authentication`);
}

/** The decorators of a class (`@X() class Y`, `@X() export class Y`) or of a method (`@Post() handle()`). */
export function decoratorsOf(n: TsNode): TsNode[] {
  const own = kids(n).filter((k) => k.type === "decorator");
  if (n.type === "method_definition" && n.parent) {
    // In a class body a method's decorators are the siblings just before it.
    const siblings = kids(n.parent);
    const before: TsNode[] = [];
    for (let i = siblings.findIndex((k) => k.startIndex === n.startIndex) - 1; i >= 0 && siblings[i]?.type === "decorator"; i--) before.unshift(siblings[i] as TsNode);
    return [...before, ...own];
  }
  return n.parent?.type === "export_statement" ? [...kids(n.parent).filter((k) => k.type === "decorator"), ...own] : own;
}

/** The decorators that mark a NestJS route public for an app-wide auth guard (`@Public()`, set by the app as `SetMetadata(IS_PUBLIC_KEY, true)`). */
const PUBLIC_MARK = /^(?:Public|IsPublic|PublicRoute|AllowAnonymous|SkipAuth|NoAuth|Unprotected)$/;

/** Does one of these decorators (`@Public()`, `@Public`), or decorator expressions (mcp-nest's `decorators: [Public()]`), mark a route public? */
export function markedPublicRoute(r: Resolver, decorators: readonly TsNode[]): boolean {
  return decorators.some((d) => {
    const inner = d.type === "decorator" ? kids(d)[0] : d;
    const f = inner?.type === "call_expression" ? inner.childForFieldName("function") : inner;
    return f?.type === "identifier" && PUBLIC_MARK.test(r.src(f));
  });
}

/**
 * How the route of `transport` is guarded by the controllers of this file that claim it
 * (`class X extends McpHttpControllerFor(transport)`): the `@UseGuards(...)` of one, else unknown.
 */
function controllerGuard(r: Resolver, root: TsNode, transport: TsNode): { guard: string } | { elsewhere: string } {
  let claimed = false;
  for (const cls of nodesOfType(root, ["class_declaration", "class"])) {
    const heritage = kids(cls).find((k) => k.type === "class_heritage");
    const base = kids(kids(heritage).find((k) => k.type === "extends_clause")).find((k) => k.type === "call_expression");
    const f = base?.childForFieldName("function");
    const arg = base ? argsOf(base)[0] : undefined;
    if (!f || !arg || r.importOf(f)?.name !== "McpHttpControllerFor" || r.importOf(f)?.module !== NEST || r.deref(arg) !== transport) continue;
    claimed = true;
    for (const d of decoratorsOf(cls)) {
      const call = kids(d).find((k) => k.type === "call_expression");
      const fn = call?.childForFieldName("function");
      const guards = call ? argsOf(call) : [];
      if (fn && r.importOf(fn)?.name === "UseGuards" && r.importOf(fn)?.module === "@nestjs/common" && guards.length > 0) {
        return routeGuards(guards.map((g) => r.src(g)), `@UseGuards(${guards.map((g) => r.src(g)).join(", ")}) on McpHttpControllerFor controller ${r.src(cls.childForFieldName("name") ?? f)}`);
      }
    }
  }
  return {
    elsewhere: claimed
      ? "its McpHttpControllerFor controller sets no @UseGuards; a guard the app registers globally in another file (APP_GUARD, app.useGlobalGuards) decides the authentication in front of it"
      : "McpStrategy has no guards option; a McpHttpControllerFor controller of another file that claims the route, and its @UseGuards, decide the authentication in front of it",
  };
}

/** `new McpStrategy({ name, transports })` of mcp-nest v2: the server, and an endpoint per HTTP transport made here. */
function nestStrategy(r: Resolver, root: TsNode, ne: TsNode): { server: WrapperServer; endpoints: WrapperEndpoint[] } {
  const options = argsOf(ne)[0];
  const { name, nameNode } = named(r, ne, options, holderName(r, ne) ?? "McpStrategy");
  const anonymous = anonymousAccess(r, options, "new McpStrategy");
  const endpoints: WrapperEndpoint[] = [];
  let stdio = false;
  for (const item of r.items(r.prop(options, "transports"))) {
    const made = r.deref(item);
    const ctor = made.type === "new_expression" ? made.childForFieldName("constructor") : null;
    const kind = ctor && r.importOf(ctor)?.module === NEST ? r.importOf(ctor)?.name : undefined;
    if (kind === "StdioTransport") stdio = true;
    if (kind !== "StreamableHttpTransport") continue;
    const endpointNode = r.prop(argsOf(made)[0], "endpoint");
    const judged = anonymous ? { elsewhere: anonymous } : controllerGuard(r, root, made);
    endpoints.push({ call: made, method: "ANY", path: `/${segment(r, endpointNode, "mcp")}`, pathNode: endpointNode ?? made, sites: [made], ...judged, nest: { method: "ANY", ...(anonymous ? { anonymous: true } : {}) } });
  }
  const transport: Transport = endpoints.length > 0 ? "http" : stdio ? "stdio" : "unknown";
  return { server: { name, nameNode, node: ne, scope: ne, tools: [], transport }, endpoints };
}

function nestFeature(r: Resolver, call: TsNode): NestFeature {
  const [list, server] = argsOf(call);
  return { serverName: (server && r.stringOf(server)) ?? "", providers: r.items(list).filter((n) => n.type === "identifier") };
}

/** A class whose methods carry `@Tool({ name, annotations })` of @rekog/mcp-nest (a provider's tools). */
export interface NestToolClass {
  readonly name: string;
  /** `export default class X`: imported by another file as its default. */
  readonly isDefault: boolean;
  readonly tools: readonly RegisteredTool[];
}

/**
 * The tool classes of a file: each method decorated with `@Tool(...)` is a tool named by its
 * options' `name`, else by the method (as mcp-nest names it), destructive by its annotations.
 * Method decorators stand before the method in the class body.
 */
export function nestToolClasses(r: Resolver, root: TsNode): NestToolClass[] {
  const out: NestToolClass[] = [];
  // `export default class X` is a `class` node in the grammar.
  for (const cls of nodesOfType(root, ["class_declaration", "class"])) {
    const nameNode = cls.childForFieldName("name");
    const tools: RegisteredTool[] = [];
    let decorators: TsNode[] = [];
    for (const member of kids(cls.childForFieldName("body"))) {
      if (member.type === "decorator") {
        decorators.push(member);
        continue;
      }
      const method = member.type === "method_definition" ? member.childForFieldName("name") : null;
      for (const d of method ? decorators : []) {
        const tool = kids(d)[0];
        const f = tool?.type === "call_expression" ? tool.childForFieldName("function") : null;
        const imported = f ? r.importOf(f) : undefined;
        if (!tool || imported?.name !== "Tool" || imported.module !== "@rekog/mcp-nest" || !method) continue;
        const options = argsOf(tool)[0];
        const nameProp = r.prop(options, "name");
        const given = nameProp ? r.value(nameProp) : undefined;
        const name = given?.ref.kind === "literal" ? given.raw : r.src(method);
        tools.push({ name, destructive: isDestructive(r, name, [options]), loc: r.loc(nameProp ?? method) });
      }
      decorators = [];
    }
    const isDefault = isDefaultExport(cls.parent);
    if (nameNode && tools.length > 0) out.push({ name: r.src(nameNode), isDefault, tools });
  }
  return out;
}

/** A path option without its slashes (`"mcp"`, `"/api/"` -> `api`), or the default. */
function segment(r: Resolver, n: TsNode | undefined, fallback: string): string {
  const s = n ? r.stringOf(n) : undefined;
  return (s ?? fallback).replace(/^\/+|\/+$/g, "");
}
