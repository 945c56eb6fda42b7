/**
 * mcp-lite (fiberplane, npm `mcp-lite`): its `new McpServer({ name, version })` and `server.tool(...)`
 * are read as the SDK's (typescript-sdk-server.ts matches the class by name); it serves HTTP through
 * `new StreamableHttpTransport().bind(server)`, a fetch-style handler (`(request) => Promise<Response>`)
 * that the app's own route calls (`app.all("/mcp", (c) => handler(c.req.raw))`, a `fetch` export,
 * `Bun.serve`). Those `bind` calls make handlers as the v2 SDK's makers do (sdkHandlers): the names
 * bound to them are what hands a request to MCP, and the routes that call one are its endpoints.
 */
import type { TsNode } from "../../parse/typescript.js";
import type { Resolver } from "./ts-values.js";

const MCP_LITE = "mcp-lite";
const LITE_HTTP_TRANSPORT = "StreamableHttpTransport";

/** `new StreamableHttpTransport(...)` of a class this file imports from mcp-lite. */
function isLiteTransport(r: Resolver, n: TsNode): boolean {
  const ctor = n.type === "new_expression" ? n.childForFieldName("constructor") : null;
  const imported = ctor ? r.importOf(ctor) : undefined;
  return imported?.name === LITE_HTTP_TRANSPORT && imported.module === MCP_LITE;
}

/** The `transport.bind(server)` calls on an mcp-lite HTTP transport (a const bound to one, or the `new` itself). */
export function liteHandlerCalls(r: Resolver, calls: readonly TsNode[]): TsNode[] {
  return calls.filter((call) => {
    const f = call.childForFieldName("function");
    const property = f?.type === "member_expression" ? f.childForFieldName("property") : null;
    const object = f?.type === "member_expression" ? f.childForFieldName("object") : null;
    return property !== null && object !== null && r.src(property) === "bind" && isLiteTransport(r, r.deref(object));
  });
}
