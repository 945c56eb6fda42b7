/**
 * HTTP endpoints of TanStack Start's server routes that serve MCP (`createFileRoute("/mcp")({ server })`,
 * the release candidates' `createServerFileRoute`, the betas' `createAPIFileRoute`), guarded by an auth
 * middleware of the route or method, or a check the handler makes first.
 */
import type { TsNode } from "../../parse/typescript.js";
import { optionalAuthReason } from "./optional-auth.js";
import { FRAMEWORK_HOOKS, HTTP_METHODS, MCP_NAME, MCP_PATH, methodTable, type Endpoint } from "./ts-endpoint.js";
import { delegation } from "./ts-handler-delegation.js";
import { FUNCTIONS, handlerGuard, MCP_METHODS, middlewareGuard, optionalMiddleware } from "./ts-route-guards.js";
import { argsOf, kids, type Resolver } from "./ts-values.js";

/** TanStack Start's packages (`@tanstack/react-start`, `@tanstack/solid-router`, the betas' `@tanstack/start`). */
const TANSTACK_MODULE = /^@tanstack\/(?:(?:react|solid|vue)-(?:router|start)|start)(?:\/|$)/;

/**
 * TanStack Start's server routes that serve MCP: `createFileRoute("/mcp")({ server: { middleware, handlers: { POST } } })`
 * (handlers also as `({ createHandlers }) => createHandlers({ POST: { middleware, handler } })`), the release
 * candidates' `createServerFileRoute("/mcp").middleware([...]).methods({ POST })` and the betas'
 * `createAPIFileRoute("/api/mcp")({ POST })`. Each method whose handler reaches MCP is an endpoint on the route's
 * path, guarded by an auth middleware of the route or of the method, or by a check its handler makes first; else
 * TanStack Start's global request middleware (`src/start.ts`), which this file does not show, may: unknown.
 */
export function tanstackRoutes(r: Resolver, calls: readonly TsNode[], mcpFile: boolean, reaches: RegExp): Endpoint[] {
  const out: Endpoint[] = [];
  for (const call of calls) {
    const route = tanstackRoute(r, call);
    if (!route) continue;
    for (const m of methodTable(r, route.table)) {
      if (!HTTP_METHODS.has(m.method) && m.method !== "ANY") continue;
      // `{ middleware: [auth], handler }` (createHandlers), or the release candidates' `api.middleware([auth]).handler(fn)`.
      const own = r.deref(m.value);
      const chained = own.type === "call_expression" && r.calleeName(own) === "handler" ? own : undefined;
      const handler = own.type === "object" ? (r.prop(own, "handler") ?? own) : chained ? (argsOf(chained)[0] ?? own) : m.value;
      const middle = [...route.middleware, ...(own.type === "object" ? [r.prop(own, "middleware")] : chained ? chainedMiddleware(r, chained) : [])].filter((x): x is TsNode => x !== undefined);
      const fn = r.functionOf(handler);
      const handed = delegation(r, fn);
      const text = r.src(fn) + handed.text;
      const opaque = ["identifier", "member_expression", "call_expression"].includes(fn.type) || handed.opaque;
      // An imported handler, or one an imported maker makes (`const handler = createMcpHandler(mcp)`), under an MCP name.
      const maker = fn.type === "call_expression" ? fn.childForFieldName("function") : fn;
      const mcpNamed = [...(maker?.type === "identifier" && r.importOf(maker) !== undefined ? [r.src(maker)] : []), ...handed.imported].some((n) => MCP_NAME.test(n));
      if (!reaches.test(text) && !(MCP_PATH.test(route.path) && (((mcpFile || mcpNamed) && opaque) || MCP_METHODS.test(text)))) continue;
      const guard = middlewareGuard(r, middle) ?? handlerGuard(r, [fn, ...handed.targets], reaches);
      const optional = guard ? undefined : optionalMiddleware(r, middle);
      const elsewhere = guard ? undefined : optional ? optionalAuthReason(optional) : `TanStack Start runs ${FRAMEWORK_HOOKS["TanStack Start"]} in front of every route, which may authenticate the caller`;
      out.push({ call: m.value, method: m.method, path: route.path, pathNode: m.at, ...(guard ? { guard } : {}), ...(elsewhere ? { elsewhere } : {}) });
    }
  }
  return out;
}

/** The path, handler table and route middleware of a TanStack Start server route made by this call, if it is one. */
function tanstackRoute(r: Resolver, call: TsNode): { path: string; table: TsNode | undefined; middleware: TsNode[] } | undefined {
  const f = call.childForFieldName("function");
  if (f?.type === "call_expression") {
    // `createFileRoute("/mcp")({ server })`, `createAPIFileRoute("/api/mcp")({ POST })`.
    const maker = tanstackMaker(r, f);
    if (maker !== "createFileRoute" && maker !== "createAPIFileRoute") return undefined;
    const path = routePath(r, f);
    const options = argsOf(call)[0];
    if (path === undefined || !options) return undefined;
    if (maker === "createAPIFileRoute") return { path, table: options, middleware: [] };
    const server = r.prop(options, "server");
    const handlers = r.prop(server, "handlers");
    if (!handlers) return undefined;
    const made = r.functionOf(handlers);
    const table = FUNCTIONS.has(made.type) ? argsOf(made.descendantsOfType("call_expression").find((c) => r.calleeName(c) === "createHandlers") ?? made)[0] : handlers;
    const middleware = r.prop(server, "middleware");
    return { path, table, middleware: middleware ? [middleware] : [] };
  }
  // `createServerFileRoute("/mcp").middleware([auth]).methods({ POST })`.
  if (r.calleeName(call) !== "methods") return undefined;
  const middleware: TsNode[] = [];
  let obj = f?.type === "member_expression" ? f.childForFieldName("object") : null;
  while (obj?.type === "call_expression" && r.calleeName(obj) === "middleware" && obj.childForFieldName("function")?.type === "member_expression") {
    middleware.push(...argsOf(obj).slice(0, 1));
    obj = obj.childForFieldName("function")?.childForFieldName("object") ?? null;
  }
  const path = obj?.type === "call_expression" && tanstackMaker(r, obj) === "createServerFileRoute" ? routePath(r, obj) : undefined;
  if (path === undefined) return undefined;
  // `.methods((api) => ({ POST: api.handler(fn) }))`: the table the function returns.
  const given = argsOf(call)[0];
  const made = given ? r.functionOf(given) : undefined;
  const body = made && FUNCTIONS.has(made.type) ? made.childForFieldName("body") : undefined;
  const table = body?.type === "parenthesized_expression" ? kids(body)[0] : body?.type === "statement_block" ? kids(kids(body).find((k) => k.type === "return_statement"))[0] : given;
  return { path, table, middleware };
}

/** The TanStack Start route maker a call calls (`createFileRoute`, imported from a TanStack package), if any. */
function tanstackMaker(r: Resolver, call: TsNode): string | undefined {
  const f = call.childForFieldName("function");
  const imported = f?.type === "identifier" ? r.importOf(f) : undefined;
  return imported && TANSTACK_MODULE.test(imported.module) ? imported.name : undefined;
}

/** The literal path a route maker is given (`createFileRoute("/mcp")`). */
function routePath(r: Resolver, maker: TsNode): string | undefined {
  const arg = argsOf(maker)[0];
  const path = arg ? r.stringOf(arg) : undefined;
  return path?.startsWith("/") ? path : undefined;
}

/** The middleware of a release candidate's method chain (`api.middleware([auth]).handler(fn)`). */
function chainedMiddleware(r: Resolver, handler: TsNode): TsNode[] {
  const obj = handler.childForFieldName("function")?.childForFieldName("object");
  return obj?.type === "call_expression" && r.calleeName(obj) === "middleware" ? argsOf(obj).slice(0, 1) : [];
}
