/**
 * An xmcp project's own HTTP server (basementstudio/xmcp, without its Next.js
 * or express adapter): `xmcp.config.ts` at the project root turns it on with
 * `http: true` or `http: { port, host, endpoint }` (endpoint `/mcp` by
 * default, compiler/config/schemas/transport/http.ts), and xmcp runs the
 * default export of `src/middleware.ts` beside it (a middleware or a list of
 * them, `apiKeyAuthMiddleware`, `jwtAuthMiddleware`, a function of the
 * project) in front of every request (compiler/index.ts watches exactly
 * `./src/middleware.ts`, and only when no `experimental.adapter` is set).
 *
 * The endpoint is made open here, naming that middleware file: the links
 * (engine/link-context.ts, model/code-links.ts) read it as they read a
 * Next.js middleware and decide. An `experimental.oauth` object instead puts
 * xmcp's OAuth proxy in front of the endpoint (the compiler injects it as
 * OAUTH_CONFIG; auth/oauth/router.ts createOAuthMiddleware answers 401 to a
 * request without a valid bearer token), so the endpoint requires
 * authentication whatever the middleware file does, unless `oauth.middleware`
 * is false.
 */
import { isXmcpConfig } from "../../parse/mcp-code-markers.js";
import type { TsNode } from "../../parse/typescript.js";
import { isDefaultExport, kids, type Resolver } from "./ts-values.js";
import type { WrapperEndpoint, WrapperServer } from "./typescript-sdk-wrappers.js";

/** The middleware file xmcp runs for the project whose config this is. */
export const xmcpMiddlewarePath = (config: string): string => `${config.slice(0, config.lastIndexOf("/") + 1)}src/middleware.ts`;

/** The server and HTTP endpoint an xmcp config turns on; nothing when it serves no HTTP of its own. */
export function xmcpServer(r: Resolver, file: string, root: TsNode): { servers: WrapperServer[]; endpoints: WrapperEndpoint[] } {
  const none = { servers: [], endpoints: [] };
  const config = defaultExport(r, root);
  if (!isXmcpConfig(file) || config === undefined) return none;
  const http = r.prop(config, "http");
  const httpValue = http ? r.deref(http) : undefined;
  // An adapter (nextjs, express) serves the tools through the app's own routes instead.
  if (!http || !httpValue || httpValue.type === "false" || r.prop(r.prop(config, "experimental"), "adapter")) {
    return r.prop(config, "stdio") ? { servers: [server(r, config, "stdio")], endpoints: [] } : none;
  }
  const endpointNode = httpValue.type === "object" ? r.prop(httpValue, "endpoint") : undefined;
  const path = (endpointNode && r.stringOf(endpointNode)) ?? "/mcp";
  const middleware = xmcpMiddlewarePath(file);
  // `oauth.middleware: false` keeps the OAuth routes but drops the bearer check (schemas/oauth.ts, default true).
  const oauth = r.prop(r.prop(config, "experimental"), "oauth");
  const middlewareProp = r.prop(oauth, "middleware");
  const checks = oauth && r.deref(oauth).type === "object" && !(middlewareProp && r.deref(middlewareProp).type === "false");
  const judged = checks
    ? { guard: "xmcp experimental.oauth (its OAuth proxy checks a bearer token)" }
    : { note: `xmcp serves it with what ${middleware} exports in front of it, and that file is not in the scan or authenticates no one`, middleware };
  const endpoint: WrapperEndpoint = { call: http, method: "ANY", path, pathNode: endpointNode ?? http, sites: [http], ...judged };
  return { servers: [server(r, config, "http")], endpoints: [endpoint] };
}

function server(r: Resolver, config: TsNode, transport: "http" | "stdio"): WrapperServer {
  const nameNode = r.prop(r.prop(config, "server"), "name") ?? r.prop(r.prop(config, "template"), "name");
  const name = nameNode ? r.value(nameNode) : undefined;
  const named = name?.ref.kind === "literal" && nameNode ? { name: name.raw, nameNode } : { name: "xmcp", nameNode: config };
  return { ...named, node: config, scope: config, tools: [], transport };
}

/** `export default config` (a const bound to an object), `export default { ... }`, `export default defineConfig({ ... })`. */
function defaultExport(r: Resolver, root: TsNode): TsNode | undefined {
  for (const ex of kids(root)) {
    if (!isDefaultExport(ex)) continue;
    const value = ex.childForFieldName("value") ?? ex.childForFieldName("declaration");
    const d = value ? r.deref(value) : undefined;
    const inner = d?.type === "call_expression" ? r.deref(kids(d.childForFieldName("arguments"))[0] ?? d) : d;
    return inner?.type === "object" ? inner : undefined;
  }
  return undefined;
}
