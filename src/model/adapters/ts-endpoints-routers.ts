/**
 * HTTP endpoints that a file's calls register on an app or router: express, hono and
 * fastify routes (`app.post("/mcp", ...)`, hono's `app.on(...)`, fastify's `app.route({...})`
 * and its MCP plugins), with the guard in front of each (ts-route-guards.ts) or why another
 * file decides it; and, dispatched from the same calls, the whole-server handlers of
 * ts-endpoints-serve.ts.
 */
import { nodesOfType } from "../../parse/ts-nodes-by-type.js";
import type { TsNode } from "../../parse/typescript.js";
import { ownEntry } from "../../util/own.js";
import { anonymousLayerReason, optionalAuthReason } from "./optional-auth.js";
import { MCP_NAME, MCP_PATH, type Endpoint } from "./ts-endpoint.js";
import { bunRoutes, wholeServerEndpoint } from "./ts-endpoints-serve.js";
import { delegation, factoryHandler, projectHandler, type FactoryHandler } from "./ts-handler-delegation.js";
import { exportedReceiver, mountedElsewhere } from "./ts-route-exports.js";
import { basePathOf, chainedUseGuard, checksFirst, registeredAuthPlugin, hookGuard, INLINE_AUTH, laxLayer, MCP_METHODS, middlewareGuard, mountGuard, optionalHook, optionalLayer, ROUTE_METHODS, routeOf, switchedUse, useGuard } from "./ts-route-guards.js";
import { switchedCheck, switchedReason } from "./ts-switched-auth.js";
import { argsOf, type CodeInput, type Resolver } from "./ts-values.js";

/** `reaches`: text that hands a request to MCP (a transport, or one of the v2 SDK's handlers named in `handlers`). */
export function findEndpoints(r: Resolver, input: CodeInput, calls: readonly TsNode[], uses: readonly TsNode[], hooks: readonly TsNode[], mcpFile: boolean, reaches: RegExp, handlers: ReadonlySet<string>): Endpoint[] {
  const { root } = input;
  const out: Endpoint[] = [];
  for (const call of calls) {
    const fn = r.calleeName(call);
    const args = argsOf(call);
    // `app.post("/mcp", ..., handler)`, or Express's `app.route("/mcp").post(handler).get(handler)`.
    const routed = fn && ROUTE_METHODS.has(fn) ? routeOf(r, call) : undefined;
    // Hono's `app.on("POST" | ["GET", "POST"], "/mcp", ..., handler)`: the methods come first.
    const onMethods = fn === "on" && args.length >= 3 ? httpMethods(r, args[0] as TsNode) : undefined;
    // Fastify's full declaration `app.route({ method, url, onRequest, preHandler, handler })`: read as `app.method(url, options, handler)`.
    const full = fn === "route" && args.length === 1 ? fastifyRoute(r, args[0] as TsNode) : undefined;
    if (fn && (ROUTE_METHODS.has(fn) || onMethods || full) && r.receiverOf(call) !== undefined && (args.length >= 2 || (routed && args.length >= 1) || full)) {
      const rest = full ? [full.url, full.options, full.handler] : onMethods ? args.slice(1) : args;
      const method = full?.method ?? onMethods ?? fn.toUpperCase();
      const handler = rest[rest.length - 1] as TsNode;
      // A method of the class around the route (`this.handleMcp.bind(this)`) when it serves MCP itself.
      const own = r.methodOf(handler);
      const fnNode = own && reaches.test(r.src(own)) ? own : r.functionOf(handler);
      const handed = delegation(r, fnNode);
      const handlerText = r.src(fnNode) + handed.text;
      // By path alone only when the handler cannot be read here (imported, a parameter, built by a call
      // such as `mcp.handle.bind(mcp)`, or it hands its request to such a function): a handler written
      // out that never hands the request to a transport (`c.text("ok")`) is not MCP.
      const opaque = ["identifier", "member_expression", "call_expression"].includes(fnNode.type) || handed.opaque;
      // In a routes file that names no MCP class (`router.post("/mcp", auth, (req, res) => handleMcpRequest(req, res))`):
      // a handler, or a function it hands the request to, imported under an MCP name.
      const mcpNamed = [...(fnNode.type === "identifier" && r.importOf(fnNode) !== undefined ? [r.src(fnNode)] : []), ...handed.imported].some((n) => MCP_NAME.test(n));
      // Express also takes an array of paths (`app.all(["/mcp", "/"], ...)`): one endpoint each.
      const given = routed ?? (rest[0] as TsNode);
      const pathNodes = r.deref(given).type === "array" ? r.items(given) : [given];
      const base = basePathOf(r, call);
      // The project factory the handler is destructured from, looked up once per route and only when needed.
      let made: [FactoryHandler | undefined] | undefined;
      for (const pathNode of pathNodes) {
        const own = r.stringOf(pathNode);
        // Hono's catch-all `app.all("*", ...)` serves every path (express 4 reads "*" the same way).
        if (own === undefined || !(own.startsWith("/") || own === "*")) continue;
        const path = base === undefined ? own : `${base}${own === "/" ? "" : own === "*" ? "/*" : own}`;
        if (!reaches.test(handlerText) && !(MCP_PATH.test(path) && (((mcpFile || mcpNamed) && opaque) || MCP_METHODS.test(handlerText))) && !(made ??= [factoryHandler(r, input, fnNode)])[0]) continue;
        // The app's own use calls are relative to its base path, as its routes are.
        // A credential-header check the handler makes only when a value is set (`if (authToken) { ...401 }`) guards nothing for sure.
        const switchedInline = INLINE_AUTH.test(handlerText) ? switchedCheck(r, [fnNode, ...handed.targets], INLINE_AUTH, reaches) : undefined;
        const inline = INLINE_AUTH.test(handlerText) && switchedInline === undefined ? "the handler checks a credential header" : undefined;
        const guard = middlewareGuard(r, rest.slice(1, -1)) ?? useGuard(r, uses, call, own) ?? mountGuard(r, uses, call) ?? hookGuard(r, hooks, call) ?? chainedUseGuard(r, call, own) ?? inline ?? [fnNode, ...handed.targets].map((f) => checksFirst(r, f, reaches)).find((g) => g !== undefined);
        // An authentication layer a switch sets up (`if (process.env.MCP_AUTH_TOKEN) app.use(auth)`), or such a check: not known to be open or guarded.
        const switched = guard ? undefined : (switchedUse(r, uses, call, own) ?? (switchedInline !== undefined ? { layer: "the handler's credential-header check", when: switchedInline } : undefined));
        // requireBearerAuth given a verifier that accepts every token: open, or (no expiresAt) as the SDK version decides.
        const lax = guard || switched ? undefined : laxLayer(r, rest.slice(1, -1), uses, call, own);
        // An optional-auth layer in front (`optionalAuth`): the route is not known to be open or guarded.
        const optional = guard || lax?.open ? undefined : switched ? switchedReason(switched.layer, switched.when) : lax ? anonymousLayerReason(lax.layer, lax.how) : (optionalLayer(r, rest.slice(1, -1), uses, call, own) ?? optionalHook(r, hooks, call));
        // Fastify's `app.register(authPlugin)` before it: what the plugin adds is not shown here.
        const plugin = guard || optional ? undefined : registeredAuthPlugin(r, calls, call);
        // A handler of another project file that serves MCP there (`router.post("/mcp", mcpHandler)`): it may check the caller itself.
        const served = guard || optional || plugin || reaches.test(handlerText) ? undefined : projectHandler(r, input, fnNode, handed.imported);
        const factory = guard || optional || plugin || served || reaches.test(handlerText) ? undefined : (made ??= [factoryHandler(r, input, fnNode)])[0];
        // That factory's file, when scanned, tells what the handler checks first (model/code-links.ts).
        const elsewhere = guard
          ? undefined
          : optional
            ? { why: switched || lax ? optional : optionalAuthReason(optional) }
            : plugin
              ? { why: plugin }
              : served
                ? { why: `the handler ${served.text} of ${served.ref.module} serves MCP, and what it checks first decides the authentication in front of it` }
                : factory
                  ? { why: `the handler ${r.src(fnNode)} is made by ${factory.shown}, which decides what it checks first` }
                  : mountedElsewhere(r, root, uses, call);
        // An exported app (a hono or express sub-app) may be mounted by another file behind its guard.
        const router = elsewhere ? elsewhere.router : guard ? undefined : exportedReceiver(r, root, call);
        out.push({ call, method, path, pathNode, ...(guard ? { guard } : {}), ...(lax?.open ? { note: `${lax.layer} ${lax.how}` } : {}), ...(elsewhere ? { elsewhere: elsewhere.why } : {}), ...(router ? { router } : {}), ...(served ? { handler: served.ref } : factory ? { handler: factory.ref } : {}) });
      }
    } else if (fn === "register" && args[0]) {
      out.push(...fastifyPluginEndpoints(r, root, call, uses, hooks));
    } else if (fn === "createServer" || fn === "serve") {
      // node `http.createServer(handler)`, `createServer(toNodeHandler(mcp))`; `Deno.serve(handler)`, `Deno.serve(mcp.fetch)`.
      const handler = args.find((a) => ["arrow_function", "function_expression", "identifier", "call_expression", "member_expression"].includes(a.type));
      const fnNode = call.childForFieldName("function") ?? call;
      const e = handler ? wholeServerEndpoint(r, call, fnNode, r.functionOf(handler), reaches) : undefined;
      if (e) out.push(e);
      if (fn === "serve") out.push(...bunRoutes(r, args[0], reaches));
    }
  }
  // A fetch handler (`export default { fetch(request) {...} }` on Cloudflare Workers, `Bun.serve({ fetch })`, `{ fetch: mcp.fetch }`).
  for (const n of [...nodesOfType(root, "method_definition"), ...nodesOfType(root, "pair")]) {
    const key = n.childForFieldName(n.type === "pair" ? "key" : "name");
    if (!key || r.keyText(key) !== "fetch") continue;
    const value = n.type === "pair" ? n.childForFieldName("value") : n;
    // A fetch-style handler made here (mcp-lite's `transport.bind(server)`) given as the fetch: it serves every path.
    if (value?.type === "identifier" && handlers.has(r.src(value))) out.push({ call: n, method: "ANY", path: "*", pathNode: key });
    if (!value || !["arrow_function", "function_expression", "method_definition", "member_expression"].includes(value.type)) continue;
    const e = wholeServerEndpoint(r, n, key, value, reaches);
    if (e) out.push(e);
  }
  // The v2 SDK's `{ fetch }` handler as the module's default export (Workers, Bun, Deno serve it on every path).
  for (const ex of nodesOfType(root, "export_statement")) {
    const value = ex.childForFieldName("value");
    if (value?.type === "identifier" && handlers.has(r.src(value))) out.push({ call: ex, method: "ANY", path: "*", pathNode: value });
  }
  return out.sort((a, b) => a.call.startIndex - b.call.startIndex);
}

/**
 * The paths (option, default) a fastify MCP plugin registers its routes on, by package and
 * imported name: fastify-mcp's `streamableHttp` (POST/GET/DELETE on `mcpEndpoint`) and
 * `fastifyMCPSSE` (`sseEndpoint`, `messagesEndpoint`); fastify-mcp-server's default export
 * (`FastifyMcpStreamableHttp`, on `endpoint`, `/mcp` by default).
 */
const FASTIFY_MCP_PLUGINS: Readonly<Record<string, (name: string) => readonly (readonly [string, string])[] | undefined>> = {
  "fastify-mcp": (name) => (name === "streamableHttp" ? [["mcpEndpoint", "/mcp"]] : name === "fastifyMCPSSE" ? [["sseEndpoint", "/sse"], ["messagesEndpoint", "/messages"]] : undefined),
  "fastify-mcp-server": (name) => (name === "getMcpDecorator" ? undefined : [["endpoint", "/mcp"]]),
};

/** fastify-mcp-server's own bearer check (the SDK's requireBearerAuth in front of its routes). */
const FASTIFY_MCP_BEARER = ["authorization.bearerMiddlewareOptions", "authorization.bearerTokenProvider", "bearerMiddleware", "middlewares.bearerAuthMiddlewareOptions"];

/**
 * `app.register(streamableHttp, { mcpEndpoint: "/mcp", createServer })` of a fastify MCP plugin: an
 * endpoint on each path it registers (under the register's `prefix`), guarded by an auth hook of
 * the app (fastify runs the parent's onRequest/preHandler hooks for a plugin's routes) or the
 * plugin's own bearer options; on an app passed in, the code that passes it decides.
 */
function fastifyPluginEndpoints(r: Resolver, root: TsNode, call: TsNode, uses: readonly TsNode[], hooks: readonly TsNode[]): Endpoint[] {
  const [plugin, options] = argsOf(call);
  const imported = plugin?.type === "identifier" ? r.importOf(plugin) : undefined;
  const paths = imported ? ownEntry(FASTIFY_MCP_PLUGINS, imported.module)?.(imported.name) : undefined;
  if (!plugin || !paths) return [];
  const prefixNode = r.prop(options, "prefix");
  const prefix = ((prefixNode && r.stringOf(prefixNode)) ?? "").replace(/\/+$/, "");
  const bearer = FASTIFY_MCP_BEARER.find((key) => key.split(".").reduce<TsNode | undefined>((o, k) => r.prop(o, k), options) !== undefined);
  const guard = hookGuard(r, hooks, call) ?? (bearer ? `${r.src(plugin)} with ${bearer}` : undefined);
  const optional = guard ? undefined : optionalHook(r, hooks, call);
  const elsewhere = guard ? undefined : optional ? { why: optionalAuthReason(optional) } : mountedElsewhere(r, root, uses, call);
  return paths.map(([key, fallback]) => {
    const given = r.prop(options, key);
    const path = `${prefix}${(given && r.stringOf(given)) ?? fallback}` || "/";
    return { call, method: "ANY", path, pathNode: given ?? plugin, ...(guard ? { guard } : {}), ...(elsewhere ? { elsewhere: elsewhere.why } : {}), ...(elsewhere?.router ? { router: elsewhere.router } : {}) };
  });
}

/** Fastify's `route({ method, url, handler, ...hooks })` options: its methods, URL, handler and the options (where its hooks are); undefined for another shape. */
function fastifyRoute(r: Resolver, arg: TsNode): { method: string; url: TsNode; handler: TsNode; options: TsNode } | undefined {
  const options = r.deref(arg);
  const url = r.prop(options, "url") ?? r.prop(options, "path");
  const handler = r.prop(options, "handler");
  const methodNode = r.prop(options, "method");
  const method = methodNode ? httpMethods(r, methodNode) : undefined;
  return url && handler && method ? { method, url, handler, options } : undefined;
}

/** The HTTP methods of hono's `on(...)` ("POST" or ["GET", "POST"]) as "GET/POST"; undefined when it is another library's `on` (an event name). */
function httpMethods(r: Resolver, n: TsNode): string | undefined {
  const names = (r.deref(n).type === "array" ? r.items(n) : [n]).map((x) => r.stringOf(x)?.toUpperCase());
  const ok = names.length > 0 && names.every((m) => m !== undefined && (ROUTE_METHODS.has(m.toLowerCase()) || m === "OPTIONS" || m === "HEAD"));
  return ok ? names.join("/") : undefined;
}
